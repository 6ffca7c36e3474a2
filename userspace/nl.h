/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rtvmx generic netlink family through libnl-genl-3: requests, dumps and
 * the event stream. Every function that can fail prints the cause (with the
 * kernel's extack message when it sent one) and returns -1.
 */
#ifndef RTVMX_CLI_NL_H
#define RTVMX_CLI_NL_H

#include <linux/rtvmx_netlink.h>
#include "vmstatus.h"

struct rnl;

/* Connects and resolves the family; NULL after printing why. */
struct rnl *rnl_open(void);
void rnl_close(struct rnl *r);

int rnl_vm_get(struct rnl *r, const struct vm_ref *ref, struct vm_status *st);
/* Calls @fn for every VM, by id; @fn returns 0 to go on. */
int rnl_vm_list(struct rnl *r, int (*fn)(const struct vm_status *st, void *arg), void *arg);
int rnl_vm_stop(struct rnl *r, const struct vm_ref *ref);
int rnl_vm_destroy(struct rnl *r, const struct vm_ref *ref);
int rnl_cpu_list(struct rnl *r, int (*fn)(const struct cpu_status *c, void *arg), void *arg);

/* Joins the events group; then rnl_next_event() blocks for the next event. */
int rnl_subscribe(struct rnl *r);
int rnl_next_event(struct rnl *r, struct vm_event *ev);

#endif
