// SPDX-License-Identifier: GPL-2.0
/*
 * A VM's port-I/O bus: the 16550 console UART at 0x3f8, the isa-debug-exit
 * compatible exit port, and 0xff / ignored writes everywhere else.
 *
 * The UART is polled (no interrupt line yet): THR writes go to the console,
 * RBR reads take from its input, LSR reports THR empty and data ready, and
 * the other registers keep what the guest writes.
 */
#include "vm.h"

#define UART_BASE	0x3f8
#define UART_RBR_THR	0	/* DLL when LCR.DLAB */
#define UART_IER	1	/* DLM when LCR.DLAB */
#define UART_IIR_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_MSR	6
#define UART_SCR	7
#define UART_LCR_DLAB	0x80
#define UART_LSR_DR	0x01
#define UART_LSR_THRE	0x20
#define UART_LSR_TEMT	0x40
#define UART_IIR_NONE	0x01
#define UART_IIR_FIFO	0xc0
#define UART_MCR_LOOP	0x10
#define UART_MSR_IDLE	0xb0	/* DCD, DSR, CTS */

static u8 uart_read(struct rtvmx_vm *vm, unsigned int reg)
{
	struct rtvmx_uart *u = &vm->uart;
	u8 c;

	switch (reg) {
	case UART_RBR_THR:
		if (u->lcr & UART_LCR_DLAB)
			return u->dll;
		if (u->loop_valid) {
			u->loop_valid = false;
			return u->loop_byte;
		}
		return rtvmx_console_get(&vm->console, &c) ? c : 0;
	case UART_IER:
		return u->lcr & UART_LCR_DLAB ? u->dlm : u->ier;
	case UART_IIR_FCR:
		return UART_IIR_NONE | (u->fcr & 1 ? UART_IIR_FIFO : 0);
	case UART_LCR:
		return u->lcr;
	case UART_MCR:
		return u->mcr;
	case UART_LSR:
		return UART_LSR_THRE | UART_LSR_TEMT |
		       (u->loop_valid || !kfifo_is_empty(&vm->console.in) ? UART_LSR_DR : 0);
	case UART_MSR:
		return UART_MSR_IDLE;
	default:
		return u->scr;
	}
}

static void uart_write(struct rtvmx_vm *vm, unsigned int reg, u8 val)
{
	struct rtvmx_uart *u = &vm->uart;

	switch (reg) {
	case UART_RBR_THR:
		if (u->lcr & UART_LCR_DLAB) {
			u->dll = val;
		} else if (u->mcr & UART_MCR_LOOP) {
			u->loop_byte = val;
			u->loop_valid = true;
		} else {
			rtvmx_console_put(&vm->console, val);
		}
		break;
	case UART_IER:
		if (u->lcr & UART_LCR_DLAB)
			u->dlm = val;
		else
			u->ier = val & 0x0f;
		break;
	case UART_IIR_FCR:
		u->fcr = val;
		break;
	case UART_LCR:
		u->lcr = val;
		break;
	case UART_MCR:
		u->mcr = val & 0x1f;
		break;
	case UART_SCR:
		u->scr = val;
		break;
	}
}

static void vm_pio(void *opaque, u16 port, unsigned int size, bool write, u32 *val)
{
	struct rtvmx_vm *vm = opaque;

	if (port == RTVMX_EXIT_PORT && write) {
		u32 v = size == 4 ? *val : *val & ((1U << (size * 8)) - 1);

		vm->vcpu.exit_code = ((u64)v << 1) | 1;
		rtvmx_vcpu_stop(&vm->vcpu, RTVMX_STOP_EXIT_PORT, v);
		return;
	}
	if (port >= UART_BASE && port < UART_BASE + 8 && size == 1) {
		if (write)
			uart_write(vm, port - UART_BASE, *val);
		else
			*val = uart_read(vm, port - UART_BASE);
		return;
	}
	vm->unhandled_pio++;
	if (!write)
		*val = ~0U;
}

const struct rtvmx_vcpu_ops rtvmx_vm_vcpu_ops = {
	.pio = vm_pio,
};
