/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Instruction emulation for MMIO exits: fetch, decode, execute.
 *
 * The module's side (issue 4, item 3), on an EPT violation inside a
 * registered MMIO region:
 *
 *	ctxt->cpu = &vcpu->emul_cpu;	filled from the VMCS and the saved GPRs:
 *					gpr[] (RSP from GUEST_RSP), rip, rflags,
 *					seg[] (base/limit/AR/selector), paging (CR0,
 *					CR3, CR4, EFER, the PDPTEs under PAE paging)
 *	ret = emul_run(ctxt);
 *	ret == EMUL_RETIRED      write back gpr[], RSP, RIP, RFLAGS; clear the
 *	                         STI/MOV-SS blocking; resume
 *	ret == EMUL_REP_YIELD    write back as above (RIP unchanged); resume
 *	ret == EMUL_EXCEPTION    inject ctxt->exc (and load CR2 for #PF); resume
 *	ret == EMUL_RETRY        resume; the guest re-executes the instruction
 *	ret == -EOPNOTSUPP       stop the VM, reason EMUL_UNSUPPORTED, with
 *	                         ctxt->insn.opcode/modrm and the bytes
 *	ret == -EIO              stop the VM: a callback failed (see emul_ops)
 *	ret == -EINVAL           a bug in the caller's state (paging.maxphyaddr)
 *
 * emul/ never injects anything itself: an exception comes back as
 * EMUL_EXCEPTION with ctxt->exc, and the caller writes the VM-entry
 * interruption information (and CR2). That keeps the VMCS out of emul/ and
 * lets the tests see every exception. REP MOVS/STOS do at most max_rep
 * elements per call (EMUL_REP_YIELD), so one exit costs bounded time however
 * large RCX is.
 *
 * Exception policy: the guest gets #UD for encodings that are architecturally
 * undefined (insn.h lists them), #GP(0) for an instruction longer than 15
 * bytes, a non-canonical address or a segment-limit violation (#SS(0) when
 * the segment is SS), and #PF with the walk's error code and CR2 for a
 * translation that fails. Valid instructions that emul/ does not emulate stop
 * the VM instead: the CPU has just run them, so #UD would be a lie.
 *
 * Not emulated, left to the caller or not done at all: segment type and
 * privilege checks (the CPU made them for the access that exited), #AC
 * alignment checks, data breakpoints and the TF single-step trap, protection
 * keys, and atomicity of LOCKed or XCHG read-modify-writes against other
 * vCPUs (the bus serialises per device).
 *
 * Everything here runs in the caller's context with no allocation, no
 * locking, no recursion and no global state; no stack frame is over 512
 * bytes and the deepest chain (emul_run() down to a callback) is under 1 KiB
 * (gcc -O2, x86-64). One ctxt per vCPU; the ctxt and the cpu state are only
 * touched during a call.
 */
#ifndef EMUL_EMUL_H
#define EMUL_EMUL_H

#include "emul_host.h"
#include "insn.h"
#include "x86.h"

/*
 * Host callbacks. @opaque is ctxt->opaque. Guest-physical addresses and
 * lengths never cross a 4 KiB page within one call.
 */
struct emul_ops {
	/*
	 * Guest RAM only: paging-structure entries (4 or 8 bytes) and instruction
	 * bytes (up to 15). Returns 0, or -Exxx when @gpa is not RAM; emul_run()
	 * then returns -EIO.
	 */
	int (*read_phys)(void *opaque, u64 gpa, void *buf, unsigned int len);
	/*
	 * Sets accessed/dirty bits in a paging-structure entry: atomically
	 * replaces the @len-byte (4 or 8) little-endian entry at @gpa by @new if
	 * it still holds @old. Returns 0, -EAGAIN if it held something else (the
	 * walk restarts), or another -Exxx (-EIO from emul_run()). May be NULL:
	 * then A/D bits are never set.
	 */
	int (*cmpxchg_phys)(void *opaque, u64 gpa, u64 old, u64 new, unsigned int len);
	/*
	 * The instruction's data accesses, RAM or MMIO: the host routes by @gpa
	 * (the device bus for MMIO regions). @len is the operand size (1, 2, 4
	 * or 8), except that an access which crosses a page is split into two
	 * calls at the boundary. Little-endian @buf. A read-modify-write is one
	 * read_mem and then one write_mem of the same bytes. Returns 0 or -Exxx;
	 * the latter stops the VM (-EIO from emul_run()).
	 */
	int (*read_mem)(void *opaque, u64 gpa, void *buf, unsigned int len);
	int (*write_mem)(void *opaque, u64 gpa, const void *buf, unsigned int len);
};

/* A segment register as the VMCS holds it. */
struct emul_seg {
	u64 base;
	u32 limit;		/* byte-granular (the G bit already applied) */
	u32 ar;			/* VMX access-rights format, EMUL_AR_* */
	u16 sel;
};

/* What the guest page walk needs. */
struct emul_paging {
	u64 cr0;
	u64 cr3;
	u64 cr4;
	u64 efer;
	/*
	 * PAE paging: the four PDPTEs the CPU loaded with CR3 (the VMCS
	 * GUEST_PDPTEn fields under EPT). With pdpte_valid false they are read
	 * from guest memory at CR3 instead.
	 */
	u64 pdpte[4];
	bool pdpte_valid;
	u8 maxphyaddr;		/* guest CPUID.80000008H:EAX[7:0], 32..52 */
};

struct emul_cpu {
	u64 gpr[EMUL_NR_GPRS];	/* enum emul_gpr order */
	u64 rip;
	u64 rflags;
	struct emul_seg seg[EMUL_NR_SREGS];	/* enum emul_sreg order */
	struct emul_paging paging;
};

struct emul_exception {
	u8 vector;		/* EMUL_*_VECTOR */
	bool has_error_code;
	u32 error_code;
	u64 cr2;		/* #PF: the faulting linear address */
};

enum emul_result {
	EMUL_RETIRED,		/* done; RIP is past the instruction */
	EMUL_EXCEPTION,		/* deliver ctxt->exc; RIP still at the instruction */
	EMUL_REP_YIELD,		/* max_rep REP iterations done, more remain; RIP unchanged */
	EMUL_RETRY,		/* nothing done (a guest PTE changed under us); RIP unchanged */
};

#define EMUL_REP_BATCH	64	/* default REP iterations per call */

/*
 * A translation the CPU already made for this instruction: the guest-linear
 * and guest-physical page of the access that caused the exit (an EPT
 * violation reports both, SDM Vol. 3C 28.2.1 and 28.2.6). A data access of
 * a kind in @access to the same linear page uses it instead of walking the
 * guest page tables, which the CPU has just done with the same rights.
 */
struct emul_known_xlate {
	u64 la;			/* page-aligned */
	u64 gpa;		/* page-aligned */
	unsigned int access;	/* EMUL_KNOWN_READ | EMUL_KNOWN_WRITE; 0: none */
};
#define EMUL_KNOWN_READ		(1u << 0)
#define EMUL_KNOWN_WRITE	(1u << 1)

struct emul_ctxt {
	/* set by the caller */
	struct emul_cpu *cpu;		/* in and out */
	const struct emul_ops *ops;
	void *opaque;			/* passed to every callback */
	unsigned int max_rep;		/* REP iterations per call, 0: EMUL_REP_BATCH */
	struct emul_known_xlate known;	/* optional; zeroed: none */
	/* set by emul_run() */
	struct emul_insn insn;		/* the instruction (partly, if refused) */
	struct emul_exception exc;	/* with EMUL_EXCEPTION */
};

/*
 * Fetches the instruction at CS:RIP through the guest page tables, decodes
 * and executes it. Returns an enum emul_result, or -EOPNOTSUPP, -EIO or
 * -EINVAL: the VM must stop (see the top of this file).
 */
int emul_run(struct emul_ctxt *ctxt);

/*
 * Executes ctxt->insn, already decoded by emul_decode() for the mode
 * emul_cpu_mode() gives. Same returns as emul_run().
 */
int emul_execute(struct emul_ctxt *ctxt);

/* The mode the decoder must use for @cpu: 64-bit, 32-bit or 16-bit code. */
enum emul_mode emul_cpu_mode(const struct emul_cpu *cpu);

/* Current privilege level: 0 in real mode, 3 in virtual-8086 mode, else SS.DPL. */
unsigned int emul_cpl(const struct emul_cpu *cpu);

#endif
