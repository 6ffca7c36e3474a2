// SPDX-License-Identifier: GPL-2.0
/* Text and JSON renderings of the guest CPU model (RTVMX_GET_CPUID_MODEL). */
#include <stdio.h>

#include "cpuid_format.h"
#include "out.h"

/* Feature bit names of SDM Vol. 2A, CPUID (Tables 3-8, 3-10; leaf 07H; 80000001H); NULL: unnamed. */
static const char *const leaf1_ecx[32] = {
	"sse3", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est",
	"tm2", "ssse3", "cnxt_id", "sdbg", "fma", "cx16", "xtpr", "pdcm",
	NULL, "pcid", "dca", "sse4_1", "sse4_2", "x2apic", "movbe", "popcnt",
	"tsc_deadline", "aes", "xsave", "osxsave", "avx", "f16c", "rdrand", "hypervisor",
};
static const char *const leaf1_edx[32] = {
	"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce",
	"cx8", "apic", NULL, "sep", "mtrr", "pge", "mca", "cmov",
	"pat", "pse36", "psn", "clflush", NULL, "ds", "acpi", "mmx",
	"fxsr", "sse", "sse2", "ss", "htt", "tm", NULL, "pbe",
};
static const char *const leaf7_ebx[32] = {
	"fsgsbase", "tsc_adjust", "sgx", "bmi1", "hle", "avx2", "fdp_excptn_only", "smep",
	"bmi2", "erms", "invpcid", "rtm", "rdt_m", "zero_fcs_fds", "mpx", "rdt_a",
	"avx512f", "avx512dq", "rdseed", "adx", "smap", "avx512ifma", NULL, "clflushopt",
	"clwb", "intel_pt", "avx512pf", "avx512er", "avx512cd", "sha", "avx512bw", "avx512vl",
};
static const char *const leaf7_ecx[32] = {
	"prefetchwt1", "avx512vbmi", "umip", "pku", "ospke", "waitpkg", "avx512_vbmi2", "cet_ss",
	"gfni", "vaes", "vpclmulqdq", "avx512_vnni", "avx512_bitalg", "tme", "avx512_vpopcntdq", NULL,
	"la57", NULL, NULL, NULL, NULL, NULL, "rdpid", "kl",
	"bus_lock_detect", "cldemote", NULL, "movdiri", "movdir64b", "enqcmd", "sgx_lc", "pks",
};
static const char *const leaf7_edx[32] = {
	NULL, NULL, "avx512_4vnniw", "avx512_4fmaps", "fsrm", "uintr", NULL, NULL,
	"avx512_vp2intersect", "srbds_ctrl", "md_clear", "rtm_always_abort", NULL, "tsx_force_abort",
	"serialize", "hybrid",
	"tsxldtrk", NULL, "pconfig", "arch_lbr", "cet_ibt", NULL, "amx_bf16", "avx512_fp16",
	"amx_tile", "amx_int8", "spec_ctrl", "stibp", "flush_l1d", "arch_capabilities",
	"core_capabilities", "ssbd",
};
static const char *const ext1_ecx[32] = {
	"lahf_lm", "cmp_legacy", "svm", "extapic", "cr8_legacy", "lzcnt", "sse4a", "misalignsse",
	"prefetchw",
};
static const char *const ext1_edx[32] = {
	[11] = "syscall", [20] = "nx", [26] = "pdpe1gb", [27] = "rdtscp", [29] = "lm",
};
static const char *const flag_names[] = { "indexed", "apic_id", "osxsave", "xsave_size" };

struct named_reg {
	__u32 leaf;
	unsigned int reg;	/* 0 EAX .. 3 EDX */
	const char *name;
	const char *const *bits;
};

static const struct named_reg named[] = {
	{ 1, 2, "ecx", leaf1_ecx }, { 1, 3, "edx", leaf1_edx },
	{ 7, 1, "ebx", leaf7_ebx }, { 7, 2, "ecx", leaf7_ecx }, { 7, 3, "edx", leaf7_edx },
	{ 0x80000001, 2, "ecx", ext1_ecx }, { 0x80000001, 3, "edx", ext1_edx },
};

