// SPDX-License-Identifier: GPL-2.0
/* Host unit tests of format.c; prints TAP, exits non-zero on any failure. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cpuid_format.h"
#include "format.h"

static int nr_tests, nr_failed;

static void check_str(const char *got, int got_len, const char *want, const char *name)
{
	bool ok = !strcmp(got, want) && got_len == (int)strlen(want);

	nr_tests++;
	printf("%sok %d - %s\n", ok ? "" : "not ", nr_tests, name);
	if (!ok) {
		nr_failed++;
		printf("# want (%zu): '%s'\n# got  (%d): '%s'\n", strlen(want), want, got_len, got);
	}
}

static void check(bool ok, const char *name)
{
	nr_tests++;
	printf("%sok %d - %s\n", ok ? "" : "not ", nr_tests, name);
	if (!ok)
		nr_failed++;
}

/* Set the CPUs listed in @ap, up to a negative one, in an emptied mask. */
static void set_cpus_va(__u64 *mask, va_list ap)
{
	int cpu;

	memset(mask, 0, RTVMX_MAX_CPUS / 8);
	while ((cpu = va_arg(ap, int)) >= 0)
		mask[cpu / 64] |= 1ULL << (cpu % 64);
}

static void set_cpus(__u64 *mask, ...)
{
	va_list ap;

	va_start(ap, mask);
	set_cpus_va(mask, ap);
	va_end(ap);
}

static void cpulist_case(const char *want, const char *name, ...)
{
	__u64 mask[RTVMX_MAX_CPUS / 64];
	char buf[8192];
	va_list ap;
	int len;

	va_start(ap, name);
	set_cpus_va(mask, ap);
	va_end(ap);
	len = cpulist_format(buf, sizeof(buf), mask, RTVMX_MAX_CPUS);
	check_str(buf, len, want, name);
}

static void test_cpulist(void)
{
	__u64 mask[RTVMX_MAX_CPUS / 64];
	char want[8192], buf[8192], small[4];
	int cpu, len, n = 0;

	cpulist_case("", "cpulist: empty", -1);
	cpulist_case("0", "cpulist: cpu0", 0, -1);
	cpulist_case("1", "cpulist: cpu1", 1, -1);
	cpulist_case("1-3,5", "cpulist: range and single", 1, 2, 3, 5, -1);
	cpulist_case("0-1,3-4", "cpulist: two-cpu ranges", 0, 1, 3, 4, -1);
	cpulist_case("62-65", "cpulist: range across a word", 62, 63, 64, 65, -1);
	cpulist_case("63,1023", "cpulist: word end and last cpu", 63, 1023, -1);

	memset(mask, 0xff, sizeof(mask));
	len = cpulist_format(buf, sizeof(buf), mask, RTVMX_MAX_CPUS);
	check_str(buf, len, "0-1023", "cpulist: all cpus");
	len = cpulist_format(buf, sizeof(buf), mask, 70);
	check_str(buf, len, "0-69", "cpulist: nbits bounds the list");

	memset(mask, 0x55, sizeof(mask));
	for (cpu = 0; cpu < RTVMX_MAX_CPUS; cpu += 2)
		n += sprintf(want + n, "%s%d", cpu ? "," : "", cpu);
	len = cpulist_format(buf, sizeof(buf), mask, RTVMX_MAX_CPUS);
	check_str(buf, len, want, "cpulist: every other cpu (longest list)");

	set_cpus(mask, 1, 2, 3, 5, -1);
	check(cpulist_format(NULL, 0, mask, RTVMX_MAX_CPUS) == 5,
	      "cpulist: (NULL, 0) gives the length");
	len = cpulist_format(small, sizeof(small), mask, RTVMX_MAX_CPUS);
	check(len == 5 && !strcmp(small, "1-3"), "cpulist: truncates and NUL-terminates");
}

