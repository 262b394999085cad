/*
 * The buddy allocator: feeding in maximal blocks (writing only block heads),
 * split and merge at every order, exhaustion and refill, zone fallback,
 * watermarks, every kind of bad free, the per-CPU lists, and a seeded
 * random stress run checked against every invariant.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <highmem.h>
#include "mm_boot.h"


static struct zone *normal = &node_zones[ZONE_NORMAL];
static struct zone *highmem_zone = &node_zones[ZONE_HIGHMEM];

static int boot_small(void **state)
{
	(void)state;
	mm_boot(SMALL_RAM, SMALL_VMALLOC);
	host_log_clear();
	return 0;
}

/*
 * A bare zone without memblock: mem_map for [0x60000, 0x60800), zeroed
 * (every page in state "none"), all of it ZONE_NORMAL, nothing free, no
 * watermarks, the boot pageset (pcp high 0, batch 1: every order-0 page
 * passes straight through to the free lists).
 */
static struct page bare_map[0x800];

static int bare_zone(void **state)
{
	(void)state;
	memblock_reset();
	zones_reset();
	mem_map_setup(bare_map, 0x60000, 0x60800);
	normal->zone_start_pfn = 0x60000;
	normal->spanned_pages = normal->present_pages = 0x800;
	host_log_clear();
	return 0;
}

static void assert_free_counts(const struct zone *z, const unsigned long *expect)
{
	for (int o = 0; o < MAX_ORDER; o++)
		if (z->free_area[o].nr_free != expect[o])
			fail_msg("%s order %d: %lu free blocks, expected %lu",
				 z->name, o, z->free_area[o].nr_free, expect[o]);
}

/*
 * Free range [0x60123000, 0xa0000000) split at the 3G/1G lowmem limit
 * 0x90000000:
 *   0x60123 o0, 0x60124 o2, 0x60128 o3, 0x60130 o4, 0x60140 o6, 0x60180 o7,
 *   0x60200 o9, then order 10 up to 0x90000 (191 blocks); HighMem 64 x o10.
 */
static void test_feed_block_list(void **state)
{
	static const struct { unsigned long pfn; unsigned int order; } head[] = {
		{ 0x60123, 0 }, { 0x60124, 2 }, { 0x60128, 3 }, { 0x60130, 4 },
		{ 0x60140, 6 }, { 0x60180, 7 }, { 0x60200, 9 },
	};
	unsigned long pfn = 0x60123, n = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(head); i++, n++) {
		assert_int_equal(pfn, head[i].pfn);
		assert_int_equal(buddy_block_order(pfn, 0x90000), head[i].order);
		pfn += 1UL << head[i].order;
	}
	for (; pfn < 0x90000; pfn += 1024, n++)
		assert_int_equal(buddy_block_order(pfn, 0x90000), 10);
	assert_int_equal(pfn, 0x90000);
	assert_int_equal(n, 7 + 191);
	for (n = 0; pfn < 0xa0000; pfn += 1024, n++)
		assert_int_equal(buddy_block_order(pfn, 0xa0000), 10);
	assert_int_equal(n, 64);
	/* The end shrinks a block too: 0x60400 with 5 pages left is order 2. */
	assert_int_equal(buddy_block_order(0x60400, 0x60405), 2);
	assert_int_equal(buddy_block_order(0x60401, 0x60402), 0);
}

/*
 *   0x60000 [reserved] 0x60001 ...free... 0x60800
 * Expected: one block of every order 0..10 (0x60001 o0, 0x60002 o1, ...,
 * 0x60400 o10), page 0x60000 still reserved and nothing else, and no page
 * but the 11 heads written: every other page keeps the marker planted in
 * its lru link before feeding.
 */
#define LINK_MARK	((struct list_head *)0x5a5a5a5a)

/* On every page but the heads of free blocks, whose links are in use. */
static void plant_link_marks(void)
{
	for (unsigned long pfn = 0x60001; pfn < 0x60800; pfn++)
		if (!PageBuddy(pfn_to_page(pfn)))
			pfn_to_page(pfn)->lru.next = LINK_MARK;
}

static unsigned long links_written(void)
{
	unsigned long n = 0;

	for (unsigned long pfn = 0x60001; pfn < 0x60800; pfn++)
		n += pfn_to_page(pfn)->lru.next != LINK_MARK;
	return n;
}

static void test_feed_range_one_per_order(void **state)
{
	static const unsigned long one_each[MAX_ORDER] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };

	(void)state;
	mem_map_reserve(0x60000, 0x60001);
	plant_link_marks();
	assert_int_equal(buddy_feed_range(0x60001, 0x60800), 11);
	assert_free_counts(normal, one_each);
	assert_int_equal(normal->managed_pages, 0x7ff);
	assert_int_equal(normal->free_pages, 0x7ff);
	assert_int_equal(links_written(), 11);
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		const struct page *head = pfn_to_page(0x60000 + (1UL << o));

		assert_int_equal(head->flags, PG_buddy);
		assert_int_equal(head->order, o);
	}
	assert_int_equal(pfn_to_page(0x60000)->flags, PG_reserved);
	for (unsigned long pfn = 0x60001; pfn < 0x60800; pfn++)
		assert_false(PageReserved(pfn_to_page(pfn)));
	assert_int_equal(buddy_check(), 0);
}

/*
 * The bench's comparison: unfeeding writes only the heads again and leaves
 * nothing free or managed; feeding page by page writes every page (its
 * refcount, as Linux's free_reserved_page does; a marker planted there
 * shows it) and ends in the same blocks as feeding in blocks.
 */
static void test_unfeed_and_feed_page_by_page(void **state)
{
	struct mm_snapshot blocks;
	struct pfn_range ranges[16];

	(void)state;
	mem_map_reserve(0x60000, 0x60001);
	buddy_feed_range(0x60001, 0x60800);
	mm_snap_buddyinfo(&blocks);

	plant_link_marks();
	assert_int_equal(buddy_unfeed_all(ranges, 16), 1);
	assert_int_equal(ranges[0].start, 0x60001);
	assert_int_equal(ranges[0].end, 0x60800);
	assert_int_equal(links_written(), 11);
	assert_int_equal(normal->managed_pages, 0);
	assert_int_equal(normal->free_pages, 0);
	for (unsigned long pfn = 0x60001; pfn < 0x60800; pfn++)
		assert_int_equal(pfn_to_page(pfn)->flags, 0);
	assert_int_equal(buddy_check(), 0);

	for (unsigned long pfn = 0x60001; pfn < 0x60800; pfn++)
		pfn_to_page(pfn)->_refcount = 0x5a5a;
	assert_int_equal(buddy_feed_range_pages(0x60001, 0x60800), 0x7ff);
	for (unsigned long pfn = 0x60001; pfn < 0x60800; pfn++)
		assert_int_equal(pfn_to_page(pfn)->_refcount, 0);
	assert_int_equal(normal->managed_pages, 0x7ff);
	assert_buddyinfo_equal(&blocks);
	assert_int_equal(buddy_check(), 0);
	assert_int_equal(buddy_unfeed_all(ranges, 10), -ENOSPC);
}

