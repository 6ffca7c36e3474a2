// SPDX-License-Identifier: GPL-2.0
/*
 * A VM's interrupt controllers and timers: the 8259A pair (0x20/0x21,
 * 0xa0/0xa1, ELCR 0x4d0/0x4d1), the 8254 PIT (0x40-0x43, 0x61), the CMOS RTC
 * (0x70/0x71), the I/O APIC at 0xfec00000 and one LAPIC per vCPU (xAPIC page
 * at 0xfee00000, x2APIC MSRs; APIC ID = vCPU index), wired as on a PC
 * through emul/irq_route.c.
 *
 * Every call comes from a run loop (port I/O, MMIO and MSR exits, the timer
 * expiry and the injection) on behalf of the vCPU it runs,
 * rtvmx_vcpu_running(), whose LAPIC the LAPIC calls use. vCPUs of one VM may
 * run on different CPUs, so every model call of the VM holds d->lock, a raw
 * spinlock held for one model call and never across anything that sleeps or
 * re-enters this file. An interrupt, IPI or STARTUP for another vCPU
 * signals it (rtvmx_vcpu_signal()). The PIT and RTC are the VM's; their
 * deadlines run on vCPU 0. Time is the guest TSC (vmx/intr.c). The LAPIC
 * timer's input clock is the TSC (CPUID 0x40000010 says so to the guest).
 *
 * With APIC virtualization (vmx/apicv.c) each vCPU's virtual-APIC page
 * mirrors its LAPIC model. Push: the model into the page before an entry,
 * when it changed. Pull: what the CPU changed in the page while the guest
 * ran (TPR, IRR, ISR) back into the model, before the model is used after
 * an entry; only the vCPU's own thread does either, under d->lock. Another
 * vCPU or a device only sets IRR bits in the model (lapic_set_irq() keeps
 * them in irr_new, so a pull cannot lose them) and marks the page dirty
 * (dev_kick()).
 */
#include <linux/spinlock.h>
#include <linux/rtvmx.h>
/* The models name this MSR too (same number); <asm/msr-index.h> came in above. */
#undef MSR_IA32_TSC_DEADLINE

#include "vm_devices.h"
#include "../emul/ioapic.h"
#include "../emul/irq_route.h"
#include "../emul/lapic.h"
#include "../emul/pic8259.h"
#include "../emul/pit8254.h"
#include "../emul/rtc_cmos.h"
#include "../emul/timebase.h"
#include "../vmx/intr.h"
#include "../vmx/signal.h"

/* A vCPU's LAPIC, its virtual-APIC page and its timer statistics. */
struct vcpu_apic {
	struct rtvmx_vcpu *vcpu;
	struct lapic lapic;
	u32 apicv;		/* RTVMX_APICV_* */
	u32 *vapic;		/* the virtual-APIC page, with RTVMX_APICV_TPR_SHADOW */
	bool vapic_live;	/* the CPU may have changed the page since the last push */
	bool irq_dirty;		/* the model changed since the last push */
	bool regs_dirty;	/* ... in a register the guest reads from the page */
	u64 timer_due;		/* deadline of a LAPIC timer interrupt not injected yet, or 0 */
	u64 timer_fired;
	struct rtvmx_latency lat;
};

struct rtvmx_vm_devices {
	raw_spinlock_t lock;		/* every field below, the models and the routing */
	struct irq_route route;
	struct pic8259 pic;
	struct ioapic ioapic;
	struct pit8254 pit;
	struct rtc_cmos rtc;
	struct vcpu_apic apic[IRQ_ROUTE_MAX_VCPUS];
	unsigned int nr_vcpus;
	u64 tsc_hz;
	u64 init_ignored;		/* INIT and STARTUP IPIs to a started vCPU */
	bool mmio_apic;
};

/* The LAPIC of the vCPU this CPU runs (every call comes from its exits). */
static struct vcpu_apic *cur(struct rtvmx_vm_devices *d)
{
	struct rtvmx_vcpu *v;
	unsigned int i;

