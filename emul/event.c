// SPDX-License-Identifier: GPL-2.0
/* Exception classes, #DF/triple-fault rules and VMX event fields (see event.h). */
#include "event.h"

/* Intel SDM Vol. 3A 6.15, Table 6-4 */
enum event_class event_exception_class(u8 vector)
{
	switch (vector) {
	case EXC_DE:
	case EXC_TS:
	case EXC_NP:
	case EXC_SS:
	case EXC_GP:
	case EXC_CP:
		return EVENT_CONTRIBUTORY;
	case EXC_PF:
	case EXC_VE:
		return EVENT_PAGE_FAULT;
	case EXC_DF:
		return EVENT_DOUBLE_FAULT;
	}
	return EVENT_BENIGN;
}

/* Vol. 3A Table 6-1 */
bool event_exception_has_error(u8 vector)
{
	switch (vector) {
	case EXC_DF:
	case EXC_TS:
	case EXC_NP:
	case EXC_SS:
	case EXC_GP:
	case EXC_PF:
	case EXC_AC:
	case EXC_CP:
		return true;
	}
	return false;
}

static enum event_class event_class(const struct vmx_event *ev)
{
	if (ev->type != EVENT_TYPE_HW_EXC)
		return EVENT_BENIGN;
	return event_exception_class(ev->vector);
}

/* Vol. 3A Table 6-5; a contributory or page fault during #DF is a shutdown. */
enum event_outcome event_combine(const struct vmx_event *first, const struct vmx_event *second)
{
	enum event_class a = event_class(first), b = event_class(second);

	if (b == EVENT_BENIGN || b == EVENT_DOUBLE_FAULT)
		return a == EVENT_DOUBLE_FAULT && b == EVENT_DOUBLE_FAULT ? EVENT_TRIPLE_FAULT :
									      EVENT_SERIAL;
	switch (a) {
	case EVENT_CONTRIBUTORY:
		return b == EVENT_CONTRIBUTORY ? EVENT_RAISE_DF : EVENT_SERIAL;
	case EVENT_PAGE_FAULT:
		return EVENT_RAISE_DF;
	case EVENT_DOUBLE_FAULT:
		return EVENT_TRIPLE_FAULT;
	default:
		return EVENT_SERIAL;
	}
}

static bool type_is_software(u8 type)
{
	return type == EVENT_TYPE_SW_INTR || type == EVENT_TYPE_PRIV_SW_EXC ||
	       type == EVENT_TYPE_SW_EXC;
}

/* Vol. 3C 24.9.3 (the field) and 27.2.4 (what the exit saves with it) */
int event_from_idt_vectoring(u32 info, u32 error, u32 insn_len, struct vmx_event *ev)
{
	u8 type = (info >> INTR_INFO_TYPE_SHIFT) & 7;

	memset(ev, 0, sizeof(*ev));
	if (!(info & INTR_INFO_VALID))
		return 0;
	if (type == 1 || type == EVENT_TYPE_OTHER)
		return -EINVAL;
	ev->type = type;
	ev->vector = info & INTR_INFO_VECTOR_MASK;
	if (info & INTR_INFO_ERROR_VALID) {
		if (type != EVENT_TYPE_HW_EXC)
			return -EINVAL;
		ev->has_error = true;
		ev->error_code = error;
	}
	if (type_is_software(type))
		ev->insn_len = insn_len;
	return 1;
}

/* Vol. 3C 24.8.3, Table 24-17 */
u32 event_entry_intr_info(const struct vmx_event *ev)
{
	return INTR_INFO_VALID | ((u32)(ev->type & 7) << INTR_INFO_TYPE_SHIFT) | ev->vector |
	       (ev->has_error ? INTR_INFO_ERROR_VALID : 0);
}

/* Vol. 3C 26.2.1.3 */
bool event_entry_valid(const struct vmx_event *ev, bool pe)
{
	if (ev->type == 1 || ev->type > EVENT_TYPE_OTHER)
		return false;
	if (ev->type == EVENT_TYPE_NMI && ev->vector != EXC_NMI)
		return false;
	if (ev->type == EVENT_TYPE_HW_EXC && ev->vector > 31)
		return false;
	if (ev->type == EVENT_TYPE_OTHER && ev->vector)
		return false;
	if (ev->has_error != (pe && ev->type == EVENT_TYPE_HW_EXC &&
			      event_exception_has_error(ev->vector)))
		return false;
	if (type_is_software(ev->type) && (ev->insn_len < 1 || ev->insn_len > 15))
		return false;
	return true;
}
