/*
 * Benchmark of the kernel's memset (lib/string.c) on one 4 KiB lowmem page,
 * kernel only (see include/bench.h): what zeroing a page costs, beside the
 * same figure that tests/linux-bench/vxbench.c takes in Linux, where
 * init_on_alloc adds such a clear to every page allocation.  Timed in the
 * steady state after one untimed clear, as the other benchmarks.
 */
#include <bench.h>
#include <gfp.h>
#include <mm.h>
#include <string.h>

#define MEMSET_ITERATIONS	20000

static u64 memset_4k_insns(void)
{
	struct page *p = alloc_page(GFP_KERNEL);
	void *buf;
	u32 t0, ticks;

	if (!p)
		return BENCH_NONE;
	buf = page_address(p);
	memset(buf, 0, PAGE_SIZE);
	t0 = bench_now();
	for (u32 i = 0; i < MEMSET_ITERATIONS; i++) {
		memset(buf, 0, PAGE_SIZE);
		__asm__ volatile("" : : "r"(buf) : "memory");	/* or gcc may drop all but the last clear */
	}
	ticks = bench_now() - t0;
	__free_page(p);
	return bench_per_op_x100(ticks, MEMSET_ITERATIONS);
}
BENCH(memset_4k_insns, memset_4k_insns, MEMSET_ITERATIONS);
