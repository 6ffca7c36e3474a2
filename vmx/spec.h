/* SPDX-License-Identifier: GPL-2.0 */
/* Speculative-execution mitigations of the world switch (spec.c). */
#ifndef RTVMX_VMX_SPEC_H
#define RTVMX_VMX_SPEC_H

#include <linux/compiler.h>
#include <linux/jump_label.h>
#include <linux/types.h>
#include <asm/nospec-branch.h>

#include <linux/rtvmx.h>

struct rtvmx_vcpu;

/* RTVMX_MITIGATION_* in use, fixed at module load. */
extern u32 rtvmx_spec_active;
/* Entries and exits go through rtvmx_entry_mitigated() (entry.S). */
DECLARE_STATIC_KEY_FALSE(rtvmx_spec_asm);

/* Chooses the set from the host's view and the module parameter; -EINVAL or -ENOMEM. */
int rtvmx_spec_init(void);
void rtvmx_spec_exit(void);
/* The dmesg lines naming what the host needs and what is in use. */
void rtvmx_spec_log(void);
/* The CPU has IA32_SPEC_CTRL, and each guest its own value. */
extern u8 rtvmx_spec_ctrl_switch;
u64 rtvmx_spec_ctrl_valid_bits(void);
void rtvmx_spec_ctrl_restore_host(struct rtvmx_vcpu *vcpu);

/* What the host kernel wants for guests on this CPU. */
u32 rtvmx_spec_host_needs(void);
/* Before VM entry, interrupts off, with RTVMX_MITIGATION_L1D_FLUSH in use. */
void rtvmx_spec_l1d_flush(struct rtvmx_vcpu *vcpu);

/* A core goes from one VM's vCPU to another VM's: no branch target trained by one steers the other. */
static __always_inline void rtvmx_spec_vm_switch(void)
{
	if (rtvmx_spec_active & RTVMX_MITIGATION_IBPB)
		indirect_branch_prediction_barrier();
}

/* Whether guest RAM must be mapped executable in 4 KiB EPT pages only (iTLB multihit). */
static inline bool rtvmx_spec_small_exec_pages(void)
{
	return rtvmx_spec_active & RTVMX_MITIGATION_EPT_4K_EXEC;
}

#endif
