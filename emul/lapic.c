// SPDX-License-Identifier: GPL-2.0
/* Local APIC register model (Intel SDM Vol. 3A chapter 10; see lapic.h). */
#include "lapic.h"
#include "timebase.h"

/* xAPIC register offsets (SDM Vol. 3A Table 10-1); x2APIC MSR = 0x800 + offset / 16. */
#define APIC_ID		0x020
#define APIC_LVR	0x030
#define APIC_TPR	0x080
#define APIC_APR	0x090
#define APIC_PPR	0x0a0
#define APIC_EOI	0x0b0
#define APIC_RRD	0x0c0
#define APIC_LDR	0x0d0
#define APIC_DFR	0x0e0
#define APIC_SVR	0x0f0
#define APIC_ISR	0x100
#define APIC_TMR	0x180
#define APIC_IRR	0x200
#define APIC_ESR	0x280
#define APIC_CMCI	0x2f0
#define APIC_ICR	0x300
#define APIC_ICR2	0x310
#define APIC_LVTT	0x320
#define APIC_LVTERR	0x370
#define APIC_TMICT	0x380
#define APIC_TMCCT	0x390
#define APIC_TDCR	0x3e0
#define APIC_SELF_IPI	0x3f0	/* x2APIC only */

#define ICR_VECTOR(v)		((v) & 0xff)
#define ICR_MODE(v)		(((v) >> 8) & 7)
#define ICR_LOGICAL		(1u << 11)
#define ICR_ASSERT		(1u << 14)
#define ICR_LEVEL		(1u << 15)
#define ICR_SHORTHAND(v)	(((v) >> 18) & 3)
#define ICR_MASK		0x000ccfffu	/* vector..shorthand; delivery status reads 0 */
#define SVR_MASK		0x3ffu
#define TDCR_MASK		0xbu

/* Writable bits of each LVT entry (SDM Vol. 3A Figure 10-8). */
static const u32 lvt_mask[LAPIC_NR_LVT] = {
	[LAPIC_LVT_TIMER]	= 0x000700ff,
	[LAPIC_LVT_THERMAL]	= 0x000107ff,
	[LAPIC_LVT_PERF]	= 0x000107ff,
	[LAPIC_LVT_LINT0]	= 0x0001a7ff,
	[LAPIC_LVT_LINT1]	= 0x0001a7ff,
	[LAPIC_LVT_ERROR]	= 0x000100ff,
};

/* Bit helpers on the 256-bit IRR/ISR/TMR, kept as eight 32-bit words. */
static void vec_set(u32 *reg, u8 v)
{
	reg[v >> 5] |= 1u << (v & 31);
}

static void vec_clear(u32 *reg, u8 v)
{
	reg[v >> 5] &= ~(1u << (v & 31));
}

static bool vec_test(const u32 *reg, u8 v)
{
	return reg[v >> 5] & (1u << (v & 31));
}

static int vec_highest(const u32 *reg)
{
	int i;

	for (i = 7; i >= 0; i--)
		if (reg[i])
			return i * 32 + 31 - __builtin_clz(reg[i]);
	return -1;
}

static u64 apic_now(const struct lapic *apic)
{
	return apic->ops->now(apic->opaque);
}

bool lapic_x2apic_mode(const struct lapic *apic)
{
	return apic->apic_base & APIC_BASE_EXTD;
}

bool lapic_hw_enabled(const struct lapic *apic)
{
	return apic->apic_base & APIC_BASE_EN;
}

bool lapic_sw_enabled(const struct lapic *apic)
{
	return lapic_hw_enabled(apic) && (apic->svr & APIC_SVR_ENABLE);
}

static u32 x2apic_ldr(u32 id)
{
	/* SDM Vol. 3A 10.12.10.2: cluster ID in 31:16, one bit of 16 in 15:0 */
	return ((id >> 4) << 16) | (1u << (id & 0xf));
}

static void timer_disarm(struct lapic *apic)
{
	apic->timer_armed = false;
	apic->deadline = EMUL_NO_DEADLINE;
}

