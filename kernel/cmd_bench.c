/*
 * The benchmark runner and the core measurements: boot cost, feeding the
 * buddy allocator in blocks against page by page, alloc/free pairs at
 * several orders (warm, and after a random fragmentation phase), and the
 * static figures managed_ratio and struct_page_bytes.  The benchmarks of
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

extern const struct bench __benches_start[], __benches_end[];

u32 bench_boot_ticks;

u32 bench_now(void)
{
	return board.counter();
}

u64 bench_insns_x100(u32 ticks)
{
	return (u64)ticks * 100 * 1000000000ULL / board.counter_hz;
}

/* An empty timed loop, shaped like the measured ones. */
static u32 __attribute__((noinline)) empty_loop_ticks(u32 iterations)
{
	u32 t0 = bench_now();

	for (u32 i = 0; i < iterations; i++)
		__asm__ volatile("" : : : "memory");
	return bench_now() - t0;
}

u64 bench_per_op_x100(u32 ticks, u32 iterations)
{
	u64 total = bench_insns_x100(ticks), empty = bench_insns_x100(empty_loop_ticks(iterations));

	return (total > empty ? total - empty : 0) / iterations;
}

static u64 boot_insns(void)
{
	return bench_insns_x100(bench_boot_ticks);
}
BENCH(boot_insns, boot_insns);

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
	t0 = bench_now();
	for (int i = 0; i < n; i++)
		buddy_feed_range(feed_ranges[i].start, feed_ranges[i].end);
	feed_blocks_x100 = bench_insns_x100(bench_now() - t0);

	n = buddy_unfeed_all(feed_ranges, FEED_RANGES);
	t0 = bench_now();
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
BENCH(feed_blocks_insns, feed_blocks_insns);

static u64 feed_pages_insns(void)
{
	if (!feed_measured)
		measure_feed();
	return feed_pages_x100 ? feed_pages_x100 : BENCH_NONE;
}
BENCH(feed_pages_insns, feed_pages_insns);

/* ---- alloc/free pairs ---- */

static u32 rng_state = 12345;

static u32 rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static u64 alloc_free(unsigned int order, u32 iterations)
{
	u32 t0 = bench_now(), ticks;

	for (u32 i = 0; i < iterations; i++) {
		struct page *p = alloc_pages(GFP_KERNEL, order);

		if (!p)
			return BENCH_NONE;
		__free_pages(p, order);
	}
	ticks = bench_now() - t0;
	return bench_per_op_x100(ticks, iterations);
}

#define FRAG_BLOCKS	4000
static struct page *frag_pages[FRAG_BLOCKS];
static u8 frag_orders[FRAG_BLOCKS];

/* Allocate random small blocks and free every other one, leaving holes everywhere. */
static void fragment(void)
{
	for (int i = 0; i < FRAG_BLOCKS; i++) {
		frag_orders[i] = (u8)(rng() % 4);
		frag_pages[i] = alloc_pages(GFP_KERNEL, frag_orders[i]);
	}
	for (int i = 0; i < FRAG_BLOCKS; i += 2) {
		if (frag_pages[i])
			__free_pages(frag_pages[i], frag_orders[i]);
		frag_pages[i] = NULL;
	}
}

static void unfragment(void)
{
	for (int i = 0; i < FRAG_BLOCKS; i++)
		if (frag_pages[i])
			__free_pages(frag_pages[i], frag_orders[i]);
}

static u64 alloc_free_order0_insns(void) { return alloc_free(0, 20000); }
static u64 alloc_free_order3_insns(void) { return alloc_free(3, 20000); }
static u64 alloc_free_order10_insns(void) { return MAX_ORDER > 10 ? alloc_free(10, 5000) : BENCH_NONE; }
BENCH(alloc_free_order0_insns, alloc_free_order0_insns);
BENCH(alloc_free_order3_insns, alloc_free_order3_insns);
BENCH(alloc_free_order10_insns, alloc_free_order10_insns);

static u64 fragmented(unsigned int order, u32 iterations)
{
	u64 r;

	fragment();
	r = alloc_free(order, iterations);
	unfragment();
	return r;
}

static u64 alloc_free_order0_frag_insns(void) { return fragmented(0, 20000); }
static u64 alloc_free_order3_frag_insns(void) { return fragmented(3, 20000); }
static u64 alloc_free_order10_frag_insns(void) { return MAX_ORDER > 10 ? fragmented(10, 5000) : BENCH_NONE; }
BENCH(alloc_free_order0_frag_insns, alloc_free_order0_frag_insns);
BENCH(alloc_free_order3_frag_insns, alloc_free_order3_frag_insns);
BENCH(alloc_free_order10_frag_insns, alloc_free_order10_frag_insns);

/* ---- static figures ---- */

static u64 managed_ratio(void)
{
	/* Times 100 like every figure, and times 10000 for four decimals of a ratio. */
	return (u64)totalram_pages() * 1000000 / get_num_physpages();
}
BENCH(managed_ratio_x10000, managed_ratio);

static u64 struct_page_bytes(void)
{
	return sizeof(struct page) * 100;
}
BENCH(struct_page_bytes, struct_page_bytes);

void bench_run(void)
{
	for (const struct bench *b = __benches_start; b < __benches_end; b++) {
		u64 v = b->fn();

		if (v == BENCH_NONE)
			kprintf("bench: %s n/a\n", b->name);
		else
			kprintf("bench: %s %llu.%02llu\n", b->name, v / 100, v % 100);
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
