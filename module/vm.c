// SPDX-License-Identifier: GPL-2.0
/*
 * VM objects and their fd: creation with validated input, the ioctls on the
 * VM fd, handing the vCPUs to their cores, mmap of guest RAM, and the console
 * read/write/poll. A VM lives until its last reference goes (vm.h); closing
 * the fd of a VM that is not persistent stops it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/math64.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/sched/isolation.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/tsc.h>

#include "netlink.h"
#include "rtvmx.h"
#include "trace.h"
#include "vm.h"
#include "../vmx/apicv.h"

static DEFINE_IDA(rtvmx_vm_ids);

static bool valid_name(const char *name)
{
	size_t i, len = strnlen(name, RTVMX_NAME_LEN);

	if (len == RTVMX_NAME_LEN)
		return false;
	for (i = 0; i < len; i++)
		if (!isalnum(name[i]) && !strchr("._-", name[i]))
			return false;
	return true;
}

/* "vm" and digits: the form of the names given to unnamed VMs. */
static bool is_default_name(const char *name)
{
	return name[0] == 'v' && name[1] == 'm' && name[2] &&
	       strspn(name + 2, "0123456789") == strlen(name + 2);
}

static int check_config(const struct rtvmx_vm_config *c)
{
	if ((c->flags & ~RTVMX_VM_FLAGS) || c->pad ||
	    !rtvmx_all_zero(c->reserved, sizeof(c->reserved))) {
		pr_notice("CREATE_VM: unknown flags %#x, or nonzero pad/reserved\n", c->flags);
		return -EINVAL;
	}
	if (c->mem_size < RTVMX_MIN_MEM || c->mem_size > RTVMX_MAX_MEM ||
	    !IS_ALIGNED(c->mem_size, PAGE_SIZE)) {
		pr_notice("CREATE_VM: memory size %#llx must be a multiple of 4 KiB from %llu MiB to %llu GiB\n",
			  c->mem_size, RTVMX_MIN_MEM >> 20, RTVMX_MAX_MEM >> 30);
		return -EINVAL;
	}
	if ((c->flags & RTVMX_VM_TEST_MMIO) && c->mem_size > RTVMX_TEST_MMIO_GPA) {
		pr_notice("CREATE_VM: with the MMIO test device at %#llx, guest RAM must end at or below it\n",
			  RTVMX_TEST_MMIO_GPA);
		return -EINVAL;
	}
	if (!valid_name(c->name)) {
		pr_notice("CREATE_VM: name must be NUL-terminated within %d bytes, of [A-Za-z0-9._-]\n",
			  RTVMX_NAME_LEN);
		return -EINVAL;
	}
	if (is_default_name(c->name)) {
		pr_notice("CREATE_VM: name %s: names vm<digits> are kept for unnamed VMs\n", c->name);
		return -EINVAL;
	}
	return 0;
}

/*
 * The CPU's APIC virtualization this VM gets (vmx/apicv.c), fixed now; with
 * APIC-access virtualization, its APIC-access page goes into EPT at the
 * xAPIC page's address (SDM Vol. 3C 29.4.6.1: the CPU compares the address
 * EPT translates to).
 */
static int vm_apicv_init(struct rtvmx_vm *vm)
{
	vm->apicv = rtvmx_apicv_for_vm(rtvmx_devices_has_xapic_page(vm->dev));
	if (!(vm->apicv & RTVMX_APICV_APIC_ACCESS))
		return 0;
	vm->apic_access = alloc_page(GFP_KERNEL_ACCOUNT | __GFP_ZERO);
	if (!vm->apic_access)
		return -ENOMEM;
	return rtvmx_ept_map(&vm->mem.ept, RTVMX_XAPIC_GPA, page_to_phys(vm->apic_access), false);
}

/* A vCPU that has left its core (rtvmx_core_remove()): the rest of it undone. */
static void vcpu_free(struct rtvmx_vm *vm, struct rtvmx_vcpu *v)
{
	rtvmx_vcpu_destroy(v);
	rtvmx_cpu_release(v->cpu);
	rtvmx_nl_cpu_event(RTVMX_CMD_EVENT_CPU_RELEASED, v->cpu, vm);
	kfree(v);
}

