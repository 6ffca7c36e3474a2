// SPDX-License-Identifier: GPL-2.0
/*
 * Emulator tests: every row of exec_cases[] through emul_run(), then the
 * paths a table row cannot show: accesses split at a page boundary, #PF on
 * an operand and on the fetch, fetches that cross pages, #GP/#SS for
 * non-canonical addresses, #UD, -EOPNOTSUPP, -EIO, A/D updates and their
 * retry, the CS limit, CPL 3, SMAP with EFLAGS.AC, and REP stopping at a
 * fault.
 */
#include <stdio.h>

#include "cases.h"
#include "tap.h"

#define PD2	0x5000ULL	/* PD for linear 1 GiB..2 GiB */
#define PT2	0x6000ULL	/* PT for linear 0x40000000..0x401fffff */
#define LA4K	0x40000000ULL
#define PTE_PRW	(EMUL_PTE_P | EMUL_PTE_RW)

struct rig {
	struct fake_guest g;
	struct emul_cpu cpu;
	struct emul_ctxt ctxt;
	u64 code_gpa;
};

static void rig_init(struct rig *r, enum emul_mode mode)
{
	fake_init(&r->g);
	cpu_init(&r->cpu, &r->g, mode);
	ctxt_init(&r->ctxt, &r->cpu, &r->g);
	r->code_gpa = r->cpu.seg[EMUL_CS].base + r->cpu.rip;
}

/* Puts the instruction at the code address; returns its length. */
static int rig_code(struct rig *r, const char *hex)
{
	u8 bytes[32];
	int n = hex_parse(hex, bytes, sizeof(bytes));

	if (n > 0)
		memcpy(&r->g.ram[r->code_gpa], bytes, n);
	return n;
}

/* 64-bit: linear LA4K + i * 4 KiB → @gpa with @flags, through PD2 and PT2. */
static void map_4k(struct rig *r, unsigned int i, u64 gpa, u64 flags)
{
	fake_put(&r->g, PT_BASE + 0x1000 + 8, PD2 | PTE_PRW | EMUL_PTE_US, 8);
	fake_put(&r->g, PD2, PT2 | PTE_PRW | EMUL_PTE_US, 8);
	fake_put(&r->g, PT2 + 8 * i, gpa | flags, 8);
}

static bool regs_ok(const struct exec_case *c, const struct emul_cpu *cpu)
{
	unsigned int i;
	u64 want;

	for (i = 0; i < EMUL_NR_GPRS; i++) {
		want = c->out_mask & (1u << i) ? c->out[i] : c->in[i];
		if (cpu->gpr[i] != want) {
			tap_diag("%s = %#llx, want %#llx", reg_name(i, 8, false), cpu->gpr[i],
				 want);
			return false;
		}
	}
	return true;
}

static bool state_ok(const struct exec_case *c, struct rig *r, u64 rip0, int n, int ret)
{
	u64 flags = ((c->flags | 2) & ~c->flags_mask) | (c->flags_out & c->flags_mask);
	u64 rip = c->ret == EMUL_RETIRED ? rip0 + n : rip0;
	bool ok = true;

	if (ret != c->ret || (ret == EMUL_EXCEPTION && r->ctxt.exc.vector != c->vector)) {
		tap_diag("ret %d vector %u, want %d vector %u", ret, r->ctxt.exc.vector, c->ret,
			 c->vector);
		return false;
	}
	ok &= regs_ok(c, &r->cpu);
	if (r->cpu.rip != rip || r->cpu.rflags != flags) {
		tap_diag("rip %#llx rflags %#llx, want %#llx %#llx", r->cpu.rip, r->cpu.rflags,
			 rip, flags);
		ok = false;
	}
	if (fake_get(&r->g, MMIO_BASE, 8) != c->mmio_out || fake_get(&r->g, DATA_BASE,
	    8) != c->ram_out) {
		tap_diag("mmio %#llx ram %#llx, want %#llx %#llx", fake_get(&r->g, MMIO_BASE, 8),
			 fake_get(&r->g, DATA_BASE, 8), c->mmio_out, c->ram_out);
		ok = false;
	}
	if (r->g.reads != c->reads || r->g.writes != c->writes) {
		tap_diag("%u MMIO reads, %u writes; want %u, %u", r->g.reads, r->g.writes,
			 c->reads, c->writes);
		ok = false;
	}
	return ok;
}

