// SPDX-License-Identifier: GPL-2.0
/*
 * irq: the interrupt hardware rtvmx gives a guest, case by case, each line
 * "case NAME: ok" or "case NAME: FAIL why"; the exit code is the number of
 * failed cases. Timers are short (a tenth of a millisecond and up) so the
 * whole run takes a few milliseconds of guest time.
 */
#include "intr.h"

#define V_TIMER		0x40
#define V_LOW		0x41	/* same priority class as V_TIMER */
#define V_X2		0x42
#define V_HIGH		0x80
#define V_PIC		0x20	/* IRQ0 through the 8259A */
#define V_IOAPIC_PIT	0x50
#define V_RTC		0x58
#define CPUID_1_ECX_X2APIC	(1u << 21)
#define CPUID_1_ECX_TSCDL	(1u << 24)

static uint64_t period;		/* 100 us in TSC ticks */
static volatile uint64_t n_timer, t_timer, n_low, n_high, n_x2, n_pic, n_ioapic, n_rtc, n_nmi;
static volatile uint64_t t_pic[8], t_rtc[4];
static volatile uint64_t saw_high_in_timer, saw_low_in_high, rtc_tmr, nmi_nested;
static volatile uint64_t n_ud, n_bp, n_de, n_gp, gp_error;
static bool nested_mode;

static void self_ipi(uint8_t vec)
{
	apic_write(APIC_ICR + 0x10, 0);
	apic_write(APIC_ICR, APIC_ICR_SELF | vec);
}

static void spin(uint64_t ticks)
{
	uint64_t t0 = rdtsc();

	while (rdtsc() - t0 < ticks)
		asm volatile("pause");
}

/* Waits, interrupts on, until *@n reaches @want or @ticks pass; halts when @hlt. */
static bool wait_count(volatile uint64_t *n, uint64_t want, uint64_t ticks, bool hlt)
{
	uint64_t t0 = rdtsc();

	while (*n < want && rdtsc() - t0 < ticks) {
		if (hlt)
			sti_hlt();
		else
			asm volatile("sti; pause; cli" : : : "memory");
	}
	cli();
	return *n >= want;
}

static bool irr_has(uint8_t vec)
{
	return apic_read(APIC_IRR + (vec / 32) * 0x10) & (1u << (vec % 32));
}

static void on_timer(struct intr_frame *f)
{
	(void)f;
	t_timer = rdtsc();
	n_timer++;
	if (nested_mode) {
		sti();
		self_ipi(V_HIGH);
		spin(100);
		saw_high_in_timer = n_high;
		cli();
	}
	apic_eoi();
}

static void on_high(struct intr_frame *f)
{
	(void)f;
	n_high++;
	sti();
	self_ipi(V_LOW);
	spin(100);
	saw_low_in_high = n_low;
	cli();
	apic_eoi();
}

static void on_low(struct intr_frame *f)
{
	(void)f;
	n_low++;
	apic_eoi();
}

static void on_x2(struct intr_frame *f)
{
	(void)f;
	n_x2++;
	apic_eoi();
}

static void on_pic(struct intr_frame *f)
{
	(void)f;
	if (n_pic < 8)
		t_pic[n_pic] = rdtsc();
	n_pic++;
	pic_eoi();
}

static void on_ioapic(struct intr_frame *f)
{
	(void)f;
	n_ioapic++;
	apic_eoi();
}

/*
 * The first two EOIs leave IRQ8 asserted (register C unread): only the I/O
 * APIC's re-delivery after EOI brings deliveries 2 and 3, as the line never
 * drops until register C is read.
 */
static void on_rtc(struct intr_frame *f)
{
	(void)f;
	if (n_rtc < 4)
		t_rtc[n_rtc] = rdtsc();
	if (!n_rtc)
		rtc_tmr = apic_read(APIC_TMR + (V_RTC / 32) * 0x10) & (1u << (V_RTC % 32));
	n_rtc++;
	if (n_rtc > 2)
		rtc_read(0xc);
	apic_eoi();
}

