// SPDX-License-Identifier: GPL-2.0
/* NLMSG_ERROR layout: nlmsgerr, the request (whole or, capped, its header), then TLVs. */
#include <stdio.h>
#include <string.h>
#include <linux/rtvmx_netlink.h>

#include "extack.h"

void extack_msg(const struct nlmsghdr *nlh, char *buf, size_t size)
{
	static const char prefix[] = RTVMX_GENL_NAME ": ";
	const struct nlmsgerr *e = NLMSG_DATA(nlh);
	const struct nlattr *a;
	size_t payload = sizeof(*e), off, len, alen;
	const char *msg;

	if (size)
		buf[0] = '\0';
	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*e)) || !(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		payload += e->msg.nlmsg_len - NLMSG_HDRLEN;
	off = NLMSG_HDRLEN + NLMSG_ALIGN(payload);
	for (; off + NLA_HDRLEN <= nlh->nlmsg_len; off += NLA_ALIGN(alen)) {
		a = (const struct nlattr *)((const char *)nlh + off);
		alen = a->nla_len;
		if (alen < NLA_HDRLEN || off + alen > nlh->nlmsg_len)
			return;
		if ((a->nla_type & NLA_TYPE_MASK) != NLMSGERR_ATTR_MSG)
			continue;
		msg = (const char *)a + NLA_HDRLEN;
		len = strnlen(msg, alen - NLA_HDRLEN);
		if (len >= sizeof(prefix) - 1 && !strncmp(msg, prefix, sizeof(prefix) - 1)) {
			msg += sizeof(prefix) - 1;
			len -= sizeof(prefix) - 1;
		}
		snprintf(buf, size, "%.*s", (int)len, msg);
		return;
	}
}
