/*
 * The HighAtomic reserve, against Linux 6.1's rules (mm/page_alloc.c:
 * reserve_highatomic_pageblock, __zone_watermark_unusable_free and
 * __zone_watermark_ok, unreserve_highatomic_pageblock and its two callers),
 * written out here rather than taken from our code:
 * - only the slow path gives a request ALLOC_HARDER (gfp_to_alloc_flags,
 *   for __GFP_ATOMIC); when such a request of order > 0 is served, the
 *   pageblock it came from becomes HighAtomic with all its free pages,
 *   if it is Unmovable, Movable or Reclaimable and the zone reserves
 *   fewer than max_managed = managed / 100 + pageblock_nr_pages pages;
 *   each reserved pageblock counts pageblock_nr_pages (1024);
 * - without ALLOC_HARDER the reserved pages are not free for the mark
 *   (free - nr_reserved_highatomic), and for order > 0 a free block on the
 *   HighAtomic lists does not count as one the request could take;
 * - an ALLOC_HARDER request of order > 0 looks at the HighAtomic lists
 *   first; nobody falls back to them;
 * - direct reclaim that frees nothing gives one HighAtomic pageblock back
 *   (to the request's type, with its free pages; the first free block on
 *   the HighAtomic lists, smallest order first, names it), but leaves a
 *   zone its last one, then tries again; once the retries run out
 *   (should_reclaim_retry) the last one goes too (force), and again the
 *   request is tried.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "mm_boot.h"
#include "../../mm/internal.h"

static struct zone *normal = &node_zones[ZONE_NORMAL];

/* Four pageblocks of ZONE_NORMAL, Movable, all free: 4096 managed pages. */
#define B0	0x60000UL
#define B1	0x60400UL
#define B2	0x60800UL
#define B3	0x60c00UL
#define NBLOCKS	4
#define BLOCK	1024UL

/* Linux's max_managed for this zone: 4096 / 100 + 1024. */
#define MAX_RESERVED	(4096UL / 100 + BLOCK)

static struct page map[NBLOCKS * BLOCK];

/*
 * The zone fed whole; low (and high) mark above every count, min 0: the
 * fast path refuses everything, so each request shows the slow path's
 * choice, as it would in a zone below its low mark.
 */
static void four_free_blocks(void)
{
	memblock_reset();
	zones_reset();
	mem_map_setup(map, B0, B0 + NBLOCKS * BLOCK);
	normal->zone_start_pfn = B0;
	normal->spanned_pages = normal->present_pages = NBLOCKS * BLOCK;
	for (unsigned long b = 0; b < NBLOCKS; b++)
		set_pageblock_migratetype(normal, B0 + b * BLOCK, MIGRATE_MOVABLE);
	buddy_feed_range(B0, B0 + NBLOCKS * BLOCK);
	normal->_watermark[WMARK_MIN] = 0;
	normal->_watermark[WMARK_LOW] = normal->_watermark[WMARK_HIGH] = 100000;
	host_log_clear();
}

static void set_marks(unsigned long min, unsigned long low)
{
	normal->_watermark[WMARK_MIN] = min;
	normal->_watermark[WMARK_LOW] = normal->_watermark[WMARK_HIGH] = low;
}

static int block_type(unsigned long pfn)
{
	return get_pfnblock_migratetype(normal, pfn);
}

/* Free pages on the HighAtomic lists, counted from the lists. */
static unsigned long free_highatomic(void)
{
	unsigned long n = 0;

	for (unsigned int o = 0; o < MAX_ORDER; o++)
		for (struct list_head *l = normal->free_area[o].free_list[MIGRATE_HIGHATOMIC].next;
		     l != &normal->free_area[o].free_list[MIGRATE_HIGHATOMIC]; l = l->next)
			n += 1UL << o;
	return n;
}

/* /proc/pagetypeinfo's Normal row of "Number of blocks type", Linux's "%12lu " per type. */
static void expect_block_counts(unsigned long u, unsigned long m, unsigned long r, unsigned long h)
{
	char buf[4096], want[160];
	struct seq s;

	seq_init(&s, buf, sizeof(buf));
	pagetypeinfo_show(&s);
	snprintf(want, sizeof(want), "Node 0, zone   Normal %12lu %12lu %12lu %12lu %12lu \n", u, m, r, h, 0UL);
	if (!strstr(buf, want))
		fail_msg("pagetypeinfo has no line \"%s\":\n%s", want, buf);
}

