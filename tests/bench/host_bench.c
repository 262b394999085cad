/*
 * The benchmarks of `make bench`, run on the host so a change can be judged
 * without QEMU (make bench-host).  Boots a fake 1 GiB 3G/1G machine as the
 * host tests do (tests/host/mm_boot.h), then runs each operation `n` times
 * inside its own bench_* function; callgrind counts the instructions and
 * tests/bench/callgrind.py divides each function's inclusive cost by n.
 * Built -O2 without sanitizers (ASan and valgrind do not mix).
 *
 * Prints one "host_bench: <figure> <function> <n>" line per measurement,
 * then "host_bench: done"; a check that fails (an operation returned
 * NULL, the pkmap window did not wrap as expected) is printed and makes
 * the exit status 1.  bench_empty is the empty loop whose cost per
 * iteration is taken off the per-operation figures, as in the kernel.
 * Warm-up runs (one pair before the steady state is measured) go through
 * the helpers, never through a bench_* function, so they are not counted.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include <highmem.h>
#include <slab.h>
#include <vmalloc.h>
#include "../host/mm_boot.h"

#define MiB		(1024UL * 1024UL)
#define BENCH_RAM	(1024 * MiB)

/* The same iteration counts as the kernel's benchmarks. */
#define ALLOC_ITERATIONS	20000
#define ALLOC10_ITERATIONS	5000
#define KMAP_PAGES		(2 * LAST_PKMAP)
#define KMAP_ITERATIONS		(40 * LAST_PKMAP)
#define KMAP_LOCAL_ITERATIONS	20000
#define KMALLOC_ITERATIONS	20000
#define VMALLOC_ITERATIONS	64
#define VMALLOC_BENCH_SIZE	(1 * MiB)

/* noipa: no inlining, cloning or constant propagation, so each keeps its name and its whole cost. */
#define BENCH_FN	__attribute__((noipa))

static int failures;

static void check(bool ok, const char *what)
{
	if (!ok) {
		printf("host_bench: FAILED: %s\n", what);
		failures++;
	}
}

static void report(const char *figure, const char *fn, unsigned long n)
{
	printf("host_bench: %s %s %lu\n", figure, fn, n);
}

BENCH_FN static void bench_empty(unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		__asm__ volatile("" : : : "memory");
}

/* ---- feeding: all free memory, once in maximal blocks, once page by page ---- */

#define FEED_RANGES	4096
static struct pfn_range feed_ranges[FEED_RANGES];

BENCH_FN static void bench_feed_blocks(int n)
{
	for (int i = 0; i < n; i++)
		buddy_feed_range(feed_ranges[i].start, feed_ranges[i].end);
}

BENCH_FN static void bench_feed_pages(int n)
{
	for (int i = 0; i < n; i++)
		buddy_feed_range_pages(feed_ranges[i].start, feed_ranges[i].end);
}

static void run_feed(void)
{
	unsigned long before = totalram_pages();
	int n = buddy_unfeed_all(feed_ranges, FEED_RANGES);

	check(n > 0, "buddy_unfeed_all");
	bench_feed_blocks(n);
	report("feed_blocks_insns", "bench_feed_blocks", 1);
	n = buddy_unfeed_all(feed_ranges, FEED_RANGES);
	bench_feed_pages(n);
	report("feed_pages_insns", "bench_feed_pages", 1);
	n = buddy_unfeed_all(feed_ranges, FEED_RANGES);
	for (int i = 0; i < n; i++)
		buddy_feed_range(feed_ranges[i].start, feed_ranges[i].end);
	check(totalram_pages() == before, "feeding gives back every page");
}

/* ---- alloc/free pairs ---- */

static bool alloc_free_loop(unsigned int order, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		struct page *p = alloc_pages(GFP_KERNEL, order);

		if (!p)
			return false;
		__free_pages(p, order);
	}
	return true;
}

BENCH_FN static bool bench_alloc_free_order0_pcp(unsigned int n) { return alloc_free_loop(0, n); }
BENCH_FN static bool bench_alloc_free_order0_buddy(unsigned int n) { return alloc_free_loop(0, n); }
BENCH_FN static bool bench_alloc_free_order0_frag(unsigned int n) { return alloc_free_loop(0, n); }
BENCH_FN static bool bench_alloc_free_order3(unsigned int n) { return alloc_free_loop(3, n); }
BENCH_FN static bool bench_alloc_free_order10(unsigned int n) { return alloc_free_loop(10, n); }

