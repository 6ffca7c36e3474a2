// SPDX-License-Identifier: GPL-2.0
/*
 * A VM's port-I/O bus: the 16550 console UART at 0x3f8 (emul/uart16550.c)
 * wired to the VM fd's console, the isa-debug-exit compatible exit port, the
 * interrupt controllers and timers of vm_devices.c, and
 * 0xff / ignored writes everywhere else (counted); and the vCPU ops, whose
 * MMIO half is in vm_mmio.c.
 */
#include "vm.h"

#define UART_BASE	0x3f8

static void uart_tx(void *opaque, u8 c)
{
	rtvmx_console_put(opaque, c);
}

static bool uart_rx(void *opaque, u8 *c)
{
	return rtvmx_console_get(opaque, c);
}

static bool uart_rx_ready(void *opaque)
{
	return !kfifo_is_empty(&((struct rtvmx_console *)opaque)->in);
}

static const struct uart16550_ops console_uart_ops = {
	.tx = uart_tx,
	.rx = uart_rx,
	.rx_ready = uart_rx_ready,
};

void rtvmx_vm_pio_init(struct rtvmx_vm *vm)
{
	raw_spin_lock_init(&vm->uart_lock);
	uart16550_init(&vm->uart, &console_uart_ops, &vm->console);
}

/*
 * The console's state is shared by the run loops of a VM's vCPUs; a VM with
 * one vCPU has one run loop and takes no lock (nr_vcpus is fixed before START).
 */
static unsigned long uart_lock(struct rtvmx_vm *vm)
{
	unsigned long flags = 0;

	if (READ_ONCE(vm->nr_vcpus) > 1)
		raw_spin_lock_irqsave(&vm->uart_lock, flags);
	return flags;
}

static void uart_unlock(struct rtvmx_vm *vm, unsigned long flags)
{
	if (READ_ONCE(vm->nr_vcpus) > 1)
		raw_spin_unlock_irqrestore(&vm->uart_lock, flags);
}

static void vm_pio(void *opaque, u16 port, unsigned int size, bool write, u32 *val)
{
	struct rtvmx_vm *vm = opaque;
	unsigned long flags;

	if (port == RTVMX_EXIT_PORT && write) {
		struct rtvmx_vcpu *v = rtvmx_vcpu_running();

		v->exit_code = ((u64)*val << 1) | 1;
		rtvmx_vcpu_stop(v, RTVMX_STOP_EXIT_PORT, *val);
		return;
	}
	/* The console first: it is the busiest port. */
	if (port >= UART_BASE && port < UART_BASE + UART16550_NR_PORTS && size == 1) {
		flags = uart_lock(vm);
		if (write)
			uart16550_write(&vm->uart, port - UART_BASE, *val);
		else
			*val = uart16550_read(&vm->uart, port - UART_BASE);
		uart_unlock(vm, flags);
		return;
	}
	if (rtvmx_devices_pio(vm->dev, port, size, write, val))
		return;
	vm->unhandled_pio++;
	if (!write)
		*val = ~0U;
}

static void vm_tick(void *opaque)
{
	struct rtvmx_vm *vm = opaque;
	unsigned long flags;

	flags = uart_lock(vm);
	rtvmx_console_flush(&vm->console);
	uart_unlock(vm, flags);
}

static u64 vm_next_deadline(void *vm)
{
	return rtvmx_devices_next_deadline(((struct rtvmx_vm *)vm)->dev);
}

static void vm_expire(void *vm, u64 now)
{
	rtvmx_devices_expire(((struct rtvmx_vm *)vm)->dev, now);
}

static unsigned int vm_intr_ready(void *vm)
{
	return rtvmx_devices_intr_ready(((struct rtvmx_vm *)vm)->dev);
}

static int vm_intr_take(void *vm, bool nmi)
{
	return rtvmx_devices_intr_take(((struct rtvmx_vm *)vm)->dev, nmi);
}

static int vm_msr(void *vm, u32 msr, bool write, u64 *val)
{
	return rtvmx_devices_msr(((struct rtvmx_vm *)vm)->dev, msr, write, val);
}

static u8 vm_get_cr8(void *vm)
{
	return rtvmx_devices_get_cr8(((struct rtvmx_vm *)vm)->dev);
}

static void vm_set_cr8(void *vm, u8 val)
{
	rtvmx_devices_set_cr8(((struct rtvmx_vm *)vm)->dev, val);
}

static void vm_apic_push(void *vm)
{
	rtvmx_devices_apic_push(((struct rtvmx_vm *)vm)->dev);
}

static void vm_apic_write(void *vm, u32 offset)
{
	rtvmx_devices_apic_write(((struct rtvmx_vm *)vm)->dev, offset);
}

static void vm_apic_eoi(void *vm, u8 vector)
{
	rtvmx_devices_apic_eoi(((struct rtvmx_vm *)vm)->dev, vector);
}

static bool vm_apic_xapic_page(void *vm)
{
	return rtvmx_devices_xapic_page(((struct rtvmx_vm *)vm)->dev);
}

const struct rtvmx_vcpu_ops rtvmx_vm_vcpu_ops = {
	.pio = vm_pio,
	.tick = vm_tick,
	.stopped = rtvmx_vm_stopped,
	.deadline_missed = rtvmx_vm_deadline_missed,
	.is_mmio = rtvmx_vm_is_mmio,
	.emul = &rtvmx_vm_emul_ops,
	.next_deadline = vm_next_deadline,
	.expire = vm_expire,
	.intr_ready = vm_intr_ready,
	.intr_take = vm_intr_take,
	.msr = vm_msr,
	.get_cr8 = vm_get_cr8,
	.set_cr8 = vm_set_cr8,
	.apic_push = vm_apic_push,
	.apic_write = vm_apic_write,
	.apic_eoi = vm_apic_eoi,
	.apic_xapic_page = vm_apic_xapic_page,
};
