/* SPDX-License-Identifier: GPL-2.0 */
/* State shared between the parts of module/: reserved CPUs and their VMX state. */
#ifndef RTVMX_MODULE_RTVMX_H
#define RTVMX_MODULE_RTVMX_H

#include <linux/cpumask.h>
#include <linux/string.h>
#include <linux/types.h>

/* For uapi "must be zero" fields. */
static inline bool rtvmx_all_zero(const void *p, size_t len)
{
	return !memchr_inv(p, 0, len);
}

enum rtvmx_pcpu_state {
	RTVMX_PCPU_OFF,		/* reserved, online, not in VMX operation */
	RTVMX_PCPU_ON,		/* in VMX root operation (VMXON done) */
	RTVMX_PCPU_OFFLINE,	/* reserved but offline; VMXON again when it returns */
	RTVMX_PCPU_FAILED,	/* VMXON refused when it came back online; reason in dmesg */
};

/* Fixed at load time by rtvmx_cpus_reserve(), read-only afterwards. */
extern struct cpumask rtvmx_reserved_cpus;

int rtvmx_cpus_reserve(const char *list, bool allow_housekeeping);
int rtvmx_cpus_start(void);
void rtvmx_cpus_stop(void);
enum rtvmx_pcpu_state rtvmx_cpu_state(unsigned int cpu);
/*
 * Claim a reserved CPU, in VMX operation, for one vCPU (@dedicated: for it
 * alone); release it when the vCPU is gone. -EBUSY mixes dedicated and shared.
 */
int rtvmx_cpu_claim(unsigned int cpu, const char *vm_name, bool dedicated);
void rtvmx_cpu_release(unsigned int cpu);
const char *rtvmx_cpu_state_name(enum rtvmx_pcpu_state state);

int rtvmx_dev_register(void);
void rtvmx_dev_unregister(void);

void rtvmx_debugfs_init(void);
void rtvmx_debugfs_exit(void);
struct dentry *rtvmx_debugfs_root(void);

/* A VM fd for a new VM; the fd number or -errno. */
int rtvmx_vm_create(const void __user *uconfig);
/* A VM fd for an existing persistent VM; the fd number or -errno. */
int rtvmx_vm_attach(const void __user *uarg);
/* vm_registry.c: at module exit, stops and frees the persistent VMs left. */
void rtvmx_vms_destroy_all(void);

#endif
