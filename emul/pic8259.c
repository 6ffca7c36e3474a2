// SPDX-License-Identifier: GPL-2.0
/* 8259A programmable interrupt controller pair (Intel 8259A data sheet). */
#include "pic8259.h"

#define ICW1_IC4	0x01
#define ICW1_SNGL	0x02
#define ICW1_INIT	0x10
#define ICW4_AEOI	0x02
#define ICW4_SFNM	0x10
#define OCW3_SEL	0x08
#define OCW3_RIS	0x01
#define OCW3_RR		0x02
#define OCW3_POLL	0x04
#define OCW3_SMM	0x20
#define OCW3_ESMM	0x40
#define NO_IRQ		8

void pic8259_init(struct pic8259 *pic, const struct pic8259_ops *ops, void *opaque)
{
	unsigned int i;

	memset(pic, 0, sizeof(*pic));
	pic->ops = ops;
	pic->opaque = opaque;
	for (i = 0; i < 2; i++)
		pic->chip[i].lowest = 7;
	/* PIIX: IRQ0, 1, 2, 8 and 13 are always edge-triggered */
	pic->chip[0].elcr_mask = 0xf8;
	pic->chip[1].elcr_mask = 0xde;
}

/* Priority of @irq: 0 is the highest. */
static unsigned int prio(const struct pic8259_chip *c, unsigned int irq)
{
	return (irq - c->lowest - 1) & 7;
}

/* The IR with the highest priority in @mask, or NO_IRQ. */
static unsigned int highest(const struct pic8259_chip *c, u8 mask)
{
	unsigned int p;

	for (p = 0; p < 8; p++) {
		unsigned int irq = (c->lowest + 1 + p) & 7;

		if (mask & (1u << irq))
			return irq;
	}
	return NO_IRQ;
}

/* The IR this chip would present on INTA, or NO_IRQ (data sheet: priority resolver). */
static unsigned int chip_pending(const struct pic8259_chip *c, bool master)
{
	unsigned int req = highest(c, c->irr & ~c->imr);
	u8 isr = c->isr;
	unsigned int srv;

	if (req == NO_IRQ)
		return NO_IRQ;
	if (c->special_mask)
		isr &= ~c->imr;		/* masked in-service levels do not block */
	if (master && c->sfnm)
		isr &= ~(1u << PIC_CASCADE_IRQ);
	srv = highest(c, isr);
	if (srv != NO_IRQ && prio(c, srv) <= prio(c, req))
		return NO_IRQ;
	return req;
}

static void chip_set_line(struct pic8259_chip *c, unsigned int irq, bool level)
{
	u8 bit = 1u << irq;

	if (c->elcr & bit) {
		if (level)
			c->irr |= bit;
		else
			c->irr &= ~bit;
	} else if (level && !(c->lines & bit)) {
		c->irr |= bit;
	}
	if (level)
		c->lines |= bit;
	else
		c->lines &= ~bit;
}

/*
 * Slave INT → master IR2, then the master's INT → ops->output. IR2 is
 * latched whenever the slave requests, so a slave that still requests after
 * an auto-EOI INTA is seen again without its output having to fall first.
 */
static void pic_update(struct pic8259 *pic)
{
	bool out;

	if (chip_pending(&pic->chip[1], false) != NO_IRQ)
		pic->chip[0].irr |= 1u << PIC_CASCADE_IRQ;
	out = chip_pending(&pic->chip[0], true) != NO_IRQ;
	if (out != pic->output) {
		pic->output = out;
		pic->ops->output(pic->opaque, out);
	}
}

void pic8259_set_irq(struct pic8259 *pic, unsigned int irq, bool level)
{
	if (irq >= 16 || irq == PIC_CASCADE_IRQ)
		return;
	chip_set_line(&pic->chip[irq >> 3], irq & 7, level);
	pic_update(pic);
}

/* Acknowledge @irq on @c: edge requests leave IRR, ISR is set unless auto-EOI. */
static void chip_ack(struct pic8259_chip *c, unsigned int irq)
{
	u8 bit = 1u << irq;

	if (!(c->elcr & bit))
		c->irr &= ~bit;
	if (!c->auto_eoi)
		c->isr |= bit;
	else if (c->rotate_aeoi)
		c->lowest = irq;
}

static u8 chip_inta(struct pic8259_chip *c, bool master, unsigned int *irq)
{
	*irq = chip_pending(c, master);
	if (*irq == NO_IRQ)
		return c->base | 7;		/* spurious IR7 */
	chip_ack(c, *irq);
	return c->base | *irq;
}

u8 pic8259_inta(struct pic8259 *pic)
{
	unsigned int irq, sirq;
	u8 vector = chip_inta(&pic->chip[0], true, &irq);

	if (irq == PIC_CASCADE_IRQ)
		vector = chip_inta(&pic->chip[1], false, &sirq);
	pic_update(pic);
	return vector;
}