/*
 *   0x60000 [one free block of order 10] 0x60400
 * Expected, for each order o: the allocation takes the low end, leaving one
 * free block of each order o..9; freeing it merges back to one order-10 block.
 */
static void test_split_and_merge_every_order(void **state)
{
	unsigned long expect[MAX_ORDER];

	(void)state;
	buddy_feed_range(0x60000, 0x60400);
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		struct page *p = alloc_pages(GFP_KERNEL, o);

		assert_non_null(p);
		assert_int_equal(page_to_pfn(p), 0x60000);
		assert_true(PageHead(p));
		assert_int_equal(p->_refcount, 1);
		assert_int_equal(p->order, o);
		for (unsigned int j = 0; j < MAX_ORDER; j++)
			expect[j] = (j >= o && j < MAX_ORDER - 1) ? 1 : 0;
		assert_free_counts(normal, expect);
		assert_int_equal(normal->free_pages, 1024 - (1UL << o));
		assert_int_equal(buddy_check(), 0);

		__free_pages(p, o);
		memset(expect, 0, sizeof(expect));
		expect[MAX_ORDER - 1] = 1;
		assert_free_counts(normal, expect);
		assert_int_equal(buddy_check(), 0);
	}
	host_log_expect_empty();
}

/*
 * All 1024 pages of one order-10 block taken one by one, then freed in a
 * shuffled order.  Expected: the block comes back whole.
 */
static void test_merge_in_any_order(void **state)
{
	static struct page *pages[1024];
	unsigned long whole[MAX_ORDER] = { [MAX_ORDER - 1] = 1 };

	(void)state;
	buddy_feed_range(0x60000, 0x60400);
	for (int i = 0; i < 1024; i++)
		assert_non_null(pages[i] = alloc_page(GFP_KERNEL | __GFP_MEMALLOC));
	assert_null(alloc_page(GFP_KERNEL | __GFP_MEMALLOC));
	assert_int_equal(normal->free_pages, 0);
	host_rng_state = 7;
	for (int i = 1023; i > 0; i--) {
		int j = (int)(host_rnd() % (u32)(i + 1));
		struct page *t = pages[i];

		pages[i] = pages[j];
		pages[j] = t;
	}
	for (int i = 0; i < 1024; i++)
		__free_page(pages[i]);
	assert_free_counts(normal, whole);
	assert_int_equal(buddy_check(), 0);
}

/* Take everything gfp allows, largest blocks first, linked through lru. */
static unsigned long take_all(struct list_head *taken, gfp_t gfp)
{
	unsigned long pages = 0;

	for (int o = MAX_ORDER - 1; o >= 0; o--) {
		struct page *p;

		while ((p = alloc_pages(gfp, (unsigned int)o)) != NULL) {
			list_add(&p->lru, taken);
			pages += 1UL << o;
		}
	}
	return pages;
}

static void give_back_all(struct list_head *taken)
{
	while (!list_empty(taken)) {
		struct page *p = list_entry(taken->next, struct page, lru);

		list_del(&p->lru);
		__free_pages(p, p->order);
	}
}

/*
 * Small machine: take every free page of both zones, ignoring watermarks.
 * Expected: the next request fails and changes nothing; after everything
 * is given back /proc/buddyinfo reads as right after feeding.
 */
static void test_exhaust_and_refill(void **state)
{
	struct mm_snapshot boot;
	struct zone before[MAX_NR_ZONES];
	struct per_cpu_pages pcp_before[MAX_NR_ZONES];
	struct list_head taken;
	unsigned long total = nr_free_pages();

	(void)state;
	mm_snap_buddyinfo(&boot);
	INIT_LIST_HEAD(&taken);
	assert_int_equal(take_all(&taken, GFP_HIGHUSER | __GFP_MEMALLOC), total);
	assert_int_equal(nr_free_pages(), 0);

	memcpy(before, node_zones, sizeof(before));
	for (int i = 0; i < MAX_NR_ZONES; i++)
		pcp_before[i] = *zone_pcp(&node_zones[i], 0);
	assert_null(alloc_pages(GFP_HIGHUSER | __GFP_MEMALLOC, 0));
	assert_null(alloc_pages(GFP_KERNEL, 3));
	/* The locks were taken and released (their tickets moved on): not zone state. */
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		before[i].lock = node_zones[i].lock;
		pcp_before[i].lock = zone_pcp(&node_zones[i], 0)->lock;
		assert_memory_equal(&pcp_before[i], zone_pcp(&node_zones[i], 0), sizeof(pcp_before[i]));
	}
	assert_memory_equal(before, node_zones, sizeof(before));
	assert_int_equal(buddy_check(), 0);

	give_back_all(&taken);
	assert_buddyinfo_equal(&boot);
	assert_int_equal(nr_free_pages(), total);
	assert_int_equal(buddy_check(), 0);
	host_log_expect_empty();
}

/*
 * GFP_HIGHUSER, one page at a time, with Linux 6.1's marks: the fast path
 * holds every zone to its low mark, the slow path to its min mark.
 * Expected runs of pages:
 *   HighMem  until its free lists are at its low mark
 *   Normal   until Normal is at its low mark plus its protection against
 *            HighMem requests (8192/32)
 *   HighMem  again, down to its min mark (32 pages)
 *   Normal   again, down to its min mark plus that protection.
 */
static void test_highuser_falls_back_to_normal(void **state)
{
	host_skip_unless(SMALL_HAS_HIGHMEM, "the test machine has no highmem in this configuration");
	struct list_head taken;
	struct page *p;
	const struct zone *runs[8];
	unsigned long at_switch[8];
	unsigned int nruns = 0;
	unsigned long reserve = normal->lowmem_reserve[ZONE_HIGHMEM];

	(void)state;
	INIT_LIST_HEAD(&taken);
	assert_int_equal(min_wmark_pages(highmem_zone), 32);
	assert_int_equal(reserve, highmem_zone->managed_pages / 32);
	while ((p = alloc_page(GFP_HIGHUSER)) != NULL) {
		const struct zone *z = page_zone(p);

		if (!nruns || runs[nruns - 1] != z) {
			assert_true(nruns < ARRAY_SIZE(runs));
			/* the free lists of the zone just left, when it was left */
			if (nruns)
				at_switch[nruns - 1] = runs[nruns - 1]->free_pages;
			runs[nruns++] = z;
		}
		list_add(&p->lru, &taken);
	}
	assert_int_equal(nruns, 4);
	assert_ptr_equal(runs[0], highmem_zone);
	assert_ptr_equal(runs[1], normal);
	assert_ptr_equal(runs[2], highmem_zone);
	assert_ptr_equal(runs[3], normal);
	assert_int_equal(at_switch[0], low_wmark_pages(highmem_zone));
	assert_int_equal(at_switch[1], low_wmark_pages(normal) + reserve);
	assert_int_equal(at_switch[2], min_wmark_pages(highmem_zone));
	assert_int_equal(highmem_zone->free_pages, 32);
	assert_int_equal(normal->free_pages, min_wmark_pages(normal) + reserve);
	give_back_all(&taken);
	assert_int_equal(buddy_check(), 0);
}

