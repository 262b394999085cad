/*
 * The benchmark runner and the core measurements: boot cost, feeding the
 * buddy allocator in blocks against page by page, alloc/free pairs at
 * several orders (order 0 three ways: through the per-CPU list, through
 * the free lists, and through the free lists of a fragmented zone), and
 * the static figures managed_ratio and struct_page_bytes.  The benchmarks of
 * kmap and kmap_local (highmem/cmd_bench_highmem.c) and of kmalloc and
 * vmalloc (mm/cmd_bench_mm.c) sit beside the code they measure; all of
 * them run from bench_run in link order.
 *
 * Timing: the board's reset counter (SYS_24MHZ at 24 MHz) follows QEMU's
 * virtual clock, which under -icount shift=0 advances one nanosecond per
 * instruction; so ticks * 1e9 / 24e6 is an instruction count, exact to
 * about 42 instructions per reading and the same on every run.
 */
#include <bench.h>
#include <board.h>
#include <gfp.h>
#include <mm.h>
#include <printk.h>
#include <shell.h>
#include <string.h>
#include "../mm/internal.h"

extern const struct bench __benches_start[], __benches_end[];

u32 bench_boot_ticks;

u32 bench_now(void)
{
	return board.counter();
}

u32 bench_start(void)
{
	u32 t0 = board.counter(), t;

	while ((t = board.counter()) == t0)
		;
	return t;
}

u64 bench_insns_x100(u32 ticks)
{
	return (u64)ticks * 100 * 1000000000ULL / board.counter_hz;
}

/* An empty timed loop, shaped like the measured ones. */
static u32 __attribute__((noinline)) empty_loop_ticks(u32 iterations)
{
	u32 t0 = bench_start();

	for (u32 i = 0; i < iterations; i++)
		__asm__ volatile("" : : : "memory");
	return bench_now() - t0;
}

u64 bench_per_op_x100(u32 ticks, u32 iterations)
{
	u64 total = bench_insns_x100(ticks), empty = bench_insns_x100(empty_loop_ticks(iterations));

	return (total > empty ? total - empty : 0) / iterations;
}

/*
 * The raw counter when start_kernel finished setting up memory (just
 * before the benchmarks, self-tests or shell), not a difference: SYS_24MHZ
 * follows QEMU's virtual clock, which under -icount shift=0,sleep=off
 * starts at 0 at reset and advances only with instructions.  So this
 * counts from reset: in a direct boot, the 4 instructions of QEMU's boot
 * stub at RAM start, then the kernel from its first instruction; through
 * U-Boot it would include U-Boot.
 */
static u64 boot_insns(void)
{
	return bench_insns_x100(bench_boot_ticks);
}
BENCH(boot_insns, boot_insns, 0);

/* ---- feeding ---- */

#define FEED_RANGES	4096
static struct pfn_range feed_ranges[FEED_RANGES];
static u64 feed_blocks_x100, feed_pages_x100;
static bool feed_measured;

/*
 * Take all free memory out, feed it back in maximal blocks, take it out
 * again and feed it page by page; finally leave maximal blocks, as boot did.
 */
static void measure_feed(void)
{
	int n = buddy_unfeed_all(feed_ranges, FEED_RANGES);
	u32 t0;

	feed_measured = true;
	if (n < 0)
		return;
	t0 = bench_start();
	for (int i = 0; i < n; i++)
		buddy_feed_range(feed_ranges[i].start, feed_ranges[i].end);
	feed_blocks_x100 = bench_insns_x100(bench_now() - t0);

	n = buddy_unfeed_all(feed_ranges, FEED_RANGES);
	t0 = bench_start();
	for (int i = 0; i < n; i++)
		buddy_feed_range_pages(feed_ranges[i].start, feed_ranges[i].end);
	feed_pages_x100 = bench_insns_x100(bench_now() - t0);

	n = buddy_unfeed_all(feed_ranges, FEED_RANGES);
	for (int i = 0; i < n; i++)
		buddy_feed_range(feed_ranges[i].start, feed_ranges[i].end);
}

static u64 feed_blocks_insns(void)
{
	if (!feed_measured)
		measure_feed();
	return feed_blocks_x100 ? feed_blocks_x100 : BENCH_NONE;
}
BENCH(feed_blocks_insns, feed_blocks_insns, 0);

