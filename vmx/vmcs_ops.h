/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Typed VMCS accessors. A field's width is bits 14:13 of its encoding (SDM
 * Vol. 3D, Appendix B): 0 16-bit, 1 64-bit, 2 32-bit, 3 natural width. Each
 * accessor refuses, at compile time, a constant field of another width. A
 * VMfail goes to one noinline reporter, a fault to another.
 */
#ifndef RTVMX_VMX_VMCS_OPS_H
#define RTVMX_VMX_VMCS_OPS_H

#include <linux/build_bug.h>
#include <linux/compiler.h>
#include <linux/types.h>
#include <asm/asm.h>
#include <asm/vmx.h>

#define VMCS_FIELD_WIDTH(f)	(((f) >> 13) & 3)
#define VMCS_WIDTH_16		0
#define VMCS_WIDTH_64		1
#define VMCS_WIDTH_32		2
#define VMCS_WIDTH_NATURAL	3

void rtvmx_vmread_error(unsigned long field);
void rtvmx_vmwrite_error(unsigned long field, unsigned long value);
/*
 * A VMX instruction faulted (#UD): the CPU left VMX operation under the
 * loop, which only a reboot does (vmxon.c). Silent then, reported otherwise;
 * the instruction counts as not done (a read gives 0).
 */
void rtvmx_vmx_fault(const char *insn, unsigned long arg);

#define vmcs_check(field, width)						\
	BUILD_BUG_ON_MSG(__builtin_constant_p(field) &&				\
			 VMCS_FIELD_WIDTH(field) != (width),			\
			 "VMCS accessor of the wrong width for this field")

static __always_inline unsigned long __vmcs_read(unsigned long field)
{
	unsigned long value;

	asm volatile goto("1: vmread %[field], %[value]\n\t"
			  "jna %l[vmfail]\n\t"
			  _ASM_EXTABLE(1b, %l[fault])
			  : [value] "=r"(value) : [field] "r"(field) : "cc" : vmfail, fault);
	return value;
vmfail:
	rtvmx_vmread_error(field);
	return 0;
fault:
	rtvmx_vmx_fault("VMREAD", field);
	return 0;
}

static __always_inline void __vmcs_write(unsigned long field, unsigned long value)
{
	asm volatile goto("1: vmwrite %[value], %[field]\n\t"
			  "jna %l[vmfail]\n\t"
			  _ASM_EXTABLE(1b, %l[fault])
			  : : [field] "r"(field), [value] "rm"(value) : "cc" : vmfail, fault);
	return;
vmfail:
	rtvmx_vmwrite_error(field, value);
	return;
fault:
	rtvmx_vmx_fault("VMWRITE", field);
}

static __always_inline u16 vmcs_read16(unsigned long field)
{
	vmcs_check(field, VMCS_WIDTH_16);
	return __vmcs_read(field);
}

static __always_inline u32 vmcs_read32(unsigned long field)
{
	vmcs_check(field, VMCS_WIDTH_32);
	return __vmcs_read(field);
}

static __always_inline u64 vmcs_read64(unsigned long field)
{
	vmcs_check(field, VMCS_WIDTH_64);
	return __vmcs_read(field);
}

static __always_inline unsigned long vmcs_readl(unsigned long field)
{
	vmcs_check(field, VMCS_WIDTH_NATURAL);
	return __vmcs_read(field);
}

static __always_inline void vmcs_write16(unsigned long field, u16 value)
{
	vmcs_check(field, VMCS_WIDTH_16);
	__vmcs_write(field, value);
}

static __always_inline void vmcs_write32(unsigned long field, u32 value)
{
	vmcs_check(field, VMCS_WIDTH_32);
	__vmcs_write(field, value);
}

static __always_inline void vmcs_write64(unsigned long field, u64 value)
{
	vmcs_check(field, VMCS_WIDTH_64);
	__vmcs_write(field, value);
}

static __always_inline void vmcs_writel(unsigned long field, unsigned long value)
{
	vmcs_check(field, VMCS_WIDTH_NATURAL);
	__vmcs_write(field, value);
}

/* VMCLEAR / VMPTRLD: 0, or -EIO on VMfail or a fault (SDM Vol. 3C, 31.3). */
static inline int vmcs_clear(u64 pa)
{
	asm volatile goto("1: vmclear %[pa]\n\t"
			  "jna %l[vmfail]\n\t"
			  _ASM_EXTABLE(1b, %l[fault])
			  : : [pa] "m"(pa) : "cc", "memory" : vmfail, fault);
	return 0;
fault:
	rtvmx_vmx_fault("VMCLEAR", pa);
vmfail:
	return -EIO;
}

static inline int vmcs_load(u64 pa)
{
	asm volatile goto("1: vmptrld %[pa]\n\t"
			  "jna %l[vmfail]\n\t"
			  _ASM_EXTABLE(1b, %l[fault])
			  : : [pa] "m"(pa) : "cc", "memory" : vmfail, fault);
	return 0;
fault:
	rtvmx_vmx_fault("VMPTRLD", pa);
vmfail:
	return -EIO;
}

#endif