void lapic_reset(struct lapic *apic)
{
	unsigned int i;

	apic->tpr = 0;
	apic->ldr = lapic_x2apic_mode(apic) ? x2apic_ldr(apic->id) : 0;
	apic->dfr = 0xffffffff;
	apic->svr = 0xff;
	apic->esr = apic->esr_pending = 0;
	apic->icr_lo = apic->icr_hi = 0;
	for (i = 0; i < LAPIC_NR_LVT; i++)
		apic->lvt[i] = APIC_LVT_MASKED;
	memset(apic->irr, 0, sizeof(apic->irr));
	memset(apic->irr_new, 0, sizeof(apic->irr_new));
	memset(apic->isr, 0, sizeof(apic->isr));
	memset(apic->tmr, 0, sizeof(apic->tmr));
	apic->lint_level[0] = apic->lint_level[1] = false;
	apic->nmi_pending = false;
	apic->timer_icr = apic->timer_dcr = 0;
	apic->timer_div = 2;
	apic->tsc_deadline = 0;
	timer_disarm(apic);
}

void lapic_init(struct lapic *apic, const struct lapic_ops *ops, void *opaque, u32 id, bool bsp,
		u64 tsc_hz, u64 bus_hz)
{
	memset(apic, 0, sizeof(*apic));
	apic->ops = ops;
	apic->opaque = opaque;
	apic->tsc_hz = tsc_hz;
	apic->bus_hz = bus_hz;
	apic->id = id;
	apic->apic_base = LAPIC_DEFAULT_BASE | APIC_BASE_EN | (bsp ? APIC_BASE_BSP : 0);
	lapic_reset(apic);
}

u64 lapic_get_apic_base(const struct lapic *apic)
{
	return apic->apic_base;
}

/* SDM Vol. 3A 10.12.5, Figure 10-27: the allowed mode transitions. */
int lapic_set_apic_base(struct lapic *apic, u64 val)
{
	u64 mode = apic->apic_base & (APIC_BASE_EN | APIC_BASE_EXTD);
	u64 next = val & (APIC_BASE_EN | APIC_BASE_EXTD);

	if (val & ~(APIC_BASE_ADDR_MASK | APIC_BASE_EN | APIC_BASE_EXTD | APIC_BASE_BSP))
		return -EINVAL;
	if (next == APIC_BASE_EXTD)
		return -EINVAL;				/* x2APIC without EN */
	if (mode == (APIC_BASE_EN | APIC_BASE_EXTD) && next == APIC_BASE_EN)
		return -EINVAL;				/* x2APIC → xAPIC */
	if (!mode && next == (APIC_BASE_EN | APIC_BASE_EXTD))
		return -EINVAL;				/* disabled → x2APIC */
	apic->apic_base = (val & ~APIC_BASE_BSP) | (apic->apic_base & APIC_BASE_BSP);
	if (mode && !next)
		lapic_reset(apic);			/* 10.4.3: disabling resets the APIC */
	else if (next != mode && (next & APIC_BASE_EXTD))
		apic->ldr = x2apic_ldr(apic->id);
	return 0;
}

/* SDM Vol. 3A 10.8.3.1 */
u32 lapic_ppr(const struct lapic *apic)
{
	int isrv = vec_highest(apic->isr);
	u32 isr_class = isrv < 0 ? 0 : (u32)isrv & 0xf0;

	return (apic->tpr & 0xf0) >= isr_class ? apic->tpr & 0xff : isr_class;
}

/* SDM Vol. 3A 10.6.2.4 (arbitration priority) */
static u32 lapic_apr(const struct lapic *apic)
{
	int isrv = vec_highest(apic->isr), irrv = vec_highest(apic->irr);
	u32 tpr = apic->tpr & 0xff, isr_class = isrv < 0 ? 0 : (u32)isrv & 0xf0;
	u32 irr_class = irrv < 0 ? 0 : (u32)irrv & 0xf0, apr = tpr & 0xf0;

	if ((tpr & 0xf0) >= irr_class && (tpr & 0xf0) > isr_class)
		return tpr;
	if (isr_class > apr)
		apr = isr_class;
	if (irr_class > apr)
		apr = irr_class;
	return apr;
}

u8 lapic_get_cr8(const struct lapic *apic)
{
	return (apic->tpr >> 4) & 0xf;
}