/* A second NMI sent inside the handler waits for its IRET (NMI blocking). */
static void on_nmi(struct intr_frame *f)
{
	(void)f;
	n_nmi++;
	if (n_nmi == 1) {
		apic_write(APIC_ICR + 0x10, 0);
		apic_write(APIC_ICR, APIC_DM_NMI);	/* physical destination 0: itself */
		spin(100);
		nmi_nested = n_nmi != 1;
	}
}

static void on_ud(struct intr_frame *f)
{
	n_ud++;
	f->rip += 2;		/* ud2 */
}

static void on_bp(struct intr_frame *f)
{
	(void)f;
	n_bp++;			/* a trap: RIP is past the int3 */
}

static void on_de(struct intr_frame *f)
{
	n_de++;
	f->rip += 3;		/* div %rcx */
}

static void on_gp(struct intr_frame *f)
{
	n_gp++;
	gp_error = f->error;
	f->rip += 2;		/* wrmsr */
}

static char why[128];

#define FAIL(...) do { guest_snprintf(why, sizeof(why), __VA_ARGS__); return why; } while (0)

static const char *case_oneshot(void)
{
	uint64_t t0;

	n_timer = 0;
	apic_write(APIC_TIMER_DCR, APIC_DCR_DIV1);
	apic_write(APIC_LVT_TIMER, V_TIMER);
	t0 = rdtsc();
	apic_write(APIC_TIMER_ICR, period);
	if (!wait_count(&n_timer, 1, 1000 * period, true))
		FAIL("no timer interrupt");
	if (t_timer < t0 + period)
		FAIL("early by %lu ticks", (unsigned long)(t0 + period - t_timer));
	wait_count(&n_timer, 2, 3 * period, false);
	if (n_timer != 1)
		FAIL("one-shot fired %lu times", (unsigned long)n_timer);
	if (apic_read(APIC_TIMER_CCR))
		FAIL("current count %u after expiry", apic_read(APIC_TIMER_CCR));
	guest_printf("oneshot: deadline to handler %lu ticks\n", (unsigned long)(t_timer - t0 - period));
	return NULL;
}

static const char *case_periodic(void)
{
	uint64_t t0, el;

	n_timer = 0;
	apic_write(APIC_LVT_TIMER, V_TIMER | APIC_TIMER_PERIODIC);
	t0 = rdtsc();
	apic_write(APIC_TIMER_ICR, period);
	if (!wait_count(&n_timer, 10, 1000 * period, true))
		FAIL("%lu of 10 ticks", (unsigned long)n_timer);
	el = t_timer - t0;
	apic_write(APIC_TIMER_ICR, 0);
	apic_write(APIC_LVT_TIMER, APIC_MASKED | V_TIMER);
	if (el < 10 * period)
		FAIL("10 ticks in %lu TSC ticks, period %lu", (unsigned long)el, (unsigned long)period);
	guest_printf("periodic: 10 periods of %lu in %lu ticks\n", (unsigned long)period,
		     (unsigned long)el);
	return NULL;
}

static const char *case_tscdl(void)
{
	uint32_t a, b, c, d;
	uint64_t dl;

	cpuid(1, 0, &a, &b, &c, &d);
	if (!(c & CPUID_1_ECX_TSCDL))
		FAIL("CPUID.1:ECX.TSC_DEADLINE clear");
	n_timer = 0;
	apic_write(APIC_LVT_TIMER, V_TIMER | APIC_TIMER_TSCDL);
	dl = rdtsc() + period;
	wrmsr(MSR_TSC_DEADLINE, dl);
	if (!wait_count(&n_timer, 1, 1000 * period, true))
		FAIL("no timer interrupt");
	if (t_timer < dl)
		FAIL("early by %lu ticks", (unsigned long)(dl - t_timer));
	if (rdmsr(MSR_TSC_DEADLINE))
		FAIL("IA32_TSC_DEADLINE %#lx after expiry", (unsigned long)rdmsr(MSR_TSC_DEADLINE));
	/* A deadline already past fires at once. */
	wrmsr(MSR_TSC_DEADLINE, 1);
	if (!wait_count(&n_timer, 2, 10 * period, false))
		FAIL("a past deadline did not fire");
	guest_printf("tscdl: deadline to handler %lu ticks\n", (unsigned long)(t_timer - dl));
	apic_write(APIC_LVT_TIMER, APIC_MASKED | V_TIMER);
	return NULL;
}

