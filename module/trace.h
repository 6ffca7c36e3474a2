/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rtvmx tracepoints (tracefs events/rtvmx/, perf -e 'rtvmx:*'). Disabled,
 * each costs one static-key branch; callers that must read the VMCS for the
 * arguments check trace_<name>_enabled() first.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM rtvmx

#if !defined(RTVMX_MODULE_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define RTVMX_MODULE_TRACE_H

#include <linux/tracepoint.h>

#include "../vmx/sched.h"	/* the rtvmx_sched decisions: enum rtvmx_trace_what */

TRACE_EVENT(rtvmx_entry,
	TP_PROTO(u16 vpid, u64 rip),
	TP_ARGS(vpid, rip),
	TP_STRUCT__entry(
		__field(u16, vpid)
		__field(u64, rip)
	),
	TP_fast_assign(
		__entry->vpid = vpid;
		__entry->rip = rip;
	),
	TP_printk("vpid=%u rip=0x%llx", __entry->vpid, __entry->rip)
);

TRACE_EVENT(rtvmx_exit,
	TP_PROTO(u16 vpid, u32 reason, u64 qualification, u64 rip),
	TP_ARGS(vpid, reason, qualification, rip),
	TP_STRUCT__entry(
		__field(u16, vpid)
		__field(u32, reason)
		__field(u64, qualification)
		__field(u64, rip)
	),
	TP_fast_assign(
		__entry->vpid = vpid;
		__entry->reason = reason;
		__entry->qualification = qualification;
		__entry->rip = rip;
	),
	TP_printk("vpid=%u reason=%u qualification=0x%llx rip=0x%llx", __entry->vpid,
		  __entry->reason, __entry->qualification, __entry->rip)
);

/* @type: the VM-entry interruption type (SDM Vol. 3C 24.8.3; 3 = hardware exception). */
TRACE_EVENT(rtvmx_inject,
	TP_PROTO(u8 vector, u8 type, bool has_error_code, u32 error_code),
	TP_ARGS(vector, type, has_error_code, error_code),
	TP_STRUCT__entry(
		__field(u8, vector)
		__field(u8, type)
		__field(bool, has_error_code)
		__field(u32, error_code)
	),
	TP_fast_assign(
		__entry->vector = vector;
		__entry->type = type;
		__entry->has_error_code = has_error_code;
		__entry->error_code = error_code;
	),
	TP_printk("vector=%u type=%u has_error_code=%d error_code=0x%x", __entry->vector,
		  __entry->type, __entry->has_error_code, __entry->error_code)
);

TRACE_EVENT(rtvmx_sched,
	TP_PROTO(int cpu, u32 vm_id, u32 vcpu, int decision),
	TP_ARGS(cpu, vm_id, vcpu, decision),
	TP_STRUCT__entry(
		__field(int, cpu)
		__field(u32, vm_id)
		__field(u32, vcpu)
		__field(int, decision)
	),
	TP_fast_assign(
		__entry->cpu = cpu;
		__entry->vm_id = vm_id;
		__entry->vcpu = vcpu;
		__entry->decision = decision;
	),
	TP_printk("cpu=%d vm=%d vcpu=%u decision=%s", __entry->cpu, (int)__entry->vm_id,
		  __entry->vcpu, __print_symbolic(__entry->decision,
						 { RTVMX_TRACE_RUN, "run" },
						 { RTVMX_TRACE_IDLE_UNTIL, "idle" },
						 { RTVMX_TRACE_BLOCK, "halt" },
						 { RTVMX_TRACE_START, "start" },
						 { RTVMX_TRACE_STOP, "stop" }))
);

#endif /* RTVMX_MODULE_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