/*
 * Last reference gone: every started vCPU has been retired by its loop and
 * the VM reads STOPPED (set by stopped_work, which the loop queued last).
 * Off their cores, the vCPUs are out of the loops' reach, so no work is
 * queued after the flushes; the work items read the vCPUs, which go after.
 */
static void vm_free(struct rtvmx_vm *vm)
{
	unsigned int i;

	debugfs_remove_recursive(vm->debugfs);
	for (i = 0; i < vm->nr_vcpus; i++)
		rtvmx_core_remove(vm->vcpus[i]);
	flush_work(&vm->stopped_work);
	flush_work(&vm->deadline_work);
	for (i = 0; i < vm->nr_vcpus; i++)
		vcpu_free(vm, vm->vcpus[i]);
	rtvmx_console_exit(&vm->console);
	rtvmx_vm_mmio_free(vm);
	kfree(vm->dev);
	rtvmx_guest_mem_free(&vm->mem);
	if (vm->apic_access)
		__free_page(vm->apic_access);
	ida_free(&rtvmx_vm_ids, vm->id);
	kfree(vm);
}

/*
 * The VM becomes STOPPED here, not in the loop: whoever waits for STOPPED
 * and then frees the VM finds this work queued already, and vm_free()
 * flushes it before freeing what it reads.
 */
static void vm_stopped_wake(struct work_struct *work)
{
	struct rtvmx_vm *vm = container_of(work, struct rtvmx_vm, stopped_work);

	smp_store_release(&vm->state, RTVMX_VM_STOPPED);
	rtvmx_nl_vm_stopped(vm);
	wake_up_all(&vm->state_wq);
	wake_up_interruptible(&vm->console.wq);
}

/*
 * vCPU op: the core's loop is done with the vCPU; from that loop, must not
 * sleep. The wake-up runs on a housekeeping CPU's worker: the loop's own CPU
 * would not run a per-CPU worker (or PREEMPT_RT's irq_work thread) while
 * guests keep it busy. Queueing work takes only raw locks.
 */
static void queue_housekeeping_work(struct work_struct *work)
{
	int cpu = cpumask_any_and(housekeeping_cpumask(HK_TYPE_DOMAIN), cpu_online_mask);

	if (cpu < nr_cpu_ids)
		queue_work_on(cpu, system_wq, work);
	else
		queue_work(system_unbound_wq, work);
}

/*
 * A VM stops as a whole: the first vCPU to leave its core gives the VM its
 * stop reason and asks the others to stop with the same; the last one has
 * stopped_work make the VM STOPPED, and touches the VM no more.
 */
void rtvmx_vm_stopped(void *opaque, struct rtvmx_vcpu *v)
{
	struct rtvmx_vm *vm = opaque;
	struct rtvmx_vcpu *o;
	unsigned int i;

	if (!cmpxchg(&vm->stopped_first, NULL, v)) {
		for (i = 0; i < vm->nr_vcpus; i++) {
			o = vm->vcpus[i];
			if (o == v)
				continue;
			rtvmx_vcpu_stop(o, READ_ONCE(v->stop_reason), READ_ONCE(v->stop_detail));
			rtvmx_vcpu_kick(o);
		}
	}
	if (atomic_dec_and_test(&vm->vcpus_live))
		queue_housekeeping_work(&vm->stopped_work);
}

const struct rtvmx_vcpu *rtvmx_vm_stop_vcpu(struct rtvmx_vm *vm)
{
	const struct rtvmx_vcpu *v = READ_ONCE(vm->stopped_first);

	return v ?: vm->vcpus[0];
}

static void vm_deadline_event(struct work_struct *work)
{
	struct rtvmx_vm *vm = container_of(work, struct rtvmx_vm, deadline_work);

	rtvmx_nl_deadline_missed(vm, vm->vcpus[0]->cpu, atomic64_read(&vm->miss_lateness_ns));
}

/*
 * vCPU op, from the core's loop: the netlink event goes out from a
 * housekeeping worker. Misses found before it ran make one event, with the
 * latest lateness.
 */
void rtvmx_vm_deadline_missed(void *opaque, u64 lateness_ns)
{
	struct rtvmx_vm *vm = opaque;

	atomic64_set(&vm->miss_lateness_ns, lateness_ns);
	queue_housekeeping_work(&vm->deadline_work);
}

