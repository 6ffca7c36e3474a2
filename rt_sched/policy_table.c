// SPDX-License-Identifier: GPL-2.0
/*
 * Cyclic table, ARINC-653 style: the major frame repeats from the moment the
 * first table vCPU joined the core; each window belongs to one vCPU, and a
 * window whose owner is blocked, like the gaps between windows, stays idle.
 */
#include "rts_internal.h"

static void table_insert(struct rts_table_state *t, const struct rts_window *w,
			 struct rts_vcpu *v)
{
	u32 i = t->nr_slots++;

	for (; i && t->slots[i - 1].start > w->start; i--)
		t->slots[i] = t->slots[i - 1];
	t->slots[i] = (struct rts_slot){ .start = w->start, .end = w->end, .vcpu = v };
}

/* Admission keeps the windows apart and within RTS_TABLE_SLOTS. */
static void table_rebuild(struct rts_core *c)
{
	struct rts_table_state *t = &c->table;
	const struct rts_table *p;
	u32 i, k;

	t->nr_slots = 0;
	for (i = 0; i < c->nr; i++) {
		p = &c->vcpus[i]->params.table;
		t->frame = p->frame;
		for (k = 0; k < p->nr_windows; k++)
			table_insert(t, &p->windows[k], c->vcpus[i]);
	}
}

static void table_attach(struct rts_core *c, struct rts_vcpu *v, u64 now)
{
	if (c->nr == 1)
		c->table.epoch = now;
	table_rebuild(c);
}

static struct rts_vcpu *table_pick(struct rts_core *c, u64 now, u64 *next)
{
	const struct rts_table_state *t = &c->table;
	u64 off = rts_rem64(now - t->epoch, t->frame);
	u64 base = now - off;
	const struct rts_slot *s;
	u32 i;

	for (i = 0; i < t->nr_slots && t->slots[i].end <= off; i++)
		;
	if (i == t->nr_slots) {
		*next = base + t->frame + t->slots[0].start;
		return NULL;
	}
	s = &t->slots[i];
	if (off < s->start) {
		*next = base + s->start;
		return NULL;
	}
	*next = base + s->end;
	return s->vcpu->runnable ? s->vcpu : NULL;
}

/* The window ended at granted_until: anything run after it is an overrun. */
static u64 table_account(struct rts_core *c, struct rts_vcpu *v, u64 now, u64 ran)
{
	if (now <= c->granted_until)
		return 0;
	return rts_min(ran, now - c->granted_until);
}

const struct rts_policy_ops rts_table_ops = {
	.name		= "table",
	.check		= rts_check_table,
	.admit		= rts_table_admit,
	.attach		= table_attach,
	.detach		= table_rebuild,
	.pick		= table_pick,
	.account	= table_account,
};
