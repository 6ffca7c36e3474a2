// SPDX-License-Identifier: GPL-2.0
/*
 * RTVMX_GET_API_VERSION and RTVMX_CHECK_CAP: the answer describes the reserved
 * CPU and the required capabilities, and nonzero "in" fields give EINVAL.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "tap.h"
#include "rtvmx_test.h"

#define NR_RESERVED	(sizeof(((struct rtvmx_caps *)0)->reserved) / sizeof(__u64))

static bool mask_subset(const __u64 *sub, const __u64 *set)
{
	unsigned int i;

	for (i = 0; i < RTVMX_MAX_CPUS / 64; i++)
		if (sub[i] & ~set[i])
			return false;
	return true;
}

/* The figures debugfs shows must be those the ioctl returns. */
static void check_debugfs_agrees(const struct rtvmx_caps *c)
{
	unsigned long rev = 0, shift = 0;
	int ret;

	ret = rtvmx_debugfs_value("vmcs_revision", &rev);
	if (ret)
		tap_diag("debugfs vmcs_revision: %s", strerror(-ret));
	tap_check(!ret && rev == (c->vmx_basic & 0x7fffffff),
		  "debugfs vmcs_revision 0x%lx matches vmx_basic", rev);
	ret = rtvmx_debugfs_value("preemption_timer_shift", &shift);
	if (ret)
		tap_diag("debugfs preemption_timer_shift: %s", strerror(-ret));
	tap_check(!ret && shift == c->preemption_timer_shift,
		  "debugfs preemption_timer_shift %lu matches", shift);
}

static void check_answer(int fd, int cpu)
{
	struct rtvmx_caps c;
	__u64 lacking;
	int ret, err;

	memset(&c, 0, sizeof(c));
	ret = ioctl(fd, RTVMX_CHECK_CAP, &c);
	err = errno;
	if (!tap_check(ret == 0, "RTVMX_CHECK_CAP with zeroed input")) {
		tap_diag("ioctl: %s", strerror(err));
		return;
	}
	lacking = RTVMX_CAPS_REQUIRED & ~c.caps;
	tap_diag("caps 0x%llx vmx_basic 0x%llx ept_vpid_cap 0x%llx nr_cpu_ids %u",
		 (unsigned long long)c.caps, (unsigned long long)c.vmx_basic,
		 (unsigned long long)c.ept_vpid_cap, c.nr_cpu_ids);
	tap_check((unsigned int)cpu < c.nr_cpu_ids, "nr_cpu_ids %u covers cpu%d",
		  c.nr_cpu_ids, cpu);
	tap_check(rtvmx_cpu_in(c.reserved_cpus, cpu), "cpu%d is reserved", cpu);
	tap_check(rtvmx_cpu_in(c.vmx_on_cpus, cpu), "cpu%d is in VMX root operation", cpu);
	tap_check(mask_subset(c.vmx_on_cpus, c.reserved_cpus),
		  "vmx_on_cpus is within reserved_cpus");
	tap_check(!lacking, "required capabilities present (lacking 0x%llx)",
		  (unsigned long long)lacking);
	tap_check(c.vmx_basic & 0x7fffffff, "VMCS revision 0x%llx is nonzero",
		  (unsigned long long)(c.vmx_basic & 0x7fffffff));
	tap_check(!(c.apicv & ~RTVMX_APICV_ALL), "apicv 0x%x names known features only", c.apicv);
	tap_check(!(c.apicv & ~RTVMX_APICV_TPR_SHADOW) || (c.apicv & RTVMX_APICV_TPR_SHADOW),
		  "apicv 0x%x: every other feature comes with the TPR shadow", c.apicv);
	check_debugfs_agrees(&c);
}

static void check_rejects(int fd)
{
	struct rtvmx_caps c;
	unsigned int k;
	int err;

	memset(&c, 0, sizeof(c));
	c.flags = 1;
	tap_check_errno(ioctl(fd, RTVMX_CHECK_CAP, &c), EINVAL, "flags=1 gives EINVAL");
	memset(&c, 0, sizeof(c));
	c.flags = 0x80000000;
	tap_check_errno(ioctl(fd, RTVMX_CHECK_CAP, &c), EINVAL, "flags=0x80000000 gives EINVAL");
	memset(&c, 0, sizeof(c));
	c.pad = 1;
	tap_check_errno(ioctl(fd, RTVMX_CHECK_CAP, &c), EINVAL, "pad=1 gives EINVAL");
	memset(&c, 0, sizeof(c));
	c.pad2 = 1;
	tap_check_errno(ioctl(fd, RTVMX_CHECK_CAP, &c), EINVAL, "pad2=1 gives EINVAL");
	memset(&c, 0, sizeof(c));
	c.apicv = ~0u;
	err = ioctl(fd, RTVMX_CHECK_CAP, &c);
	tap_check(!err && !(c.apicv & ~RTVMX_APICV_ALL),
		  "apicv is out only: a value passed in is overwritten (now 0x%x)", c.apicv);
	for (k = 0; k < NR_RESERVED; k++) {
		memset(&c, 0, sizeof(c));
		c.reserved[k] = 1ULL << (k * 8);
		tap_check_errno(ioctl(fd, RTVMX_CHECK_CAP, &c), EINVAL,
				"reserved[%u]=0x%llx gives EINVAL",
				k, (unsigned long long)c.reserved[k]);
	}
}

int main(void)
{
	int cpu, fd, err, ver;

	tap_start();
	cpu = rtvmx_require();
	if (!tap_check(rtvmx_load("") == 0, "load rtvmx"))
		return tap_done();
	fd = open(RTVMX_NODE, O_RDWR | O_CLOEXEC);
	err = errno;
	if (tap_check(fd >= 0, "open %s", RTVMX_NODE)) {
		ver = ioctl(fd, RTVMX_GET_API_VERSION);
		tap_check(ver == RTVMX_API_VERSION, "RTVMX_GET_API_VERSION returns %d (want %d)",
			  ver, RTVMX_API_VERSION);
		check_answer(fd, cpu);
		check_rejects(fd);
		close(fd);
	} else {
		tap_diag("open: %s", strerror(err));
	}
	tap_check(rtvmx_unload() == 0, "unload rtvmx");
	return tap_done();
}
