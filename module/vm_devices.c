// SPDX-License-Identifier: GPL-2.0
/*
 * A VM's interrupt controllers and timers: the 8259A pair (0x20/0x21,
 * 0xa0/0xa1, ELCR 0x4d0/0x4d1), the 8254 PIT (0x40-0x43, 0x61), the CMOS RTC
 * (0x70/0x71), the I/O APIC at 0xfec00000 and the vCPU's LAPIC (xAPIC page
 * at 0xfee00000, x2APIC MSRs), wired as on a PC through emul/irq_route.c.
 *
 * Every call happens on the vCPU's thread (port I/O, MMIO and MSR exits, the
 * timer expiry and the injection of the run loop), which serializes the
 * models; nothing here sleeps, allocates or locks. Time is the guest TSC,
 * (vmx/intr.c). The LAPIC timer's input clock is the TSC (CPUID 0x40000010
 * says so to the guest).
 */

#include <linux/rtvmx.h>

#include "vm_devices.h"
#include "../emul/ioapic.h"
#include "../emul/irq_route.h"
#include "../emul/lapic.h"
#include "../emul/pic8259.h"
#include "../emul/pit8254.h"
#include "../emul/rtc_cmos.h"
#include "../emul/timebase.h"
#include "../vmx/intr.h"

struct rtvmx_vm_devices {
	struct rtvmx_vcpu *vcpu;
	struct irq_route route;
	struct pic8259 pic;
	struct ioapic ioapic;
	struct pit8254 pit;
	struct rtc_cmos rtc;
	struct lapic lapic;
	bool mmio_apic;
	/* APIC virtualization (see apic_pull()): RTVMX_APICV_* and the vCPU's virtual-APIC page. */
	u32 apicv;
	u32 *vapic;
	bool vapic_live;		/* the CPU may have changed the page since the last push */
	bool irq_dirty, regs_dirty;	/* the model changed since the last push */
	u64 timer_due;			/* deadline of a LAPIC timer interrupt not injected yet, or 0 */
	u64 timer_fired;
	struct rtvmx_latency lat;
};

size_t rtvmx_devices_size(void)
{
	return sizeof(struct rtvmx_vm_devices);
}

static u64 dev_now(void *opaque)
{
	return rtvmx_guest_tsc(((struct rtvmx_vm_devices *)opaque)->vcpu);
}

/*
 * With APIC virtualization (vcpu->apicv, vmx/apicv.c) the vCPU's
 * virtual-APIC page mirrors the LAPIC model. Push: the model into the page
 * before an entry, when it changed. Pull: what the CPU changed in the page
 * while the guest ran (TPR, IRR, ISR) back into the model, before the model
 * is used after an entry. Every entry point below pulls first and says what
 * it changed through changed().
 */
static void apic_pull(struct rtvmx_vm_devices *d)
{
	if (!d->vapic_live)
		return;
	d->vapic_live = false;
	lapic_page_load(&d->lapic, d->vapic, d->apicv & RTVMX_APICV_INTR_DELIVERY);
	/* The next entry writes the page again, and marks it live (apic_push). */
	d->irq_dirty = true;
	rtvmx_vcpu_intr_kick(d->vcpu);
}

/* The model changed (@regs: a register write): the vCPU re-reads deadlines and interrupts. */
static void changed(struct rtvmx_vm_devices *d, bool regs)
{
	d->irq_dirty = true;
	d->regs_dirty |= regs;
	rtvmx_vcpu_dev_changed(d->vcpu);
}

/* A line or message reached the LAPIC: the vCPU looks again before its next entry. */
static void dev_kick(void *opaque, unsigned int vcpu)
{
	struct rtvmx_vm_devices *d = opaque;

	rtvmx_vcpu_intr_kick(d->vcpu);
}

