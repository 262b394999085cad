/*
 * Memory compaction (Linux's mm/compaction.c, synchronous mode only): per
 * zone, a migration scanner walks up from the zone's first pfn choosing
 * movable in-use pages, a free scanner walks down from the last pageblock
 * taking free pages as targets, and page migration (mm/migrate.c) moves
 * the first into the second until the scanners meet:
 *
 *   zone_start_pfn                                              zone_end_pfn
 *   |U.U.U.U.U.U.U.U|U.U.U.U.U.U.U.U|U.U.U.U.U.U.U.U|U.U.U.U.U.U.U.U|
 *    migrate_pfn -->                                <-- free_pfn (pageblocks)
 *   afterwards:
 *   |...............|...............|UUUUUUUUUUUUUUU|UUUUUUUUUUUUUUU|
 *     free, merged into large blocks   full
 *
 * Triggers: /proc/sys/vm/compact_memory (compact_nodes: every zone, to the
 * end) and direct compaction from the allocator's slow path
 * (try_to_compact_pages: until a block of the order is free).  Who may run
 * it: include/compaction.h.
 */
#include <compaction.h>
#include <sched.h>
#include <gfp.h>
#include <mm.h>
#include <printk.h>
#include <smp.h>
#include "internal.h"

/* Pages migrated per round (Linux's COMPACT_CLUSTER_MAX, SWAP_CLUSTER_MAX). */
#define COMPACT_CLUSTER_MAX	32

struct compact_control {
	struct zone *zone;
	int order;			/* the block wanted; -1: compact until the scanners meet */
	unsigned long migrate_pfn;	/* the migration scanner's next pfn */
	unsigned long free_pfn;		/* the first pfn of the lowest pageblock the free scanner has scanned */
	struct page *migratepages[COMPACT_CLUSTER_MAX];	/* chosen by the migration scanner */
	unsigned long nr_migratepages;
	struct list_head freepages;	/* isolated free pages (order 0, allocated state), linked by lru */
	unsigned long nr_freepages;
	struct migrate_stats st;
};

static bool compacting;	/* set while compaction runs: it must not start again from inside itself */

struct migrate_stats compact_skipped;

bool compaction_allowed(void)
{
	return user_mappings_stable() && !compacting;	/* so compacting is written by one CPU at a time */
}

/* ---- the migration scanner ---- */

/* Pages to step over at pfn: a free or allocated block's size, else 1 (a stale order is ignored). */
static unsigned long block_pages(const struct page *page, unsigned long pfn)
{
	unsigned int order = page->order;

	if (!(page->flags & (PG_buddy | PG_head)) || order >= MAX_ORDER || (pfn & ((1UL << order) - 1)))
		return 1;
	return 1UL << order;
}

/* Choose up to COMPACT_CLUSTER_MAX movable pages from migrate_pfn up, below the free scanner. */
static void isolate_migratepages(struct compact_control *cc)
{
	unsigned long end = min(cc->free_pfn, zone_end_pfn(cc->zone));

	while (cc->migrate_pfn < end && cc->nr_migratepages < COMPACT_CLUSTER_MAX) {
		unsigned long pfn = cc->migrate_pfn;
		enum migrate_result why;
		struct page *page;

		if (!pfn_valid(pfn)) {
			cc->migrate_pfn++;
			continue;
		}
		page = pfn_to_page(pfn);
		compact_events[COMPACTMIGRATE_SCANNED]++;
		cc->migrate_pfn += block_pages(page, pfn);
		why = page_movability(page);
		if (why == MIGRATE_DONE) {
			cc->migratepages[cc->nr_migratepages++] = page;
			compact_events[COMPACTISOLATED]++;
		} else if (PageHead(page)) {
			compact_skipped.count[why]++;	/* an allocated block left where it is, and why */
		}
	}
}

/* ---- the free scanner ---- */

/*
 * Linux's suitable_migration_target: only Movable pageblocks receive
 * pages, so that compaction does not spread movable pages into the
 * blocks kept for others.
 */
static bool suitable_migration_target(const struct zone *z, unsigned long pfn)
{
	return get_pfnblock_migratetype(z, pfn) == MIGRATE_MOVABLE;
}

