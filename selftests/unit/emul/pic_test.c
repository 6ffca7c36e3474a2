// SPDX-License-Identifier: GPL-2.0
/*
 * 8259A pair tests: Linux's init sequence (arch/x86/kernel/i8259.c) and its
 * mask-and-ack, masking, the cascade, fixed priority with nesting, rotation,
 * specific and non-specific EOI, edge and level (ELCR), spurious IRQ7 and
 * IRQ15, auto-EOI, poll mode and special mask mode.
 */
#include <stdio.h>

#include "pic8259.h"
#include "tap.h"

struct out_log {
	bool level;
	unsigned int changes;
};

static void out_cb(void *opaque, bool level)
{
	struct out_log *o = opaque;

	o->level = level;
	o->changes++;
}

static const struct pic8259_ops ops = { .output = out_cb };

/* init_8259A(0) with the 64-bit kernel's vectors 0x30-0x3f. */
static void linux_init(struct pic8259 *pic, struct out_log *o, bool aeoi, u8 mmask, u8 smask)
{
	memset(o, 0, sizeof(*o));
	pic8259_init(pic, &ops, o);
	pic8259_write(pic, 0x21, 0xff);
	pic8259_write(pic, 0xa1, 0xff);
	pic8259_write(pic, 0x20, 0x11);
	pic8259_write(pic, 0x21, 0x30);
	pic8259_write(pic, 0x21, 0x04);
	pic8259_write(pic, 0x21, aeoi ? 0x03 : 0x01);
	pic8259_write(pic, 0xa0, 0x11);
	pic8259_write(pic, 0xa1, 0x38);
	pic8259_write(pic, 0xa1, 0x02);
	pic8259_write(pic, 0xa1, 0x01);
	pic8259_write(pic, 0x21, mmask);
	pic8259_write(pic, 0xa1, smask);
}

static u8 read_isr(struct pic8259 *pic, u16 port)
{
	pic8259_write(pic, port, 0x0b);
	return pic8259_read(pic, port);
}

static u8 read_irr(struct pic8259 *pic, u16 port)
{
	pic8259_write(pic, port, 0x0a);
	return pic8259_read(pic, port);
}

static void test_linux_init(void)
{
	struct pic8259 pic;
	struct out_log o;
	u8 v;

	linux_init(&pic, &o, false, 0xfa, 0xff);
	tap_check(pic8259_read(&pic, 0x21) == 0xfa && pic8259_read(&pic, 0xa1) == 0xff,
		  "pic: masks restored after init");
	pic8259_set_irq(&pic, 0, true);
	tap_check(o.level && o.changes == 1, "pic: IRQ0 raises INT");
	v = pic8259_inta(&pic);
	tap_check(v == 0x30 && !o.level && read_isr(&pic, 0x20) == 0x01 &&
		  read_irr(&pic, 0x20) == 0,
		  "pic: INTA gives 0x30, ISR 0x01, INT falls");
	pic8259_set_irq(&pic, 0, false);
	pic8259_set_irq(&pic, 0, true);
	tap_check(!o.level, "pic: a new IRQ0 waits while IR0 is in service");
	pic8259_write(&pic, 0x20, 0x60);	/* specific EOI, IR0 (mask_and_ack_8259A) */
	tap_check(read_isr(&pic, 0x20) == 0 &&
		  o.level, "pic: specific EOI 0x60, the next IRQ0 is up");
	tap_check(pic8259_inta(&pic) == 0x30, "pic: ... and taken");
	pic8259_write(&pic, 0x20, 0x20);
	pic8259_set_irq(&pic, 1, true);
	tap_check(!o.level && read_irr(&pic, 0x20) == 0x02, "pic: masked IRQ1 sits in IRR");
	pic8259_write(&pic, 0x21, 0xf8);
	tap_check(o.level && pic8259_inta(&pic) == 0x31, "pic: unmasking IRQ1 delivers 0x31");
	pic8259_write(&pic, 0x20, 0x20);
	pic8259_write(&pic, 0x21, 0x7a);
	pic8259_set_irq(&pic, 7, true);
	tap_check(pic8259_inta(&pic) == 0x37 && read_isr(&pic, 0x20) == 0x80,
		  "pic: IR7 taken, in service");
	pic8259_set_irq(&pic, 0, false);
	pic8259_set_irq(&pic, 0, true);
	tap_check(o.level && pic8259_inta(&pic) == 0x30 && read_isr(&pic, 0x20) == 0x81,
		  "pic: IR0 nests over IR7 (fixed priority)");
	pic8259_write(&pic, 0x20, 0x20);
	pic8259_write(&pic, 0x20, 0x20);
	pic8259_write(&pic, 0xa1, 0xff);
	tap_check(pic8259_read(&pic, 0xa1) == 0xff && pic8259_read(&pic, 0x40) == 0xff,
		  "pic: slave IMR reads back; other ports float");
}