void lapic_set_cr8(struct lapic *apic, u8 val)
{
	apic->tpr = (u32)(val & 0xf) << 4;
}

static void apic_error(struct lapic *apic, u32 bits)
{
	u32 lvt = apic->lvt[LAPIC_LVT_ERROR];

	apic->esr_pending |= bits;
	if (!(lvt & APIC_LVT_MASKED) && (lvt & 0xff) >= 16)
		lapic_set_irq(apic, lvt & 0xff, false);
}

bool lapic_set_irq(struct lapic *apic, u8 vector, bool level)
{
	if (!lapic_sw_enabled(apic))
		return false;
	if (vector < 16) {
		apic_error(apic, APIC_ESR_RECV_ILLEGAL);
		return false;
	}
	vec_set(apic->irr, vector);
	vec_set(apic->irr_new, vector);
	if (level)
		vec_set(apic->tmr, vector);
	else
		vec_clear(apic->tmr, vector);
	return true;
}

void lapic_nmi(struct lapic *apic)
{
	if (lapic_hw_enabled(apic))
		apic->nmi_pending = true;
}

bool lapic_take_nmi(struct lapic *apic)
{
	bool nmi = apic->nmi_pending;

	apic->nmi_pending = false;
	return nmi;
}

void lapic_set_lint(struct lapic *apic, unsigned int pin, bool level)
{
	u32 lvt;
	bool rising;

	if (pin > 1)
		return;
	lvt = apic->lvt[LAPIC_LVT_LINT0 + pin];
	rising = level && !apic->lint_level[pin];
	apic->lint_level[pin] = level;
	if (lvt & APIC_LVT_MASKED)
		return;
	switch (ICR_MODE(lvt)) {
	case APIC_DM_FIXED:
		if (lvt & APIC_LVT_LEVEL ? level : rising)
			lapic_set_irq(apic, lvt & 0xff, lvt & APIC_LVT_LEVEL);
		break;
	case APIC_DM_NMI:
		if (rising)
			lapic_nmi(apic);
		break;
	}
}

bool lapic_extint_pending(const struct lapic *apic)
{
	unsigned int pin;

	if (!lapic_hw_enabled(apic))
		return false;
	for (pin = 0; pin < 2; pin++) {
		u32 lvt = apic->lvt[LAPIC_LVT_LINT0 + pin];

		if (apic->lint_level[pin] && !(lvt & APIC_LVT_MASKED) &&
		    ICR_MODE(lvt) == APIC_DM_EXTINT)
			return true;
	}
	return false;
}

/* SDM Vol. 3A 10.8.3: deliverable when its class is above PPR's class. */
int lapic_pending_vector(const struct lapic *apic)
{
	int v = vec_highest(apic->irr);

	if (v < 0 || !lapic_hw_enabled(apic))
		return -1;
	return ((u32)v & 0xf0) > (lapic_ppr(apic) & 0xf0) ? v : -1;
}

void lapic_ack(struct lapic *apic, u8 vector)
{
	vec_clear(apic->irr, vector);
	vec_set(apic->isr, vector);
}

/* SDM Vol. 3A 10.8.5: EOI retires the highest ISR bit. */
static void apic_eoi(struct lapic *apic)
{
	int v = vec_highest(apic->isr);

	if (v < 0)
		return;
	vec_clear(apic->isr, v);
	if (vec_test(apic->tmr, v))
		apic->ops->eoi_level(apic->opaque, apic, v);
}

bool lapic_match_dest(const struct lapic *apic, u32 dest, bool logical)
{
	if (lapic_x2apic_mode(apic)) {
		if (dest == APIC_BROADCAST_X2APIC)
			return true;
		if (!logical)
			return dest == apic->id;
		return (dest >> 16) == (apic->ldr >> 16) && (dest & apic->ldr & 0xffff);
	}
	dest &= 0xff;
	if (dest == APIC_BROADCAST_XAPIC)
		return true;
	if (!logical)
		return dest == (apic->id & 0xff);
	if ((apic->dfr >> 28) == 0xf)				/* flat model */
		return dest & (apic->ldr >> 24);
	return (dest >> 4) == (apic->ldr >> 28) && (dest & (apic->ldr >> 24) & 0xf);
}