/*
 * GFP_KERNEL until it fails.  Expected: only Normal pages, Normal left at
 * exactly its min mark, HighMem untouched.
 */
static void test_kernel_never_gets_highmem(void **state)
{
	host_skip_unless(SMALL_HAS_HIGHMEM, "the test machine has no highmem in this configuration");
	struct list_head taken;
	struct page *p;

	(void)state;
	INIT_LIST_HEAD(&taken);
	while ((p = alloc_page(GFP_KERNEL)) != NULL) {
		assert_ptr_equal(page_zone(p), normal);
		assert_true(page_to_pfn(p) < SMALL_LOW_END);
		list_add(&p->lru, &taken);
	}
	assert_int_equal(normal->free_pages, min_wmark_pages(normal));
	assert_int_equal(highmem_zone->free_pages, highmem_zone->managed_pages);
	give_back_all(&taken);
}

/*
 * Normal's min mark m: GFP_KERNEL stops at m free pages, an order-3 request
 * already at m + 7 (free - (8 - 1) must stay above m); GFP_ATOMIC (m - m/2, less a
 * further quarter) goes on below; __GFP_MEMALLOC takes the rest.
 */
static void test_watermarks_refuse_below_min(void **state)
{
	struct list_head taken;
	unsigned long m = min_wmark_pages(normal), atomic_min = m - m / 2;
	struct page *p;

	(void)state;
	atomic_min -= atomic_min / 4;
	assert_true(m > 16);
	INIT_LIST_HEAD(&taken);
	/* Order 0 counts the pcp list's pages as free: stop at m + 7 in all, then drain. */
	while (normal->free_pages + zone_pcp(normal, 0)->count > m + 7) {
		p = alloc_page(GFP_KERNEL);
		list_add(&p->lru, &taken);
	}
	drain_all_pages();
	assert_int_equal(normal->free_pages, m + 7);
	assert_null(alloc_pages(GFP_KERNEL, 3));	/* m + 7 - 7 <= m: refused */
	p = alloc_pages(GFP_KERNEL, 2);			/* m + 7 - 3 > m: allowed */
	assert_non_null(p);
	list_add(&p->lru, &taken);
	take_all(&taken, GFP_KERNEL);
	assert_int_equal(normal->free_pages, m);
	/*
	 * Order 0 only: a high-order GFP_ATOMIC request served below the low
	 * mark would make its pageblock HighAtomic, whose free pages no
	 * order-0 request takes (test_highatomic.c).
	 */
	while ((p = alloc_page(GFP_ATOMIC)) != NULL)
		list_add(&p->lru, &taken);
	assert_int_equal(normal->free_pages, atomic_min);
	take_all(&taken, GFP_KERNEL | __GFP_MEMALLOC);
	assert_int_equal(normal->free_pages, 0);
	give_back_all(&taken);
	assert_int_equal(buddy_check(), 0);
}

/*
 * Linux 6.1's watermark rule as a table, on the small machine's Normal zone:
 * min 176, low 220, and 256 pages kept from requests that could use HighMem
 * (8192 HighMem pages / 32).  For the slow path (gfp_to_alloc_flags) the
 * min mark is halved for __GFP_HIGH (176 - 88 = 88), less a quarter for
 * __GFP_ATOMIC (176 - 44 = 132), both for GFP_ATOMIC (88 - 22 = 66); a
 * request passes if free - (2^order - 1) > mark + reserve.  The fast path
 * holds the zone to low (220) with no reductions.
 */
static const struct {
	unsigned long free;
	unsigned int order;
	gfp_t gfp;
	unsigned int wmark;		/* WMARK_MIN: slow path flags; WMARK_LOW: fast path, no reductions */
	enum zone_type highest;
	bool ok;
} watermark_table[] = {
	{ 177, 0, GFP_KERNEL, WMARK_MIN, ZONE_NORMAL, true },
	{ 176, 0, GFP_KERNEL, WMARK_MIN, ZONE_NORMAL, false },
	{ 184, 3, GFP_KERNEL, WMARK_MIN, ZONE_NORMAL, true },	/* 184 - 7 = 177 */
	{ 183, 3, GFP_KERNEL, WMARK_MIN, ZONE_NORMAL, false },
	{ 89, 0, GFP_KERNEL | __GFP_HIGH, WMARK_MIN, ZONE_NORMAL, true },
	{ 88, 0, GFP_KERNEL | __GFP_HIGH, WMARK_MIN, ZONE_NORMAL, false },
	{ 133, 0, __GFP_ATOMIC, WMARK_MIN, ZONE_NORMAL, true },
	{ 132, 0, __GFP_ATOMIC, WMARK_MIN, ZONE_NORMAL, false },
	{ 67, 0, GFP_ATOMIC, WMARK_MIN, ZONE_NORMAL, true },
	{ 66, 0, GFP_ATOMIC, WMARK_MIN, ZONE_NORMAL, false },
	{ 74, 3, GFP_ATOMIC, WMARK_MIN, ZONE_NORMAL, true },	/* 74 - 7 = 67 */
	{ 73, 3, GFP_ATOMIC, WMARK_MIN, ZONE_NORMAL, false },
	{ 433, 0, GFP_HIGHUSER, WMARK_MIN, ZONE_HIGHMEM, true },	/* 176 + 256 */
	{ 432, 0, GFP_HIGHUSER, WMARK_MIN, ZONE_HIGHMEM, false },
	{ 323, 0, GFP_ATOMIC | __GFP_HIGHMEM, WMARK_MIN, ZONE_HIGHMEM, true },	/* 66 + 256 */
	{ 322, 0, GFP_ATOMIC | __GFP_HIGHMEM, WMARK_MIN, ZONE_HIGHMEM, false },
	{ 221, 0, GFP_KERNEL, WMARK_LOW, ZONE_NORMAL, true },
	{ 220, 0, GFP_KERNEL, WMARK_LOW, ZONE_NORMAL, false },
	{ 228, 3, GFP_ATOMIC, WMARK_LOW, ZONE_NORMAL, true },	/* 228 - 7 = 221: the fast path ignores ATOMIC */
	{ 227, 3, GFP_ATOMIC, WMARK_LOW, ZONE_NORMAL, false },
};

/*
 * Take Normal pages one at a time (no marks) until its free lists hold
 * exactly free pages.  The drain first: an earlier row's order-3 block
 * waits on a pcp list once freed (as in Linux 6.1).
 */