static void run_case(const struct exec_case *c)
{
	struct rig r;
	u64 rip0;
	int n, ret;

	rig_init(&r, c->mode);
	n = rig_code(&r, c->hex);
	memcpy(r.cpu.gpr, c->in, sizeof(r.cpu.gpr));
	r.cpu.rflags = c->flags | 2;
	r.cpu.seg[EMUL_FS].base = c->fs_base;
	r.ctxt.max_rep = c->max_rep;
	fake_put(&r.g, MMIO_BASE, c->mmio, 8);
	fake_put(&r.g, DATA_BASE, c->ram, 8);
	rip0 = r.cpu.rip;
	ret = emul_run(&r.ctxt);
	tap_check(n > 0 && state_ok(c, &r, rip0, n, ret), "exec %d-bit %s: %s", 8 * c->mode,
		  c->hex, c->text);
	fake_free(&r.g);
}

static bool exc_is(const struct rig *r, int ret, unsigned int vector, u32 err, u64 cr2)
{
	const struct emul_exception *e = &r->ctxt.exc;

	if (ret == EMUL_EXCEPTION && e->vector == vector && e->error_code == err && e->cr2 == cr2)
		return true;
	tap_diag("ret %d vector %u error %#x cr2 %#llx; want vector %u error %#x cr2 %#llx",
		 ret, e->vector, e->error_code, e->cr2, vector, err, cr2);
	return false;
}

static void test_split_access(void)
{
	struct rig r;
	int ret;

	rig_init(&r, EMUL_MODE64);
	rig_code(&r, "89 08");
	r.cpu.gpr[EMUL_RAX] = MMIO_BASE + 0xffe;
	r.cpu.gpr[EMUL_RCX] = 0x44332211;
	ret = emul_run(&r.ctxt);
	tap_check(ret == EMUL_RETIRED && r.g.nlog == 2 &&
		  r.g.log[0].gpa == MMIO_BASE + 0xffe && r.g.log[0].len == 2 &&
		  r.g.log[0].val == 0x2211 && r.g.log[1].gpa == MMIO_BASE + 0x1000 &&
		  r.g.log[1].len == 2 && r.g.log[1].val == 0x4433,
		  "a dword across a page boundary is two 2-byte writes, low part first");
	fake_free(&r.g);
}

static void test_operand_pf(void)
{
	struct rig r;
	int ret;

	rig_init(&r, EMUL_MODE64);
	rig_code(&r, "8b 00");
	r.cpu.gpr[EMUL_RAX] = 0x40000010;
	ret = emul_run(&r.ctxt);
	tap_check(exc_is(&r, ret, EMUL_PF_VECTOR, 0, 0x40000010) && r.cpu.rip == CODE_BASE,
		  "read of an unmapped operand: #PF error 0, CR2 = the address, RIP unchanged");
	rig_code(&r, "89 00");
	ret = emul_run(&r.ctxt);
	tap_check(exc_is(&r, ret, EMUL_PF_VECTOR, EMUL_PFEC_W, 0x40000010),
		  "write of an unmapped operand: #PF error W");
	map_4k(&r, 0, 0x30000, EMUL_PTE_P);
	ret = emul_run(&r.ctxt);
	tap_check(exc_is(&r, ret, EMUL_PF_VECTOR, EMUL_PFEC_W | EMUL_PFEC_P, 0x40000010),
		  "write to a read-only page with CR0.WP: #PF error P|W");
	fake_free(&r.g);
}