/* SDM Vol. 3A 10.6.1: the ICR was written. */
static void apic_send_ipi(struct lapic *apic, u32 lo, u32 dest)
{
	struct lapic_ipi ipi = {
		.dest = dest,
		.vector = ICR_VECTOR(lo),
		.mode = ICR_MODE(lo),
		.shorthand = ICR_SHORTHAND(lo),
		.logical = lo & ICR_LOGICAL,
		.level_trigger = lo & ICR_LEVEL,
		.assert = lo & ICR_ASSERT,
	};
	u32 broadcast = lapic_x2apic_mode(apic) ? APIC_BROADCAST_X2APIC : APIC_BROADCAST_XAPIC;
	bool self, others;

	if ((ipi.mode == APIC_DM_FIXED || ipi.mode == APIC_DM_LOWEST) && ipi.vector < 16) {
		apic_error(apic, APIC_ESR_SEND_ILLEGAL);
		return;
	}
	switch (ipi.shorthand) {
	case LAPIC_SH_SELF:
		self = true;
		others = false;
		break;
	case LAPIC_SH_ALL_INCL:
		self = others = true;
		break;
	case LAPIC_SH_ALL_EXCL:
		self = false;
		others = true;
		break;
	default:
		self = lapic_match_dest(apic, dest, ipi.logical);
		others = ipi.logical || !self || dest == broadcast;
		break;
	}
	if (self && (ipi.mode == APIC_DM_FIXED || ipi.mode == APIC_DM_LOWEST))
		lapic_set_irq(apic, ipi.vector, false);
	else if (self && ipi.mode == APIC_DM_NMI)
		lapic_nmi(apic);
	if (others)
		apic->ops->ipi(apic->opaque, apic, &ipi);
}

/* The divide configuration register (SDM Vol. 3A Figure 10-10). */
static u32 tdcr_divisor(u32 tdcr)
{
	u32 s = (tdcr & 3) | ((tdcr & 8) >> 1);

	return s == 7 ? 1 : 2u << s;
}

static u32 timer_mode(const struct lapic *apic)
{
	return apic->lvt[LAPIC_LVT_TIMER] & APIC_LVT_TIMER_MODE;
}

/* Bus ticks of one full count. */
static u64 timer_span(const struct lapic *apic)
{
	return (u64)apic->timer_icr * apic->timer_div;
}

static void timer_set_deadline(struct lapic *apic)
{
	apic->deadline = emul_tsc_at_tick(apic->timer_start, apic->timer_next * timer_span(apic),
					  apic->tsc_hz, apic->bus_hz);
}

/* SDM Vol. 3A 10.5.4: writing the initial count (re)starts the count. */
static void timer_write_icr(struct lapic *apic, u32 val)
{
	if (timer_mode(apic) == APIC_LVT_TIMER_TSCDL)
		return;
	apic->timer_icr = val;
	apic->timer_div = tdcr_divisor(apic->timer_dcr);
	if (!val) {
		timer_disarm(apic);
		return;
	}
	apic->timer_start = apic_now(apic);
	apic->timer_next = 1;
	apic->timer_armed = true;
	timer_set_deadline(apic);
}

static u32 timer_current_count(const struct lapic *apic)
{
	u64 ticks, span = timer_span(apic);

	if (!apic->timer_armed || timer_mode(apic) == APIC_LVT_TIMER_TSCDL || !span)
		return 0;
	ticks = emul_ticks_since(apic->timer_start, apic_now(apic), apic->tsc_hz, apic->bus_hz);
	if (timer_mode(apic) == APIC_LVT_TIMER_PERIODIC)
		ticks %= span;
	else if (ticks >= span)
		return 0;
	return apic->timer_icr - ticks / apic->timer_div;
}

u64 lapic_get_tsc_deadline(const struct lapic *apic)
{
	return timer_mode(apic) == APIC_LVT_TIMER_TSCDL ? apic->tsc_deadline : 0;
}

