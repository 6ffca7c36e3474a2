// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs rtvmx/vm<id>/vcpu0/: "state" (state, stop reason, exit code and
 * times), "exits" (one "<reason> <count>" line per exit reason seen) and
 * "dump" (the VMCS and register dump of the last abnormal stop).
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "rtvmx.h"
#include "vm.h"

static const char *const state_names[] = { "created", "running", "stopped" };
static const char *const stop_names[RTVMX_NR_STOP_REASONS] = { RTVMX_STOP_NAMES };

static int state_show(struct seq_file *m, void *unused)
{
	struct rtvmx_vm *vm = m->private;
	const struct rtvmx_vcpu *v = &vm->vcpu;
	u32 state = smp_load_acquire(&vm->state), reason = READ_ONCE(v->stop_reason);

	seq_printf(m, "name: %s\nstate: %s\ncpu: %d\n", vm->name,
		   state < ARRAY_SIZE(state_names) ? state_names[state] : "?",
		   vm->has_vcpu ? v->cpu : -1);
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
DEFINE_SHOW_ATTRIBUTE(state);

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
static int dump_show(struct seq_file *m, void *unused)
{
	struct rtvmx_vm *vm = m->private;

	if (smp_load_acquire(&vm->state) == RTVMX_VM_STOPPED && vm->vcpu.dump)
		seq_puts(m, vm->vcpu.dump);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(dump);

void rtvmx_vm_debugfs_add(struct rtvmx_vm *vm)
{
	struct dentry *vcpu;
	char name[16];

	snprintf(name, sizeof(name), "vm%u", vm->id);
	vm->debugfs = debugfs_create_dir(name, rtvmx_debugfs_root());
	vcpu = debugfs_create_dir("vcpu0", vm->debugfs);
	debugfs_create_file("state", 0400, vcpu, vm, &state_fops);
	debugfs_create_file("exits", 0400, vcpu, vm, &exits_fops);
	debugfs_create_file("dump", 0400, vcpu, vm, &dump_fops);
	rtvmx_sched_debugfs_vcpu(vm, vcpu);
	rtvmx_irq_debugfs_vcpu(vm, vcpu);
}