/* ctxt->known stands in for the walk: for its page and its access kinds only. */
static void test_known_xlate(void)
{
	struct rig r;
	int ret;

	rig_init(&r, EMUL_MODE64);
	rig_code(&r, "8b 00");
	fake_put(&r.g, MMIO_BASE + 0x10, 0xfeedf00d, 4);
	r.cpu.gpr[EMUL_RAX] = LA4K + 0x10;
	r.ctxt.known = (struct emul_known_xlate){ LA4K, MMIO_BASE, EMUL_KNOWN_READ };
	ret = emul_run(&r.ctxt);
	tap_check(ret == EMUL_RETIRED && r.cpu.gpr[EMUL_RAX] == 0xfeedf00d && r.g.reads == 1,
		  "known translation: a read of an unmapped linear page goes to the known gpa");
	rig_code(&r, "89 08");
	r.cpu.rip = CODE_BASE;
	r.cpu.gpr[EMUL_RAX] = LA4K + 0x10;
	ret = emul_run(&r.ctxt);
	tap_check(exc_is(&r, ret, EMUL_PF_VECTOR, EMUL_PFEC_W, LA4K + 0x10),
		  "known translation for reads: a write walks the tables (#PF W)");
	r.ctxt.known.access = EMUL_KNOWN_READ | EMUL_KNOWN_WRITE;
	r.cpu.gpr[EMUL_RAX] = LA4K + 0x1010;
	ret = emul_run(&r.ctxt);
	tap_check(exc_is(&r, ret, EMUL_PF_VECTOR, EMUL_PFEC_W, LA4K + 0x1010),
		  "known translation: another linear page walks the tables (#PF W)");
	r.cpu.gpr[EMUL_RAX] = LA4K + 0x18;
	r.cpu.gpr[EMUL_RCX] = 0x12345678;
	ret = emul_run(&r.ctxt);
	tap_check(ret == EMUL_RETIRED && fake_get(&r.g, MMIO_BASE + 0x18, 4) == 0x12345678,
		  "known translation for writes: the write goes to the known gpa");
	fake_free(&r.g);
}

/* The instruction at linear LA4K + 0xffc, running into the next page. */
static void test_fetch_cross(void)
{
	struct rig r;
	int ret;

	rig_init(&r, EMUL_MODE64);
	map_4k(&r, 0, 0x30000, PTE_PRW);
	r.cpu.rip = LA4K + 0xffc;
	memcpy(&r.g.ram[0x30ffc], "\xc7\x00\x78\x56", 4);
	ret = emul_run(&r.ctxt);
	tap_check(exc_is(&r, ret, EMUL_PF_VECTOR, EMUL_PFEC_I, LA4K + 0x1000),
		  "fetch into a not-present page: #PF error I, CR2 = the page");
	map_4k(&r, 1, 0x50000, PTE_PRW);
	memcpy(&r.g.ram[0x50000], "\x34\x12", 2);
	r.cpu.gpr[EMUL_RAX] = MMIO_BASE;
	ret = emul_run(&r.ctxt);
	tap_check(ret == EMUL_RETIRED && fake_get(&r.g, MMIO_BASE, 4) == 0x12345678 &&
		  r.cpu.rip == LA4K + 0x1002,
		  "fetch across pages mapped to distant frames decodes and runs");
	r.cpu.rip = LA4K + 0xffe;
	memcpy(&r.g.ram[0x30ffe], "\x89\x08", 2);
	fake_put(&r.g, PT2 + 8, 0, 8);
	ret = emul_run(&r.ctxt);
	tap_check(ret == EMUL_RETIRED,
		  "an instruction ending at a page's end never walks the next");
	fake_free(&r.g);
}

static void test_canonical(void)
{
	struct rig r;
	int ret;

	rig_init(&r, EMUL_MODE64);
	rig_code(&r, "8b 00");
	r.cpu.gpr[EMUL_RAX] = 0x0000800000000000ULL;
	ret = emul_run(&r.ctxt);
	tap_check(exc_is(&r, ret, EMUL_GP_VECTOR, 0, 0), "non-canonical address: #GP(0)");
	rig_code(&r, "8b 45 00");
	r.cpu.gpr[EMUL_RBP] = 0xffff7fffffffffffULL;
	ret = emul_run(&r.ctxt);
	tap_check(exc_is(&r, ret, EMUL_SS_VECTOR, 0, 0),
		  "non-canonical address through rBP: #SS(0)");
	r.cpu.paging.cr4 |= EMUL_CR4_LA57;
	r.cpu.gpr[EMUL_RBP] = 0x0000800000000000ULL;
	ret = emul_run(&r.ctxt);
	tap_check(ret == EMUL_EXCEPTION && r.ctxt.exc.vector == EMUL_PF_VECTOR,
		  "with LA57 the same address is canonical (and unmapped: #PF)");
	fake_free(&r.g);
}

