/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A 16550A UART model, polled: THR writes go out through ops->tx, RBR reads
 * take from ops->rx, LSR reports THR empty and data ready, the loopback mode
 * of MCR bit 4 returns THR bytes on RBR, and the other registers keep what
 * the guest writes. No interrupt line yet (IIR always says none pending).
 */
#ifndef EMUL_UART16550_H
#define EMUL_UART16550_H

#include "emul_host.h"

#define UART16550_NR_PORTS	8

struct uart16550_ops {
	void (*tx)(void *opaque, u8 c);
	bool (*rx)(void *opaque, u8 *c);	/* take one received byte */
	bool (*rx_ready)(void *opaque);
};

struct uart16550 {
	const struct uart16550_ops *ops;
	void *opaque;
	u8 ier, lcr, mcr, scr, fcr, dll, dlm;
	u8 loop_byte;
	bool loop_valid;
};

void uart16550_init(struct uart16550 *u, const struct uart16550_ops *ops, void *opaque);
/* @reg is the port offset, 0..7. */
u8 uart16550_read(struct uart16550 *u, unsigned int reg);
void uart16550_write(struct uart16550 *u, unsigned int reg, u8 val);

#endif
