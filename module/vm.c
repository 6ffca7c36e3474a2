// SPDX-License-Identifier: GPL-2.0
/*
 * VM objects and their fd: creation with validated input, the ioctls on the
 * VM fd, the vCPU thread, mmap of guest RAM, and the console read/write/poll.
 * A VM lives until its last reference goes (vm.h); closing the fd of a VM
 * that is not persistent stops it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/kthread.h>
#include <linux/math64.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/tsc.h>

#include "netlink.h"
#include "rtvmx.h"
#include "trace.h"
#include "vm.h"

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

/* Last reference gone: the vCPU thread, if any, has been stopped already. */
static void vm_free(struct rtvmx_vm *vm)
{
	debugfs_remove_recursive(vm->debugfs);
	if (vm->has_vcpu) {
		rtvmx_vcpu_destroy(&vm->vcpu);
		rtvmx_cpu_release(vm->vcpu.cpu);
		rtvmx_nl_cpu_event(RTVMX_CMD_EVENT_CPU_RELEASED, vm->vcpu.cpu, vm);
	}
	rtvmx_console_exit(&vm->console);
	rtvmx_vm_mmio_free(vm);
	rtvmx_guest_mem_free(&vm->mem);
	ida_free(&rtvmx_vm_ids, vm->id);
	kfree(vm);
}

