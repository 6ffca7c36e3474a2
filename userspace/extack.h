/* SPDX-License-Identifier: GPL-2.0 */
/* The extended-ACK message of a netlink error (pure, unit-tested). */
#ifndef RTVMX_CLI_EXTACK_H
#define RTVMX_CLI_EXTACK_H

#include <stddef.h>
#include <linux/netlink.h>

/*
 * Copies the NLMSGERR_ATTR_MSG of the NLMSG_ERROR message @nlh into @buf,
 * without the module's "rtvmx: " prefix; "" when it has none. Reads no
 * byte beyond nlh->nlmsg_len.
 */
void extack_msg(const struct nlmsghdr *nlh, char *buf, size_t size);

#endif
