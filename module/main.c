// SPDX-License-Identifier: GPL-2.0
/*
 * rtvmx: runs real-time guests in VMX non-root mode on CPUs reserved from the
 * still-running host. Module init and exit, and the module parameters.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include "netlink.h"
#include "rtvmx.h"
#include "vm.h"
#include "../vmx/apicv.h"
#include "../vmx/caps.h"
#include "../vmx/cpuid.h"
#include "../vmx/perf_switch.h"
#include "../vmx/spec.h"

static char *cpus;
module_param(cpus, charp, 0444);
MODULE_PARM_DESC(cpus, "CPUs to reserve for guests, as a list such as 1-3,5 (default: the isolated CPUs)");

static bool allow_housekeeping;
module_param(allow_housekeeping, bool, 0444);
MODULE_PARM_DESC(allow_housekeeping, "Allow cpus= to name CPU 0 and CPUs that are not isolated");

module_param_named(apicv, rtvmx_apicv_allowed, uint, 0644);
MODULE_PARM_DESC(apicv, "APIC virtualization new VMs may use, RTVMX_APICV_* bits: 1 TPR shadow, "
		 "2 APIC-access page, 4 APIC-register virtualization, 8 virtual-interrupt delivery "
		 "(default 15: what the CPU offers; 0: emulate every LAPIC access)");

static int __init rtvmx_init(void)
{
	int ret;

	ret = rtvmx_vmx_probe(&rtvmx_vmx) ?: rtvmx_cpu_model_init();
	if (ret)
		return ret;
	ret = rtvmx_spec_init();
	if (ret)
		return ret;
	rtvmx_perf_switch_init();
	ret = rtvmx_cpus_reserve(cpus, allow_housekeeping);
	if (ret)
		goto out_spec;
	ret = rtvmx_cores_init(&rtvmx_reserved_cpus);
	if (ret)
		goto out_spec;
	ret = rtvmx_cpus_start();
	if (ret)
		goto out_cores;
	rtvmx_debugfs_init();
	rtvmx_sched_debugfs_init(rtvmx_debugfs_root());
	ret = rtvmx_nl_init();
	if (ret) {
		pr_err("cannot register the generic netlink family: %pe\n", ERR_PTR(ret));
		goto out_debugfs;
	}
	ret = rtvmx_dev_register();
	if (ret) {
		pr_err("cannot register /dev/rtvmx: %pe\n", ERR_PTR(ret));
		goto out_nl;
	}
	rtvmx_spec_log();
	pr_info("VMX on for cpus %*pbl (VMCS revision %#x)\n",
		cpumask_pr_args(&rtvmx_reserved_cpus), rtvmx_vmx.revision);
	return 0;

out_nl:
	rtvmx_nl_exit();
out_debugfs:
	rtvmx_debugfs_exit();
	rtvmx_cpus_stop();
out_cores:
	rtvmx_cores_exit();
out_spec:
	rtvmx_spec_exit();
	return ret;
}

/*
 * An open VM fd holds a module reference, so only persistent VMs can be left
 * here: they are stopped and destroyed, one dmesg line each, while netlink
 * can still send their events.
 */
static void __exit rtvmx_exit(void)
{
	rtvmx_dev_unregister();
	rtvmx_vms_destroy_all();
	rtvmx_nl_exit();
	rtvmx_debugfs_exit();
	rtvmx_cpus_stop();
	rtvmx_cores_exit();
	rtvmx_spec_exit();
	pr_info("VMX off, cpus %*pbl released\n", cpumask_pr_args(&rtvmx_reserved_cpus));
}

module_init(rtvmx_init);
module_exit(rtvmx_exit);

MODULE_DESCRIPTION("Real-time VMX partitioning hypervisor");
MODULE_AUTHOR("rtvmx developers");
MODULE_LICENSE("GPL");