/* Ask the vCPUs of a running VM to stop and wait until their threads say they have. */
static int vm_stop_and_wait(struct rtvmx_vm *vm, bool interruptible)
{
	unsigned int i;

	for (i = 0; i < vm->nr_vcpus; i++) {
		rtvmx_vcpu_stop(vm->vcpus[i], RTVMX_STOP_USER, 0);
		rtvmx_vcpu_kick(vm->vcpus[i]);
	}
	if (!interruptible) {
		wait_event(vm->state_wq, smp_load_acquire(&vm->state) == RTVMX_VM_STOPPED);
		return 0;
	}
	return wait_event_interruptible(vm->state_wq,
					smp_load_acquire(&vm->state) == RTVMX_VM_STOPPED);
}

/* The last reference: no fd, no lookup and no persistence holds the VM. */
static void vm_teardown(struct kref *ref)
{
	struct rtvmx_vm *vm = container_of(ref, struct rtvmx_vm, ref);

	rtvmx_vms_remove(vm);
	if (smp_load_acquire(&vm->state) == RTVMX_VM_RUNNING)
		vm_stop_and_wait(vm, false);
	vm_free(vm);
}

void rtvmx_vm_put(struct rtvmx_vm *vm)
{
	kref_put(&vm->ref, vm_teardown);
}

static int vm_release(struct inode *inode, struct file *file)
{
	struct rtvmx_vm *vm = file->private_data;
	u32 state = smp_load_acquire(&vm->state);

	if (!(vm->flags & RTVMX_VM_PERSISTENT) && state == RTVMX_VM_RUNNING)
		vm_stop_and_wait(vm, false);
	/* Persistence begins at START: a launcher that gave up leaves nothing. */
	if ((vm->flags & RTVMX_VM_PERSISTENT) && state == RTVMX_VM_CREATED)
		rtvmx_vm_destroy(vm);
	rtvmx_vm_put(vm);
	return 0;
}

/* vCPU n of the VM (the n-th call), APIC ID n; all of it or nothing. */
static long vm_create_vcpu(struct rtvmx_vm *vm, const void __user *uarg)
{
	unsigned int n = vm->nr_vcpus;
	struct rtvmx_vcpu_config c;
	struct rts_params params;
	struct rtvmx_vcpu *v;
	char why[160];
	int ret;

	if (copy_from_user(&c, uarg, sizeof(c)))
		return -EFAULT;
	ret = rtvmx_sched_params(&c, &params, vm->name);
	if (ret)
		return ret;
	if (n >= RTVMX_MAX_VCPUS) {
		pr_notice("%s: CREATE_VCPU: a VM has at most %d vCPUs\n", vm->name,
			  RTVMX_MAX_VCPUS);
		return -ENOSPC;
	}
	v = kzalloc(sizeof(*v), GFP_KERNEL_ACCOUNT);
	if (!v)
		return -ENOMEM;
	ret = rtvmx_cpu_claim(c.cpu, vm->name, params.policy == RTS_POLICY_DEDICATED);
	if (ret)
		goto out_free;
	ret = rtvmx_vcpu_init(v, c.cpu, vm->mem.ept.eptp, vm->apicv,
			      vm->apic_access ? page_to_phys(vm->apic_access) : 0);
	if (ret)
		goto out_release;
	v->vm = vm;
	v->vm_id = vm->id;
	v->ops = &rtvmx_vm_vcpu_ops;
	v->index = n;
	v->waits_sipi = n > 0;
	v->sipi_vector = -1;
	rts_vcpu_init(&v->sched, vm->name, &params);
	ret = rtvmx_core_add(v, &params, why, sizeof(why));
	if (ret) {
		pr_notice("%s: CREATE_VCPU: cpu %u refuses the vCPU %u (%pe): %s\n",
			  vm->name, c.cpu, n, ERR_PTR(ret), why);
		goto out_destroy;
	}
	/* Cannot fail past n < RTVMX_MAX_VCPUS (IRQ_ROUTE_MAX_VCPUS is as large). */
	rtvmx_devices_add_vcpu(vm->dev, v, v->apicv, v->vapic_regs);
	vm->vcpu_config[n] = c;
	vm->vcpus[n] = v;
	smp_store_release(&vm->nr_vcpus, n + 1);
	rtvmx_vm_debugfs_add_vcpu(vm, v);
	rtvmx_nl_cpu_event(RTVMX_CMD_EVENT_CPU_RESERVED, c.cpu, vm);
	return 0;

out_destroy:
	rtvmx_vcpu_destroy(v);
out_release:
	rtvmx_cpu_release(c.cpu);
out_free:
	kfree(v);
	return ret;
}

