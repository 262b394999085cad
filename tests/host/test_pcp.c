/*
 * The per-CPU lists of blocks up to PAGE_ALLOC_COSTLY_ORDER (mm/page_alloc.c,
 * struct per_cpu_pages in mm_types.h) against Linux 6.1's rules, written
 * out here: one list per order and type at index MIGRATE_PCPTYPES * order
 * + type (order_to_pindex); an empty list is refilled with batch >> order
 * blocks but at least 2, or 1 when batch is 1 (__rmqueue_pcplist); count
 * is in pages (count += 1 << order); at high, free_pcppages_bulk gives
 * back batch pages from the tail of the list just freed to, and only then
 * from the next lists; a block of an Isolate pageblock bypasses the lists
 * (free_unref_page).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>
#include <compaction.h>
#include "mm_boot.h"

static struct zone *normal = &node_zones[ZONE_NORMAL];

static int boot_small(void **state)
{
	(void)state;
	mm_boot(SMALL_RAM, SMALL_VMALLOC);
	host_log_clear();
	return 0;
}

static struct per_cpu_pages *pcp0(void)
{
	return zone_pcp(normal, 0);
}

/* The list Linux 6.1 keeps blocks of this order and type on. */
static struct list_head *pcp_list(unsigned int order, int mt)
{
	return &pcp0()->lists[MIGRATE_PCPTYPES * order + mt];
}

static unsigned long list_length(const struct list_head *head)
{
	unsigned long n = 0;

	for (const struct list_head *l = head->next; l != head; l = l->next)
		n++;
	return n;
}

/*
 * Refill sizes, Linux 6.1's: batch >> order blocks, at least 2, or 1 when
 * batch is 1 (the boot pageset's size).
 */
static const struct {
	unsigned long batch;
	unsigned long blocks[PAGE_ALLOC_COSTLY_ORDER + 1];	/* per order */
} refill_table[] = {
	{ 63, { 63, 31, 15, 7 } },
	{ 15, { 15, 7, 3, 2 } },
	{ 4, { 4, 2, 2, 2 } },
	{ 1, { 1, 1, 1, 1 } },
};

/*
 * Each order and batch of the table: one request refills the empty list
 * of its order and type with the table's blocks, hands out the first and
 * keeps the rest (count in pages); freeing the block puts it first on the
 * same list; a drain gives everything back, merged as at the start.
 */
static void test_refill_per_order(void **state)
{
	struct mm_snapshot boot;

	(void)state;
	drain_all_pages();
	mm_snap_buddyinfo(&boot);
	for (size_t i = 0; i < ARRAY_SIZE(refill_table); i++)
		for (unsigned int order = 1; order <= PAGE_ALLOC_COSTLY_ORDER; order++) {
			unsigned long blocks = refill_table[i].blocks[order], f = normal->free_pages;
			struct page *p;

			pcp0()->batch = refill_table[i].batch;
			pcp0()->high = ~0UL;
			p = alloc_pages(GFP_KERNEL, order);
			assert_non_null(p);
			assert_int_equal(p->order, order);
			assert_int_equal(normal->free_pages, f - (blocks << order));
			assert_int_equal(pcp0()->count, (blocks - 1) << order);
			assert_int_equal(list_length(pcp_list(order, MIGRATE_UNMOVABLE)), blocks - 1);
			for (unsigned int o = 0; o <= PAGE_ALLOC_COSTLY_ORDER; o++)
				if (o != order)
					assert_true(list_empty(pcp_list(o, MIGRATE_UNMOVABLE)));
			assert_int_equal(buddy_check(), 0);
			__free_pages(p, order);
			assert_ptr_equal(pcp_list(order, MIGRATE_UNMOVABLE)->next, &p->lru);
			assert_int_equal(p->flags, PG_pcp);
			assert_int_equal(p->order, order);
			assert_int_equal(pcp0()->count, blocks << order);
			assert_int_equal(buddy_check(), 0);
			drain_all_pages();
			assert_int_equal(pcp0()->count, 0);
			assert_buddyinfo_equal(&boot);
		}
	host_log_expect_empty();
}

/* A request of each type lands on its own type's list of the order. */
static void test_lists_per_type(void **state)
{
	struct page *u, *m;

	(void)state;
	drain_all_pages();
	pcp0()->batch = 4;
	pcp0()->high = ~0UL;
	u = alloc_pages(GFP_KERNEL, 2);
	m = alloc_pages(GFP_KERNEL | __GFP_MOVABLE, 2);
	assert_non_null(u);
	assert_non_null(m);
	assert_int_equal(list_length(pcp_list(2, MIGRATE_UNMOVABLE)), 1);
	assert_int_equal(list_length(pcp_list(2, MIGRATE_MOVABLE)), 1);
	__free_pages(m, 2);
	__free_pages(u, 2);
	assert_int_equal(list_length(pcp_list(2, MIGRATE_UNMOVABLE)), 2);
	assert_int_equal(list_length(pcp_list(2, MIGRATE_MOVABLE)), 2);
	assert_int_equal(pcp0()->count, 16);
	assert_int_equal(buddy_check(), 0);
}