static void take_normal_down_to(struct list_head *taken, unsigned long free)
{
	drain_all_pages();
	zone_pcp(normal, 0)->batch = 1;
	while (normal->free_pages > free) {
		struct page *p = alloc_page(GFP_KERNEL | __GFP_MEMALLOC);

		assert_non_null(p);
		list_add(&p->lru, taken);
	}
	assert_int_equal(normal->free_pages, free);
	assert_int_equal(zone_pcp(normal, 0)->count, 0);
}

/*
 * Each row: Normal's free lists brought to the row's free pages, then
 * zone_watermark_ok with the row's mark and flags says the row's answer;
 * for a Normal-only row of the slow path (WMARK_MIN), alloc_pages itself
 * succeeds or fails as the row says.
 */
static void test_watermark_table(void **state)
{
	host_skip_unless(PAGE_OFFSET == 0xC0000000UL && SMALL_HAS_HIGHMEM && !IS_ENABLED(CONFIG_SPARSEMEM),
			 "the table's marks are the 3G/1G FLATMEM small machine's, with HighMem");
	(void)state;
	assert_int_equal(min_wmark_pages(normal), 176);
	assert_int_equal(low_wmark_pages(normal), 220);
	assert_int_equal(normal->lowmem_reserve[ZONE_HIGHMEM], 256);
	assert_int_equal(gfp_to_alloc_flags(GFP_KERNEL), ALLOC_WMARK_MIN);
	assert_int_equal(gfp_to_alloc_flags(GFP_ATOMIC), ALLOC_WMARK_MIN | ALLOC_HIGH | ALLOC_HARDER);
	assert_int_equal(gfp_to_alloc_flags(__GFP_HIGH), ALLOC_WMARK_MIN | ALLOC_HIGH);
	assert_int_equal(gfp_to_alloc_flags(__GFP_ATOMIC), ALLOC_WMARK_MIN | ALLOC_HARDER);
	for (size_t i = 0; i < ARRAY_SIZE(watermark_table); i++) {
		struct list_head taken;
		unsigned int flags = watermark_table[i].wmark == WMARK_MIN ?
				     gfp_to_alloc_flags(watermark_table[i].gfp) : ALLOC_WMARK_LOW;
		bool ok;

		INIT_LIST_HEAD(&taken);
		take_normal_down_to(&taken, watermark_table[i].free);
		ok = zone_watermark_ok(normal, watermark_table[i].order, normal->_watermark[watermark_table[i].wmark],
				       watermark_table[i].highest, flags);
		if (ok != watermark_table[i].ok)
			fail_msg("row %zu: %lu free, order %u, gfp 0x%x: zone_watermark_ok says %d", i,
				 watermark_table[i].free, watermark_table[i].order, watermark_table[i].gfp, ok);
		if (watermark_table[i].wmark == WMARK_MIN && watermark_table[i].highest == ZONE_NORMAL) {
			struct page *p = alloc_pages(watermark_table[i].gfp, watermark_table[i].order);

			if ((p != NULL) != watermark_table[i].ok)
				fail_msg("row %zu: %lu free, order %u, gfp 0x%x: alloc_pages gave %p", i,
					 watermark_table[i].free, watermark_table[i].order, watermark_table[i].gfp,
					 (void *)p);
			if (p)
				__free_pages(p, watermark_table[i].order);
		}
		give_back_all(&taken);
	}
	assert_int_equal(buddy_check(), 0);
}

/*
 * Plenty of free pages, but only single ones (every other pfn of a bare
 * zone fed alone): order 0 passes, order 1 and 3 fail for want of a
 * block, as Linux's __zone_watermark_ok checks the free areas for order > 0.
 *   0x60000 [free][used][free][used] ... 0x60800
 */
static void test_watermark_needs_a_free_block(void **state)
{
	struct page *p;

	(void)state;
	for (unsigned long pfn = 0x60000; pfn < 0x60800; pfn += 2)
		buddy_feed_range(pfn, pfn + 1);
	normal->_watermark[WMARK_MIN] = 10;
	normal->_watermark[WMARK_LOW] = 12;
	normal->_watermark[WMARK_HIGH] = 14;
	assert_int_equal(normal->free_pages, 0x400);
	assert_true(zone_watermark_ok(normal, 0, 10, ZONE_NORMAL, ALLOC_WMARK_MIN));
	assert_false(zone_watermark_ok(normal, 1, 10, ZONE_NORMAL, ALLOC_WMARK_MIN));
	assert_false(zone_watermark_ok(normal, 3, 10, ZONE_NORMAL, ALLOC_HARDER | ALLOC_HIGH));
	assert_null(alloc_pages(GFP_KERNEL, 3));
	assert_null(alloc_pages(GFP_ATOMIC, 1));
	p = alloc_page(GFP_KERNEL);
	assert_non_null(p);
	__free_page(p);
	assert_int_equal(buddy_check(), 0);
}

/* Every kind of bad free: reported with pfn and reason, lists unchanged. */
static void test_bad_frees_are_refused(void **state)
{
	struct mm_snapshot snap;
	struct page *p = alloc_pages(GFP_KERNEL, 3);
	unsigned long pfn = page_to_pfn(p);
	char line[128];

	(void)state;
	mm_snap_buddyinfo(&snap);

#define EXPECT_REFUSED(call, text)						\
	do {									\
		host_log_clear();						\
		assert_int_equal(call, -EINVAL);				\
		host_log_expect(text);						\
		assert_buddyinfo_equal(&snap);					\
	} while (0)

	snprintf(line, sizeof(line), "buddy: free of pfn 0x%lx with order 2, but it was allocated with order 3", pfn);
	EXPECT_REFUSED(buddy_free_pfn(pfn, 2), line);
	snprintf(line, sizeof(line), "buddy: free of pfn 0x%lx order 0 refused: never allocated", pfn + 2);
	EXPECT_REFUSED(buddy_free_pfn(pfn + 2, 0), line);
	snprintf(line, sizeof(line), "buddy: free of pfn 0x%lx order 1 refused: misaligned", pfn + 1);
	EXPECT_REFUSED(buddy_free_pfn(pfn + 1, 1), line);
	EXPECT_REFUSED(buddy_free_pfn(0x60005, 0), "buddy: free of pfn 0x60005 order 0 refused: reserved");
	EXPECT_REFUSED(buddy_free_pfn(0x50000, 0), "buddy: free of pfn 0x50000 order 0 refused: outside any zone");
	EXPECT_REFUSED(buddy_free_pfn(SMALL_END, 0), "buddy: free of pfn 0x64000 order 0 refused: outside any zone");
	snprintf(line, sizeof(line), "buddy: free of pfn 0x%lx order 11 refused: bad order", pfn);
	EXPECT_REFUSED(buddy_free_pfn(pfn, 11), line);

	host_log_clear();
	__free_pages(p, 3);
	host_log_expect_empty();
	mm_snap_buddyinfo(&snap);
	snprintf(line, sizeof(line), "buddy: double free of pfn 0x%lx order 3", pfn);
	EXPECT_REFUSED(buddy_free_pfn(pfn, 3), line);
	/* A page inside a block that was freed (and maybe merged) is free too. */
	snprintf(line, sizeof(line), "buddy: double free of pfn 0x%lx order 2", pfn + 4);
	EXPECT_REFUSED(buddy_free_pfn(pfn + 4, 2), line);

	/* An order-0 page waits on the pcp list after its free: freeing it again is a double free too. */
	p = alloc_page(GFP_KERNEL);
	pfn = page_to_pfn(p);
	host_log_clear();
	__free_page(p);
	host_log_expect_empty();
	assert_true(PagePcp(p));
	snprintf(line, sizeof(line), "buddy: double free of pfn 0x%lx order 0", pfn);
	host_log_clear();
	assert_int_equal(buddy_free_pfn(pfn, 0), -EINVAL);
	host_log_expect(line);
	assert_true(PagePcp(p));
	mm_snap_buddyinfo(&snap);

	host_log_clear();
	__free_pages(mem_map - 1, 0);
	__free_pages((struct page *)((char *)mem_map + 3), 0);
	assert_int_equal(host_log_count("not a struct page in mem_map"), 2);
	assert_buddyinfo_equal(&snap);
	assert_int_equal(buddy_check(), 0);
#undef EXPECT_REFUSED
}

