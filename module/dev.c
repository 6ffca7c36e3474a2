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
