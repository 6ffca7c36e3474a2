/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interrupts for 64-bit test guests: an IDT of 256 gates whose stubs call
 * one C handler per vector with the saved frame, and the PC's interrupt
 * hardware as rtvmx models it (LAPIC at 0xfee00000 and as x2APIC MSRs,
 * I/O APIC at 0xfec00000, 8259A pair, 8254 PIT, CMOS RTC).
 */
#ifndef RTVMX_GUEST_INTR_H
#define RTVMX_GUEST_INTR_H

#include "guest.h"

/* What isr.S pushed: general registers, vector, error code, then the CPU's frame. */
struct intr_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};

typedef void (*intr_handler_t)(struct intr_frame *f);

/* Loads the IDT; vectors without a handler report and shut down with GUEST_EXIT_ASSERT. */
void intr_init(void);
void intr_set_handler(unsigned int vector, intr_handler_t h);
/* The gate of @vector switches to TSS.IST[@ist - 1] (user_set_ist()); 0 for none. */
void intr_set_ist(unsigned int vector, unsigned int ist);

static inline void sti(void) { asm volatile("sti" : : : "memory"); }
static inline void cli(void) { asm volatile("cli" : : : "memory"); }
/* STI; HLT: waits for one interrupt without a race. */
static inline void sti_hlt(void) { asm volatile("sti; hlt" : : : "memory"); }

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

static inline uint32_t mmio_read32(uint64_t addr)
{
	return *(volatile uint32_t *)addr;
}

static inline void mmio_write32(uint64_t addr, uint32_t v)
{
	*(volatile uint32_t *)addr = v;
}

/* LAPIC (SDM Vol. 3A chapter 10): xAPIC offsets; the x2APIC MSR is 0x800 + offset / 16. */
#define LAPIC_BASE		0xfee00000ULL
#define APIC_ID			0x20
#define APIC_TPR		0x80
#define APIC_EOI		0xb0
#define APIC_SVR		0xf0
#define APIC_ISR		0x100
#define APIC_TMR		0x180
#define APIC_IRR		0x200
#define APIC_ICR		0x300
#define APIC_LVT_TIMER		0x320
#define APIC_LVT_LINT0		0x350
#define APIC_TIMER_ICR		0x380
#define APIC_TIMER_CCR		0x390
#define APIC_TIMER_DCR		0x3e0
#define APIC_SELF_IPI		0x3f0	/* x2APIC only */
#define APIC_MASKED		(1u << 16)
#define APIC_LEVEL		(1u << 15)
#define APIC_TIMER_PERIODIC	(1u << 17)
#define APIC_TIMER_TSCDL	(2u << 17)
#define APIC_DM_NMI		(4u << 8)
#define APIC_DM_EXTINT		(7u << 8)
#define APIC_ICR_SELF		(1u << 18)
#define APIC_DCR_DIV1		0xb

#define MSR_APIC_BASE		0x1b
#define MSR_TSC_DEADLINE	0x6e0
#define APIC_BASE_EXTD		(1ULL << 10)
#define APIC_BASE_EN		(1ULL << 11)

/* Register access in the current mode (xAPIC MMIO, or x2APIC MSRs once apic_x2apic_enable()). */
uint32_t apic_read(uint32_t reg);
void apic_write(uint32_t reg, uint32_t v);
void apic_enable(void);			/* SVR: software-enabled, spurious vector 0xff */
void apic_x2apic_enable(void);
static inline void apic_eoi(void) { apic_write(APIC_EOI, 0); }

/* I/O APIC */
#define IOAPIC_BASE		0xfec00000ULL
/* Redirection entry @pin: vector and flags (APIC_MASKED, APIC_LEVEL), destination APIC 0. */
void ioapic_set_rte(unsigned int pin, uint64_t rte);

/* 8259A pair: IRQ0-7 at @base, IRQ8-15 at @base + 8, all masked. */
void pic_init(uint8_t base);
void pic_set_mask(uint16_t mask);	/* bit n masks IRQ n */
static inline void pic_eoi(void) { outb(0x20, 0x20); }

/* 8254 channel 0 in mode 2 (rate generator) with @count, or stopped (count 0: one-shot mode 0). */
#define PIT_HZ			1193182u
void pit_periodic(uint16_t count);
void pit_stop(void);

/* CMOS RTC */
uint8_t rtc_read(uint8_t reg);
void rtc_write(uint8_t reg, uint8_t v);

/* From the rtvmx timing leaf (CPUID 0x40000010): the TSC rate and the LAPIC timer's, in kHz. */
uint32_t tsc_khz(void);
uint32_t apic_timer_khz(void);

#endif
