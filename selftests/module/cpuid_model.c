// SPDX-License-Identifier: GPL-2.0
/*
 * RTVMX_GET_CPUID_MODEL: the count protocol (E2BIG with the count needed),
 * the model's shape (leaf 0 first, hypervisor bit set, VMX and MONITOR
 * hidden, the rtvmx signature, pads zero), and bad input: nonzero flags or
 * reserved, nr above the maximum, a wrong struct size, a bad pointer.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "tap.h"
#include "rtvmx_test.h"

#define KNOWN_FLAGS	(RTVMX_CPUID_F_INDEXED | RTVMX_CPUID_F_APIC_ID | RTVMX_CPUID_F_OSXSAVE | \
			 RTVMX_CPUID_F_XSAVE_SIZE)
#define CANARY		0xaa

/* The ioctl number of a caller built with a header of another size. */
struct short_model {
	__u32 nr, flags;
};
#define GET_CPUID_MODEL_SHORT	_IOWR(RTVMX_IO, 0x04, struct short_model)

static struct rtvmx_cpuid_model *alloc_model(unsigned int room)
{
	struct rtvmx_cpuid_model *m = malloc(sizeof(*m) + room * sizeof(m->entries[0]));

	if (m) {
		memset(m, CANARY, sizeof(*m) + room * sizeof(m->entries[0]));
		memset(m, 0, sizeof(*m));
		m->nr = room;
	}
	return m;
}

static const struct rtvmx_cpuid_entry *find(const struct rtvmx_cpuid_model *m, __u32 leaf, __u32 sub)
{
	unsigned int i;

	for (i = 0; i < m->nr; i++)
		if (m->entries[i].leaf == leaf && m->entries[i].subleaf == sub)
			return &m->entries[i];
	return NULL;
}

static void check_model(const struct rtvmx_cpuid_model *m, unsigned int room)
{
	const struct rtvmx_cpuid_entry *l1 = find(m, 1, 0), *hv = find(m, 0x40000000, 0);
	const unsigned char *tail = (const unsigned char *)&m->entries[m->nr];
	unsigned int i, bad = 0;

	tap_check(m->nr && m->entries[0].leaf == 0 && m->entries[0].eax >= 0xb,
		  "leaf 0 first, maximum basic leaf %#x", m->nr ? m->entries[0].eax : 0);
	tap_check(l1 && (l1->ecx & (1u << 31)) && !(l1->ecx & (1u << 5)) && !(l1->ecx & (1u << 3)),
		  "leaf 1: hypervisor set, VMX and MONITOR hidden");
	tap_check(l1 && !(l1->ecx & (1u << 27)) && (l1->flags & RTVMX_CPUID_F_OSXSAVE) &&
		  (l1->flags & RTVMX_CPUID_F_APIC_ID) && (l1->ebx >> 24) == 0,
		  "leaf 1: OSXSAVE 0 and APIC ID 0 as at reset, flagged per vCPU");
	tap_check(hv && hv->eax == RTVMX_CPUID_TIMING && !memcmp(&hv->ebx, "rtvmxrtvm", 4),
		  "leaf 0x40000000: rtvmx signature");
	for (i = 0; i < m->nr; i++)
		bad += m->entries[i].pad || (m->entries[i].flags & ~KNOWN_FLAGS);
	tap_check(!bad, "%u entries, pads zero, flags known", m->nr);
	for (i = 0, bad = 0; i < (room - m->nr) * sizeof(m->entries[0]); i++)
		bad += tail[i] != CANARY;
	tap_check(!bad, "nothing written past entry %u of %u", m->nr, room);
}

static void check_ioctl(int fd)
{
	struct rtvmx_cpuid_model hdr, *m;
	unsigned int need, k;
	struct short_model s;

	memset(&hdr, 0, sizeof(hdr));
	tap_check_errno(ioctl(fd, RTVMX_GET_CPUID_MODEL, &hdr), E2BIG, "nr 0 gives E2BIG");
	need = hdr.nr;
	tap_check(need > 8 && need <= RTVMX_CPUID_MAX_ENTRIES, "E2BIG tells the count: %u", need);
	m = alloc_model(need - 1);
	tap_check_errno(ioctl(fd, RTVMX_GET_CPUID_MODEL, m), E2BIG, "nr %u (one short) gives E2BIG", need - 1);
	tap_check(m->nr == need, "and nr %u back", m->nr);
	free(m);

	m = alloc_model(need + 2);
	if (tap_check(ioctl(fd, RTVMX_GET_CPUID_MODEL, m) == 0 && m->nr == need,
		      "nr %u: the model, nr %u back", need + 2, m->nr))
		check_model(m, need + 2);
	free(m);

	memset(&hdr, 0, sizeof(hdr));
	hdr.flags = 1;
	tap_check_errno(ioctl(fd, RTVMX_GET_CPUID_MODEL, &hdr), EINVAL, "flags=1 gives EINVAL");
	for (k = 0; k < 3; k++) {
		memset(&hdr, 0, sizeof(hdr));
		hdr.reserved[k] = 1ULL << (k * 20);
		tap_check_errno(ioctl(fd, RTVMX_GET_CPUID_MODEL, &hdr), EINVAL,
				"reserved[%u]=%#llx gives EINVAL", k, (unsigned long long)hdr.reserved[k]);
	}
	memset(&hdr, 0, sizeof(hdr));
	hdr.nr = RTVMX_CPUID_MAX_ENTRIES + 1;
	tap_check_errno(ioctl(fd, RTVMX_GET_CPUID_MODEL, &hdr), EINVAL,
			"nr above RTVMX_CPUID_MAX_ENTRIES gives EINVAL");
	memset(&s, 0, sizeof(s));
	tap_check_errno(ioctl(fd, GET_CPUID_MODEL_SHORT, &s), ENOTTY, "a header of another size gives ENOTTY");
	tap_check_errno(ioctl(fd, RTVMX_GET_CPUID_MODEL, (void *)8), EFAULT, "a bad pointer gives EFAULT");
}

int main(void)
{
	struct rtvmx_caps c;
	int fd, err;

	tap_start();
	rtvmx_require();
	if (!tap_check(rtvmx_load("") == 0, "load rtvmx"))
		return tap_done();
	fd = open(RTVMX_NODE, O_RDWR | O_CLOEXEC);
	err = errno;
	if (tap_check(fd >= 0, "open %s", RTVMX_NODE)) {
		memset(&c, 0, sizeof(c));
		tap_check(!ioctl(fd, RTVMX_CHECK_CAP, &c) && (c.caps & RTVMX_CAP_CPUID_MODEL),
			  "RTVMX_CAP_CPUID_MODEL reported");
		check_ioctl(fd);
		close(fd);
	} else {
		tap_diag("open: %s", strerror(err));
	}
	tap_check(rtvmx_unload() == 0, "unload rtvmx");
	return tap_done();
}
