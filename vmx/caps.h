/* SPDX-License-Identifier: GPL-2.0 */
/* VMX capability probe: what the CPU offers and what rtvmx needs of it. */
#ifndef RTVMX_VMX_CAPS_H
#define RTVMX_VMX_CAPS_H

#include <linux/types.h>

/* IA32_VMX_BASIC fields (SDM Vol. 3D, Appendix A.1). */
#define VMX_BASIC_REVISION_MASK		GENMASK_ULL(30, 0)
#define VMX_BASIC_REGION_SIZE(b)	(((b) >> 32) & 0x1fff)
#define VMX_BASIC_MEMTYPE(b)		(((b) >> 50) & 0xf)
#define VMX_BASIC_MEMTYPE_WB		6
#define VMX_BASIC_TRUE_CONTROLS		BIT_ULL(55)

/* IA32_VMX_MISC bits 4:0: preemption timer rate (SDM Vol. 3D, A.6). */
#define VMX_MISC_PREEMPTION_TIMER_SHIFT(m)	((m) & 0x1f)

/* IA32_VMX_EPT_VPID_CAP bits (SDM Vol. 3D, A.10). */
#define VMX_EPT_CAP_WALK_4		BIT_ULL(6)
#define VMX_EPT_CAP_WB			BIT_ULL(14)
#define VMX_EPT_CAP_2M			BIT_ULL(16)
#define VMX_EPT_CAP_1G			BIT_ULL(17)
#define VMX_EPT_CAP_INVEPT		BIT_ULL(20)
#define VMX_VPID_CAP_INVVPID		BIT_ULL(32)

/*
 * A VMX control MSR reports allowed-0 settings in bits 31:0 (a 1 there means
 * the control must be 1) and allowed-1 settings in bits 63:32 (a 0 there
 * means the control must be 0). SDM Vol. 3D, A.3.
 */
struct vmx_ctl_msr {
	u32 must_be_1;
	u32 may_be_1;
};

struct rtvmx_vmx_caps {
	u64 basic;
	u64 misc;
	u64 ept_vpid;
	struct vmx_ctl_msr pin, proc, proc2, exit, entry;
	u64 cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;
	u32 revision;
	u32 region_size;
	u32 preemption_timer_shift;
	u64 caps;		/* RTVMX_CAP_* */
};

/* Filled once at module load, read-only afterwards. */
extern struct rtvmx_vmx_caps rtvmx_vmx;

int rtvmx_vmx_probe(struct rtvmx_vmx_caps *c);
const char *rtvmx_cap_name(unsigned int bit);

#endif
