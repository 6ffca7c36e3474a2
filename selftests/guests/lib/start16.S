/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entry of the real-mode test guests, built with gcc -m16 (32-bit operand
 * and address prefixes on 16-bit code) and loaded in the first 64 KiB.
 * RTVMX_BOOT_REAL_MODE gives CS = DS = SS = 0 here, EDI = the --arg value and
 * interrupts off. Before C runs, the data segments get 4 GiB limits ("unreal"
 * or "big real" mode: a trip through protected mode loads the descriptors,
 * and the CPU keeps the limits when it returns to real mode), so C can
 * reach the MMIO test device above 1 MiB with 32-bit addresses. The
 * selectors are not reloaded in real mode, which would change the bases.
 */
#define SEL_CODE16	0x08	/* 16-bit code, base 0, limit 64 KiB */
#define SEL_DATA	0x10	/* 16-bit data, base 0, limit 4 GiB */
#define SEL_WINDOW	0x18	/* the same with the base real_set_window() gives it */
#define STACK_TOP	0xfff0

	.section .text.start, "ax"
	.code16
	.globl _start
	.type _start, @function
_start:
	lgdtl	gdt_ptr
	movl	%cr0, %eax
	orb	$1, %al
	movl	%eax, %cr0
	ljmp	$SEL_CODE16, $1f
1:	movw	$SEL_DATA, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %fs
	movw	%ax, %gs
	movw	%ax, %ss
	movl	%cr0, %eax
	andb	$0xfe, %al
	movl	%eax, %cr0
	ljmp	$0, $2f
2:	movl	$STACK_TOP, %esp
	pushl	%edi
	calll	guest_main
	movl	%eax, (%esp)
	calll	guest_shutdown		/* does not return */
3:	hlt
	jmp	3b
	.size _start, . - _start

/*
 * void real_set_window(unsigned long base): ES and FS get base @base and a
 * 4 GiB limit, through protected mode. Interrupts are off throughout.
 */
	.globl real_set_window
	.type real_set_window, @function
real_set_window:
	movl	4(%esp), %eax
	movw	%ax, gdt + SEL_WINDOW + 2	/* base 15:0 */
	shrl	$16, %eax
	movb	%al, gdt + SEL_WINDOW + 4	/* base 23:16 */
	movb	%ah, gdt + SEL_WINDOW + 7	/* base 31:24 */
	movl	%cr0, %eax
	orb	$1, %al
	movl	%eax, %cr0
	ljmp	$SEL_CODE16, $1f
1:	movw	$SEL_WINDOW, %ax
	movw	%ax, %es
	movw	%ax, %fs
	movl	%cr0, %eax
	andb	$0xfe, %al
	movl	%eax, %cr0
	ljmp	$0, $2f
2:	retl
	.size real_set_window, . - real_set_window

	.section .data
	.p2align 3
gdt:
	.quad	0
	.quad	0x00009b000000ffff	/* SEL_CODE16: P, DPL 0, code exec/read, byte granular */
	.quad	0x008f93000000ffff	/* SEL_DATA: P, DPL 0, data read/write, G, 16-bit */
	.quad	0x008f93000000ffff	/* SEL_WINDOW: base patched */
gdt_end:
gdt_ptr:
	.word	gdt_end - gdt - 1
	.long	gdt
