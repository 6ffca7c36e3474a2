// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs rtvmx/vm<id>/: "info" ("key: value" lines on the VM: identity,
 * state, stop reason, exit code, times and counters summed over its vCPUs;
 * "cpu" is vCPU 0's), and per vCPU
 * vcpu<n>/"exits" (one "<reason> <count>" line per exit reason seen) and
 * vcpu<n>/"vmcs" (the VMCS and register dump of an abnormal stop, else
 * empty). Formats are stable (README.md); tests parse them.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "rtvmx.h"
#include "vm.h"

static const char *const state_names[] = { "created", "running", "stopped" };
static const char *const stop_names[RTVMX_NR_STOP_REASONS] = { RTVMX_STOP_NAMES };

static int info_show(struct seq_file *m, void *unused)
{
	struct rtvmx_vm *vm = m->private;
	unsigned int i, n = smp_load_acquire(&vm->nr_vcpus);
	u32 state = smp_load_acquire(&vm->state), reason = 0;
	u64 guest = 0, host = 0, exits = 0, mmio = 0, detail = 0, code = 0;
	const struct rtvmx_vcpu *v;

	for (i = 0; i < n; i++) {
		v = vm->vcpus[i];
		guest += READ_ONCE(v->guest_tsc);
		host += READ_ONCE(v->host_tsc);
		exits += READ_ONCE(v->exits_total);
		mmio += READ_ONCE(v->mmio_emulated);
	}
	if (n) {
		v = rtvmx_vm_stop_vcpu(vm);
		reason = READ_ONCE(v->stop_reason);
		detail = READ_ONCE(v->stop_detail);
		code = READ_ONCE(v->exit_code);
	}
	seq_printf(m, "id: %u\nname: %s\npersistent: %d\nmem_size: %llu\n", vm->id, vm->name,
		   !!(vm->flags & RTVMX_VM_PERSISTENT), vm->mem.size);
	seq_printf(m, "state: %s\ncpu: %d\nvcpus: %u\n",
		   state < ARRAY_SIZE(state_names) ? state_names[state] : "?",
		   n ? vm->vcpus[0]->cpu : -1, n);
	seq_printf(m, "stop_reason: %s\nstop_detail: %#llx\nexit_code: %llu\n",
		   reason < RTVMX_NR_STOP_REASONS ? stop_names[reason] : "?", detail, code);
	seq_printf(m, "guest_tsc: %llu\nhost_tsc: %llu\nexits: %llu\n", guest, host, exits);
	seq_printf(m, "console_dropped: %llu\nunhandled_pio: %llu\nmmio_emulated: %llu\n",
		   READ_ONCE(vm->console.dropped), READ_ONCE(vm->unhandled_pio), mmio);
	if (vm->test_mmio)
		seq_printf(m, "test_mmio_reads: %llu\ntest_mmio_writes: %llu\n",
			   READ_ONCE(vm->test_mmio->reads), READ_ONCE(vm->test_mmio->writes));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(info);

static int exits_show(struct seq_file *m, void *unused)
{
	const struct rtvmx_vcpu *v = m->private;
	unsigned int i;

	for (i = 0; i < RTVMX_NR_EXIT_REASONS; i++)
		if (READ_ONCE(v->exits[i]))
			seq_printf(m, "%u %llu\n", i, READ_ONCE(v->exits[i]));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(exits);

/* What isolation cost or refused: hostile-guest and mitigation counters (vmx/). */
static int isolation_show(struct seq_file *m, void *unused)
{
	const struct rtvmx_vcpu *v = m->private;

	seq_printf(m, "hypercalls_refused: %llu\nmachine_checks: %llu\nl1d_flushes: %llu\n",
		   READ_ONCE(v->hypercalls_refused), READ_ONCE(v->machine_checks),
		   READ_ONCE(v->l1d_flushes));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(isolation);

/* The dump is written once, by the vCPU thread, before the VM reads as stopped. */
static int vmcs_show(struct seq_file *m, void *unused)
{
	const struct rtvmx_vcpu *v = m->private;
	struct rtvmx_vm *vm = v->vm;

	if (smp_load_acquire(&vm->state) == RTVMX_VM_STOPPED && v->dump)
		seq_puts(m, v->dump);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vmcs);

void rtvmx_vm_debugfs_add(struct rtvmx_vm *vm)
{
	char name[16];

	snprintf(name, sizeof(name), "vm%u", vm->id);
	vm->debugfs = debugfs_create_dir(name, rtvmx_debugfs_root());
	debugfs_create_file("info", 0400, vm->debugfs, vm, &info_fops);
	if (vm->test_mmio) {
		vm->test_mmio_blob.data = vm->test_mmio->regs;
		vm->test_mmio_blob.size = sizeof(vm->test_mmio->regs);
		debugfs_create_blob("test_mmio", 0400, vm->debugfs, &vm->test_mmio_blob);
	}
}

void rtvmx_vm_debugfs_add_vcpu(struct rtvmx_vm *vm, struct rtvmx_vcpu *v)
{
	struct dentry *dir;
	char name[16];

	snprintf(name, sizeof(name), "vcpu%u", v->index);
	dir = debugfs_create_dir(name, vm->debugfs);
	debugfs_create_file("exits", 0400, dir, v, &exits_fops);
	debugfs_create_file("vmcs", 0400, dir, v, &vmcs_fops);
	debugfs_create_file("isolation", 0400, dir, v, &isolation_fops);
	rtvmx_sched_debugfs_vcpu(v, dir);
	rtvmx_irq_debugfs_vcpu(v, dir);
}