/*
 * The free-list shapes of kernel/cmd_bench.c, the same way: the Normal
 * zone's pcp list held to one page (batch 1, high 1) so that order-0 pairs
 * go through the free lists; every block below the top order held, so each
 * order-0 pair splits and merges all the way; or every odd pfn free and
 * every even one held, so nothing splits or merges.
 */
static unsigned long saved_batch, saved_high;
static struct list_head held = { &held, &held };

static void pcp_bypass(bool on)
{
	struct per_cpu_pages *pcp = zone_pcp(&node_zones[ZONE_NORMAL], 0);

	if (on) {
		drain_all_pages();
		saved_batch = pcp->batch;
		saved_high = pcp->high;
		pcp->batch = pcp->high = 1;
	} else {
		pcp->batch = saved_batch;
		pcp->high = saved_high;
	}
}

static void release_held(void)
{
	while (!list_empty(&held)) {
		struct page *p = list_entry(held.next, struct page, lru);

		list_del(&p->lru);
		__free_pages(p, p->order);
	}
}

/* Each block with a request of its list's migrate type, so that none falls back to a larger block. */
static void hold_small_blocks(void)
{
	static const gfp_t type_gfp[MIGRATE_PCPTYPES] = {
		[MIGRATE_UNMOVABLE] = GFP_KERNEL,
		[MIGRATE_MOVABLE] = GFP_KERNEL | __GFP_MOVABLE,
		[MIGRATE_RECLAIMABLE] = GFP_KERNEL | __GFP_RECLAIMABLE,
	};
	struct zone *z = &node_zones[ZONE_NORMAL];
	struct page *p;

	for (unsigned int o = 0; o < MAX_ORDER - 1; o++)
		for (int t = 0; t < MIGRATE_PCPTYPES; t++)
			while (!list_empty(&z->free_area[o].free_list[t]) && (p = alloc_pages(type_gfp[t], o)) != NULL)
				list_add(&p->lru, &held);
}

static void fragment_normal(void)
{
	struct list_head *pos, *next;
	struct page *p;

	while ((p = alloc_page(GFP_KERNEL)) != NULL)
		list_add(&p->lru, &held);
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

static void run_alloc_free(void)
{
	check(bench_alloc_free_order0_pcp(ALLOC_ITERATIONS), "alloc_pages order 0");
	report("alloc_free_order0_pcp_insns", "bench_alloc_free_order0_pcp", ALLOC_ITERATIONS);
	pcp_bypass(true);
	hold_small_blocks();
	check(bench_alloc_free_order0_buddy(ALLOC_ITERATIONS), "alloc_pages order 0, pcp bypassed");
	report("alloc_free_order0_buddy_insns", "bench_alloc_free_order0_buddy", ALLOC_ITERATIONS);
	release_held();
	pcp_bypass(false);
	fragment_normal();
	pcp_bypass(true);
	check(bench_alloc_free_order0_frag(ALLOC_ITERATIONS), "alloc_pages order 0, fragmented");
	report("alloc_free_order0_frag_insns", "bench_alloc_free_order0_frag", ALLOC_ITERATIONS);
	pcp_bypass(false);
	release_held();
	check(bench_alloc_free_order3(ALLOC_ITERATIONS), "alloc_pages order 3");
	report("alloc_free_order3_insns", "bench_alloc_free_order3", ALLOC_ITERATIONS);
	if (MAX_ORDER > 10) {
		check(bench_alloc_free_order10(ALLOC10_ITERATIONS), "alloc_pages order 10");
		report("alloc_free_order10_insns", "bench_alloc_free_order10", ALLOC10_ITERATIONS);
	}
}

/* ---- kmalloc and vmalloc: one untimed pair first, then the steady state ---- */

static bool kmalloc_loop(size_t size, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		void *p = kmalloc(size, GFP_KERNEL);

		if (!p)
			return false;
		kfree(p);
	}
	return true;
}