static void test_refusals(void)
{
	struct rig r;
	int ret;

	rig_init(&r, EMUL_MODE64);
	rig_code(&r, "f0 89 08");
	ret = emul_run(&r.ctxt);
	tap_check(ret == EMUL_EXCEPTION && r.ctxt.exc.vector == EMUL_UD_VECTOR &&
		  !r.ctxt.exc.has_error_code, "lock mov: #UD without error code");
	rig_code(&r, "0f 38 00 00");
	ret = emul_run(&r.ctxt);
	tap_check(ret == -EOPNOTSUPP && r.ctxt.insn.opcode.nbytes == 2 &&
		  r.ctxt.insn.opcode.bytes[1] == 0x38, "0f 38 00: -EOPNOTSUPP, opcode 0f 38 kept");
	rig_code(&r, "f6 18");
	ret = emul_run(&r.ctxt);
	tap_check(ret == -EOPNOTSUPP && r.ctxt.insn.modrm.got && r.ctxt.insn.modrm.value == 0x18,
		  "neg byte ptr [rax]: -EOPNOTSUPP, ModRM kept");
	rig_code(&r, "66 66 66 66 66 66 66 66 66 66 66 66 66 66 66 89 08");
	ret = emul_run(&r.ctxt);
	tap_check(exc_is(&r, ret, EMUL_GP_VECTOR, 0, 0), "16-byte instruction: #GP(0)");
	rig_code(&r, "89 08");
	r.cpu.gpr[EMUL_RAX] = MMIO_BASE;
	r.g.fail_mem = true;
	ret = emul_run(&r.ctxt);
	tap_check(ret == -EIO && r.cpu.rip == CODE_BASE,
		  "device access fails: -EIO, RIP unchanged");
	rig_code(&r, "8b 08");
	ret = emul_run(&r.ctxt);
	tap_check(ret == -EIO && r.cpu.gpr[EMUL_RCX] == 0, "device read fails: -EIO, RCX untouched");
	r.g.fail_mem = false;
	r.cpu.rip = MMIO_BASE;
	ret = emul_run(&r.ctxt);
	tap_check(ret == -EIO, "instruction bytes outside RAM: -EIO");
	fake_free(&r.g);
}

static void test_accessed_dirty(void)
{
	struct rig r;
	u64 pml4e, pdpte, pde;
	int ret;

	rig_init(&r, EMUL_MODE64);
	rig_code(&r, "89 08");
	r.cpu.gpr[EMUL_RAX] = 0x200000;		/* second 2 MiB page, via PD[1] */
	r.g.cmpxchg_conflicts = 4;
	ret = emul_run(&r.ctxt);
	tap_check(ret == EMUL_RETRY && r.cpu.rip == CODE_BASE,
		  "A/D update losing four races: EMUL_RETRY, nothing done");
	r.g.cmpxchg_conflicts = 1;
	ret = emul_run(&r.ctxt);
	pml4e = fake_get(&r.g, PT_BASE, 8);
	pdpte = fake_get(&r.g, PT_BASE + 0x1000, 8);
	pde = fake_get(&r.g, PT_BASE + 0x2000 + 8, 8);
	tap_check(ret == EMUL_RETIRED && (pml4e & EMUL_PTE_A) && (pdpte & EMUL_PTE_A) &&
		  (pde & EMUL_PTE_A) && (pde & EMUL_PTE_D) && !(pdpte & EMUL_PTE_D),
		  "after one lost race: A set on every level, D on the written leaf only");
	tap_check(fake_get(&r.g, PT_BASE + 0x2000, 8) == (0x83 | EMUL_PTE_A),
		  "the code page's PDE got A but not D");
	fake_free(&r.g);
}