	/* One vCPU: no lookup on its exit path (nr_vcpus is fixed before START). */
	if (d->nr_vcpus == 1)
		return &d->apic[0];
	v = rtvmx_vcpu_running();
	i = v ? rtvmx_vcpu_index(v) : 0;
	return &d->apic[i < d->nr_vcpus ? i : 0];
}

/*
 * d->lock serializes the vCPUs of a VM that has several. A VM with one vCPU
 * has one caller, its run loop with interrupts off, and its exit path takes
 * no lock (nr_vcpus is fixed before START).
 */
static unsigned long dev_lock(struct rtvmx_vm_devices *d)
{
	unsigned long flags = 0;

	if (d->nr_vcpus > 1)
		raw_spin_lock_irqsave(&d->lock, flags);
	return flags;
}

static void dev_unlock(struct rtvmx_vm_devices *d, unsigned long flags)
{
	if (d->nr_vcpus > 1)
		raw_spin_unlock_irqrestore(&d->lock, flags);
}

/* Under d->lock, on @a's vCPU's thread: the page's changes into the model. */
static void apic_pull(struct vcpu_apic *a)
{
	if (!a->vapic_live)
		return;
	a->vapic_live = false;
	lapic_page_load(&a->lapic, a->vapic, a->apicv & RTVMX_APICV_INTR_DELIVERY,
			a->apicv & RTVMX_APICV_REG_VIRT);
	/* The next entry writes the page again, and marks it live (push). */
	a->irq_dirty = true;
	rtvmx_vcpu_intr_kick(a->vcpu);
}

/* The running vCPU's LAPIC, its page's changes taken in first (under d->lock). */
static struct vcpu_apic *cur_pulled(struct rtvmx_vm_devices *d)
{
	struct vcpu_apic *a = cur(d);

	apic_pull(a);
	return a;
}

/* Under d->lock: @a's model changed (@regs: a register), the page is stale. */
static void apic_dirty(struct vcpu_apic *a, bool regs)
{
	a->irq_dirty = true;
	a->regs_dirty |= regs;
}

size_t rtvmx_devices_size(void)
{
	return sizeof(struct rtvmx_vm_devices);
}

/* Every vCPU's guest TSC is the host's (vmx/intr.c): vCPU 0's will do. */
static u64 dev_now(void *opaque)
{
	return rtvmx_guest_tsc(((struct rtvmx_vm_devices *)opaque)->apic[0].vcpu);
}

/* A line or message reached a LAPIC: its vCPU looks again before its next entry. */
static void dev_kick(void *opaque, unsigned int vcpu)
{
	struct rtvmx_vm_devices *d = opaque;

	d->apic[vcpu].irq_dirty = true;
	rtvmx_vcpu_signal(d->apic[vcpu].vcpu);
}

/*
 * INIT and STARTUP IPIs (SDM Vol. 3A 8.4.4, 10.6.1). An AP waits for
 * STARTUP from START on; the first one starts it at its vector, the loop of
 * its core setting it up. INIT leaves a waiting AP waiting, its LAPIC
 * reset. Both are ignored by a vCPU that has started (INIT of a running
 * vCPU is not emulated).
 */
static void dev_init_sipi(void *opaque, unsigned int vcpu, u8 mode, u8 vector)
{
	struct rtvmx_vm_devices *d = opaque;
	struct vcpu_apic *a = &d->apic[vcpu];

	if (!rtvmx_vcpu_waits_sipi(a->vcpu))
		d->init_ignored++;
	else if (mode == APIC_DM_INIT)
		lapic_reset(&a->lapic);
	else if (!rtvmx_vcpu_sipi(a->vcpu, vector))
		d->init_ignored++;
}

static const struct irq_route_ops route_ops = {
	.now = dev_now,
	.kick = dev_kick,
	.init_sipi = dev_init_sipi,
};

static void pit_irq0(void *opaque)
{
	struct rtvmx_vm_devices *d = opaque;

	irq_route_pulse_isa(&d->route, 0);
}

static const struct pit8254_ops pit_ops = {
	.now = dev_now,
	.irq0 = pit_irq0,
};

static void rtc_irq(void *opaque, bool level)
{
	struct rtvmx_vm_devices *d = opaque;

	irq_route_set_isa(&d->route, 8, level);
}

