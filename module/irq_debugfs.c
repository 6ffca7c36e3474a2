// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs rtvmx/vm<id>/vcpu<n>/latency: the LAPIC timer's "deadline →
 * injection" in TSC ticks (the deadline the model fired to the moment its
 * vector was written into the VM-entry field):
 *	count N / min / avg / max, then "<lo>-<hi> <count>" per nonempty
 *	power-of-two bucket (ticks in [lo, hi]).
 * vcpu<n>/apic: which APIC virtualization is in use, and the interrupt
 * counters (the PIT, routing and INIT/STARTUP ones are the VM's).
 */
#include <linux/debugfs.h>
#include <linux/math64.h>
#include <linux/seq_file.h>

#include "rtvmx.h"
#include "vm.h"
#include "../vmx/caps.h"

static int latency_show(struct seq_file *m, void *unused)
{
	struct rtvmx_vcpu *v = m->private;
	struct rtvmx_vm *vm = v->vm;
	struct rtvmx_dev_stats st;
	const struct rtvmx_latency *l = &st.lat;
	u64 count, n;
	unsigned int i;

	rtvmx_devices_stats(vm->dev, v->index, &st);
	count = l->count;

	seq_printf(m, "unit: tsc_ticks\ntsc_khz: %u\ncount: %llu\n", tsc_khz, count);
	if (!count)
		return 0;
	seq_printf(m, "min: %llu\navg: %llu\nmax: %llu\n", l->min,
		   div64_u64(l->sum, count), l->max);
	for (i = 0; i < RTVMX_LAT_BUCKETS; i++) {
		n = l->bucket[i];
		if (!n)
			continue;
		if (!i)
			seq_printf(m, "0-0 %llu\n", n);
		else if (i == RTVMX_LAT_BUCKETS - 1)
			seq_printf(m, "%llu-inf %llu\n", 1ULL << (i - 1), n);
		else
			seq_printf(m, "%llu-%llu %llu\n", 1ULL << (i - 1), (1ULL << i) - 1, n);
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(latency);

static const char *const apicv_names[RTVMX_NR_APICV] = { RTVMX_APICV_NAMES };

static int apic_show(struct seq_file *m, void *unused)
{
	const struct rtvmx_vcpu *v = m->private;
	struct rtvmx_vm *vm = v->vm;
	u64 caps = rtvmx_vmx.caps;
	struct rtvmx_dev_stats st;
	unsigned int i;

	rtvmx_devices_stats(vm->dev, v->index, &st);
	seq_puts(m, "apic_virtualization:");
	for (i = 0; i < RTVMX_NR_APICV; i++)
		if (vm->apicv & BIT(i))
			seq_printf(m, " %s", apicv_names[i]);
	seq_puts(m, vm->apicv ? "\n" : " emulated\n");
	seq_printf(m, "cpu_offers: tpr_shadow=%d apic_register_virtualization=%d "
		   "virtual_interrupt_delivery=%d posted_interrupts=%d x2apic_virtualization=%d\n",
		   !!(caps & RTVMX_CAP_TPR_SHADOW), !!(caps & RTVMX_CAP_APIC_REG_VIRT),
		   !!(caps & RTVMX_CAP_VIRT_INTR_DELIVERY), !!(caps & RTVMX_CAP_POSTED_INTR),
		   !!(caps & RTVMX_CAP_X2APIC_VIRT));
	seq_printf(m, "xapic_mmio: %s\nx2apic_mode: %d\nvirtual_nmis: %d\n",
		   st.mmio_apic ? "0xfee00000" : "none", st.x2apic, v->virtual_nmis);
	seq_printf(m, "interrupts_injected: %llu\nnmis_injected: %llu\nreinjected: %llu\n",
		   READ_ONCE(v->intr_injected), READ_ONCE(v->nmi_injected), READ_ONCE(v->reinjected));
	seq_printf(m, "hlt_in_guest: %llu\nlapic_timer_fired: %llu\npit_irq0_edges: %llu\n"
		   "messages_dropped: %llu\ninit_sipi_ignored: %llu\n",
		   READ_ONCE(v->hlt_in_guest), st.timer_fired, st.pit_edges, st.route_dropped,
		   st.init_ignored);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(apic);

void rtvmx_irq_debugfs_vcpu(struct rtvmx_vcpu *v, struct dentry *dir)
{
	debugfs_create_file("latency", 0400, dir, v, &latency_fops);
	debugfs_create_file("apic", 0400, dir, v, &apic_fops);
}
