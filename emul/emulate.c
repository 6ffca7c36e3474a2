// SPDX-License-Identifier: GPL-2.0
/*
 * Execution of decoded instructions (see emul.h for the interface and the
 * exception policy). Memory operands are translated before any of them is
 * read or written, so a fault leaves no access half done; the one exception
 * is REP, whose completed iterations stay done, as on the CPU.
 */
#include "emul_host.h"
#include "access.h"
#include "bits.h"
#include "emul.h"
#include "fetch.h"
#include "flags.h"
#include "opcodes.h"
#include "x86.h"

enum emul_mode emul_cpu_mode(const struct emul_cpu *cpu)
{
	u32 cs_ar = cpu->seg[EMUL_CS].ar;

	if ((cpu->paging.efer & EMUL_EFER_LMA) && (cs_ar & EMUL_AR_L))
		return EMUL_MODE64;
	if (!(cpu->paging.cr0 & EMUL_CR0_PE) || (cpu->rflags & EMUL_RFLAGS_VM))
		return EMUL_MODE16;
	return cs_ar & EMUL_AR_DB ? EMUL_MODE32 : EMUL_MODE16;
}

unsigned int emul_cpl(const struct emul_cpu *cpu)
{
	if (!(cpu->paging.cr0 & EMUL_CR0_PE))
		return 0;
	if (cpu->rflags & EMUL_RFLAGS_VM)
		return 3;
	return EMUL_AR_DPL(cpu->seg[EMUL_SS].ar);
}

static unsigned int access_of(unsigned int opf, unsigned int write_flag)
{
	return opf & write_flag ? EMUL_ACC_WRITE : EMUL_ACC_READ;
}

/*
 * Maps the source, then the destination (the order the CPU accesses them:
 * MOVS reads before it writes), then loads what the operation reads.
 */
static int prepare(struct emul_ctxt *ctxt, struct emul_ref *dst, struct emul_ref *src)
{
	unsigned int opf = emul_op_flags(ctxt->insn.op);
	int ret;

	ret = emul_ref_map(ctxt, &ctxt->insn.src, access_of(opf, EMUL_OPF_WR_SRC), src);
	if (ret)
		return ret;
	ret = emul_ref_map(ctxt, &ctxt->insn.dst, access_of(opf, EMUL_OPF_WR_DST), dst);
	if (ret)
		return ret;
	ret = emul_ref_load(ctxt, src);
	if (ret || !(opf & EMUL_OPF_RD_DST))
		return ret;
	return emul_ref_load(ctxt, dst);
}

/* MOV, MOVZX (zero-extended by the load), MOVSX, MOVSXD */
static int exec_mov(struct emul_ctxt *ctxt)
{
	unsigned int op = ctxt->insn.op;
	struct emul_ref dst, src;
	u64 val;
	int ret;

	ret = prepare(ctxt, &dst, &src);
	if (ret)
		return ret;
	val = src.val;
	if (op == EMUL_OP_MOVSX || op == EMUL_OP_MOVSXD)
		val = emul_sext(val, ctxt->insn.src.size);
	return emul_ref_store(ctxt, &dst, val);
}

/* ADD OR ADC SBB AND SUB XOR CMP TEST */
static int exec_alu(struct emul_ctxt *ctxt)
{
	unsigned int op = ctxt->insn.op;
	struct emul_ref dst, src;
	u64 res;
	int ret;

	ret = prepare(ctxt, &dst, &src);
	if (ret)
		return ret;
	res = emul_alu(op, dst.val, src.val, ctxt->insn.dst.size, &ctxt->cpu->rflags);
	if (!(emul_op_flags(op) & EMUL_OPF_WR_DST))
		return 0;
	return emul_ref_store(ctxt, &dst, res);
}

static int exec_xchg(struct emul_ctxt *ctxt)
{
	struct emul_ref dst, src;
	int ret;

	ret = prepare(ctxt, &dst, &src);
	if (ret)
		return ret;
	ret = emul_ref_store(ctxt, &dst, src.val);
	if (ret)
		return ret;
	return emul_ref_store(ctxt, &src, dst.val);
}

/*
 * BT BTS BTR BTC. A register bit offset with a memory operand addresses a
 * bit string: the offset is signed and may reach outside the operand, whose
 * address moves by whole operands (SDM Vol. 2, BT: "bit base").
 */
