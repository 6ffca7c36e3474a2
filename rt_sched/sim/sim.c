// SPDX-License-Identifier: GPL-2.0
/*
 * The simulation: the loop of rts.h with a clock that jumps from event to
 * event. A vCPU with no job left halts (rts_block) and a job release wakes it
 * (rts_wake) at once; a release to a vCPU that is running, or runnable, is
 * the guest's own business. A slice that ends at the preemption timer ends
 * s->latency late; one that ends by a halt or a wake-up ends on time.
 */
#include <stddef.h>
#include <stdio.h>

#include "sim.h"

static struct sim_vcpu *sim_of(struct rts_vcpu *rv)
{
	return (struct sim_vcpu *)((char *)rv - offsetof(struct sim_vcpu, rv));
}

static u64 job_release(const struct sim_vcpu *v, u64 k)
{
	return v->load.offset + k * v->load.every;
}

static u64 job_exec(const struct sim_vcpu *v, u64 k)
{
	return v->load.exec[k % v->load.nr_exec];
}

static bool has_work(const struct sim_vcpu *v)
{
	return v->load.busy || v->done < v->released;
}

/* Releases the jobs due by @now; true when that gives @v work it did not have. */
static bool release_jobs(struct sim_vcpu *v, u64 now)
{
	bool idle = !has_work(v);

	if (v->load.busy)
		return false;
	for (; job_release(v, v->released) <= now; v->released++)
		if (v->done == v->released)
			v->left = job_exec(v, v->released);
	return idle && has_work(v);
}

static void complete_job(struct sim_vcpu *v, u64 now)
{
	u64 release = job_release(v, v->done);
	u64 resp = now - release;

	if (now <= release + v->load.due)
		v->res.met++;
	else
		v->res.missed++;
	v->res.resp_max = rts_max(v->res.resp_max, resp);
	v->res.resp_sum += resp;
	if (++v->done < v->released)
		v->left = job_exec(v, v->done);
}

/* Runs @v from @from until @to or until it has nothing left; returns when it stopped. */
static u64 run_vcpu(struct sim_vcpu *v, u64 from, u64 to)
{
	u64 t = from;

	if (v->load.busy)
		return to;
	while (t < to && has_work(v)) {
		if (v->left > to - t) {
			v->left -= to - t;
			return to;
		}
		t += v->left;
		complete_job(v, t);
		release_jobs(v, t);
	}
	return t;
}

/* Releases what is due at @now, waking halted vCPUs; returns the next wake-up. */
static u64 release_all(struct sim *s, u64 now)
{
	u64 wake = RTS_NEVER;
	struct sim_vcpu *v;
	u32 i;

	for (i = 0; i < s->nr; i++) {
		v = &s->vcpus[i];
		if (release_jobs(v, now))
			rts_wake(&s->core, &v->rv, now);
		if (!has_work(v))
			wake = rts_min(wake, job_release(v, v->released));
	}
	return wake;
}

int sim_setup(struct sim *s, char *err, size_t len)
{
	struct sim_vcpu *v;
	char why[200];
	int ret;
	u32 i;

	rts_core_init(&s->core);
	for (i = 0; i < s->nr; i++) {
		v = &s->vcpus[i];
		rts_vcpu_init(&v->rv, v->name, &v->params);
		ret = rts_add(&s->core, &v->rv, 0, why, sizeof(why));
		if (ret) {
			snprintf(err, len, "vcpu %s refused (%s): %s", v->name,
				 ret == -EBUSY ? "EBUSY" : "EINVAL", why);
			return ret;
		}
		release_jobs(v, 0);
		if (!has_work(v))
			rts_block(&s->core, &v->rv, 0);
	}
	return 0;
}

static void sim_flush(struct sim *s)
{
	if (s->segment && s->seg.end)
		s->segment(s->segment_arg, s->seg.v, s->seg.start, s->seg.end);
	s->seg = (struct sim_seg){ 0 };
}

static void sim_segment(struct sim *s, const struct sim_vcpu *v, u64 start, u64 end)
{
	if (s->seg.end && s->seg.end == start && s->seg.v == v) {
		s->seg.end = end;
		return;
	}
	sim_flush(s);
	s->seg = (struct sim_seg){ .v = v, .start = start, .end = end };
}

/* One step of the loop at @now; returns when it ends. */
static u64 sim_step(struct sim *s, u64 now)
{
	u64 next, end = rts_min(s->span, release_all(s, now));
	struct rts_vcpu *rv = rts_pick(&s->core, now, &next);
	struct sim_vcpu *v;

	if (next <= now) {
		s->bad_events++;
		next = now + 1;
	}
	if (!rv) {
		end = rts_min(end, next);
		sim_segment(s, NULL, now, end);
		return end;
	}
	v = sim_of(rv);
	if (next != RTS_NEVER)
		end = rts_min(end, next + s->latency);
	end = run_vcpu(v, now, end);
	rts_account(&s->core, end, end - now);
	if (!has_work(v))
		rts_block(&s->core, rv, end);
	sim_segment(s, v, now, end);
	return end;
}

/* Jobs still open at the end of the span: missed if already due, else pending. */
static void sim_finish(struct sim *s)
{
	struct sim_vcpu *v;
	u64 k;
	u32 i;

	for (i = 0; i < s->nr; i++) {
		v = &s->vcpus[i];
		release_jobs(v, s->span - 1);
		/* A job done right at the span's end may have let the next one in. */
		while (v->released > v->done && job_release(v, v->released - 1) >= s->span)
			v->released--;
		for (k = v->done; k < v->released; k++) {
			if (job_release(v, k) + v->load.due <= s->span)
				v->res.missed++;
			else
				v->res.pending++;
		}
	}
}

void sim_run(struct sim *s)
{
	u64 now = 0;

	while (now < s->span)
		now = sim_step(s, now);
	sim_flush(s);
	sim_finish(s);
}