static void sample_caps(struct rtvmx_caps *c)
{
	memset(c, 0, sizeof(*c));
	c->caps = RTVMX_CAPS_REQUIRED | RTVMX_CAP_INVEPT | RTVMX_CAP_INVVPID | RTVMX_CAP_SMP_VCPUS |
		  RTVMX_CAP_CPUID_MODEL;
	c->vmx_basic = 0x00da050000000000ULL | 0x2b | (1ULL << 31);
	c->ept_vpid_cap = 0x0000000106334141ULL;
	c->preemption_timer_shift = 5;
	c->nr_cpu_ids = 4;
	c->apicv = RTVMX_APICV_TPR_SHADOW | RTVMX_APICV_INTR_DELIVERY;
	c->mitigations = RTVMX_MITIGATION_RSB_FILL | RTVMX_MITIGATION_L1D_FLUSH;
	c->mitigations_needed = c->mitigations | RTVMX_MITIGATION_VERW;
	set_cpus(c->reserved_cpus, 1, 2, 3, -1);
	set_cpus(c->vmx_on_cpus, 1, 3, -1);
}

static const char want_text[] =
	"api_version: 1\n"
	"nr_cpu_ids: 4\n"
	"reserved_cpus: 1-3\n"
	"vmx_on_cpus: 1,3\n"
	"vmcs_revision: 0x2b\n"
	"preemption_timer_shift: 5\n"
	"vmx_basic: 0x00da05008000002b\n"
	"ept_vpid_cap: 0x0000000106334141\n"
	"caps: ept ept_2m vpid unrestricted_guest preemption_timer msr_bitmap io_bitmap"
	" secondary_ctls invept invvpid smp_vcpus cpuid_model\n"
	"missing: ept_1g tpr_shadow apic_reg_virt virt_intr_delivery posted_intr x2apic_virt\n"
	"apicv: tpr_shadow virt_intr_delivery\n"
	"mitigations: rsb_fill l1d_flush\n"
	"mitigations_needed: rsb_fill verw l1d_flush\n";

static const char want_json[] =
	"{\"api_version\": 1, \"nr_cpu_ids\": 4,"
	" \"reserved_cpus\": \"1-3\", \"vmx_on_cpus\": \"1,3\","
	" \"vmcs_revision\": 43, \"preemption_timer_shift\": 5,"
	" \"vmx_basic\": \"0x00da05008000002b\", \"ept_vpid_cap\": \"0x0000000106334141\","
	" \"caps\": [\"ept\", \"ept_2m\", \"vpid\", \"unrestricted_guest\", \"preemption_timer\","
	" \"msr_bitmap\", \"io_bitmap\", \"secondary_ctls\", \"invept\", \"invvpid\","
	" \"smp_vcpus\", \"cpuid_model\"],"
	" \"missing\": [\"ept_1g\", \"tpr_shadow\", \"apic_reg_virt\", \"virt_intr_delivery\","
	" \"posted_intr\", \"x2apic_virt\"], \"apicv\": [\"tpr_shadow\", \"virt_intr_delivery\"],"
	" \"mitigations\": [\"rsb_fill\", \"l1d_flush\"],"
	" \"mitigations_needed\": [\"rsb_fill\", \"verw\", \"l1d_flush\"]}\n";

