// SPDX-License-Identifier: GPL-2.0
/* The simulator's text format and its bookkeeping. */
#include <string.h>

#include "harness.h"

static struct sim s;

static bool parse_fails(const char *cfg, const char *want)
{
	char err[256] = "";

	if (sim_parse(&s, cfg, err, sizeof(err)) == -EINVAL && !strcmp(err, want))
		return true;
	tap_diag("got  \"%s\"", err);
	tap_diag("want \"%s\"", want);
	return false;
}

static void test_parse(void)
{
	char err[256];

	tap_check(!sim_parse(&s, "# comment\n\nspan 1s\nlatency 7\n"
			     "vcpu a edf budget=1500us period=10ms deadline=8ms exec=1ms,2ms "
			     "every=20ms offset=3ms due=9ms # ok\n",
			     err, sizeof(err)) &&
		  s.span == 1000000000 && s.latency == 7 && s.nr == 1 &&
		  s.vcpus[0].params.server.budget == 1500 * US &&
		  s.vcpus[0].params.server.deadline == 8 * MS && s.vcpus[0].load.nr_exec == 2 &&
		  s.vcpus[0].load.exec[1] == 2 * MS && s.vcpus[0].load.every == 20 * MS &&
		  s.vcpus[0].load.offset == 3 * MS && s.vcpus[0].load.due == 9 * MS,
		  "parse: every key, unit and comment");
	tap_check(!sim_parse(&s, "vcpu a fp prio=4 budget=1ms period=10ms deadline=5ms exec=1ms\n"
			     "vcpu b edf budget=1ms period=10ms exec=1ms\n"
			     "vcpu c table exec=1ms\nvcpu d edf budget=1ms period=10ms\n"
			     "table frame=5ms window=c:0-1ms\n", err, sizeof(err)) &&
		  s.vcpus[0].load.every == 10 * MS && s.vcpus[0].load.due == 5 * MS &&
		  s.vcpus[1].load.due == 10 * MS && s.vcpus[2].load.every == 5 * MS &&
		  s.vcpus[2].params.table.frame == 5 * MS && s.vcpus[3].load.busy &&
		  s.vcpus[0].params.server.prio == 4,
		  "parse: jobs default to the period or frame, due to the deadline or every");
	tap_check(parse_fails("span 1ms\nspan 10xs\n",
			      "line 2: span: '10xs' is not a time such as 10ms"),
		  "parse: a bad unit names its line");
	tap_check(parse_fails("vcpu a rr\n",
			      "line 1: unknown policy 'rr' (dedicated, table, edf, fp)"),
		  "parse: unknown policy");
	tap_check(parse_fails("vcpu a edf prio=3\n", "line 1: vcpu a: unknown key 'prio'"),
		  "parse: prio is for fp only");
	tap_check(parse_fails("vcpu a edf\nvcpu a fp\n",
			      "line 2: vcpu name 'a' is taken or longer than 15"),
		  "parse: duplicate name");
	tap_check(parse_fails("vcpu a edf\ntable frame=1ms window=a:0-1ms\n",
			      "line 2: window: no table vcpu 'a' declared above"),
		  "parse: windows belong to table vcpus");
	tap_check(parse_fails("vcpu a table\ntable window=a:0-1ms\n",
			      "line 2: table: frame=T is missing"),
		  "parse: a table needs its frame");
	tap_check(parse_fails("vcpu a dedicated exec=1ms\n", "vcpu a: jobs need every=T"),
		  "parse: dedicated jobs need every=");
	tap_check(parse_fails("vcpu a dedicated busy exec=1ms every=1ms\n",
			      "vcpu a: busy and exec= exclude each other"), "parse: busy or jobs");
	tap_check(parse_fails("run 5ms\n",
			      "line 1: unknown statement 'run' (vcpu, table, span, latency)"),
		  "parse: unknown statement");
	tap_check(!sim_parse(&s, "", err, sizeof(err)) &&
		  !sim_override(&s, "2s", "1us", err, sizeof(err)) &&
		  s.span == 2000000000 && s.latency == 1000 &&
		  sim_override(&s, "2h", NULL, err, sizeof(err)) == -EINVAL,
		  "parse: command-line span and latency override the file's");
}

/*
 * a's jobs of 3ms every 4ms on a 2ms-in-4ms server fall ever further behind:
 * jobs 0-2 end at 5, 10 and 17ms, all late. At 20ms jobs 3 and 4, due by 16
 * and 20ms, are open: missed too; the job released at 20ms is not counted.
 * With a 19ms span job 4 is pending instead.
 */
static void test_finish(void)
{
	const struct sim_result *r = &s.vcpus[0].res;
	bool ok = sim_load(&s, "span 20ms\nvcpu a edf budget=2ms period=4ms exec=3ms\n");

	if (ok)
		sim_run(&s);
	tap_check(ok && s.vcpus[0].released == 5 && !r->met && r->missed == 5 && !r->pending,
		  "sim: jobs late or open past their deadline are missed (%llu met, %llu missed)",
		  r->met, r->missed);
	ok = sim_load(&s, "span 19ms\nvcpu a edf budget=2ms period=4ms exec=3ms\n");
	if (ok)
		sim_run(&s);
	tap_check(ok && r->missed == 4 && r->pending == 1,
		  "sim: an open job due after the span is pending");
}

static void test_time(void)
{
	char b[24];

	tap_check(!strcmp(sim_time(b, sizeof(b), 0), "0ns") &&
		  !strcmp(sim_time(b, sizeof(b), 3 * 1000000000ULL), "3s") &&
		  !strcmp(sim_time(b, sizeof(b), 1500 * US), "1500us") &&
		  !strcmp(sim_time(b, sizeof(b), 1000001), "1000001ns"),
		  "sim: times print in the largest exact unit");
}

int main(void)
{
	tap_start();
	test_parse();
	test_finish();
	test_time();
	return tap_done();
}
