// SPDX-License-Identifier: GPL-2.0
/*
 * The CPU model (emul/cpu_model.c, cpu_model_table.c) built from a fake host
 * with the CPUID of the Bochs broadwell_ult test CPU plus features it lacks
 * (AVX-512, PKU, LA57, SPEC_CTRL), then looked up as CPUID exits would.
 */
#include <stdio.h>

#include "cpu_model.h"
#include "tap.h"
#include "x86.h"

struct fake_leaf {
	u32 leaf, sub;
	u32 r[CM_NR_REGS];
};

static const struct fake_leaf broadwell[] = {
	{ 0x0, 0, { 0x14, 0x756e6547, 0x6c65746e, 0x49656e69 } },
	{ 0x1, 0, { 0x306d4, 0x10800, 0x7ffaf3bf, 0xbfebfbff } },
	{ 0x2, 0, { 0x76036301, 0xf0b5ff, 0, 0xc30000 } },
	{ 0x4, 0, { 0x1c004121, 0x1c0003f, 0x3f, 0 } },
	{ 0x4, 1, { 0x1c004122, 0x1c0003f, 0x3f, 0 } },
	{ 0x4, 2, { 0x1c004143, 0x1c0003f, 0x1ff, 0 } },
	{ 0x4, 3, { 0x1c03c163, 0x2c0003f, 0xfff, 6 } },
	{ 0x5, 0, { 0x40, 0x40, 3, 0x11142120 } },
	{ 0x6, 0, { 0x77, 2, 9, 0 } },
	{ 0x7, 0, { 0, 0x1c27ab | (1u << 16) | (1u << 17), (1u << 3) | (1u << 16) | (1u << 22),
		    (1u << 26) | (1u << 29) | (1u << 10) } },
	{ 0xa, 0, { 0x7300403, 0, 0, 0x603 } },
	{ 0xb, 0, { 1, 2, 0x100, 0 } },
	{ 0xb, 1, { 4, 4, 0x201, 0 } },
	{ 0xd, 0, { 0xe7, 0x340, 0xa88, 0 } },
	{ 0xd, 1, { 0xf, 0, 0x100, 0 } },
	{ 0xd, 2, { 0x100, 0x240, 0, 0 } },
	{ 0xd, 5, { 0x40, 0x440, 0, 0 } },
	{ 0xd, 6, { 0x200, 0x480, 0, 0 } },
	{ 0xd, 7, { 0x400, 0x680, 0, 0 } },
	{ 0x80000000, 0, { 0x80000008, 0, 0, 0 } },
	{ 0x80000001, 0, { 0, 0, 0x121, 0x2c100800 } },
	{ 0x80000002, 0, { 0x65746e49, 0x2952286c, 0x726f4320, 0x4d542865 } },
	{ 0x80000006, 0, { 0, 0, 0x1006040, 0 } },
	{ 0x80000007, 0, { 0, 0, 0, 0x100 } },
	{ 0x80000008, 0, { 0x3027, 0x200, 0, 0 } },
};

struct fake_host {
	const struct fake_leaf *t;
	unsigned int n;
	unsigned int calls;
};

/* Intel's rule for a leaf above the maximum is the fake's too: zeros here suffice. */
static void fake_cpuid(void *opaque, u32 leaf, u32 sub, u32 out[CM_NR_REGS])
{
	struct fake_host *f = opaque;
	unsigned int i;

	f->calls++;
	memset(out, 0, CM_NR_REGS * sizeof(u32));
	for (i = 0; i < f->n; i++)
		if (f->t[i].leaf == leaf && (f->t[i].sub == sub ||
					     (leaf != 4 && leaf != 7 && leaf != 0xb && leaf != 0xd))) {
			memcpy(out, f->t[i].r, sizeof(f->t[i].r));
			return;
		}
}

static struct fake_host host = { broadwell, ARRAY_SIZE(broadwell), 0 };

