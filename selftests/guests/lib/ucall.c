// SPDX-License-Identifier: GPL-2.0
/* Exits and the "UCALL" lines the selftests parse from the console. */
#include "guest.h"

/* Under another hypervisor (the bench's KVM), VMCALL returns: the exit port ends the VM. */
void guest_shutdown(unsigned long code)
{
	hypercall(RTVMX_HC_SHUTDOWN, code, 0);
	exit_port(code);
}

void exit_port(uint8_t v)
{
	outb(RTVMX_EXIT_PORT, v);
	for (;;)
		asm volatile("hlt");
}

static void ucall_line(const char *kind, const char *fmt, va_list ap)
{
	char buf[256];

	guest_vsnprintf(buf, sizeof(buf), fmt, ap);
	guest_printf("UCALL %s %s\n", kind, buf);
}

void guest_report(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ucall_line("REPORT", fmt, ap);
	va_end(ap);
}

void guest_assert_fail(const char *file, int line, const char *fmt, ...)
{
	char buf[200];
	va_list ap;

	va_start(ap, fmt);
	guest_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	guest_printf("UCALL ASSERT %s:%d %s\n", file, line, buf);
	guest_shutdown(GUEST_EXIT_ASSERT);
}

void guest_done(void)
{
	serial_puts("UCALL DONE\n");
	guest_shutdown(GUEST_EXIT_DONE);
}

void guest_skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ucall_line("SKIP", fmt, ap);
	va_end(ap);
	guest_shutdown(GUEST_EXIT_SKIP);
}
