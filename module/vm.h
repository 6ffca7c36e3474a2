/* SPDX-License-Identifier: GPL-2.0 */
/* A VM: its RAM, its vCPUs (run by their CPUs' loops, vmx/sched.c), its console. */
#ifndef RTVMX_MODULE_VM_H
#define RTVMX_MODULE_VM_H

#include <linux/debugfs.h>
#include <linux/irq_work.h>
#include <linux/kfifo.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <linux/rtvmx.h>
#include "guest_mem.h"
#include "vm_devices.h"
#include "../emul/mmio_bus.h"
#include "../emul/regfile.h"
#include "../emul/uart16550.h"
#include "../vmx/sched.h"
#include "../vmx/vcpu.h"

#define CONSOLE_OUT_SIZE	4096
#define CONSOLE_IN_SIZE		256

/*
 * The guest's console. "out" has one producer (the run loops, serialized by
 * the VM's uart_lock when there are several) and one consumer (readers, serialized by read_lock);
 * "in" has one producer (writers, serialized by write_lock) and one
 * consumer (the run loops, under uart_lock).
 */
struct rtvmx_console {
	DECLARE_KFIFO(out, u8, CONSOLE_OUT_SIZE);
	DECLARE_KFIFO(in, u8, CONSOLE_IN_SIZE);
	struct mutex read_lock;
	struct mutex write_lock;
	wait_queue_head_t wq;		/* readers and pollers */
	struct irq_work wake;		/* wakes wq from the run loop */
	u64 dropped;			/* output bytes lost to a full buffer */
};

struct rtvmx_vm {
	u32 id;
	char name[RTVMX_NAME_LEN];
	u32 flags;			/* RTVMX_VM_* of CREATE_VM, fixed */
	/* References: each VM fd, the persistence of a persistent VM, lookups. */
	struct kref ref;
	/* Registry state, under the registry lock (vm_registry.c). */
	struct list_head node;
	bool listed;			/* findable by id and name */
	bool persistent;		/* holds a reference until destroyed */
	struct rtvmx_guest_mem mem;

	struct mutex lock;		/* serializes ioctls and teardown */
	u32 state;			/* RTVMX_VM_*; STOPPED is set by stopped_work */
	wait_queue_head_t state_wq;	/* woken when state becomes STOPPED */
	struct work_struct stopped_work; /* sets STOPPED, wakes state_wq and readers */
	struct work_struct deadline_work; /* the deadline-missed event, for the loop */
	atomic64_t miss_lateness_ns;	/* of the last miss the loop reported */
	bool boot_ready;
	struct rtvmx_boot_regs boot;	/* vCPU 0's, from SET_BOOT_STATE */
	/*
	 * vCPU n has APIC ID n. @nr_vcpus grows under @lock before START and
	 * is fixed after; lock-free readers READ_ONCE() it (the slots below it
	 * are filled first).
	 */
	unsigned int nr_vcpus;
	struct rtvmx_vcpu *vcpus[RTVMX_MAX_VCPUS];
	struct rtvmx_vcpu_config vcpu_config[RTVMX_MAX_VCPUS];	/* as CREATE_VCPU took them */
	atomic_t vcpus_live;		/* started vCPUs the loops have not retired */
	struct rtvmx_vcpu *stopped_first; /* whose stop reason is the VM's; set once (cmpxchg) */
	u64 unhandled_pio;
	/* The UART and the console's run-loop side, when the VM has several vCPUs. */
	raw_spinlock_t uart_lock;
	struct uart16550 uart;		/* console UART at 0x3f8, under @uart_lock (vm_pio.c) */
	struct mmio_bus mmio;		/* filled at creation, read-only once the VM runs */
	struct regfile *test_mmio;	/* uapi RTVMX_VM_TEST_MMIO, or NULL */
	struct debugfs_blob_wrapper test_mmio_blob;	/* its registers in debugfs */
	struct rtvmx_vm_devices *dev;	/* PIC, PIT, RTC, I/O APIC, LAPICs; own lock */
	u32 apicv;			/* RTVMX_APICV_* in use, fixed at creation */
	struct page *apic_access;	/* with RTVMX_APICV_APIC_ACCESS */

	struct rtvmx_console console;
	struct dentry *debugfs;
};

