/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Exceptions and event re-injection, as pure functions for the run loop:
 * the exception classes and the double-fault rules (Intel SDM Vol. 3A 6.15,
 * Tables 6-4 and 6-5), and the VMX interruption-information fields: the
 * IDT-vectoring information of an exit (Vol. 3C 24.9.3, 27.2.4) decoded into
 * the event to re-inject, and the VM-entry interruption-information field
 * (Vol. 3C 24.8.3) that injects it.
 */
#ifndef EMUL_EVENT_H
#define EMUL_EVENT_H

#include "emul_host.h"

/* Interruption types, bits 10:8 (Vol. 3C Table 24-15 and 24-17) */
#define EVENT_TYPE_EXT_INTR	0
#define EVENT_TYPE_NMI		2
#define EVENT_TYPE_HW_EXC	3
#define EVENT_TYPE_SW_INTR	4
#define EVENT_TYPE_PRIV_SW_EXC	5
#define EVENT_TYPE_SW_EXC	6
#define EVENT_TYPE_OTHER	7	/* entry only: MTF pending */

#define INTR_INFO_VECTOR_MASK		0xff
#define INTR_INFO_TYPE_SHIFT		8
#define INTR_INFO_ERROR_VALID		(1u << 11)
#define INTR_INFO_NMI_UNBLOCK_IRET	(1u << 12)	/* exit interruption info only */
#define INTR_INFO_VALID			(1u << 31)

/* Exception vectors */
#define EXC_DE	0
#define EXC_DB	1
#define EXC_NMI	2
#define EXC_BP	3
#define EXC_OF	4
#define EXC_BR	5
#define EXC_UD	6
#define EXC_NM	7
#define EXC_DF	8
#define EXC_TS	10
#define EXC_NP	11
#define EXC_SS	12
#define EXC_GP	13
#define EXC_PF	14
#define EXC_MF	16
#define EXC_AC	17
#define EXC_MC	18
#define EXC_XM	19
#define EXC_VE	20
#define EXC_CP	21

enum event_class {
	EVENT_BENIGN,		/* and every interrupt, INT n, NMI */
	EVENT_CONTRIBUTORY,
	EVENT_PAGE_FAULT,
	EVENT_DOUBLE_FAULT,
};

/* What delivering a second exception during the first one comes to. */
enum event_outcome {
	EVENT_SERIAL,		/* deliver the second; the first is not lost (it re-occurs) */
	EVENT_RAISE_DF,		/* deliver #DF with error code 0 instead */
	EVENT_TRIPLE_FAULT,	/* shutdown */
};

struct vmx_event {
	u8 type;		/* EVENT_TYPE_* */
	u8 vector;
	bool has_error;
	u32 error_code;
	u32 insn_len;		/* software interrupts and exceptions: the instruction's length */
};

/* The class of a hardware exception @vector (Table 6-4); 8 is its own class. */
enum event_class event_exception_class(u8 vector);

/* Whether hardware exception @vector pushes an error code (Vol. 3A Table 6-1). */
bool event_exception_has_error(u8 vector);

/*
 * Table 6-5 (and "Interrupt 8" in 6.15): @second raised while delivering
 * @first. Events other than hardware exceptions count as benign.
 */
enum event_outcome event_combine(const struct vmx_event *first, const struct vmx_event *second);

/*
 * The event to re-inject after an exit that happened during its delivery:
 * @info is the IDT-vectoring information field, @error its error code and
 * @insn_len the VM-exit instruction length. Returns 1 with @ev filled, 0 when
 * the valid bit is clear (nothing to re-inject), -EINVAL for a reserved type.
 */
int event_from_idt_vectoring(u32 info, u32 error, u32 insn_len, struct vmx_event *ev);

/* The VM-entry interruption-information field that injects @ev (bit 31 set). */
u32 event_entry_intr_info(const struct vmx_event *ev);

/*
 * Whether @ev may be injected as is (Vol. 3C 26.2.1.3): an NMI has type NMI
 * and vector 2, an error code only with a hardware exception that has one and
 * only in protected mode (@pe), software events with a length of 1 to 15
 * (the CPU may allow 0 when IA32_VMX_MISC bit 30 is set; this check does not).
 */
bool event_entry_valid(const struct vmx_event *ev, bool pe);

#endif