static void test_caps(void)
{
	struct rtvmx_caps c;
	char buf[4096], small[16];
	int len;

	sample_caps(&c);
	len = caps_format_text(buf, sizeof(buf), 1, &c);
	check_str(buf, len, want_text, "caps text: typical host");
	len = caps_format_json(buf, sizeof(buf), 1, &c);
	check_str(buf, len, want_json, "caps json: typical host");

	check(caps_format_text(NULL, 0, 1, &c) == (int)strlen(want_text),
	      "caps text: (NULL, 0) gives the length");
	len = caps_format_json(small, sizeof(small), 1, &c);
	check(len == (int)strlen(want_json) && !strncmp(small, want_json, sizeof(small) - 1) &&
	      !small[sizeof(small) - 1], "caps json: truncates and NUL-terminates");

	memset(&c, 0, sizeof(c));
	c.caps = 1ULL << 63;
	len = caps_format_text(buf, sizeof(buf), 1, &c);
	check(strstr(buf, "reserved_cpus: none\nvmx_on_cpus: none\n") &&
	      strstr(buf, "\ncaps: bit63\n") && strstr(buf, "vmcs_revision: 0x0\n"),
	      "caps text: no cpus, unknown cap bit");
	len = caps_format_json(buf, sizeof(buf), 1, &c);
	check(strstr(buf, "\"reserved_cpus\": \"\", \"vmx_on_cpus\": \"\"") &&
	      strstr(buf, "\"caps\": [\"bit63\"]"), "caps json: no cpus, unknown cap bit");

	c.caps = ~0ULL >> (64 - RTVMX_NR_CAPS);
	caps_format_text(buf, sizeof(buf), 1, &c);
	check(strstr(buf, "\nmissing:\n") != NULL, "caps text: empty missing line is 'missing:'");
	caps_format_json(buf, sizeof(buf), 1, &c);
	check(strstr(buf, "\"missing\": [], \"apicv\": [], \"mitigations\": [],"
			  " \"mitigations_needed\": []}") != NULL,
	      "caps json: empty missing, apicv and mitigation lists");
	caps_format_text(buf, sizeof(buf), 1, &c);
	check(strstr(buf, "\napicv: none\n") != NULL, "caps text: no APIC virtualization is 'none'");
}

static void test_vm_stats(void)
{
	struct rtvmx_vm_info info;
	char buf[4096], small[8];
	int len;

	memset(&info, 0, sizeof(info));
	info.id = 3;
	info.state = RTVMX_VM_STOPPED;
	strcpy(info.name, "hello");
	info.cpu = 1;
	info.stop_reason = RTVMX_STOP_SHUTDOWN;
	info.exit_code = 0;
	info.exits_total = 30;
	info.exits[10] = 2;
	info.exits[30] = 25;
	info.exits[18] = 1;
	info.exits[5] = 1;
	info.exits[RTVMX_NR_EXIT_REASONS - 1] = 1;
	info.guest_ns = 12345;
	info.host_ns = 678;
	info.sched_runtime_ns = 9000;
	info.sched_overruns = 4;
	info.sched_overrun_max_ticks = 57;
	info.sched_deadline_misses = 2;
	info.sched_preemptions = 11;
	len = vm_stats_format(buf, sizeof(buf), &info);
	check_str(buf, len,
		  "vm: 3\nname: hello\ncpu: 1\nstop_reason: shutdown\nstop_detail: 0\n"
		  "exit_code: 0\nexits: 30\nexits.reason5: 1\nexits.cpuid: 2\n"
		  "exits.vmcall: 1\nexits.io_instruction: 25\nexits.reason79: 1\n"
		  "guest_ns: 12345\nhost_ns: 678\nsched_runtime_ns: 9000\nsched_overruns: 4\n"
		  "sched_overrun_max_ticks: 57\nsched_deadline_misses: 2\nsched_preemptions: 11\n"
		  "apicv: none\n",
		  "vm stats: shutdown with named and unnamed exit reasons");

	memset(&info, 0, sizeof(info));
	info.cpu = -1;
	info.stop_reason = 99;
	info.stop_detail = 0x40000000;
	memset(info.name, 'x', sizeof(info.name));	/* no NUL: stops at RTVMX_NAME_LEN */
	len = vm_stats_format(buf, sizeof(buf), &info);
	check(strstr(buf, "\ncpu: -1\nstop_reason: 99\nstop_detail: 0x40000000\n") &&
	      strstr(buf, "\nexits: 0\nguest_ns: 0\n") &&
	      strstr(buf, "name: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\ncpu") && len == (int)strlen(buf),
	      "vm stats: no vCPU, unknown stop reason, name without NUL");
	check(vm_stats_format(NULL, 0, &info) == len, "vm stats: (NULL, 0) gives the length");
	len = vm_stats_format(small, sizeof(small), &info);
	check(!strcmp(small, "vm: 0\nn") && len == (int)strlen(buf), "vm stats: truncates");
}