static void test_real_mode_ip(void)
{
	struct rig r;
	int ret;

	rig_init(&r, EMUL_MODE16);
	r.cpu.rip = 0xfffe;
	r.code_gpa = CODE_BASE + 0xfffe;
	rig_code(&r, "89 07");
	ret = emul_run(&r.ctxt);
	tap_check(ret == EMUL_RETIRED && r.cpu.rip == 0, "16-bit IP wraps from 0xfffe + 2 to 0");
	r.cpu.rip = 0xfffc;
	r.code_gpa = CODE_BASE + 0xfffc;
	r.g.writes = 0;
	rig_code(&r, "c7 06 04 00 34 12");
	ret = emul_run(&r.ctxt);
	tap_check(exc_is(&r, ret, EMUL_GP_VECTOR, 0, 0) && r.g.writes == 0,
		  "instruction running past the CS limit: #GP(0), no access");
	r.cpu.seg[EMUL_CS].limit = 0xfff;
	r.cpu.rip = 0x1000;
	ret = emul_run(&r.ctxt);
	tap_check(exc_is(&r, ret, EMUL_GP_VECTOR, 0, 0), "IP beyond the CS limit: #GP(0)");
	fake_free(&r.g);
}

/* 32-bit protected mode: an unusable segment, an expand-down stack. */
static void test_segments(void)
{
	struct rig r;
	int ret;

	rig_init(&r, EMUL_MODE32);
	rig_code(&r, "8b 00");
	r.cpu.gpr[EMUL_RAX] = MMIO_BASE;
	r.cpu.seg[EMUL_DS].ar |= EMUL_AR_UNUSABLE;
	ret = emul_run(&r.ctxt);
	tap_check(exc_is(&r, ret, EMUL_GP_VECTOR, 0, 0), "access through an unusable DS: #GP(0)");
	rig_code(&r, "8b 04 24");
	r.cpu.seg[EMUL_SS].ar |= EMUL_AR_TYPE_ED;
	r.cpu.seg[EMUL_SS].limit = MMIO_BASE;
	r.cpu.gpr[EMUL_RSP] = MMIO_BASE;
	ret = emul_run(&r.ctxt);
	tap_check(exc_is(&r, ret, EMUL_SS_VECTOR, 0, 0),
		  "expand-down SS: an offset at the limit is outside: #SS(0)");
	r.cpu.gpr[EMUL_RSP] = MMIO_BASE + 4;
	ret = emul_run(&r.ctxt);
	tap_check(ret == EMUL_RETIRED && r.g.reads == 1, "expand-down SS: above the limit is inside");
	r.cpu.seg[EMUL_SS].ar &= ~EMUL_AR_DB;
	r.cpu.rip = CODE_BASE;
	ret = emul_run(&r.ctxt);
	tap_check(exc_is(&r, ret, EMUL_SS_VECTOR, 0, 0),
		  "expand-down SS with B=0: the top is 0xffff, so 0xa0004 is outside");
	fake_free(&r.g);
}

