/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entry of every test guest. RTVMX_BOOT_64BIT_FLAT gives long mode, paging
 * with RAM identity-mapped, RSP = top of RAM, RDI = the --arg value,
 * interrupts off and no IDT; nothing more is set up here. guest_main(arg)
 * runs on that stack and its return value is the shutdown exit code.
 */
	.section .text.start, "ax"
	.globl _start
	.type _start, @function
_start:
	andq	$-16, %rsp		/* the SysV ABI wants RSP % 16 == 0 at a call */
	call	guest_main
	movl	%eax, %edi
	call	guest_shutdown		/* does not return */
1:	hlt
	jmp	1b
	.size _start, . - _start
