/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The values hardware refuses in the MSRs rtvmx models (SDM Vol. 4): a
 * WRMSR of one gets #GP, never a failed VM entry. Plain C, host-testable.
 */
#ifndef EMUL_MSR_RULES_H
#define EMUL_MSR_RULES_H

#include "emul_host.h"

#define MSR_DEBUGCTL_LBR	(1ULL << 0)
#define MSR_DEBUGCTL_BTF	(1ULL << 1)

/* IA32_PAT: each entry a memory type 0, 1, 4, 5, 6 or 7, bits 7:3 zero (SDM Vol. 3A 11.12.2). */
bool msr_pat_valid(u64 pat);
/* @addr is canonical with @va_bits linear-address bits (SDM Vol. 1 3.3.7.1). */
bool msr_canonical(u64 addr, unsigned int va_bits);
/*
 * WRMSR IA32_EFER of @val with the bits the CPU model allows: 0 and the value
 * EFER takes (LMA is read-only: it keeps @old's), or -EINVAL for #GP (a bit
 * not allowed, or LME changed while paging is on; SDM Vol. 3A 9.8.5).
 */
int msr_efer_write(u64 allowed, u64 old, u64 val, bool paging, u64 *out);
/*
 * WRMSR IA32_DEBUGCTL without LBR virtualization: 0, LBR and BTF are
 * accepted as KVM does; LBR is dropped (no LBR state is switched). 0 and
 * the value kept, or -EINVAL for #GP.
 */
int msr_debugctl_write(u64 val, u64 *out);
/* IA32_TSC_AUX: bits 63:32 are reserved (SDM Vol. 4, Table 2-2). */
bool msr_tsc_aux_valid(u64 val);

#endif
