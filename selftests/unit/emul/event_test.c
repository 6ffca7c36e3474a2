// SPDX-License-Identifier: GPL-2.0
/*
 * Exception and event tests: the class of every vector 0-31 and the whole
 * benign/contributory/page-fault/#DF combination table (Intel SDM Vol. 3A
 * Table 6-5), IDT-vectoring decode and the entry field for each type, and
 * the VM-entry checks on injected events.
 */
#include <stdio.h>

#include "event.h"
#include "tap.h"

static struct vmx_event hw(u8 vector)
{
	struct vmx_event ev = { .type = EVENT_TYPE_HW_EXC, .vector = vector };

	return ev;
}

static void test_classes(void)
{
	static const u8 contributory[] = { 0, 10, 11, 12, 13, 21 };
	static const u8 with_error[] = { 8, 10, 11, 12, 13, 14, 17, 21 };
	unsigned int v, i, n_contrib = 0, n_err = 0, n_pf = 0;
	bool ok = true;

	for (v = 0; v < 32; v++) {
		bool c = false, e = false;

		for (i = 0; i < ARRAY_SIZE(contributory); i++)
			c |= contributory[i] == v;
		for (i = 0; i < ARRAY_SIZE(with_error); i++)
			e |= with_error[i] == v;
		n_contrib += event_exception_class(v) == EVENT_CONTRIBUTORY;
		n_pf += event_exception_class(v) == EVENT_PAGE_FAULT;
		n_err += event_exception_has_error(v);
		ok &= (event_exception_class(v) == EVENT_CONTRIBUTORY) == c;
		ok &= event_exception_has_error(v) == e;
	}
	tap_check(ok && n_contrib == 6 &&
		  n_err == 8, "event: contributory and error-code vectors 0-31");
	tap_check(n_pf == 2 && event_exception_class(14) == EVENT_PAGE_FAULT &&
		  event_exception_class(20) == EVENT_PAGE_FAULT &&
		  event_exception_class(8) == EVENT_DOUBLE_FAULT,
		  "event: #PF and #VE are the page-fault class, #DF its own");
	tap_check(event_exception_class(1) == EVENT_BENIGN &&
		  event_exception_class(18) == EVENT_BENIGN &&
		  event_exception_class(6) == EVENT_BENIGN, "event: #DB, #MC, #UD benign");
}

static void test_combine(void)
{
	/* first × second → outcome, with B = #UD, C = #GP, P = #PF, D = #DF */
	static const struct {
		u8 first, second;
		enum event_outcome want;
	} table[] = {
		{ EXC_UD, EXC_UD, EVENT_SERIAL }, { EXC_UD, EXC_GP, EVENT_SERIAL },
		{ EXC_UD, EXC_PF, EVENT_SERIAL },
		{ EXC_GP, EXC_UD, EVENT_SERIAL }, { EXC_GP, EXC_NP, EVENT_RAISE_DF },
		{ EXC_GP, EXC_PF, EVENT_SERIAL },
		{ EXC_PF, EXC_UD, EVENT_SERIAL }, { EXC_PF, EXC_GP, EVENT_RAISE_DF },
		{ EXC_PF, EXC_PF, EVENT_RAISE_DF }, { EXC_VE, EXC_PF, EVENT_RAISE_DF },
		{ EXC_DE, EXC_TS, EVENT_RAISE_DF }, { EXC_SS, EXC_CP, EVENT_RAISE_DF },
		{ EXC_DF, EXC_GP, EVENT_TRIPLE_FAULT }, { EXC_DF, EXC_PF, EVENT_TRIPLE_FAULT },
		{ EXC_DF, EXC_UD, EVENT_SERIAL }, { EXC_DF, EXC_DF, EVENT_TRIPLE_FAULT },
	};
	struct vmx_event intr = { .type = EVENT_TYPE_EXT_INTR, .vector = 0x20 };
	struct vmx_event nmi = { .type = EVENT_TYPE_NMI, .vector = 2 };
	struct vmx_event soft = { .type = EVENT_TYPE_SW_INTR, .vector = 13, .insn_len = 2 };
	struct vmx_event a, b;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(table); i++) {
		a = hw(table[i].first);
		b = hw(table[i].second);
		tap_check(event_combine(&a, &b) == table[i].want, "event: vector %u then %u → %d",
			  table[i].first, table[i].second, table[i].want);
	}
	a = hw(EXC_GP);
	b = hw(EXC_PF);
	tap_check(event_combine(&intr, &a) == EVENT_SERIAL &&
		  event_combine(&nmi, &b) == EVENT_SERIAL,
		  "event: a fault while delivering an interrupt or NMI is serial");
	tap_check(event_combine(&soft, &a) == EVENT_SERIAL,
		  "event: INT 13 (software) is benign, not contributory");
	tap_check(event_combine(&a, &nmi) == EVENT_SERIAL, "event: an NMI during #GP is serial");
}

