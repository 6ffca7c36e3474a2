// SPDX-License-Identifier: GPL-2.0
/* A small vsnprintf for the guests: enough for test reports. */
#include "guest.h"

struct buf {
	char *p;
	size_t size;
	size_t len;	/* length of the whole output, as snprintf() counts it */
};

struct spec {
	bool alt;	/* '#': 0x prefix */
	bool zero;	/* '0': pad with zeros */
	unsigned int width;
	unsigned int longs;	/* 'l' count; 'z' counts as one */
};

static void put(struct buf *b, char c)
{
	if (b->len + 1 < b->size)
		b->p[b->len] = c;
	b->len++;
}

static void put_str(struct buf *b, const char *s, const struct spec *sp)
{
	size_t n = strlen(s);

	for (; n < sp->width; n++)
		put(b, ' ');
	while (*s)
		put(b, *s++);
}

static void put_num(struct buf *b, unsigned long long v, unsigned int base, bool neg,
		    const struct spec *sp)
{
	char digits[24];
	unsigned int n = 0, len;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	len = n + neg + (sp->alt ? 2 : 0);
	for (; !sp->zero && len < sp->width; len++)
		put(b, ' ');
	if (neg)
		put(b, '-');
	if (sp->alt) {
		put(b, '0');
		put(b, 'x');
	}
	for (; sp->zero && len < sp->width; len++)
		put(b, '0');
	while (n)
		put(b, digits[--n]);
}

static const char *parse_spec(const char *f, struct spec *sp)
{
	*sp = (struct spec){ 0 };
	for (;; f++) {
		if (*f == '#')
			sp->alt = true;
		else if (*f == '0')
			sp->zero = true;
		else
			break;
	}
	for (; *f >= '0' && *f <= '9'; f++)
		sp->width = sp->width * 10 + (*f - '0');
	for (; *f == 'l' || *f == 'z'; f++)
		sp->longs++;
	return f;
}

/* One 'l' (or 'z') is as wide as long, which is 32 bits in the 32-bit and real-mode guests. */
static unsigned long long arg_unsigned(va_list *ap, const struct spec *sp)
{
	if (sp->longs > 1)
		return va_arg(*ap, unsigned long long);
	return sp->longs ? va_arg(*ap, unsigned long) : va_arg(*ap, unsigned int);
}

static long long arg_signed(va_list *ap, const struct spec *sp)
{
	if (sp->longs > 1)
		return va_arg(*ap, long long);
	return sp->longs ? va_arg(*ap, long) : va_arg(*ap, int);
}

static void conversion(struct buf *b, char c, struct spec *sp, va_list *ap)
{
	long long s;

	switch (c) {
	case 'd':
	case 'i':
		s = arg_signed(ap, sp);
		put_num(b, s < 0 ? -(unsigned long long)s : (unsigned long long)s, 10, s < 0, sp);
		break;
	case 'u':
		put_num(b, arg_unsigned(ap, sp), 10, false, sp);
		break;
	case 'x':
	case 'X':
		put_num(b, arg_unsigned(ap, sp), 16, false, sp);
		break;
	case 'p':
		sp->alt = true;
		put_num(b, (unsigned long)va_arg(*ap, void *), 16, false, sp);
		break;
	case 's':
		put_str(b, va_arg(*ap, const char *) ?: "(null)", sp);
		break;
	case 'c':
		put(b, (char)va_arg(*ap, int));
		break;
	default:
		put(b, '%');
		if (c)
			put(b, c);
	}
}

int guest_vsnprintf(char *p, size_t size, const char *fmt, va_list ap)
{
	struct buf b = { p, size, 0 };
	struct spec sp;
	va_list aq;

	va_copy(aq, ap);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&b, *fmt);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp);
		conversion(&b, *fmt, &sp, &aq);
		if (!*fmt)
			break;
	}
	va_end(aq);
	if (size)
		p[b.len < size ? b.len : size - 1] = '\0';
	return b.len;
}

int guest_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = guest_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void guest_printf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	guest_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	serial_puts(buf);
}
