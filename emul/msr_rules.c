// SPDX-License-Identifier: GPL-2.0
/* Value checks of the modeled MSRs (msr_rules.h). */
#include "msr_rules.h"
#include "x86.h"

bool msr_pat_valid(u64 pat)
{
	/* Types 2 and 3 are reserved: bit 1 set needs bit 2 set (as KVM's kvm_pat_valid()). */
	if (pat & 0xf8f8f8f8f8f8f8f8ULL)
		return false;
	return (pat | ((pat & 0x0202020202020202ULL) << 1)) == pat;
}

bool msr_canonical(u64 addr, unsigned int va_bits)
{
	unsigned int shift = 64 - va_bits;

	return (u64)((s64)(addr << shift) >> shift) == addr;
}

int msr_efer_write(u64 allowed, u64 old, u64 val, bool paging, u64 *out)
{
	if (val & ~allowed)
		return -EINVAL;
	if (paging && ((val ^ old) & EMUL_EFER_LME))
		return -EINVAL;
	*out = (val & ~EMUL_EFER_LMA) | (old & EMUL_EFER_LMA);
	return 0;
}

int msr_debugctl_write(u64 val, u64 *out)
{
	if (val & ~(MSR_DEBUGCTL_LBR | MSR_DEBUGCTL_BTF))
		return -EINVAL;
	*out = val & MSR_DEBUGCTL_BTF;
	return 0;
}

bool msr_tsc_aux_valid(u64 val)
{
	return !(val >> 32);
}