static u64 feed_pages_insns(void)
{
	if (!feed_measured)
		measure_feed();
	return feed_pages_x100 ? feed_pages_x100 : BENCH_NONE;
}
BENCH(feed_pages_insns, feed_pages_insns, 0);

/* ---- alloc/free pairs ---- */

#define ALLOC_ITERATIONS	20000
#define ALLOC10_ITERATIONS	5000

static u64 alloc_free(unsigned int order, u32 iterations)
{
	u32 t0 = bench_start(), ticks;

	for (u32 i = 0; i < iterations; i++) {
		struct page *p = alloc_pages(GFP_KERNEL, order);

		if (!p)
			return BENCH_NONE;
		__free_pages(p, order);
	}
	ticks = bench_now() - t0;
	return bench_per_op_x100(ticks, iterations);
}

/*
 * An order-0 pair in the warm state only ever takes the page the last free
 * put on the Normal zone's per-CPU list: no split, no merge.
 */
static u64 alloc_free_order0_pcp_insns(void) { return alloc_free(0, ALLOC_ITERATIONS); }
static u64 alloc_free_order3_insns(void) { return alloc_free(3, ALLOC_ITERATIONS); }
static u64 alloc_free_order10_insns(void) { return MAX_ORDER > 10 ? alloc_free(10, ALLOC10_ITERATIONS) : BENCH_NONE; }
BENCH(alloc_free_order0_pcp_insns, alloc_free_order0_pcp_insns, ALLOC_ITERATIONS);
BENCH(alloc_free_order3_insns, alloc_free_order3_insns, ALLOC_ITERATIONS);
BENCH(alloc_free_order10_insns, alloc_free_order10_insns, ALLOC10_ITERATIONS);

/*
 * The Normal zone's per-CPU list held to one page (batch 1, high 1, after
 * a drain): every order-0 allocation refills that page from the free
 * lists, and every free gives it straight back, so each pair goes through
 * the buddy free lists.
 */
static unsigned long saved_batch, saved_high;

static void pcp_bypass(void)
{
	struct per_cpu_pages *pcp = this_cpu_ptr(node_zones[ZONE_NORMAL].per_cpu_pageset);

	drain_all_pages();
	saved_batch = pcp->batch;
	saved_high = pcp->high;
	pcp->batch = 1;
	pcp->high = 1;
}

static void pcp_restore(void)
{
	struct per_cpu_pages *pcp = this_cpu_ptr(node_zones[ZONE_NORMAL].per_cpu_pageset);

	pcp->batch = saved_batch;
	pcp->high = saved_high;
}

/*
 * Blocks the benchmarks hold to shape the free lists, chained through
 * their lru (theirs to use while allocated); each head's order says how
 * to free it.
 */
static struct list_head held = { &held, &held };

static void hold(struct page *p)
{
	list_add(&p->lru, &held);
}

static void release_held(void)
{
	while (!list_empty(&held)) {
		struct page *p = list_entry(held.next, struct page, lru);

		list_del(&p->lru);
		__free_pages(p, p->order);
	}
}

/* A request of each migrate type that has a pcp list, for taking a block off that type's lists. */
static const gfp_t type_gfp[MIGRATE_PCPTYPES] = {
	[MIGRATE_UNMOVABLE] = GFP_KERNEL,
	[MIGRATE_MOVABLE] = GFP_KERNEL | __GFP_MOVABLE,
	[MIGRATE_RECLAIMABLE] = GFP_KERNEL | __GFP_RECLAIMABLE,
};

/*
 * Every free block of Normal below the top order taken out, smallest
 * first, each with a request of its list's migrate type and with the pcp
 * list bypassed (so each request takes exactly that block off its free
 * list, with no fallback to another type's larger block): an order-0
 * allocation must then split a block of order MAX_ORDER - 1 all the way
 * down, and its free merges it all the way back up.
 */
static bool hold_small_blocks(void)
{
	struct zone *z = &node_zones[ZONE_NORMAL];

	for (unsigned int o = 0; o < MAX_ORDER - 1; o++)
		for (int t = 0; t < MIGRATE_PCPTYPES; t++)
			while (!list_empty(&z->free_area[o].free_list[t])) {
				struct page *p = alloc_pages(type_gfp[t], o);

				if (!p)
					return false;
				hold(p);
			}
	return z->free_area[MAX_ORDER - 1].nr_free > 0;
}

