// SPDX-License-Identifier: GPL-2.0
/* TSC ↔ device-clock conversions without drift (see timebase.h). */
#include "timebase.h"

static void mul_64x64(u64 a, u64 b, u64 *hi, u64 *lo)
{
	u64 al = (u32)a, ah = a >> 32, bl = (u32)b, bh = b >> 32;
	u64 ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	u64 mid = (ll >> 32) + (u32)lh + (u32)hl;

	*lo = (mid << 32) | (u32)ll;
	*hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

/* hi:lo / div with hi < div, so that the quotient fits; the remainder too. */
static u64 div_128_64(u64 hi, u64 lo, u64 div, u64 *rem)
{
	u64 q = 0, r = hi;
	int i;

	for (i = 63; i >= 0; i--) {
		bool carry = r >> 63;

		r = (r << 1) | ((lo >> i) & 1);
		q <<= 1;
		if (carry || r >= div) {
			r -= div;
			q |= 1;
		}
	}
	*rem = r;
	return q;
}

static u64 mul_div_rem(u64 a, u64 mul, u64 div, u64 *rem)
{
	u64 hi, lo;

	mul_64x64(a, mul, &hi, &lo);
	if (!hi) {
		*rem = lo % div;
		return lo / div;
	}
	if (hi >= div) {
		*rem = 0;
		return ~0ULL;
	}
	return div_128_64(hi, lo, div, rem);
}

u64 emul_mul_div(u64 a, u64 mul, u64 div)
{
	u64 rem;

	return mul_div_rem(a, mul, div, &rem);
}

u64 emul_mul_div_up(u64 a, u64 mul, u64 div)
{
	u64 rem, q = mul_div_rem(a, mul, div, &rem);

	return rem && q != ~0ULL ? q + 1 : q;
}

u64 emul_ticks_since(u64 start, u64 now, u64 tsc_hz, u64 dev_hz)
{
	if (now <= start)
		return 0;
	return emul_mul_div(now - start, dev_hz, tsc_hz);
}

u64 emul_tsc_at_tick(u64 start, u64 ticks, u64 tsc_hz, u64 dev_hz)
{
	u64 d = emul_mul_div_up(ticks, tsc_hz, dev_hz);

	if (d == ~0ULL || d > EMUL_NO_DEADLINE - 1 - start)
		return EMUL_NO_DEADLINE;
	return start + d;
}