static const struct rtc_cmos_ops rtc_ops = {
	.now = dev_now,
	.irq = rtc_irq,
};

/*
 * After a change made by the running vCPU: it re-reads its deadlines and
 * pending interrupts (outside d->lock: that takes it again). A PIT or RTC
 * change made by another vCPU reaches vCPU 0, which runs their deadlines.
 */
static void changed(struct rtvmx_vm_devices *d, bool vm_timers)
{
	struct rtvmx_vcpu *v = cur(d)->vcpu;

	rtvmx_vcpu_dev_changed(v);
	if (vm_timers && v != d->apic[0].vcpu)
		rtvmx_vcpu_signal(d->apic[0].vcpu);
}

/* The models' MMIO callbacks, then the vCPU re-reads deadlines and pending interrupts. */
static int lapic_read(void *opaque, u64 off, unsigned int size, u64 *val)
{
	struct rtvmx_vm_devices *d = opaque;
	unsigned long flags;
	int ret;

	flags = dev_lock(d);
	ret = lapic_mmio_ops.read(&cur_pulled(d)->lapic, off, size, val);
	dev_unlock(d, flags);
	return ret;
}

static int lapic_write(void *opaque, u64 off, unsigned int size, u64 val)
{
	struct rtvmx_vm_devices *d = opaque;
	unsigned long flags;
	int ret;
	struct vcpu_apic *a;

	flags = dev_lock(d);
	a = cur_pulled(d);
	ret = lapic_mmio_ops.write(&a->lapic, off, size, val);
	apic_dirty(a, true);
	dev_unlock(d, flags);
	changed(d, false);
	return ret;
}

static const struct mmio_ops lapic_ops = { .read = lapic_read, .write = lapic_write };

static int ioapic_read(void *opaque, u64 off, unsigned int size, u64 *val)
{
	struct rtvmx_vm_devices *d = opaque;
	unsigned long flags;
	int ret;

	flags = dev_lock(d);
	ret = ioapic_mmio_ops.read(&d->ioapic, off, size, val);
	dev_unlock(d, flags);
	return ret;
}

static int ioapic_write(void *opaque, u64 off, unsigned int size, u64 val)
{
	struct rtvmx_vm_devices *d = opaque;
	unsigned long flags;
	int ret;

	flags = dev_lock(d);
	ret = ioapic_mmio_ops.write(&d->ioapic, off, size, val);
	dev_unlock(d, flags);
	changed(d, false);
	return ret;
}

static const struct mmio_ops ioapic_ops = { .read = ioapic_read, .write = ioapic_write };

/*
 * The APIC pages go on the bus when guest RAM ends below them; a VM with RAM
 * over 0xfec00000 has no xAPIC page (x2APIC MSRs only) and no I/O APIC.
 */
int rtvmx_devices_init(struct rtvmx_vm_devices *d, struct mmio_bus *bus, u64 mem_size,
		       u64 tsc_hz, u64 unix_secs)
{
	int ret;

	raw_spin_lock_init(&d->lock);
	d->tsc_hz = tsc_hz;
	pic8259_init(&d->pic, &irq_route_pic_ops, &d->route);
	ioapic_init(&d->ioapic, &irq_route_ioapic_ops, &d->route, 1);
	irq_route_init(&d->route, &route_ops, d, &d->pic, &d->ioapic);
	pit8254_init(&d->pit, &pit_ops, d, tsc_hz);
	rtc_cmos_init(&d->rtc, &rtc_ops, d, tsc_hz, unix_secs);
	if (mem_size > IOAPIC_DEFAULT_BASE)
		return 0;
	ret = mmio_bus_register(bus, IOAPIC_DEFAULT_BASE, IOAPIC_MMIO_SIZE, &ioapic_ops, d) ?:
	      mmio_bus_register(bus, LAPIC_DEFAULT_BASE, LAPIC_MMIO_SIZE, &lapic_ops, d);
	d->mmio_apic = !ret;
	return ret;
}

