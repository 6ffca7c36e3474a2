/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VM entry and exit (SDM Vol. 3C, 27 "VM entries", 28 "VM exits").
 *
 * int rtvmx_entry(struct rtvmx_vcpu *vcpu, bool launched)
 *
 * Called with interrupts off. Loads the guest's general-purpose registers
 * from vcpu->regs (the first member, in encoding order), enters with
 * VMLAUNCH or VMRESUME, and on the VM exit (HOST_RIP = rtvmx_vmexit,
 * HOST_RSP = the stack below, with the vcpu pointer on top) saves them back.
 * Returns 0 after a VM exit, 1 when the entry itself failed (VMfail).
 */
#include <linux/linkage.h>
#include <asm/asm.h>
#include <asm/unwind_hints.h>

#define HOST_RSP_FIELD	0x00006c14
#define GPR(n)		((n) * 8)(%rdi)

.section .text, "ax"

SYM_FUNC_START(rtvmx_entry)
	push	%rbp
	mov	%rsp, %rbp
	push	%r15
	push	%r14
	push	%r13
	push	%r12
	push	%rbx
	push	%rdi

	mov	$HOST_RSP_FIELD, %eax
.Lvmwrite:
	vmwrite	%rsp, %rax
	jna	.Lvmfail

	test	%sil, %sil
	mov	GPR(0), %rax
	mov	GPR(1), %rcx
	mov	GPR(2), %rdx
	mov	GPR(3), %rbx
	mov	GPR(5), %rbp
	mov	GPR(6), %rsi
	mov	GPR(8), %r8
	mov	GPR(9), %r9
	mov	GPR(10), %r10
	mov	GPR(11), %r11
	mov	GPR(12), %r12
	mov	GPR(13), %r13
	mov	GPR(14), %r14
	mov	GPR(15), %r15
	mov	GPR(7), %rdi
	jnz	.Lvmresume

	/*
	 * A successful entry comes back at rtvmx_vmexit through HOST_RIP: tell
	 * objtool to carry the unwind state over (as KVM's vmenter.S does).
	 */
	UNWIND_HINT_SAVE
.Lvmlaunch:
	vmlaunch
	jmp	.Lvmfail
.Lvmresume:
	vmresume
	jmp	.Lvmfail
	/* A fault (VMX turned off under us by a reboot, vmxon.c) counts as VMfail. */
	_ASM_EXTABLE(.Lvmwrite, .Lvmfail)
	_ASM_EXTABLE(.Lvmlaunch, .Lvmfail)
	_ASM_EXTABLE(.Lvmresume, .Lvmfail)

SYM_INNER_LABEL(rtvmx_vmexit, SYM_L_GLOBAL)
	UNWIND_HINT_RESTORE
	ENDBR
	push	%rdi
	mov	8(%rsp), %rdi
	mov	%rax, GPR(0)
	mov	%rcx, GPR(1)
	mov	%rdx, GPR(2)
	mov	%rbx, GPR(3)
	mov	%rbp, GPR(5)
	mov	%rsi, GPR(6)
	mov	%r8, GPR(8)
	mov	%r9, GPR(9)
	mov	%r10, GPR(10)
	mov	%r11, GPR(11)
	mov	%r12, GPR(12)
	mov	%r13, GPR(13)
	mov	%r14, GPR(14)
	mov	%r15, GPR(15)
	popq	GPR(7)
	xor	%eax, %eax
.Lout:
	add	$8, %rsp
	pop	%rbx
	pop	%r12
	pop	%r13
	pop	%r14
	pop	%r15
	pop	%rbp
	RET

.Lvmfail:
	mov	$1, %eax
	jmp	.Lout
SYM_FUNC_END(rtvmx_entry)
