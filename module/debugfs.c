// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs: rtvmx/cpus, one "cpuN: STATE" line per reserved CPU, then the VMX
 * capability summary ("caps:", "missing:", "vmcs_revision:",
 * "preemption_timer_shift:"); rtvmx/mitigations, the speculative-execution
 * mitigations in use and those the host wants. The format is stable; tests
 * parse it.
 */
#include <linux/cpu.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include <linux/rtvmx.h>
#include "rtvmx.h"
#include "../vmx/caps.h"
#include "../vmx/spec.h"

static struct dentry *rtvmx_debugfs_dir;

static void show_cap_names(struct seq_file *m, const char *label, u64 mask)
{
	unsigned int bit;

	seq_puts(m, label);
	for (bit = 0; bit < RTVMX_NR_CAPS; bit++)
		if (mask & BIT_ULL(bit))
			seq_printf(m, " %s", rtvmx_cap_name(bit));
	seq_putc(m, '\n');
}

static int cpus_show(struct seq_file *m, void *unused)
{
	u64 all = GENMASK_ULL(RTVMX_NR_CAPS - 1, 0);
	unsigned int cpu;

	cpus_read_lock();
	for_each_cpu(cpu, &rtvmx_reserved_cpus)
		seq_printf(m, "cpu%u: %s\n", cpu, rtvmx_cpu_state_name(rtvmx_cpu_state(cpu)));
	cpus_read_unlock();

	show_cap_names(m, "caps:", rtvmx_vmx.caps);
	show_cap_names(m, "missing:", all & ~rtvmx_vmx.caps);
	seq_printf(m, "vmcs_revision: %#x\n", rtvmx_vmx.revision);
	seq_printf(m, "preemption_timer_shift: %u\n", rtvmx_vmx.preemption_timer_shift);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(cpus);

static void show_mitigations(struct seq_file *m, const char *label, u32 set)
{
	static const char *const names[] = { RTVMX_MITIGATION_NAMES };
	unsigned int bit;

	seq_puts(m, label);
	for (bit = 0; bit < ARRAY_SIZE(names); bit++)
		if (set & BIT(bit))
			seq_printf(m, " %s", names[bit]);
	seq_putc(m, '\n');
}

/* rtvmx/mitigations: "active: NAME..." and "host_needs: NAME..." (vmx/spec.c). */
static int mitigations_show(struct seq_file *m, void *unused)
{
	show_mitigations(m, "active:", rtvmx_spec_active);
	show_mitigations(m, "host_needs:", rtvmx_spec_host_needs());
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mitigations);

void rtvmx_debugfs_init(void)
{
	rtvmx_debugfs_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("cpus", 0400, rtvmx_debugfs_dir, NULL, &cpus_fops);
	debugfs_create_file("mitigations", 0400, rtvmx_debugfs_dir, NULL, &mitigations_fops);
}

struct dentry *rtvmx_debugfs_root(void)
{
	return rtvmx_debugfs_dir;
}

void rtvmx_debugfs_exit(void)
{
	debugfs_remove_recursive(rtvmx_debugfs_dir);
}