int rtvmx_devices_add_vcpu(struct rtvmx_vm_devices *d, struct rtvmx_vcpu *vcpu, u32 apicv,
			   u32 *vapic)
{
	unsigned int i = d->nr_vcpus;
	struct vcpu_apic *a = &d->apic[i];
	unsigned long flags;

	if (i >= IRQ_ROUTE_MAX_VCPUS)
		return -ENOSPC;
	a->vcpu = vcpu;
	a->apicv = apicv;
	a->vapic = vapic;
	a->regs_dirty = true;		/* the page starts with the power-up registers */
	a->lat.min = U64_MAX;
	lapic_init(&a->lapic, &irq_route_lapic_ops, &d->route, i, i == 0, d->tsc_hz, d->tsc_hz);
	raw_spin_lock_irqsave(&d->lock, flags);
	irq_route_add_lapic(&d->route, &a->lapic);
	d->nr_vcpus = i + 1;
	raw_spin_unlock_irqrestore(&d->lock, flags);
	return i;
}

/* One byte to or from the device at @port; false if none decodes it. */
static bool device_byte(struct rtvmx_vm_devices *d, u16 port, bool write, u8 *v)
{
	switch (port) {
	case PIC_MASTER_PORT: case PIC_MASTER_PORT + 1:
	case PIC_SLAVE_PORT: case PIC_SLAVE_PORT + 1:
	case PIC_ELCR_PORT: case PIC_ELCR_PORT + 1:
		if (write)
			pic8259_write(&d->pic, port, *v);
		else
			*v = pic8259_read(&d->pic, port);
		return true;
	case PIT_PORT_BASE ... PIT_PORT_CONTROL:
	case PIT_PORT_61:
		if (write)
			pit8254_write(&d->pit, port, *v);
		else
			*v = pit8254_read(&d->pit, port);
		return true;
	case RTC_PORT_INDEX: case RTC_PORT_DATA:
		if (write)
			rtc_cmos_write(&d->rtc, port, *v);
		else
			*v = rtc_cmos_read(&d->rtc, port);
		return true;
	}
	return false;
}

/*
 * These devices are 8 bits wide: a 16- or 32-bit access that starts at one
 * of their ports is split into byte accesses at port, port + 1, ..., low
 * byte first, as the ISA bus does; a byte no device decodes reads 0xff.
 */
static bool devices_pio(struct rtvmx_vm_devices *d, u16 port, unsigned int size, bool write,
			u32 *val)
{
	unsigned int i;
	u32 in = 0;
	u8 b;

	for (i = 0; i < size; i++) {
		b = write ? *val >> (8 * i) : 0xff;
		if (!device_byte(d, port + i, write, &b) && i == 0)
			return false;
		in |= (u32)b << (8 * i);
	}
	if (!write)
		*val = in;
	return true;
}

bool rtvmx_devices_pio(struct rtvmx_vm_devices *d, u16 port, unsigned int size, bool write,
		       u32 *val)
{
	unsigned long flags;
	bool taken;

	flags = dev_lock(d);
	taken = devices_pio(d, port, size, write, val);
	dev_unlock(d, flags);
	if (taken)
		changed(d, true);
	return taken;
}

/* The running vCPU's LAPIC timer, and for vCPU 0 the PIT and RTC. */
u64 rtvmx_devices_next_deadline(struct rtvmx_vm_devices *d)
{
	struct vcpu_apic *a;
	unsigned long flags;
	u64 due;

	flags = dev_lock(d);
	a = cur(d);
	/* EMUL_NO_DEADLINE is U64_MAX, the vCPU's "none". */
	due = lapic_next_deadline(&a->lapic);
	if (a == &d->apic[0]) {
		due = min(due, pit8254_next_deadline(&d->pit));
		due = min(due, rtc_cmos_next_deadline(&d->rtc));
	}
	dev_unlock(d, flags);
	return due;
}

void rtvmx_devices_expire(struct rtvmx_vm_devices *d, u64 now)
{
	struct vcpu_apic *a;
	unsigned long flags;
	u64 due;

	flags = dev_lock(d);
	a = cur_pulled(d);
	apic_dirty(a, false);
	due = lapic_next_deadline(&a->lapic);
	if (due <= now && lapic_timer_expire(&a->lapic, now)) {
		a->timer_fired++;
		if (!(a->lapic.lvt[LAPIC_LVT_TIMER] & APIC_LVT_MASKED) && !a->timer_due)
			a->timer_due = due;
	}
	if (a == &d->apic[0]) {
		pit8254_expire(&d->pit, now);
		rtc_cmos_expire(&d->rtc, now);
	}
	dev_unlock(d, flags);
}

