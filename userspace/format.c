// SPDX-License-Identifier: GPL-2.0
/* Text and JSON renderings of what RTVMX_CHECK_CAP reports. */
#include <stdbool.h>
#include <stdio.h>

#include "format.h"
#include "out.h"
#include "result.h"

/* IA32_VMX_BASIC bits 30:0 (SDM Vol. 3D, A.1). */
#define VMX_BASIC_REVISION(b)	((unsigned int)((b) & 0x7fffffff))
#define KNOWN_CAPS		((1ULL << RTVMX_NR_CAPS) - 1)

static const char *const cap_names[] = { RTVMX_CAP_NAMES };
static const char *const apicv_names[] = { RTVMX_APICV_NAMES };
static const char *const mitigation_names[] = { RTVMX_MITIGATION_NAMES };

_Static_assert(sizeof(cap_names) / sizeof(cap_names[0]) == RTVMX_NR_CAPS,
	       "RTVMX_CAP_NAMES and RTVMX_NR_CAPS disagree");
_Static_assert(sizeof(apicv_names) / sizeof(apicv_names[0]) == RTVMX_NR_APICV,
	       "RTVMX_APICV_NAMES and RTVMX_NR_APICV disagree");
_Static_assert(sizeof(mitigation_names) / sizeof(mitigation_names[0]) == RTVMX_NR_MITIGATIONS,
	       "RTVMX_MITIGATION_NAMES and RTVMX_NR_MITIGATIONS disagree");

static bool mask_test(const __u64 *mask, unsigned int bit)
{
	return (mask[bit / 64] >> (bit % 64)) & 1;
}

static void out_cpulist(struct out *o, const __u64 *mask, unsigned int nbits)
{
	const char *sep = "";
	unsigned int first, last;

	for (first = 0; first < nbits; first = last + 1) {
		last = first;
		if (!mask_test(mask, first))
			continue;
		while (last + 1 < nbits && mask_test(mask, last + 1))
			last++;
		if (last == first)
			out_printf(o, "%s%u", sep, first);
		else
			out_printf(o, "%s%u-%u", sep, first, last);
		sep = ",";
	}
}

/* Text: " name" per set bit. JSON: "name" items separated by ", ". */
static void out_bit_names(struct out *o, __u64 mask, const char *const *names, unsigned int nr,
			  bool json)
{
	const char *sep = json ? "" : " ";
	unsigned int bit;

	for (bit = 0; bit < 64; bit++) {
		if (!(mask & (1ULL << bit)))
			continue;
		if (bit < nr)
			out_printf(o, json ? "%s\"%s\"" : "%s%s", sep, names[bit]);
		else
			out_printf(o, json ? "%s\"bit%u\"" : "%sbit%u", sep, bit);
		sep = json ? ", " : " ";
	}
}

static void out_cap_names(struct out *o, __u64 mask, bool json)
{
	out_bit_names(o, mask, cap_names, RTVMX_NR_CAPS, json);
}

/* Text: "KEY: name...\n" ("none" for no bit). JSON: "KEY": ["name", ...]. */
static void out_named_set(struct out *o, const char *key, __u32 set, const char *const *names,
			  unsigned int nr, bool json)
{
	if (json) {
		out_printf(o, "\"%s\": [", key);
		out_bit_names(o, set, names, nr, true);
		out_printf(o, "]");
		return;
	}
	out_printf(o, "%s:", key);
	out_bit_names(o, set, names, nr, false);
	out_printf(o, "%s\n", set ? "" : " none");
}

void out_apicv(struct out *o, __u32 apicv, bool json)
{
	out_named_set(o, "apicv", apicv, apicv_names, RTVMX_NR_APICV, json);
}

int cpulist_format(char *buf, size_t size, const __u64 *mask, unsigned int nbits)
{
	struct out o;

	out_init(&o, buf, size);
	out_cpulist(&o, mask, nbits);
	return o.len;
}

static void out_cpus_text(struct out *o, const char *key, const __u64 *mask)
{
	size_t start;

	out_printf(o, "%s: ", key);
	start = o->len;
	out_cpulist(o, mask, RTVMX_MAX_CPUS);
	out_printf(o, "%s\n", o->len == start ? "none" : "");
}

