/* SPDX-License-Identifier: GPL-2.0 */
/* An output buffer that keeps counting once full, like snprintf(); for the renderers. */
#ifndef RTVMX_CLI_OUT_H
#define RTVMX_CLI_OUT_H

#include <stddef.h>

struct out {
	char *buf;
	size_t size;
	size_t len;	/* length of the whole output so far */
};

void out_init(struct out *o, char *buf, size_t size);
__attribute__((format(printf, 2, 3)))
void out_printf(struct out *o, const char *fmt, ...);

#endif