/* The checker itself: a planted inconsistency is found, then removed. */
static void test_check_finds_corruption(void **state)
{
	struct page *p = alloc_page(GFP_KERNEL);

	(void)state;
	p->flags |= PG_buddy;
	host_log_clear();
	assert_true(buddy_check() > 0);
	assert_true(host_log_contains("buddy_check: "));
	p->flags &= ~PG_buddy;
	normal->free_area[0].nr_free++;
	assert_true(buddy_check() > 0);
	normal->free_area[0].nr_free--;
	assert_int_equal(buddy_check(), 0);
	__free_page(p);

	/* A pcp page: a count that disagrees, a second state bit. */
	assert_true(PagePcp(p));
	zone_pcp(normal, 0)->count++;
	assert_true(buddy_check() > 0);
	zone_pcp(normal, 0)->count--;
	p->flags |= PG_reserved;
	assert_true(buddy_check() > 0);
	p->flags &= ~PG_reserved;
	assert_int_equal(buddy_check(), 0);
}

/*
 * A page between states, as another CPU leaves one for a moment without a
 * lock: taken off a pcp list but not yet made allocated (still PG_pcp), or
 * an allocated head whose count is not yet (or no longer) 1.  Each CPU has
 * at most one such page at a time and the checking CPU none, so with one
 * CPU online either is a problem, with two one page is not but two are,
 * with three two are not.
 */
static void test_check_pages_between_states(void **state)
{
	struct page *a = alloc_page(GFP_KERNEL), *b = alloc_page(GFP_KERNEL);
	unsigned long listed;
	char line[160];

	(void)state;
	a->flags = PG_pcp;
	listed = zone_pcp_count(normal);
	snprintf(line, sizeof(line), "buddy_check: Normal: %lu pages flagged pcp, count says %lu "
		 "(0 allocated with refcount 0, 0 other CPUs)", listed + 1, listed);
	host_log_clear();
	assert_int_equal(buddy_check(), 1);
	host_log_expect(line);
	cpu_online_mask = 0x3;
	assert_int_equal(buddy_check(), 0);
	b->_refcount = 0;
	host_log_clear();
	assert_int_equal(buddy_check(), 1);
	snprintf(line, sizeof(line), "buddy_check: Normal: %lu pages flagged pcp, count says %lu "
		 "(1 allocated with refcount 0, 1 other CPUs)", listed + 1, listed);
	host_log_expect(line);
	cpu_online_mask = 0x7;
	assert_int_equal(buddy_check(), 0);
	cpu_online_mask = 0x1;
	a->flags = PG_head;
	assert_int_equal(buddy_check(), 1);
	b->_refcount = 1;
	assert_int_equal(buddy_check(), 0);
	__free_page(a);
	__free_page(b);
}

/* pfn, page, address and zone conversions; the lowmem-address calls. */
static void test_page_helpers(void **state)
{
	host_skip_unless(SMALL_HAS_HIGHMEM, "the test machine has no highmem in this configuration");
	struct page *p = alloc_page(GFP_KERNEL), *h = alloc_page(GFP_HIGHUSER);
	unsigned long addr;
	unsigned char *bytes;

	(void)state;
	assert_ptr_equal(pfn_to_page(page_to_pfn(p)), p);
	assert_ptr_equal(page_address(p), __va(page_to_phys(p)));
	assert_ptr_equal(virt_to_page(page_address(p)), p);
	assert_true(PageHighMem(h));
	assert_null(page_address(h));
	assert_true(pfn_valid(SMALL_FIRST) && !pfn_valid(SMALL_END) && !pfn_valid(SMALL_FIRST - 1));
	memset(page_address(p), 0xa5, PAGE_SIZE);
	__free_page(p);
	__free_page(h);

	addr = get_zeroed_page(GFP_KERNEL);
	assert_true(addr != 0);
	bytes = (unsigned char *)addr;
	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		assert_int_equal(bytes[i], 0);
	free_page(addr);

	addr = __get_free_pages(GFP_HIGHUSER, 2);
	assert_false(PageHighMem(virt_to_page((void *)addr)));
	free_pages(addr, 2);
	free_pages(0, 0);
	host_log_expect_empty();
	assert_int_equal(buddy_check(), 0);
}

/* The scratch mapping maps one page at MM_SCRATCH_VADDR and flushes on unmap. */
static void test_scratch_mapping(void **state)
{
	phys_addr_t pa;

	(void)state;
	host_arch_reset();
	assert_ptr_equal(mm_scratch_map(0x63000), (void *)MM_SCRATCH_VADDR);
	assert_true(arch_query(MM_SCRATCH_VADDR, &pa, NULL));
	assert_int_equal(pa, 0x63000000);
	mm_scratch_unmap();
	assert_false(arch_query(MM_SCRATCH_VADDR, &pa, NULL));
	assert_int_equal(host_arch.flush_page, 1);
	assert_int_equal(host_ops[host_arch.nr_ops - 1].kind, HOST_OP_FLUSH_PAGE);
	assert_int_equal(host_ops[host_arch.nr_ops - 1].va, MM_SCRATCH_VADDR);
}

/*
 * The pcp list of Normal with batch 4 and high 12, from empty:
 *   20 order-0 allocations: five refills of 4 pages from the free lists;
 *   a free puts the page first on the list and the next allocation takes
 *   that same page back, leaving the free lists alone;
 *   20 frees: whenever the list reaches 12 pages the 4 coldest (freed
 *   first) go back to the free lists, so 8 stay on it.
 * Free counts stay exact all along: zone->free_pages and buddyinfo without
 * the pcp pages, nr_free_pages() with them; draining restores the blocks.
 */
