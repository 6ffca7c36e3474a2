/* SPDX-License-Identifier: GPL-2.0 */
/* rt_sched/ inside: what the core, the policies and the admission tests share. */
#ifndef RTS_INTERNAL_H
#define RTS_INTERNAL_H

#include "rts.h"

/*
 * One policy. check and admit run from rts_admit (check: the vCPU's own
 * parameters; admit: the core's set with the new vCPU last). attach runs once
 * the vCPU is on the core, detach once it is off. pick, account, block and
 * wake keep to the run-loop rules in rts.h. Optional: check, attach, detach,
 * block, wake, has_budget.
 */
struct rts_policy_ops {
	const char *name;
	int (*check)(const struct rts_vcpu *v, char *why, size_t len);
	int (*admit)(const struct rts_vcpu *const *set, u32 n, char *why, size_t len);
	void (*attach)(struct rts_core *c, struct rts_vcpu *v, u64 now);
	void (*detach)(struct rts_core *c);
	struct rts_vcpu *(*pick)(struct rts_core *c, u64 now, u64 *next);
	/* Returns the overrun: the part of @ran past the budget or window. */
	u64 (*account)(struct rts_core *c, struct rts_vcpu *v, u64 now, u64 ran);
	void (*block)(struct rts_core *c, struct rts_vcpu *v, u64 now);
	void (*wake)(struct rts_core *c, struct rts_vcpu *v, u64 now);
	/* Whether runnable @v has budget left to run now (absent: never switched away with it). */
	bool (*has_budget)(const struct rts_vcpu *v);
};

extern const struct rts_policy_ops rts_dedicated_ops;
extern const struct rts_policy_ops rts_table_ops;
extern const struct rts_policy_ops rts_edf_ops;
extern const struct rts_policy_ops rts_fp_ops;

/* Writes the reason (when @len) and returns @err. */
RTS_PRINTF(4, 5) int rts_refuse(char *why, size_t len, int err, const char *fmt, ...);

int rts_check_server(const struct rts_vcpu *v, char *why, size_t len);
int rts_check_table(const struct rts_vcpu *v, char *why, size_t len);
int rts_fp_admit(const struct rts_vcpu *const *set, u32 n, char *why, size_t len);

static inline bool rts_windows_overlap(const struct rts_window *a, const struct rts_window *b)
{
	return a->start < b->end && b->start < a->end;
}

#endif
