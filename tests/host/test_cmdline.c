/*
 * The command line parser on the host: what each parameter yields, and for
 * every bad input the single "cmdline: " line and what is kept instead.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <cmdline.h>
#include <memblock.h>
#include "host.h"

#define MiB	(1ULL << 20)
#define GiB	(1ULL << 30)

static struct boot_params p;

static int setup(void **state)
{
	(void)state;
	memset(&p, 0x5a, sizeof(p));	/* cmdline_parse must set every field */
	host_log_clear();
	return 0;
}

static void expect_defaults_except_problems(void)
{
	assert_int_equal(p.nr_mem, 0);
	assert_int_equal(p.vmalloc_size, 0);
	assert_int_equal(p.loglevel, -1);
	assert_false(p.selftest);
	assert_string_equal(p.selftest_filter, "");
	assert_false(p.quiet);
	assert_int_equal(p.stress_count, 0);
	assert_false(p.stress_seconds);
	assert_int_equal(p.stress_seed, 1);
}

/* NULL, "" and blanks give the defaults and say nothing. */
static void test_empty_lines(void **state)
{
	(void)state;
	cmdline_parse(NULL, &p);
	expect_defaults_except_problems();
	assert_int_equal(p.nr_problems, 0);
	cmdline_parse("", &p);
	expect_defaults_except_problems();
	cmdline_parse("  \t ", &p);
	expect_defaults_except_problems();
	assert_int_equal(p.nr_problems, 0);
	host_log_expect_empty();
}

/* A U-Boot style line: our parameters are read, the rest passed over silently. */
static void test_typical_line(void **state)
{
	(void)state;
	cmdline_parse("console=ttyAMA0,115200 root=/dev/mmcblk0p2 rw\tmem=512M  vmalloc=256M loglevel=8 quiet "
		      "selftest=buddy", &p);
	assert_int_equal(p.nr_mem, 1);
	assert_int_equal(p.mem[0].size, 512 * MiB);
	assert_true(p.mem[0].start == MEM_START_PHYS_OFFSET);
	assert_int_equal(p.vmalloc_size, 256 * MiB);
	assert_int_equal(p.loglevel, 8);
	assert_true(p.quiet);
	assert_true(p.selftest);
	assert_string_equal(p.selftest_filter, "buddy");
	assert_int_equal(p.nr_problems, 0);
	host_log_expect_empty();
}

/* mem=<size>@<start> gives both; suffixes are case-insensitive. */
static void test_mem_with_start(void **state)
{
	(void)state;
	cmdline_parse("mem=256m@0x70000000", &p);
	assert_int_equal(p.nr_mem, 1);
	assert_int_equal(p.mem[0].size, 256 * MiB);
	assert_int_equal(p.mem[0].start, 0x70000000);
	host_log_expect_empty();
}

/* memparse: bases, suffixes, the end pointer, and what it refuses. */
static void test_memparse(void **state)
{
	static const struct { const char *s; bool ok; u64 v; } cases[] = {
		{ "0", true, 0 },
		{ "4096", true, 4096 },
		{ "1k", true, 1024 },
		{ "1K", true, 1024 },
		{ "0x10M", true, 16 * MiB },
		{ "010", true, 8 },			/* leading 0: octal */
		{ "4G", true, 4 * GiB },
		{ "18446744073709551615", true, ~0ULL },
		{ "17179869183G", true, 17179869183ULL * GiB },
		{ "18446744073709551616", false, 0 },	/* 2^64: overflow */
		{ "17179869184G", false, 0 },		/* 2^64 after the shift */
		{ "", false, 0 },
		{ "abc", false, 0 },
		{ "12x", false, 0 },			/* trailing junk */
		{ "1MB", false, 0 },
		{ "08", false, 0 },			/* 8 is not octal */
		{ "0x", false, 0 },
		{ "-1", false, 0 },
	};
	const char *end;
	unsigned int i;
	u64 v;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		bool ok;

		v = 12345;
		ok = cmdline_memparse(cases[i].s, &v, NULL);
		if (ok != cases[i].ok)
			fail_msg("memparse(\"%s\") returned %d, expected %d", cases[i].s, ok, cases[i].ok);
		if (ok && v != cases[i].v)
			fail_msg("memparse(\"%s\") gave %llu, expected %llu", cases[i].s,
				 (unsigned long long)v, (unsigned long long)cases[i].v);
	}
	/* With an end pointer, what follows the number is the caller's. */
	assert_true(cmdline_memparse("64M@0x60000000", &v, &end));
	assert_int_equal(v, 64 * MiB);
	assert_string_equal(end, "@0x60000000");
	assert_false(cmdline_memparse(NULL, &v, NULL));
	host_log_expect_empty();
}