static int build(struct cpu_model *m, u64 xcr0, bool invpcid, bool rdtscp)
{
	struct cpu_model_host h = {
		.cpuid = fake_cpuid, .opaque = &host, .xcr0 = xcr0, .tsc_khz = 200000,
		.invpcid = invpcid, .rdtscp = rdtscp,
	};

	return cpu_model_build(m, &h);
}

static u32 reg(const struct cpu_model *m, u32 apic, u32 leaf, u32 sub, unsigned int r)
{
	struct cpu_model_vcpu v = { .apic_id = apic, .xcr0 = 1 };
	u32 out[CM_NR_REGS];

	cpu_model_cpuid(m, &v, leaf, sub, out);
	return out[r];
}

static bool bit(const struct cpu_model *m, u32 leaf, unsigned int r, unsigned int b)
{
	return cpu_model_has(m, leaf, 0, r, b);
}

static struct cpu_model m;

static void test_table(void)
{
	unsigned int i, j, bad = 0, unnamed = 0;

	/* Rows of one register never decide the same bit twice. */
	for (i = 0; i < cpu_model_nr_rows; i++) {
		const struct cpu_model_row *a = &cpu_model_rows[i];

		if (!a->name || !a->why || !a->why[0] || !a->mask)
			unnamed++;
		for (j = i + 1; j < cpu_model_nr_rows; j++) {
			const struct cpu_model_row *b = &cpu_model_rows[j];

			if (a->leaf == b->leaf && a->sub == b->sub && a->reg == b->reg &&
			    (a->mask & b->mask)) {
				tap_diag("rows %s and %s overlap in leaf %#x", a->name, b->name, a->leaf);
				bad++;
			}
		}
	}
	tap_check(!bad, "table: no two rows decide one bit (%u rows)", cpu_model_nr_rows);
	tap_check(!unnamed, "table: every row has a name, a reason and bits");
	for (i = 0, bad = 0; i < cpu_model_nr_rows; i++) {
		for (j = 0; j < cpu_model_nr_leaves; j++)
			if (cpu_model_leaves[j].leaf == cpu_model_rows[i].leaf)
				break;
		bad += j == cpu_model_nr_leaves && cpu_model_rows[i].policy != CM_HIDE;
	}
	tap_check(!bad, "table: every row that makes bits belongs to a modeled leaf");
}

static void test_build(void)
{
	tap_check(build(&m, 0x7, true, true) == 0, "build: broadwell host, XCR0 x87|SSE|AVX");
	tap_check(m.max_basic == 0x14 && reg(&m, 0, 0, 0, CM_EAX) == 0x14 &&
		  reg(&m, 0, 0, 0, CM_EBX) == 0x756e6547, "leaf 0: host maximum, vendor");
	tap_check(m.max_ext == 0x80000008 && reg(&m, 0, 0x80000000, 0, CM_EAX) == 0x80000008,
		  "leaf 80000000H: maximum extended leaf");
	tap_check(reg(&m, 0, 1, 0, CM_EAX) == 0x306d4, "leaf 1: signature passed");
}