/* SDM Vol. 3A 10.5.4.1 */
void lapic_set_tsc_deadline(struct lapic *apic, u64 val)
{
	if (timer_mode(apic) != APIC_LVT_TIMER_TSCDL)
		return;
	apic->tsc_deadline = val;
	if (!val) {
		timer_disarm(apic);
		return;
	}
	apic->timer_armed = true;
	apic->deadline = val;
}

u64 lapic_next_deadline(const struct lapic *apic)
{
	return apic->timer_armed ? apic->deadline : EMUL_NO_DEADLINE;
}

bool lapic_timer_expire(struct lapic *apic, u64 now)
{
	u32 lvt = apic->lvt[LAPIC_LVT_TIMER];
	u64 ticks, next;

	if (!apic->timer_armed || now < apic->deadline)
		return false;
	apic->timer_fired++;
	if (!(lvt & APIC_LVT_MASKED))
		lapic_set_irq(apic, lvt & 0xff, false);
	if (timer_mode(apic) != APIC_LVT_TIMER_PERIODIC) {
		apic->tsc_deadline = 0;
		timer_disarm(apic);
		return true;
	}
	/* the first period boundary after @now, counted from the start */
	ticks = emul_ticks_since(apic->timer_start, now, apic->tsc_hz, apic->bus_hz);
	next = ticks / timer_span(apic) + 1;
	apic->timer_missed += next - apic->timer_next - 1;
	apic->timer_next = next;
	timer_set_deadline(apic);
	return true;
}

static void write_lvt(struct lapic *apic, unsigned int i, u32 val)
{
	u32 old_mode = timer_mode(apic);

	val &= lvt_mask[i];
	if (!lapic_sw_enabled(apic))
		val |= APIC_LVT_MASKED;		/* 10.4.7.2: masks stay set */
	apic->lvt[i] = val;
	if (i == LAPIC_LVT_TIMER && timer_mode(apic) != old_mode) {
		/* a mode switch disarms the timer (10.5.4.1) */
		apic->timer_icr = 0;
		apic->tsc_deadline = 0;
		timer_disarm(apic);
	}
}

static void write_svr(struct lapic *apic, u32 val)
{
	unsigned int i;

	apic->svr = val & SVR_MASK;
	if (!(val & APIC_SVR_ENABLE))
		for (i = 0; i < LAPIC_NR_LVT; i++)
			apic->lvt[i] |= APIC_LVT_MASKED;
}

/* Offsets that name a register (either interface); the rest are reserved. */
static bool reg_exists(u32 off)
{
	switch (off) {
	case APIC_ID: case APIC_LVR: case APIC_TPR: case APIC_APR: case APIC_PPR:
	case APIC_EOI: case APIC_RRD: case APIC_LDR: case APIC_DFR: case APIC_SVR:
	case APIC_ESR: case APIC_ICR: case APIC_ICR2: case APIC_TMICT: case APIC_TMCCT:
	case APIC_TDCR:
		return true;
	}
	return (off >= APIC_ISR && off < APIC_ESR) || (off >= APIC_LVTT && off <= APIC_LVTERR);
}

static u32 reg_read(struct lapic *apic, u32 off)
{
	if (off >= APIC_ISR && off < APIC_TMR)
		return apic->isr[(off - APIC_ISR) >> 4];
	if (off >= APIC_TMR && off < APIC_IRR)
		return apic->tmr[(off - APIC_TMR) >> 4];
	if (off >= APIC_IRR && off < APIC_ESR)
		return apic->irr[(off - APIC_IRR) >> 4];
	if (off >= APIC_LVTT && off <= APIC_LVTERR)
		return apic->lvt[(off - APIC_LVTT) >> 4];
	switch (off) {
	case APIC_ID:
		return lapic_x2apic_mode(apic) ? apic->id : apic->id << 24;
	case APIC_LVR:
		return LAPIC_VERSION;
	case APIC_TPR:
		return apic->tpr;
	case APIC_APR:
		return lapic_apr(apic);
	case APIC_PPR:
		return lapic_ppr(apic);
	case APIC_LDR:
		return apic->ldr;
	case APIC_DFR:
		return apic->dfr;
	case APIC_SVR:
		return apic->svr;
	case APIC_ESR:
		return apic->esr;
	case APIC_ICR:
		return apic->icr_lo;
	case APIC_ICR2:
		return apic->icr_hi;
	case APIC_TMICT:
		return apic->timer_icr;
	case APIC_TMCCT:
		return timer_current_count(apic);
	case APIC_TDCR:
		return apic->timer_dcr;
	}
	return 0;
}

