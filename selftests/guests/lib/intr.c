// SPDX-License-Identifier: GPL-2.0
/* The guest's IDT and its interrupt hardware (intr.h). */
#include "intr.h"

struct idt_gate {
	uint16_t off0, sel;
	uint8_t ist, type;
	uint16_t off1;
	uint32_t off2, zero;
} __attribute__((packed));

extern char isr_stubs[];
static struct idt_gate idt[256] __attribute__((aligned(16)));
static intr_handler_t handlers[256];
static bool x2apic;

void intr_dispatch(struct intr_frame *f);

void intr_dispatch(struct intr_frame *f)
{
	intr_handler_t h = handlers[f->vector & 0xff];

	if (!h)
		guest_assert_fail(__FILE__, __LINE__, "unexpected vector %lu at rip %#lx error %#lx",
				  (unsigned long)f->vector, (unsigned long)f->rip,
				  (unsigned long)f->error);
	h(f);
}

void intr_init(void)
{
	struct { uint16_t limit; uint64_t base; } __attribute__((packed)) idtr;
	unsigned int i;

	for (i = 0; i < 256; i++) {
		uint64_t a = (uint64_t)isr_stubs + 16 * i;

		idt[i].off0 = a;
		idt[i].sel = RTVMX_BOOT_CS;
		idt[i].ist = 0;
		idt[i].type = 0x8e;	/* present, DPL 0, 64-bit interrupt gate */
		idt[i].off1 = a >> 16;
		idt[i].off2 = a >> 32;
		idt[i].zero = 0;
	}
	idtr.limit = sizeof(idt) - 1;
	idtr.base = (uint64_t)idt;
	asm volatile("lidt %0" : : "m"(idtr));
}

void intr_set_handler(unsigned int vector, intr_handler_t h)
{
	handlers[vector & 0xff] = h;
}

void intr_set_ist(unsigned int vector, unsigned int ist)
{
	idt[vector & 0xff].ist = ist;
}

uint32_t apic_read(uint32_t reg)
{
	if (x2apic)
		return rdmsr(0x800 + reg / 16);
	return mmio_read32(LAPIC_BASE + reg);
}

void apic_write(uint32_t reg, uint32_t v)
{
	if (x2apic)
		wrmsr(0x800 + reg / 16, v);
	else
		mmio_write32(LAPIC_BASE + reg, v);
}

void apic_enable(void)
{
	apic_write(APIC_SVR, 0x1ff);
}

void apic_x2apic_enable(void)
{
	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | APIC_BASE_EN | APIC_BASE_EXTD);
	x2apic = true;
}

void ioapic_set_rte(unsigned int pin, uint64_t rte)
{
	mmio_write32(IOAPIC_BASE, 0x10 + 2 * pin + 1);
	mmio_write32(IOAPIC_BASE + 0x10, rte >> 32);
	mmio_write32(IOAPIC_BASE, 0x10 + 2 * pin);
	mmio_write32(IOAPIC_BASE + 0x10, (uint32_t)rte);
}

void pic_init(uint8_t base)
{
	outb(0x20, 0x11);		/* ICW1: edge, cascade, ICW4 */
	outb(0x21, base);		/* ICW2 */
	outb(0x21, 0x04);		/* ICW3: slave on IR2 */
	outb(0x21, 0x01);		/* ICW4: 8086 mode */
	outb(0xa0, 0x11);
	outb(0xa1, base + 8);
	outb(0xa1, 0x02);
	outb(0xa1, 0x01);
	pic_set_mask(0xffff);
}

void pic_set_mask(uint16_t mask)
{
	outb(0x21, mask & 0xff);
	outb(0xa1, mask >> 8);
}

void pit_periodic(uint16_t count)
{
	outb(0x43, 0x34);		/* channel 0, lobyte/hibyte, mode 2, binary */
	outb(0x40, count & 0xff);
	outb(0x40, count >> 8);
}

void pit_stop(void)
{
	outb(0x43, 0x30);		/* channel 0, mode 0: waits for a count, OUT0 low */
}

uint8_t rtc_read(uint8_t reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

void rtc_write(uint8_t reg, uint8_t v)
{
	outb(0x70, reg);
	outb(0x71, v);
}

/* The rtvmx timing leaf (CPUID 0x40000010): EAX, or EBX with @apic; 0 without it. */
static uint32_t timing_leaf(bool apic)
{
	uint32_t a, b, c, d;

	cpuid(RTVMX_CPUID_SIGNATURE, 0, &a, &b, &c, &d);
	if (a < RTVMX_CPUID_TIMING)
		return 0;
	cpuid(RTVMX_CPUID_TIMING, 0, &a, &b, &c, &d);
	return apic ? b : a;
}

uint32_t tsc_khz(void)
{
	return timing_leaf(false);
}

uint32_t apic_timer_khz(void)
{
	return timing_leaf(true);
}
