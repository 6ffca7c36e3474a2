/* SPDX-License-Identifier: GPL-2.0 */
/* What the rt_sched/ unit tests share: TAP, vCPU builders, simulator runs. */
#ifndef RTS_TEST_HARNESS_H
#define RTS_TEST_HARNESS_H

#include "../../selftests/lib/tap.h"
#include "../sim/sim.h"

#define US	1000ULL
#define MS	1000000ULL

struct rts_params edf_params(u64 budget, u64 period, u64 deadline);
struct rts_params fp_params(u32 prio, u64 budget, u64 period);
/* @windows: start, end pairs, @n of them. */
struct rts_params table_params(u64 frame, const u64 *windows, u32 n);

/* rts_vcpu_init + rts_add at @now; reports a refusal as a diagnostic. */
int add_vcpu(struct rts_core *c, struct rts_vcpu *v, const char *name,
	     const struct rts_params *p, u64 now);
/* A fresh core holding just @v ("v"), added at 0. */
void one_vcpu(struct rts_core *c, struct rts_vcpu *v, const struct rts_params *p);
/* Picks at @from (which must give @v), accounts to @to and halts @v there. */
void run_and_block(struct rts_core *c, struct rts_vcpu *v, u64 from, u64 to);

/* Parses and sets up @cfg; false (with a diagnostic) when either fails. */
bool sim_load(struct sim *s, const char *cfg);
/*
 * Runs @s and writes its schedule to @buf: "a@0ns b@2ms -@5ms", one
 * "vcpu@start" per stretch ('-' is idle), each lasting to the next.
 */
const char *sim_schedule(struct sim *s, char *buf, size_t len);
/* Checks that @cfg runs as @want, with every pick's next event after now. */
bool check_schedule(const char *what, const char *cfg, const char *want);

#endif
