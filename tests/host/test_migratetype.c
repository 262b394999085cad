/*
 * Migrate types: which free list a request uses when its own type has
 * nothing, and whether the pageblock it takes from changes type, checked
 * against a table worked out by hand from Linux 6.1's rules (fallbacks[],
 * __rmqueue_fallback, can_steal_fallback, steal_suitable_fallback); the
 * gfp encoding, the per-type pcp lists, boot's Movable pageblocks, and
 * buddy_check's list-type check.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mm_boot.h"
#include "../../mm/internal.h"

static struct zone *normal = &node_zones[ZONE_NORMAL];

/*
 * Four pageblocks, all ZONE_NORMAL, no watermarks, the boot pageset (every
 * order-0 page passes through the pcp list straight to or from the free
 * lists, so each request shows the free lists' choice):
 *   B0 0x60000  B1 0x60400  B2 0x60800  B3 0x60c00
 */
#define B0	0x60000UL
#define B1	0x60400UL
#define B2	0x60800UL
#define B3	0x60c00UL
#define NBLOCKS	4

static struct page map[NBLOCKS * 1024];

static void four_blocks(void)
{
	memblock_reset();
	zones_reset();
	mem_map_setup(map, B0, B0 + NBLOCKS * 1024);
	normal->zone_start_pfn = B0;
	normal->spanned_pages = normal->present_pages = NBLOCKS * 1024;
	host_log_clear();
}

/* Free pages on the lists of each type, counted from the lists. */
static unsigned long free_on(int t)
{
	unsigned long n = 0;

	for (unsigned int o = 0; o < MAX_ORDER; o++)
		for (struct list_head *l = normal->free_area[o].free_list[t].next;
		     l != &normal->free_area[o].free_list[t]; l = l->next)
			n += 1UL << o;
	return n;
}

#define U	MIGRATE_UNMOVABLE
#define M	MIGRATE_MOVABLE
#define R	MIGRATE_RECLAIMABLE
#define H	MIGRATE_HIGHATOMIC
#define I	MIGRATE_ISOLATE

#define GFP_RECLAIMABLE_KERNEL	(GFP_KERNEL | __GFP_RECLAIMABLE)
#define GFP_NOWAIT		__GFP_KSWAPD_RECLAIM	/* Linux's: may not wait, so may not reclaim */

struct fallback_case {
	const char *what;
	int type[NBLOCKS];			/* pageblock types before */
	struct { unsigned long start, end; } feed[3];	/* free ranges, fed in maximal blocks */
	gfp_t gfp;
	unsigned int order;
	unsigned long pfn;			/* the block handed out, 0 for none */
	int after[NBLOCKS];			/* pageblock types after */
	unsigned long free[MIGRATE_TYPES];	/* free pages per list type after */
};

/*
 * Worked from Linux 6.1's rules, not from our code:
 * - fallbacks: Unmovable -> Reclaimable, Movable; Reclaimable ->
 *   Unmovable, Movable; Movable -> Reclaimable, Unmovable; HighAtomic
 *   and Isolate are nobody's fallback;
 * - the largest free block of a fallback type is taken first, but a
 *   Movable request that may not steal takes the smallest;
 * - may steal: order >= pageblock_order / 2 (5), or an Unmovable or
 *   Reclaimable request;
 * - a block of a whole pageblock (order 10) takes it over; otherwise a
 *   request that may steal moves all free blocks of the pageblock to its
 *   type, and the pageblock changes type if free + compatible >= 512,
 *   compatible being the allocated pages when an Unmovable/Reclaimable
 *   request takes from a Movable pageblock, else 0 (no movable pages
 *   here); a request that may not steal moves only its block;
 * - the block found goes onto the requester's lists, and the request is
 *   served from there, smallest order first, lowest pfn of the split;
 * - the HighAtomic lists serve only a request with ALLOC_HARDER, which
 *   only the slow path gives (__GFP_ATOMIC; the fast path's flags are
 *   ALLOC_WMARK_LOW alone), and a high-order one so served makes its
 *   pageblock HighAtomic;
 * - a request that may reclaim (__GFP_DIRECT_RECLAIM), before it fails,
 *   gives a HighAtomic pageblock back to its own type and tries again,
 *   the zone's last one too once the retries run out (force).  A
 *   pageblock set HighAtomic by hand counts no reserved pages.
 */
