// SPDX-License-Identifier: GPL-2.0
/*
 * CPU reservation: which CPUs rtvmx owns, their VMX state, and keeping that
 * state right across CPU hotplug and reboot.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitmap.h>
#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/gfp.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/reboot.h>
#include <linux/sched/isolation.h>
#include <linux/smp.h>
#include <linux/topology.h>

#include <linux/rtvmx.h>
#include "rtvmx.h"
#include "../vmx/sched.h"
#include "../vmx/vmxon.h"

struct cpumask rtvmx_reserved_cpus;

/*
 * Per-CPU VMX state. @state and @err change only on their own CPU, with the
 * CPU hotplug lock held (hotplug callbacks hold it for write; load, unload and
 * reboot take it for read), so readers under cpus_read_lock() see them stable.
 */
struct rtvmx_pcpu {
	enum rtvmx_pcpu_state state;
	int err;			/* result of the last VMXON attempt */
	struct page *vmxon_region;	/* allocated at load for every reserved CPU */
};

static DEFINE_PER_CPU(struct rtvmx_pcpu, rtvmx_pcpu);
/*
 * vCPUs on each CPU: @nr of them, one alone when @dedicated. Changed under
 * rtvmx_claim_lock; the hotplug callback reads @nr without it.
 */
struct rtvmx_claim {
	unsigned int nr;
	bool dedicated;
};

static DEFINE_PER_CPU(struct rtvmx_claim, rtvmx_cpu_claim_state);
static DEFINE_MUTEX(rtvmx_claim_lock);
static enum cpuhp_state rtvmx_hp_state;

static bool cpu_isolated(unsigned int cpu)
{
	return !housekeeping_cpu(cpu, HK_TYPE_DOMAIN) ||
	       !housekeeping_cpu(cpu, HK_TYPE_TICK);
}

static void reserve_isolated(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		if (cpu != 0 && cpu < RTVMX_MAX_CPUS && cpu_isolated(cpu))
			cpumask_set_cpu(cpu, &rtvmx_reserved_cpus);
}

/* Checks one CPU named in cpus=; prints why it is refused. */
static int check_requested_cpu(const char *list, unsigned int cpu, bool allow_housekeeping)
{
	if (cpu >= nr_cpu_ids || !cpu_possible(cpu)) {
		pr_err("cpus=%s: cpu%u does not exist (possible CPUs: %*pbl)\n",
		       list, cpu, cpumask_pr_args(cpu_possible_mask));
		return -EINVAL;
	}
	if (cpu >= RTVMX_MAX_CPUS) {
		pr_err("cpus=%s: cpu%u is beyond rtvmx's limit of %d CPUs\n",
		       list, cpu, RTVMX_MAX_CPUS);
		return -EINVAL;
	}
	if (!allow_housekeeping && (cpu == 0 || !cpu_isolated(cpu))) {
		pr_err("cpus=%s: cpu%u is a housekeeping CPU (%s); isolate it with isolcpus=/nohz_full= or pass allow_housekeeping=1\n",
		       list, cpu, cpu == 0 ? "the boot CPU" : "not isolated");
		return -EINVAL;
	}
	return 0;
}

static int reserve_list(const char *list, bool allow_housekeeping)
{
	unsigned long *req = bitmap_zalloc(NR_CPUS, GFP_KERNEL);
	unsigned int cpu;
	int ret;

	if (!req)
		return -ENOMEM;
	ret = bitmap_parselist(list, req, NR_CPUS);
	if (ret == -ERANGE) {
		pr_err("cpus=%s: names a CPU that does not exist (possible CPUs: %*pbl)\n",
		       list, cpumask_pr_args(cpu_possible_mask));
		ret = -EINVAL;
		goto out;
	}
	if (ret || bitmap_empty(req, NR_CPUS)) {
		pr_err("cpus=%s: not a CPU list (expected a list such as 1-3,5)\n", list);
		ret = -EINVAL;
		goto out;
	}
	for_each_set_bit(cpu, req, NR_CPUS) {
		ret = check_requested_cpu(list, cpu, allow_housekeeping);
		if (ret)
			goto out;
		cpumask_set_cpu(cpu, &rtvmx_reserved_cpus);
	}
out:
	bitmap_free(req);
	return ret;
}

/* @list is the cpus= parameter, NULL when not given: then take the isolated CPUs. */
/*
 * Hyperthreads of one core share its buffers and predictors: a guest on one
 * thread leaks to, and reads from, host code on the other (L1TF, MDS). So a
 * reserved CPU's siblings are reserved with it, or the load is refused.
 */
