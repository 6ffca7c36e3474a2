// SPDX-License-Identifier: GPL-2.0
/* rtsim's times as text, both ways. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

static const struct {
	const char *suffix;
	u64 ns;
} units[] = { { "s", 1000000000 }, { "ms", 1000000 }, { "us", 1000 }, { "ns", 1 } };

const char *sim_time(char *buf, size_t len, u64 ns)
{
	size_t i = ns ? 0 : ARRAY_SIZE(units) - 1;

	/* Stops at "ns" at the latest, which divides anything. */
	while (ns % units[i].ns)
		i++;
	snprintf(buf, len, "%llu%s", ns / units[i].ns, units[i].suffix);
	return buf;
}

bool sim_parse_time(const char *str, u64 *ns)
{
	unsigned long long n;
	char *end;
	size_t i;

	if (*str < '0' || *str > '9')
		return false;
	errno = 0;
	n = strtoull(str, &end, 10);
	if (errno)
		return false;
	if (!*end) {
		*ns = n;
		return true;
	}
	for (i = 0; i < ARRAY_SIZE(units); i++)
		if (!strcmp(end, units[i].suffix))
			return !__builtin_mul_overflow(n, units[i].ns, ns);
	return false;
}
