// SPDX-License-Identifier: GPL-2.0
/*
 * smp: two vCPUs and the IPIs between them ("rtvmx run --vcpus 2 smp.elf",
 * 32-bit protected mode). The BSP (APIC ID 0) starts the AP the way a PC's
 * firmware does (SDM Vol. 3A 8.4.4): INIT, then STARTUP twice with the
 * vector of a trampoline it copied below 1 MiB; the trampoline goes from
 * real mode to protected mode with the boot GDT at 0x1000 and jumps to
 * ap_main() on the AP's own stack. Then, each checked on the receiving
 * side and answered with an IPI back:
 *
 *	fixed BSP -> AP, physical destination 1, and the answer AP -> BSP
 *	fixed BSP -> AP, logical (flat) destination, answered logically
 *	fixed with the all-excluding-self shorthand, both ways
 *	NMI BSP -> AP, and NMI AP -> BSP
 *
 * and last the round trip of a fixed IPI BSP -> AP -> BSP in TSC ticks over
 * ROUNDS rounds, printed as "UCALL REPORT ipi_roundtrip_ticks: min=M avg=A
 * max=X n=N". The BSP waits with STI; HLT, so a vCPU that shares its CPU
 * with the other gives it the CPU while it waits.
 *
 * With --arg 1 the AP triple-faults once it is up while the BSP waits
 * halted: the whole VM stops with status 113.
 */
#include "guest.h"

#define TRAMPOLINE	0x9000u		/* page-aligned, below 1 MiB, past the boot area */
#define SIPI_VECTOR	(TRAMPOLINE >> 12)
#define ROUNDS		100

/* LAPIC registers (SDM Vol. 3A 10.4.1, 10.6.1) */
#define LAPIC		0xfee00000u
#define APIC_ID		0x20
#define APIC_EOI	0xb0
#define APIC_LDR	0xd0
#define APIC_DFR	0xe0
#define APIC_SVR	0xf0
#define APIC_ICR	0x300
#define APIC_ICR2	0x310

#define ICR_FIXED	(0u << 8)
#define ICR_NMI		(4u << 8)
#define ICR_INIT	(5u << 8)
#define ICR_STARTUP	(6u << 8)
#define ICR_LOGICAL	(1u << 11)
#define ICR_ASSERT	(1u << 14)
#define ICR_LEVEL	(1u << 15)
#define ICR_ALL_BUT_SELF (3u << 18)

/* Vectors: PING goes to the AP, PONG to the BSP; NMI_ME asks the AP for an NMI. */
#define VEC_PING	0x40
#define VEC_PONG	0x41
#define VEC_NMI_ME	0x42
#define VEC_SPURIOUS	0xff

/* What the ping handler answers with. */
enum reply {
	REPLY_PHYS,		/* PONG to APIC ID 0 */
	REPLY_LOGICAL,		/* PONG to logical (flat) destination 0x01 */
	REPLY_ALL_BUT_SELF,	/* PONG with the all-excluding-self shorthand */
};

struct gate {
	uint16_t off_lo, sel;
	uint8_t zero, type;
	uint16_t off_hi;
} __attribute__((packed));