/* The timer fires while IF = 0; the interrupt waits in IRR and comes right after STI. */
static const char *case_window(void)
{
	uint64_t t0;

	cli();
	n_timer = 0;
	apic_write(APIC_LVT_TIMER, V_TIMER);
	t0 = rdtsc();
	apic_write(APIC_TIMER_ICR, period);
	while (rdtsc() - t0 < 3 * period)
		asm volatile("pause");
	if (n_timer)
		FAIL("delivered with IF = 0");
	if (!irr_has(V_TIMER))
		FAIL("IRR bit of vector %#x clear", V_TIMER);
	asm volatile("sti; nop; cli" : : : "memory");
	if (n_timer != 1)
		FAIL("%lu deliveries right after STI", (unsigned long)n_timer);
	return NULL;
}

static const char *case_nested(void)
{
	n_timer = n_high = n_low = 0;
	saw_high_in_timer = saw_low_in_high = 0;
	nested_mode = true;
	self_ipi(V_TIMER);
	wait_count(&n_low, 1, 100 * period, false);
	nested_mode = false;
	if (n_timer != 1 || n_high != 1 || n_low != 1)
		FAIL("counts %lu/%lu/%lu", (unsigned long)n_timer, (unsigned long)n_high,
		     (unsigned long)n_low);
	if (saw_high_in_timer != 1)
		FAIL("vector %#x did not nest in %#x", V_HIGH, V_TIMER);
	if (saw_low_in_high)
		FAIL("vector %#x nested in %#x", V_LOW, V_HIGH);
	if (apic_read(APIC_ISR + (V_TIMER / 32) * 0x10))
		FAIL("ISR not empty");
	return NULL;
}

static const char *case_cr8(void)
{
	uint64_t cr8;

	n_low = 0;
	asm volatile("mov %0, %%cr8" : : "r"(15UL));
	asm volatile("mov %%cr8, %0" : "=r"(cr8));
	if (cr8 != 15)
		FAIL("CR8 reads %lu", (unsigned long)cr8);
	if ((apic_read(APIC_TPR) >> 4) != 15)
		FAIL("TPR %#x", apic_read(APIC_TPR));
	self_ipi(V_LOW);
	wait_count(&n_low, 1, 3 * period, false);
	if (n_low)
		FAIL("delivered above the TPR");
	asm volatile("mov %0, %%cr8" : : "r"(0UL));
	if (!wait_count(&n_low, 1, 10 * period, false))
		FAIL("not delivered after CR8 = 0");
	return NULL;
}

static const char *case_nmi(void)
{
	n_nmi = 0;
	cli();
	apic_write(APIC_ICR + 0x10, 0);
	apic_write(APIC_ICR, APIC_DM_NMI);
	asm volatile("nop");
	if (!n_nmi)
		FAIL("NMI not delivered with IF = 0");
	spin(10 * period);
	if (n_nmi != 2)
		FAIL("%lu NMIs, want 2", (unsigned long)n_nmi);
	if (nmi_nested)
		FAIL("an NMI nested inside the NMI handler");
	return NULL;
}

