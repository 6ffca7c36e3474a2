// SPDX-License-Identifier: GPL-2.0
/* /dev/rtvmx: the system-wide ioctls (API version, capabilities, VM creation and attach). */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/cpu.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/uaccess.h>

#include <linux/rtvmx.h>
#include "rtvmx.h"
#include "../vmx/apicv.h"
#include "../vmx/spec.h"
#include "../vmx/caps.h"
#include "../vmx/cpuid.h"

static int rtvmx_open(struct inode *inode, struct file *file)
{
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	return 0;
}

static void set_cpu_bit(__u64 *words, unsigned int cpu)
{
	words[cpu / 64] |= 1ULL << (cpu % 64);
}

static long rtvmx_check_cap(struct rtvmx_caps __user *uarg)
{
	struct rtvmx_caps c;
	unsigned int cpu;

	if (copy_from_user(&c, uarg, sizeof(c)))
		return -EFAULT;
	if (c.flags || c.pad || c.pad2 || !rtvmx_all_zero(c.reserved, sizeof(c.reserved))) {
		pr_notice_ratelimited("CHECK_CAP: flags, pads and reserved must be zero (flags=%#x pad=%#x)\n",
				      c.flags, c.pad);
		return -EINVAL;
	}

	memset(&c, 0, sizeof(c));
	c.caps = rtvmx_vmx.caps;
	c.vmx_basic = rtvmx_vmx.basic;
	c.ept_vpid_cap = rtvmx_vmx.ept_vpid;
	c.preemption_timer_shift = rtvmx_vmx.preemption_timer_shift;
	c.nr_cpu_ids = nr_cpu_ids;
	c.apicv = rtvmx_apicv_for_vm(true);
	c.mitigations = rtvmx_spec_active;
	c.mitigations_needed = rtvmx_spec_host_needs();

	/* Reserved CPUs are below RTVMX_MAX_CPUS (rtvmx_cpus_reserve()). */
	cpus_read_lock();
	for_each_cpu(cpu, &rtvmx_reserved_cpus) {
		set_cpu_bit(c.reserved_cpus, cpu);
		if (rtvmx_cpu_state(cpu) == RTVMX_PCPU_ON)
			set_cpu_bit(c.vmx_on_cpus, cpu);
	}
	cpus_read_unlock();

	return copy_to_user(uarg, &c, sizeof(c)) ? -EFAULT : 0;
}

/* The model's flags as the uapi names them (the same bits, checked at build time). */
static u32 cpuid_flags(u32 f)
{
	BUILD_BUG_ON(RTVMX_CPUID_F_INDEXED != CPUID_F_INDEXED ||
		     RTVMX_CPUID_F_APIC_ID != CPUID_F_APIC_ID ||
		     RTVMX_CPUID_F_OSXSAVE != CPUID_F_OSXSAVE ||
		     RTVMX_CPUID_F_XSAVE_SIZE != CPUID_F_XSAVE_SIZE);
	return f & (RTVMX_CPUID_F_INDEXED | RTVMX_CPUID_F_APIC_ID | RTVMX_CPUID_F_OSXSAVE |
		    RTVMX_CPUID_F_XSAVE_SIZE);
}

/* RTVMX_GET_CPUID_MODEL: rtvmx_cpu_model as vCPU 0 sees it at reset. */
static long rtvmx_get_cpuid_model(struct rtvmx_cpuid_model __user *uarg)
{
	const struct cpu_model *m = &rtvmx_cpu_model;
	struct rtvmx_cpuid_model hdr;
	struct rtvmx_cpuid_entry e;
	unsigned int i;

	BUILD_BUG_ON(CPU_MODEL_MAX_ENTRIES > RTVMX_CPUID_MAX_ENTRIES);
	if (copy_from_user(&hdr, uarg, sizeof(hdr)))
		return -EFAULT;
	if (hdr.flags || !rtvmx_all_zero(hdr.reserved, sizeof(hdr.reserved))) {
		pr_notice_ratelimited("GET_CPUID_MODEL: flags and reserved must be zero (flags=%#x)\n",
				      hdr.flags);
		return -EINVAL;
	}
	if (hdr.nr > RTVMX_CPUID_MAX_ENTRIES) {
		pr_notice_ratelimited("GET_CPUID_MODEL: nr %u above RTVMX_CPUID_MAX_ENTRIES (%u)\n",
				      hdr.nr, RTVMX_CPUID_MAX_ENTRIES);
		return -EINVAL;
	}
	if (hdr.nr < m->nr) {
		pr_notice_ratelimited("GET_CPUID_MODEL: nr %u too small, the model has %u entries\n",
				      hdr.nr, m->nr);
		hdr.nr = m->nr;
		return put_user(hdr.nr, &uarg->nr) ?: -E2BIG;
	}
	for (i = 0; i < m->nr; i++) {
		const struct cpu_model_entry *me = &m->e[i];

		memset(&e, 0, sizeof(e));
		e.leaf = me->leaf;
		e.subleaf = me->sub;
		e.flags = cpuid_flags(me->flags);
		e.eax = me->r[CM_EAX];
		e.ebx = me->r[CM_EBX];
		e.ecx = me->r[CM_ECX];
		e.edx = me->r[CM_EDX];
		/* Leaf 0DH.0 EBX: the XSAVE size for XCR0 = x87, as at reset. */
		if (me->flags & CPUID_F_XSAVE_SIZE)
			e.ebx = cpu_model_xsave_size(m, 1);
		if (copy_to_user(&uarg->entries[i], &e, sizeof(e)))
			return -EFAULT;
	}
	return put_user(m->nr, &uarg->nr);
}

static long rtvmx_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case RTVMX_GET_API_VERSION:
		return RTVMX_API_VERSION;
	case RTVMX_CHECK_CAP:
		return rtvmx_check_cap((struct rtvmx_caps __user *)arg);
	case RTVMX_CREATE_VM:
		return rtvmx_vm_create((const void __user *)arg);
	case RTVMX_ATTACH_VM:
		return rtvmx_vm_attach((const void __user *)arg);
	case RTVMX_GET_CPUID_MODEL:
		return rtvmx_get_cpuid_model((struct rtvmx_cpuid_model __user *)arg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations rtvmx_fops = {
	.owner = THIS_MODULE,
	.open = rtvmx_open,
	.unlocked_ioctl = rtvmx_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice rtvmx_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = RTVMX_DEVICE_NAME,
	.fops = &rtvmx_fops,
	.mode = 0600,
};

int rtvmx_dev_register(void)
{
	return misc_register(&rtvmx_misc);
}

void rtvmx_dev_unregister(void)
{
	misc_deregister(&rtvmx_misc);
}
