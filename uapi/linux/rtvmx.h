/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * rtvmx userspace ABI: the one source of truth for the /dev/rtvmx ioctls.
 *
 * Rules: fixed-width types, explicit padding, every "in" reserved or pad
 * field must be zero (else -EINVAL). New features are announced through
 * capability bits (RTVMX_CAP_*), never through API version bumps.
 */
#ifndef _UAPI_LINUX_RTVMX_H
#define _UAPI_LINUX_RTVMX_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define RTVMX_DEVICE_NAME	"rtvmx"
#define RTVMX_API_VERSION	1

/* ioctl magic, chosen clear of KVM (0xAE) and vhost (0xAF). */
#define RTVMX_IO		0xB9

/* Capability bits reported in struct rtvmx_caps.caps. */
#define RTVMX_CAP_EPT			(1ULL << 0)  /* EPT, 4-level walk, WB */
#define RTVMX_CAP_EPT_2M		(1ULL << 1)  /* EPT 2 MiB pages */
#define RTVMX_CAP_EPT_1G		(1ULL << 2)  /* EPT 1 GiB pages */
#define RTVMX_CAP_VPID			(1ULL << 3)
#define RTVMX_CAP_UNRESTRICTED_GUEST	(1ULL << 4)
#define RTVMX_CAP_PREEMPTION_TIMER	(1ULL << 5)
#define RTVMX_CAP_MSR_BITMAP		(1ULL << 6)
#define RTVMX_CAP_IO_BITMAP		(1ULL << 7)
#define RTVMX_CAP_SECONDARY_CTLS	(1ULL << 8)
#define RTVMX_CAP_TPR_SHADOW		(1ULL << 9)
#define RTVMX_CAP_APIC_REG_VIRT		(1ULL << 10)
#define RTVMX_CAP_VIRT_INTR_DELIVERY	(1ULL << 11)
#define RTVMX_CAP_POSTED_INTR		(1ULL << 12)
#define RTVMX_CAP_X2APIC_VIRT		(1ULL << 13)
#define RTVMX_CAP_INVEPT		(1ULL << 14)
#define RTVMX_CAP_INVVPID		(1ULL << 15)
/* The features rtvmx cannot run a guest without; all must be present to load. */
#define RTVMX_CAPS_REQUIRED \
	(RTVMX_CAP_EPT | RTVMX_CAP_EPT_2M | RTVMX_CAP_VPID | \
	 RTVMX_CAP_UNRESTRICTED_GUEST | RTVMX_CAP_PREEMPTION_TIMER | \
	 RTVMX_CAP_MSR_BITMAP | RTVMX_CAP_IO_BITMAP | RTVMX_CAP_SECONDARY_CTLS)
#define RTVMX_CAP_NAMES \
	"ept", "ept_2m", "ept_1g", "vpid", "unrestricted_guest", \
	"preemption_timer", "msr_bitmap", "io_bitmap", "secondary_ctls", \
	"tpr_shadow", "apic_reg_virt", "virt_intr_delivery", "posted_intr", \
	"x2apic_virt", "invept", "invvpid"
#define RTVMX_NR_CAPS		16

/* CPUs are reported as a bitmap of this many bits (CPU n = bit n % 64 of word n / 64). */
#define RTVMX_MAX_CPUS		1024

/* RTVMX_CHECK_CAP: what this host and module offer. */
struct rtvmx_caps {
	__u32 flags;			/* in: must be 0 */
	__u32 pad;			/* in: must be 0 */
	__u64 caps;			/* out: RTVMX_CAP_* */
	__u64 vmx_basic;		/* out: raw IA32_VMX_BASIC */
	__u64 ept_vpid_cap;		/* out: raw IA32_VMX_EPT_VPID_CAP */
	__u32 preemption_timer_shift;	/* out: timer ticks once per 2^shift TSC ticks */
	__u32 nr_cpu_ids;		/* out: host CPU id bound */
	__u64 reserved_cpus[RTVMX_MAX_CPUS / 64]; /* out: CPUs reserved by rtvmx */
	__u64 vmx_on_cpus[RTVMX_MAX_CPUS / 64];   /* out: reserved CPUs now in VMX root */
	__u64 reserved[8];		/* in: must be 0 */
};

/* ioctls on /dev/rtvmx */
#define RTVMX_GET_API_VERSION	_IO(RTVMX_IO, 0x00)	/* returns RTVMX_API_VERSION */
#define RTVMX_CHECK_CAP		_IOWR(RTVMX_IO, 0x01, struct rtvmx_caps)

#endif /* _UAPI_LINUX_RTVMX_H */