static void test_leaf1(void)
{
	u32 ecx = reg(&m, 0, 1, 0, CM_ECX), edx = reg(&m, 0, 1, 0, CM_EDX);
	struct cpu_model_vcpu v = { .apic_id = 5, .osxsave = true, .xcr0 = 1 };
	u32 out[CM_NR_REGS];

	tap_check(!(ecx & (1u << 5)) && !(ecx & (1u << 3)) && !(ecx & (1u << 15)) &&
		  !(ecx & (1u << 2)) && !(ecx & (1u << 7)) && !(ecx & (1u << 8)) &&
		  !(ecx & (1u << 14)), "leaf 1 ECX: VMX, MONITOR, PDCM, DTES64, EST, TM2, xTPR hidden");
	tap_check((ecx & (1u << 31)) && (ecx & (1u << 21)) && (ecx & (1u << 24)),
		  "leaf 1 ECX: hypervisor, x2APIC, TSC-deadline set");
	tap_check((ecx & (1u << 28)) && (ecx & (1u << 26)) && (ecx & (1u << 17)) &&
		  (ecx & (1u << 30)) && (ecx & (1u << 23)) && (ecx & (1u << 0)),
		  "leaf 1 ECX: AVX, XSAVE, PCID, RDRAND, POPCNT, SSE3 passed");
	tap_check(!(ecx & (1u << 27)), "leaf 1 ECX: OSXSAVE 0 while the guest's CR4.OSXSAVE is 0");
	tap_check(!(edx & (1u << 12)) && !(edx & (1u << 14)) && !(edx & (1u << 21)) &&
		  !(edx & (1u << 22)) && !(edx & (1u << 29)) && !(edx & (1u << 28)),
		  "leaf 1 EDX: MTRR, MCA, DS, ACPI, TM, HTT hidden");
	tap_check((edx & (1u << 7)) && (edx & (1u << 9)) && (edx & (1u << 16)) &&
		  (edx & (1u << 26)) && (edx & (1u << 6)) && (edx & (1u << 13)),
		  "leaf 1 EDX: MCE, APIC, PAT, SSE2, PAE, PGE passed");
	cpu_model_cpuid(&m, &v, 1, 0, out);
	tap_check(out[CM_EBX] >> 24 == 5 && ((out[CM_EBX] >> 16) & 0xff) == 1 &&
		  (out[CM_EBX] & 0xffff) == 0x0800, "leaf 1 EBX: APIC ID 5, one logical CPU, CLFLUSH");
	tap_check(out[CM_ECX] & (1u << 27), "leaf 1 ECX: OSXSAVE follows the guest's CR4");
}

static void test_leaf7(void)
{
	u32 ebx = reg(&m, 0, 7, 0, CM_EBX), ecx = reg(&m, 0, 7, 0, CM_ECX);
	u32 edx = reg(&m, 0, 7, 0, CM_EDX);
	struct cpu_model n;

	tap_check(reg(&m, 0, 7, 0, CM_EAX) == 0 && reg(&m, 0, 7, 1, CM_EBX) == 0,
		  "leaf 7: subleaf 0 only");
	tap_check((ebx & 1) && (ebx & (1u << 7)) && (ebx & (1u << 20)) && (ebx & (1u << 10)) &&
		  (ebx & (1u << 5)), "leaf 7 EBX: FSGSBASE, SMEP, SMAP, INVPCID, AVX2 passed");
	tap_check(!(ebx & (1u << 1)) && !(ebx & (1u << 16)) && !(ebx & (1u << 17)),
		  "leaf 7 EBX: TSC_ADJUST hidden, AVX-512 hidden without its XCR0 state");
	tap_check(!(ecx & (1u << 3)) && !(ecx & (1u << 16)) && (ecx & (1u << 22)),
		  "leaf 7 ECX: PKU, LA57 hidden, RDPID passed");
	tap_check(edx == (1u << 10), "leaf 7 EDX: MD_CLEAR only; SPEC_CTRL, ARCH_CAPABILITIES hidden (%#x)", edx);
	tap_check(build(&n, 0x7, false, false) == 0 && !bit(&n, 7, CM_EBX, 10) &&
		  !bit(&n, 7, CM_ECX, 22) && !bit(&n, 0x80000001, CM_EDX, 27),
		  "without the VMX controls: INVPCID, RDPID, RDTSCP hidden");
	tap_check(bit(&m, 0x80000001, CM_EDX, 27) && bit(&m, 0x80000001, CM_EDX, 29) &&
		  bit(&m, 0x80000001, CM_EDX, 20) && bit(&m, 0x80000001, CM_EDX, 11),
		  "leaf 80000001H: RDTSCP, LM, NX, SYSCALL passed");
	tap_check(build(&n, 0xe7, true, true) == 0 && bit(&n, 7, CM_EBX, 16) &&
		  n.xcr0 == 0xe7 && !bit(&n, 7, CM_ECX, 3),
		  "host XCR0 with AVX-512: AVX512F passed, XCR0 0xe7");
	tap_check(build(&n, 0x67, true, true) == 0 && !bit(&n, 7, CM_EBX, 16) && n.xcr0 == 0x7,
		  "host XCR0 with half the AVX-512 group: none of it");
	tap_check(build(&n, 0x3, true, true) == 0 && !bit(&n, 1, CM_ECX, 28) &&
		  !bit(&n, 7, CM_EBX, 5) && !bit(&n, 1, CM_ECX, 12),
		  "host XCR0 without AVX: AVX, AVX2, FMA hidden");
}