/*
 * START: every vCPU goes to its core (vCPU 0 at the boot state, the APs to
 * wait for STARTUP). A core that cannot take one stops the VM: the vCPUs
 * already handed over are retired by their loops.
 */
static long vm_start(struct rtvmx_vm *vm)
{
	unsigned int i, failed, n = vm->nr_vcpus;
	int ret = 0;

	if (vm->state == RTVMX_VM_RUNNING)
		return -EBUSY;
	if (vm->state == RTVMX_VM_STOPPED) {
		pr_notice("%s: START: a stopped VM cannot be restarted; create a new one\n", vm->name);
		return -EINVAL;
	}
	if (!n || !vm->boot_ready) {
		pr_notice("%s: START: needs a vCPU and a boot state first\n", vm->name);
		return -EINVAL;
	}
	vm->vcpus[0]->boot = vm->boot;
	atomic_set(&vm->vcpus_live, n);
	vm->state = RTVMX_VM_RUNNING;
	/* Before the core runs it, so STARTED comes before STOPPED. */
	rtvmx_nl_vm_started(vm);
	for (i = 0; i < n && !ret; i++)
		ret = rtvmx_core_start(vm->vcpus[i]);
	if (!ret)
		return 0;
	/* vCPU i - 1 could not run: the VM stops, its event after STARTED. */
	failed = i - 1;
	pr_notice("%s: START: the core could not take vCPU %u (%pe)\n", vm->name, failed,
		  ERR_PTR(ret));
	rtvmx_vcpu_stop(vm->vcpus[failed], RTVMX_STOP_HOST, ret);
	cmpxchg(&vm->stopped_first, NULL, vm->vcpus[failed]);
	for (i = 0; i < failed; i++) {
		rtvmx_vcpu_stop(vm->vcpus[i], RTVMX_STOP_HOST, ret);
		rtvmx_vcpu_kick(vm->vcpus[i]);
	}
	/* The vCPUs from the failed one on never reach a core. */
	if (atomic_sub_and_test(n - failed, &vm->vcpus_live)) {
		smp_store_release(&vm->state, RTVMX_VM_STOPPED);
		rtvmx_nl_vm_stopped(vm);
	}
	return ret;
}

static long vm_stop(struct rtvmx_vm *vm)
{
	if (smp_load_acquire(&vm->state) != RTVMX_VM_RUNNING) {
		pr_notice("%s: STOP: the VM is not running\n", vm->name);
		return -EINVAL;
	}
	return vm_stop_and_wait(vm, true);
}

int rtvmx_vm_stop(struct rtvmx_vm *vm)
{
	int ret = -EINVAL;

	mutex_lock(&vm->lock);
	if (smp_load_acquire(&vm->state) == RTVMX_VM_RUNNING)
		ret = vm_stop_and_wait(vm, false);
	mutex_unlock(&vm->lock);
	return ret;
}

static u64 tsc_to_ns(u64 ticks)
{
	return tsc_khz ? mul_u64_u32_div(ticks, NSEC_PER_MSEC, tsc_khz) : 0;
}

