// SPDX-License-Identifier: GPL-2.0
/* Admission for the cyclic table: one frame for all, windows apart and counted. */
#include "rts_internal.h"

static int table_admit_pair(const struct rts_vcpu *a, const struct rts_vcpu *b,
			    char *why, size_t len)
{
	const struct rts_table *ta = &a->params.table, *tb = &b->params.table;
	const struct rts_window *wa, *wb;
	u32 i, k;

	if (ta->frame != tb->frame)
		return rts_refuse(why, len, -EBUSY,
				  "table: vcpu %s's frame %llu ns differs from vcpu %s's %llu ns",
				  b->name, tb->frame, a->name, ta->frame);
	for (i = 0; i < ta->nr_windows; i++) {
		wa = &ta->windows[i];
		for (k = 0; k < tb->nr_windows; k++) {
			wb = &tb->windows[k];
			if (rts_windows_overlap(wa, wb))
				return rts_refuse(why, len, -EBUSY,
						  "table: vcpu %s's window [%llu, %llu) ns overlaps vcpu %s's [%llu, %llu) ns",
						  b->name, wb->start, wb->end, a->name,
						  wa->start, wa->end);
		}
	}
	return 0;
}

int rts_table_admit(const struct rts_vcpu *const *set, u32 n, char *why, size_t len)
{
	u32 i, k, slots = 0;
	int err;

	for (i = 0; i < n; i++) {
		slots += set[i]->params.table.nr_windows;
		for (k = 0; k < i; k++) {
			err = table_admit_pair(set[k], set[i], why, len);
			if (err)
				return err;
		}
	}
	if (slots > RTS_TABLE_SLOTS)
		return rts_refuse(why, len, -EBUSY, "table: %u windows on the core, over its %d",
				  slots, RTS_TABLE_SLOTS);
	return 0;
}