/*
 * free_pcppages_bulk: three order-0 pages and two order-1 blocks wait
 * (7 pages); with high 8 and batch 3, freeing a third order-1 block (9
 * pages) gives back 3 pages starting with the order-1 list's coldest:
 * its two older blocks (4 pages, the last one finishing the batch), and
 * nothing of the order-0 list, which comes before it in index order.
 */
static void test_give_back_starts_at_the_list_freed_to(void **state)
{
	struct page *p[3], *b[3];

	(void)state;
	drain_all_pages();
	pcp0()->batch = 1;	/* refills of one block: nothing waits on the lists but what is freed */
	pcp0()->high = ~0UL;
	for (int i = 0; i < 3; i++) {
		assert_non_null(p[i] = alloc_pages(GFP_KERNEL, 0));
		assert_non_null(b[i] = alloc_pages(GFP_KERNEL, 1));
	}
	assert_int_equal(pcp0()->count, 0);
	for (int i = 0; i < 3; i++)
		__free_pages(p[i], 0);
	__free_pages(b[0], 1);
	__free_pages(b[1], 1);
	assert_int_equal(pcp0()->count, 7);
	pcp0()->high = 8;
	pcp0()->batch = 3;
	__free_pages(b[2], 1);
	assert_int_equal(pcp0()->count, 5);
	assert_false(PagePcp(b[0]));
	assert_false(PagePcp(b[1]));
	assert_true(PagePcp(b[2]));
	for (int i = 0; i < 3; i++)
		assert_true(PagePcp(p[i]));
	assert_int_equal(list_length(pcp_list(1, MIGRATE_UNMOVABLE)), 1);
	assert_int_equal(list_length(pcp_list(0, MIGRATE_UNMOVABLE)), 3);
	assert_int_equal(buddy_check(), 0);
}

/* The pageblock of pfn: every page free or part of the block at [pfn, pfn + 2^order). */
static bool pageblock_free_but(unsigned long pfn, unsigned int order)
{
	unsigned long start = pfn & ~(pageblock_nr_pages - 1);

	for (unsigned long q = start; q < start + pageblock_nr_pages;) {
		const struct page *pg = pfn_to_page(q);

		if (q == pfn) {
			q += 1UL << order;
		} else if (PageBuddy(pg) || PagePcp(pg)) {
			q += 1UL << pg->order;
		} else {
			return false;
		}
	}
	return true;
}

/*
 * A block of an Isolate pageblock bypasses the pcp lists when freed; an
 * order-2 block waiting on a pcp list is free, so isolating its pageblock
 * succeeds and the drain puts the block on the Isolate lists.  The blocks
 * are taken until two land in a pageblock with nothing else allocated.
 */
static void test_isolation_and_pcp_blocks(void **state)
{
	struct list_head held;
	struct page *p = NULL, *q = NULL;
	unsigned long start = 0;

	(void)state;
	drain_all_pages();
	pcp0()->batch = 1;
	pcp0()->high = ~0UL;
	INIT_LIST_HEAD(&held);
	for (int i = 0; i < 4096 && !q; i++) {
		struct page *a = alloc_pages(GFP_KERNEL | __GFP_MOVABLE, 2);

		assert_non_null(a);
		if (p && page_to_pfn(a) == page_to_pfn(p) + 4 && pageblock_free_but(page_to_pfn(p), 3)) {
			q = a;
			break;
		}
		if (p)
			list_add(&p->lru, &held);
		p = a;
	}
	assert_non_null(q);
	start = page_to_pfn(p) & ~(pageblock_nr_pages - 1);
	__free_pages(p, 2);
	assert_true(PagePcp(p));
	set_pageblock_type_and_move(normal, start, MIGRATE_ISOLATE);
	__free_pages(q, 2);
	assert_false(PagePcp(q));
	assert_true(PageBuddy(q));
	assert_int_equal(pcp0()->count, 4);
	set_pageblock_type_and_move(normal, start, MIGRATE_MOVABLE);
	compaction_reset();
	assert_int_equal(start_isolate_page_range(start, start + pageblock_nr_pages, MIGRATE_MOVABLE), 0);
	assert_false(PagePcp(p));
	assert_int_equal(pcp0()->count, 0);
	assert_int_equal(test_pages_isolated(start, start + pageblock_nr_pages), 0);
	undo_isolate_page_range(start, start + pageblock_nr_pages, MIGRATE_MOVABLE);
	while (!list_empty(&held)) {
		struct page *h = list_first_entry(&held, struct page, lru);

		list_del(&h->lru);
		__free_pages(h, 2);
	}
	assert_int_equal(buddy_check(), 0);
}

/* A count its lists do not bear out is said once and set to 0 by the next give-back: no endless loop. */
static void test_count_without_blocks(void **state)
{
	(void)state;
	drain_all_pages();
	pcp0()->count = 5;
	drain_all_pages();
	host_log_expect("page_alloc: Normal pageset counts 5 pages its lists do not hold; count set to 0");
	assert_int_equal(pcp0()->count, 0);
	assert_int_equal(buddy_check(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_refill_per_order, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_lists_per_type, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_give_back_starts_at_the_list_freed_to, boot_small,
						host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_isolation_and_pcp_blocks, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_count_without_blocks, boot_small, host_ram_teardown),
	};

	return cmocka_run_group_tests_name("pcp", tests, NULL, NULL);
}
