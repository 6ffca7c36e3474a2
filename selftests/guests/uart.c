// SPDX-License-Identifier: GPL-2.0
/*
 * uart: the 16550's loopback mode (MCR bit 4: THR bytes come back on RBR,
 * nothing reaches the console), then an echo of console input: each line
 * read comes back as "echo: <line>"; the line "quit" ends the guest.
 */
#include "guest.h"

#define LINE_MAX	128

/* Every byte value through loopback; the number of bytes that came back wrong. */
static int loopback(void)
{
	uint8_t mcr = inb(COM1 + UART_MCR);
	int i, bad = 0;

	outb(COM1 + UART_MCR, mcr | UART_MCR_LOOP);
	for (i = 0; i < 256; i++) {
		outb(COM1 + UART_THR, i);
		if (!(inb(COM1 + UART_LSR) & UART_LSR_DR) || inb(COM1 + UART_RBR) != i)
			bad++;
	}
	outb(COM1 + UART_MCR, mcr);
	return bad;
}

static void read_line(char *line, size_t size)
{
	size_t n = 0;
	char c;

	while ((c = serial_getc()) != '\n')
		if (n + 1 < size)
			line[n++] = c;
	line[n] = '\0';
}

int guest_main(unsigned long arg)
{
	char line[LINE_MAX];
	int bad;

	(void)arg;
	bad = loopback();
	guest_report("loopback: %d of 256 bytes wrong", bad);
	GUEST_ASSERT_EQ(bad, 0);
	serial_puts("uart echo ready\n");
	for (;;) {
		read_line(line, sizeof(line));
		guest_printf("echo: %s\n", line);
		if (!strcmp(line, "quit"))
			GUEST_DONE();
	}
}
