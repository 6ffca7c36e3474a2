// SPDX-License-Identifier: GPL-2.0
/* The guest console: the 16550 UART at COM1, polled, no interrupts. */
#include "guest.h"

void serial_putc(char c)
{
	while (!(inb(COM1 + UART_LSR) & UART_LSR_THRE))
		;
	outb(COM1 + UART_THR, c);
}

void serial_puts(const char *s)
{
	while (*s)
		serial_putc(*s++);
}

bool serial_can_read(void)
{
	return inb(COM1 + UART_LSR) & UART_LSR_DR;
}

char serial_getc(void)
{
	while (!serial_can_read())
		;
	return inb(COM1 + UART_RBR);
}