static const struct fallback_case fallback_table[] = {
	{ "Unmovable takes a whole Movable pageblock", { M, M, M, M }, { { B0, B1 } },
	  GFP_KERNEL, 0, B0, { U, M, M, M }, { [U] = 1023 } },
	{ "Unmovable prefers Reclaimable to Movable", { M, R, M, M }, { { B0, B2 } },
	  GFP_KERNEL, 0, B1, { M, U, M, M }, { [U] = 1023, [M] = 1024 } },
	{ "Movable prefers Reclaimable to Unmovable", { U, R, M, M }, { { B0, B2 } },
	  GFP_HIGHUSER_MOVABLE, 0, B1, { U, M, M, M }, { [U] = 1024, [M] = 1023 } },
	{ "Reclaimable prefers Unmovable to Movable", { M, U, M, M }, { { B0, B2 } },
	  GFP_RECLAIMABLE_KERNEL, 0, B1, { M, R, M, M }, { [M] = 1024, [R] = 1023 } },
	{ "Unmovable takes the largest block, and a Movable pageblock with it",
	  { M, M, M, M }, { { B0, B0 + 4 }, { B1 + 0x100, B1 + 0x200 } },
	  GFP_KERNEL, 0, B1 + 0x100, { M, U, M, M }, { [U] = 255, [M] = 4 } },
	{ "Unmovable from a Movable pageblock with 256 free claims it (768 allocated count)",
	  { M, M, M, M }, { { B0, B0 + 256 } },
	  GFP_KERNEL, 0, B0, { U, M, M, M }, { [U] = 255 } },
	{ "Unmovable from a Reclaimable pageblock with 256 free leaves its type",
	  { R, M, M, M }, { { B0, B0 + 256 } },
	  GFP_KERNEL, 0, B0, { R, M, M, M }, { [U] = 255 } },
	{ "Movable order 0 may not steal: the smallest block, the pageblock unchanged",
	  { U, U, M, M }, { { B0 + 0x10, B0 + 0x20 }, { B1 + 8, B1 + 16 } },
	  GFP_HIGHUSER_MOVABLE, 0, B1 + 8, { U, U, M, M }, { [U] = 16, [M] = 7 } },
	{ "Movable order 5 steals a pageblock 3/4 free", { U, M, M, M }, { { B0, B0 + 768 } },
	  GFP_HIGHUSER_MOVABLE, 5, B0 + 512, { M, M, M, M }, { [M] = 736 } },
	{ "Movable order 5 moves the free pages of a pageblock 1/4 free, not its type",
	  { U, M, M, M }, { { B0, B0 + 256 } },
	  GFP_HIGHUSER_MOVABLE, 5, B0, { U, M, M, M }, { [M] = 224 } },
	{ "HighAtomic and Isolate are no fallback: a request that may not reclaim fails",
	  { H, I, M, M }, { { B0, B2 } },
	  GFP_NOWAIT, 0, 0, { H, I, M, M }, { [H] = 1024, [I] = 1024 } },
	{ "HighAtomic and Isolate are no fallback for Movable either", { H, I, M, M }, { { B0, B2 } },
	  GFP_NOWAIT | __GFP_MOVABLE, 3, 0, { H, I, M, M }, { [H] = 1024, [I] = 1024 } },
	{ "GFP_KERNEL, before it fails, takes the last HighAtomic pageblock back (force)",
	  { H, I, M, M }, { { B0, B2 } },
	  GFP_KERNEL, 0, B0, { U, I, M, M }, { [U] = 1023, [I] = 1024 } },
	{ "Movable order 3, before it fails, takes it back as Movable", { H, I, M, M }, { { B0, B2 } },
	  GFP_HIGHUSER_MOVABLE, 3, B0, { M, I, M, M }, { [M] = 1016, [I] = 1024 } },
	{ "GFP_ATOMIC order 1 may use the HighAtomic reserve", { H, M, M, M }, { { B0, B1 } },
	  GFP_ATOMIC, 1, B0, { H, M, M, M }, { [H] = 1022 } },
	{ "GFP_ATOMIC order 1 above the low mark: the fast path, no ALLOC_HARDER, no reservation",
	  { M, M, M, M }, { { B0, B1 } },
	  GFP_ATOMIC, 1, B0, { U, M, M, M }, { [U] = 1022 } },
};