static const struct irq_route_ops route_ops = {
	.now = dev_now,
	.kick = dev_kick,
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

/* The models' MMIO callbacks, then the vCPU re-reads deadlines and pending interrupts. */
static int lapic_read(void *opaque, u64 off, unsigned int size, u64 *val)
{
	struct rtvmx_vm_devices *d = opaque;

	apic_pull(d);
	return lapic_mmio_ops.read(&d->lapic, off, size, val);
}

static int lapic_write(void *opaque, u64 off, unsigned int size, u64 val)
{
	struct rtvmx_vm_devices *d = opaque;
	int ret;

	apic_pull(d);
	ret = lapic_mmio_ops.write(&d->lapic, off, size, val);
	changed(d, true);
	return ret;
}

static const struct mmio_ops lapic_ops = { .read = lapic_read, .write = lapic_write };

static int ioapic_read(void *opaque, u64 off, unsigned int size, u64 *val)
{
	struct rtvmx_vm_devices *d = opaque;

	return ioapic_mmio_ops.read(&d->ioapic, off, size, val);
}

static int ioapic_write(void *opaque, u64 off, unsigned int size, u64 val)
{
	struct rtvmx_vm_devices *d = opaque;
	int ret;

	apic_pull(d);
	ret = ioapic_mmio_ops.write(&d->ioapic, off, size, val);
	changed(d, false);
	return ret;
}

static const struct mmio_ops ioapic_ops = { .read = ioapic_read, .write = ioapic_write };

/*
 * The APIC pages go on the bus when guest RAM ends below them; a VM with RAM
 * over 0xfec00000 has no xAPIC page (x2APIC MSRs only) and no I/O APIC.
 */
int rtvmx_devices_init(struct rtvmx_vm_devices *d, struct rtvmx_vcpu *vcpu,
		       struct mmio_bus *bus, u64 mem_size, u64 tsc_hz, u64 unix_secs)
{
	int ret;

	d->vcpu = vcpu;
	pic8259_init(&d->pic, &irq_route_pic_ops, &d->route);
	ioapic_init(&d->ioapic, &irq_route_ioapic_ops, &d->route, 1);
	irq_route_init(&d->route, &route_ops, d, &d->pic, &d->ioapic);
	lapic_init(&d->lapic, &irq_route_lapic_ops, &d->route, 0, true, tsc_hz, tsc_hz);
	ret = irq_route_add_lapic(&d->route, &d->lapic);
	if (ret < 0)
		return ret;
	pit8254_init(&d->pit, &pit_ops, d, tsc_hz);
	rtc_cmos_init(&d->rtc, &rtc_ops, d, tsc_hz, unix_secs);
	d->lat.min = U64_MAX;
	d->regs_dirty = true;		/* the page starts with the power-up registers */
	if (mem_size > IOAPIC_DEFAULT_BASE)
		return 0;
	ret = mmio_bus_register(bus, IOAPIC_DEFAULT_BASE, IOAPIC_MMIO_SIZE, &ioapic_ops, d) ?:
	      mmio_bus_register(bus, LAPIC_DEFAULT_BASE, LAPIC_MMIO_SIZE, &lapic_ops, d);
	d->mmio_apic = !ret;
	return ret;
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
bool rtvmx_devices_pio(struct rtvmx_vm_devices *d, u16 port, unsigned int size, bool write,
		       u32 *val)
{
	unsigned int i;
	u32 in = 0;
	u8 b;

	apic_pull(d);
	for (i = 0; i < size; i++) {
		b = write ? *val >> (8 * i) : 0xff;
		if (!device_byte(d, port + i, write, &b) && i == 0)
			return false;
		in |= (u32)b << (8 * i);
	}
	if (!write)
		*val = in;
	changed(d, false);
	return true;
}

u64 rtvmx_devices_next_deadline(struct rtvmx_vm_devices *d)
{
	/* EMUL_NO_DEADLINE is U64_MAX, the vCPU's "none". */
	return min(lapic_next_deadline(&d->lapic),
		   min(pit8254_next_deadline(&d->pit), rtc_cmos_next_deadline(&d->rtc)));
}

void rtvmx_devices_expire(struct rtvmx_vm_devices *d, u64 now)
{
	u64 due = lapic_next_deadline(&d->lapic);

	apic_pull(d);
	if (due <= now && lapic_timer_expire(&d->lapic, now)) {
		d->timer_fired++;
		if (!(d->lapic.lvt[LAPIC_LVT_TIMER] & APIC_LVT_MASKED) && !d->timer_due)
			d->timer_due = due;
	}
	pit8254_expire(&d->pit, now);
	rtc_cmos_expire(&d->rtc, now);
	d->irq_dirty = true;		/* the vCPU re-reads after expire: rtvmx_intr_expire() */
}

unsigned int rtvmx_devices_intr_ready(struct rtvmx_vm_devices *d)
{
	struct lapic *apic = &d->lapic;
	unsigned int ready;

	apic_pull(d);
	ready = apic->nmi_pending ? RTVMX_INTR_NMI : 0;
	if (lapic_extint_pending(apic))
		ready |= RTVMX_INTR_IRQ | RTVMX_INTR_EXTINT;
	else if (lapic_pending_vector(apic) >= 0)
		ready |= RTVMX_INTR_IRQ;
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
static void timer_latency(struct rtvmx_vm_devices *d, int vec)
{
	u64 now;

	if (!d->timer_due || vec != (d->lapic.lvt[LAPIC_LVT_TIMER] & 0xff))
		return;
	now = rtvmx_guest_tsc(d->vcpu);
	latency_add(&d->lat, now > d->timer_due ? now - d->timer_due : 0);
	d->timer_due = 0;
}

/* NMI first, then the PIC's ExtINT, then the LAPIC's highest fixed interrupt (emul/README.md). */
int rtvmx_devices_intr_take(struct rtvmx_vm_devices *d, bool nmi)
{
	int vec;

	apic_pull(d);
	d->irq_dirty = true;
	if (nmi)
		return lapic_take_nmi(&d->lapic) ? 2 : -1;
	if (lapic_extint_pending(&d->lapic))
		return irq_route_extint_ack(&d->route);
	vec = lapic_pending_vector(&d->lapic);
	if (vec < 0)
		return -1;
	lapic_ack(&d->lapic, vec);
	timer_latency(d, vec);
	return vec;
}

/*
 * Before an entry with APIC virtualization. With virtual-interrupt delivery
 * the timer's vector is handed over here, in the page's IRR: its latency
 * ends at this entry (the CPU delivers it as soon as the guest can take it).
 */
void rtvmx_devices_set_apicv(struct rtvmx_vm_devices *d, u32 apicv, u32 *vapic)
{
	d->apicv = apicv;
	d->vapic = vapic;
}

void rtvmx_devices_apic_push(struct rtvmx_vm_devices *d)
{
	int vec;

	apic_pull(d);
	if (d->irq_dirty) {
		lapic_page_store(&d->lapic, d->vapic,
				 d->regs_dirty && (d->apicv & RTVMX_APICV_REG_VIRT));
		d->irq_dirty = false;
		d->regs_dirty = false;
	}
	if ((d->apicv & RTVMX_APICV_INTR_DELIVERY) && d->timer_due) {
		vec = lapic_pending_vector(&d->lapic);
		if (vec >= 0)
			timer_latency(d, vec);
	}
	d->vapic_live = true;
}

/* An APIC-write exit: the guest's value is in the page at @offset. */
void rtvmx_devices_apic_write(struct rtvmx_vm_devices *d, u32 offset)
{
	u32 val = d->vapic[offset / 4];

	apic_pull(d);
	lapic_mmio_write(&d->lapic, offset, val);
	changed(d, true);
}

void rtvmx_devices_apic_eoi(struct rtvmx_vm_devices *d, u8 vector)
{
	apic_pull(d);
	lapic_eoi_virtualized(&d->lapic, vector);
	changed(d, false);
}

bool rtvmx_devices_xapic_page(struct rtvmx_vm_devices *d)
{
	return d->mmio_apic && lapic_hw_enabled(&d->lapic) && !lapic_x2apic_mode(&d->lapic);
}

/*
 * IA32_APIC_BASE (the xAPIC page stays at 0xfee00000: moving it is refused
 * with #GP), IA32_TSC_DEADLINE and the x2APIC MSRs.
 */
int rtvmx_devices_msr(struct rtvmx_vm_devices *d, u32 msr, bool write, u64 *val)
{
	struct lapic *apic = &d->lapic;
	int ret = 0;

	apic_pull(d);
	switch (msr) {
	case MSR_IA32_APIC_BASE:
		if (!write) {
			*val = lapic_get_apic_base(apic);
			return 0;
		}
		if ((*val & APIC_BASE_ADDR_MASK) != LAPIC_DEFAULT_BASE)
			return -EINVAL;
		ret = lapic_set_apic_base(apic, *val);
		break;
	case MSR_IA32_TSC_DEADLINE:
		if (!write) {
			*val = lapic_get_tsc_deadline(apic);
			return 0;
		}
		lapic_set_tsc_deadline(apic, *val);
		break;
	default:
		if (!write)
			return lapic_msr_read(apic, msr, val);
		ret = lapic_msr_write(apic, msr, *val);
	}
	changed(d, true);
	return ret;
}

u8 rtvmx_devices_get_cr8(struct rtvmx_vm_devices *d)
{
	apic_pull(d);
	return lapic_get_cr8(&d->lapic);
}

void rtvmx_devices_set_cr8(struct rtvmx_vm_devices *d, u8 val)
{
	apic_pull(d);
	lapic_set_cr8(&d->lapic, val);
	changed(d, true);
}

void rtvmx_devices_stats(const struct rtvmx_vm_devices *d, struct rtvmx_dev_stats *st)
{
	st->lat = d->lat;
	st->timer_fired = d->timer_fired;
	st->pit_edges = d->pit.irq0_edges;
	st->route_dropped = d->route.dropped;
	st->mmio_apic = d->mmio_apic;
	st->x2apic = lapic_x2apic_mode(&d->lapic);
}