/*
 * Three GFP_ATOMIC order-10 requests, each a whole pageblock through the
 * slow path (most recently fed first: B3, B2, B1).  Before each, the zone
 * reserves 0, 1024 and 2048 pages against MAX_RESERVED (1064): the first
 * two reserve their pageblock, the third stays Unmovable (its request's
 * type, taken over as a whole pageblock).
 */
static const struct {
	unsigned long pfn;		/* the block served */
	int type;			/* its pageblock's type after */
	unsigned long reserved;		/* nr_reserved_highatomic after */
} atomic_rows[] = {
	{ B3, MIGRATE_HIGHATOMIC, BLOCK },
	{ B2, MIGRATE_HIGHATOMIC, 2 * BLOCK },
	{ B1, MIGRATE_UNMOVABLE, 2 * BLOCK },
};

static struct page *atomic_pages[3];

static void reserve_two_blocks(void)
{
	_Static_assert(BLOCK < MAX_RESERVED && 2 * BLOCK >= MAX_RESERVED, "the table's limit");
	four_free_blocks();
	for (size_t i = 0; i < 3; i++) {
		struct page *page = alloc_pages(GFP_ATOMIC, 10);

		if (!page || page_to_pfn(page) != atomic_rows[i].pfn)
			fail_msg("request %zu: got pfn 0x%lx, expected 0x%lx", i, page ? page_to_pfn(page) : 0UL,
				 atomic_rows[i].pfn);
		if (block_type(atomic_rows[i].pfn) != atomic_rows[i].type ||
		    normal->nr_reserved_highatomic != atomic_rows[i].reserved)
			fail_msg("request %zu: pageblock type %d, %lu reserved; expected %d, %lu", i,
				 block_type(atomic_rows[i].pfn), normal->nr_reserved_highatomic,
				 atomic_rows[i].type, atomic_rows[i].reserved);
		atomic_pages[i] = page;
	}
}

/* A high-order GFP_ATOMIC request reserves its pageblock; the limit stops the third. */
static void test_reserve_and_limit(void **state)
{
	(void)state;
	reserve_two_blocks();
	expect_block_counts(1, 1, 0, 2);
	assert_int_equal(buddy_check(), 0);
	/* Freed, the reserved blocks go back onto the HighAtomic lists and stay reserved. */
	__free_pages(atomic_pages[0], 10);
	__free_pages(atomic_pages[1], 10);
	assert_int_equal(free_highatomic(), 2 * BLOCK);
	assert_int_equal(normal->nr_reserved_highatomic, 2 * BLOCK);
	expect_block_counts(1, 1, 0, 2);
	assert_int_equal(buddy_check(), 0);
}

/* Order 0 or a request through the fast path (no ALLOC_HARDER) reserves nothing. */
static void test_no_reserve_without_harder_or_order(void **state)
{
	(void)state;
	four_free_blocks();
	assert_non_null(alloc_pages(GFP_ATOMIC, 0));
	assert_int_equal(normal->nr_reserved_highatomic, 0);
	set_marks(0, 0);
	assert_non_null(alloc_pages(GFP_ATOMIC, 1));
	assert_int_equal(normal->nr_reserved_highatomic, 0);
	expect_block_counts(1, 3, 0, 0);
}

/*
 * 3072 free pages, 2048 of them in the two reserved pageblocks: with the
 * mark at 1500, a request without ALLOC_HARDER counts 3072 - 2048 = 1024
 * and fails; ALLOC_HARDER counts 3072 against 1500 - 1500 / 4 = 1125 and
 * passes.
 */