static void run_fallback_case(const struct fallback_case *c)
{
	struct page *page;

	four_blocks();
	for (int b = 0; b < NBLOCKS; b++)
		set_pageblock_migratetype(normal, B0 + 1024UL * b, c->type[b]);
	for (int i = 0; i < 3 && c->feed[i].end; i++)
		buddy_feed_range(c->feed[i].start, c->feed[i].end);
	page = alloc_pages(c->gfp, c->order);
	if (c->pfn ? !page || page_to_pfn(page) != c->pfn : page != NULL)
		fail_msg("%s: got pfn 0x%lx, expected 0x%lx", c->what, page ? page_to_pfn(page) : 0UL, c->pfn);
	for (int b = 0; b < NBLOCKS; b++)
		if (get_pfnblock_migratetype(normal, B0 + 1024UL * b) != c->after[b])
			fail_msg("%s: pageblock %d is type %d, expected %d", c->what, b,
				 get_pfnblock_migratetype(normal, B0 + 1024UL * b), c->after[b]);
	for (int t = 0; t < MIGRATE_TYPES; t++)
		if (free_on(t) != c->free[t])
			fail_msg("%s: %lu free pages on type %d's lists, expected %lu", c->what, free_on(t), t,
				 c->free[t]);
	assert_int_equal(buddy_check(), 0);
}

static void test_fallback_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(fallback_table) / sizeof(fallback_table[0]); i++)
		run_fallback_case(&fallback_table[i]);
}

/* The gfp encoding: Linux 6.1's bits; both bits at once is refused as a type, on one line. */
static void test_gfp_migratetype(void **state)
{
	(void)state;
	assert_int_equal(gfp_migratetype(GFP_KERNEL), MIGRATE_UNMOVABLE);
	assert_int_equal(gfp_migratetype(GFP_ATOMIC), MIGRATE_UNMOVABLE);
	assert_int_equal(gfp_migratetype(GFP_HIGHUSER), MIGRATE_UNMOVABLE);
	assert_int_equal(gfp_migratetype(GFP_HIGHUSER_MOVABLE), MIGRATE_MOVABLE);
	assert_int_equal(gfp_migratetype(GFP_KERNEL | __GFP_RECLAIMABLE), MIGRATE_RECLAIMABLE);
	assert_int_equal(__GFP_MOVABLE, 0x08u);
	assert_int_equal(__GFP_RECLAIMABLE, 0x10u);

	four_blocks();
	set_pageblock_migratetype(normal, B0, MIGRATE_UNMOVABLE);
	buddy_feed_range(B0, B1);
	assert_non_null(alloc_pages(GFP_KERNEL | __GFP_MOVABLE | __GFP_RECLAIMABLE, 0));
	host_log_expect("page_alloc: gfp 0xcd8 has both __GFP_MOVABLE and __GFP_RECLAIMABLE; allocating Unmovable");
	assert_int_equal(free_on(MIGRATE_UNMOVABLE), 1023);
}

/*
 * The free block of 2^order at pfn taken off the free lists by hand and
 * handed out as 2^order allocated order-0 pages: how the test gets pages
 * of a HighAtomic or Isolate pageblock, which no order-0 request takes.
 */
static void hand_out_pages(unsigned long pfn, unsigned int order)
{
	struct page *head = pfn_to_page(pfn);

	assert_true(PageBuddy(head) && head->order == order);
	list_del(&head->lru);
	normal->free_area[order].nr_free--;
	normal->free_pages -= 1UL << order;
	for (unsigned long i = 0; i < (1UL << order); i++)
		*pfn_to_page(pfn + i) = (struct page){ .flags = PG_head, ._refcount = 1 };
}