struct table_ptr {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

static struct gate idt[256];
static uint8_t ap_stack[8192] __attribute__((aligned(16)));

/* Shared between the vCPUs: written by one, read by the other. */
volatile uint32_t ap_stack_top;
static volatile uint32_t ap_up, ap_apic_id, ap_cpuid_id;
static volatile uint32_t pings[2], pongs[2], nmis[2];
static volatile uint32_t reply_mode, ap_crash;

/* Interrupt stubs: they save the registers the C handler may clobber. */
void isr_ping(void);
void isr_pong(void);
void isr_nmi(void);
void isr_nmi_me(void);
void isr_spurious(void);
void isr_unexpected(void);
void ap_entry32(void);
void ap_main(void);

#define STUB(name, handler)				\
	"	.globl " #name "\n"			\
	#name ":\n"					\
	"	pushal\n"				\
	"	cld\n"					\
	"	call " #handler "\n"			\
	"	popal\n"				\
	"	iretl\n"

asm("	.text\n"
    STUB(isr_ping, on_ping)
    STUB(isr_pong, on_pong)
    STUB(isr_nmi, on_nmi)
    STUB(isr_nmi_me, on_nmi_me)
    STUB(isr_unexpected, on_unexpected)
    "	.globl isr_spurious\n"
    "isr_spurious:\n"
    "	iretl\n");

/*
 * The AP's first instructions, copied to TRAMPOLINE: real mode with CS base
 * TRAMPOLINE (SDM 8.4.4.1), so its data is reached CS-relative. It loads the
 * boot GDT (RTVMX_BOOT_CS/DS), sets CR0.PE and jumps to ap_entry32.
 */
asm("	.text\n"
    "	.globl tramp_start, tramp_end\n"
    "	.code16\n"
    "tramp_start:\n"
    "	cli\n"
    "	lgdtl %cs:(tramp_gdtr - tramp_start)\n"
    "	movl %cr0, %eax\n"
    "	orl $1, %eax\n"
    "	movl %eax, %cr0\n"
    "	ljmpl $0x08, $ap_entry32\n"
    "tramp_gdtr:\n"
    "	.word 0x27\n"
    "	.long 0x1000\n"
    "tramp_end:\n"
    "	.code32\n"
    "ap_entry32:\n"
    "	movw $0x10, %ax\n"
    "	movw %ax, %ds\n"
    "	movw %ax, %es\n"
    "	movw %ax, %ss\n"
    "	movw %ax, %fs\n"
    "	movw %ax, %gs\n"
    "	movl ap_stack_top, %esp\n"
    "	call ap_main\n"
    "1:	hlt\n"
    "	jmp 1b\n");

extern const char tramp_start[], tramp_end[];

static uint32_t apic_read(uint32_t reg)
{
	return *(volatile uint32_t *)(LAPIC + reg);
}

static void apic_write(uint32_t reg, uint32_t v)
{
	*(volatile uint32_t *)(LAPIC + reg) = v;
}

static void send_ipi(uint8_t dest, uint32_t lo)
{
	apic_write(APIC_ICR2, (uint32_t)dest << 24);
	apic_write(APIC_ICR, lo);
}

/* 0 on the BSP, 1 on the AP: the AP runs on ap_stack. */
static unsigned int this_cpu(void)
{
	uint32_t sp = (uint32_t)__builtin_frame_address(0);

	return sp >= (uint32_t)ap_stack && sp < (uint32_t)ap_stack + sizeof(ap_stack);
}

void on_ping(void)
{
	uint32_t mode = reply_mode;

	pings[this_cpu()]++;
	if (mode == REPLY_PHYS)
		send_ipi(0, ICR_FIXED | ICR_ASSERT | VEC_PONG);
	else if (mode == REPLY_LOGICAL)
		send_ipi(0x01, ICR_FIXED | ICR_ASSERT | ICR_LOGICAL | VEC_PONG);
	else
		send_ipi(0, ICR_FIXED | ICR_ASSERT | ICR_ALL_BUT_SELF | VEC_PONG);
	apic_write(APIC_EOI, 0);
}

void on_pong(void)
{
	pongs[this_cpu()]++;
	apic_write(APIC_EOI, 0);
}

void on_nmi(void)
{
	unsigned int cpu = this_cpu();

	nmis[cpu]++;
	/* The AP confirms its NMI with a PONG (an NMI needs no EOI). */
	if (cpu == 1)
		send_ipi(0, ICR_FIXED | ICR_ASSERT | VEC_PONG);
}

void on_nmi_me(void)
{
	send_ipi(0, ICR_NMI | ICR_ASSERT);
	apic_write(APIC_EOI, 0);
}

void on_unexpected(void)
{
	guest_assert_fail(__FILE__, __LINE__, "unexpected interrupt on cpu %u", this_cpu());
}

static void set_gate(unsigned int vec, void (*isr)(void))
{
	uint32_t off = (uint32_t)isr;

	idt[vec].off_lo = off & 0xffff;
	idt[vec].sel = RTVMX_BOOT_CS;
	idt[vec].zero = 0;
	idt[vec].type = 0x8e;		/* present, DPL 0, 32-bit interrupt gate */
	idt[vec].off_hi = off >> 16;
}

static void load_idt(void)
{
	struct table_ptr p = { sizeof(idt) - 1, (uint32_t)idt };

	asm volatile("lidt %0" : : "m"(p));
}

/* Software-enable the LAPIC, flat logical model with logical ID @ldr. */
static void apic_setup(uint8_t ldr)
{
	apic_write(APIC_DFR, 0xffffffffu);
	apic_write(APIC_LDR, (uint32_t)ldr << 24);
	apic_write(APIC_SVR, 0x100 | VEC_SPURIOUS);
}

static uint32_t cpuid_apic_id(void)
{
	uint32_t a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	return b >> 24;
}

static void sti_hlt(void)
{
	asm volatile("sti; hlt; cli" : : : "memory");
}

/* Waits, halted, for @counter to pass @old (an IPI's handler bumps it). */
static void wait_above(volatile uint32_t *counter, uint32_t old)
{
	while (*counter == old)
		sti_hlt();
}

void ap_main(void)
{
	load_idt();
	apic_setup(0x02);
	ap_apic_id = apic_read(APIC_ID) >> 24;
	ap_cpuid_id = cpuid_apic_id();
	ap_up = 1;
	send_ipi(0, ICR_FIXED | ICR_ASSERT | VEC_PONG);
	if (ap_crash) {
		struct table_ptr none = { 0, 0 };

		/* #UD with an empty IDT: #GP, #DF, then shutdown (SDM Vol. 3A 6.15). */
		asm volatile("lidt %0; ud2" : : "m"(none));
	}
	for (;;)
		sti_hlt();
}

static void start_ap(void)
{
	uint32_t old = pongs[0];

	memcpy((void *)TRAMPOLINE, tramp_start, tramp_end - tramp_start);
	ap_stack_top = (uint32_t)ap_stack + sizeof(ap_stack);
	send_ipi(1, ICR_INIT | ICR_ASSERT | ICR_LEVEL);
	send_ipi(1, ICR_INIT | ICR_LEVEL);		/* de-assert: ignored */
	send_ipi(1, ICR_STARTUP | ICR_ASSERT | SIPI_VECTOR);
	send_ipi(1, ICR_STARTUP | ICR_ASSERT | SIPI_VECTOR);	/* ignored: started */
	wait_above(&pongs[0], old);
	GUEST_ASSERT_EQ(ap_up, 1);
	GUEST_ASSERT_EQ(ap_apic_id, 1);
	GUEST_ASSERT_EQ(ap_cpuid_id, 1);
	guest_report("ap started: apic id %u", ap_apic_id);
}

/* One PING to the AP with @lo's destination mode, answered per @mode. */
static void ping(const char *what, uint8_t dest, uint32_t lo, enum reply mode)
{
	uint32_t p = pings[1], q = pongs[0];

	reply_mode = mode;
	send_ipi(dest, lo | ICR_FIXED | ICR_ASSERT | VEC_PING);
	wait_above(&pongs[0], q);
	GUEST_ASSERT_EQ(pings[1], p + 1);
	GUEST_ASSERT_EQ(pongs[0], q + 1);
	GUEST_ASSERT_EQ(pings[0], 0);
	GUEST_ASSERT_EQ(pongs[1], 0);
	guest_report("%s: ok", what);
}

static void nmi_both_ways(void)
{
	uint32_t q = pongs[0];

	send_ipi(1, ICR_NMI | ICR_ASSERT);
	wait_above(&pongs[0], q);
	GUEST_ASSERT_EQ(nmis[1], 1);
	guest_report("nmi bsp->ap: ok");

	send_ipi(1, ICR_FIXED | ICR_ASSERT | VEC_NMI_ME);
	wait_above(&nmis[0], 0);
	GUEST_ASSERT_EQ(nmis[0], 1);
	guest_report("nmi ap->bsp: ok");
}

static void round_trip(void)
{
	uint64_t t0, d, min = ~0ULL, max = 0, sum = 0;
	uint32_t q;
	int i;

	reply_mode = REPLY_PHYS;
	for (i = 0; i < ROUNDS; i++) {
		q = pongs[0];
		t0 = rdtsc();
		send_ipi(1, ICR_FIXED | ICR_ASSERT | VEC_PING);
		wait_above(&pongs[0], q);
		d = rdtsc() - t0;
		sum += d;
		min = d < min ? d : min;
		max = d > max ? d : max;
	}
	guest_report("ipi_roundtrip_ticks: min=%llu avg=%llu max=%llu n=%d",
		     (unsigned long long)min, (unsigned long long)(sum / ROUNDS),
		     (unsigned long long)max, ROUNDS);
}

int guest_main(unsigned long arg)
{
	unsigned int v;

	ap_crash = arg == 1;
	for (v = 0; v < 256; v++)
		set_gate(v, isr_unexpected);
	set_gate(2, isr_nmi);
	set_gate(VEC_PING, isr_ping);
	set_gate(VEC_PONG, isr_pong);
	set_gate(VEC_NMI_ME, isr_nmi_me);
	set_gate(VEC_SPURIOUS, isr_spurious);
	load_idt();
	apic_setup(0x01);
	GUEST_ASSERT_EQ(apic_read(APIC_ID) >> 24, 0);
	GUEST_ASSERT_EQ(cpuid_apic_id(), 0);

	start_ap();
	if (ap_crash) {
		guest_report("waiting for the AP's triple fault");
		for (;;)
			sti_hlt();
	}
	ping("fixed physical", 1, 0, REPLY_PHYS);
	ping("fixed logical", 0x02, ICR_LOGICAL, REPLY_LOGICAL);
	ping("fixed all-excluding-self", 0, ICR_ALL_BUT_SELF, REPLY_ALL_BUT_SELF);
	nmi_both_ways();
	round_trip();
	GUEST_DONE();
}
