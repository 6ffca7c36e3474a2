/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An I/O APIC (Intel 82093AA data sheet) with 24 redirection entries, at
 * IOAPIC_DEFAULT_BASE: IOREGSEL at +0x00, IOWIN at +0x10. Registers: ID
 * (0x00), version (0x01: 0x11, 24 entries), arbitration ID (0x02) and the
 * redirection table (0x10-0x3f, two 32-bit halves per entry).
 *
 * Edge inputs deliver on a rising edge while unmasked (a masked edge is
 * lost, as on the 82093AA); level inputs deliver while asserted, unmasked
 * and not already waiting for an EOI (remote IRR), and deliver again after
 * the EOI broadcast if still asserted. Input levels are logical (asserted or
 * not): the polarity bit is stored for the guest but the routing layer
 * passes asserted levels. Delivery status always reads idle. What a message
 * reaches is the routing layer's business (ops->deliver).
 */
#ifndef EMUL_IOAPIC_H
#define EMUL_IOAPIC_H

#include "emul_host.h"
#include "mmio_bus.h"

#define IOAPIC_DEFAULT_BASE	0xfec00000ULL
#define IOAPIC_MMIO_SIZE	0x20u
#define IOAPIC_NR_PINS		24
#define IOAPIC_VERSION		0x00170011u

/* Redirection entry fields (82093AA 3.2.4) */
#define IOAPIC_RTE_DEST_LOGICAL	(1ULL << 11)
#define IOAPIC_RTE_REMOTE_IRR	(1ULL << 14)
#define IOAPIC_RTE_LEVEL	(1ULL << 15)
#define IOAPIC_RTE_MASKED	(1ULL << 16)

/* One interrupt message on the APIC bus. */
struct ioapic_msg {
	u8 vector;
	u8 mode;		/* APIC_DM_* */
	u8 dest;
	bool logical;
	bool level;
};

struct ioapic_ops {
	void (*deliver)(void *opaque, const struct ioapic_msg *msg);
};

struct ioapic {
	u64 rte[IOAPIC_NR_PINS];
	u32 lines;		/* asserted inputs */
	u32 id;
	u8 sel;
	u64 delivered[IOAPIC_NR_PINS];	/* messages sent per pin */
	const struct ioapic_ops *ops;
	void *opaque;
};

/* Reset state: every entry masked, ID @id. */
void ioapic_init(struct ioapic *io, const struct ioapic_ops *ops, void *opaque, u8 id);

/* Pin @pin's input is asserted (@level) or not. */
void ioapic_set_irq(struct ioapic *io, unsigned int pin, bool level);

/* EOI broadcast from a LAPIC for @vector: remote IRR of matching level entries clears. */
void ioapic_eoi(struct ioapic *io, u8 vector);

/* 32-bit accesses to IOREGSEL (+0x00) and IOWIN (+0x10); others read 0. */
u32 ioapic_mmio_read(struct ioapic *io, u32 offset);
void ioapic_mmio_write(struct ioapic *io, u32 offset, u32 val);
extern const struct mmio_ops ioapic_mmio_ops;

#endif
