/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entry of the 32-bit test guests. RTVMX_BOOT_32BIT_FLAT gives protected
 * mode without paging, flat 4 GiB segments, ESP = top of RAM, EDI = the
 * --arg value, interrupts off and no IDT. guest_main(arg) (cdecl) runs on
 * that stack and its return value is the shutdown exit code.
 */
	.section .text.start, "ax"
	.code32
	.globl _start
	.type _start, @function
_start:
	andl	$-16, %esp
	subl	$12, %esp		/* ESP % 16 == 0 at the call, after the argument */
	pushl	%edi
	call	guest_main
	movl	%eax, (%esp)
	call	guest_shutdown		/* does not return */
1:	hlt
	jmp	1b
	.size _start, . - _start
