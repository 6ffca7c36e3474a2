// SPDX-License-Identifier: GPL-2.0
/*
 * Decoder table test: every row of decode_cases[] decodes to its text (or
 * its error) with the length of its bytes; the got flags and field sizes add
 * up; and every encoding cut short says -ENODATA.
 */
#include <stdio.h>

#include "cases.h"
#include "tap.h"

static const char *err_name(int err)
{
	switch (err) {
	case 0:
		return "0";
	case -EILSEQ:
		return "-EILSEQ";
	case -EOPNOTSUPP:
		return "-EOPNOTSUPP";
	case -E2BIG:
		return "-E2BIG";
	case -ENODATA:
		return "-ENODATA";
	case -EINVAL:
		return "-EINVAL";
	}
	return "?";
}

/* Each step ran, and the fields' sizes add up to the length. */
static bool fields_consistent(const struct emul_insn *insn)
{
	unsigned int sum = insn->prefixes.nbytes + insn->rex.nbytes + insn->opcode.nbytes +
			   insn->modrm.nbytes + insn->sib.nbytes + insn->disp.nbytes +
			   insn->imm.nbytes;

	return insn->prefixes.got && insn->rex.got && insn->opcode.got && insn->modrm.got &&
	       insn->sib.got && insn->disp.got && insn->imm.got && sum == insn->len;
}

static void check_case(const struct decode_case *c)
{
	struct emul_insn insn;
	u8 bytes[32];
	char text[128] = "";
	int n = hex_parse(c->hex, bytes, sizeof(bytes));
	int ret = emul_decode(&insn, bytes, n, c->mode);
	bool ok;

	if (!ret)
		insn_format(&insn, text, sizeof(text));
	if (c->text)
		ok = !ret && !strcmp(text, c->text) && insn.len == n && fields_consistent(&insn);
	else
		ok = ret == c->err;
	tap_check(ok, "decode %d-bit %s: %s", 8 * c->mode, c->hex,
		  c->text ? c->text : err_name(c->err));
	if (!ok)
		tap_diag("got %s, len %u of %d: \"%s\"", err_name(ret), insn.len, n, text);
}

/* An instruction with any byte missing is cut short, never something else. */
static void check_truncations(void)
{
	unsigned int i, bad = 0, tried = 0;
	struct emul_insn insn;
	u8 bytes[32];
	int n, k, ret;

	for (i = 0; i < nr_decode_cases; i++) {
		if (!decode_cases[i].text)
			continue;
		n = hex_parse(decode_cases[i].hex, bytes, sizeof(bytes));
		for (k = 0; k < n; k++, tried++) {
			ret = emul_decode(&insn, bytes, k, decode_cases[i].mode);
			if (ret != -ENODATA && bad++ < 5)
				tap_diag("%s cut to %d bytes: %s", decode_cases[i].hex, k,
					 err_name(ret));
		}
	}
	tap_check(!bad, "%u encodings cut short all say -ENODATA (%u bad)", tried, bad);
}

/* The segment a memory operand uses: the default, or the override that applies. */
static void check_segments(void)
{
	static const struct {
		u8 mode;
		const char *hex;
		u8 seg;
	} cases[] = {
		{ EMUL_MODE16, "8b 07", EMUL_DS },		/* [bx] */
		{ EMUL_MODE16, "8b 46 02", EMUL_SS },		/* [bp + 2] */
		{ EMUL_MODE16, "8b 02", EMUL_SS },		/* [bp + si] */
		{ EMUL_MODE16, "8b 06 34 12", EMUL_DS },	/* [0x1234]: no base */
		{ EMUL_MODE16, "26 8b 46 02", EMUL_ES },	/* es: [bp + 2] */
		{ EMUL_MODE32, "8b 45 08", EMUL_SS },		/* [ebp + 8] */
		{ EMUL_MODE32, "8b 04 24", EMUL_SS },		/* [esp] */
		{ EMUL_MODE32, "8b 04 2c", EMUL_SS },		/* [esp + ebp*1]: base esp */
		{ EMUL_MODE32, "8b 04 28", EMUL_DS },		/* [eax + ebp*1]: ebp only indexes */
		{ EMUL_MODE64, "41 8b 45 00", EMUL_DS },	/* [r13]: not rbp */
		{ EMUL_MODE64, "41 8b 04 24", EMUL_DS },	/* [r12]: not rsp */
		{ EMUL_MODE64, "26 8b 00", EMUL_DS },		/* es: ignored */
		{ EMUL_MODE64, "3e 8b 45 00", EMUL_SS },	/* ds: ignored, [rbp] */
		{ EMUL_MODE64, "64 8b 45 00", EMUL_FS },	/* fs: applies */
		{ EMUL_MODE64, "65 a4", EMUL_GS },		/* movsb: gs on the source */
	};
	unsigned int i, bad = 0;
	struct emul_insn insn;
	const struct emul_operand *m;
	u8 bytes[16];
	int n;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		n = hex_parse(cases[i].hex, bytes, sizeof(bytes));
		if (emul_decode(&insn, bytes, n, cases[i].mode)) {
			bad++;
			continue;
		}
		m = insn.src.type == EMUL_OPND_MEM ? &insn.src : &insn.dst;
		if (m->mem.seg != cases[i].seg && bad++ < 5)
			tap_diag("%s: segment %s, want %s", cases[i].hex, sreg_name(m->mem.seg),
				 sreg_name(cases[i].seg));
	}
	tap_check(!bad, "%zu memory operands use the right segment", ARRAY_SIZE(cases));
}

static void check_bad_mode(void)
{
	struct emul_insn insn;
	static const u8 mov[] = { 0x89, 0x18 };

	tap_check(emul_decode(&insn, mov, sizeof(mov), 3) == -EINVAL, "mode 3 is -EINVAL");
}

int main(void)
{
	unsigned int i, nr_ok = 0;

	tap_start();
	for (i = 0; i < nr_decode_cases; i++) {
		check_case(&decode_cases[i]);
		nr_ok += !!decode_cases[i].text;
	}
	tap_diag("%u encodings: %u decode, %u refused", nr_decode_cases, nr_ok,
		 nr_decode_cases - nr_ok);
	check_truncations();
	check_segments();
	check_bad_mode();
	return tap_done();
}
