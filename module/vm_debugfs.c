// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs rtvmx/vm<id>/: "info" ("key: value" lines on the VM: identity,
 * state, stop reason, exit code, times and counters), and per vCPU
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
	const struct rtvmx_vcpu *v = &vm->vcpu;
	u32 state = smp_load_acquire(&vm->state), reason = READ_ONCE(v->stop_reason);

	seq_printf(m, "id: %u\nname: %s\npersistent: %d\nmem_size: %llu\n", vm->id, vm->name,
		   !!(vm->flags & RTVMX_VM_PERSISTENT), vm->mem.size);
	seq_printf(m, "state: %s\ncpu: %d\n",
		   state < ARRAY_SIZE(state_names) ? state_names[state] : "?",
		   READ_ONCE(vm->has_vcpu) ? v->cpu : -1);
	seq_printf(m, "stop_reason: %s\nstop_detail: %#llx\nexit_code: %llu\n",
		   reason < RTVMX_NR_STOP_REASONS ? stop_names[reason] : "?",
		   READ_ONCE(v->stop_detail), READ_ONCE(v->exit_code));
	seq_printf(m, "guest_tsc: %llu\nhost_tsc: %llu\nexits: %llu\n",
		   READ_ONCE(v->guest_tsc), READ_ONCE(v->host_tsc), READ_ONCE(v->exits_total));
	seq_printf(m, "console_dropped: %llu\nunhandled_pio: %llu\nmmio_emulated: %llu\n",
		   READ_ONCE(vm->console.dropped), READ_ONCE(vm->unhandled_pio),
		   READ_ONCE(v->mmio_emulated));
	if (vm->test_mmio)
		seq_printf(m, "test_mmio_reads: %llu\ntest_mmio_writes: %llu\n",
			   READ_ONCE(vm->test_mmio->reads), READ_ONCE(vm->test_mmio->writes));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(info);

static int exits_show(struct seq_file *m, void *unused)
{
	struct rtvmx_vm *vm = m->private;
	unsigned int i;

	for (i = 0; i < RTVMX_NR_EXIT_REASONS; i++)
		if (READ_ONCE(vm->vcpu.exits[i]))
			seq_printf(m, "%u %llu\n", i, READ_ONCE(vm->vcpu.exits[i]));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(exits);

/* The dump is written once, by the vCPU thread, before the VM reads as stopped. */
static int vmcs_show(struct seq_file *m, void *unused)
{
	struct rtvmx_vm *vm = m->private;

	if (smp_load_acquire(&vm->state) == RTVMX_VM_STOPPED && vm->vcpu.dump)
		seq_puts(m, vm->vcpu.dump);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vmcs);

void rtvmx_vm_debugfs_add(struct rtvmx_vm *vm)
{
	struct dentry *vcpu;
	char name[16];

	snprintf(name, sizeof(name), "vm%u", vm->id);
	vm->debugfs = debugfs_create_dir(name, rtvmx_debugfs_root());
	debugfs_create_file("info", 0400, vm->debugfs, vm, &info_fops);
	vcpu = debugfs_create_dir("vcpu0", vm->debugfs);
	debugfs_create_file("exits", 0400, vcpu, vm, &exits_fops);
	debugfs_create_file("vmcs", 0400, vcpu, vm, &vmcs_fops);
	rtvmx_sched_debugfs_vcpu(vm, vcpu);
	rtvmx_irq_debugfs_vcpu(vm, vcpu);
}