static int check_smt_siblings(void)
{
	unsigned int cpu, sibling;
	int ret = 0;

	cpus_read_lock();
	for_each_cpu(cpu, &rtvmx_reserved_cpus) {
		for_each_cpu(sibling, topology_sibling_cpumask(cpu)) {
			if (cpumask_test_cpu(sibling, &rtvmx_reserved_cpus))
				continue;
			pr_err("cpu%u: its hyperthread sibling cpu%u is not reserved and would run host code beside guests; reserve both (cpus=%u,%u, both in isolcpus=) or boot with nosmt\n",
			       cpu, sibling, cpu, sibling);
			ret = -EINVAL;
			goto out;
		}
	}
out:
	cpus_read_unlock();
	return ret;
}

int rtvmx_cpus_reserve(const char *list, bool allow_housekeeping)
{
	int ret = 0;

	cpumask_clear(&rtvmx_reserved_cpus);
	if (list) {
		ret = reserve_list(list, allow_housekeeping);
	} else {
		reserve_isolated();
		if (cpumask_empty(&rtvmx_reserved_cpus)) {
			pr_err("no isolated CPU to reserve; boot with isolcpus=/nohz_full= or load with cpus=LIST\n");
			ret = -EINVAL;
		}
	}
	if (!ret)
		ret = check_smt_siblings();
	if (ret)
		cpumask_clear(&rtvmx_reserved_cpus);
	return ret;
}

/* Runs on the CPU it enables, with preemption disabled. */
static void cpu_vmx_enable(void *unused)
{
	struct rtvmx_pcpu *p = this_cpu_ptr(&rtvmx_pcpu);

	p->err = rtvmx_vmxon(p->vmxon_region);
	p->state = p->err ? RTVMX_PCPU_FAILED : RTVMX_PCPU_ON;
}

/* Runs on the CPU it disables, with preemption disabled. */
static void cpu_vmx_disable(void *unused)
{
	struct rtvmx_pcpu *p = this_cpu_ptr(&rtvmx_pcpu);

	if (p->state == RTVMX_PCPU_ON)
		rtvmx_vmxoff();
	p->state = RTVMX_PCPU_OFF;
}

/*
 * A reserved CPU coming back online enters VMX again. If that is refused
 * (say kvm_intel took VMX meanwhile), the CPU still comes up, marked failed,
 * with the reason in dmesg.
 */
static int cpu_online_cb(unsigned int cpu)
{
	if (cpumask_test_cpu(cpu, &rtvmx_reserved_cpus)) {
		preempt_disable();
		cpu_vmx_enable(NULL);
		preempt_enable();
	}
	return 0;
}

static int cpu_offline_cb(unsigned int cpu)
{
	if (READ_ONCE(per_cpu_ptr(&rtvmx_cpu_claim_state, cpu)->nr)) {
		pr_notice("cpu%u runs guest vCPUs; stop their VMs before taking the CPU offline\n", cpu);
		return -EBUSY;
	}
	if (cpumask_test_cpu(cpu, &rtvmx_reserved_cpus)) {
		preempt_disable();
		cpu_vmx_disable(NULL);
		this_cpu_ptr(&rtvmx_pcpu)->state = RTVMX_PCPU_OFFLINE;
		preempt_enable();
	}
	return 0;
}

/*
 * A CPU in VMX operation blocks INIT (SDM 24.8), which a reboot may need. As
 * KVM's reboot notifier: say rebooting first, so the loops enter no guest
 * and a VMX instruction that faults under them afterwards is fixed up
 * silently (vmcs_ops.h), then leave VMX on every CPU, live loops or not.
 * The loops stop their vCPUs with RTVMX_STOP_HOST, -ESHUTDOWN.
 */
static int rtvmx_reboot_cb(struct notifier_block *nb, unsigned long action, void *data)
{
	pr_info("host reboot: stopping the guests, VMX off on cpus %*pbl\n",
		cpumask_pr_args(&rtvmx_reserved_cpus));
	WRITE_ONCE(rtvmx_vmx_rebooting, true);
	smp_mb();	/* the flag before the loops' pending requests (core_kick()) */
	rtvmx_cores_reboot();
	cpus_read_lock();
	on_each_cpu_mask(&rtvmx_reserved_cpus, cpu_vmx_disable, NULL, 1);
	cpus_read_unlock();
	return NOTIFY_OK;
}

static struct notifier_block rtvmx_reboot_nb = {
	.notifier_call = rtvmx_reboot_cb,
};

static void free_vmxon_regions(void)
{
	unsigned int cpu;

	for_each_cpu(cpu, &rtvmx_reserved_cpus) {
		struct rtvmx_pcpu *p = per_cpu_ptr(&rtvmx_pcpu, cpu);

		if (p->vmxon_region)
			__free_page(p->vmxon_region);
		p->vmxon_region = NULL;
	}
}

static int alloc_vmxon_regions(void)
{
	unsigned int cpu;

	for_each_cpu(cpu, &rtvmx_reserved_cpus) {
		struct rtvmx_pcpu *p = per_cpu_ptr(&rtvmx_pcpu, cpu);

		p->vmxon_region = alloc_pages_node(cpu_to_node(cpu), GFP_KERNEL | __GFP_ZERO, 0);
		if (!p->vmxon_region) {
			free_vmxon_regions();
			return -ENOMEM;
		}
		rtvmx_vmxon_region_init(p->vmxon_region);
		p->state = RTVMX_PCPU_OFFLINE;
		p->err = 0;
	}
	return 0;
}