static void test_pcp_refill_and_give_back(void **state)
{
	struct mm_snapshot boot;
	struct page *pages[20], *p;
	unsigned long f, total = nr_free_pages();
	struct list_head *unmovable = &zone_pcp(normal, 0)->lists[MIGRATE_UNMOVABLE];	/* GFP_KERNEL's */

	(void)state;
	mm_snap_buddyinfo(&boot);
	zone_pcp(normal, 0)->batch = 4;
	zone_pcp(normal, 0)->high = 12;
	f = normal->free_pages;

	pages[0] = alloc_page(GFP_KERNEL);
	assert_int_equal(normal->free_pages, f - 4);
	assert_int_equal(zone_pcp(normal, 0)->count, 3);
	assert_int_equal(nr_free_pages(), total - 1);
	for (struct list_head *l = unmovable->next; l != unmovable; l = l->next)
		assert_int_equal(list_entry(l, struct page, lru)->flags, PG_pcp);

	__free_page(pages[0]);
	assert_ptr_equal(unmovable->next, &pages[0]->lru);
	p = alloc_page(GFP_KERNEL);
	assert_ptr_equal(p, pages[0]);
	assert_int_equal(normal->free_pages, f - 4);
	assert_int_equal(zone_pcp(normal, 0)->count, 3);

	for (int i = 1; i < 20; i++)
		assert_non_null(pages[i] = alloc_page(GFP_KERNEL));
	assert_int_equal(zone_pcp(normal, 0)->count, 0);
	assert_int_equal(normal->free_pages, f - 20);

	for (int i = 0; i < 11; i++)
		__free_page(pages[i]);
	assert_int_equal(zone_pcp(normal, 0)->count, 11);
	assert_int_equal(normal->free_pages, f - 20);
	__free_page(pages[11]);
	assert_int_equal(zone_pcp(normal, 0)->count, 8);
	assert_int_equal(normal->free_pages, f - 16);
	for (int i = 0; i < 12; i++)
		assert_true(PagePcp(pages[i]) == (i >= 4));
	for (int i = 12; i < 20; i++)
		__free_page(pages[i]);
	assert_int_equal(zone_pcp(normal, 0)->count, 8);
	assert_int_equal(normal->free_pages, f - 8);
	assert_int_equal(nr_free_pages(), total);
	assert_int_equal(buddy_check(), 0);

	drain_all_pages();
	assert_int_equal(zone_pcp(normal, 0)->count, 0);
	assert_int_equal(normal->free_pages, f);
	assert_buddyinfo_equal(&boot);
	assert_int_equal(buddy_check(), 0);
	host_log_expect_empty();
}

/*
 * GFP_KERNEL page by page with batch 31: a refill never takes the free
 * lists below the min mark m, so they end at exactly m with the pcp list
 * empty, and never go below m on the way.
 */
static void test_pcp_refill_stops_at_the_mark(void **state)
{
	struct list_head taken;
	unsigned long m = min_wmark_pages(normal);
	struct page *p;

	(void)state;
	zone_pcp(normal, 0)->batch = 31;
	INIT_LIST_HEAD(&taken);
	while ((p = alloc_page(GFP_KERNEL)) != NULL) {
		assert_true(normal->free_pages >= m);
		list_add(&p->lru, &taken);
	}
	assert_int_equal(normal->free_pages, m);
	assert_int_equal(zone_pcp(normal, 0)->count, 0);
	give_back_all(&taken);
	assert_int_equal(buddy_check(), 0);
}

/*
 * Every Normal page taken one at a time and freed onto a pcp list that
 * never gives back (high above them all): the free lists are empty and
 * nothing can merge.  Expected: an order-3 request still succeeds, by
 * draining the pcp list first, as Linux's slow path does; it then comes
 * from an order-3 pcp list, refilled with Linux 6.1's max(batch >> 3, 2)
 * blocks (1 if batch is 1), the rest of which stay there.
 */
static void test_pcp_drained_for_larger_orders(void **state)
{
	struct list_head taken;
	struct page *p;
	unsigned long pages, batch, refill;

	(void)state;
	zone_pcp(normal, 0)->high = ~0UL;
	INIT_LIST_HEAD(&taken);
	while ((p = alloc_page(GFP_KERNEL | __GFP_MEMALLOC)) != NULL)
		list_add(&p->lru, &taken);
	assert_int_equal(normal->free_pages, 0);
	pages = normal->managed_pages;
	give_back_all(&taken);
	assert_int_equal(zone_pcp(normal, 0)->count, pages);
	assert_int_equal(normal->free_pages, 0);

	batch = zone_pcp(normal, 0)->batch;
	refill = batch <= 1 ? batch : batch >> 3 > 2 ? batch >> 3 : 2;	/* a boot-sized batch of 1 is not scaled */
	p = alloc_pages(GFP_KERNEL, 3);
	assert_non_null(p);
	assert_int_equal(zone_pcp(normal, 0)->count, (refill - 1) * 8);
	assert_int_equal(normal->free_pages, pages - refill * 8);
	assert_int_equal(buddy_check(), 0);
	__free_pages(p, 3);
	assert_int_equal(zone_pcp(normal, 0)->count, refill * 8);
	assert_int_equal(buddy_check(), 0);
}

/*
 * Boot marks PG_reserved on exactly the pages memblock keeps (the kernel,
 * mem_map) and on nothing it feeds: each page is either managed or reserved.
 */
static void test_boot_reserves_only_reserved_pages(void **state)
{
	unsigned long reserved = 0;

	(void)state;
	for (unsigned long pfn = min_pfn; pfn < max_pfn; pfn++) {
		bool kept = memblock_is_region_reserved(PFN_PHYS(pfn), PAGE_SIZE);

		if (PageReserved(pfn_to_page(pfn)) != kept)
			fail_msg("pfn 0x%lx: PG_reserved %d, memblock reserved %d", pfn,
				 PageReserved(pfn_to_page(pfn)), kept);
		reserved += kept;
	}
	assert_int_equal(reserved + totalram_pages(), max_pfn - min_pfn);
	assert_true(PageReserved(pfn_to_page(0x60005)) && !PageReserved(pfn_to_page(0x60003)));
}

/*
 * A million seeded random allocations and frees over both zones with
 * mixed flags and orders.  After every step: no block overlaps another
 * live one or reserved memory, the flags and zone match the request, and
 * free + allocated = managed; every 4096 steps the full invariant check.
 * At the end everything is freed and buddyinfo reads as after feeding.
 */
/* With CONFIG_DEBUG_MM every operation checks the whole allocator: fewer ops. */
#define STRESS_OPS	(IS_ENABLED(CONFIG_DEBUG_MM) ? 20000 : 1000000)
#define STRESS_LIVE	2048

static struct { unsigned long pfn; unsigned int order; } live[STRESS_LIVE];
static unsigned char owned[SMALL_END - SMALL_FIRST];