/* Each bad mem= is one line and leaves mem unset. */
static void test_bad_mem_values(void **state)
{
	static const struct { const char *line, *report; } cases[] = {
		{ "mem=abc", "cmdline: mem=abc is not a size (<n>[K|M|G][@<start>]); ignored" },
		{ "mem=", "cmdline: mem= has no value (mem=<size>[@<start>]); ignored" },
		{ "mem", "cmdline: mem needs a value (mem=<size>[@<start>]); ignored" },
		{ "mem=1K", "cmdline: mem=1K is less than one page (4K); ignored" },
		{ "mem=4095@0x60000000", "cmdline: mem=4095@0x60000000 is less than one page (4K); ignored" },
		{ "mem=99999999999999999999", "cmdline: mem=99999999999999999999 is not a size that fits 64 bits; ignored" },
		{ "mem=512M@", "cmdline: mem=512M@ has a bad start address after '@'; ignored" },
		{ "mem=512M@0x6000zz", "cmdline: mem=512M@0x6000zz has a bad start address after '@'; ignored" },
		{ "mem=512Mx", "cmdline: mem=512Mx is not a size (<n>[K|M|G][@<start>]); ignored" },
	};
	unsigned int i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		host_log_clear();
		cmdline_parse(cases[i].line, &p);
		host_log_expect(cases[i].report);
		assert_int_equal(p.nr_problems, 1);
		expect_defaults_except_problems();
	}
	/* Exactly one page is the smallest accepted. */
	host_log_clear();
	cmdline_parse("mem=4K", &p);
	assert_int_equal(p.nr_mem, 1);
	assert_int_equal(p.mem[0].size, 4096);
	host_log_expect_empty();
}

/*
 * mem= applied to memblock, as ARM Linux 6.1's early_mem and arm_add_memory
 * do it.  The device tree gives two banks with a hole, the kernel runs at
 * the start of the first:
 *
 *   0x60000000  [K....bank 0....) 0x70000000  hole  0x80000000 [....bank 1....) 0xa0000000
 *
 * Each line of the table: the command line, the banks memblock must hold
 * afterwards (written out here from Linux's rules: the first mem= drops
 * the device tree's banks, each mem= adds [start, start + size), start
 * PHYS_OFFSET without @, start rounded up and end down to a page, memory
 * below PHYS_OFFSET and past 32 bits cut off), and the lines logged.
 */
#define DT_PHYS_OFFSET	0x60000000u
#define KERNEL_START	0x60008000u
#define KERNEL_END	0x60100000u

struct bank { phys_addr_t base, end; };

