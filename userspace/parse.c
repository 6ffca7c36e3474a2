// SPDX-License-Identifier: GPL-2.0
/* Strict parsing of command-line numbers and names. */
#include <errno.h>
#include <string.h>
#include <linux/rtvmx.h>

#include "parse.h"

static int digit_value(char c, unsigned int base)
{
	int d;

	if (c >= '0' && c <= '9')
		d = c - '0';
	else if (c >= 'a' && c <= 'f')
		d = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		d = c - 'A' + 10;
	else
		return -1;
	return d < (int)base ? d : -1;
}

static unsigned int suffix_shift(char c)
{
	switch (c) {
	case 'k':
	case 'K':
		return 10;
	case 'm':
	case 'M':
		return 20;
	case 'g':
	case 'G':
		return 30;
	default:
		return 0;
	}
}

/* Digits from @*s in @base into @val, advancing @*s; at least one digit. */
static int parse_digits(const char **s, unsigned int base, __u64 *val)
{
	const char *p = *s;
	__u64 v = 0;
	int d;

	for (; (d = digit_value(*p, base)) >= 0; p++) {
		if (v > (~0ULL - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	if (p == *s)
		return -EINVAL;
	*s = p;
	*val = v;
	return 0;
}

int parse_size(const char *s, __u64 *val)
{
	unsigned int base = 10, shift;
	__u64 v;
	int ret;

	if (!s)
		return -EINVAL;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	ret = parse_digits(&s, base, &v);
	if (ret)
		return ret;
	shift = suffix_shift(*s);
	if (shift) {
		if (s[1])
			return -EINVAL;
		if (v > (~0ULL >> shift))
			return -ERANGE;
		v <<= shift;
	} else if (*s) {
		return -EINVAL;
	}
	*val = v;
	return 0;
}

int parse_cpu(const char *s, unsigned int *cpu)
{
	__u64 v;

	if (!s || parse_digits(&s, 10, &v) || *s || v >= RTVMX_MAX_CPUS)
		return -EINVAL;
	*cpu = v;
	return 0;
}

int parse_vcpus(const char *s, unsigned int *n)
{
	__u64 v;

	if (!s || parse_digits(&s, 10, &v) || *s || v < 1 || v > RTVMX_MAX_VCPUS)
		return -EINVAL;
	*n = v;
	return 0;
}

#define NAME_CHARS	"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-"

bool vm_name_valid(const char *name)
{
	size_t len = strlen(name);

	return len < RTVMX_NAME_LEN && strspn(name, NAME_CHARS) == len;
}