/* Every free block of the pageblock at block smaller than a pageblock onto cc->freepages. */
static void isolate_freepages_block(struct compact_control *cc, unsigned long block)
{
	struct zone *z = cc->zone;
	unsigned long pfn = max(block, z->zone_start_pfn), end = min(block + pageblock_nr_pages, zone_end_pfn(z));

	while (pfn < end) {
		struct page *page;
		unsigned long n = 0;

		if (!pfn_valid(pfn)) {
			pfn++;
			continue;
		}
		page = pfn_to_page(pfn);
		compact_events[COMPACTFREE_SCANNED]++;
		/* A whole free pageblock is what compaction makes: never broken up for targets (Linux's rule). */
		if (PageBuddy(page) && page->order < pageblock_order)
			n = isolate_free_block(z, page, page->order, &cc->freepages);
		cc->nr_freepages += n;
		compact_events[COMPACTISOLATED] += n;
		pfn += n ? n : block_pages(page, pfn);
	}
}

/* Whether the free scanner may take the pageblock at block: strictly above the migration scanner's. */
static bool free_block_allowed(const struct compact_control *cc, unsigned long block)
{
	return (block >> pageblock_order) > (cc->migrate_pfn >> pageblock_order);
}

/* Free pages for every chosen page, pageblock by pageblock from the top down, until the scanners meet. */
static void isolate_freepages(struct compact_control *cc)
{
	while (cc->nr_freepages < cc->nr_migratepages) {
		unsigned long block = cc->free_pfn - pageblock_nr_pages;

		if (cc->free_pfn < pageblock_nr_pages || !free_block_allowed(cc, block))
			return;
		cc->free_pfn = block;
		if (suitable_migration_target(cc->zone, max(block, cc->zone->zone_start_pfn)))
			isolate_freepages_block(cc, block);
	}
}

static struct page *compaction_alloc(void *priv)
{
	struct compact_control *cc = priv;
	struct page *page;

	if (list_empty(&cc->freepages))
		return NULL;
	page = list_first_entry(&cc->freepages, struct page, lru);
	list_del(&page->lru);
	cc->nr_freepages--;
	return page;
}

static void compaction_free(struct page *page, void *priv)
{
	struct compact_control *cc = priv;

	list_add(&page->lru, &cc->freepages);
	cc->nr_freepages++;
}

/* The free pages not used go back to the allocator. */
static void release_freepages(struct compact_control *cc)
{
	while (!list_empty(&cc->freepages))
		__free_pages(compaction_alloc(cc), 0);
}

/* ---- one zone ---- */

/* Whether the zone has a free block of order or more on a list an allocation may take from. */
static bool zone_has_free_block(const struct zone *z, unsigned int order)
{
	for (unsigned int o = order; o < MAX_ORDER; o++)
		for (int t = 0; t < MIGRATE_PCPTYPES; t++)
			if (!list_empty(&z->free_area[o].free_list[t]))
				return true;
	return false;
}

static bool compact_finished(const struct compact_control *cc)
{
	if (cc->migrate_pfn >= zone_end_pfn(cc->zone) || !free_block_allowed(cc, cc->free_pfn))
		return true;	/* the scanners met (Linux's COMPACT_COMPLETE) */
	return cc->order >= 0 && zone_has_free_block(cc->zone, (unsigned int)cc->order);
}

/*
 * Compact z until the scanners meet or (order >= 0) a block of the order
 * is free.  The pages migrated away are freed to this CPU's pcp list; a
 * drain after each round (for a block wanted) and at the end lets them
 * merge.  Returns the pages migrated.
 */
static unsigned long compact_zone(struct zone *z, int order)
{
	struct compact_control cc = { .zone = z, .order = order, .migrate_pfn = z->zone_start_pfn,
				      .free_pfn = ALIGN(zone_end_pfn(z), pageblock_nr_pages) };
	unsigned long moved = 0;

	INIT_LIST_HEAD(&cc.freepages);
	drain_all_pages();
	while (!compact_finished(&cc)) {
		isolate_migratepages(&cc);
		if (!cc.nr_migratepages)
			continue;
		isolate_freepages(&cc);
		if (!cc.nr_freepages)
			break;	/* no room left above the migration scanner */
		/* Fewer targets than pages only when the scanners have met: the rest stay where they are. */
		moved += migrate_pages(cc.migratepages, min(cc.nr_migratepages, cc.nr_freepages), compaction_alloc,
				       compaction_free, &cc, &cc.st);
		cc.nr_migratepages = 0;
		if (order >= 0)
			drain_all_pages();
	}
	release_freepages(&cc);
	drain_all_pages();
	return moved;
}