unsigned int rtvmx_devices_intr_ready(struct rtvmx_vm_devices *d)
{
	struct lapic *apic;
	unsigned long flags;
	unsigned int ready;

	flags = dev_lock(d);
	apic = &cur_pulled(d)->lapic;
	ready = apic->nmi_pending ? RTVMX_INTR_NMI : 0;
	if (lapic_extint_pending(apic))
		ready |= RTVMX_INTR_IRQ | RTVMX_INTR_EXTINT;
	else if (lapic_pending_vector(apic) >= 0)
		ready |= RTVMX_INTR_IRQ;
	dev_unlock(d, flags);
	return ready;
}

static void latency_add(struct rtvmx_latency *l, u64 ticks)
{
	unsigned int b = ticks ? min_t(unsigned int, fls64(ticks), RTVMX_LAT_BUCKETS - 1) : 0;

	l->count++;
	l->sum += ticks;
	l->min = min(l->min, ticks);
	l->max = max(l->max, ticks);
	l->bucket[b]++;
}

/* The LAPIC timer's vector @vec leaves for the guest: its deadline → injection. */
static void timer_latency(struct vcpu_apic *a, int vec)
{
	u64 now;

	if (!a->timer_due || vec != (a->lapic.lvt[LAPIC_LVT_TIMER] & 0xff))
		return;
	now = rtvmx_guest_tsc(a->vcpu);
	latency_add(&a->lat, now > a->timer_due ? now - a->timer_due : 0);
	a->timer_due = 0;
}

static int devices_intr_take(struct rtvmx_vm_devices *d, struct vcpu_apic *a, bool nmi)
{
	int vec;

	if (nmi)
		return lapic_take_nmi(&a->lapic) ? 2 : -1;
	if (lapic_extint_pending(&a->lapic))
		return irq_route_extint_ack(&d->route);
	vec = lapic_pending_vector(&a->lapic);
	if (vec < 0)
		return -1;
	lapic_ack(&a->lapic, vec);
	timer_latency(a, vec);
	return vec;
}

/* NMI first, then the PIC's ExtINT, then the LAPIC's highest fixed interrupt (emul/README.md). */
int rtvmx_devices_intr_take(struct rtvmx_vm_devices *d, bool nmi)
{
	unsigned long flags;
	int vec;
	struct vcpu_apic *a;

	flags = dev_lock(d);
	a = cur_pulled(d);
	apic_dirty(a, false);
	vec = devices_intr_take(d, a, nmi);
	dev_unlock(d, flags);
	return vec;
}

/*
 * Before an entry of the running vCPU with APIC virtualization. With
 * virtual-interrupt delivery the timer's vector is handed over here, in the
 * page's IRR: its latency ends at this entry (the CPU delivers it as soon
 * as the guest can take it).
 */
void rtvmx_devices_apic_push(struct rtvmx_vm_devices *d)
{
	unsigned long flags;
	struct vcpu_apic *a;
	int vec;

	flags = dev_lock(d);
	a = cur_pulled(d);
	if (a->irq_dirty) {
		lapic_page_store(&a->lapic, a->vapic,
				 a->regs_dirty && (a->apicv & RTVMX_APICV_REG_VIRT));
		a->irq_dirty = false;
		a->regs_dirty = false;
	}
	if ((a->apicv & RTVMX_APICV_INTR_DELIVERY) && a->timer_due) {
		vec = lapic_pending_vector(&a->lapic);
		if (vec >= 0)
			timer_latency(a, vec);
	}
	a->vapic_live = true;
	dev_unlock(d, flags);
}