/* VMXON on every online reserved CPU, all or nothing, and follow hotplug from then on. */
int rtvmx_cpus_start(void)
{
	unsigned int cpu;
	int ret;

	ret = alloc_vmxon_regions();
	if (ret)
		return ret;

	cpus_read_lock();
	for_each_cpu_and(cpu, &rtvmx_reserved_cpus, cpu_online_mask) {
		smp_call_function_single(cpu, cpu_vmx_enable, NULL, 1);
		ret = per_cpu_ptr(&rtvmx_pcpu, cpu)->err;
		if (ret)
			goto out_disable;
	}
	ret = cpuhp_setup_state_nocalls_cpuslocked(CPUHP_AP_ONLINE_DYN, "rtvmx/vmx:online",
						   cpu_online_cb, cpu_offline_cb);
	if (ret < 0)
		goto out_disable;
	rtvmx_hp_state = ret;
	cpus_read_unlock();

	register_reboot_notifier(&rtvmx_reboot_nb);
	return 0;

out_disable:
	on_each_cpu_mask(&rtvmx_reserved_cpus, cpu_vmx_disable, NULL, 1);
	cpus_read_unlock();
	free_vmxon_regions();
	return ret;
}

void rtvmx_cpus_stop(void)
{
	unregister_reboot_notifier(&rtvmx_reboot_nb);
	cpus_read_lock();
	cpuhp_remove_state_nocalls_cpuslocked(rtvmx_hp_state);
	on_each_cpu_mask(&rtvmx_reserved_cpus, cpu_vmx_disable, NULL, 1);
	cpus_read_unlock();
	free_vmxon_regions();
}

/* Callers hold cpus_read_lock() for a value that cannot change under them. */
enum rtvmx_pcpu_state rtvmx_cpu_state(unsigned int cpu)
{
	return READ_ONCE(per_cpu_ptr(&rtvmx_pcpu, cpu)->state);
}

const char *rtvmx_cpu_state_name(enum rtvmx_pcpu_state state)
{
	static const char *const names[] = {
		[RTVMX_PCPU_OFF] = "off",
		[RTVMX_PCPU_ON] = "on",
		[RTVMX_PCPU_OFFLINE] = "offline",
		[RTVMX_PCPU_FAILED] = "failed",
	};

	return state < ARRAY_SIZE(names) ? names[state] : "?";
}

/*
 * A dedicated vCPU has its CPU to itself; vCPUs of the shared policies may
 * share one with each other (rt_sched's admission decides how many).
 */
int rtvmx_cpu_claim(unsigned int cpu, const char *vm_name, bool dedicated)
{
	struct rtvmx_claim *c;
	int ret = 0;

	if (cpu >= nr_cpu_ids || !cpumask_test_cpu(cpu, &rtvmx_reserved_cpus)) {
		pr_notice("%s: cpu %u is not reserved by rtvmx (reserved: %*pbl)\n",
			  vm_name, cpu, cpumask_pr_args(&rtvmx_reserved_cpus));
		return -EINVAL;
	}
	c = per_cpu_ptr(&rtvmx_cpu_claim_state, cpu);
	cpus_read_lock();
	mutex_lock(&rtvmx_claim_lock);
	if (rtvmx_cpu_state(cpu) != RTVMX_PCPU_ON) {
		pr_notice("%s: cpu %u is %s, not in VMX operation\n", vm_name, cpu,
			  rtvmx_cpu_state_name(rtvmx_cpu_state(cpu)));
		ret = -EIO;
	} else if (c->nr && c->dedicated) {
		pr_notice("%s: cpu %u is dedicated to another vCPU and takes no other\n",
			  vm_name, cpu);
		ret = -EBUSY;
	} else if (c->nr && dedicated) {
		pr_notice("%s: cpu %u already runs %u vCPU%s; a dedicated vCPU needs the CPU to itself\n",
			  vm_name, cpu, c->nr, c->nr == 1 ? "" : "s");
		ret = -EBUSY;
	} else {
		c->dedicated = dedicated;
		WRITE_ONCE(c->nr, c->nr + 1);
	}
	mutex_unlock(&rtvmx_claim_lock);
	cpus_read_unlock();
	return ret;
}

void rtvmx_cpu_release(unsigned int cpu)
{
	struct rtvmx_claim *c = per_cpu_ptr(&rtvmx_cpu_claim_state, cpu);

	mutex_lock(&rtvmx_claim_lock);
	if (!WARN_ON_ONCE(!c->nr))
		WRITE_ONCE(c->nr, c->nr - 1);
	if (!c->nr)
		c->dedicated = false;
	mutex_unlock(&rtvmx_claim_lock);
}