static void test_other_leaves(void)
{
	struct cpu_model_vcpu v = { .apic_id = 3, .xcr0 = 7 };
	u32 out[CM_NR_REGS];

	tap_check(!reg(&m, 0, 5, 0, CM_EAX) && !reg(&m, 0, 5, 0, CM_EDX),
		  "leaf 5 (MONITOR/MWAIT): 0");
	tap_check(!reg(&m, 0, 0xa, 0, CM_EAX) && !reg(&m, 0, 0xa, 0, CM_EDX),
		  "leaf 0AH (PMU): 0");
	tap_check(reg(&m, 0, 6, 0, CM_EAX) == 4 && !reg(&m, 0, 6, 0, CM_ECX),
		  "leaf 6: ARAT only");
	tap_check(reg(&m, 0, 4, 3, CM_EAX) == 0x163 && reg(&m, 0, 4, 3, CM_EDX) == 6 &&
		  reg(&m, 0, 4, 4, CM_EAX) == 0, "leaf 4: caches passed, one core, no sharing");
	cpu_model_cpuid(&m, &v, 0xb, 0, out);
	tap_check(out[0] == 0 && out[1] == 1 && out[2] == 0x100 && out[3] == 3,
		  "leaf 0BH.0: SMT level, 1 thread, x2APIC ID 3");
	cpu_model_cpuid(&m, &v, 0xb, 1, out);
	tap_check(out[0] == 0 && out[1] == 1 && out[2] == 0x201 && out[3] == 3,
		  "leaf 0BH.1: core level, 1 core");
	cpu_model_cpuid(&m, &v, 0xb, 7, out);
	tap_check(out[0] == 0 && out[1] == 0 && out[2] == 7 && out[3] == 3,
		  "leaf 0BH.7: invalid level, ECX echoes the subleaf");
	cpu_model_cpuid(&m, &v, 0xd, 0, out);
	tap_check(out[0] == 7 && out[1] == 0x340 && out[2] == 0x340 && out[3] == 0,
		  "leaf 0DH.0: XCR0 x87|SSE|AVX, sizes for XCR0 7");
	v.xcr0 = 3;
	cpu_model_cpuid(&m, &v, 0xd, 0, out);
	tap_check(out[1] == 576, "leaf 0DH.0: EBX 576 for the guest's XCR0 3");
	cpu_model_cpuid(&m, &v, 0xd, 1, out);
	tap_check(out[0] == 0x5 && out[1] == 0 && out[2] == 0,
		  "leaf 0DH.1: XSAVEOPT and XGETBV1; XSAVEC, XSAVES hidden, no XSS");
	cpu_model_cpuid(&m, &v, 0xd, 2, out);
	tap_check(out[0] == 0x100 && out[1] == 0x240, "leaf 0DH.2: AVX state size and offset");
	tap_check(!reg(&m, 0, 0xd, 5, CM_EAX), "leaf 0DH.5: opmask absent");
	cpu_model_cpuid(&m, &v, 0x40000000, 0, out);
	tap_check(out[0] == 0x40000010 && !memcmp(&out[1], "rtvmxrtvmxrt", 12),
		  "leaf 40000000H: rtvmx signature");
	tap_check(reg(&m, 0, 0x40000010, 0, CM_EAX) == 200000 &&
		  reg(&m, 0, 0x40000010, 0, CM_EBX) == 200000 &&
		  !reg(&m, 0, 0x40000005, 0, CM_EAX), "leaf 40000010H: TSC kHz; others 0");
	tap_check(!reg(&m, 0, 0x15, 0, CM_EAX) && !reg(&m, 0, 0x14, 0, CM_EAX),
		  "leaf 15H above the maximum: leaf 14H (processor trace, hidden)");
	tap_check(!reg(&m, 0, 3, 0, CM_EDX) && !reg(&m, 0, 0x12, 0, CM_EAX),
		  "unmodeled leaves in range (3, 12H): 0");
	tap_check(reg(&m, 0, 0x80000008, 0, CM_EAX) == 0x3027 && !reg(&m, 0, 0x80000008, 0, CM_EBX),
		  "leaf 80000008H: address sizes, WBNOINVD hidden");
	tap_check(reg(&m, 0, 0x80000007, 0, CM_EDX) == 0x100, "leaf 80000007H: invariant TSC");
}

