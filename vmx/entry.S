/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VM entry and exit (SDM Vol. 3C, 27 "VM entries", 28 "VM exits").
 *
 * int rtvmx_entry(struct rtvmx_vcpu *vcpu, bool launched)
 * int rtvmx_entry_mitigated(struct rtvmx_vcpu *vcpu, bool launched)
 *
 * Called with interrupts off. Loads the guest's general-purpose registers
 * from vcpu->regs (the first member, in encoding order), enters with
 * VMLAUNCH or VMRESUME, and on the VM exit (HOST_RIP = rtvmx_vmexit or
 * rtvmx_vmexit_mitigated, HOST_RSP = the stack below, with the vcpu pointer
 * on top) saves them back and clears them.
 * Returns 0 after a VM exit, 1 when the entry itself failed (VMfail).
 * The second also runs the mitigations spec.c chose (the guest's SPEC_CTRL,
 * VERW, RSB refill, BHI clearing); the first is for hosts that need none,
 * and costs nothing.
 */
#include <linux/linkage.h>
#include <asm/asm.h>
#include <asm/msr-index.h>
#include <asm/nospec-branch.h>
#include <asm/percpu.h>
#include <asm/unwind_hints.h>

#define HOST_RSP_FIELD	0x00006c14
#define VCPU_SPEC_CTRL	136	/* offsetof(struct rtvmx_vcpu, spec_ctrl), checked in spec.c */
#define GPR(n)		((n) * 8)(%rdi)

/* The guest's general-purpose registers, from vcpu->regs at %rdi (last, as it holds @vcpu). */
.macro LOAD_GUEST_GPRS
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
.endm


/* One entry function and its exit label; \mitigated adds spec.c's sequences. */
.macro RTVMX_ENTRY name, exit, mitigated
SYM_FUNC_START(\name)
	push	%rbp
	mov	%rsp, %rbp
	push	%r15
	push	%r14
	push	%r13
	push	%r12
	push	%rbx
	push	%rdi

	mov	$HOST_RSP_FIELD, %eax
.Lvmwrite\@:
	vmwrite	%rsp, %rax
	jna	.Lvmfail\@

.if \mitigated
	/* The guest's SPEC_CTRL, where it differs from the host's (spec.c). */
	cmpb	$0, rtvmx_spec_ctrl_switch(%rip)
	je	.Lspec_ctrl_in\@
	mov	VCPU_SPEC_CTRL(%rdi), %eax
	cmp	PER_CPU_VAR(x86_spec_ctrl_current), %eax
	je	.Lspec_ctrl_in\@
	mov	$MSR_IA32_SPEC_CTRL, %ecx
	xor	%edx, %edx
	wrmsr
.Lspec_ctrl_in\@:
	cmpb	$0, rtvmx_spec_verw(%rip)
	jne	.Lload_verw\@
.endif
	/* CF = @launched; the loads keep it (and VERW changes ZF only). */
	bt	$0, %esi
	LOAD_GUEST_GPRS
	jc	.Lvmresume\@
.if \mitigated
	jmp	.Lvmlaunch\@
.Lload_verw\@:
	bt	$0, %esi
	LOAD_GUEST_GPRS
	/* The last memory access before entry: clears the CPU buffers (MDS and its kin). */
	verw	x86_verw_sel(%rip)
	jc	.Lvmresume\@
.endif

	/*
	 * A successful entry comes back at the exit label through HOST_RIP:
	 * tell objtool to carry the unwind state over (as KVM's vmenter.S does).
	 */
	UNWIND_HINT_SAVE
.Lvmlaunch\@:
	vmlaunch
	jmp	.Lvmfail\@
.Lvmresume\@:
	vmresume
	jmp	.Lvmfail\@
	/* A fault (VMX turned off under us by a reboot, vmxon.c) counts as VMfail. */
	_ASM_EXTABLE(.Lvmwrite\@, .Lvmfail\@)
	_ASM_EXTABLE(.Lvmlaunch\@, .Lvmfail\@)
	_ASM_EXTABLE(.Lvmresume\@, .Lvmfail\@)

SYM_INNER_LABEL(\exit, SYM_L_GLOBAL)
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
.if \mitigated
	/*
	 * Before the first RET: the guest may have filled the RSB with its
	 * own targets, and its branch history may steer host branches.
	 */
	cmpb	$0, rtvmx_spec_rsb_fill(%rip)
	je	.Lrsb_done\@
	FILL_RETURN_BUFFER %rcx, RSB_CLEAR_LOOPS, X86_FEATURE_RSB_VMEXIT, X86_FEATURE_RSB_VMEXIT_LITE
.Lrsb_done\@:
	/* The host's SPEC_CTRL back, before the first RET (%rdi: @vcpu). */
	cmpb	$0, rtvmx_spec_ctrl_switch(%rip)
	je	.Lspec_ctrl_out\@
	call	rtvmx_spec_ctrl_restore_host
.Lspec_ctrl_out\@:
#ifdef X86_FEATURE_CLEAR_BHB_LOOP_ON_VMEXIT
	cmpb	$0, rtvmx_spec_bhi_clear(%rip)
	je	.Lbhi_done\@
	CLEAR_BRANCH_HISTORY_VMEXIT
.Lbhi_done\@:
#endif
.endif
	/*
	 * No guest value may stay in a register C code could use, even
	 * speculatively: clear the scratch registers; the callee-saved ones
	 * get the host's back from the stack below (KVM's __vmx_vcpu_run).
	 */
	xor	%eax, %eax
	xor	%ecx, %ecx
	xor	%edx, %edx
	xor	%esi, %esi
	xor	%edi, %edi
	xor	%r8d, %r8d
	xor	%r9d, %r9d
	xor	%r10d, %r10d
	xor	%r11d, %r11d
.Lout\@:
	add	$8, %rsp
	pop	%rbx
	pop	%r12
	pop	%r13
	pop	%r14
	pop	%r15
	pop	%rbp
	RET

.Lvmfail\@:
	mov	$1, %eax
	jmp	.Lout\@
SYM_FUNC_END(\name)
.endm

.section .text, "ax"

RTVMX_ENTRY rtvmx_entry, rtvmx_vmexit, 0
RTVMX_ENTRY rtvmx_entry_mitigated, rtvmx_vmexit_mitigated, 1