static void chip_eoi(struct pic8259_chip *c, unsigned int irq, bool rotate)
{
	if (irq == NO_IRQ)
		return;
	c->isr &= ~(1u << irq);
	if (rotate)
		c->lowest = irq;
}

/* OCW2: R, SL, EOI in bits 7:5, level in 2:0 */
static void write_ocw2(struct pic8259_chip *c, u8 val)
{
	unsigned int level = val & 7;

	switch (val >> 5) {
	case 0:				/* rotate in auto-EOI mode: clear */
		c->rotate_aeoi = false;
		break;
	case 4:				/* rotate in auto-EOI mode: set */
		c->rotate_aeoi = true;
		break;
	case 1:				/* non-specific EOI */
		chip_eoi(c, highest(c, c->isr), false);
		break;
	case 5:				/* rotate on non-specific EOI */
		chip_eoi(c, highest(c, c->isr), true);
		break;
	case 3:				/* specific EOI */
		chip_eoi(c, level, false);
		break;
	case 7:				/* rotate on specific EOI */
		chip_eoi(c, level, true);
		break;
	case 6:				/* set priority */
		c->lowest = level;
		break;
	}
}

static void write_icw1(struct pic8259_chip *c, u8 val)
{
	/* the edge latches are cleared: a held line must rise again */
	c->lines &= c->elcr;
	c->irr &= c->elcr;
	c->imr = 0;
	c->isr = 0;
	c->lowest = 7;
	c->special_mask = false;
	c->read_isr = false;
	c->poll = false;
	c->auto_eoi = false;
	c->rotate_aeoi = false;
	c->sfnm = false;
	c->icw4_needed = val & ICW1_IC4;
	c->single = val & ICW1_SNGL;
	c->init_step = 1;
}

static void write_cmd(struct pic8259_chip *c, u8 val)
{
	if (val & ICW1_INIT) {
		write_icw1(c, val);
	} else if (val & OCW3_SEL) {
		if (val & OCW3_POLL)
			c->poll = true;
		if (val & OCW3_RR)
			c->read_isr = val & OCW3_RIS;
		if (val & OCW3_ESMM)
			c->special_mask = val & OCW3_SMM;
	} else {
		write_ocw2(c, val);
	}
}

static void write_data(struct pic8259_chip *c, u8 val)
{
	switch (c->init_step) {
	case 1:				/* ICW2 */
		c->base = val & 0xf8;
		c->init_step = !c->single ? 2 : c->icw4_needed ? 3 : 0;
		break;
	case 2:				/* ICW3 */
		c->icw3 = val;
		c->init_step = c->icw4_needed ? 3 : 0;
		break;
	case 3:				/* ICW4 */
		c->auto_eoi = val & ICW4_AEOI;
		c->sfnm = val & ICW4_SFNM;
		c->init_step = 0;
		break;
	default:			/* OCW1 */
		c->imr = val;
		break;
	}
}

/* Poll command: 0x80 | level of the highest request, acknowledged as by INTA. */
static u8 chip_poll(struct pic8259 *pic, unsigned int i)
{
	struct pic8259_chip *c = &pic->chip[i];
	unsigned int irq = chip_pending(c, i == 0);

	c->poll = false;
	if (irq == NO_IRQ)
		return 0;
	chip_ack(c, irq);
	pic_update(pic);
	return 0x80 | irq;
}

u8 pic8259_read(struct pic8259 *pic, u16 port)
{
	struct pic8259_chip *c;

	if (port == PIC_ELCR_PORT || port == PIC_ELCR_PORT + 1)
		return pic->chip[port - PIC_ELCR_PORT].elcr;
	if ((port & ~1) != PIC_MASTER_PORT && (port & ~1) != PIC_SLAVE_PORT)
		return 0xff;
	c = &pic->chip[port >= PIC_SLAVE_PORT];
	if (c->poll)
		return chip_poll(pic, port >= PIC_SLAVE_PORT);
	if (port & 1)
		return c->imr;
	return c->read_isr ? c->isr : c->irr;
}

void pic8259_write(struct pic8259 *pic, u16 port, u8 val)
{
	struct pic8259_chip *c;

	if (port == PIC_ELCR_PORT || port == PIC_ELCR_PORT + 1) {
		c = &pic->chip[port - PIC_ELCR_PORT];
		c->elcr = val & c->elcr_mask;
		/* lines now level-triggered request while high */
		c->irr = (c->irr & ~c->elcr) | (c->lines & c->elcr);
		pic_update(pic);
		return;
	}
	if ((port & ~1) != PIC_MASTER_PORT && (port & ~1) != PIC_SLAVE_PORT)
		return;
	c = &pic->chip[port >= PIC_SLAVE_PORT];
	if (port & 1)
		write_data(c, val);
	else
		write_cmd(c, val);
	pic_update(pic);
}
