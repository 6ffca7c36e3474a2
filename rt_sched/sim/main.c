// SPDX-License-Identifier: GPL-2.0
/* rtsim [-s SPAN] [-l LATENCY] [-t] FILE: simulates one core (see README.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim.h"

#define SIM_FILE_MAX	(64 * 1024)

static void print_segment(void *arg, const struct sim_vcpu *v, u64 start, u64 end)
{
	char a[24], b[24];

	printf("%s %s-%s\n", v ? v->name : "-", sim_time(a, sizeof(a), start),
	       sim_time(b, sizeof(b), end));
}

static char *read_all(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *buf;
	size_t n;

	if (!f)
		return NULL;
	buf = malloc(SIM_FILE_MAX + 1);
	n = buf ? fread(buf, 1, SIM_FILE_MAX + 1, f) : 0;
	if (f != stdin)
		fclose(f);
	if (!buf || n > SIM_FILE_MAX) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

static int usage(void)
{
	fprintf(stderr, "usage: rtsim [-s SPAN] [-l LATENCY] [-t] FILE|-\n"
		"  -s SPAN     simulate this long (overrides the file's span)\n"
		"  -l LATENCY  timer exits come this late (overrides the file's latency)\n"
		"  -t          print the schedule, one 'vcpu start-end' line per stretch\n");
	return 1;
}

int main(int argc, char **argv)
{
	const char *span = NULL, *latency = NULL;
	static struct sim s;
	char err[256], *text;
	bool trace = false;
	int opt, ret;

	while ((opt = getopt(argc, argv, "s:l:t")) != -1) {
		if (opt == 's')
			span = optarg;
		else if (opt == 'l')
			latency = optarg;
		else if (opt == 't')
			trace = true;
		else
			return usage();
	}
	if (optind != argc - 1)
		return usage();
	text = read_all(argv[optind]);
	if (!text) {
		fprintf(stderr, "rtsim: cannot read %s (or over %d bytes)\n", argv[optind],
			SIM_FILE_MAX);
		return 1;
	}
	ret = sim_parse(&s, text, err, sizeof(err));
	free(text);
	if (!ret)
		ret = sim_override(&s, span, latency, err, sizeof(err));
	if (!ret)
		ret = sim_setup(&s, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "rtsim: %s: %s\n", argv[optind], err);
		return 1;
	}
	if (trace)
		s.segment = print_segment;
	sim_run(&s);
	sim_report(&s, stdout);
	return 0;
}
