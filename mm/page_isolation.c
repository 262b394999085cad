/*
 * Page isolation and contiguous ranges (Linux's mm/page_isolation.c and
 * alloc_contig_range in mm/page_alloc.c): pageblocks set to
 * MIGRATE_ISOLATE give nothing out (their free pages sit on the Isolate
 * lists, freed pages of theirs go there past the pcp lists), so that the
 * movable pages left in them can be migrated away and the whole range
 * taken.  Who may migrate: include/compaction.h.  Free pages on Isolate
 * lists still count in zone->free_pages (buddy_check's invariant), where
 * Linux takes them out of NR_FREE_PAGES.
 */
#include <compaction.h>
#include <gfp.h>
#include <mm.h>
#include <printk.h>
#include "internal.h"

/* Linux's has_unmovable_pages, for what exists here: a page that is neither free nor a movable user page. */
static bool pageblock_has_unmovable(const struct zone *z, unsigned long block)
{
	unsigned long pfn = max(block, z->zone_start_pfn), end = min(block + pageblock_nr_pages, zone_end_pfn(z));

	while (pfn < end) {
		const struct page *page = pfn_valid(pfn) ? pfn_to_page(pfn) : NULL;

		if (!page) {
			pfn++;
			continue;
		}
		if ((PageBuddy(page) || PagePcp(page)) && page->order < MAX_ORDER) {
			pfn += 1UL << page->order;
			continue;
		}
		if (page_movability(page) != MIGRATE_DONE)
			return true;
		pfn++;
	}
	return false;
}

/* [start_pfn, end_pfn): pageblock aligned, non-empty, in one zone; else one line and false. */
static bool range_ok(const char *who, unsigned long start_pfn, unsigned long end_pfn)
{
	const struct zone *z = pfn_valid(start_pfn) ? pfn_zone(start_pfn) : NULL;

	if (start_pfn >= end_pfn || ((start_pfn | end_pfn) & (pageblock_nr_pages - 1)) || !z ||
	    !zone_spans_pfn(z, start_pfn) || !zone_spans_pfn(z, end_pfn - 1)) {
		pr_err("%s: range 0x%lx-0x%lx refused: not whole pageblocks of one zone\n", who, start_pfn, end_pfn);
		return false;
	}
	return true;
}

void undo_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn, int migratetype)
{
	struct zone *z = pfn_zone(start_pfn);

	for (unsigned long b = start_pfn; b < end_pfn; b += pageblock_nr_pages)
		if (get_pfnblock_migratetype(z, b) == MIGRATE_ISOLATE)
			set_pageblock_type_and_move(z, b, migratetype);
}

int start_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn, int migratetype)
{
	struct zone *z;

	if (!range_ok("isolate", start_pfn, end_pfn))
		return -EINVAL;
	z = pfn_zone(start_pfn);
	for (unsigned long b = start_pfn; b < end_pfn; b += pageblock_nr_pages) {
		if (get_pfnblock_migratetype(z, b) == MIGRATE_ISOLATE || pageblock_has_unmovable(z, b)) {
			undo_isolate_page_range(start_pfn, b, migratetype);
			return -EBUSY;
		}
		set_pageblock_type_and_move(z, b, MIGRATE_ISOLATE);
	}
	drain_all_pages();	/* pcp pages of the range go to its Isolate lists */
	return 0;
}

int test_pages_isolated(unsigned long start_pfn, unsigned long end_pfn)
{
	const struct zone *z = pfn_zone(start_pfn);

	for (unsigned long pfn = start_pfn; pfn < end_pfn;) {
		const struct page *page = pfn_to_page(pfn);

		if (!PageBuddy(page) || get_pfnblock_migratetype(z, pfn) != MIGRATE_ISOLATE)
			return -EBUSY;
		pfn += 1UL << page->order;
	}
	return 0;
}

/* ---- contiguous ranges ---- */

static struct page *alloc_migration_target(void *priv)
{
	(void)priv;
	return alloc_page(GFP_HIGHUSER_MOVABLE);
}

static void free_migration_target(struct page *page, void *priv)
{
	(void)priv;
	__free_page(page);
}

/* Every movable page of the (isolated) range to pages outside it; -EBUSY if one stays. */
static int migrate_range(unsigned long start_pfn, unsigned long end_pfn)
{
	struct page *batch[32];
	struct migrate_stats st = { { 0 } };

	for (unsigned long pfn = start_pfn; pfn < end_pfn;) {
		unsigned long n = 0;

		for (; pfn < end_pfn && n < ARRAY_SIZE(batch); pfn++)
			if (pfn_valid(pfn) && page_movability(pfn_to_page(pfn)) == MIGRATE_DONE)
				batch[n++] = pfn_to_page(pfn);
		if (migrate_pages(batch, n, alloc_migration_target, free_migration_target, NULL, &st) != n)
			return -EBUSY;
	}
	return 0;
}

/* Every free block of the isolated range off the free lists: its pages allocated, order 0. */
static void take_range(unsigned long start_pfn, unsigned long end_pfn)
{
	struct zone *z = pfn_zone(start_pfn);
	struct list_head taken;

	INIT_LIST_HEAD(&taken);
	for (unsigned long pfn = start_pfn; pfn < end_pfn;) {
		unsigned long n = take_isolated_block(z, pfn_to_page(pfn), &taken);

		pfn += n ? n : 1;
	}
}

int alloc_contig_range(unsigned long start_pfn, unsigned long end_pfn, int migratetype)
{
	int err;

	if (!compaction_allowed()) {
		pr_warn("alloc_contig_range: refused on CPU %u (user pages move only under the big kernel lock)\n",
			smp_processor_id());
		return -EBUSY;
	}
	err = start_isolate_page_range(start_pfn, end_pfn, migratetype);
	if (err)
		return err;
	err = migrate_range(start_pfn, end_pfn);
	drain_all_pages();
	if (!err)
		err = test_pages_isolated(start_pfn, end_pfn);
	if (!err)
		take_range(start_pfn, end_pfn);
	undo_isolate_page_range(start_pfn, end_pfn, migratetype);
	return err;
}

void free_contig_range(unsigned long pfn, unsigned long nr_pages)
{
	for (unsigned long i = 0; i < nr_pages; i++)
		__free_page(pfn_to_page(pfn + i));
}