static void test_cascade_and_priority(void)
{
	struct pic8259 pic;
	struct out_log o;
	u8 v;

	linux_init(&pic, &o, false, 0xfb & ~0x28, 0xef);	/* IR2, IR3, IR5; IRQ12 */
	pic8259_set_irq(&pic, 12, true);
	v = pic8259_inta(&pic);
	tap_check(v == 0x3c && read_isr(&pic, 0x20) == 0x04 && read_isr(&pic, 0xa0) == 0x10,
		  "pic: IRQ12 through the cascade: 0x3c, master ISR 0x04, slave ISR 0x10");
	pic8259_write(&pic, 0xa0, 0x64);
	pic8259_write(&pic, 0x20, 0x62);
	tap_check(!read_isr(&pic, 0x20) &&
		  !read_isr(&pic, 0xa0), "pic: specific EOIs on both chips");

	pic8259_set_irq(&pic, 5, true);
	pic8259_set_irq(&pic, 3, true);
	tap_check(pic8259_inta(&pic) == 0x33 && o.level == false,
		  "pic: IR3 before IR5; IR5 blocked while IR3 is in service");
	pic8259_set_irq(&pic, 12, false);
	pic8259_set_irq(&pic, 12, true);
	tap_check(o.level && pic8259_inta(&pic) == 0x3c, "pic: slave IRQ12 (IR2) nests over IR3");
	pic8259_write(&pic, 0xa0, 0x20);
	pic8259_write(&pic, 0x20, 0x20);
	tap_check(read_isr(&pic, 0x20) == 0x08 && read_isr(&pic, 0xa0) == 0,
		  "pic: non-specific EOI retires IR2, the highest in service");
	pic8259_write(&pic, 0x20, 0xa0);	/* rotate on non-specific EOI */
	tap_check(read_isr(&pic, 0x20) == 0 && pic.chip[0].lowest == 3,
		  "pic: rotate on EOI makes IR3 the lowest");
	pic8259_set_irq(&pic, 3, false);
	pic8259_set_irq(&pic, 3, true);
	tap_check(pic8259_inta(&pic) == 0x35, "pic: after rotation IR5 beats IR3");
	pic8259_write(&pic, 0x20, 0x20);
	tap_check(pic8259_inta(&pic) == 0x33, "pic: then IR3");
	pic8259_write(&pic, 0x20, 0xc4);	/* set priority: IR4 lowest */
	pic8259_write(&pic, 0x20, 0x63);
	pic8259_set_irq(&pic, 3, false);
	pic8259_set_irq(&pic, 5, false);
	pic8259_set_irq(&pic, 3, true);
	pic8259_set_irq(&pic, 5, true);
	tap_check(pic8259_inta(&pic) == 0x35, "pic: set priority IR4 lowest: IR5 first");
	pic8259_write(&pic, 0x20, 0xe5);	/* rotate on specific EOI 5 */
	tap_check(pic.chip[0].lowest == 5 && !read_isr(&pic, 0x20), "pic: rotate on specific EOI");
}

