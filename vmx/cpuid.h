/* SPDX-License-Identifier: GPL-2.0 */
/* The CPU model every VM gets (emul/cpu_model.c), built once at module load. */
#ifndef RTVMX_VMX_CPUID_H
#define RTVMX_VMX_CPUID_H

#include "../emul/cpu_model.h"

extern struct cpu_model rtvmx_cpu_model;

/* Builds rtvmx_cpu_model from this CPU's CPUID and XCR0 and the VMX controls rtvmx sets. */
int rtvmx_cpu_model_init(void);

#endif
