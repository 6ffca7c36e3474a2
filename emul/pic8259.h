/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The PC's 8259A pair (Intel 8259A data sheet): master at ports 0x20/0x21,
 * slave at 0xa0/0xa1 cascaded on the master's IR2, and the PIIX edge/level
 * control registers (ELCR) at 0x4d0/0x4d1.
 *
 * Modelled: ICW1-ICW4, OCW1-OCW3, IRR/ISR/IMR, edge and level triggering per
 * ELCR, fixed and rotating priority (specific and non-specific EOI, rotate
 * on EOI, set priority, rotate in auto-EOI mode), auto-EOI, special mask
 * mode, poll mode, spurious IRQ7/IRQ15, and the INT output.
 * Not modelled: special fully nested mode and buffered mode (stored and
 * ignored), ICW1.LTIM (the ELCR decides triggering, as on PIIX chipsets),
 * MCS-80 mode.
 */
#ifndef EMUL_PIC8259_H
#define EMUL_PIC8259_H

#include "emul_host.h"

#define PIC_MASTER_PORT		0x20
#define PIC_SLAVE_PORT		0xa0
#define PIC_ELCR_PORT		0x4d0
#define PIC_CASCADE_IRQ		2

struct pic8259_ops {
	/* The master's INT output changed level (to the LAPIC's LINT0). */
	void (*output)(void *opaque, bool level);
};

struct pic8259_chip {
	u8 irr, isr, imr;
	u8 lines;		/* input levels as last set */
	u8 elcr, elcr_mask;	/* 1 = level-triggered */
	u8 base;		/* ICW2: vector of IR0 */
	u8 lowest;		/* the IR with the lowest priority (7 after ICW1) */
	u8 icw3;
	u8 init_step;		/* 0 = ready; 1..3 = ICW2..ICW4 expected next */
	bool icw4_needed, single, auto_eoi, rotate_aeoi, sfnm;
	bool read_isr, poll, special_mask;
};

struct pic8259 {
	struct pic8259_chip chip[2];	/* [0] master, [1] slave */
	bool output;
	const struct pic8259_ops *ops;
	void *opaque;
};

void pic8259_init(struct pic8259 *pic, const struct pic8259_ops *ops, void *opaque);

/* The level of input IRQ @irq (0-15). Edge inputs latch on the rising edge. */
void pic8259_set_irq(struct pic8259 *pic, unsigned int irq, bool level);

/*
 * INTA: the vector of the highest-priority request, now in service (ISR set
 * unless auto-EOI). Without a request it returns the spurious IR7 vector of
 * the chip that lost it, and sets no ISR bit.
 */
u8 pic8259_inta(struct pic8259 *pic);

/* Port @port: 0x20, 0x21, 0xa0, 0xa1, 0x4d0 or 0x4d1; 0xff elsewhere. */
u8 pic8259_read(struct pic8259 *pic, u16 port);
void pic8259_write(struct pic8259 *pic, u16 port, u8 val);

#endif
