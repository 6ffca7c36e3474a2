/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rtsim: one core of the rt_sched/ scheduler, driven the way the per-core
 * loop drives it, over a deterministic workload model. See README.md in
 * rt_sched/ for the text format.
 */
#ifndef RTS_SIM_H
#define RTS_SIM_H

#include <stdio.h>

#include "../rts.h"

#define SIM_NAME_LEN	16
#define SIM_MAX_EXEC	8
#define SIM_SPAN_MAX	3600000000000ULL	/* one hour */

/* What the guest on a vCPU does: always busy, or a stream of jobs. */
struct sim_load {
	bool busy;
	u32 nr_exec;
	u64 exec[SIM_MAX_EXEC];	/* job k needs exec[k % nr_exec] */
	u64 every;		/* job k is released at offset + k * every */
	u64 offset;
	u64 due;		/* relative deadline of a job */
};

struct sim_result {
	u64 met;
	u64 missed;		/* done late, or still pending at its deadline */
	u64 pending;		/* released, not done, deadline after the span */
	u64 resp_max;
	u64 resp_sum;		/* over the jobs done */
};

struct sim_vcpu {
	struct rts_vcpu rv;
	char name[SIM_NAME_LEN];
	struct rts_params params;
	struct sim_load load;
	u64 released;		/* jobs released so far */
	u64 done;		/* jobs completed; job done is the one running */
	u64 left;		/* what job done still needs */
	struct sim_result res;
};

/* A stretch of the schedule: @v ran (NULL: idle) from @start to @end. */
typedef void (*sim_segment_fn)(void *arg, const struct sim_vcpu *v, u64 start, u64 end);

/* The stretch being built: steps of one vCPU back to back make one. */
struct sim_seg {
	const struct sim_vcpu *v;
	u64 start;
	u64 end;
};

struct sim {
	u64 span;
	u64 latency;		/* a timer exit comes this late after its event */
	u32 nr;
	struct sim_vcpu vcpus[RTS_MAX_VCPUS];
	struct rts_core core;
	u64 bad_events;		/* picks whose next event was not after now */
	sim_segment_fn segment;	/* optional */
	void *segment_arg;
	struct sim_seg seg;
};

/* Text format -> @s (zeroed first). 0, or -EINVAL with "line N: reason" in @err. */
int sim_parse(struct sim *s, const char *text, char *err, size_t len);
/* Command-line settings over the file's (NULL: keep). */
int sim_override(struct sim *s, const char *span, const char *latency, char *err, size_t len);
/* Puts every vCPU on the core at time 0; admission errors name the vCPU. */
int sim_setup(struct sim *s, char *err, size_t len);
void sim_run(struct sim *s);

/* "2ms", "1500us", "7ns": the largest unit that is exact. */
const char *sim_time(char *buf, size_t len, u64 ns);
/* The other way: "<digits>[ns|us|ms|s]", no unit meaning ns. */
bool sim_parse_time(const char *str, u64 *ns);
void sim_report(const struct sim *s, FILE *out);

#endif
