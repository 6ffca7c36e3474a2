// SPDX-License-Identifier: GPL-2.0
/*
 * Emulated MMIO. An EPT violation inside one of the VM's MMIO regions runs
 * the instruction at the guest's CS:RIP through emul/: fetch through the
 * guest page tables, decode, execute with its data accesses routed by the
 * VM (guest RAM or the MMIO bus, vcpu->ops->emul). Then the registers are
 * written back, or the exception emul/ asks for is injected, or the VM
 * stops; the policy for each result is at the top of emul/emul.h.
 *
 * Runs in the exit handler with interrupts off: the emulator state lives in
 * the vCPU, nothing here allocates, sleeps or locks.
 */
#include <linux/build_bug.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/msr-index.h>
#include <asm/processor-flags.h>
#include <asm/trapnr.h>
#include <asm/vmx.h>

#include "exits.h"
#include "vcpu.h"
#include "vmcs_ops.h"

/* Exit qualification of an EPT violation (SDM Vol. 3C, 28.2.1, Table 28-7). */
#define EPT_QUAL_READ		BIT(0)	/* the access was a data read */
#define EPT_QUAL_WRITE		BIT(1)	/* the access was a data write */
#define EPT_QUAL_FETCH		BIT(2)	/* the access was an instruction fetch */
#define EPT_QUAL_GLA_VALID	BIT(7)	/* the guest linear-address field is valid */
#define EPT_QUAL_GLA_XLATED	BIT(8)	/* with bit 7: an access to the translated linear
					 * address, not to a paging-structure entry */

static_assert((int)NR_GPRS == (int)EMUL_NR_GPRS && (int)GPR_RSP == (int)EMUL_RSP &&
	      (int)GPR_R15 == (int)EMUL_R15,
	      "vcpu->regs and emul_cpu.gpr must share the x86 encoding order");