static void stress_take(unsigned long pfn, unsigned int order, bool own)
{
	for (unsigned long i = pfn; i < pfn + (1UL << order); i++) {
		if (own && owned[i - SMALL_FIRST])
			fail_msg("pfn 0x%lx handed out twice", i);
		if (PageReserved(pfn_to_page(i)))
			fail_msg("reserved pfn 0x%lx handed out", i);
		owned[i - SMALL_FIRST] = own;
	}
}

static void stress_alloc(unsigned int *nlive, unsigned long *live_pages)
{
	static const gfp_t flags[] = { GFP_KERNEL, GFP_HIGHUSER, GFP_ATOMIC, GFP_KERNEL | __GFP_ZERO };
	gfp_t gfp = flags[host_rnd() % ARRAY_SIZE(flags)];
	unsigned int order = (unsigned int)__builtin_ctz(host_rnd() | (1u << (MAX_ORDER - 1)));
	struct page *p = alloc_pages(gfp, order);
	unsigned long pfn;

	if (!p)
		return;
	pfn = page_to_pfn(p);
	if (!PageHead(p) || p->order != order || (pfn & ((1UL << order) - 1)))
		fail_msg("bad block 0x%lx order %u flags 0x%lx", pfn, order, p->flags);
	if (!(gfp & __GFP_HIGHMEM) && PageHighMem(p))
		fail_msg("highmem pfn 0x%lx for a lowmem request", pfn);
	if (memblock_is_region_reserved(PFN_PHYS(pfn), PAGE_SIZE << order))
		fail_msg("block 0x%lx order %u overlaps memblock.reserved", pfn, order);
	stress_take(pfn, order, true);
	live[*nlive].pfn = pfn;
	live[*nlive].order = order;
	(*nlive)++;
	*live_pages += 1UL << order;
}

static void stress_free(unsigned int *nlive, unsigned long *live_pages)
{
	unsigned int i = host_rnd() % *nlive;

	stress_take(live[i].pfn, live[i].order, false);
	assert_int_equal(buddy_free_pfn(live[i].pfn, live[i].order), 0);
	*live_pages -= 1UL << live[i].order;
	live[i] = live[--(*nlive)];
}

static void test_random_stress(void **state)
{
	struct mm_snapshot boot;
	unsigned long managed = totalram_pages(), live_pages = 0;
	unsigned int nlive = 0;

	(void)state;
	mm_snap_buddyinfo(&boot);
	memset(owned, 0, sizeof(owned));
	host_rng_state = 0x2545f491;
	for (long op = 0; op < STRESS_OPS; op++) {
		if (nlive < STRESS_LIVE && (nlive == 0 || host_rnd() % 100 < 52))
			stress_alloc(&nlive, &live_pages);
		else
			stress_free(&nlive, &live_pages);
		if (nr_free_pages() + live_pages != managed)
			fail_msg("op %ld: %lu free + %lu allocated != %lu managed",
				 op, nr_free_pages(), live_pages, managed);
		if ((op & 4095) == 0 && buddy_check() != 0)
			fail_msg("op %ld: invariants broken\n%s", op, host_log());
	}
	while (nlive)
		stress_free(&nlive, &live_pages);
	assert_int_equal(buddy_check(), 0);
	assert_buddyinfo_equal(&boot);
	host_log_expect_empty();
}

/* ---- __GFP_ZERO, zero_block, and the page counts of other subsystems ---- */

#define JUNK	0xa5

/*
 * Junk over every free page (the pcp lists drained first, so the free
 * lists hold them all): whatever block is handed out next holds JUNK
 * unless the allocator zeroes it.  Host RAM backs every pfn, highmem too.
 */
static void dirty_free_memory(void)
{
	drain_all_pages();
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		const struct zone *z = &node_zones[i];

		for (unsigned long pfn = z->zone_start_pfn; pfn < zone_end_pfn(z); pfn++) {
			const struct page *p = pfn_to_page(pfn);

			if (!PageBuddy(p))
				continue;
			memset(__va(PFN_PHYS(pfn)), JUNK, PAGE_SIZE << p->order);
			pfn += (1UL << p->order) - 1;
		}
	}
}

/* Offset of the first byte of [mem, mem + n) that is not want, or n. */
static size_t first_not(const unsigned char *mem, size_t n, unsigned char want)
{
	size_t i = 0;

	while (i < n && mem[i] == want)
		i++;
	return i;
}

/*
 * A lowmem block of order, allocated from junk-filled free memory: without
 * __GFP_ZERO it shows the junk (so the check can see a block that was not
 * zeroed), with __GFP_ZERO every byte of all 2^order pages is 0.
 */
static void check_zeroing_lowmem(unsigned int order)
{
	size_t bytes = PAGE_SIZE << order;
	struct page *p;

	dirty_free_memory();
	assert_non_null(p = alloc_pages(GFP_KERNEL, order));
	assert_int_equal(first_not(page_address(p), bytes, JUNK), bytes);
	__free_pages(p, order);
	dirty_free_memory();
	assert_non_null(p = alloc_pages(GFP_KERNEL | __GFP_ZERO, order));
	assert_int_equal(first_not(page_address(p), bytes, 0), bytes);
	__free_pages(p, order);
}

static void test_gfp_zero_lowmem(void **state)
{
	(void)state;
	check_zeroing_lowmem(0);
	check_zeroing_lowmem(3);
	assert_int_equal(buddy_check(), 0);
}

/*
 * Every page of a highmem block, read through kmap_local_page and, as a
 * check on the fake layer's backing, through the RAM buffer itself (the
 * fake's __va reaches highmem too): how many bytes equal want in both.
 */
static size_t highmem_bytes_equal(struct page *p, unsigned int order, unsigned char want)
{
	size_t same = 0;

	for (unsigned long i = 0; i < (1UL << order); i++) {
		unsigned char *va = kmap_local_page(p + i);
		size_t n;

		assert_non_null(va);
		n = first_not(va, PAGE_SIZE, want);
		kunmap_local(va);
		assert_int_equal(first_not(__va(page_to_phys(p + i)), PAGE_SIZE, want), n);
		same += n;
	}
	return same;
}

#define SKIP_WITHOUT_HIGHMEM()								\
	do {										\
		if (!small_high_managed())						\
			host_skip("no HighMem on the small machine in this configuration"); \
		if (!host_fixmap_backed())						\
			host_skip("the fixmap window could not be backed in this process"); \
	} while (0)

/*
 * The same for HighMem, orders 0 and 3: zero_block zeroes through the
 * scratch mapping, the test reads through kmap_local (both in the fixmap,
 * which fake_arch backs with the RAM pages mapped there).
 */
