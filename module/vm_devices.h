/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A VM's interrupt controllers and timers (module/vm_devices.c). The models'
 * headers clash with the kernel's <asm/apicdef.h>, so the state is opaque
 * here and only vm_devices.c sees inside it.
 */
#ifndef RTVMX_MODULE_VM_DEVICES_H
#define RTVMX_MODULE_VM_DEVICES_H

#include <linux/types.h>

struct mmio_bus;
struct rtvmx_vcpu;
struct rtvmx_vm_devices;

#define RTVMX_LAT_BUCKETS	32	/* bucket i > 0: [2^(i-1), 2^i) TSC ticks; bucket 0: 0 */

/* The LAPIC timer's "deadline → injection", in TSC ticks. */
struct rtvmx_latency {
	u64 count, sum, min, max;
	u64 bucket[RTVMX_LAT_BUCKETS];
};

/* A snapshot for debugfs. */
struct rtvmx_dev_stats {
	struct rtvmx_latency lat;
	u64 timer_fired;		/* LAPIC timer expiries */
	u64 pit_edges;			/* PIT IRQ0 edges */
	u64 route_dropped;		/* interrupt messages no LAPIC took */
	u64 init_ignored;		/* INIT and STARTUP IPIs to a started vCPU */
	bool mmio_apic;			/* xAPIC page and I/O APIC on the MMIO bus */
	bool x2apic;			/* the LAPIC is in x2APIC mode */
};

size_t rtvmx_devices_size(void);
/*
 * Fills @d (zeroed, rtvmx_devices_size() bytes) for a VM whose guest TSC
 * runs at @tsc_hz, the RTC set to @unix_secs; the xAPIC page and the I/O
 * APIC go on @bus when guest RAM (@mem_size) ends below them.
 */
int rtvmx_devices_init(struct rtvmx_vm_devices *d, struct mmio_bus *bus, u64 mem_size,
		       u64 tsc_hz, u64 unix_secs);
/*
 * The LAPIC of the next vCPU (APIC ID = its index, returned), before START;
 * -ENOSPC past 8. @apicv: its RTVMX_APICV_*, @vapic: its virtual-APIC page.
 */
int rtvmx_devices_add_vcpu(struct rtvmx_vm_devices *d, struct rtvmx_vcpu *vcpu, u32 apicv,
			   u32 *vapic);
/* The VM has the xAPIC page and the I/O APIC (guest RAM ends below them). */
bool rtvmx_devices_has_xapic_page(const struct rtvmx_vm_devices *d);
/*
 * The calls below act for the vCPU running on this CPU
 * (rtvmx_vcpu_running()) and may come from several CPUs at once.
 */
/* Port I/O to a device port: true if one took it. */
bool rtvmx_devices_pio(struct rtvmx_vm_devices *d, u16 port, unsigned int size, bool write,
		       u32 *val);
u64 rtvmx_devices_next_deadline(struct rtvmx_vm_devices *d);
void rtvmx_devices_expire(struct rtvmx_vm_devices *d, u64 now);
unsigned int rtvmx_devices_intr_ready(struct rtvmx_vm_devices *d);
int rtvmx_devices_intr_take(struct rtvmx_vm_devices *d, bool nmi);
int rtvmx_devices_msr(struct rtvmx_vm_devices *d, u32 msr, bool write, u64 *val);
u8 rtvmx_devices_get_cr8(struct rtvmx_vm_devices *d);
void rtvmx_devices_set_cr8(struct rtvmx_vm_devices *d, u8 val);
/* APIC virtualization (vmx/apicv.c, the vCPU ops of the same names). */
void rtvmx_devices_apic_push(struct rtvmx_vm_devices *d);
void rtvmx_devices_apic_write(struct rtvmx_vm_devices *d, u32 offset);
void rtvmx_devices_apic_eoi(struct rtvmx_vm_devices *d, u8 vector);
bool rtvmx_devices_xapic_page(struct rtvmx_vm_devices *d);
/* Of vCPU @vcpu's LAPIC, and the VM's. */
void rtvmx_devices_stats(struct rtvmx_vm_devices *d, unsigned int vcpu,
			 struct rtvmx_dev_stats *st);

#endif
