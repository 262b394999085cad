/*
 * Self-tests of page isolation on the real machine (kernel only; the
 * migration of user pages is tested on the host in tests/host/test_rmap.c
 * and from user space by tests/boot/cases_compact.py): a free pageblock
 * taken whole by alloc_contig_range and given back, an isolated pageblock
 * giving nothing out, and the kernel image's pageblock kept out of isolation.
 */
#include <compaction.h>
#include <gfp.h>
#include <mm.h>
#include <selftest.h>
#include "internal.h"

/* The highest pageblock of z that is one free Movable block, or 0 if none. */
static unsigned long free_movable_block(struct zone *z)
{
	drain_all_pages();
	for (unsigned long b = ALIGN_DOWN(zone_end_pfn(z), pageblock_nr_pages); b >= pageblock_nr_pages + z->zone_start_pfn;) {
		const struct page *page;

		b -= pageblock_nr_pages;
		page = pfn_valid(b) ? pfn_to_page(b) : NULL;
		if (page && PageBuddy(page) && page->order == pageblock_order &&
		    get_pfnblock_migratetype(z, b) == MIGRATE_MOVABLE)
			return b;
	}
	return 0;
}

static int ktest_contig_free_block(void)
{
	struct zone *z = &node_zones[ZONE_NORMAL];
	unsigned long b = free_movable_block(z), free_before = nr_free_pages(), bad = 0;

	KT_EXPECT(b, "no free Movable pageblock in Normal");
	if (!b)
		return 0;
	if (alloc_contig_range(b, b + pageblock_nr_pages, MIGRATE_MOVABLE)) {
		KT_EXPECT(0, "pageblock 0x%lx not taken", b);
		return 0;	/* nothing of it is ours to free */
	}
	for (unsigned long pfn = b; pfn < b + pageblock_nr_pages; pfn++)
		bad += pfn_to_page(pfn)->flags != PG_head || page_ref_count(pfn_to_page(pfn)) != 1;
	KT_EXPECT(!bad, "%lu pages of 0x%lx not allocated order-0 pages", bad, b);
	KT_EXPECT(nr_free_pages() == free_before - pageblock_nr_pages, "free pages %lu, want %lu", nr_free_pages(),
		  free_before - pageblock_nr_pages);
	KT_EXPECT(get_pfnblock_migratetype(z, b) == MIGRATE_MOVABLE, "pageblock 0x%lx not Movable again", b);
	free_contig_range(b, pageblock_nr_pages);
	KT_EXPECT(nr_free_pages() == free_before, "free pages %lu, want %lu", nr_free_pages(), free_before);
	KT_EXPECT(buddy_check() == 0, "buddy invariants broken");
	return 0;
}
KTEST(compaction_contig_free_block, ktest_contig_free_block);

/* While isolated, a free pageblock gives none of its pages to order-0 requests that drain the rest. */
static int ktest_isolated_block_gives_nothing(void)
{
	struct zone *z = &node_zones[ZONE_NORMAL];
	unsigned long b = free_movable_block(z), inside = 0;
	struct list_head pages;
	struct page *page;

	KT_EXPECT(b, "no free Movable pageblock in Normal");
	if (!b)
		return 0;
	KT_EXPECT(start_isolate_page_range(b, b + pageblock_nr_pages, MIGRATE_MOVABLE) == 0, "0x%lx not isolated", b);
	KT_EXPECT(test_pages_isolated(b, b + pageblock_nr_pages) == 0, "0x%lx: a page is not free and isolated", b);
	INIT_LIST_HEAD(&pages);
	for (unsigned long i = 0; i < 4 * pageblock_nr_pages && (page = alloc_page(GFP_KERNEL | __GFP_MOVABLE)); i++) {
		inside += page_to_pfn(page) >= b && page_to_pfn(page) < b + pageblock_nr_pages;
		list_add(&page->lru, &pages);
	}
	KT_EXPECT(!inside, "%lu pages handed out of the isolated pageblock 0x%lx", inside, b);
	while (!list_empty(&pages)) {
		page = list_first_entry(&pages, struct page, lru);
		list_del(&page->lru);
		__free_page(page);
	}
	undo_isolate_page_range(b, b + pageblock_nr_pages, MIGRATE_MOVABLE);
	KT_EXPECT(get_pfnblock_migratetype(z, b) == MIGRATE_MOVABLE, "pageblock 0x%lx not Movable again", b);
	KT_EXPECT(buddy_check() == 0, "buddy invariants broken");
	return 0;
}
KTEST(compaction_isolated_block_gives_nothing, ktest_isolated_block_gives_nothing);

/* The kernel image is no one's to move: its pageblock cannot be isolated, and its type stays. */
static int ktest_kernel_block_kept(void)
{
	static int in_the_image;
	unsigned long pfn = page_to_pfn(virt_to_page(&in_the_image));
	unsigned long b = ALIGN_DOWN(pfn, pageblock_nr_pages);
	struct zone *z = pfn_zone(pfn);
	int mt = get_pfnblock_migratetype(z, b);

	if (b < z->zone_start_pfn)
		return 0;	/* a partial first pageblock: not a whole pageblock of the zone */
	KT_EXPECT(start_isolate_page_range(b, b + pageblock_nr_pages, MIGRATE_MOVABLE) == -EBUSY,
		  "the kernel's pageblock 0x%lx was isolated", b);
	KT_EXPECT(get_pfnblock_migratetype(z, b) == mt, "its type changed from %d to %d", mt,
		  get_pfnblock_migratetype(z, b));
	return 0;
}
KTEST(compaction_kernel_block_kept, ktest_kernel_block_kept);