static const char *case_pit_pic(void)
{
	uint64_t dt, want;
	uint16_t count = PIT_HZ / 5000;	/* 200 us */
	uint64_t pit_period = (uint64_t)count * tsc_khz() * 1000 / PIT_HZ;

	pic_init(V_PIC);
	apic_write(APIC_LVT_LINT0, APIC_DM_EXTINT);
	pic_set_mask(0xfffe);
	n_pic = 0;
	pit_periodic(count);
	if (!wait_count(&n_pic, 5, 2000 * period, false))
		FAIL("%lu of 5 IRQ0s", (unsigned long)n_pic);
	dt = t_pic[4] - t_pic[1];
	want = 3 * pit_period;
	if (dt < want - want / 4)
		FAIL("3 periods in %lu ticks, want about %lu", (unsigned long)dt, (unsigned long)want);
	/* Masked: nothing comes; unmasked: the latched edge does. */
	pic_set_mask(0xffff);
	wait_count(&n_pic, 100, 1, false);
	n_pic = 0;
	wait_count(&n_pic, 1, 10 * pit_period, false);
	if (n_pic)
		FAIL("masked IRQ0 delivered");
	pic_set_mask(0xfffe);
	if (!wait_count(&n_pic, 1, 10 * pit_period, false))
		FAIL("IRQ0 lost after unmasking");
	pic_set_mask(0xffff);
	pit_stop();
	apic_write(APIC_LVT_LINT0, APIC_MASKED | APIC_DM_EXTINT);
	guest_printf("pit_pic: 3 periods in %lu ticks (want %lu)\n", (unsigned long)dt,
		     (unsigned long)want);
	return NULL;
}

static const char *case_pit_ioapic(void)
{
	n_ioapic = 0;
	ioapic_set_rte(2, V_IOAPIC_PIT);
	pit_periodic(PIT_HZ / 5000);
	if (!wait_count(&n_ioapic, 5, 2000 * period, false))
		FAIL("%lu of 5 interrupts on GSI 2", (unsigned long)n_ioapic);
	ioapic_set_rte(2, APIC_MASKED | V_IOAPIC_PIT);
	pit_stop();
	return NULL;
}

static const char *case_level(void)
{
	uint64_t rtc_period = (uint64_t)tsc_khz() * 1000 / 1024;

	n_rtc = 0;
	ioapic_set_rte(8, APIC_LEVEL | V_RTC);
	rtc_read(0xc);
	rtc_write(0xa, 0x26);			/* 32.768 kHz base, 1024 Hz periodic */
	rtc_write(0xb, rtc_read(0xb) | 0x40);	/* periodic interrupt enable */
	if (!wait_count(&n_rtc, 5, 20 * rtc_period, false))
		FAIL("%lu of 5 RTC interrupts", (unsigned long)n_rtc);
	rtc_write(0xb, rtc_read(0xb) & ~0x40);
	rtc_read(0xc);
	ioapic_set_rte(8, APIC_MASKED | APIC_LEVEL | V_RTC);
	if (!rtc_tmr)
		FAIL("TMR bit clear for a level-triggered vector");
	guest_printf("level: deliveries 1-3 within %lu ticks (RTC period %lu)\n",
		     (unsigned long)(t_rtc[2] - t_rtc[0]), (unsigned long)rtc_period);
	return NULL;
}

static const char *case_exceptions(void)
{
	unsigned long rax = 1, rdx = 0, rcx = 0;

	n_ud = n_bp = n_de = n_gp = 0;
	asm volatile("ud2");
	asm volatile("int3");
	asm volatile(".byte 0x48, 0xf7, 0xf1" : "+a"(rax), "+d"(rdx) : "c"(rcx));	/* div %rcx */
	asm volatile("wrmsr" : : "c"(0x1234), "a"(0), "d"(0));	/* #GP from the hypervisor */
	if (n_ud != 1 || n_bp != 1 || n_de != 1 || n_gp != 1)
		FAIL("#UD %lu #BP %lu #DE %lu #GP %lu", (unsigned long)n_ud, (unsigned long)n_bp,
		     (unsigned long)n_de, (unsigned long)n_gp);
	if (gp_error)
		FAIL("#GP error code %#lx", (unsigned long)gp_error);
	return NULL;
}