static void test_gfp_zero_highmem(void **state)
{
	static const unsigned int orders[] = { 0, 3 };
	struct page *p;

	(void)state;
	SKIP_WITHOUT_HIGHMEM();
	kmap_local_reset();
	for (unsigned int i = 0; i < 2; i++) {
		unsigned int o = orders[i];

		dirty_free_memory();
		assert_non_null(p = alloc_pages(GFP_HIGHUSER, o));
		assert_true(PageHighMem(p));
		assert_int_equal(highmem_bytes_equal(p, o, JUNK), PAGE_SIZE << o);
		__free_pages(p, o);
		dirty_free_memory();
		assert_non_null(p = alloc_pages(GFP_HIGHUSER | __GFP_ZERO, o));
		assert_true(PageHighMem(p));
		assert_int_equal(highmem_bytes_equal(p, o, 0), PAGE_SIZE << o);
		__free_pages(p, o);
	}
	assert_false(arch_query(MM_SCRATCH_VADDR, NULL, NULL));
	assert_int_equal(buddy_check(), 0);
}

/*
 * zero_block fails when the scratch mapping cannot be made: for the first
 * page of an order-0 block, and for the third page of an order-3 block
 * (two pages already zeroed).  Expected each time: NULL, the block back
 * on the free lists (free pages and buddyinfo as before), the scratch
 * slot unmapped, and the next __GFP_ZERO allocation working again.
 */
static void test_zero_block_fails(void **state)
{
	static const unsigned int orders[] = { 0, 3 }, maps_before[] = { 0, 2 };
	struct mm_snapshot before;
	struct page *p;

	(void)state;
	SKIP_WITHOUT_HIGHMEM();
	for (unsigned int i = 0; i < 2; i++) {
		unsigned long free_before = nr_free_pages(), mapped = host_arch.mapped_pages;

		mm_snap_buddyinfo(&before);
		host_arch_fail_map_after((int)maps_before[i]);
		assert_null(alloc_pages(GFP_HIGHUSER | __GFP_ZERO, orders[i]));
		assert_int_equal(nr_free_pages(), free_before);
		assert_int_equal(host_arch.mapped_pages, mapped);
		assert_false(arch_query(MM_SCRATCH_VADDR, NULL, NULL));
		assert_buddyinfo_equal(&before);
		assert_int_equal(buddy_check(), 0);
	}
	assert_non_null(p = alloc_pages(GFP_HIGHUSER | __GFP_ZERO, 3));
	__free_pages(p, 3);
	host_log_expect_empty();
}

/* Pages of [start, end) below limit. */
static unsigned long pfns_below(unsigned long start, unsigned long end, unsigned long limit)
{
	end = end < limit ? end : limit;
	return end > start ? end - start : 0;
}

/*
 * get_num_physpages is every page of RAM the zones hold, reserved or not:
 * the small machine's 64 MiB is 16384 pages (without highmem only its
 * lowmem: the rest is dropped); with banks [0x60000000, +16M) and
 * [0x61800000, 0x64000000) the 8 MiB hole is not counted: 4096 + 10240.
 */
static void test_get_num_physpages(void **state)
{
	unsigned long keep = small_ram_end_pfn();

	(void)state;
	assert_int_equal(get_num_physpages(), pfns_below(SMALL_FIRST, SMALL_END, keep));
	assert_true(get_num_physpages() > totalram_pages());	/* the kernel and mem_map are present, not managed */

	host_arch_reset();
	host_ram_setup(RAM_BASE, SMALL_RAM);
	memblock_reset();
	memblock_add(RAM_BASE, 16 * MiB);
	memblock_add(RAM_BASE + 24 * MiB, 40 * MiB);
	memblock_reserve(KERNEL_RESV_BASE, KERNEL_RESV_END - KERNEL_RESV_BASE);
	zones_reset();
	adjust_lowmem_bounds(RAM_BASE, SMALL_VMALLOC);
	mem_map_init();
	zones_init();
	buddy_feed_all();
	assert_int_equal(get_num_physpages(),
			 pfns_below(0x60000, 0x61000, keep) + pfns_below(0x61800, 0x64000, keep));
}

/* Linux's int_sqrt, by counting: the largest r with r * r <= x. */
static unsigned long isqrt(unsigned long x)
{
	unsigned long r = 0;

	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

/*
 * Linux 6.1's nr_free_buffer_pages: over the zones up to ZONE_NORMAL
 * (HighMem is left out), managed - high watermark, floored at 0.  Here
 * that is Normal alone.  Its high mark, by Linux 6.1's rules, from
 * Normal's managed pages M (the only lowmem zone, so its share of
 * pages_min is all of it; watermark_scale_factor 10):
 *   min_free_kbytes = clamp(int_sqrt(M * 4 * 16), 128, 262144)
 *   min = min_free_kbytes / 4, step = max(min / 4, M * 10 / 10000)
 *   high = min + 2 * step
 * A zone whose high mark is above its managed pages gives 0, not a wrapped count.
 */
static void test_nr_free_buffer_pages(void **state)
{
	unsigned long m = small_normal_managed(), kb = isqrt(m * 4 * 16), min, step;
	struct zone *z = &node_zones[ZONE_NORMAL];
	unsigned long high_mark = z->_watermark[WMARK_HIGH];

	(void)state;
	kb = kb < 128 ? 128 : kb > 262144 ? 262144 : kb;
	min = kb / 4;
	step = min / 4 > m * 10 / 10000 ? min / 4 : m * 10 / 10000;
	assert_int_equal(z->managed_pages, m);
	assert_int_equal(nr_free_buffer_pages(), m - (min + 2 * step));

	z->_watermark[WMARK_HIGH] = m + 1;
	assert_int_equal(nr_free_buffer_pages(), 0);
	z->_watermark[WMARK_HIGH] = high_mark;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feed_block_list),
		cmocka_unit_test_setup(test_feed_range_one_per_order, bare_zone),
		cmocka_unit_test_setup(test_unfeed_and_feed_page_by_page, bare_zone),
		cmocka_unit_test_setup(test_split_and_merge_every_order, bare_zone),
		cmocka_unit_test_setup(test_merge_in_any_order, bare_zone),
		cmocka_unit_test_setup_teardown(test_exhaust_and_refill, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_highuser_falls_back_to_normal, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_kernel_never_gets_highmem, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_watermarks_refuse_below_min, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_watermark_table, boot_small, host_ram_teardown),
		cmocka_unit_test_setup(test_watermark_needs_a_free_block, bare_zone),
		cmocka_unit_test_setup_teardown(test_bad_frees_are_refused, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_check_finds_corruption, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_check_pages_between_states, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_page_helpers, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_scratch_mapping, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_pcp_refill_and_give_back, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_pcp_refill_stops_at_the_mark, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_pcp_drained_for_larger_orders, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_boot_reserves_only_reserved_pages, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_random_stress, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_gfp_zero_lowmem, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_gfp_zero_highmem, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_zero_block_fails, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_get_num_physpages, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_nr_free_buffer_pages, boot_small, host_ram_teardown),
	};

	(void)argc;
	host_fixmap_reserve(argv);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