static void test_idt_vectoring(void)
{
	struct vmx_event ev;

	tap_check(event_from_idt_vectoring(0x00000b0e, 0x2, 0, &ev) == 0,
		  "idt-vectoring: valid bit clear, nothing to re-inject");
	tap_check(event_from_idt_vectoring(0x80000b0e, 0x6, 3, &ev) == 1 &&
		  ev.type == EVENT_TYPE_HW_EXC && ev.vector == 14 && ev.has_error &&
		  ev.error_code == 6 &&
		  ev.insn_len == 0, "idt-vectoring: #PF with error code 6, no length");
	tap_check(event_entry_intr_info(&ev) == 0x80000b0e && event_entry_valid(&ev, true),
		  "idt-vectoring: re-injected as 0x80000b0e");
	tap_check(!event_entry_valid(&ev, false), "entry: no error code in real mode");
	tap_check(event_from_idt_vectoring(0x80000030, 0xdead, 2, &ev) == 1 &&
		  ev.type == EVENT_TYPE_EXT_INTR && ev.vector == 0x30 && !ev.has_error &&
		  ev.insn_len == 0 &&
		  event_entry_intr_info(&ev) == 0x80000030,
		  "idt-vectoring: external interrupt 0x30");
	tap_check(event_from_idt_vectoring(0x80000202, 0, 0, &ev) == 1 &&
		  ev.type == EVENT_TYPE_NMI &&
		  event_entry_intr_info(&ev) == 0x80000202 && event_entry_valid(&ev, true),
		  "idt-vectoring: NMI");
	tap_check(event_from_idt_vectoring(0x80000480, 0, 2, &ev) == 1 &&
		  ev.type == EVENT_TYPE_SW_INTR &&
		  ev.vector == 0x80 && ev.insn_len == 2 && event_entry_valid(&ev, true),
		  "idt-vectoring: INT 0x80 keeps its length 2");
	tap_check(event_from_idt_vectoring(0x80000603, 0, 1, &ev) == 1 &&
		  ev.type == EVENT_TYPE_SW_EXC &&
		  ev.insn_len == 1 && event_entry_intr_info(&ev) == 0x80000603,
		  "idt-vectoring: INT3 as software exception, length 1");
	tap_check(event_from_idt_vectoring(0x80000501, 0, 1, &ev) == 1 &&
		  ev.type == EVENT_TYPE_PRIV_SW_EXC && ev.insn_len == 1,
		  "idt-vectoring: INT1 (privileged software exception)");
	tap_check(event_from_idt_vectoring(0x80000101, 0, 0, &ev) == -EINVAL &&
		  event_from_idt_vectoring(0x80000700, 0, 0, &ev) == -EINVAL,
		  "idt-vectoring: types 1 and 7 are not used");
	tap_check(event_from_idt_vectoring(0x80000830, 0, 0, &ev) == -EINVAL,
		  "idt-vectoring: error code with an external interrupt is refused");
	tap_check(event_from_idt_vectoring(0x80001b0d, 0x10, 0, &ev) == 1 &&
		  ev.error_code == 0x10 &&
		  event_entry_intr_info(&ev) == 0x80000b0d,
		  "idt-vectoring: bit 12 is not copied to the entry field");
}

static void test_entry_checks(void)
{
	struct vmx_event ev = { .type = EVENT_TYPE_NMI, .vector = 3 };

	tap_check(!event_entry_valid(&ev, true), "entry: NMI must be vector 2");
	ev = hw(32);
	tap_check(!event_entry_valid(&ev, true), "entry: hardware exception vector 32");
	ev = hw(EXC_GP);
	tap_check(!event_entry_valid(&ev, true), "entry: #GP without its error code");
	ev = hw(EXC_UD);
	ev.has_error = true;
	tap_check(!event_entry_valid(&ev, true), "entry: #UD with an error code");
	ev = (struct vmx_event){ .type = EVENT_TYPE_SW_INTR, .vector = 0x21, .insn_len = 16 };
	tap_check(!event_entry_valid(&ev, true), "entry: software interrupt length 16");
	ev.insn_len = 0;
	tap_check(!event_entry_valid(&ev, true), "entry: software interrupt length 0");
	ev = (struct vmx_event){ .type = EVENT_TYPE_OTHER, .vector = 0 };
	tap_check(event_entry_valid(&ev, true) && event_entry_intr_info(&ev) == 0x80000700,
		  "entry: other event (MTF), vector 0");
	ev = (struct vmx_event){ .type = EVENT_TYPE_HW_EXC, .vector = EXC_DF, .has_error = true };
	tap_check(event_entry_valid(&ev, true) && event_entry_intr_info(&ev) == 0x80000b08,
		  "entry: #DF with error code 0 is 0x80000b08");
}

int main(void)
{
	tap_start();
	test_classes();
	test_combine();
	test_idt_vectoring();
	test_entry_checks();
	return tap_done();
}
