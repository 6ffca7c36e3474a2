// SPDX-License-Identifier: GPL-2.0
/*
 * I/O APIC tests: the register window (ID, version, arbitration, both halves
 * of an entry, read-only bits), edge delivery and masked edges, level
 * delivery with remote IRR held until the EOI broadcast, redelivery of a
 * line still asserted, and unmasking a held level line.
 */
#include <stdio.h>

#include "apic_defs.h"
#include "ioapic.h"
#include "tap.h"

struct msg_log {
	struct ioapic_msg last;
	unsigned int count;
};

static void log_deliver(void *opaque, const struct ioapic_msg *msg)
{
	struct msg_log *l = opaque;

	l->last = *msg;
	l->count++;
}

static const struct ioapic_ops ops = { .deliver = log_deliver };

static u32 reg_read(struct ioapic *io, u8 reg)
{
	ioapic_mmio_write(io, 0x00, reg);
	return ioapic_mmio_read(io, 0x10);
}

static void reg_write(struct ioapic *io, u8 reg, u32 val)
{
	ioapic_mmio_write(io, 0x00, reg);
	ioapic_mmio_write(io, 0x10, val);
}

static void set_rte(struct ioapic *io, unsigned int pin, u64 rte)
{
	reg_write(io, 0x11 + 2 * pin, rte >> 32);
	reg_write(io, 0x10 + 2 * pin, (u32)rte);
}

static void test_registers(void)
{
	struct msg_log log = { 0 };
	struct ioapic io;
	u64 v = 0;

	ioapic_init(&io, &ops, &log, 2);
	tap_check(reg_read(&io, 0) == 0x02000000 && reg_read(&io, 1) == 0x00170011 &&
		  reg_read(&io, 2) == 0x02000000,
		  "ioapic: ID 2, version 0x11 with 24 entries, arbitration ID");
	reg_write(&io, 0, 0xffffffff);
	tap_check(reg_read(&io, 0) == 0x0f000000, "ioapic: only ID bits 27:24 are writable");
	tap_check(reg_read(&io, 0x10) == 0x10000 && reg_read(&io, 0x3f) == 0,
		  "ioapic: entries reset masked");
	reg_write(&io, 0x3e, 0xffffffff);
	reg_write(&io, 0x3f, 0xffffffff);
	tap_check(reg_read(&io, 0x3e) == 0x1afff && reg_read(&io, 0x3f) == 0xff000000,
		  "ioapic: delivery status, remote IRR and reserved bits stay 0");
	tap_check(reg_read(&io, 0x40) == 0 && ioapic_mmio_read(&io, 0x00) == 0x40,
		  "ioapic: beyond the table reads 0; IOREGSEL reads back");
	ioapic_mmio_ops.write(&io, 0x00, 4, 0x01);
	ioapic_mmio_ops.read(&io, 0x10, 4, &v);
	tap_check(v == 0x00170011, "ioapic: through the MMIO bus callbacks");
	ioapic_mmio_ops.read(&io, 0x10, 1, &v);
	tap_check(v == 0 && log.count == 0, "ioapic: byte reads give 0");
}

static void test_edge(void)
{
	struct msg_log log = { 0 };
	struct ioapic io;

	ioapic_init(&io, &ops, &log, 0);
	set_rte(&io, 2, 0x0300000000000030ULL);	/* fixed, physical dest 3, vector 0x30 */
	ioapic_set_irq(&io, 2, true);
	tap_check(log.count == 1 && log.last.vector == 0x30 && log.last.dest == 3 &&
		  log.last.mode == APIC_DM_FIXED && !log.last.level && !log.last.logical,
		  "ioapic: edge pin 2 delivers vector 0x30 to APIC 3");
	ioapic_set_irq(&io, 2, true);
	tap_check(log.count == 1, "ioapic: no second message without a new edge");
	ioapic_set_irq(&io, 2, false);
	ioapic_set_irq(&io, 2, true);
	tap_check(log.count == 2 && !(reg_read(&io, 0x14) & (1u << 14)),
		  "ioapic: next rising edge delivers again; no remote IRR for edge");
	set_rte(&io, 2, 0x0300000000010030ULL);
	ioapic_set_irq(&io, 2, false);
	ioapic_set_irq(&io, 2, true);
	set_rte(&io, 2, 0x0300000000000030ULL);
	tap_check(log.count == 2, "ioapic: an edge while masked is lost");
	set_rte(&io, 5, 0x0f00000000000941ULL);	/* lowest priority, logical 0x0f */
	ioapic_set_irq(&io, 5, true);
	tap_check(log.count == 3 && log.last.mode == APIC_DM_LOWEST && log.last.logical &&
		  log.last.dest == 0x0f, "ioapic: lowest-priority logical message fields");
	ioapic_set_irq(&io, 24, true);
	tap_check(log.count == 3, "ioapic: pin 24 does not exist");
}

static void test_level(void)
{
	struct msg_log log = { 0 };
	struct ioapic io;

	ioapic_init(&io, &ops, &log, 0);
	set_rte(&io, 10, 0x0000000000008051ULL);	/* level, vector 0x51, dest 0 */
	ioapic_set_irq(&io, 10, true);
	tap_check(log.count == 1 && log.last.level && (reg_read(&io, 0x24) & (1u << 14)),
		  "ioapic: level pin 10 delivers and sets remote IRR");
	ioapic_set_irq(&io, 10, false);
	ioapic_set_irq(&io, 10, true);
	tap_check(log.count == 1, "ioapic: held by remote IRR until EOI");
	ioapic_eoi(&io, 0x52);
	tap_check(log.count == 1 &&
		  (reg_read(&io, 0x24) & (1u << 14)), "ioapic: EOI of another vector: no effect");
	ioapic_eoi(&io, 0x51);
	tap_check(log.count == 2 && (reg_read(&io, 0x24) & (1u << 14)),
		  "ioapic: EOI with the line still high: delivered again, remote IRR set again");
	ioapic_set_irq(&io, 10, false);
	ioapic_eoi(&io, 0x51);
	tap_check(log.count == 2 && !(reg_read(&io, 0x24) & (1u << 14)),
		  "ioapic: EOI after the line fell clears remote IRR, nothing sent");
	set_rte(&io, 10, 0x0000000000018051ULL);	/* masked */
	ioapic_set_irq(&io, 10, true);
	tap_check(log.count == 2, "ioapic: masked level line waits");
	set_rte(&io, 10, 0x0000000000008051ULL);
	tap_check(log.count == 3, "ioapic: unmasking the held line delivers it");
	set_rte(&io, 10, 0x0000000000000051ULL);
	tap_check(!(reg_read(&io, 0x24) & (1u << 14)),
		  "ioapic: switching to edge clears remote IRR");
}

int main(void)
{
	tap_start();
	test_registers();
	test_edge();
	test_level();
	return tap_done();
}