/* Writes common to both interfaces; ID/LDR/DFR/ICR are handled by the callers. */
static void reg_write(struct lapic *apic, u32 off, u32 val)
{
	if (off >= APIC_LVTT && off <= APIC_LVTERR) {
		write_lvt(apic, (off - APIC_LVTT) >> 4, val);
		return;
	}
	switch (off) {
	case APIC_TPR:
		apic->tpr = val & 0xff;
		break;
	case APIC_EOI:
		apic_eoi(apic);
		break;
	case APIC_SVR:
		write_svr(apic, val);
		break;
	case APIC_ESR:
		/* 10.5.3: a write latches the errors seen since the last one */
		apic->esr = apic->esr_pending;
		apic->esr_pending = 0;
		break;
	case APIC_TMICT:
		timer_write_icr(apic, val);
		break;
	case APIC_TDCR:
		apic->timer_dcr = val & TDCR_MASK;
		break;
	}
}

int lapic_mmio_read(struct lapic *apic, u32 offset, u32 *val)
{
	*val = 0;
	if (lapic_x2apic_mode(apic) || !lapic_hw_enabled(apic) || offset >= LAPIC_MMIO_SIZE ||
	    (offset & 0xf))
		return 0;
	if (!reg_exists(offset)) {
		apic_error(apic, APIC_ESR_ILLEGAL_REG);
		return 0;
	}
	*val = reg_read(apic, offset);
	return 0;
}

int lapic_mmio_write(struct lapic *apic, u32 offset, u32 val)
{
	if (lapic_x2apic_mode(apic) || !lapic_hw_enabled(apic) || offset >= LAPIC_MMIO_SIZE ||
	    (offset & 0xf))
		return 0;
	switch (offset) {
	case APIC_ID:
		apic->id = val >> 24;
		break;
	case APIC_LDR:
		apic->ldr = val & 0xff000000;
		break;
	case APIC_DFR:
		apic->dfr = val | 0x0fffffff;
		break;
	case APIC_ICR:
		apic->icr_lo = val & ICR_MASK;
		apic_send_ipi(apic, apic->icr_lo, apic->icr_hi >> 24);
		break;
	case APIC_ICR2:
		apic->icr_hi = val & 0xff000000;
		break;
	default:
		if (!reg_exists(offset))
			apic_error(apic, APIC_ESR_ILLEGAL_REG);
		else
			reg_write(apic, offset, val);
		break;
	}
	return 0;
}

/* Registers a guest reads from the virtual-APIC page besides TPR/PPR/ISR/TMR/IRR (SDM 29.4.2). */
static const u16 page_regs[] = {
	APIC_ID, APIC_LVR, APIC_EOI, APIC_LDR, APIC_DFR, APIC_SVR, APIC_ESR, APIC_ICR, APIC_ICR2,
	APIC_LVTT, APIC_LVTT + 0x10, APIC_LVTT + 0x20, APIC_LVTT + 0x30, APIC_LVTT + 0x40,
	APIC_LVTERR, APIC_TMICT, APIC_TDCR,
};

void lapic_page_store(struct lapic *apic, u32 *page, bool all_regs)
{
	unsigned int i;

	page[APIC_TPR / 4] = apic->tpr;
	page[APIC_PPR / 4] = lapic_ppr(apic);
	for (i = 0; i < 8; i++) {
		page[APIC_ISR / 4 + i * 4] = apic->isr[i];
		page[APIC_TMR / 4 + i * 4] = apic->tmr[i];
		page[APIC_IRR / 4 + i * 4] = apic->irr[i];
		apic->irr_new[i] = 0;
	}
	if (!all_regs)
		return;
	for (i = 0; i < ARRAY_SIZE(page_regs); i++)
		page[page_regs[i] / 4] = page_regs[i] == APIC_EOI ? 0 : reg_read(apic, page_regs[i]);
}

