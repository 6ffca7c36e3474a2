// SPDX-License-Identifier: GPL-2.0
/* 82093AA I/O APIC (Intel 82093AA data sheet; see ioapic.h). */
#include "ioapic.h"

#define IOREGSEL	0x00
#define IOWIN		0x10
#define REG_ID		0x00
#define REG_VER		0x01
#define REG_ARB		0x02
#define REG_RTE		0x10
#define ID_MASK		0x0f000000u
/* writable: vector, delivery mode, dest mode, polarity, trigger, mask; dest 63:56 */
#define RTE_LO_MASK	0x0001afffu
#define RTE_HI_MASK	0xff000000u

void ioapic_init(struct ioapic *io, const struct ioapic_ops *ops, void *opaque, u8 id)
{
	unsigned int i;

	memset(io, 0, sizeof(*io));
	io->ops = ops;
	io->opaque = opaque;
	io->id = (u32)(id & 0xf) << 24;
	for (i = 0; i < IOAPIC_NR_PINS; i++)
		io->rte[i] = IOAPIC_RTE_MASKED;
}

static void deliver(struct ioapic *io, unsigned int pin)
{
	u64 rte = io->rte[pin];
	struct ioapic_msg msg = {
		.vector = rte & 0xff,
		.mode = (rte >> 8) & 7,
		.dest = rte >> 56,
		.logical = rte & IOAPIC_RTE_DEST_LOGICAL,
		.level = rte & IOAPIC_RTE_LEVEL,
	};

	if (msg.level)
		io->rte[pin] |= IOAPIC_RTE_REMOTE_IRR;
	io->delivered[pin]++;
	io->ops->deliver(io->opaque, &msg);
}

/* A level entry sends while asserted, unmasked and not waiting for EOI. */
static void service_level(struct ioapic *io, unsigned int pin)
{
	u64 rte = io->rte[pin];

	if ((rte & IOAPIC_RTE_LEVEL) && (io->lines & (1u << pin)) &&
	    !(rte & (IOAPIC_RTE_MASKED | IOAPIC_RTE_REMOTE_IRR)))
		deliver(io, pin);
}

void ioapic_set_irq(struct ioapic *io, unsigned int pin, bool level)
{
	u32 bit = 1u << pin;
	bool rising;

	if (pin >= IOAPIC_NR_PINS)
		return;
	rising = level && !(io->lines & bit);
	if (level)
		io->lines |= bit;
	else
		io->lines &= ~bit;
	if (io->rte[pin] & IOAPIC_RTE_LEVEL)
		service_level(io, pin);
	else if (rising && !(io->rte[pin] & IOAPIC_RTE_MASKED))
		deliver(io, pin);
}

void ioapic_eoi(struct ioapic *io, u8 vector)
{
	unsigned int pin;

	for (pin = 0; pin < IOAPIC_NR_PINS; pin++) {
		u64 rte = io->rte[pin];

		if ((rte & 0xff) != vector || !(rte & IOAPIC_RTE_LEVEL) ||
		    !(rte & IOAPIC_RTE_REMOTE_IRR))
			continue;
		io->rte[pin] &= ~IOAPIC_RTE_REMOTE_IRR;
		service_level(io, pin);
	}
}

static u32 read_reg(struct ioapic *io)
{
	unsigned int pin;

	switch (io->sel) {
	case REG_ID:
		return io->id;
	case REG_VER:
		return IOAPIC_VERSION;
	case REG_ARB:
		return io->id;		/* arbitration ID loads from the ID */
	}
	if (io->sel < REG_RTE || io->sel >= REG_RTE + 2 * IOAPIC_NR_PINS)
		return 0;
	pin = (io->sel - REG_RTE) / 2;
	return io->sel & 1 ? io->rte[pin] >> 32 : (u32)io->rte[pin];
}

static void write_reg(struct ioapic *io, u32 val)
{
	unsigned int pin;
	u64 rte;

	if (io->sel == REG_ID) {
		io->id = val & ID_MASK;
		return;
	}
	if (io->sel < REG_RTE || io->sel >= REG_RTE + 2 * IOAPIC_NR_PINS)
		return;
	pin = (io->sel - REG_RTE) / 2;
	rte = io->rte[pin];
	if (io->sel & 1) {
		rte = (rte & 0xffffffffULL) | (u64)(val & RTE_HI_MASK) << 32;
	} else {
		rte = (rte & ~(u64)RTE_LO_MASK) | (val & RTE_LO_MASK);
		if (!(rte & IOAPIC_RTE_LEVEL))
			rte &= ~IOAPIC_RTE_REMOTE_IRR;
	}
	io->rte[pin] = rte;
	service_level(io, pin);		/* unmasking a held level line delivers it */
}

u32 ioapic_mmio_read(struct ioapic *io, u32 offset)
{
	if (offset == IOREGSEL)
		return io->sel;
	if (offset == IOWIN)
		return read_reg(io);
	return 0;
}

void ioapic_mmio_write(struct ioapic *io, u32 offset, u32 val)
{
	if (offset == IOREGSEL)
		io->sel = val & 0xff;
	else if (offset == IOWIN)
		write_reg(io, val);
}

static int ioapic_bus_read(void *opaque, u64 offset, unsigned int size, u64 *val)
{
	*val = size == 4 ? ioapic_mmio_read(opaque, offset) : 0;
	return 0;
}

static int ioapic_bus_write(void *opaque, u64 offset, unsigned int size, u64 val)
{
	if (size == 4)
		ioapic_mmio_write(opaque, offset, val);
	return 0;
}

const struct mmio_ops ioapic_mmio_ops = {
	.read = ioapic_bus_read,
	.write = ioapic_bus_write,
};
