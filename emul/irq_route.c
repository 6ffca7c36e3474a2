// SPDX-License-Identifier: GPL-2.0
/* GSI → PIC/IOAPIC → LAPIC routing (see irq_route.h). */
#include "irq_route.h"

/* GSI 2 carries ISA IRQ0 and GSI 0 has no ISA source (the MADT override). */
#define GSI_NO_ISA	~0u

unsigned int irq_route_isa_to_gsi(unsigned int irq)
{
	return irq == 0 ? 2 : irq;
}

static unsigned int gsi_to_isa(unsigned int gsi)
{
	if (gsi == 2)
		return 0;
	if (gsi == 0 || gsi >= 16)
		return GSI_NO_ISA;
	return gsi;
}

void irq_route_init(struct irq_route *r, const struct irq_route_ops *ops, void *opaque,
		    struct pic8259 *pic, struct ioapic *ioapic)
{
	memset(r, 0, sizeof(*r));
	r->ops = ops;
	r->opaque = opaque;
	r->pic = pic;
	r->ioapic = ioapic;
}

int irq_route_add_lapic(struct irq_route *r, struct lapic *apic)
{
	if (r->nr_lapics >= IRQ_ROUTE_MAX_VCPUS)
		return -ENOSPC;
	r->lapic[r->nr_lapics] = apic;
	return r->nr_lapics++;
}

int irq_route_set_gsi(struct irq_route *r, unsigned int gsi, bool level)
{
	unsigned int isa = gsi < IRQ_ROUTE_NR_GSI ? gsi_to_isa(gsi) : GSI_NO_ISA;

	if (gsi >= IRQ_ROUTE_NR_GSI)
		return -EINVAL;
	if (r->pic && isa != GSI_NO_ISA)
		pic8259_set_irq(r->pic, isa, level);
	if (r->ioapic)
		ioapic_set_irq(r->ioapic, gsi, level);
	return 0;
}

int irq_route_set_isa(struct irq_route *r, unsigned int irq, bool level)
{
	if (irq >= 16 || irq == PIC_CASCADE_IRQ)
		return -EINVAL;
	return irq_route_set_gsi(r, irq_route_isa_to_gsi(irq), level);
}

int irq_route_pulse_gsi(struct irq_route *r, unsigned int gsi)
{
	int ret = irq_route_set_gsi(r, gsi, true);

	if (!ret)
		ret = irq_route_set_gsi(r, gsi, false);
	return ret;
}

int irq_route_pulse_isa(struct irq_route *r, unsigned int irq)
{
	if (irq >= 16 || irq == PIC_CASCADE_IRQ)
		return -EINVAL;
	return irq_route_pulse_gsi(r, irq_route_isa_to_gsi(irq));
}

u8 irq_route_extint_ack(struct irq_route *r)
{
	return r->pic ? pic8259_inta(r->pic) : 0xff;
}

static void kick(struct irq_route *r, unsigned int i)
{
	r->ops->kick(r->opaque, i);
}

/* One fixed, lowest-priority or NMI message to LAPIC @i. */
static bool deliver_one(struct irq_route *r, unsigned int i, u8 mode, u8 vector, bool level)
{
	struct lapic *apic = r->lapic[i];

	if (mode == APIC_DM_NMI) {
		lapic_nmi(apic);
	} else if (!lapic_set_irq(apic, vector, level)) {
		return false;
	}
	kick(r, i);
	return true;
}

static bool mode_routed(u8 mode)
{
	return mode == APIC_DM_FIXED || mode == APIC_DM_LOWEST || mode == APIC_DM_NMI;
}

static void route_ioapic_deliver(void *opaque, const struct ioapic_msg *msg)
{
	struct irq_route *r = opaque;
	bool taken = false;
	unsigned int i;

	if (!mode_routed(msg->mode)) {
		r->dropped++;
		return;
	}
	for (i = 0; i < r->nr_lapics; i++) {
		if (!lapic_match_dest(r->lapic[i], msg->dest, msg->logical))
			continue;
		taken |= deliver_one(r, i, msg->mode, msg->vector, msg->level);
		if (taken && msg->mode == APIC_DM_LOWEST)
			break;
	}
	if (!taken)
		r->dropped++;
}

static void route_pic_output(void *opaque, bool level)
{
	struct irq_route *r = opaque;

	if (!r->nr_lapics)
		return;
	lapic_set_lint(r->lapic[0], 0, level);
	if (level)
		kick(r, 0);
}

static u64 route_now(void *opaque)
{
	struct irq_route *r = opaque;

	return r->ops->now(r->opaque);
}

static void route_eoi(void *opaque, struct lapic *apic, u8 vector)
{
	struct irq_route *r = opaque;

	(void)apic;
	if (r->ioapic)
		ioapic_eoi(r->ioapic, vector);
}

static bool ipi_targets(const struct lapic *dst, const struct lapic_ipi *ipi)
{
	if (ipi->shorthand == LAPIC_SH_ALL_INCL || ipi->shorthand == LAPIC_SH_ALL_EXCL)
		return true;
	return ipi->shorthand == LAPIC_SH_NONE && lapic_match_dest(dst, ipi->dest, ipi->logical);
}

static void route_ipi(void *opaque, struct lapic *src, const struct lapic_ipi *ipi)
{
	struct irq_route *r = opaque;
	bool taken = false;
	unsigned int i;

	for (i = 0; i < r->nr_lapics; i++) {
		if (r->lapic[i] == src || !ipi_targets(r->lapic[i], ipi))
			continue;
		if (ipi->mode == APIC_DM_INIT || ipi->mode == APIC_DM_STARTUP) {
			if (!r->ops->init_sipi)
				continue;
			/* INIT level de-assert (assert bit clear) is a no-op on P6 and later */
			if (ipi->mode == APIC_DM_INIT && !ipi->assert)
				continue;
			r->ops->init_sipi(r->opaque, i, ipi->mode, ipi->vector);
			taken = true;
		} else if (mode_routed(ipi->mode)) {
			taken |= deliver_one(r, i, ipi->mode, ipi->vector, false);
			if (taken && ipi->mode == APIC_DM_LOWEST)
				break;
		}
	}
	if (!taken)
		r->dropped++;
}

const struct pic8259_ops irq_route_pic_ops = {
	.output = route_pic_output,
};

const struct ioapic_ops irq_route_ioapic_ops = {
	.deliver = route_ioapic_deliver,
};

const struct lapic_ops irq_route_lapic_ops = {
	.now = route_now,
	.eoi_level = route_eoi,
	.ipi = route_ipi,
};