static const struct {
	const char *line;
	struct bank banks[3];
	const char *log[3];
} mem_cases[] = {
	{ "", { { 0x60000000, 0x70000000 }, { 0x80000000, 0xa0000000 } }, { NULL } },
	/* The first mem= replaces the device tree's memory: the hole becomes RAM. */
	{ "mem=512M", { { 0x60000000, 0x80000000 } }, { NULL } },
	/* Each further mem= adds a bank, in any order. */
	{ "mem=128M mem=256M@0x80000000", { { 0x60000000, 0x68000000 }, { 0x80000000, 0x90000000 } }, { NULL } },
	{ "mem=256M@0x80000000 mem=128M", { { 0x60000000, 0x68000000 }, { 0x80000000, 0x90000000 } }, { NULL } },
	/* Overlapping banks merge. */
	{ "mem=1G@0x60000000 mem=16M@0x60800000", { { 0x60000000, 0xa0000000 } }, { NULL } },
	/* Start rounded up to a page, the size shrinking with it, then rounded down. */
	{ "mem=0x10000fff@0x5ffff001", { { 0x60000000, 0x70000000 } }, { NULL } },
	{ "mem=16M mem=0x5800@0x70000800", { { 0x60000000, 0x61000000 }, { 0x70001000, 0x70006000 } }, { NULL } },
	/* Below PHYS_OFFSET: cut off, or dropped whole. */
	{ "mem=64M@0x5e000000", { { 0x60000000, 0x62000000 } },
	  { "Ignoring memory below PHYS_OFFSET: 0x5e000000-0x60000000" } },
	{ "mem=64M mem=16M@0x5f000000", { { 0x60000000, 0x64000000 } },
	  { "Ignoring memory below PHYS_OFFSET: 0x5f000000-0x60000000" } },
	/* Past the 32-bit space: Linux's two messages; then past the device tree's RAM: ours. */
	{ "mem=1M@0x100000000 mem=32M", { { 0x60000000, 0x62000000 } },
	  { "Ignoring memory at 0x100000000 outside 32-bit physical address space" } },
	{ "mem=16M mem=4G@0xfff00000", { { 0x60000000, 0x61000000 } },
	  { "Truncating memory at 0xfff00000 to fit in 32-bit physical address space",
	    "cmdline: mem= reaches past the end of RAM the device tree describes (0xa0000000); "
	    "[mem 0xa0000000-0xffffefff] dropped" } },
	{ "mem=2G", { { 0x60000000, 0xa0000000 } },
	  { "cmdline: mem= reaches past the end of RAM the device tree describes (0xa0000000); "
	    "[mem 0xa0000000-0xdfffffff] dropped" } },
	/* Without the running kernel: every mem= ignored, the device tree's banks stay. */
	{ "mem=256M@0x70000000", { { 0x60000000, 0x70000000 }, { 0x80000000, 0xa0000000 } },
	  { "cmdline: mem= leaves out the running kernel at 0x60008000-0x600fffff; every mem= ignored, "
	    "the device tree's memory kept" } },
	{ "mem=0x8000 mem=1M@0x60009000", { { 0x60000000, 0x70000000 }, { 0x80000000, 0xa0000000 } },
	  { "cmdline: mem= leaves out the running kernel at 0x60008000-0x600fffff; every mem= ignored, "
	    "the device tree's memory kept" } },
};

static void check_banks(const char *line, const struct bank *want)
{
	unsigned int n = 0;

	while (n < 3 && want[n].end)
		n++;
	if (memblock.memory.cnt != n)
		fail_msg("\"%s\": %u banks, expected %u", line, memblock.memory.cnt, n);
	for (unsigned int i = 0; i < n; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		if (r->base != want[i].base || r->base + r->size != want[i].end)
			fail_msg("\"%s\": bank %u is [0x%08x-0x%08x), expected [0x%08x-0x%08x)", line, i,
				 (unsigned int)r->base, (unsigned int)(r->base + r->size),
				 (unsigned int)want[i].base, (unsigned int)want[i].end);
	}
}

static void test_mem_applied_as_linux(void **state)
{
	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(mem_cases); i++) {
		unsigned int nlog = 0;

		memblock_reset();
		memblock_add(0x60000000, 0x10000000);
		memblock_add(0x80000000, 0x20000000);
		cmdline_parse(mem_cases[i].line, &p);
		assert_int_equal(p.nr_problems, 0);
		host_log_clear();
		cmdline_apply_mem(&p, DT_PHYS_OFFSET, KERNEL_START, KERNEL_END);
		check_banks(mem_cases[i].line, mem_cases[i].banks);
		for (; nlog < 3 && mem_cases[i].log[nlog]; nlog++)
			if (!host_log_contains(mem_cases[i].log[nlog]))
				fail_msg("\"%s\": no line \"%s\" in the log:\n%s", mem_cases[i].line,
					 mem_cases[i].log[nlog], host_log());
		if (host_log_lines() != nlog)
			fail_msg("\"%s\": %u lines logged, expected %u:\n%s", mem_cases[i].line, host_log_lines(),
				 nlog, host_log());
	}
	memblock_reset();
}

/* vmalloc= keeps any size that parses (the zone code clamps it); junk and overflow are reported. */
static void test_vmalloc_values(void **state)
{
	(void)state;
	cmdline_parse("vmalloc=99999G", &p);
	assert_int_equal(p.vmalloc_size, 99999 * GiB);
	host_log_expect_empty();

	cmdline_parse("vmalloc=lots vmalloc=18446744073709551616 vmalloc=0 vmalloc", &p);
	host_log_expect("cmdline: vmalloc=lots is not a size (<n>[K|M|G]); ignored",
			"cmdline: vmalloc=18446744073709551616 is not a size that fits 64 bits; ignored",
			"cmdline: vmalloc=0 leaves no vmalloc space; ignored",
			"cmdline: vmalloc needs a value (vmalloc=<size>); ignored");
	assert_int_equal(p.nr_problems, 4);
	assert_int_equal(p.vmalloc_size, 0);
}

/* loglevel: 0..8 kept, 9..15 behave as 8, anything else reported. */
static void test_loglevel_values(void **state)
{
	(void)state;
	cmdline_parse("loglevel=0", &p);
	assert_int_equal(p.loglevel, 0);
	cmdline_parse("loglevel=12", &p);
	assert_int_equal(p.loglevel, 8);
	host_log_expect_empty();

	cmdline_parse("loglevel=x loglevel=99 loglevel=4a loglevel=", &p);
	host_log_expect("cmdline: loglevel=x is not a number; ignored",
			"cmdline: loglevel=99 is out of range 0..15; ignored",
			"cmdline: loglevel=4a is not a number; ignored",
			"cmdline: loglevel= has no value (loglevel=<0..15>); ignored");
	assert_int_equal(p.loglevel, -1);
}

/*
 * Repeated keys: the last good one wins; a bad one later does not undo an
 * earlier good one.  mem= is Linux's exception: every good one is kept.
 */
static void test_last_good_value_wins(void **state)
{
	(void)state;
	cmdline_parse("mem=512M mem=256M@0x90000000 loglevel=3 loglevel=5 selftest=slab selftest", &p);
	assert_int_equal(p.nr_mem, 2);
	assert_int_equal(p.mem[0].size, 512 * MiB);
	assert_true(p.mem[0].start == MEM_START_PHYS_OFFSET);
	assert_int_equal(p.mem[1].size, 256 * MiB);
	assert_int_equal(p.mem[1].start, 0x90000000);
	assert_int_equal(p.loglevel, 5);
	assert_true(p.selftest);
	assert_string_equal(p.selftest_filter, "");
	host_log_expect_empty();

	cmdline_parse("mem=256M mem=abc", &p);
	assert_int_equal(p.nr_mem, 1);
	assert_int_equal(p.mem[0].size, 256 * MiB);
	assert_int_equal(p.nr_problems, 1);

	/* More than CMDLINE_MAX_MEM: the ninth is reported, the eight kept. */
	host_log_clear();
	cmdline_parse("mem=16M mem=16M@0x61000000 mem=16M@0x62000000 mem=16M@0x63000000 mem=16M@0x64000000 "
		      "mem=16M@0x65000000 mem=16M@0x66000000 mem=16M@0x67000000 mem=16M@0x68000000", &p);
	host_log_expect("cmdline: mem=16M@0x68000000 is more than 8 mem= parameters; ignored");
	assert_int_equal(p.nr_mem, 8);
	assert_int_equal(p.mem[7].start, 0x67000000);
}

/* A selftest filter longer than the field is truncated with a report. */
static void test_selftest_filter_too_long(void **state)
{
	(void)state;
	cmdline_parse("selftest=abcdefghijklmnopqrstuvwxyz0123456789", &p);
	assert_true(p.selftest);
	assert_string_equal(p.selftest_filter, "abcdefghijklmnopqrstuvwxyz01234");
	host_log_expect("cmdline: selftest=abcdefghijklmnopqrstuvwxyz0123456789 is longer than 31 characters; truncated");
}

/*
 * A line longer than CMDLINE_MAX - 1 bytes: one report, and only the first
 * 1023 bytes are read, so a parameter past them is not seen.
 *   [ loglevel=3 | padding ... | byte 1023 | mem=512M ]
 */
static void test_overlong_line(void **state)
{
	char line[CMDLINE_MAX + 64];

	(void)state;
	memset(line, 'x', sizeof(line));
	memcpy(line, "loglevel=3 ", 11);
	line[CMDLINE_MAX - 2] = ' ';
	memcpy(line + CMDLINE_MAX, " mem=512M", 10);	/* includes the NUL */
	cmdline_parse(line, &p);
	host_log_expect("cmdline: command line is longer than 1023 bytes; only the first 1023 are used");
	assert_int_equal(p.loglevel, 3);
	assert_int_equal(p.nr_mem, 0);
	assert_int_equal(p.nr_problems, 1);
}

/* stress=<n>[s][,<seed>]: a count or seconds, an optional seed; a bad value keeps the last good one. */
static void test_stress_values(void **state)
{
	(void)state;
	cmdline_parse("stress=20000", &p);
	assert_int_equal(p.stress_count, 20000);
	assert_false(p.stress_seconds);
	assert_int_equal(p.stress_seed, 1);
	cmdline_parse("stress=30s,0x2a", &p);
	assert_int_equal(p.stress_count, 30);
	assert_true(p.stress_seconds);
	assert_int_equal(p.stress_seed, 42);
	cmdline_parse("stress=5,0", &p);
	assert_int_equal(p.stress_count, 5);
	assert_int_equal(p.stress_seed, 0);
	assert_int_equal(p.nr_problems, 0);
	host_log_expect_empty();

	cmdline_parse("stress=100 stress=0 stress=3x stress=4294967296 stress=7,seed stress=9s, stress= stress", &p);
	assert_int_equal(p.stress_count, 100);
	assert_false(p.stress_seconds);
	assert_int_equal(p.stress_seed, 1);
	assert_int_equal(p.nr_problems, 7);
	host_log_expect("cmdline: stress=0 is not a count (stress=<n>[s][,<seed>], n from 1); ignored",
			"cmdline: stress=3x is not a count (stress=<n>[s][,<seed>], n from 1); ignored",
			"cmdline: stress=4294967296 is not a count (stress=<n>[s][,<seed>], n from 1); ignored",
			"cmdline: stress=7,seed is not a count (stress=<n>[s][,<seed>], n from 1); ignored",
			"cmdline: stress=9s, is not a count (stress=<n>[s][,<seed>], n from 1); ignored",
			"cmdline: stress= has no value (stress=<n>[s][,<seed>]); ignored",
			"cmdline: stress needs a value (stress=<n>[s][,<seed>]); ignored");
}

/* Unknown words and look-alikes are not ours and pass silently. */
static void test_unknown_words_are_silent(void **state)
{
	(void)state;
	cmdline_parse("memtest=1 mem_debug loglevels=4 earlyprintk init=/bin/sh = ==", &p);
	expect_defaults_except_problems();
	assert_int_equal(p.nr_problems, 0);
	host_log_expect_empty();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_empty_lines, setup),
		cmocka_unit_test_setup(test_typical_line, setup),
		cmocka_unit_test_setup(test_mem_with_start, setup),
		cmocka_unit_test_setup(test_memparse, setup),
		cmocka_unit_test_setup(test_bad_mem_values, setup),
		cmocka_unit_test_setup(test_mem_applied_as_linux, setup),
		cmocka_unit_test_setup(test_vmalloc_values, setup),
		cmocka_unit_test_setup(test_loglevel_values, setup),
		cmocka_unit_test_setup(test_last_good_value_wins, setup),
		cmocka_unit_test_setup(test_selftest_filter_too_long, setup),
		cmocka_unit_test_setup(test_overlong_line, setup),
		cmocka_unit_test_setup(test_stress_values, setup),
		cmocka_unit_test_setup(test_unknown_words_are_silent, setup),
	};

	return cmocka_run_group_tests_name("cmdline", tests, NULL, NULL);
}