static void test_user_and_smap(void)
{
	struct rig r;
	int ret;

	rig_init(&r, EMUL_MODE64);
	rig_code(&r, "8b 00");
	r.cpu.seg[EMUL_SS].ar |= 3 << 5;	/* CPL 3 */
	ret = emul_run(&r.ctxt);
	tap_check(exc_is(&r, ret, EMUL_PF_VECTOR, EMUL_PFEC_P | EMUL_PFEC_U | EMUL_PFEC_I,
		  CODE_BASE),
		  "CPL 3 fetch from a supervisor page: #PF error P|U|I");
	r.cpu.seg[EMUL_SS].ar &= ~(3u << 5);
	map_4k(&r, 0, MMIO_BASE, PTE_PRW | EMUL_PTE_US);
	fake_put(&r.g, PT_BASE, fake_get(&r.g, PT_BASE, 8) | EMUL_PTE_US, 8);
	r.cpu.paging.cr4 |= EMUL_CR4_SMAP;
	r.cpu.gpr[EMUL_RAX] = LA4K;
	ret = emul_run(&r.ctxt);
	tap_check(exc_is(&r, ret, EMUL_PF_VECTOR, EMUL_PFEC_P, LA4K),
		  "SMAP, EFLAGS.AC=0: supervisor read of a user page is #PF error P");
	r.cpu.rflags |= EMUL_RFLAGS_AC;
	ret = emul_run(&r.ctxt);
	tap_check(ret == EMUL_RETIRED && r.g.reads == 1,
		  "SMAP, EFLAGS.AC=1: the read goes through");
	fake_free(&r.g);
}

static void test_rep_fault(void)
{
	struct rig r;
	int ret;

	rig_init(&r, EMUL_MODE64);
	map_4k(&r, 0, 0x30000, PTE_PRW);
	rig_code(&r, "f3 a4");
	r.cpu.gpr[EMUL_RCX] = 3;
	r.cpu.gpr[EMUL_RSI] = MMIO_BASE;
	r.cpu.gpr[EMUL_RDI] = LA4K + 0xffe;
	fake_put(&r.g, MMIO_BASE, 0x332211, 3);
	ret = emul_run(&r.ctxt);
	tap_check(exc_is(&r, ret, EMUL_PF_VECTOR, EMUL_PFEC_W, LA4K + 0x1000) &&
		  r.cpu.gpr[EMUL_RCX] == 1 && r.cpu.gpr[EMUL_RDI] == LA4K + 0x1000 &&
		  r.cpu.gpr[EMUL_RSI] == MMIO_BASE + 2 && fake_get(&r.g, 0x30ffe, 2) == 0x2211 &&
		  r.g.reads == 2 && r.cpu.rip == CODE_BASE,
		  "rep movsb faulting on its third byte: two done, RCX 1, RIP at the instruction");
	fake_free(&r.g);
}

static void test_mode_and_cpl(void)
{
	struct emul_cpu cpu;
	struct fake_guest g;

	fake_init(&g);
	cpu_init(&cpu, &g, EMUL_MODE64);
	tap_check(emul_cpu_mode(&cpu) == EMUL_MODE64, "EFER.LMA with CS.L: 64-bit");
	cpu.seg[EMUL_CS].ar = 0xc09b;
	tap_check(emul_cpu_mode(&cpu) == EMUL_MODE32,
		  "EFER.LMA with CS.D: 32-bit compatibility mode");
	cpu.seg[EMUL_CS].ar = 0x9b;
	tap_check(emul_cpu_mode(&cpu) == EMUL_MODE16, "CS.D=0: 16-bit");
	cpu.rflags |= EMUL_RFLAGS_VM;
	cpu.seg[EMUL_CS].ar = 0xc09b;
	tap_check(emul_cpu_mode(&cpu) == EMUL_MODE16 && emul_cpl(&cpu) == 3,
		  "virtual-8086 mode: 16-bit, CPL 3");
	cpu_init(&cpu, &g, EMUL_MODE16);
	cpu.seg[EMUL_SS].ar |= 3 << 5;
	tap_check(emul_cpu_mode(&cpu) == EMUL_MODE16 && emul_cpl(&cpu) == 0,
		  "real mode: 16-bit, CPL 0 whatever SS.DPL says");
	fake_free(&g);
}

int main(void)
{
	unsigned int i;

	tap_start();
	for (i = 0; i < nr_exec_cases; i++)
		run_case(&exec_cases[i]);
	tap_diag("%u executed encodings", nr_exec_cases);
	test_split_access();
	test_operand_pf();
	test_known_xlate();
	test_fetch_cross();
	test_canonical();
	test_refusals();
	test_accessed_dirty();
	test_real_mode_ip();
	test_segments();
	test_user_and_smap();
	test_rep_fault();
	test_mode_and_cpl();
	return tap_done();
}
