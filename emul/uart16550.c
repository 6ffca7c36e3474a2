// SPDX-License-Identifier: GPL-2.0
/* 16550A UART register model (National Semiconductor PC16550D data sheet). */
#include "uart16550.h"

#define UART_RBR_THR	0	/* DLL when LCR.DLAB */
#define UART_IER	1	/* DLM when LCR.DLAB */
#define UART_IIR_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_MSR	6
#define UART_SCR	7
#define LCR_DLAB	0x80
#define LSR_DR		0x01
#define LSR_THRE	0x20
#define LSR_TEMT	0x40
#define IIR_NONE	0x01
#define IIR_FIFO_ON	0xc0
#define FCR_ENABLE	0x01
#define MCR_LOOP	0x10
#define MCR_MASK	0x1f
#define MSR_IDLE	0xb0	/* DCD, DSR and CTS asserted */
#define MSR_LOOP_BITS	0xf0	/* in loopback, the outputs read back */
#define IER_MASK	0x0f

void uart16550_init(struct uart16550 *u, const struct uart16550_ops *ops, void *opaque)
{
	memset(u, 0, sizeof(*u));
	u->ops = ops;
	u->opaque = opaque;
}

static u8 read_rbr(struct uart16550 *u)
{
	u8 c = 0;

	if (u->mcr & MCR_LOOP) {
		c = u->loop_byte;
		u->loop_valid = false;
		return c;
	}
	u->ops->rx(u->opaque, &c);
	return c;
}

static u8 read_lsr(struct uart16550 *u)
{
	bool ready = u->mcr & MCR_LOOP ? u->loop_valid : u->ops->rx_ready(u->opaque);

	return LSR_THRE | LSR_TEMT | (ready ? LSR_DR : 0);
}

u8 uart16550_read(struct uart16550 *u, unsigned int reg)
{
	bool dlab = u->lcr & LCR_DLAB;

	switch (reg) {
	case UART_RBR_THR:
		return dlab ? u->dll : read_rbr(u);
	case UART_IER:
		return dlab ? u->dlm : u->ier;
	case UART_IIR_FCR:
		return IIR_NONE | (u->fcr & FCR_ENABLE ? IIR_FIFO_ON : 0);
	case UART_LCR:
		return u->lcr;
	case UART_MCR:
		return u->mcr;
	case UART_LSR:
		return read_lsr(u);
	case UART_MSR:
		return u->mcr & MCR_LOOP ? (u8)((u->mcr & 0x0f) << 4) & MSR_LOOP_BITS : MSR_IDLE;
	case UART_SCR:
		return u->scr;
	}
	return 0xff;
}

static void write_thr(struct uart16550 *u, u8 val)
{
	if (u->mcr & MCR_LOOP) {
		u->loop_byte = val;
		u->loop_valid = true;
		return;
	}
	u->ops->tx(u->opaque, val);
}

void uart16550_write(struct uart16550 *u, unsigned int reg, u8 val)
{
	bool dlab = u->lcr & LCR_DLAB;

	switch (reg) {
	case UART_RBR_THR:
		if (dlab)
			u->dll = val;
		else
			write_thr(u, val);
		break;
	case UART_IER:
		if (dlab)
			u->dlm = val;
		else
			u->ier = val & IER_MASK;
		break;
	case UART_IIR_FCR:
		u->fcr = val;
		break;
	case UART_LCR:
		u->lcr = val;
		break;
	case UART_MCR:
		u->mcr = val & MCR_MASK;
		break;
	case UART_SCR:
		u->scr = val;
		break;
	}
}
