/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interrupt routing for one VM: GSI → 8259A pair (GSIs 0-15) and I/O APIC
 * (GSIs 0-23) → local APICs, as on a PC with the ACPI MADT override ISA IRQ0
 * → GSI 2. The 8259A's INT output drives LINT0 of the first LAPIC (the BSP),
 * which takes it per its LVT entry (ExtINT in virtual-wire mode); I/O APIC
 * messages and IPIs go to the LAPICs their destination names; EOIs of
 * level-triggered vectors are broadcast back to the I/O APIC.
 *
 * Delivery: fixed and NMI to every matching LAPIC; lowest priority is fixed
 * to the first matching LAPIC (no arbitration); INIT and STARTUP IPIs go to
 * ops->init_sipi; SMI, ExtINT messages and INIT/STARTUP from the I/O APIC
 * are dropped and counted. One source per GSI (no line sharing).
 *
 * Not locked: the caller serializes every call on a VM's routing layer and
 * its devices (one raw spinlock per VM, or one vCPU doing all the work).
 */
#ifndef EMUL_IRQ_ROUTE_H
#define EMUL_IRQ_ROUTE_H

#include "emul_host.h"
#include "ioapic.h"
#include "lapic.h"
#include "pic8259.h"

#define IRQ_ROUTE_MAX_VCPUS	8
#define IRQ_ROUTE_NR_GSI	IOAPIC_NR_PINS

struct irq_route_ops {
	u64 (*now)(void *opaque);		/* guest TSC, for the LAPIC timers */
	/* vCPU @vcpu has something new to take (an IRR bit, ExtINT, NMI) */
	void (*kick)(void *opaque, unsigned int vcpu);
	/* an INIT or STARTUP IPI for vCPU @vcpu (@mode APIC_DM_INIT/STARTUP); may be NULL */
	void (*init_sipi)(void *opaque, unsigned int vcpu, u8 mode, u8 vector);
};

struct irq_route {
	struct pic8259 *pic;
	struct ioapic *ioapic;
	struct lapic *lapic[IRQ_ROUTE_MAX_VCPUS];
	unsigned int nr_lapics;
	u64 dropped;		/* messages no LAPIC took */
	const struct irq_route_ops *ops;
	void *opaque;
};

/* The callbacks the devices and LAPICs are initialized with; opaque is the struct irq_route. */
extern const struct pic8259_ops irq_route_pic_ops;
extern const struct ioapic_ops irq_route_ioapic_ops;
extern const struct lapic_ops irq_route_lapic_ops;

/* @pic and @ioapic may be NULL (a VM without them). */
void irq_route_init(struct irq_route *r, const struct irq_route_ops *ops, void *opaque,
		    struct pic8259 *pic, struct ioapic *ioapic);
/* Adds vCPU @apic (initialized with irq_route_lapic_ops); returns its index or -ENOSPC. */
int irq_route_add_lapic(struct irq_route *r, struct lapic *apic);

/* ISA IRQ → GSI: IRQ0 is GSI 2 (the PC's interrupt source override), the rest map 1:1. */
unsigned int irq_route_isa_to_gsi(unsigned int irq);

/* Sets GSI @gsi's level: the PIC (ISA IRQ of that GSI) and the I/O APIC pin. -EINVAL past 23. */
int irq_route_set_gsi(struct irq_route *r, unsigned int gsi, bool level);
/* The same by ISA IRQ (0-15); IRQ2 is the cascade and has no source: -EINVAL. */
int irq_route_set_isa(struct irq_route *r, unsigned int irq, bool level);
/* A rising then falling edge (edge-triggered sources such as the PIT). */
int irq_route_pulse_gsi(struct irq_route *r, unsigned int gsi);
int irq_route_pulse_isa(struct irq_route *r, unsigned int irq);

/* INTA for an ExtINT the BSP's LAPIC reported (lapic_extint_pending()): the PIC's vector. */
u8 irq_route_extint_ack(struct irq_route *r);

#endif
