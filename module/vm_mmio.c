// SPDX-License-Identifier: GPL-2.0
/*
 * A VM's MMIO side: its bus (emul/mmio_bus.c) with the test register file of
 * uapi RTVMX_VM_TEST_MMIO, and the guest-memory callbacks the instruction
 * emulator uses on an MMIO exit (vmx/mmio.c): guest RAM through
 * rtvmx_gpa_to_hva(), one page at a time, and everything else through the
 * bus. The callbacks run in the vCPU's run loop with interrupts off: they
 * do not sleep, allocate or lock.
 */
#include <linux/atomic.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "vm.h"

int rtvmx_vm_mmio_init(struct rtvmx_vm *vm, u32 flags)
{
	mmio_bus_init(&vm->mmio);
	if (!(flags & RTVMX_VM_TEST_MMIO))
		return 0;
	vm->test_mmio = kzalloc(sizeof(*vm->test_mmio), GFP_KERNEL_ACCOUNT);
	if (!vm->test_mmio)
		return -ENOMEM;
	regfile_init(vm->test_mmio);
	return mmio_bus_register(&vm->mmio, RTVMX_TEST_MMIO_GPA, RTVMX_TEST_MMIO_SIZE,
				 &regfile_mmio_ops, vm->test_mmio);
}

void rtvmx_vm_mmio_free(struct rtvmx_vm *vm)
{
	kfree(vm->test_mmio);
	vm->test_mmio = NULL;
}

bool rtvmx_vm_is_mmio(void *opaque, u64 gpa)
{
	struct rtvmx_vm *vm = opaque;

	return mmio_bus_find(&vm->mmio, gpa, 1);
}

/* Guest RAM at [@gpa, @gpa + @len), or NULL: outside RAM, or across a page (emul/ never asks). */
static void *ram_at(struct rtvmx_vm *vm, u64 gpa, unsigned int len)
{
	if (!len || gpa >= vm->mem.size || len > vm->mem.size - gpa ||
	    (gpa >> PAGE_SHIFT) != ((gpa + len - 1) >> PAGE_SHIFT))
		return NULL;
	return rtvmx_gpa_to_hva(&vm->mem, gpa);
}

/* Paging-structure entries and instruction bytes: RAM only. */
static int vm_read_phys(void *opaque, u64 gpa, void *buf, unsigned int len)
{
	void *hva = ram_at(opaque, gpa, len);

	if (!hva)
		return -EFAULT;
	memcpy(buf, hva, len);
	return 0;
}

/* Accessed/dirty bits of a guest paging-structure entry: a locked cmpxchg, as the CPU does it. */
static int vm_cmpxchg_phys(void *opaque, u64 gpa, u64 old, u64 new, unsigned int len)
{
	void *hva = ram_at(opaque, gpa, len);
	u32 old32 = old;

	if (!hva || (len != 4 && len != 8) || !IS_ALIGNED(gpa, len))
		return -EFAULT;
	if (len == 8)
		return try_cmpxchg((u64 *)hva, &old, new) ? 0 : -EAGAIN;
	return try_cmpxchg((u32 *)hva, &old32, (u32)new) ? 0 : -EAGAIN;
}

/*
 * An instruction's data access: RAM, else an MMIO region. An address that is
 * neither stops the vCPU as an access outside RAM would without emulation.
 */
static int vm_mem_access(struct rtvmx_vm *vm, u64 gpa, void *buf, unsigned int len, bool write)
{
	void *hva = ram_at(vm, gpa, len);
	int ret;

	if (hva) {
		if (write)
			memcpy(hva, buf, len);
		else
			memcpy(buf, hva, len);
		return 0;
	}
	if (write)
		ret = mmio_bus_write(&vm->mmio, gpa, buf, len);
	else
		ret = mmio_bus_read(&vm->mmio, gpa, buf, len);
	if (ret == -EFAULT)
		rtvmx_vcpu_stop(rtvmx_vcpu_running(), RTVMX_STOP_EPT_VIOLATION, gpa);
	return ret;
}

static int vm_read_mem(void *opaque, u64 gpa, void *buf, unsigned int len)
{
	return vm_mem_access(opaque, gpa, buf, len, false);
}

static int vm_write_mem(void *opaque, u64 gpa, const void *buf, unsigned int len)
{
	return vm_mem_access(opaque, gpa, (void *)buf, len, true);
}

const struct emul_ops rtvmx_vm_emul_ops = {
	.read_phys = vm_read_phys,
	.cmpxchg_phys = vm_cmpxchg_phys,
	.read_mem = vm_read_mem,
	.write_mem = vm_write_mem,
};
