/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 256 interrupt stubs, 16 bytes apart: each pushes a zero error code where
 * the CPU pushes none (SDM Vol. 3A Table 6-1), then its vector, and joins
 * isr_common, which saves the general registers and calls
 * intr_dispatch(struct intr_frame *).
 */
	.text
	.macro stub n
	.balign 16
	.if (\n == 8) || (\n >= 10 && \n <= 14) || (\n == 17) || (\n == 21) || (\n == 29) || (\n == 30)
	.else
	pushq	$0
	.endif
	pushq	$\n
	jmp	isr_common
	.endm

	.altmacro
	.balign 16
	.globl isr_stubs
isr_stubs:
	.set vec, 0
	.rept 256
	stub %vec
	.set vec, vec + 1
	.endr
	.noaltmacro

isr_common:
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, %rdi
	cld
	call	intr_dispatch
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	addq	$16, %rsp
	iretq