#define load_seg(s, SEG)						\
	do {								\
		(s)->sel = vmcs_read16(GUEST_##SEG##_SELECTOR);		\
		(s)->base = vmcs_readl(GUEST_##SEG##_BASE);		\
		(s)->limit = vmcs_read32(GUEST_##SEG##_LIMIT);		\
		(s)->ar = vmcs_read32(GUEST_##SEG##_AR_BYTES);		\
	} while (0)

static void load_segments(struct emul_cpu *cpu)
{
	load_seg(&cpu->seg[EMUL_ES], ES);
	load_seg(&cpu->seg[EMUL_CS], CS);
	load_seg(&cpu->seg[EMUL_SS], SS);
	load_seg(&cpu->seg[EMUL_DS], DS);
	load_seg(&cpu->seg[EMUL_FS], FS);
	load_seg(&cpu->seg[EMUL_GS], GS);
}

/*
 * CR0 and CR4 as the guest runs with them (CR4.VMXE is set underneath, which
 * the walk ignores). Under PAE paging the CPU saved the PDPTEs it uses into
 * the VMCS at the exit (SDM 28.3.4), so the walk takes those.
 */
static void load_paging(struct rtvmx_vcpu *vcpu, struct emul_paging *pg)
{
	pg->cr0 = vmcs_readl(GUEST_CR0);
	pg->cr3 = vmcs_readl(GUEST_CR3);
	pg->cr4 = vmcs_readl(GUEST_CR4);
	pg->efer = vmcs_read64(GUEST_IA32_EFER);
	pg->maxphyaddr = vcpu->maxphyaddr;
	pg->pdpte_valid = (pg->cr0 & X86_CR0_PG) && (pg->cr4 & X86_CR4_PAE) &&
			  !(pg->efer & EFER_LMA);
	if (!pg->pdpte_valid)
		return;
	pg->pdpte[0] = vmcs_read64(GUEST_PDPTR0);
	pg->pdpte[1] = vmcs_read64(GUEST_PDPTR1);
	pg->pdpte[2] = vmcs_read64(GUEST_PDPTR2);
	pg->pdpte[3] = vmcs_read64(GUEST_PDPTR3);
}

/*
 * The translation the CPU made for the access that exited: emul/ uses it for
 * accesses of that kind to that linear page instead of walking the guest's
 * tables again (mmio_not_emulable() made sure the linear address is valid).
 */
static void load_known_xlate(struct emul_known_xlate *k, u64 gpa)
{
	unsigned long q = vmcs_readl(EXIT_QUALIFICATION);

	k->la = vmcs_readl(GUEST_LINEAR_ADDRESS) & PAGE_MASK;
	k->gpa = gpa & PAGE_MASK;
	k->access = (q & EPT_QUAL_READ ? EMUL_KNOWN_READ : 0) |
		    (q & EPT_QUAL_WRITE ? EMUL_KNOWN_WRITE : 0);
}

static void load_emul_cpu(struct rtvmx_vcpu *vcpu, u64 gpa, bool known)
{
	struct emul_cpu *cpu = &vcpu->emul_cpu;
	unsigned int i;

	for (i = 0; i < NR_GPRS; i++)
		cpu->gpr[i] = vcpu->regs[i];
	cpu->gpr[EMUL_RSP] = vmcs_readl(GUEST_RSP);
	cpu->rip = vmcs_readl(GUEST_RIP);
	cpu->rflags = vmcs_readl(GUEST_RFLAGS);
	load_segments(cpu);
	load_paging(vcpu, &cpu->paging);

	vcpu->emul.cpu = cpu;
	vcpu->emul.ops = vcpu->ops->emul;
	vcpu->emul.opaque = vcpu->vm;
	vcpu->emul.max_rep = 0;
	if (known)
		load_known_xlate(&vcpu->emul.known, gpa);
	else
		vcpu->emul.known.access = 0;
}

/*
 * The instruction ran (or ran some REP iterations): registers back, and no
 * blocking by STI or MOV SS any more (interruptibility state, SDM 25.4.2).
 */
static void store_emul_cpu(struct rtvmx_vcpu *vcpu)
{
	const struct emul_cpu *cpu = &vcpu->emul_cpu;
	unsigned int i;

	for (i = 0; i < NR_GPRS; i++)
		vcpu->regs[i] = cpu->gpr[i];
	vmcs_writel(GUEST_RSP, cpu->gpr[EMUL_RSP]);
	vmcs_writel(GUEST_RIP, cpu->rip);
	vmcs_writel(GUEST_RFLAGS, cpu->rflags);
	rtvmx_end_interrupt_shadow();
}

static void inject_emul_exception(struct rtvmx_vcpu *vcpu, const struct emul_exception *exc)
{
	if (exc->vector == X86_TRAP_PF)
		vcpu->cr2 = exc->cr2;	/* the run loop loads it before the entry */
	rtvmx_inject_exception(vcpu, exc->vector, exc->has_error_code, exc->error_code);
}

/* The first RTVMX_UNSUPPORTED_NR_BYTES instruction bytes, first byte lowest. */
static u64 insn_head(const struct emul_insn *insn)
{
	unsigned int i, n = min_t(unsigned int, insn->avail, RTVMX_UNSUPPORTED_NR_BYTES);
	u64 bytes = 0;

	for (i = 0; i < n; i++)
		bytes |= (u64)insn->bytes[i] << (8 * i);
	return bytes;
}

/* Appends the instruction and the MMIO address to the dump just written. */
static void dump_insn(struct rtvmx_vcpu *vcpu, u64 gpa, int ret)
{
	const struct emul_insn *insn = &vcpu->emul.insn;
	size_t len = strnlen(vcpu->dump, PAGE_SIZE);

	scnprintf(vcpu->dump + len, PAGE_SIZE - len,
		  "mmio: gpa %#llx emul_run %d insn[%u]: %*ph\n", gpa, ret, insn->avail,
		  insn->avail, insn->bytes);
}

static void stop_emul(struct rtvmx_vcpu *vcpu, u64 gpa, int ret, u32 reason, u64 detail,
		      const char *why)
{
	rtvmx_dump_vcpu(vcpu, why);
	dump_insn(vcpu, gpa, ret);
	rtvmx_vcpu_stop(vcpu, reason, detail);
}

/*
 * -EOPNOTSUPP: a valid instruction emul/ does not emulate. -EIO: a guest
 * memory callback failed; one that found nothing at an address has already
 * stopped the vCPU with RTVMX_STOP_EPT_VIOLATION, and that reason stays.
 */
static void emul_failed(struct rtvmx_vcpu *vcpu, u64 gpa, u32 reason, int ret)
{
	u64 detail = reason | insn_head(&vcpu->emul.insn) << 16;

	switch (ret) {
	case -EOPNOTSUPP:
		stop_emul(vcpu, gpa, ret, RTVMX_STOP_UNSUPPORTED, detail,
			  "MMIO access by an instruction rtvmx does not emulate");
		break;
	case -EIO:
		stop_emul(vcpu, gpa, ret, RTVMX_STOP_UNSUPPORTED, detail,
			  "MMIO emulation: a guest memory access failed");
		break;
	default:
		stop_emul(vcpu, gpa, ret, RTVMX_STOP_HOST, ret, "MMIO emulation failed");
	}
}

/*
 * Only a data access by the instruction at RIP can be emulated. Not an access
 * made while the CPU delivered an event (IDT-vectoring information valid, SDM
 * 28.2.4), nor a fetch, nor one to a guest paging-structure entry or to the
 * PDPTEs (Table 28-7, bits 2, 7 and 8).
 */
static const char *mmio_not_emulable(void)
{
	unsigned long q = vmcs_readl(EXIT_QUALIFICATION);

	if (vmcs_read32(IDT_VECTORING_INFO_FIELD) & VECTORING_INFO_VALID_MASK)
		return "MMIO access during event delivery";
	if (q & EPT_QUAL_FETCH)
		return "instruction fetch from MMIO";
	if (!(q & EPT_QUAL_GLA_VALID) || !(q & EPT_QUAL_GLA_XLATED))
		return "guest paging structures in MMIO";
	return NULL;
}

/*
 * Runs the instruction at RIP; @reason is the exit's, for a stop. @known: the
 * exit reported the linear address and the translation to @gpa (EPT
 * violations); an APIC-access exit does not, and emul/ walks.
 */
static void emulate(struct rtvmx_vcpu *vcpu, u64 gpa, u32 reason, bool known)
{
	int ret;

	load_emul_cpu(vcpu, gpa, known);
	ret = emul_run(&vcpu->emul);
	switch (ret) {
	case EMUL_RETIRED:
		vcpu->mmio_emulated++;
		fallthrough;
	case EMUL_REP_YIELD:
		store_emul_cpu(vcpu);
		break;
	case EMUL_EXCEPTION:
		inject_emul_exception(vcpu, &vcpu->emul.exc);
		break;
	case EMUL_RETRY:
		break;
	default:
		emul_failed(vcpu, gpa, reason, ret);
	}
}

void rtvmx_handle_mmio(struct rtvmx_vcpu *vcpu, u64 gpa)
{
	const char *why = mmio_not_emulable();

	vcpu->l1d_flush_needed = true;	/* the emulator and device models run */
	if (why) {
		rtvmx_stop_with_dump(vcpu, RTVMX_STOP_UNSUPPORTED, EXIT_REASON_EPT_VIOLATION, why);
		return;
	}
	emulate(vcpu, gpa, EXIT_REASON_EPT_VIOLATION, true);
}

void rtvmx_handle_apic_access_mmio(struct rtvmx_vcpu *vcpu, u64 gpa)
{
	emulate(vcpu, gpa, EXIT_REASON_APIC_ACCESS, false);
}
