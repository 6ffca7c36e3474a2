// SPDX-License-Identifier: GPL-2.0
/*
 * 'make kcheck': the rt_sched/ files built as a throwaway module against
 * kernel headers, to prove they compile there (W=1, -Werror). Never loaded.
 */
#include <linux/module.h>

#include "rt_sched/rts.h"

static struct rts_core rts_kcheck_core;

static int __init rts_kcheck_init(void)
{
	rts_core_init(&rts_kcheck_core);
	return 0;
}
module_init(rts_kcheck_init);

MODULE_DESCRIPTION("rt_sched/ kernel build check");
MODULE_LICENSE("GPL");