void lapic_page_load(struct lapic *apic, const u32 *page, bool irq, bool all_regs)
{
	unsigned int i;

	apic->tpr = page[APIC_TPR / 4] & 0xff;
	if (all_regs && !lapic_x2apic_mode(apic))
		apic->icr_hi = page[APIC_ICR2 / 4] & 0xff000000;
	if (!irq)
		return;
	for (i = 0; i < 8; i++) {
		apic->isr[i] = page[APIC_ISR / 4 + i * 4];
		apic->irr[i] = page[APIC_IRR / 4 + i * 4] | apic->irr_new[i];
	}
}

void lapic_eoi_virtualized(struct lapic *apic, u8 vector)
{
	vec_clear(apic->isr, vector);
	if (vec_test(apic->tmr, vector))
		apic->ops->eoi_level(apic->opaque, apic, vector);
}

static int lapic_bus_read(void *opaque, u64 offset, unsigned int size, u64 *val)
{
	u32 v = 0;

	*val = 0;
	if (size != 4)
		return 0;
	lapic_mmio_read(opaque, offset, &v);
	*val = v;
	return 0;
}

static int lapic_bus_write(void *opaque, u64 offset, unsigned int size, u64 val)
{
	if (size == 4)
		lapic_mmio_write(opaque, offset, val);
	return 0;
}

const struct mmio_ops lapic_mmio_ops = {
	.read = lapic_bus_read,
	.write = lapic_bus_write,
};

/* x2APIC: which offsets exist, which are read-only and which bits are writable. */
static bool x2apic_reg_exists(u32 off)
{
	return reg_exists(off) && off != APIC_APR && off != APIC_RRD && off != APIC_DFR &&
	       off != APIC_ICR2;
}

static bool x2apic_read_only(u32 off)
{
	return off == APIC_ID || off == APIC_LVR || off == APIC_PPR || off == APIC_LDR ||
	       off == APIC_TMCCT || (off >= APIC_ISR && off < APIC_ESR);
}

static u32 x2apic_write_mask(u32 off)
{
	if (off >= APIC_LVTT && off <= APIC_LVTERR)
		return lvt_mask[(off - APIC_LVTT) >> 4];
	switch (off) {
	case APIC_TPR:
		return 0xff;
	case APIC_SVR:
		return SVR_MASK;
	case APIC_TDCR:
		return TDCR_MASK;
	case APIC_TMICT:
		return 0xffffffff;
	}
	return 0;			/* EOI, ESR: only 0 may be written */
}

int lapic_msr_read(struct lapic *apic, u32 msr, u64 *val)
{
	u32 off = (msr - MSR_X2APIC_FIRST) << 4;

	*val = 0;
	if (!lapic_x2apic_mode(apic) || msr < MSR_X2APIC_FIRST || msr > MSR_X2APIC_LAST ||
	    !x2apic_reg_exists(off) || off == APIC_EOI)
		return -EINVAL;
	if (off == APIC_ICR)
		*val = (u64)apic->icr_hi << 32 | apic->icr_lo;
	else
		*val = reg_read(apic, off);
	return 0;
}

int lapic_msr_write(struct lapic *apic, u32 msr, u64 val)
{
	u32 off = (msr - MSR_X2APIC_FIRST) << 4;

	if (!lapic_x2apic_mode(apic) || msr < MSR_X2APIC_FIRST || msr > MSR_X2APIC_LAST)
		return -EINVAL;
	if (off == APIC_ICR) {
		if ((u32)val & ~ICR_MASK)
			return -EINVAL;
		apic->icr_lo = (u32)val;
		apic->icr_hi = val >> 32;
		apic_send_ipi(apic, apic->icr_lo, apic->icr_hi);
		return 0;
	}
	if (off == APIC_SELF_IPI) {
		if (val & ~0xffULL)
			return -EINVAL;
		apic_send_ipi(apic, (u32)val | (LAPIC_SH_SELF << 18), 0);
		return 0;
	}
	if (!x2apic_reg_exists(off) || x2apic_read_only(off) ||
	    (val & ~(u64)x2apic_write_mask(off)))
		return -EINVAL;
	reg_write(apic, off, val);
	return 0;
}
