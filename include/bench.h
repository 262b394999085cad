/*
 * Benchmarks for `make bench`.  BENCH() registers a measurement; the
 * `bench` boot argument runs them all under QEMU's -icount shift=0, where
 * one guest instruction is one nanosecond of guest time, and prints
 * "bench: <name> <value>" lines for scripts/bench to collect, each
 * average over a loop followed by "bench-iterations: <name> <n>".
 */
#ifndef BENCH_H
#define BENCH_H

#include <types.h>

struct bench {
	const char *name;
	/* Returns the figure times 100 (two decimals), or ~0ULL if it cannot run. */
	u64 (*fn)(void);
	/* The timed loop's length for an average per operation; 0 for a single figure. */
	u32 iterations;
};

#define BENCH(id, fn_, iterations_)						\
	static const struct bench __bench_##id					\
	__attribute__((used, section(".benches"), aligned(4))) =		\
		{ .name = #id, .fn = fn_, .iterations = iterations_ }

#define BENCH_NONE	(~0ULL)

/* The board's reset counter now; differences wrap correctly as u32. */
u32 bench_now(void);

/*
 * The counter at the start of a timed run, read just after it ticks.  The
 * 24 MHz counter moves every 41.7 instructions under -icount, so a run that
 * starts at an edge counts the same ticks whatever the boot before it cost
 * (the RTC's time, printed at boot, changes that by a few instructions).
 */
u32 bench_start(void);

/*
 * Instructions (times 100) per iteration for `ticks` counter ticks spent
 * on `iterations` iterations, less the cost of an empty timed loop of the
 * same length.
 */
u64 bench_per_op_x100(u32 ticks, u32 iterations);

/* Instructions (times 100) for `ticks` counter ticks, no subtraction. */
u64 bench_insns_x100(u32 ticks);

/* Run every benchmark, print the results and power off. */
void bench_run(void) __attribute__((noreturn));

/* Counter value when the boot reached the shell (set by start_kernel). */
extern u32 bench_boot_ticks;

#endif
