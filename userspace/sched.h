/* SPDX-License-Identifier: GPL-2.0 */
/* "--sched POLICY[:KEY=VALUE,...]" into struct rtvmx_vcpu_config (pure, unit-tested). */
#ifndef RTVMX_CLI_SCHED_H
#define RTVMX_CLI_SCHED_H

#include <stddef.h>
#include <linux/rtvmx.h>

/*
 * A time: decimal digits and a unit ns, us, ms or s (none: ns), into
 * nanoseconds. 0, -EINVAL for malformed text, -ERANGE past 64 bits.
 */
int parse_duration(const char *s, __u64 *ns);

/*
 * The scheduling part of a vCPU config: sched_policy and its parameters.
 *	dedicated
 *	table:offset=T,length=T,frame=T
 *	edf:budget=T,period=T[,deadline=T]
 *	fp:prio=N,budget=T,period=T
 * Only the policy's own bytes of @c are written. 0, or -EINVAL with a
 * message naming the bad part in @err.
 */
int parse_sched(const char *s, struct rtvmx_vcpu_config *c, char *err, size_t len);

/* "dedicated", "table", "edf", "fp", or NULL for an unknown policy. */
const char *sched_policy_name(__u32 policy);

/*
 * The parameters of @c as parse_sched() takes them after the colon
 * ("budget=2ms,period=10ms,deadline=10ms"; "" for dedicated), each time in
 * the largest unit that keeps it exact. Returns what snprintf() returns.
 */
int format_sched_params(const struct rtvmx_vcpu_config *c, char *buf, size_t len);

#endif