/* The figure claims a full split and merge: refuse it if the free lists could not be shaped for that. */
static u64 alloc_free_order0_buddy_insns(void)
{
	u64 r = BENCH_NONE;

	pcp_bypass();
	if (hold_small_blocks())
		r = alloc_free(0, ALLOC_ITERATIONS);
	pcp_restore();
	release_held();
	return r;
}
BENCH(alloc_free_order0_buddy_insns, alloc_free_order0_buddy_insns, ALLOC_ITERATIONS);

/*
 * A really fragmented Normal zone: every page it will give is allocated
 * (down to its min watermark), then every page with an odd pfn is freed.
 * Each free page's buddy (pfn ^ 1) is then held, so the free lists hold
 * single pages that cannot merge:
 *
 *   pfn  even odd even odd even odd ...
 *        held free held free held free
 *
 * An order-0 pair with the pcp list bypassed then takes an order-0 block
 * off the free list without a split, and its free stops at the first
 * buddy test.
 */
static void fragment_normal(void)
{
	struct list_head *pos, *next;
	struct page *p;

	while ((p = alloc_page(GFP_KERNEL)) != NULL)
		hold(p);
	for (pos = held.next; pos != &held; pos = next) {
		next = pos->next;
		p = list_entry(pos, struct page, lru);
		if (page_to_pfn(p) & 1) {
			list_del(&p->lru);
			__free_page(p);
		}
	}
	drain_all_pages();
}

static u64 alloc_free_order0_frag_insns(void)
{
	u64 r;

	fragment_normal();
	pcp_bypass();
	r = alloc_free(0, ALLOC_ITERATIONS);
	pcp_restore();
	release_held();
	return r;
}
BENCH(alloc_free_order0_frag_insns, alloc_free_order0_frag_insns, ALLOC_ITERATIONS);

/* ---- memset ---- */

#define MEMSET_ITERATIONS	20000

/*
 * The kernel's memset (lib/string.c) on one 4 KiB lowmem page: what zeroing
 * a page costs, beside the figure tests/linux-bench/vxbench.c takes in
 * Linux, whose init_on_alloc adds such a clear to every page it allocates.
 */
static u64 memset_4k_insns(void)
{
	struct page *p = alloc_page(GFP_KERNEL);
	void *buf;
	u32 t0, ticks;

	if (!p)
		return BENCH_NONE;
	buf = page_address(p);
	memset(buf, 0, PAGE_SIZE);
	t0 = bench_start();
	for (u32 i = 0; i < MEMSET_ITERATIONS; i++) {
		memset(buf, 0, PAGE_SIZE);
		__asm__ volatile("" : : "r"(buf) : "memory");	/* or gcc may drop all but the last clear */
	}
	ticks = bench_now() - t0;
	__free_page(p);
	return bench_per_op_x100(ticks, MEMSET_ITERATIONS);
}
BENCH(memset_4k_insns, memset_4k_insns, MEMSET_ITERATIONS);

/* ---- static figures ---- */

static u64 managed_ratio(void)
{
	/* Times 100 like every figure, and times 10000 for four decimals of a ratio. */
	return (u64)totalram_pages() * 1000000 / get_num_physpages();
}
BENCH(managed_ratio_x10000, managed_ratio, 0);

static u64 struct_page_bytes(void)
{
	return sizeof(struct page) * 100;
}
BENCH(struct_page_bytes, struct_page_bytes, 0);

void bench_run(void)
{
	for (const struct bench *b = __benches_start; b < __benches_end; b++) {
		u64 v = b->fn();

		if (v == BENCH_NONE)
			kprintf("bench: %s n/a\n", b->name);
		else
			kprintf("bench: %s %llu.%02llu\n", b->name, v / 100, v % 100);
		if (b->iterations)
			kprintf("bench-iterations: %s %u\n", b->name, b->iterations);
	}
	kputs("bench: done\n");
	board.poweroff();
}

static int cmd_bench(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	bench_run();
}
SHELL_CMD(bench, "bench", "", "run the benchmarks (best under -icount shift=0) and power off", cmd_bench);