static __u32 reg_of(const struct rtvmx_cpuid_entry *e, unsigned int reg)
{
	const __u32 r[4] = { e->eax, e->ebx, e->ecx, e->edx };

	return r[reg & 3];
}

/* Names of the set bits of @v, "bitN" for an unnamed one: " name" each, or JSON items. */
static void out_bits(struct out *o, __u32 v, const char *const *names, bool json)
{
	const char *sep = json ? "" : " ";
	unsigned int bit;

	for (bit = 0; bit < 32; bit++) {
		if (!(v & (1u << bit)))
			continue;
		if (names[bit])
			out_printf(o, json ? "%s\"%s\"" : "%s%s", sep, names[bit]);
		else
			out_printf(o, json ? "%s\"bit%u\"" : "%sbit%u", sep, bit);
		sep = json ? ", " : " ";
	}
}

static void out_flags(struct out *o, __u32 flags, bool json)
{
	const char *sep = "";
	unsigned int i;

	for (i = 0; i < sizeof(flag_names) / sizeof(flag_names[0]); i++) {
		if (!(flags & (1u << i)))
			continue;
		out_printf(o, json ? "%s\"%s\"" : "%s%s", sep, flag_names[i]);
		sep = json ? ", " : " ";
	}
}

static bool has_names(const struct rtvmx_cpuid_entry *e)
{
	return (e->leaf == 1 || e->leaf == 7 || e->leaf == 0x80000001) && e->subleaf == 0;
}

static void entry_text(struct out *o, const struct rtvmx_cpuid_entry *e)
{
	unsigned int i;

	if (e->flags & RTVMX_CPUID_F_INDEXED)
		out_printf(o, "0x%08x %3u ", e->leaf, e->subleaf);
	else
		out_printf(o, "0x%08x   - ", e->leaf);
	out_printf(o, "0x%08x 0x%08x 0x%08x 0x%08x", e->eax, e->ebx, e->ecx, e->edx);
	if (e->flags & ~RTVMX_CPUID_F_INDEXED) {
		out_printf(o, "  ");
		out_flags(o, e->flags & ~RTVMX_CPUID_F_INDEXED, false);
	}
	out_printf(o, "\n");
	if (!has_names(e))
		return;
	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		if (named[i].leaf != e->leaf)
			continue;
		out_printf(o, "    %s:", named[i].name);
		out_bits(o, reg_of(e, named[i].reg), named[i].bits, false);
		out_printf(o, "\n");
	}
}

static void entry_json(struct out *o, const struct rtvmx_cpuid_entry *e)
{
	const char *sep = "";
	unsigned int i;

	out_printf(o, "{\"leaf\": %u, \"subleaf\": %u, \"eax\": \"0x%08x\", \"ebx\": \"0x%08x\","
		   " \"ecx\": \"0x%08x\", \"edx\": \"0x%08x\", \"flags\": [",
		   e->leaf, e->subleaf, e->eax, e->ebx, e->ecx, e->edx);
	out_flags(o, e->flags, true);
	out_printf(o, "]");
	if (has_names(e)) {
		out_printf(o, ", \"features\": {");
		for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
			if (named[i].leaf != e->leaf)
				continue;
			out_printf(o, "%s\"%s\": [", sep, named[i].name);
			out_bits(o, reg_of(e, named[i].reg), named[i].bits, true);
			out_printf(o, "]");
			sep = ", ";
		}
		out_printf(o, "}");
	}
	out_printf(o, "}");
}

int cpuid_format(char *buf, size_t size, const struct rtvmx_cpuid_entry *e, unsigned int n,
		 bool json)
{
	struct out o;
	unsigned int i;

	out_init(&o, buf, size);
	if (json) {
		out_printf(&o, "{\"cpuid\": [");
		for (i = 0; i < n; i++) {
			out_printf(&o, i ? ", " : "");
			entry_json(&o, &e[i]);
		}
		out_printf(&o, "]}\n");
		return o.len;
	}
	out_printf(&o, "leaf       sub eax        ebx        ecx        edx\n");
	for (i = 0; i < n; i++)
		entry_text(&o, &e[i]);
	return o.len;
}