int caps_format_text(char *buf, size_t size, int api_version, const struct rtvmx_caps *c)
{
	struct out o;

	out_init(&o, buf, size);
	out_printf(&o, "api_version: %d\n", api_version);
	out_printf(&o, "nr_cpu_ids: %u\n", c->nr_cpu_ids);
	out_cpus_text(&o, "reserved_cpus", c->reserved_cpus);
	out_cpus_text(&o, "vmx_on_cpus", c->vmx_on_cpus);
	out_printf(&o, "vmcs_revision: 0x%x\n", VMX_BASIC_REVISION(c->vmx_basic));
	out_printf(&o, "preemption_timer_shift: %u\n", c->preemption_timer_shift);
	out_printf(&o, "vmx_basic: 0x%016llx\n", (unsigned long long)c->vmx_basic);
	out_printf(&o, "ept_vpid_cap: 0x%016llx\n", (unsigned long long)c->ept_vpid_cap);
	out_printf(&o, "caps:");
	out_cap_names(&o, c->caps, false);
	out_printf(&o, "\nmissing:");
	out_cap_names(&o, ~c->caps & KNOWN_CAPS, false);
	out_printf(&o, "\n");
	out_apicv(&o, c->apicv, false);
	out_named_set(&o, "mitigations", c->mitigations, mitigation_names, RTVMX_NR_MITIGATIONS,
		      false);
	out_named_set(&o, "mitigations_needed", c->mitigations_needed, mitigation_names,
		      RTVMX_NR_MITIGATIONS, false);
	return o.len;
}

static void out_cpus_json(struct out *o, const char *key, const __u64 *mask)
{
	out_printf(o, ", \"%s\": \"", key);
	out_cpulist(o, mask, RTVMX_MAX_CPUS);
	out_printf(o, "\"");
}

int caps_format_json(char *buf, size_t size, int api_version, const struct rtvmx_caps *c)
{
	struct out o;

	out_init(&o, buf, size);
	out_printf(&o, "{\"api_version\": %d", api_version);
	out_printf(&o, ", \"nr_cpu_ids\": %u", c->nr_cpu_ids);
	out_cpus_json(&o, "reserved_cpus", c->reserved_cpus);
	out_cpus_json(&o, "vmx_on_cpus", c->vmx_on_cpus);
	out_printf(&o, ", \"vmcs_revision\": %u", VMX_BASIC_REVISION(c->vmx_basic));
	out_printf(&o, ", \"preemption_timer_shift\": %u", c->preemption_timer_shift);
	out_printf(&o, ", \"vmx_basic\": \"0x%016llx\"", (unsigned long long)c->vmx_basic);
	out_printf(&o, ", \"ept_vpid_cap\": \"0x%016llx\"", (unsigned long long)c->ept_vpid_cap);
	out_printf(&o, ", \"caps\": [");
	out_cap_names(&o, c->caps, true);
	out_printf(&o, "], \"missing\": [");
	out_cap_names(&o, ~c->caps & KNOWN_CAPS, true);
	out_printf(&o, "], ");
	out_apicv(&o, c->apicv, true);
	out_printf(&o, ", ");
	out_named_set(&o, "mitigations", c->mitigations, mitigation_names, RTVMX_NR_MITIGATIONS,
		      true);
	out_printf(&o, ", ");
	out_named_set(&o, "mitigations_needed", c->mitigations_needed, mitigation_names,
		      RTVMX_NR_MITIGATIONS, true);
	out_printf(&o, "}\n");
	return o.len;
}

static void out_exit_counts(struct out *o, const __u64 *exits)
{
	const char *name;
	unsigned int i;

	for (i = 0; i < RTVMX_NR_EXIT_REASONS; i++) {
		if (!exits[i])
			continue;
		name = exit_reason_name(i);
		if (name)
			out_printf(o, "exits.%s: %llu\n", name, (unsigned long long)exits[i]);
		else
			out_printf(o, "exits.reason%u: %llu\n", i, (unsigned long long)exits[i]);
	}
}

int vm_stats_format(char *buf, size_t size, const struct rtvmx_vm_info *info)
{
	const char *reason = stop_reason_name(info->stop_reason);
	struct out o;

	out_init(&o, buf, size);
	out_printf(&o, "vm: %u\nname: %.*s\ncpu: %d\n", info->id, RTVMX_NAME_LEN, info->name,
		   info->cpu);
	if (reason)
		out_printf(&o, "stop_reason: %s\n", reason);
	else
		out_printf(&o, "stop_reason: %u\n", info->stop_reason);
	out_printf(&o, "stop_detail: %#llx\nexit_code: %llu\n",
		   (unsigned long long)info->stop_detail, (unsigned long long)info->exit_code);
	out_printf(&o, "exits: %llu\n", (unsigned long long)info->exits_total);
	out_exit_counts(&o, info->exits);
	out_printf(&o, "guest_ns: %llu\nhost_ns: %llu\n", (unsigned long long)info->guest_ns,
		   (unsigned long long)info->host_ns);
	out_printf(&o, "sched_runtime_ns: %llu\nsched_overruns: %llu\nsched_overrun_max_ticks: %llu\n",
		   (unsigned long long)info->sched_runtime_ns,
		   (unsigned long long)info->sched_overruns,
		   (unsigned long long)info->sched_overrun_max_ticks);
	out_printf(&o, "sched_deadline_misses: %llu\nsched_preemptions: %llu\n",
		   (unsigned long long)info->sched_deadline_misses,
		   (unsigned long long)info->sched_preemptions);
	out_apicv(&o, info->apicv, false);
	return o.len;
}