static void test_watermark_leaves_the_reserve_out(void **state)
{
	(void)state;
	reserve_two_blocks();
	__free_pages(atomic_pages[0], 10);
	__free_pages(atomic_pages[1], 10);
	assert_false(zone_watermark_ok(normal, 0, 1500, ZONE_NORMAL, ALLOC_WMARK_MIN));
	assert_true(zone_watermark_ok(normal, 0, 1500, ZONE_NORMAL, ALLOC_WMARK_MIN | ALLOC_HARDER));
	/* 1023 would pass with 1024 counted: the reserve is the difference. */
	assert_true(zone_watermark_ok(normal, 0, 1023, ZONE_NORMAL, ALLOC_WMARK_MIN));
	assert_false(zone_watermark_ok(normal, 0, 1024, ZONE_NORMAL, ALLOC_WMARK_MIN));
	/* A request that may not reclaim gets nothing at that mark. */
	set_marks(1500, 1500);
	assert_null(alloc_pages(__GFP_KSWAPD_RECLAIM, 1));
	assert_int_equal(normal->nr_reserved_highatomic, 2 * BLOCK);
}

/*
 * For order > 0, a free block on the HighAtomic lists is one only an
 * ALLOC_HARDER request may count.  The pageblock is set HighAtomic by
 * hand, so nothing is reserved and the free count passes either way.
 */
static void test_watermark_block_on_highatomic_list(void **state)
{
	(void)state;
	memblock_reset();
	zones_reset();
	mem_map_setup(map, B0, B0 + NBLOCKS * BLOCK);
	normal->zone_start_pfn = B0;
	normal->spanned_pages = normal->present_pages = NBLOCKS * BLOCK;
	set_pageblock_migratetype(normal, B0, MIGRATE_HIGHATOMIC);
	buddy_feed_range(B0, B0 + 4);
	assert_false(zone_watermark_ok(normal, 1, 0, ZONE_NORMAL, ALLOC_WMARK_MIN));
	assert_true(zone_watermark_ok(normal, 1, 0, ZONE_NORMAL, ALLOC_WMARK_MIN | ALLOC_HARDER));
	assert_true(zone_watermark_ok(normal, 0, 0, ZONE_NORMAL, ALLOC_WMARK_MIN));
}

/*
 * GFP_ATOMIC order 4 below the low mark: from the reserve first (B2, the
 * last freed), though B0 has blocks (Linux 6.1's rmqueue_buddy).  Order 1
 * is served from a pcp list, whose refill takes the request's own type
 * and never the reserve (Linux 6.1's rmqueue_pcplist, tried first for
 * orders up to PAGE_ALLOC_COSTLY_ORDER).
 */
static void test_atomic_takes_from_the_reserve(void **state)
{
	struct page *page, *small;

	(void)state;
	reserve_two_blocks();
	__free_pages(atomic_pages[0], 10);
	__free_pages(atomic_pages[1], 10);
	set_marks(1500, 1500);
	page = alloc_pages(GFP_ATOMIC, 4);
	assert_non_null(page);
	assert_int_equal(page_to_pfn(page), B2);
	assert_int_equal(free_highatomic(), 2 * BLOCK - 16);
	assert_int_equal(normal->nr_reserved_highatomic, 2 * BLOCK);
	small = alloc_pages(GFP_ATOMIC, 1);
	assert_non_null(small);
	assert_true(page_to_pfn(small) < B1);
	assert_int_equal(free_highatomic(), 2 * BLOCK - 16);
	assert_int_equal(buddy_check(), 0);
}

/*
 * GFP_KERNEL order 1 at mark 1500 counts 1024 and fails the zone; direct
 * reclaim then gives the first HighAtomic pageblock found (B2, the last
 * freed, at the head of the order-10 list) back as Unmovable, the zone
 * keeps B3 reserved, and the request, tried again with 2048 counted, is
 * served from B2.  Compaction is kept out (as when user mappings may
 * change): its own retry would hide a missing one after the give-back.
 */
static void test_unreserve_before_failing(void **state)
{
	struct page *page;

	(void)state;
	reserve_two_blocks();
	__free_pages(atomic_pages[0], 10);
	__free_pages(atomic_pages[1], 10);
	set_marks(1500, 1500);
	host_user_mappings_stable = false;
	page = alloc_pages(GFP_KERNEL, 1);
	host_user_mappings_stable = true;
	assert_non_null(page);
	assert_int_equal(page_to_pfn(page), B2);
	assert_int_equal(block_type(B2), MIGRATE_UNMOVABLE);
	assert_int_equal(block_type(B3), MIGRATE_HIGHATOMIC);
	assert_int_equal(normal->nr_reserved_highatomic, BLOCK);
	assert_int_equal(free_highatomic(), BLOCK);
	expect_block_counts(2, 1, 0, 1);
	assert_int_equal(buddy_check(), 0);
}