static void test_trigger(void)
{
	struct pic8259 pic;
	struct out_log o;

	linux_init(&pic, &o, false, 0xfb, 0xfd);		/* IRQ9 */
	pic8259_write(&pic, 0x4d1, 0xff);
	pic8259_write(&pic, 0x4d0, 0xff);
	tap_check(pic8259_read(&pic, 0x4d1) == 0xde && pic8259_read(&pic, 0x4d0) == 0xf8,
		  "pic: ELCR keeps IRQ0-2, 8 and 13 edge-triggered");
	pic8259_write(&pic, 0x4d1, 0x02);
	pic8259_write(&pic, 0x4d0, 0x00);
	pic8259_set_irq(&pic, 9, true);
	tap_check(pic8259_inta(&pic) == 0x39 && read_irr(&pic, 0xa0) == 0x02,
		  "pic: level IRQ9: taken, IRR stays while the line is high");
	pic8259_write(&pic, 0xa0, 0x20);
	pic8259_write(&pic, 0x20, 0x20);
	tap_check(o.level &&
		  pic8259_inta(&pic) == 0x39, "pic: after EOI the held line requests again");
	pic8259_set_irq(&pic, 9, false);
	tap_check(!read_irr(&pic, 0xa0), "pic: the line falls, IRR clears");
	pic8259_write(&pic, 0xa0, 0x20);
	pic8259_write(&pic, 0x20, 0x20);
	tap_check(!o.level, "pic: nothing more");

	/* spurious IRQ15: the level request goes away before INTA */
	pic8259_set_irq(&pic, 9, true);
	pic8259_set_irq(&pic, 9, false);
	tap_check(pic8259_inta(&pic) == 0x3f && read_isr(&pic, 0xa0) == 0 &&
		  read_isr(&pic, 0x20) == 0x04,
		  "pic: spurious IRQ15: 0x3f, no slave ISR bit, master IR2 in service");
	pic8259_write(&pic, 0x20, 0x62);
	tap_check(pic8259_inta(&pic) == 0x37 && read_isr(&pic, 0x20) == 0,
		  "pic: INTA with nothing pending: spurious IRQ7 0x37, no ISR bit");

	pic8259_write(&pic, 0x21, 0xf9);
	pic8259_set_irq(&pic, 1, true);
	pic8259_inta(&pic);
	pic8259_write(&pic, 0x20, 0x20);
	pic8259_set_irq(&pic, 1, true);
	tap_check(!o.level, "pic: an edge line held high requests once");
}

static void test_modes(void)
{
	struct pic8259 pic;
	struct out_log o;

	linux_init(&pic, &o, true, 0xf0, 0xff);
	pic8259_set_irq(&pic, 1, true);
	pic8259_set_irq(&pic, 3, true);
	tap_check(pic8259_inta(&pic) == 0x31 && !read_isr(&pic, 0x20) && o.level,
		  "pic: auto-EOI leaves ISR clear, IR3 still requests");
	tap_check(pic8259_inta(&pic) == 0x33 &&
		  !o.level, "pic: auto-EOI: IR3 follows without an EOI");

	linux_init(&pic, &o, false, 0xc0, 0xff);
	pic8259_set_irq(&pic, 3, true);
	pic8259_write(&pic, 0x20, 0x0c);	/* poll */
	tap_check(pic8259_read(&pic, 0x20) == 0x83 && read_isr(&pic, 0x20) == 0x08,
		  "pic: poll returns 0x83 and puts IR3 in service");
	pic8259_write(&pic, 0x20, 0x0c);
	tap_check(pic8259_read(&pic, 0x20) == 0x00, "pic: poll with nothing pending: 0");
	pic8259_set_irq(&pic, 5, true);
	tap_check(!o.level, "pic: IR5 waits behind IR3 in service");
	pic8259_write(&pic, 0x21, 0xc8);	/* mask IR3 */
	pic8259_write(&pic, 0x20, 0x68);	/* special mask mode on */
	tap_check(o.level && pic8259_inta(&pic) == 0x35 && read_isr(&pic, 0x20) == 0x28,
		  "pic: special mask mode: masked IR3 in service no longer blocks IR5");
	pic8259_write(&pic, 0x20, 0x48);	/* special mask mode off */
	pic8259_write(&pic, 0x20, 0x20);
	tap_check(read_isr(&pic, 0x20) == 0x20,
		  "pic: non-specific EOI retires IR3, the highest in service");
	pic8259_write(&pic, 0x20, 0x11);
	tap_check(!read_isr(&pic, 0x20) && pic8259_read(&pic, 0x21) == 0 &&
		  pic.chip[0].init_step == 1,
		  "pic: ICW1 clears ISR and IMR and waits for ICW2");
}

int main(void)
{
	tap_start();
	test_linux_init();
	test_cascade_and_priority();
	test_trigger();
	test_modes();
	return tap_done();
}
