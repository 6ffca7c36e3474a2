// SPDX-License-Identifier: GPL-2.0
/*
 * The VM registry: every VM from its creation until it is destroyed or its
 * last reference goes, found by id or name (for netlink and RTVMX_ATTACH_VM).
 * A listed VM may already be on its way out: lookups take a reference only
 * while the count is not zero.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/string.h>

#include "rtvmx.h"
#include "vm.h"

/* Protects rtvmx_vms and every VM's node, listed and persistent. */
static DEFINE_MUTEX(rtvmx_vms_lock);
static LIST_HEAD(rtvmx_vms);

static struct rtvmx_vm *get_locked(struct rtvmx_vm *vm)
{
	return vm && kref_get_unless_zero(&vm->ref) ? vm : NULL;
}

int rtvmx_vms_add(struct rtvmx_vm *vm)
{
	struct rtvmx_vm *other;

	mutex_lock(&rtvmx_vms_lock);
	list_for_each_entry(other, &rtvmx_vms, node) {
		if (!strcmp(other->name, vm->name)) {
			mutex_unlock(&rtvmx_vms_lock);
			pr_notice("CREATE_VM: a VM named %s exists already (id %u)\n",
				  vm->name, other->id);
			return -EEXIST;
		}
	}
	list_add_tail(&vm->node, &rtvmx_vms);
	vm->listed = true;
	if (vm->flags & RTVMX_VM_PERSISTENT) {
		kref_get(&vm->ref);
		vm->persistent = true;
	}
	mutex_unlock(&rtvmx_vms_lock);
	return 0;
}

bool rtvmx_vms_remove(struct rtvmx_vm *vm)
{
	bool was_listed;

	mutex_lock(&rtvmx_vms_lock);
	was_listed = vm->listed;
	if (was_listed) {
		list_del(&vm->node);
		vm->listed = false;
	}
	mutex_unlock(&rtvmx_vms_lock);
	return was_listed;
}

struct rtvmx_vm *rtvmx_vm_find(u32 id)
{
	struct rtvmx_vm *vm, *found = NULL;

	mutex_lock(&rtvmx_vms_lock);
	list_for_each_entry(vm, &rtvmx_vms, node) {
		if (vm->id == id) {
			found = get_locked(vm);
			break;
		}
	}
	mutex_unlock(&rtvmx_vms_lock);
	return found;
}

struct rtvmx_vm *rtvmx_vm_find_name(const char *name)
{
	struct rtvmx_vm *vm, *found = NULL;

	mutex_lock(&rtvmx_vms_lock);
	list_for_each_entry(vm, &rtvmx_vms, node) {
		if (!strcmp(vm->name, name)) {
			found = get_locked(vm);
			break;
		}
	}
	mutex_unlock(&rtvmx_vms_lock);
	return found;
}

/* The listed VM with the smallest id >= @id; the registry lock is held. */
static struct rtvmx_vm *next_locked(u64 id)
{
	struct rtvmx_vm *vm, *best = NULL;

	list_for_each_entry(vm, &rtvmx_vms, node)
		if (vm->id >= id && (!best || vm->id < best->id))
			best = vm;
	return best;
}

struct rtvmx_vm *rtvmx_vm_next(u32 id)
{
	struct rtvmx_vm *vm;
	u64 from = id;

	mutex_lock(&rtvmx_vms_lock);
	/* Skip VMs whose last reference is going. */
	while ((vm = next_locked(from)) && !get_locked(vm))
		from = (u64)vm->id + 1;
	mutex_unlock(&rtvmx_vms_lock);
	return vm;
}

struct rtvmx_vm *rtvmx_vm_on_cpu(unsigned int cpu)
{
	struct rtvmx_vm *vm, *found = NULL;
	unsigned int i, n;

	mutex_lock(&rtvmx_vms_lock);
	list_for_each_entry(vm, &rtvmx_vms, node) {
		n = smp_load_acquire(&vm->nr_vcpus);
		for (i = 0; i < n && !found; i++)
			if (vm->vcpus[i]->cpu == cpu)
				found = get_locked(vm);
		if (found)
			break;
	}
	mutex_unlock(&rtvmx_vms_lock);
	return found;
}

int rtvmx_vm_destroy(struct rtvmx_vm *vm)
{
	bool persistent;

	mutex_lock(&rtvmx_vms_lock);
	if (!vm->listed) {
		mutex_unlock(&rtvmx_vms_lock);
		return -ENOENT;
	}
	list_del(&vm->node);
	vm->listed = false;
	persistent = vm->persistent;
	vm->persistent = false;
	mutex_unlock(&rtvmx_vms_lock);

	/* -EINVAL: it was not running, or someone else stopped it. */
	rtvmx_vm_stop(vm);
	if (persistent)
		rtvmx_vm_put(vm);
	return 0;
}

void rtvmx_vms_destroy_all(void)
{
	struct rtvmx_vm *vm;
	bool empty;

	for (;;) {
		vm = NULL;
		mutex_lock(&rtvmx_vms_lock);
		list_for_each_entry(vm, &rtvmx_vms, node)
			if (get_locked(vm))
				break;
		if (list_entry_is_head(vm, &rtvmx_vms, node))
			vm = NULL;
		empty = list_empty(&rtvmx_vms);
		mutex_unlock(&rtvmx_vms_lock);
		if (empty)
			return;
		if (!vm) {
			/* Only VMs whose last reference is going: they unlist themselves. */
			msleep(1);
			continue;
		}
		pr_info("unloading: stopping and destroying VM %s (id %u)\n", vm->name, vm->id);
		rtvmx_vm_destroy(vm);
		rtvmx_vm_put(vm);
	}
}