/*
 * One pageblock reserved: without force it stays, with force it goes
 * back (to the type asked for) and the reserve is empty; with nothing on
 * the HighAtomic lists there is nothing to give.
 */
static void test_unreserve_force_keeps_none(void **state)
{
	(void)state;
	reserve_two_blocks();
	__free_pages(atomic_pages[0], 10);
	__free_pages(atomic_pages[1], 10);
	assert_true(unreserve_highatomic_pageblock(ZONE_NORMAL, MIGRATE_MOVABLE, false));
	assert_int_equal(normal->nr_reserved_highatomic, BLOCK);
	assert_int_equal(block_type(B2), MIGRATE_MOVABLE);
	assert_false(unreserve_highatomic_pageblock(ZONE_NORMAL, MIGRATE_MOVABLE, false));
	assert_int_equal(block_type(B3), MIGRATE_HIGHATOMIC);
	assert_int_equal(normal->nr_reserved_highatomic, BLOCK);
	assert_true(unreserve_highatomic_pageblock(ZONE_NORMAL, MIGRATE_RECLAIMABLE, true));
	assert_int_equal(block_type(B3), MIGRATE_RECLAIMABLE);
	assert_int_equal(normal->nr_reserved_highatomic, 0);
	assert_int_equal(free_highatomic(), 0);
	assert_false(unreserve_highatomic_pageblock(ZONE_NORMAL, MIGRATE_MOVABLE, true));
	expect_block_counts(1, 2, 1, 0);
	assert_int_equal(buddy_check(), 0);
}

/*
 * Only B3 reserved, and it alone free: GFP_KERNEL order 0 fails every
 * mark (1024 free, all reserved), direct reclaim leaves the zone its last
 * reserved pageblock, and only the forced give-back, once the retries
 * have run out, lets the request be served - from B3, now Unmovable.
 */
static void test_force_before_failing(void **state)
{
	struct page *atomic, *page;

	(void)state;
	four_free_blocks();
	atomic = alloc_pages(GFP_ATOMIC, 10);
	assert_non_null(atomic);
	assert_int_equal(normal->nr_reserved_highatomic, BLOCK);
	/*
	 * The reserve counts a whole pageblock even while its pages are
	 * allocated: with B3 taken, 2048 free count as 1024, 1024 as none.
	 */
	assert_non_null(alloc_pages(GFP_KERNEL, 10));
	assert_non_null(alloc_pages(GFP_KERNEL, 10));
	assert_null(alloc_pages(GFP_KERNEL, 10));
	__free_pages(atomic, 10);
	assert_non_null(alloc_pages(GFP_KERNEL, 10));
	assert_int_equal(normal->free_pages, BLOCK);
	assert_int_equal(free_highatomic(), BLOCK);
	assert_null(alloc_pages(__GFP_KSWAPD_RECLAIM, 0));	/* may not reclaim: the reserve stays */
	assert_int_equal(normal->nr_reserved_highatomic, BLOCK);
	page = alloc_pages(GFP_KERNEL, 0);
	assert_non_null(page);
	assert_int_equal(page_to_pfn(page), B3);
	assert_int_equal(block_type(B3), MIGRATE_UNMOVABLE);
	assert_int_equal(normal->nr_reserved_highatomic, 0);
	assert_int_equal(buddy_check(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reserve_and_limit),
		cmocka_unit_test(test_no_reserve_without_harder_or_order),
		cmocka_unit_test(test_watermark_leaves_the_reserve_out),
		cmocka_unit_test(test_watermark_block_on_highatomic_list),
		cmocka_unit_test(test_atomic_takes_from_the_reserve),
		cmocka_unit_test(test_unreserve_before_failing),
		cmocka_unit_test(test_unreserve_force_keeps_none),
		cmocka_unit_test(test_force_before_failing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
