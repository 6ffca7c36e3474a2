/* SPDX-License-Identifier: GPL-2.0 */
/* CPL 3 entry and the SYSCALL entry (user.h). */
	.text

/* long user_run(long (*fn)(long) rdi, long arg rsi, uint64_t rflags rdx) */
	.globl user_run
user_run:
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, user_kernel_rsp(%rip)
	leaq	user_stack_top(%rip), %rax
	subq	$8, %rax		/* as after a CALL: fn's frame starts 16-byte aligned + 8 */
	movq	$user_return, (%rax)	/* fn returning is user_exit(its value) */
	pushq	$0x1b			/* SS */
	pushq	%rax			/* RSP */
	pushq	%rdx			/* RFLAGS */
	pushq	$0x23			/* CS */
	pushq	%rdi			/* RIP */
	movq	%rsi, %rdi
	iretq

/* long user_syscall(long nr rdi, long arg rsi) */
	.globl user_syscall
user_syscall:
	movq	%rdi, %rax
	movq	%rsi, %rdi
	syscall
	ret

user_return:
	movq	%rax, %rdi
/* void user_exit(long code) */
	.globl user_exit
user_exit:
	movq	$0, %rax		/* SYS_EXIT */
	syscall
1:	jmp	1b

/* SYSCALL: RCX = user RIP, R11 = user RFLAGS, RAX = nr, RDI = arg; user stack. */
	.globl syscall_entry
syscall_entry:
	testq	%rax, %rax
	jz	1f
	pushq	%rcx
	pushq	%r11
	subq	$8, %rsp		/* the SysV ABI's alignment at the call */
	movq	%rax, %rsi		/* (nr, arg, rflags) */
	xchgq	%rdi, %rsi
	pushfq
	popq	%rdx
	cld				/* the C ABI's DF = 0; SFMASK may leave DF set */
	call	user_syscall_dispatch
	addq	$8, %rsp
	popq	%r11
	popq	%rcx
	sysretq
1:	cld
	movq	%rdi, %rax
	movq	user_kernel_rsp(%rip), %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ret

	.bss
	.balign 16
user_kernel_rsp:
	.quad	0
	.balign 16
user_stack:
	.skip	8192
user_stack_top:
