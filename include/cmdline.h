/*
 * The kernel command line: the parameters this kernel understands, parsed
 * once at boot.  Every bad value is reported on one line starting
 * "cmdline: " saying what is wrong and what is done instead (ignored,
 * clamped); unknown words are passed over silently, as Linux does.
 */
#ifndef CMDLINE_H
#define CMDLINE_H

#include <types.h>

#define CMDLINE_MAX	1024

struct boot_params {
	u64 mem_size;		/* mem=<size>[@<start>]: 0 = not given */
	u64 mem_start;		/* the @start part, or ~0ULL if not given */
	u64 vmalloc_size;	/* vmalloc=<size>: 0 = not given */
	int loglevel;		/* loglevel=<0..15>, clamped to 0..8; -1 = not given */
	bool selftest;		/* selftest or selftest=<filter> */
	char selftest_filter[32];
	bool bench;		/* bench: run the benchmarks, print them, power off */
	bool quiet;		/* quiet: loglevel 4 unless loglevel= says otherwise */
	u32 stress_count;	/* stress=<n>[s][,<seed>]: operations (or seconds); 0 = not given */
	bool stress_seconds;	/* the count is seconds of guest time ("s" suffix) */
	u32 stress_seed;	/* the seed after the comma; 1 if not given */
	unsigned int nr_problems;
};

/*
 * Parse a size like Linux's memparse: decimal, 0x hex or 0 octal, with an
 * optional K, M or G suffix (case-insensitive).  Returns false on a missing
 * number, trailing junk or overflow of 64 bits; *end (if not NULL) points
 * past what was read.
 */
bool cmdline_memparse(const char *s, u64 *out, const char **end);

/* Parse cmdline (NUL-terminated; NULL means empty) into *p. */
void cmdline_parse(const char *cmdline, struct boot_params *p);

#endif