static int vcpu_thread(void *data)
{
	struct rtvmx_vm *vm = data;

	trace_rtvmx_sched(vm->vcpu.cpu, vm->id, 0, RTVMX_TRACE_SCHED_RUN);
	rtvmx_vcpu_run(&vm->vcpu);
	trace_rtvmx_sched(vm->vcpu.cpu, vm->id, 0, RTVMX_TRACE_SCHED_STOP);
	smp_store_release(&vm->state, RTVMX_VM_STOPPED);
	rtvmx_nl_vm_stopped(vm);
	wake_up_all(&vm->state_wq);
	wake_up_interruptible(&vm->console.wq);

	/* Stay until the VM is torn down, so kthread_stop() has a thread to stop. */
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

/* Ask a running vCPU to stop and wait until its thread says it has. */
static int vm_stop_and_wait(struct rtvmx_vm *vm, bool interruptible)
{
	rtvmx_vcpu_stop(&vm->vcpu, RTVMX_STOP_USER, 0);
	rtvmx_vcpu_kick(&vm->vcpu);
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
	if (vm->thread) {
		kthread_stop(vm->thread);
		put_task_struct(vm->thread);
	}
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

/* GDT and identity page tables of RTVMX_BOOT_64BIT_FLAT, written into guest RAM. */
static void build_flat_boot_area(struct rtvmx_vm *vm)
{
	u64 gib = RTVMX_BOOT_MAPPED_GIB(vm->mem.size);
	u64 *gdt = rtvmx_gpa_to_hva(&vm->mem, RTVMX_BOOT_AREA_GPA);
	u64 *pml4 = rtvmx_gpa_to_hva(&vm->mem, RTVMX_BOOT_AREA_GPA + 0x1000);
	u64 *pdpt = rtvmx_gpa_to_hva(&vm->mem, RTVMX_BOOT_AREA_GPA + 0x2000);
	u64 pd_gpa = RTVMX_BOOT_AREA_GPA + 0x3000, i;

	clear_page(gdt);
	gdt[RTVMX_BOOT_CS / 8] = 0x00af9b000000ffffULL;	/* 64-bit code, DPL 0 */
	gdt[RTVMX_BOOT_DS / 8] = 0x00cf93000000ffffULL;	/* flat data, DPL 0 */
	gdt[RTVMX_BOOT_TSS / 8] = 0x00008b0000000067ULL;	/* busy 64-bit TSS at 0 */
	clear_page(pml4);
	clear_page(pdpt);
	pml4[0] = (RTVMX_BOOT_AREA_GPA + 0x2000) | _PAGE_PRESENT | _PAGE_RW;
	for (i = 0; i < gib; i++) {
		u64 *pd = rtvmx_gpa_to_hva(&vm->mem, pd_gpa + i * PAGE_SIZE);
		u64 j;

		clear_page(pd);
		pdpt[i] = (pd_gpa + i * PAGE_SIZE) | _PAGE_PRESENT | _PAGE_RW;
		for (j = 0; j < 512; j++)
			pd[j] = (i << 30) | (j << 21) | _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE;
	}
}

static long vm_set_boot_state(struct rtvmx_vm *vm, const void __user *uarg)
{
	u64 area_end = RTVMX_BOOT_AREA_GPA + RTVMX_BOOT_AREA_SIZE(vm->mem.size);
	struct rtvmx_boot_state b;

	if (copy_from_user(&b, uarg, sizeof(b)))
		return -EFAULT;
	if (b.mode != RTVMX_BOOT_64BIT_FLAT || b.flags || !rtvmx_all_zero(b.reserved, sizeof(b.reserved))) {
		pr_notice("%s: SET_BOOT_STATE: unknown mode %u or flags %#x, or nonzero reserved\n",
			  vm->name, b.mode, b.flags);
		return -EINVAL;
	}
	if (b.entry >= vm->mem.size || (b.entry >= RTVMX_BOOT_AREA_GPA && b.entry < area_end) ||
	    b.stack > vm->mem.size) {
		pr_notice("%s: SET_BOOT_STATE: entry %#llx or stack %#llx outside RAM, or entry in the boot area [%#llx, %#llx)\n",
			  vm->name, b.entry, b.stack, RTVMX_BOOT_AREA_GPA, area_end);
		return -EINVAL;
	}
	if (vm->state != RTVMX_VM_CREATED)
		return -EBUSY;
	build_flat_boot_area(vm);
	vm->vcpu.boot.rip = b.entry;
	vm->vcpu.boot.rsp = b.stack ?: vm->mem.size;
	vm->vcpu.boot.rdi = b.arg;
	vm->vcpu.boot.cr3 = RTVMX_BOOT_AREA_GPA + 0x1000;
	vm->boot_ready = true;
	return 0;
}

static long vm_create_vcpu(struct rtvmx_vm *vm, const void __user *uarg)
{
	struct rtvmx_vcpu_config c;
	int ret;

	if (copy_from_user(&c, uarg, sizeof(c)))
		return -EFAULT;
	if (c.sched_policy != RTVMX_SCHED_DEDICATED || !rtvmx_all_zero(c.reserved, sizeof(c.reserved))) {
		pr_notice("%s: CREATE_VCPU: unknown scheduling policy %u, or nonzero reserved\n",
			  vm->name, c.sched_policy);
		return -EINVAL;
	}
	if (vm->has_vcpu) {
		pr_notice("%s: CREATE_VCPU: this VM has its vCPU already (one per VM)\n", vm->name);
		return -EEXIST;
	}
	ret = rtvmx_cpu_claim(c.cpu, vm->name);
	if (ret)
		return ret;
	ret = rtvmx_vcpu_init(&vm->vcpu, c.cpu, vm->mem.ept.eptp);
	if (ret) {
		rtvmx_cpu_release(c.cpu);
		return ret;
	}
	vm->vcpu.vm = vm;
	vm->vcpu.ops = &rtvmx_vm_vcpu_ops;
	WRITE_ONCE(vm->has_vcpu, true);
	rtvmx_nl_cpu_event(RTVMX_CMD_EVENT_CPU_RESERVED, c.cpu, vm);
	return 0;
}

static long vm_start(struct rtvmx_vm *vm)
{
	struct task_struct *t;

	if (vm->state == RTVMX_VM_RUNNING)
		return -EBUSY;
	if (vm->state == RTVMX_VM_STOPPED) {
		pr_notice("%s: START: a stopped VM cannot be restarted; create a new one\n", vm->name);
		return -EINVAL;
	}
	if (!vm->has_vcpu || !vm->boot_ready) {
		pr_notice("%s: START: needs a vCPU and a boot state first\n", vm->name);
		return -EINVAL;
	}
	t = kthread_create_on_cpu(vcpu_thread, vm, vm->vcpu.cpu, "rtvmx/%u");
	if (IS_ERR(t))
		return PTR_ERR(t);
	get_task_struct(t);
	sched_set_fifo(t);
	vm->thread = t;
	vm->state = RTVMX_VM_RUNNING;
	/* Before the thread runs, so STARTED comes before STOPPED. */
	rtvmx_nl_vm_started(vm);
	wake_up_process(t);
	return 0;
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

void rtvmx_vm_get_info(struct rtvmx_vm *vm, struct rtvmx_vm_info *info)
{
	const struct rtvmx_vcpu *v = &vm->vcpu;

	memset(info, 0, sizeof(*info));
	info->id = vm->id;
	info->state = smp_load_acquire(&vm->state);
	memcpy(info->name, vm->name, sizeof(info->name));
	info->mem_size = vm->mem.size;
	info->cpu = vm->has_vcpu ? v->cpu : -1;
	info->stop_reason = READ_ONCE(v->stop_reason);
	info->stop_detail = READ_ONCE(v->stop_detail);
	info->exit_code = READ_ONCE(v->exit_code);
	info->guest_ns = tsc_to_ns(READ_ONCE(v->guest_tsc));
	info->host_ns = tsc_to_ns(READ_ONCE(v->host_tsc));
	info->exits_total = READ_ONCE(v->exits_total);
	memcpy(info->exits, v->exits, sizeof(info->exits));
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
		ret = vm_set_boot_state(vm, uarg);
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
	rtvmx_console_init(&vm->console);
	rtvmx_vm_pio_init(vm);

	ret = rtvmx_vm_mmio_init(vm, cfg.flags) ?: rtvmx_guest_mem_alloc(&vm->mem, cfg.mem_size);
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