/* Counters are sums over the vCPUs; the stop is the VM's (rtvmx_vm_stop_vcpu()). */
void rtvmx_vm_get_info(struct rtvmx_vm *vm, struct rtvmx_vm_info *info)
{
	unsigned int i, j, n = smp_load_acquire(&vm->nr_vcpus);
	const struct rtvmx_vcpu *v;
	u64 guest = 0, host = 0;

	memset(info, 0, sizeof(*info));
	info->id = vm->id;
	info->state = smp_load_acquire(&vm->state);
	memcpy(info->name, vm->name, sizeof(info->name));
	info->mem_size = vm->mem.size;
	info->nr_vcpus = n;
	info->cpu = n ? vm->vcpus[0]->cpu : -1;
	if (!n)
		return;
	v = rtvmx_vm_stop_vcpu(vm);
	info->stop_reason = READ_ONCE(v->stop_reason);
	info->stop_detail = READ_ONCE(v->stop_detail);
	info->exit_code = READ_ONCE(v->exit_code);
	for (i = 0; i < n; i++) {
		v = vm->vcpus[i];
		guest += READ_ONCE(v->guest_tsc);
		host += READ_ONCE(v->host_tsc);
		info->exits_total += READ_ONCE(v->exits_total);
		for (j = 0; j < RTVMX_NR_EXIT_REASONS; j++)
			info->exits[j] += READ_ONCE(v->exits[j]);
		rtvmx_sched_add_info(v, info);
	}
	info->guest_ns = tsc_to_ns(guest);
	info->host_ns = tsc_to_ns(host);
	info->apicv = vm->apicv;
}

static long vm_get_info(struct rtvmx_vm *vm, void __user *uarg)
{
	struct rtvmx_vm_info *info;
	long ret = 0;

	info = kmalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return -ENOMEM;
	rtvmx_vm_get_info(vm, info);
	if (copy_to_user(uarg, info, sizeof(*info)))
		ret = -EFAULT;
	kfree(info);
	return ret;
}

static long vm_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct rtvmx_vm *vm = file->private_data;
	void __user *uarg = (void __user *)arg;
	long ret;

	mutex_lock(&vm->lock);
	switch (cmd) {
	case RTVMX_SET_BOOT_STATE:
		ret = rtvmx_vm_set_boot_state(vm, uarg);
		break;
	case RTVMX_CREATE_VCPU:
		ret = vm->state == RTVMX_VM_CREATED ? vm_create_vcpu(vm, uarg) : -EBUSY;
		break;
	case RTVMX_START:
		ret = vm_start(vm);
		break;
	case RTVMX_STOP:
		ret = vm_stop(vm);
		break;
	case RTVMX_GET_INFO:
		ret = vm_get_info(vm, uarg);
		break;
	default:
		ret = -ENOTTY;
	}
	mutex_unlock(&vm->lock);
	return ret;
}

static int vm_fd_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct rtvmx_vm *vm = file->private_data;

	return rtvmx_guest_mem_mmap(&vm->mem, vma);
}

/* Console output; 0 (end of file) once the VM has stopped and all output is read. */
static ssize_t vm_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	struct rtvmx_vm *vm = file->private_data;
	struct rtvmx_console *con = &vm->console;
	unsigned int copied;
	bool stopped;
	int ret;

	for (;;) {
		stopped = smp_load_acquire(&vm->state) == RTVMX_VM_STOPPED;
		if (mutex_lock_interruptible(&con->read_lock))
			return -EINTR;
		ret = kfifo_to_user(&con->out, buf, len, &copied);
		mutex_unlock(&con->read_lock);
		if (ret)
			return ret;
		if (copied || stopped || !len)
			return copied;
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		ret = wait_event_interruptible(con->wq, !kfifo_is_empty(&con->out) ||
					       smp_load_acquire(&vm->state) == RTVMX_VM_STOPPED);
		if (ret)
			return ret;
	}
}

/* Console input, into the UART's receive buffer; what does not fit is not taken. */
static ssize_t vm_write(struct file *file, const char __user *buf, size_t len, loff_t *off)
{
	struct rtvmx_console *con = &((struct rtvmx_vm *)file->private_data)->console;
	unsigned int copied;
	int ret;

	if (mutex_lock_interruptible(&con->write_lock))
		return -EINTR;
	ret = kfifo_from_user(&con->in, buf, len, &copied);
	mutex_unlock(&con->write_lock);
	if (ret)
		return ret;
	return copied || !len ? copied : -EAGAIN;
}

static __poll_t vm_poll(struct file *file, poll_table *wait)
{
	struct rtvmx_vm *vm = file->private_data;
	struct rtvmx_console *con = &vm->console;
	__poll_t mask = 0;

	poll_wait(file, &con->wq, wait);
	if (!kfifo_is_empty(&con->out))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (!kfifo_is_full(&con->in))
		mask |= EPOLLOUT | EPOLLWRNORM;
	if (smp_load_acquire(&vm->state) == RTVMX_VM_STOPPED)
		mask |= EPOLLIN | EPOLLHUP;
	return mask;
}