static void test_rules(void)
{
	static struct fake_leaf small[ARRAY_SIZE(broadwell)];
	struct fake_host saved = host;
	struct cpu_model n;
	u64 want = EMUL_CR4_VME | EMUL_CR4_PVI | EMUL_CR4_TSD | EMUL_CR4_DE | EMUL_CR4_PSE |
		   EMUL_CR4_PAE | EMUL_CR4_MCE | EMUL_CR4_PGE | EMUL_CR4_PCE | EMUL_CR4_OSFXSR |
		   EMUL_CR4_OSXMMEXCPT | EMUL_CR4_FSGSBASE | EMUL_CR4_PCIDE | EMUL_CR4_OSXSAVE |
		   EMUL_CR4_SMEP | EMUL_CR4_SMAP;

	tap_check(m.cr4_allowed == want, "CR4 allowed: %#llx (want %#llx)", m.cr4_allowed, want);
	tap_check(!(m.cr4_allowed & (EMUL_CR4_VMXE | EMUL_CR4_SMXE | EMUL_CR4_PKE | EMUL_CR4_LA57 |
				     EMUL_CR4_CET | EMUL_CR4_UMIP)),
		  "CR4: VMXE, SMXE, PKE, LA57, CET, UMIP refused (hidden on this host)");
	tap_check(m.efer_allowed == (EMUL_EFER_SCE | EMUL_EFER_LME | EMUL_EFER_LMA | EMUL_EFER_NXE),
		  "EFER allowed: SCE, LME, LMA, NXE");
	host.calls = 0;
	tap_check(build(&n, 0x7, true, true) == 0 && host.calls < 64,
		  "build: %u host CPUID calls", host.calls);

	/* A host whose highest basic leaf is 0DH. */
	memcpy(small, broadwell, sizeof(small));
	small[0].r[CM_EAX] = 0xd;
	host.t = small;
	tap_check(build(&n, 0x7, true, true) == 0 && n.max_basic == 0xd &&
		  reg(&n, 0, 0x10, 0, CM_EAX) == 7 && reg(&n, 0, 0x10, 2, CM_EAX) == 0x100 &&
		  reg(&n, 0, 0xc0000000, 0, CM_EAX) == 7 &&
		  reg(&n, 0, 0x80000009, 0, CM_EAX) == 7,
		  "leaves above their range's maximum read as the highest basic leaf (0DH)");
	tap_check(!n.basic[0x15].count && !n.basic[0x1f].count, "leaves above 0DH are not built");
	host = saved;
}

int main(void)
{
	tap_start();
	test_table();
	test_build();
	test_leaf1();
	test_leaf7();
	test_other_leaves();
	test_rules();
	return tap_done();
}
