/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The freestanding library of rtvmx test guests: port I/O, CPUID, RDTSC,
 * hypercalls, the 16550 console at 0x3f8, a small printf, and the "ucall"
 * lines tests parse from the console:
 *
 *	UCALL REPORT <text>			guest_report()
 *	UCALL ASSERT <file>:<line> <cond>[ <detail>]	a failed GUEST_ASSERT*(), then
 *						shutdown with GUEST_EXIT_ASSERT
 *	UCALL SKIP <reason>			GUEST_SKIP(), then shutdown with GUEST_EXIT_SKIP
 *	UCALL DONE				GUEST_DONE(), then shutdown with GUEST_EXIT_DONE
 *
 * A guest defines int guest_main(unsigned long arg): arg is RDI at entry
 * ("rtvmx run --arg"), the return value the exit code of the shutdown
 * hypercall that follows.
 */
#ifndef RTVMX_GUEST_H
#define RTVMX_GUEST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/rtvmx.h>

#define GUEST_EXIT_DONE		0
#define GUEST_EXIT_ASSERT	3
#define GUEST_EXIT_SKIP		4

#define COM1			0x3f8
#define UART_THR		0	/* write */
#define UART_RBR		0	/* read */
#define UART_MCR		4
#define UART_LSR		5
#define UART_SCR		7
#define UART_MCR_LOOP		0x10
#define UART_LSR_DR		0x01
#define UART_LSR_THRE		0x20

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define __noreturn		__attribute__((noreturn))
#define __printf(f, a)		__attribute__((format(printf, f, a)))

int guest_main(unsigned long arg);

static inline void outb(uint16_t port, uint8_t v)
{
	asm volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outw(uint16_t port, uint16_t v)
{
	asm volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint16_t inw(uint16_t port)
{
	uint16_t v;

	asm volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void cpuid(uint32_t leaf, uint32_t sub, uint32_t *a, uint32_t *b,
			 uint32_t *c, uint32_t *d)
{
	asm volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(sub));
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* VMCALL: number in RAX, arguments in RDI and RSI, result in RAX. */
static inline long hypercall(unsigned long nr, unsigned long a0, unsigned long a1)
{
	long ret;

	asm volatile("vmcall" : "=a"(ret) : "a"(nr), "D"(a0), "S"(a1) : "memory");
	return ret;
}

/* RTVMX_HC_SHUTDOWN: the VM stops with @code as its exit code. */
__noreturn void guest_shutdown(unsigned long code);
/* Writes @v to the isa-debug-exit port: exit code (v << 1) | 1. */
__noreturn void exit_port(uint8_t v);

/* serial.c: the 16550 at COM1, polled. */
void serial_putc(char c);		/* waits for LSR.THRE; '\n' goes out as is */
void serial_puts(const char *s);
bool serial_can_read(void);		/* LSR.DR */
char serial_getc(void);			/* waits for LSR.DR */

/* print.c: %d %i %u %x %X %p %s %c %% with l/ll, '0' flag and width. */
int guest_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
__printf(3, 4) int guest_snprintf(char *buf, size_t size, const char *fmt, ...);
__printf(1, 2) void guest_printf(const char *fmt, ...);

/* ucall.c */
__printf(1, 2) void guest_report(const char *fmt, ...);
__noreturn __printf(3, 4) void guest_assert_fail(const char *file, int line, const char *fmt, ...);
__noreturn void guest_done(void);
__noreturn __printf(1, 2) void guest_skip(const char *fmt, ...);

#define GUEST_ASSERT(cond) do {							\
		if (!(cond))							\
			guest_assert_fail(__FILE__, __LINE__, "%s", #cond);	\
	} while (0)

#define GUEST_ASSERT_EQ(a, b) do {						\
		unsigned long long __a = (a), __b = (b);			\
		if (__a != __b)							\
			guest_assert_fail(__FILE__, __LINE__, "%s == %s (%#llx != %#llx)", \
					  #a, #b, __a, __b);			\
	} while (0)

#define GUEST_DONE()		guest_done()
#define GUEST_SKIP(...)		guest_skip(__VA_ARGS__)

/* string.c: what the compiler may call even when freestanding. */
void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

#endif
