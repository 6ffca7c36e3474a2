// SPDX-License-Identifier: GPL-2.0
/*
 * SET_BOOT_STATE: checks a uapi boot state against the VM's RAM, writes what
 * the mode needs into guest RAM (GDT, page tables) and records the registers
 * vmx/vmcs_setup.c loads when the vCPU starts.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/uaccess.h>
#include <asm/pgtable_types.h>

#include "rtvmx.h"
#include "vm.h"

#define GDT_CODE64	0x00af9b000000ffffULL	/* 64-bit code, DPL 0 */
#define GDT_CODE32	0x00cf9b000000ffffULL	/* 32-bit code, 4 GiB, DPL 0 */
#define GDT_DATA	0x00cf93000000ffffULL	/* flat data, DPL 0 */
#define GDT_TSS_BUSY	0x00008b0000000067ULL	/* busy TSS at 0 (64-bit: 16 bytes, upper half 0) */

static void write_gdt(struct rtvmx_vm *vm, u64 code)
{
	u64 *gdt = rtvmx_gpa_to_hva(&vm->mem, RTVMX_BOOT_AREA_GPA);

	clear_page(gdt);
	gdt[RTVMX_BOOT_CS / 8] = code;
	gdt[RTVMX_BOOT_DS / 8] = GDT_DATA;
	gdt[RTVMX_BOOT_TSS / 8] = GDT_TSS_BUSY;
}

/* PML4, PDPT and one page directory per mapped GiB, identity-mapping with 2 MiB pages. */
static void write_identity_tables(struct rtvmx_vm *vm)
{
	u64 gib = RTVMX_BOOT_MAPPED_GIB(vm->mem.size);
	u64 *pml4 = rtvmx_gpa_to_hva(&vm->mem, RTVMX_BOOT_AREA_GPA + 0x1000);
	u64 *pdpt = rtvmx_gpa_to_hva(&vm->mem, RTVMX_BOOT_AREA_GPA + 0x2000);
	u64 pd_gpa = RTVMX_BOOT_AREA_GPA + 0x3000, i, j;

	clear_page(pml4);
	clear_page(pdpt);
	pml4[0] = (RTVMX_BOOT_AREA_GPA + 0x2000) | _PAGE_PRESENT | _PAGE_RW;
	for (i = 0; i < gib; i++) {
		u64 *pd = rtvmx_gpa_to_hva(&vm->mem, pd_gpa + i * PAGE_SIZE);

		pdpt[i] = (pd_gpa + i * PAGE_SIZE) | _PAGE_PRESENT | _PAGE_RW;
		for (j = 0; j < 512; j++)
			pd[j] = (i << 30) | (j << 21) | _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE;
	}
}

static int bad(struct rtvmx_vm *vm, const struct rtvmx_boot_state *b, const char *why)
{
	pr_notice("%s: SET_BOOT_STATE: mode %u entry %#llx stack %#llx: %s\n",
		  vm->name, b->mode, b->entry, b->stack, why);
	return -EINVAL;
}

/* The flat modes: entry in RAM and outside the boot area, stack within RAM. */
static int check_flat(struct rtvmx_vm *vm, const struct rtvmx_boot_state *b, u64 addr_limit)
{
	u64 area_end = RTVMX_BOOT_AREA_GPA + RTVMX_BOOT_AREA_SIZE(vm->mem.size);

	if (b->entry >= vm->mem.size || b->stack > vm->mem.size)
		return bad(vm, b, "entry and stack must lie in guest RAM");
	if (b->entry >= RTVMX_BOOT_AREA_GPA && b->entry < area_end)
		return bad(vm, b, "entry lies in the boot area the module writes");
	if (b->entry >= addr_limit || b->stack > addr_limit)
		return bad(vm, b, "32-bit mode: entry and stack must lie below 4 GiB");
	return 0;
}

static int set_real_mode(struct rtvmx_vm *vm, const struct rtvmx_boot_state *b)
{
	struct rtvmx_boot_regs *r = &vm->boot;
	u64 base = b->entry & ~0xffffULL;

	if (b->entry >= RTVMX_REAL_MODE_LIMIT || b->entry >= vm->mem.size)
		return bad(vm, b, "real mode: entry must lie below 1 MiB and in guest RAM");
	if (b->stack && (b->stack <= base || b->stack > base + 0x10000))
		return bad(vm, b, "real mode: stack must lie in the entry's 64 KiB segment (or be 0)");
	r->mode = RTVMX_BOOT_REAL_MODE;
	r->seg = base >> 4;
	r->rip = b->entry - base;
	r->rsp = b->stack ? (b->stack - base) & 0xffff : 0;
	r->rdi = b->arg;
	r->cr3 = 0;
	return 0;
}

int rtvmx_vm_set_boot_state(struct rtvmx_vm *vm, const void __user *uarg)
{
	struct rtvmx_boot_regs *r = &vm->boot;
	struct rtvmx_boot_state b;
	int ret;

	if (copy_from_user(&b, uarg, sizeof(b)))
		return -EFAULT;
	if (b.flags || !rtvmx_all_zero(b.reserved, sizeof(b.reserved)))
		return bad(vm, &b, "flags and reserved must be 0");
	if (vm->state != RTVMX_VM_CREATED)
		return -EBUSY;

	switch (b.mode) {
	case RTVMX_BOOT_64BIT_FLAT:
		ret = check_flat(vm, &b, U64_MAX);
		if (ret)
			return ret;
		write_gdt(vm, GDT_CODE64);
		write_identity_tables(vm);
		r->cr3 = RTVMX_BOOT_AREA_GPA + 0x1000;
		break;
	case RTVMX_BOOT_32BIT_FLAT:
		ret = check_flat(vm, &b, 1ULL << 32);
		if (ret)
			return ret;
		write_gdt(vm, GDT_CODE32);
		r->cr3 = 0;
		break;
	case RTVMX_BOOT_REAL_MODE:
		ret = set_real_mode(vm, &b);
		if (ret)
			return ret;
		vm->boot_ready = true;
		return 0;
	default:
		return bad(vm, &b, "unknown mode");
	}
	r->mode = b.mode;
	r->seg = 0;
	r->rip = b.entry;
	r->rsp = b.stack ?: vm->mem.size;
	if (b.mode == RTVMX_BOOT_32BIT_FLAT)
		r->rsp = (u32)min_t(u64, r->rsp, 1ULL << 32);	/* 4 GiB wraps to ESP 0 */
	r->rdi = b.arg;
	vm->boot_ready = true;
	return 0;
}