/* ---- the triggers ---- */

int compact_nodes(void)
{
	if (!compaction_allowed()) {
		pr_warn("compaction: refused on CPU %u (user pages move only under the big kernel lock, once at a time)\n",
			smp_processor_id());
		return -EBUSY;
	}
	compacting = true;
	for (int i = 0; i < MAX_NR_ZONES; i++)
		if (populated_zone(&node_zones[i]))
			compact_zone(&node_zones[i], -1);
	compacting = false;
	return 0;
}

/*
 * Linux's __compaction_suitable: enough free pages for the migration to
 * have targets and the block to be made, the min mark (the low one for a
 * costly order, above PAGE_ALLOC_COSTLY_ORDER 3) plus twice the block.
 */
static bool compaction_suitable(const struct zone *z, unsigned int order, enum zone_type highest)
{
	unsigned long mark = order > 3 ? low_wmark_pages(z) : min_wmark_pages(z);

	return zone_watermark_ok(z, 0, mark + (2UL << order), highest, 0);
}

/*
 * Linux's deferral (compaction_deferred, defer_compaction,
 * compaction_defer_reset): after a zone fails to give a block of some
 * order, the next 2^shift - 1 requests of that order or more skip it, the
 * shift growing to COMPACT_MAX_DEFER_SHIFT with each failure, so that a
 * machine that cannot make the block does not scan the whole zone on
 * every request.  Linux keeps the three fields in struct zone.
 */
#define COMPACT_MAX_DEFER_SHIFT	6

static struct {
	unsigned int considered, defer_shift;
	unsigned int order_failed;	/* orders below it are never deferred */
} zone_defer[MAX_NR_ZONES];

static bool compaction_deferred(int zt, unsigned int order)
{
	unsigned int limit = 1u << zone_defer[zt].defer_shift;

	if (order < zone_defer[zt].order_failed)
		return false;
	if (++zone_defer[zt].considered >= limit) {
		zone_defer[zt].considered = limit;
		return false;
	}
	return true;
}

static void defer_compaction(int zt, unsigned int order)
{
	zone_defer[zt].considered = 0;
	if (zone_defer[zt].defer_shift < COMPACT_MAX_DEFER_SHIFT)
		zone_defer[zt].defer_shift++;
	if (order < zone_defer[zt].order_failed)
		zone_defer[zt].order_failed = order;
}

/* Compaction made the block (alloc_success false) or the allocation got it (true). */
static void compaction_defer_reset(int zt, unsigned int order, bool alloc_success)
{
	zone_defer[zt].considered = zone_defer[zt].defer_shift = 0;
	if (alloc_success && order >= zone_defer[zt].order_failed)
		zone_defer[zt].order_failed = order + 1;
}

enum compact_result try_to_compact_pages(unsigned int order, enum zone_type highest)
{
	enum compact_result rc = COMPACT_SKIPPED;

	compacting = true;
	for (int zt = (int)highest; zt >= ZONE_NORMAL; zt--) {
		struct zone *z = &node_zones[zt];

		if (!populated_zone(z) || !compaction_suitable(z, order, highest))
			continue;
		if (compaction_deferred(zt, order)) {
			rc = max(rc, COMPACT_DEFERRED);
			continue;
		}
		compact_zone(z, (int)order);
		if (zone_has_free_block(z, order)) {
			compaction_defer_reset(zt, order, false);
			rc = COMPACT_SUCCESS;
			break;
		}
		defer_compaction(zt, order);
		rc = max(rc, COMPACT_COMPLETE);
	}
	compacting = false;
	if (rc != COMPACT_SKIPPED)
		compact_events[COMPACTSTALL]++;	/* Linux's rule: a zone was compacted or deferred */
	return rc;
}

void compaction_note_result(struct page *page, unsigned int order)
{
	compact_events[page ? COMPACTSUCCESS : COMPACTFAIL]++;
	if (page)
		compaction_defer_reset(is_highmem(page_zone(page)) ? ZONE_HIGHMEM : ZONE_NORMAL, order, true);
}

void compaction_reset(void)
{
	for (int i = 0; i < MAX_NR_ZONES; i++)
		zone_defer[i].considered = zone_defer[i].defer_shift = zone_defer[i].order_failed = 0;
	for (int i = 0; i < NR_COMPACT_EVENTS; i++)
		compact_events[i] = 0;
	compact_skipped = (struct migrate_stats){ { 0 } };
}

