/*
 * The kernel command line: the parameters this kernel understands, parsed
 * once at boot.  Every bad value is reported on one line starting
 * "cmdline: " saying what is wrong and what is done instead (ignored,
 * clamped); unknown words are passed over silently, as Linux does.
 */
#ifndef CMDLINE_H
#define CMDLINE_H

#include <init.h>
#include <types.h>

#define CMDLINE_MAX	1024

#define CMDLINE_MAX_MEM		8	/* mem= parameters kept; more are reported and ignored */
#define MEM_START_PHYS_OFFSET	(~0ULL)	/* mem=<size> without @: the bank starts at PHYS_OFFSET */

/* One mem=<size>[@<start>], as given (cmdline_apply_mem aligns it). */
struct boot_mem {
	u64 size;
	u64 start;		/* or MEM_START_PHYS_OFFSET */
};

struct boot_params {
	unsigned int nr_mem;	/* mem= parameters, in command-line order */
	struct boot_mem mem[CMDLINE_MAX_MEM];
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
void __init cmdline_parse(const char *cmdline, struct boot_params *p);

/*
 * Apply the mem= parameters of *p to memblock as ARM Linux 6.1's early_mem
 * and arm_add_memory do: the first mem= discards the memory the device
 * tree gave, and each one adds [start, start + size) (start PHYS_OFFSET
 * without @), its start rounded up and its end down to a page, the part
 * below phys_offset dropped ("Ignoring memory below PHYS_OFFSET"), and an
 * end past the 32-bit space cut at 0xffffffff (Linux's "Truncating
 * memory").  Two checks of our own, each one "cmdline: " line: RAM above
 * the end of what the device tree described is not there on this board,
 * so that part is dropped; and if the result would not hold the running
 * kernel [kstart, kend), every mem= is ignored and the device tree's
 * memory kept.  Call with memblock.reserved still empty.  Returns 0, or
 * -EINVAL when the mem= parameters were ignored.
 */
int __init cmdline_apply_mem(const struct boot_params *p, phys_addr_t phys_offset,
			     phys_addr_t kstart, phys_addr_t kend);

#endif
