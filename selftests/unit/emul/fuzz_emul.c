// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the decoder, the page walk and the emulator: the
 * input is a CPU state and the guest's RAM (fuzz_input.h), and each run
 * decodes the RAM's first bytes in all three modes, then runs emul_run() at
 * RIP. Beyond ASan and UBSan, it traps when emul/ breaks its own contract:
 * a callback given a length or range it promised not to give, a result or
 * exception vector outside the documented set, or a decoded length that the
 * fields do not add up to.
 */
#include <stdint.h>
#include <stddef.h>

#include "emul.h"
#include "fuzz_input.h"

#define MMIO_WINDOW	0xa0000ULL	/* guest-physical 0xa0000-0xaffff is the device */

struct fz {
	u8 ram[FZ_RAM_SIZE];
	u8 mmio[64];
	unsigned int races;		/* cmpxchg_phys calls still to fail with -EAGAIN */
};

static struct fz fz;

void emul_host_log(const char *fmt, ...)
{
	(void)fmt;
}

static void check(bool ok)
{
	if (!ok)
		__builtin_trap();
}

/* One 4 KiB page at most, and an address the host can refuse. */
static int fz_range(u64 gpa, unsigned int len, unsigned int max)
{
	check(len >= 1 && len <= max && !((gpa ^ (gpa + len - 1)) >> 12));
	return ((gpa >> 32) & 0xff) == 0xee ? -EFAULT : 0;
}

static u8 *fz_byte(u64 gpa)
{
	if ((gpa & ~0xffffULL) == MMIO_WINDOW)
		return &fz.mmio[gpa & 63];
	return &fz.ram[gpa % FZ_RAM_SIZE];
}

static int fz_read_phys(void *opaque, u64 gpa, void *buf, unsigned int len)
{
	unsigned int i;
	int ret = fz_range(gpa, len, 15);

	(void)opaque;
	for (i = 0; !ret && i < len; i++)
		((u8 *)buf)[i] = fz.ram[(gpa + i) % FZ_RAM_SIZE];
	return ret;
}

static int fz_cmpxchg_phys(void *opaque, u64 gpa, u64 old, u64 new, unsigned int len)
{
	u64 cur = 0;
	unsigned int i;
	int ret = fz_range(gpa, len, 8);

	(void)opaque;
	check(len == 4 || len == 8);
	if (ret)
		return ret;
	if (fz.races) {
		fz.races--;
		return -EAGAIN;
	}
	for (i = 0; i < len; i++)
		cur |= (u64)fz.ram[(gpa + i) % FZ_RAM_SIZE] << (8 * i);
	if (cur != old)
		return -EAGAIN;
	for (i = 0; i < len; i++)
		fz.ram[(gpa + i) % FZ_RAM_SIZE] = new >> (8 * i);
	return 0;
}

static int fz_read_mem(void *opaque, u64 gpa, void *buf, unsigned int len)
{
	unsigned int i;
	int ret = fz_range(gpa, len, 8);

	(void)opaque;
	for (i = 0; !ret && i < len; i++)
		((u8 *)buf)[i] = *fz_byte(gpa + i);
	return ret;
}

static int fz_write_mem(void *opaque, u64 gpa, const void *buf, unsigned int len)
{
	unsigned int i;
	int ret = fz_range(gpa, len, 8);

	(void)opaque;
	for (i = 0; !ret && i < len; i++)
		*fz_byte(gpa + i) = ((const u8 *)buf)[i];
	return ret;
}

static const struct emul_ops fz_ops = {
	.read_phys = fz_read_phys,
	.cmpxchg_phys = fz_cmpxchg_phys,
	.read_mem = fz_read_mem,
	.write_mem = fz_write_mem,
};

static u64 get64(const u8 *p)
{
	u64 v = 0;
	unsigned int i;

	for (i = 0; i < 8; i++)
		v |= (u64)p[i] << (8 * i);
	return v;
}

static void set_segs(struct emul_cpu *cpu, u32 code_ar, u32 data_ar, u32 limit)
{
	unsigned int s;

	for (s = 0; s < EMUL_NR_SREGS; s++) {
		cpu->seg[s].ar = s == EMUL_CS ? code_ar : data_ar;
		cpu->seg[s].limit = limit;
		cpu->seg[s].base = s >= EMUL_FS ? 0x1000ULL * s : 0;
	}
}

static void vary_segs(struct emul_cpu *cpu, u8 segs)
{
	unsigned int s;

	for (s = 0; s < EMUL_NR_SREGS; s++)
		if (s != EMUL_CS)
			cpu->seg[s].limit >>= segs >> 4;
	if (segs & 1)
		cpu->seg[EMUL_DS].ar |= EMUL_AR_UNUSABLE;
	if (segs & 2)
		cpu->seg[EMUL_SS].ar |= EMUL_AR_TYPE_ED;
	if (segs & 4)
		cpu->rflags |= EMUL_RFLAGS_VM;
	if (segs & 8)
		cpu->seg[EMUL_CS].limit = 0xfff;
}