/* 16-bit accesses to the 8-bit devices: two byte accesses, low port first. */
static const char *case_word_ports(void)
{
	uint16_t elcr = inw(0x4d0), v;

	outw(0x4d0, 0xffff);
	v = inw(0x4d0);
	outw(0x4d0, elcr);
	if (v != 0xdef8)
		FAIL("ELCR pair reads %#x as a word, want 0xdef8 (the edge-only IRQs masked)", v);
	/* CMOS index and data in one OUT. */
	outw(0x70, 0x5a << 8 | 0x0e);
	outb(0x70, 0x0e);
	v = inb(0x71);
	if (v != 0x5a)
		FAIL("CMOS byte 0x0e is %#x after a word write, want 0x5a", v);
	return NULL;
}

static const char *case_x2apic(void)
{
	uint32_t a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	if (!(c & CPUID_1_ECX_X2APIC))
		FAIL("CPUID.1:ECX.x2APIC clear");
	apic_x2apic_enable();
	if (rdmsr(0x802) != 0)
		FAIL("x2APIC ID %lu", (unsigned long)rdmsr(0x802));
	n_x2 = n_timer = 0;
	wrmsr(0x800 + APIC_SELF_IPI / 16, V_X2);
	if (!wait_count(&n_x2, 1, 10 * period, false))
		FAIL("SELF_IPI not delivered");
	apic_write(APIC_TIMER_DCR, APIC_DCR_DIV1);
	apic_write(APIC_LVT_TIMER, V_TIMER);
	apic_write(APIC_TIMER_ICR, period);
	if (!wait_count(&n_timer, 1, 1000 * period, true))
		FAIL("no x2APIC timer interrupt");
	return NULL;
}

static const struct {
	const char *name;
	const char *(*run)(void);
} cases[] = {
	{ "lapic_oneshot", case_oneshot },
	{ "lapic_periodic", case_periodic },
	{ "lapic_tscdl", case_tscdl },
	{ "window", case_window },
	{ "nested", case_nested },
	{ "cr8", case_cr8 },
	{ "nmi", case_nmi },
	{ "pit_pic_masked", case_pit_pic },
	{ "pit_ioapic", case_pit_ioapic },
	{ "level", case_level },
	{ "exceptions", case_exceptions },
	{ "word_ports", case_word_ports },
	{ "x2apic", case_x2apic },	/* last: x2APIC mode stays on */
};

/*
 * --arg 1 (with --test-mmio): INT3 with the stack in the MMIO test device.
 * Delivering #BP pushes onto MMIO, an EPT violation during event delivery
 * (valid IDT-vectoring information) that rtvmx does not emulate: the VM
 * stops as unsupported, and the guest never gets back.
 */
static void bp_on_mmio_stack(void)
{
	serial_puts("int3 with the stack on MMIO\n");
	asm volatile("mov %0, %%rsp; int3" : : "r"(RTVMX_TEST_MMIO_GPA + 0x800) : "memory");
	serial_puts("still running\n");
}

int guest_main(unsigned long arg)
{
	unsigned int i, failed = 0;
	const char *r;

	period = tsc_khz() / 10;
	if (!period)
		GUEST_SKIP("no rtvmx timing leaf");
	intr_init();
	intr_set_handler(0, on_de);
	intr_set_handler(2, on_nmi);
	intr_set_handler(3, on_bp);
	intr_set_handler(6, on_ud);
	intr_set_handler(13, on_gp);
	intr_set_handler(V_TIMER, on_timer);
	intr_set_handler(V_LOW, on_low);
	intr_set_handler(V_X2, on_x2);
	intr_set_handler(V_HIGH, on_high);
	intr_set_handler(V_PIC, on_pic);
	intr_set_handler(V_IOAPIC_PIT, on_ioapic);
	intr_set_handler(V_RTC, on_rtc);
	apic_enable();
	if (arg == 1)
		bp_on_mmio_stack();
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		r = cases[i].run();
		cli();
		if (r)
			failed++;
		guest_printf("case %s: %s%s\n", cases[i].name, r ? "FAIL " : "ok", r ? r : "");
	}
	guest_printf("irq: %u of %u cases failed\n", failed, (unsigned int)ARRAY_SIZE(cases));
	return failed;
}