static const struct rtvmx_cpuid_entry cpuid_sample[] = {
	{ .leaf = 0, .eax = 0xd, .ebx = 0x756e6547, .ecx = 0x6c65746e, .edx = 0x49656e69 },
	{ .leaf = 1, .flags = RTVMX_CPUID_F_APIC_ID | RTVMX_CPUID_F_OSXSAVE, .eax = 0x306d4,
	  .ecx = (1u << 31) | (1u << 16) | 1, .edx = (1u << 26) | (1u << 9) },
	{ .leaf = 0xb, .subleaf = 1, .flags = RTVMX_CPUID_F_INDEXED | RTVMX_CPUID_F_APIC_ID,
	  .ebx = 1, .ecx = 0x201 },
};

static const char want_cpuid_text[] =
	"leaf       sub eax        ebx        ecx        edx\n"
	"0x00000000   - 0x0000000d 0x756e6547 0x6c65746e 0x49656e69\n"
	"0x00000001   - 0x000306d4 0x00000000 0x80010001 0x04000200  apic_id osxsave\n"
	"    ecx: sse3 bit16 hypervisor\n"
	"    edx: apic sse2\n"
	"0x0000000b   1 0x00000000 0x00000001 0x00000201 0x00000000  apic_id\n";

static const char want_cpuid_json[] =
	"{\"cpuid\": [{\"leaf\": 0, \"subleaf\": 0, \"eax\": \"0x0000000d\", \"ebx\": \"0x756e6547\","
	" \"ecx\": \"0x6c65746e\", \"edx\": \"0x49656e69\", \"flags\": []},"
	" {\"leaf\": 1, \"subleaf\": 0, \"eax\": \"0x000306d4\", \"ebx\": \"0x00000000\","
	" \"ecx\": \"0x80010001\", \"edx\": \"0x04000200\", \"flags\": [\"apic_id\", \"osxsave\"],"
	" \"features\": {\"ecx\": [\"sse3\", \"bit16\", \"hypervisor\"], \"edx\": [\"apic\", \"sse2\"]}},"
	" {\"leaf\": 11, \"subleaf\": 1, \"eax\": \"0x00000000\", \"ebx\": \"0x00000001\","
	" \"ecx\": \"0x00000201\", \"edx\": \"0x00000000\", \"flags\": [\"indexed\", \"apic_id\"]}]}\n";

static void test_cpuid(void)
{
	char buf[2048], small[8];
	int len;

	len = cpuid_format(buf, sizeof(buf), cpuid_sample, 3, false);
	check_str(buf, len, want_cpuid_text, "cpuid text: leaves, subleaf, flags, leaf 1 bit names");
	len = cpuid_format(buf, sizeof(buf), cpuid_sample, 3, true);
	check_str(buf, len, want_cpuid_json, "cpuid json: entries, flags, features");
	len = cpuid_format(small, sizeof(small), cpuid_sample, 3, false);
	check(len == (int)strlen(want_cpuid_text) && !strncmp(small, want_cpuid_text, sizeof(small) - 1) &&
	      small[sizeof(small) - 1] == '\0', "cpuid text: truncated like snprintf");
	len = cpuid_format(buf, sizeof(buf), cpuid_sample, 0, true);
	check_str(buf, len, "{\"cpuid\": []}\n", "cpuid json: no entries");
}

int main(void)
{
	printf("TAP version 13\n");
	test_cpulist();
	test_caps();
	test_vm_stats();
	test_cpuid();
	printf("1..%d\n", nr_tests);
	return nr_failed ? 1 : 0;
}