/* A refill lands on the requester's pcp list, a freed page on the list of its pageblock's type. */
static void test_pcp_lists_per_type(void **state)
{
	struct page *u, *m;

	(void)state;
	four_blocks();
	set_pageblock_migratetype(normal, B0, MIGRATE_UNMOVABLE);
	set_pageblock_migratetype(normal, B1, MIGRATE_MOVABLE);
	buddy_feed_range(B0, B2);
	zone_pcp(normal, 0)->high = 100;
	zone_pcp(normal, 0)->batch = 2;
	u = alloc_page(GFP_KERNEL);
	m = alloc_page(GFP_HIGHUSER_MOVABLE);
	assert_int_equal(page_to_pfn(u), B0);
	assert_int_equal(page_to_pfn(m), B1);
	assert_int_equal(zone_pcp(normal, 0)->count, 2);	/* the second page of each refill */
	assert_ptr_equal(zone_pcp(normal, 0)->lists[MIGRATE_UNMOVABLE].next, &(u + 1)->lru);
	assert_ptr_equal(zone_pcp(normal, 0)->lists[MIGRATE_MOVABLE].next, &(m + 1)->lru);
	__free_page(m);
	assert_ptr_equal(zone_pcp(normal, 0)->lists[MIGRATE_MOVABLE].next, &m->lru);
	__free_page(u);
	assert_ptr_equal(zone_pcp(normal, 0)->lists[MIGRATE_UNMOVABLE].next, &u->lru);
	assert_int_equal(zone_pcp(normal, 0)->count, 4);
	assert_int_equal(buddy_check(), 0);
	drain_all_pages();
	assert_int_equal(free_on(MIGRATE_UNMOVABLE), 1024);
	assert_int_equal(free_on(MIGRATE_MOVABLE), 1024);
	assert_int_equal(buddy_check(), 0);
}

/*
 * Linux's free_unref_page: a HighAtomic pageblock's page waits on the
 * Movable pcp list and goes back to the HighAtomic lists; an Isolate
 * pageblock's page bypasses the pcp.
 */
static void test_pcp_highatomic_and_isolate(void **state)
{
	(void)state;
	four_blocks();
	set_pageblock_migratetype(normal, B2, MIGRATE_HIGHATOMIC);
	set_pageblock_migratetype(normal, B3, MIGRATE_ISOLATE);
	buddy_feed_range(B2, B2 + 2);
	buddy_feed_range(B3, B3 + 2);
	hand_out_pages(B2, 1);
	hand_out_pages(B3, 1);
	zone_pcp(normal, 0)->high = 100;
	__free_page(pfn_to_page(B2));
	assert_ptr_equal(zone_pcp(normal, 0)->lists[MIGRATE_MOVABLE].next, &pfn_to_page(B2)->lru);
	__free_page(pfn_to_page(B2 + 1));
	assert_int_equal(zone_pcp(normal, 0)->count, 2);
	assert_int_equal(free_on(MIGRATE_HIGHATOMIC), 0);
	drain_all_pages();
	assert_int_equal(free_on(MIGRATE_HIGHATOMIC), 2);
	assert_int_equal(normal->free_area[1].nr_free, 1);
	__free_page(pfn_to_page(B3));
	assert_int_equal(zone_pcp(normal, 0)->count, 0);
	assert_int_equal(free_on(MIGRATE_ISOLATE), 1);
	__free_page(pfn_to_page(B3 + 1));
	assert_int_equal(free_on(MIGRATE_ISOLATE), 2);
	assert_int_equal(normal->free_area[1].nr_free, 2);
	assert_int_equal(buddy_check(), 0);
}

/* Boot marks every pageblock of the zones Movable (Linux's memmap_init) and feeds onto Movable's lists. */
static void test_boot_blocks_movable(void **state)
{
	unsigned long blocks = 0, free = 0;

	(void)state;
	mm_boot(SMALL_RAM, SMALL_VMALLOC);
	for (int zt = 0; zt < MAX_NR_ZONES; zt++) {
		const struct zone *z = &node_zones[zt];

		for (unsigned long pfn = z->zone_start_pfn; z->spanned_pages && pfn < zone_end_pfn(z); pfn += 1024) {
			assert_int_equal(get_pfnblock_migratetype(z, pfn), MIGRATE_MOVABLE);
			blocks++;
		}
		free += z->free_pages;
	}
	/* All 64 MiB, or without CONFIG_HIGHMEM only lowmem (the rest is dropped). */
	assert_int_equal(blocks, ((IS_ENABLED(CONFIG_HIGHMEM) ? SMALL_END : small_low_end_pfn()) - SMALL_FIRST) / 1024);
	assert_int_equal(free_on(MIGRATE_MOVABLE), normal->free_pages);
	assert_int_equal(free_on(MIGRATE_UNMOVABLE), 0);
	assert_int_equal(buddy_check(), 0);
}