/* CPU state from the header (all of it present: the caller checked). */
static void cpu_from(struct emul_cpu *cpu, const u8 *in)
{
	u8 cfg = in[FZ_CONFIG], more = in[FZ_MORE];
	struct emul_paging *pg = &cpu->paging;
	unsigned int i, mode = cfg & 3;
	u32 dpl = cfg & 8 ? 3 << 5 : 0;

	memset(cpu, 0, sizeof(*cpu));
	for (i = 0; i < EMUL_NR_GPRS; i++)
		cpu->gpr[i] = get64(in + FZ_GPRS + 8 * i);
	cpu->rip = get64(in + FZ_RIP);
	cpu->rflags = 2 | (cfg & 0x40 ? EMUL_RFLAGS_AC : 0) | (more & 4 ? EMUL_RFLAGS_DF : 0);
	pg->cr3 = get64(in + FZ_CR3);
	pg->maxphyaddr = 36 + (in[FZ_CR3] & 15);
	pg->cr4 = (cfg & 0x10 ? EMUL_CR4_SMEP : 0) | (cfg & 0x20 ? EMUL_CR4_SMAP : 0) |
		  (more & 2 ? EMUL_CR4_PSE : 0);
	pg->cr0 = cfg & 0x80 ? EMUL_CR0_WP : 0;
	pg->efer = more & 1 ? EMUL_EFER_NXE : 0;
	pg->pdpte_valid = more & 0x10;
	for (i = 0; i < 4; i++)
		pg->pdpte[i] = get64(in + FZ_GPRS + 8 * i);
	set_segs(cpu, 0x9b | (more & 8 ? EMUL_AR_DB : 0) | dpl, 0x93 | dpl,
		 mode == FZ_MODE_REAL ? 0xffff : 0xffffffff);
	vary_segs(cpu, in[FZ_SEGS]);
	if (mode == FZ_MODE_REAL)
		return;
	pg->cr0 |= EMUL_CR0_PE;
	if (mode == FZ_MODE_PROT)
		return;
	pg->cr0 |= EMUL_CR0_PG;
	pg->cr4 |= cfg & 4 ? EMUL_CR4_PAE : 0;
	if (mode == FZ_MODE_PAGED)
		return;
	pg->cr4 |= EMUL_CR4_PAE | (cfg & 4 ? EMUL_CR4_LA57 : 0);
	pg->efer |= EMUL_EFER_LMA;
	cpu->seg[EMUL_CS].ar |= EMUL_AR_L;
	cpu->seg[EMUL_CS].ar &= ~EMUL_AR_DB;
}

static void fuzz_decode(const u8 *bytes, size_t size)
{
	static const enum emul_mode modes[] = { EMUL_MODE16, EMUL_MODE32, EMUL_MODE64 };
	struct emul_insn insn;
	unsigned int i;
	int ret;

	for (i = 0; i < 3; i++) {
		ret = emul_decode(&insn, bytes, size, modes[i]);
		check(ret == 0 || ret == -EILSEQ || ret == -EOPNOTSUPP || ret == -E2BIG ||
		      ret == -ENODATA);
		if (ret)
			continue;
		check(insn.len >= 1 && insn.len <= EMUL_INSN_MAX && insn.len <= size);
		check(insn.prefixes.nbytes + insn.rex.nbytes + insn.opcode.nbytes +
		      insn.modrm.nbytes + insn.sib.nbytes + insn.disp.nbytes + insn.imm.nbytes ==
		      insn.len);
	}
}

static void fuzz_run(const u8 *in)
{
	static struct emul_ctxt ctxt;
	static struct emul_cpu cpu;
	u64 rip0;
	int ret;

	cpu_from(&cpu, in);
	memset(&ctxt, 0, sizeof(ctxt));
	ctxt.cpu = &cpu;
	ctxt.ops = &fz_ops;
	ctxt.opaque = &fz;
	ctxt.max_rep = in[FZ_MAX_REP];
	fz.races = in[FZ_MORE] >> 5;
	rip0 = cpu.rip;
	ret = emul_run(&ctxt);
	check((ret >= EMUL_RETIRED && ret <= EMUL_RETRY) || ret == -EOPNOTSUPP || ret == -EIO ||
	      ret == -EINVAL);
	if (ret == EMUL_EXCEPTION)
		check(ctxt.exc.vector == EMUL_UD_VECTOR || ctxt.exc.vector == EMUL_GP_VECTOR ||
		      ctxt.exc.vector == EMUL_SS_VECTOR || ctxt.exc.vector == EMUL_PF_VECTOR);
	if (ret != EMUL_RETIRED)
		check(cpu.rip == rip0);
	else
		check(ctxt.insn.len >= 1 && ctxt.insn.len <= EMUL_INSN_MAX);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t ram = size > FZ_RAM_IMAGE ? size - FZ_RAM_IMAGE : 0;

	fuzz_decode(data, size);
	if (size < FZ_RAM_IMAGE)
		return 0;
	memset(fz.ram, 0, sizeof(fz.ram));
	memset(fz.mmio, 0, sizeof(fz.mmio));
	memcpy(fz.ram, data + FZ_RAM_IMAGE, ram < FZ_RAM_SIZE ? ram : FZ_RAM_SIZE);
	fuzz_run(data);
	return 0;
}
