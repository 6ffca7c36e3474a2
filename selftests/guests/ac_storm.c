// SPDX-License-Identifier: GPL-2.0
/*
 * ac_storm (32-bit): an alignment check that recurs during its own delivery,
 * for ever (the CVE-2015-5307 pattern). User code runs at CPL 3 with
 * CR0.AM = EFLAGS.AC = 1 and a misaligned ESP; the #AC gate leads to a
 * DPL-3 code segment, so the CPU delivers #AC at CPL 3 on that same stack,
 * and each push of the delivery raises #AC again. Never stops by itself:
 * on a CPU without the #AC intercept this would be a loop inside the CPU.
 */
#include "guest.h"

#define SEL_KCODE	0x08
#define SEL_KDATA	0x10
#define SEL_UCODE	(0x18 | 3)
#define SEL_UDATA	(0x20 | 3)
#define X86_CR0_AM	(1u << 18)
#define X86_EFLAGS_AC	(1u << 18)

struct gate32 {
	uint16_t off0, sel;
	uint8_t zero, type;
	uint16_t off1;
} __attribute__((packed));

static uint64_t gdt[5] __attribute__((aligned(16))) = {
	0,
	0x00cf9b000000ffffULL,	/* kernel code, 32-bit, DPL 0 */
	0x00cf93000000ffffULL,	/* kernel data */
	0x00cffb000000ffffULL,	/* user code, 32-bit, DPL 3 */
	0x00cff3000000ffffULL,	/* user data, DPL 3 */
};
static struct gate32 idt[32] __attribute__((aligned(16)));
static uint8_t user_stack[4096] __attribute__((aligned(16)));

/* The #AC handler at CPL 3; never reached while the storm lasts. */
void ac_handler(void);
asm(".pushsection .text\n"
    "ac_handler:\n"
    "	jmp	ac_handler\n"
    "user_code:\n"
    "	pushl	%eax\n"		/* the first misaligned push */
    "	jmp	user_code\n"
    ".popsection");
void user_code(void);

int guest_main(unsigned long arg)
{
	struct { uint16_t limit; uint32_t base; } __attribute__((packed)) gdtr, idtr;
	uint32_t cr0, handler = (uint32_t)ac_handler;

	(void)arg;
	gdtr.limit = sizeof(gdt) - 1;
	gdtr.base = (uint32_t)gdt;
	idt[17] = (struct gate32){ .off0 = handler, .sel = SEL_UCODE, .type = 0x8e,
				   .off1 = handler >> 16 };	/* 32-bit interrupt gate */
	idtr.limit = sizeof(idt) - 1;
	idtr.base = (uint32_t)idt;
	asm volatile("lgdt %0; lidt %1" : : "m"(gdtr), "m"(idtr) : "memory");
	asm volatile("mov %%cr0, %0" : "=r"(cr0));
	asm volatile("mov %0, %%cr0" : : "r"(cr0 | X86_CR0_AM));
	guest_printf("ac storm: starting\n");

	/* IRET to CPL 3: ESP 2 bytes off alignment, AC set. */
	asm volatile("pushl %0\n\t"
		     "pushl %1\n\t"
		     "pushl %2\n\t"
		     "pushl %3\n\t"
		     "pushl %4\n\t"
		     "iret"
		     : : "i"(SEL_UDATA), "r"((uint32_t)user_stack + sizeof(user_stack) - 2),
		       "i"(X86_EFLAGS_AC | 2), "i"(SEL_UCODE), "r"((uint32_t)user_code)
		     : "memory");
	guest_printf("ac storm: ended\n");
	return 1;
}