/* An APIC-write exit: the guest's value is in the page at @offset. */
void rtvmx_devices_apic_write(struct rtvmx_vm_devices *d, u32 offset)
{
	unsigned long flags;
	struct vcpu_apic *a;

	u32 val;

	offset &= LAPIC_MMIO_SIZE - 4;
	flags = dev_lock(d);
	a = cur(d);
	val = a->vapic[offset / 4];
	apic_pull(a);
	lapic_mmio_write(&a->lapic, offset, val);
	apic_dirty(a, true);
	dev_unlock(d, flags);
	changed(d, false);
}

void rtvmx_devices_apic_eoi(struct rtvmx_vm_devices *d, u8 vector)
{
	unsigned long flags;
	struct vcpu_apic *a;

	flags = dev_lock(d);
	a = cur_pulled(d);
	lapic_eoi_virtualized(&a->lapic, vector);
	apic_dirty(a, false);
	dev_unlock(d, flags);
	changed(d, false);
}

/* The running vCPU's LAPIC answers at its xAPIC page (enabled, not in x2APIC mode). */
bool rtvmx_devices_xapic_page(struct rtvmx_vm_devices *d)
{
	unsigned long flags;
	struct lapic *apic;
	bool on;

	flags = dev_lock(d);
	apic = &cur(d)->lapic;
	on = d->mmio_apic && lapic_hw_enabled(apic) && !lapic_x2apic_mode(apic);
	dev_unlock(d, flags);
	return on;
}

bool rtvmx_devices_has_xapic_page(const struct rtvmx_vm_devices *d)
{
	return d->mmio_apic;
}

static int devices_msr(struct lapic *apic, u32 msr, bool write, u64 *val)
{
	switch (msr) {
	case MSR_IA32_APIC_BASE:
		if (!write) {
			*val = lapic_get_apic_base(apic);
			return 0;
		}
		if ((*val & APIC_BASE_ADDR_MASK) != LAPIC_DEFAULT_BASE)
			return -EINVAL;
		return lapic_set_apic_base(apic, *val);
	case MSR_IA32_TSC_DEADLINE:
		if (!write) {
			*val = lapic_get_tsc_deadline(apic);
			return 0;
		}
		lapic_set_tsc_deadline(apic, *val);
		return 0;
	default:
		if (!write)
			return lapic_msr_read(apic, msr, val);
		return lapic_msr_write(apic, msr, *val);
	}
}

/*
 * IA32_APIC_BASE (the xAPIC page stays at 0xfee00000: moving it is refused
 * with #GP), IA32_TSC_DEADLINE and the x2APIC MSRs.
 */
int rtvmx_devices_msr(struct rtvmx_vm_devices *d, u32 msr, bool write, u64 *val)
{
	unsigned long flags;
	int ret;
	struct vcpu_apic *a;

	flags = dev_lock(d);
	a = cur_pulled(d);
	ret = devices_msr(&a->lapic, msr, write, val);
	if (write)
		apic_dirty(a, true);
	dev_unlock(d, flags);
	if (write)
		changed(d, false);
	return ret;
}

u8 rtvmx_devices_get_cr8(struct rtvmx_vm_devices *d)
{
	unsigned long flags;
	u8 val;

	flags = dev_lock(d);
	val = lapic_get_cr8(&cur_pulled(d)->lapic);
	dev_unlock(d, flags);
	return val;
}

void rtvmx_devices_set_cr8(struct rtvmx_vm_devices *d, u8 val)
{
	unsigned long flags;
	struct vcpu_apic *a;

	flags = dev_lock(d);
	a = cur_pulled(d);
	lapic_set_cr8(&a->lapic, val);
	apic_dirty(a, true);
	dev_unlock(d, flags);
	changed(d, false);
}

void rtvmx_devices_stats(struct rtvmx_vm_devices *d, unsigned int vcpu,
			 struct rtvmx_dev_stats *st)
{
	const struct vcpu_apic *a = &d->apic[vcpu];
	unsigned long flags;

	flags = dev_lock(d);
	st->lat = a->lat;
	st->timer_fired = a->timer_fired;
	st->pit_edges = d->pit.irq0_edges;
	st->route_dropped = d->route.dropped;
	st->init_ignored = d->init_ignored;
	st->mmio_apic = d->mmio_apic;
	st->x2apic = vcpu < d->nr_vcpus && lapic_x2apic_mode(&a->lapic);
	dev_unlock(d, flags);
}
