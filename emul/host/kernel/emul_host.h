/* SPDX-License-Identifier: GPL-2.0 */
/*
 * emul/ host interface, kernel side (rtvmx.ko). Selected by -I$(src)/emul/host/kernel;
 * see host/user/emul_host.h for the list of what both sides provide.
 */
#ifndef EMUL_HOST_H
#define EMUL_HOST_H

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/types.h>

/* Called on rare paths only (a host callback failed); never per instruction. */
#define emul_log(fmt, ...)	pr_info_ratelimited("rtvmx: emul: " fmt "\n", ##__VA_ARGS__)

#endif
