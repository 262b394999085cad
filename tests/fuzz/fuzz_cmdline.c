/*
 * Fuzz target: the command-line parser and memparse.  The input, cut at
 * its first NUL and terminated, is
 *   - given to cmdline_parse(), which must not crash, must print exactly
 *     one "cmdline: " line per problem it counts, and must leave every
 *     field in its documented range;
 *   - given to cmdline_memparse() with and without an end pointer, which
 *     must agree with each other and never point *end outside the string;
 * and its first bytes are read as a number that, written out in decimal,
 * hex or octal with a K/M/G suffix, memparse must read back exactly (or
 * refuse as an overflow exactly when the scaled value does not fit 64 bits).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmdline.h>
#include "fuzz.h"
#include "host.h"

static void check_params(const struct boot_params *p)
{
	fuzz_check(host_log_lines() == p->nr_problems && fuzz_log_is_lines("cmdline: "),
		   "%u problems counted; the log should be as many lines starting \"cmdline: \"", p->nr_problems);
	fuzz_check(p->nr_mem <= CMDLINE_MAX_MEM, "%u mem= kept", p->nr_mem);
	for (unsigned int i = 0; i < p->nr_mem && i < CMDLINE_MAX_MEM; i++)
		fuzz_check(p->mem[i].size >= 4096, "mem= %u of 0x%llx bytes, below a page", i,
			   (unsigned long long)p->mem[i].size);
	fuzz_check(p->loglevel >= -1 && p->loglevel <= 8, "loglevel %d", p->loglevel);
	fuzz_check(memchr(p->selftest_filter, '\0', sizeof(p->selftest_filter)), "selftest filter not terminated");
	fuzz_check(p->selftest || p->selftest_filter[0] == '\0', "selftest filter without selftest");
}

static void check_memparse(const char *s)
{
	const char *end = NULL;
	u64 with_end = 0, whole = 0;
	bool ok_end = cmdline_memparse(s, &with_end, &end);
	bool ok_whole = cmdline_memparse(s, &whole, NULL);

	if (ok_end) {
		fuzz_check(end > s && end <= s + strlen(s), "memparse end %td outside \"%s\"", end - s, s);
		if (*end == '\0')
			fuzz_check(ok_whole && whole == with_end,
				   "\"%s\": whole string read as %d/0x%llx but with an end pointer as 0x%llx",
				   s, ok_whole, whole, with_end);
	}
	if (ok_whole)
		fuzz_check(ok_end && *end == '\0' && whole == with_end,
			   "\"%s\" read whole (0x%llx) but not the same with an end pointer", s, whole);
}

/* value written with a base and a suffix must come back, or overflow exactly when it should. */
static void check_roundtrip(struct fuzz_in *in)
{
	static const char *const formats[] = { "%llu", "0x%llx", "0X%llX", "0%llo" };
	static const struct { char c; unsigned int shift; } suffixes[] = {
		{ 0, 0 }, { 'K', 10 }, { 'k', 10 }, { 'M', 20 }, { 'm', 20 }, { 'G', 30 }, { 'g', 30 },
	};
	u8 how = fuzz_u8(in);
	u64 v = (u64)fuzz_u32(in) << 32 | fuzz_u32(in);
	unsigned int f = how % ARRAY_SIZE(formats), sfx = (how >> 2) % ARRAY_SIZE(suffixes);
	unsigned int shift = suffixes[sfx].shift;
	char text[48];
	u64 got = 0;
	bool ok;
	int n;

	v >>= (how >> 5) * 8;	/* small numbers too */
	n = snprintf(text, sizeof(text) - 2, formats[f], v);
	if (suffixes[sfx].c) {
		text[n] = suffixes[sfx].c;
		text[n + 1] = '\0';
	}
	ok = cmdline_memparse(text, &got, NULL);
	if (shift && v > (~0ULL >> shift))
		fuzz_check(!ok, "\"%s\" overflows 64 bits but was read as 0x%llx", text, got);
	else
		fuzz_check(ok && got == v << shift, "\"%s\" read as %d/0x%llx, expected 0x%llx",
			   text, ok, got, v << shift);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static struct boot_params params;
	char *text = malloc(size + 1);
	struct fuzz_in in;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	host_log_clear();
	cmdline_parse(text, &params);
	check_params(&params);

	host_log_clear();
	check_memparse(text);
	fuzz_in_init(&in, data, size);
	check_roundtrip(&in);
	fuzz_check(host_log_lines() == 0, "memparse printed something");
	free(text);
	return 0;
}