static int exec_bt(struct emul_ctxt *ctxt)
{
	const struct emul_insn *insn = &ctxt->insn;
	unsigned int size = insn->dst.size, shift = size == 8 ? 6 : size == 4 ? 5 : 4;
	struct emul_operand base = insn->dst;
	struct emul_ref dst, src;
	u64 bit, val;
	s64 off;
	int ret;

	ret = emul_ref_map(ctxt, &insn->src, EMUL_ACC_READ, &src);
	if (!ret)
		ret = emul_ref_load(ctxt, &src);
	if (ret)
		return ret;
	off = insn->src.type == EMUL_OPND_REG ? emul_sext(src.val, insn->src.size) : (s64)src.val;
	if (insn->src.type == EMUL_OPND_REG && base.type == EMUL_OPND_MEM)
		base.mem.disp = (s64)((u64)base.mem.disp + (u64)((off >> shift) * size));
	bit = 1ULL << ((u64)off & (8 * size - 1));
	ret = emul_ref_map(ctxt, &base,
			   access_of(emul_op_flags(insn->op), EMUL_OPF_WR_DST), &dst);
	if (!ret)
		ret = emul_ref_load(ctxt, &dst);
	if (ret)
		return ret;
	ctxt->cpu->rflags &= ~EMUL_RFLAGS_CF;
	if (dst.val & bit)
		ctxt->cpu->rflags |= EMUL_RFLAGS_CF;
	switch (insn->op) {
	case EMUL_OP_BTS:
		val = dst.val | bit;
		break;
	case EMUL_OP_BTR:
		val = dst.val & ~bit;
		break;
	case EMUL_OP_BTC:
		val = dst.val ^ bit;
		break;
	default:
		return 0;
	}
	return emul_ref_store(ctxt, &dst, val);
}

/* rSI or rDI moves by the element size, down when DF is set. */
static void string_advance(struct emul_ctxt *ctxt, unsigned int reg)
{
	struct emul_cpu *cpu = ctxt->cpu;
	unsigned int asize = ctxt->insn.addrsize;
	u64 v = emul_gpr_read(cpu, reg, asize);
	u64 step = ctxt->insn.dst.size;

	emul_gpr_write(cpu, reg, asize, cpu->rflags & EMUL_RFLAGS_DF ? v - step : v + step);
}

/* One MOVS or STOS element. */
static int string_once(struct emul_ctxt *ctxt)
{
	struct emul_ref dst, src;
	int ret;

	ret = prepare(ctxt, &dst, &src);
	if (ret)
		return ret;
	ret = emul_ref_store(ctxt, &dst, src.val);
	if (ret)
		return ret;
	string_advance(ctxt, EMUL_RDI);
	if (ctxt->insn.op == EMUL_OP_MOVS)
		string_advance(ctxt, EMUL_RSI);
	return 0;
}

/*
 * MOVS, STOS. With REP (F3, or F2 which acts the same here), rCX counts the
 * elements; at most max_rep of them are done per call, then the guest goes
 * on with RIP unchanged and re-executes the instruction for the rest, which
 * is what the CPU does when it takes an interrupt between iterations.
 */
static int exec_string(struct emul_ctxt *ctxt)
{
	unsigned int asize = ctxt->insn.addrsize;
	unsigned int max = ctxt->max_rep ? ctxt->max_rep : EMUL_REP_BATCH;
	unsigned int n;
	u64 count;
	int ret;

	if (!ctxt->insn.prefixes.rep)
		return string_once(ctxt);
	for (n = 0; ; n++) {
		count = emul_gpr_read(ctxt->cpu, EMUL_RCX, asize);
		if (!count)
			return EMUL_RETIRED;
		if (n == max)
			return EMUL_REP_YIELD;
		ret = string_once(ctxt);
		if (ret)
			return ret;
		emul_gpr_write(ctxt->cpu, EMUL_RCX, asize, count - 1);
	}
}

static int exec_op(struct emul_ctxt *ctxt)
{
	switch (ctxt->insn.op) {
	case EMUL_OP_MOV:
	case EMUL_OP_MOVZX:
	case EMUL_OP_MOVSX:
	case EMUL_OP_MOVSXD:
		return exec_mov(ctxt);
	case EMUL_OP_ADD:
	case EMUL_OP_OR:
	case EMUL_OP_ADC:
	case EMUL_OP_SBB:
	case EMUL_OP_AND:
	case EMUL_OP_SUB:
	case EMUL_OP_XOR:
	case EMUL_OP_CMP:
	case EMUL_OP_TEST:
		return exec_alu(ctxt);
	case EMUL_OP_XCHG:
		return exec_xchg(ctxt);
	case EMUL_OP_BT:
	case EMUL_OP_BTS:
	case EMUL_OP_BTR:
	case EMUL_OP_BTC:
		return exec_bt(ctxt);
	case EMUL_OP_MOVS:
	case EMUL_OP_STOS:
		return exec_string(ctxt);
	}
	return -EOPNOTSUPP;
}

int emul_execute(struct emul_ctxt *ctxt)
{
	struct emul_cpu *cpu = ctxt->cpu;
	int ret = exec_op(ctxt);

	if (ret != EMUL_RETIRED)
		return ret;
	cpu->rip = (cpu->rip + ctxt->insn.len) & emul_mask(ctxt->insn.mode);
	cpu->rflags &= ~EMUL_RFLAGS_RF;
	return EMUL_RETIRED;
}

int emul_run(struct emul_ctxt *ctxt)
{
	int ret = emul_fetch_decode(ctxt);

	if (ret)
		return ret;
	return emul_execute(ctxt);
}