static const struct file_operations vm_fops = {
	.owner = THIS_MODULE,
	.release = vm_release,
	.unlocked_ioctl = vm_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.mmap = vm_fd_mmap,
	.read = vm_read,
	.write = vm_write,
	.poll = vm_poll,
	.llseek = noop_llseek,
};

int rtvmx_vm_create(const void __user *uconfig)
{
	struct rtvmx_vm_config cfg;
	struct rtvmx_vm *vm;
	int ret, fd;

	if (copy_from_user(&cfg, uconfig, sizeof(cfg)))
		return -EFAULT;
	ret = check_config(&cfg);
	if (ret)
		return ret;

	vm = kzalloc(sizeof(*vm), GFP_KERNEL_ACCOUNT);
	if (!vm)
		return -ENOMEM;
	ret = ida_alloc(&rtvmx_vm_ids, GFP_KERNEL);
	if (ret < 0) {
		kfree(vm);
		return ret;
	}
	vm->id = ret;
	vm->flags = cfg.flags;
	kref_init(&vm->ref);
	INIT_LIST_HEAD(&vm->node);
	if (cfg.name[0])
		strscpy(vm->name, cfg.name, sizeof(vm->name));
	else
		snprintf(vm->name, sizeof(vm->name), "vm%u", vm->id);
	mutex_init(&vm->lock);
	init_waitqueue_head(&vm->state_wq);
	INIT_WORK(&vm->stopped_work, vm_stopped_wake);
	INIT_WORK(&vm->deadline_work, vm_deadline_event);
	rtvmx_console_init(&vm->console);
	rtvmx_vm_pio_init(vm);

	vm->dev = kzalloc(rtvmx_devices_size(), GFP_KERNEL_ACCOUNT);
	ret = vm->dev ? 0 : -ENOMEM;
	ret = ret ?: rtvmx_vm_mmio_init(vm, cfg.flags) ?:
	      rtvmx_devices_init(vm->dev, &vm->mmio, cfg.mem_size,
				 (u64)tsc_khz * 1000, ktime_get_real_seconds()) ?:
	      rtvmx_guest_mem_alloc(&vm->mem, cfg.mem_size) ?:
	      vm_apicv_init(vm);
	if (ret)
		goto out_free;
	ret = rtvmx_vms_add(vm);
	if (ret)
		goto out_free;
	rtvmx_vm_debugfs_add(vm);
	/* The reference of kref_init() goes to the fd. */
	fd = anon_inode_getfd("rtvmx-vm", &vm_fops, vm, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		rtvmx_vm_destroy(vm);
		rtvmx_vm_put(vm);
	}
	return fd;

out_free:
	vm_free(vm);
	return ret;
}

int rtvmx_vm_attach(const void __user *uarg)
{
	struct rtvmx_vm_attach a;
	struct rtvmx_vm *vm;
	int fd;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	if (a.flags || !rtvmx_all_zero(a.reserved, sizeof(a.reserved))) {
		pr_notice("ATTACH_VM: flags %#x and reserved must be zero\n", a.flags);
		return -EINVAL;
	}
	vm = rtvmx_vm_find(a.id);
	if (!vm)
		return -ENOENT;
	if (!(vm->flags & RTVMX_VM_PERSISTENT)) {
		pr_notice("ATTACH_VM: VM %s (id %u) is not persistent; only its launcher has it\n",
			  vm->name, vm->id);
		rtvmx_vm_put(vm);
		return -EINVAL;
	}
	if (smp_load_acquire(&vm->state) == RTVMX_VM_CREATED) {
		pr_notice("ATTACH_VM: VM %s (id %u) is not started yet\n", vm->name, vm->id);
		rtvmx_vm_put(vm);
		return -EBUSY;
	}
	/* The lookup's reference goes to the fd. */
	fd = anon_inode_getfd("rtvmx-vm", &vm_fops, vm, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		rtvmx_vm_put(vm);
	return fd;
}