/* buddy_check: a free block on the list of a type its pageblock does not allow is one report. */
static void test_check_finds_wrong_list(void **state)
{
	(void)state;
	four_blocks();
	set_pageblock_migratetype(normal, B0, MIGRATE_MOVABLE);
	set_pageblock_migratetype(normal, B1, MIGRATE_UNMOVABLE);
	buddy_feed_range(B0, B2);
	assert_int_equal(buddy_check(), 0);
	/* Movable pieces in an Unmovable pageblock: a fallback's state, permitted. */
	list_move(&pfn_to_page(B1)->lru, &normal->free_area[10].free_list[MIGRATE_MOVABLE]);
	assert_int_equal(buddy_check(), 0);
	set_pageblock_migratetype(normal, B0, MIGRATE_ISOLATE);
	host_log_clear();
	assert_int_equal(buddy_check(), 1);
	host_log_expect("buddy_check: Normal order 10: pfn 0x60000 on the Movable list but its pageblock is Isolate");
	set_pageblock_migratetype(normal, B0, MIGRATE_MOVABLE);
	list_move(&pfn_to_page(B1)->lru, &normal->free_area[10].free_list[MIGRATE_HIGHATOMIC]);
	host_log_clear();
	assert_int_equal(buddy_check(), 1);
	host_log_expect("buddy_check: Normal order 10: pfn 0x60400 on the HighAtomic list but its pageblock is Unmovable");
}

/*
 * /proc/pagetypeinfo's block table over RAM with a hole, ragged banks
 *   0x60000000 [128 MiB] 0x68000000 ..hole.. 0x80000000 [64 MiB] 0x84000000
 * all lowmem in every configuration: Normal spans 0x24000 pfns, 144
 * pageblocks.  Linux counts a pageblock only where its first pfn in the
 * zone has a struct page (pfn_to_online_page): every one under FLATMEM;
 * under SPARSEMEM (256 MiB sections) not the 64 of section 7, which has
 * no RAM, leaving section 6's 64 (half of them RAM) and section 8's 16.
 */
static void test_blockcount_skips_sparse_hole(void **state)
{
	static const unsigned long banks[][2] = { { 0x60000000, 128 * MiB }, { 0x80000000, 64 * MiB } };
	unsigned long want = IS_ENABLED(CONFIG_SPARSEMEM) ? 64 + 16 : 144, got = 0, n[MIGRATE_TYPES];
	char buf[4096];
	const char *row;
	struct seq s;

	(void)state;
	host_arch_reset();
	host_ram_setup(RAM_BASE, 0x84000000UL - RAM_BASE);
	memblock_reset();
	for (int i = 0; i < 2; i++)
		memblock_add(banks[i][0], banks[i][1]);
	memblock_reserve(KERNEL_RESV_BASE, KERNEL_RESV_END - KERNEL_RESV_BASE);
	zones_reset();
	adjust_lowmem_bounds(RAM_BASE, 0);
	mem_map_init();
	zones_init();
	buddy_feed_all();
	assert_int_equal(normal->spanned_pages, 0x24000);
	seq_init(&s, buf, sizeof(buf));
	pagetypeinfo_show(&s);
	row = strstr(buf, "Number of blocks type");
	row = row ? strstr(row, "Node 0, zone   Normal ") : NULL;
	assert_non_null(row);
	assert_int_equal(sscanf(row + strlen("Node 0, zone   Normal "), "%lu %lu %lu %lu %lu", &n[0], &n[1], &n[2],
				&n[3], &n[4]), 5);
	for (int t = 0; t < MIGRATE_TYPES; t++)
		got += n[t];
	if (got != want)
		fail_msg("%lu pageblocks counted, expected %lu:\n%s", got, want, buf);
	host_ram_teardown(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fallback_table),
		cmocka_unit_test(test_gfp_migratetype),
		cmocka_unit_test(test_pcp_lists_per_type),
		cmocka_unit_test(test_pcp_highatomic_and_isolate),
		cmocka_unit_test(test_boot_blocks_movable),
		cmocka_unit_test(test_check_finds_wrong_list),
		cmocka_unit_test(test_blockcount_skips_sparse_hole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