BENCH_FN static bool bench_kmalloc64(unsigned int n) { return kmalloc_loop(64, n); }
BENCH_FN static bool bench_kmalloc4096(unsigned int n) { return kmalloc_loop(4096, n); }

static bool vmalloc_loop(unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		void *p = vmalloc(VMALLOC_BENCH_SIZE);

		if (!p)
			return false;
		vfree(p);
	}
	return true;
}

BENCH_FN static bool bench_vmalloc_1m(unsigned int n) { return vmalloc_loop(n); }

static void run_kmalloc_vmalloc(void)
{
	check(kmalloc_loop(64, 1) && bench_kmalloc64(KMALLOC_ITERATIONS), "kmalloc(64)");
	report("kmalloc64_insns", "bench_kmalloc64", KMALLOC_ITERATIONS);
	check(kmalloc_loop(4096, 1) && bench_kmalloc4096(KMALLOC_ITERATIONS), "kmalloc(4096)");
	report("kmalloc4096_insns", "bench_kmalloc4096", KMALLOC_ITERATIONS);
	check(vmalloc_check() == 0, "vmalloc_check before");
	check(vmalloc_loop(1) && bench_vmalloc_1m(VMALLOC_ITERATIONS), "vmalloc(1 MiB)");
	report("vmalloc_1m_insns", "bench_vmalloc_1m", VMALLOC_ITERATIONS);
	check(vmalloc_check() == 0 && vmalloc_nr_pages() == 0, "vmalloc gives everything back");
}

/* ---- highmem: KMAP_PAGES distinct pages in turn, as the kernel's benchmark ---- */

static struct page *kmap_pages[KMAP_PAGES];

static bool kmap_loop(unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		struct page *page = kmap_pages[i % KMAP_PAGES];

		if (!kmap(page))
			return false;
		kunmap(page);
	}
	return true;
}

BENCH_FN static bool bench_kmap_kunmap(unsigned int n) { return kmap_loop(n); }

static void kmap_local_loop(unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		kunmap_local(kmap_local_page(kmap_pages[i % KMAP_PAGES]));
}

BENCH_FN static void bench_kmap_local(unsigned int n) { kmap_local_loop(n); }

static void run_highmem(void)
{
	unsigned long flushes;

	for (unsigned int i = 0; i < KMAP_PAGES; i++) {
		kmap_pages[i] = alloc_page(GFP_HIGHUSER);
		check(kmap_pages[i] && PageHighMem(kmap_pages[i]), "a highmem page for kmap");
		if (!kmap_pages[i])
			return;
	}
	check(kmap_loop(KMAP_PAGES), "kmap warm-up");
	flushes = pkmap_flushes;
	check(bench_kmap_kunmap(KMAP_ITERATIONS), "kmap");
	report("kmap_kunmap_insns", "bench_kmap_kunmap", KMAP_ITERATIONS);
	/* The amortised wrap is in the figure: one window flush per LAST_PKMAP kmaps. */
	check(pkmap_flushes - flushes == KMAP_ITERATIONS / LAST_PKMAP, "one pkmap flush per LAST_PKMAP kmaps");
	kmap_local_loop(1);
	bench_kmap_local(KMAP_LOCAL_ITERATIONS);
	report("kmap_local_insns", "bench_kmap_local", KMAP_LOCAL_ITERATIONS);
	check(kmap_local_depth() == 0, "kmap_local nesting back to 0");
	for (unsigned int i = 0; i < KMAP_PAGES; i++)
		__free_page(kmap_pages[i]);
}

int main(void)
{
	mm_boot(BENCH_RAM, 0);
	slab_reset();
	kmalloc_init();
	pkmap_init();
	kmap_local_reset();
	vmalloc_init();

	bench_empty(ALLOC_ITERATIONS);
	report("empty_loop", "bench_empty", ALLOC_ITERATIONS);
	run_feed();
	run_alloc_free();
	run_kmalloc_vmalloc();
	run_highmem();
	check(buddy_check() == 0, "buddy_check at the end");
	printf("host_bench: done\n");
	if (failures)
		printf("%s", host_log());
	return failures ? 1 : 0;
}
