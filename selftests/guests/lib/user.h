/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CPL 3 for 64-bit test guests: a GDT with user segments and a TSS, every
 * page user-accessible, SYSCALL/SYSRET through the guest's own LSTAR. Needs
 * intr_init() first (the IDT). A user function runs on its own stack and
 * comes back with user_exit(code); user_syscall() calls the kernel side.
 */
#ifndef RTVMX_GUEST_USER_H
#define RTVMX_GUEST_USER_H

#include "guest.h"

#define USER_CS		0x23	/* GDT: 0x08 kernel code, 0x10 kernel data, 0x18 user data, */
#define USER_DS		0x1b	/* 0x20 user code, 0x28 the TSS */
#define GDT_TSS		0x28
#define STAR_VALUE	((0x10ULL << 48) | (0x08ULL << 32))	/* SYSRET: CS 0x20, SS 0x18 */
#define SFMASK_VALUE	((1u << 9) | (1u << 18) | (1u << 8))	/* IF, AC and TF off in the kernel */

#define SYS_EXIT	0	/* back to user_run()'s caller with the argument */
#define SYS_ECHO	1	/* returns the argument + 1 */

#define MSR_STAR	0xc0000081
#define MSR_LSTAR	0xc0000082
#define MSR_CSTAR	0xc0000083
#define MSR_SFMASK	0xc0000084

/* Loads the GDT and TSS, opens the page tables to CPL 3, programs the SYSCALL MSRs. */
void user_init(void);
/* TSS.IST[n - 1], n = 1..7: the top of a stack interrupts may switch to. */
void user_set_ist(unsigned int n, uint64_t top);
/* Runs fn(arg) at CPL 3 with RFLAGS = @rflags; returns what it passed to user_exit(). */
long user_run(long (*fn)(long), long arg, uint64_t rflags);
/* The SYSCALL instruction: @nr in RAX, @arg in RDI; RAX back. */
long user_syscall(long nr, long arg);
__noreturn void user_exit(long code);

/* Syscalls the kernel side served (SYS_ECHO) and the RFLAGS it ran with last. */
extern volatile long user_syscalls;
extern volatile uint64_t user_kernel_rflags;

#endif