/* RTVMX_SET_BOOT_STATE, with vm->lock held (module/boot_state.c). */
int rtvmx_vm_set_boot_state(struct rtvmx_vm *vm, const void __user *uarg);

void rtvmx_console_init(struct rtvmx_console *con);
void rtvmx_console_exit(struct rtvmx_console *con);
/* From the run loop: never sleeps, drops the byte when the buffer is full. */
void rtvmx_console_put(struct rtvmx_console *con, u8 c);
bool rtvmx_console_get(struct rtvmx_console *con, u8 *c);
/* Wake readers for output not yet signalled; from the run loop too. */
void rtvmx_console_flush(struct rtvmx_console *con);

extern const struct rtvmx_vcpu_ops rtvmx_vm_vcpu_ops;
void rtvmx_vm_stopped(void *vm, struct rtvmx_vcpu *vcpu);
/* The vCPU whose stop reason, detail and exit code are the VM's (vCPU 0 until one stops). */
const struct rtvmx_vcpu *rtvmx_vm_stop_vcpu(struct rtvmx_vm *vm);
void rtvmx_vm_deadline_missed(void *vm, u64 lateness_ns);
void rtvmx_vm_pio_init(struct rtvmx_vm *vm);

/* vm_mmio.c: the MMIO bus and its devices, per the CREATE_VM @flags. */
int rtvmx_vm_mmio_init(struct rtvmx_vm *vm, u32 flags);
void rtvmx_vm_mmio_free(struct rtvmx_vm *vm);
bool rtvmx_vm_is_mmio(void *vm, u64 gpa);
extern const struct emul_ops rtvmx_vm_emul_ops;

void rtvmx_vm_debugfs_add(struct rtvmx_vm *vm);
/* vm_debugfs.c: vm<id>/vcpu<n> of a new vCPU. */
void rtvmx_vm_debugfs_add_vcpu(struct rtvmx_vm *vm, struct rtvmx_vcpu *vcpu);

/* irq_debugfs.c: vcpu<n>/latency and vcpu<n>/apic. */
void rtvmx_irq_debugfs_vcpu(struct rtvmx_vcpu *vcpu, struct dentry *dir);

/* vm_sched.c: uapi scheduling parameters to rt_sched's; 0 or -EINVAL (dmesg says why). */
int rtvmx_sched_params(const struct rtvmx_vcpu_config *c, struct rts_params *p,
		       const char *vm_name);
/* sched_debugfs.c: vcpu<n>/sched, and cpu<n>/sched for every reserved CPU. */
void rtvmx_sched_debugfs_vcpu(struct rtvmx_vcpu *vcpu, struct dentry *dir);
void rtvmx_sched_debugfs_init(struct dentry *root);
/* Adds @v's part to the sched_* fields of GET_INFO. */
void rtvmx_sched_add_info(const struct rtvmx_vcpu *v, struct rtvmx_vm_info *info);

/* vm.c: drops a reference; the last one stops the VM and frees it. Sleeps. */
void rtvmx_vm_put(struct rtvmx_vm *vm);
/* vm.c: stops a running VM and waits; -EINVAL when it is not running. */
int rtvmx_vm_stop(struct rtvmx_vm *vm);
/* vm.c: what RTVMX_GET_INFO reports; the caller holds vm->lock. */
void rtvmx_vm_get_info(struct rtvmx_vm *vm, struct rtvmx_vm_info *info);

/*
 * vm_registry.c: every VM from creation until it is destroyed or freed.
 * Lookups return the VM with a reference (rtvmx_vm_put() it) or NULL.
 */
int rtvmx_vms_add(struct rtvmx_vm *vm);
struct rtvmx_vm *rtvmx_vm_find(u32 id);
struct rtvmx_vm *rtvmx_vm_find_name(const char *name);
/* The listed VM with the smallest id >= @id, for dumps. */
struct rtvmx_vm *rtvmx_vm_next(u32 id);
/* The listed VM with a vCPU on @cpu. */
struct rtvmx_vm *rtvmx_vm_on_cpu(unsigned int cpu);
/* Unlists the VM; false when it was not listed. */
bool rtvmx_vms_remove(struct rtvmx_vm *vm);
/*
 * Stops the VM if it runs, unlists it and drops its persistence; -ENOENT
 * when another caller destroyed it first.
 */
int rtvmx_vm_destroy(struct rtvmx_vm *vm);

#endif
