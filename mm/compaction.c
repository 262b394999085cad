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
#include <kthread.h>
#include <ktime.h>
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
	bool whole_zone;		/* from the zone's ends, not the cached positions (and none left cached) */
	bool proactive;			/* -1 order: until the zone's fragmentation score is at the low mark */
	bool free_exhausted;		/* the free scanner found no page above the migration scanner: they met */
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

/* ---- proactive compaction's score (Linux's fragmentation_score_*) ---- */

unsigned int sysctl_compaction_proactiveness = 20;	/* Linux's default */

/* Linux's extfrag_for_order: the percentage of the zone's free pages in blocks smaller than order. */
static unsigned int extfrag_for_order(const struct zone *z, unsigned int order)
{
	struct contig_page_info info;

	extfrag_fill(z, order, &info);
	if (!info.free_pages)
		return 0;
	return (unsigned int)((u64)(info.free_pages - (info.free_blocks_suitable << order)) * 100 / info.free_pages);
}

unsigned int fragmentation_score_zone(const struct zone *z)
{
	return extfrag_for_order(z, COMPACTION_HPAGE_ORDER);
}

/* Linux's node_present_pages: every zone's present pages (one node). */
static unsigned long node_present_pages(void)
{
	unsigned long n = 0;

	for (int i = 0; i < MAX_NR_ZONES; i++)
		n += node_zones[i].present_pages;
	return n;
}

unsigned int fragmentation_score_zone_weighted(const struct zone *z)
{
	return (unsigned int)((u64)z->present_pages * fragmentation_score_zone(z) / (node_present_pages() + 1));
}

unsigned int fragmentation_score_node(void)
{
	unsigned int score = 0;

	for (int i = 0; i < MAX_NR_ZONES; i++)
		if (populated_zone(&node_zones[i]))
			score += fragmentation_score_zone_weighted(&node_zones[i]);
	return score;
}

unsigned int fragmentation_score_wmark(bool low)
{
	/* Linux caps the low mark at 5, so that a proactiveness near 100 does not compact without end. */
	unsigned int wmark_low = max(100U - sysctl_compaction_proactiveness, 5U);

	return low ? wmark_low : min(wmark_low + 10, 100U);
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

static bool scanners_met(const struct compact_control *cc)
{
	return cc->free_exhausted || cc->migrate_pfn >= zone_end_pfn(cc->zone) || !free_block_allowed(cc, cc->free_pfn);
}

static bool compact_finished(const struct compact_control *cc)
{
	if (scanners_met(cc))
		return true;	/* Linux's COMPACT_COMPLETE */
	if (cc->proactive)	/* Linux's rule: the zone's own (unweighted) score against the low mark */
		return fragmentation_score_zone(cc->zone) <= fragmentation_score_wmark(true);
	return cc->order >= 0 && zone_has_free_block(cc->zone, (unsigned int)cc->order);
}

/* ---- the cached scanner positions ---- */

/* The free scanner's start: the pageblock above the zone's last (free_pfn is a pageblock's first pfn). */
static unsigned long free_scanner_top(const struct zone *z)
{
	return ALIGN(zone_end_pfn(z), pageblock_nr_pages);
}

/* Linux's reset_cached_positions: the next run starts from the zone's ends. */
static void reset_cached_positions(struct zone *z)
{
	z->compact_cached_migrate_pfn = z->zone_start_pfn;
	z->compact_cached_free_pfn = free_scanner_top(z);
}

static bool compaction_restarting(int zt, int order);

/*
 * Where the scanners start (Linux's compact_zone): the zone's ends for a
 * whole-zone run, else where the last run left them, reset first when
 * compaction restarts after the longest deferral (Linux's
 * __reset_isolation_suitable), and when a cached value lies outside the zone.
 */
static void compact_zone_start(struct compact_control *cc)
{
	struct zone *z = cc->zone;

	if (cc->whole_zone || compaction_restarting((int)(z - node_zones), cc->order))
		reset_cached_positions(z);
	if (z->compact_cached_migrate_pfn < z->zone_start_pfn || z->compact_cached_migrate_pfn >= zone_end_pfn(z))
		z->compact_cached_migrate_pfn = z->zone_start_pfn;
	if (z->compact_cached_free_pfn <= z->zone_start_pfn || z->compact_cached_free_pfn > free_scanner_top(z))
		z->compact_cached_free_pfn = free_scanner_top(z);
	cc->migrate_pfn = z->compact_cached_migrate_pfn;
	cc->free_pfn = z->compact_cached_free_pfn;
}

/* After a run: the scanners met (reset, Linux's __compact_finished), or where they stopped is kept. */
static void compact_zone_end(const struct compact_control *cc)
{
	struct zone *z = cc->zone;

	if (scanners_met(cc)) {
		reset_cached_positions(z);
		return;
	}
	if (cc->whole_zone)
		return;	/* Linux's whole-zone runs ignore the skip hints and leave the cache as it was */
	z->compact_cached_migrate_pfn = max(z->compact_cached_migrate_pfn, cc->migrate_pfn);
	/*
	 * The free scanner's last pageblock got its unused free pages back
	 * (release_freepages): the next run starts in it again, as Linux's
	 * resumes in the block where it stopped.
	 */
	z->compact_cached_free_pfn = min(z->compact_cached_free_pfn,
					 min(cc->free_pfn + pageblock_nr_pages, free_scanner_top(z)));
}

/*
 * Compact cc->zone until the scanners meet, or (order >= 0) a block of
 * the order is free, or (proactive) the zone's score is low enough.  The
 * pages migrated away are freed to this CPU's pcp list; a drain after each
 * round (for a block or a score wanted) and at the end lets them merge.
 * Returns the pages migrated.
 */
static unsigned long compact_zone(struct compact_control *cc)
{
	unsigned long moved = 0;

	INIT_LIST_HEAD(&cc->freepages);
	compact_zone_start(cc);
	drain_all_pages();
	while (!compact_finished(cc)) {
		isolate_migratepages(cc);
		if (!cc->nr_migratepages)
			continue;
		isolate_freepages(cc);
		if (!cc->nr_freepages) {
			cc->free_exhausted = true;	/* no room left above the migration scanner */
			break;
		}
		/* Fewer targets than pages only when the scanners have met: the rest stay where they are. */
		moved += migrate_pages(cc->migratepages, min(cc->nr_migratepages, cc->nr_freepages), compaction_alloc,
				       compaction_free, cc, &cc->st);
		cc->nr_migratepages = 0;
		if (cc->order >= 0 || cc->proactive)
			drain_all_pages();
	}
	release_freepages(cc);
	drain_all_pages();
	compact_zone_end(cc);
	return moved;
}

/* One run over z: a whole-zone one (order -1) or one for a block of order. */
static unsigned long compact_zone_order(struct zone *z, int order)
{
	struct compact_control cc = { .zone = z, .order = order, .whole_zone = order < 0 };

	return compact_zone(&cc);
}

/*
 * A run for a block of order from the cached positions; if it resumed
 * there and its scanners met without the block (they are reset then), one
 * more from the zone's ends: Linux's slow path retries so
 * (should_compact_retry), this one does not.
 */
static void compact_zone_for_block(struct zone *z, unsigned int order)
{
	bool resumed = z->compact_cached_migrate_pfn > z->zone_start_pfn ||
		       z->compact_cached_free_pfn < free_scanner_top(z);

	compact_zone_order(z, (int)order);
	if (resumed && !zone_has_free_block(z, order))
		compact_zone_order(z, (int)order);
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
			compact_zone_order(&node_zones[i], -1);
	compacting = false;
	return 0;
}

unsigned int sysctl_extfrag_threshold = 500;	/* Linux's default */

/*
 * Linux's compaction_suitable: enough free pages for the migration to
 * have targets and the block to be made (__compaction_suitable: the min
 * mark, the low one for a costly order, above PAGE_ALLOC_COSTLY_ORDER 3,
 * plus twice the block); and for a costly order, a failure that would be
 * for lack of large blocks, not of memory: a fragmentation index
 * (mm/extfrag.c, thousandths) from 0 up to vm.extfrag_threshold says
 * compaction would not help.
 */
static bool compaction_suitable(const struct zone *z, unsigned int order, enum zone_type highest)
{
	unsigned long mark = order > 3 ? low_wmark_pages(z) : min_wmark_pages(z);
	struct contig_page_info info;
	int fragindex;

	if (!zone_watermark_ok(z, 0, mark + (2UL << order), highest, 0))
		return false;
	if (order <= 3)
		return true;
	extfrag_fill(z, order, &info);
	fragindex = fragmentation_index(order, &info);
	return fragindex < 0 || fragindex > (int)sysctl_extfrag_threshold;
}

/* A vm sysctl's write: value into *var if in 0..max, else one line and -EINVAL, *var as it was. */
static int sysctl_set_in_range(const char *name, long value, long max, unsigned int *var)
{
	if (value < 0 || value > max) {
		pr_warn("compaction: %s %ld refused (0..%ld): -EINVAL, it stays %u\n", name, value, max, *var);
		return -EINVAL;
	}
	*var = (unsigned int)value;
	return 0;
}

int extfrag_threshold_set(long value)
{
	return sysctl_set_in_range("extfrag_threshold", value, 1000, &sysctl_extfrag_threshold);
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

/* Linux's compaction_restarting: the longest deferral has run out, so the next run starts afresh. */
static bool compaction_restarting(int zt, int order)
{
	if (order < 0 || (unsigned int)order < zone_defer[zt].order_failed)
		return false;
	return zone_defer[zt].defer_shift == COMPACT_MAX_DEFER_SHIFT &&
	       zone_defer[zt].considered >= 1u << COMPACT_MAX_DEFER_SHIFT;
}

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
		compact_zone_for_block(z, order);
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

/* ---- kcompactd (Linux's, one node: kcompactd0) ---- */

static DECLARE_WAIT_QUEUE_HEAD(kcompactd_wait);
static struct task_struct *kcompactd_task;
/* What wakeup_kcompactd asked for (Linux's pgdat fields; a racy update only merges two requests, as there). */
static unsigned int kcompactd_max_order;
static enum zone_type kcompactd_highest_zoneidx = MAX_NR_ZONES - 1;
static bool proactive_compact_trigger;	/* the sysctl was written: look at the score now */

static bool kcompactd_work_requested(void)
{
	return *(volatile unsigned int *)&kcompactd_max_order > 0 || *(volatile bool *)&proactive_compact_trigger;
}

/* Linux's kcompactd_node_suitable: some zone up to the highest asked for could be compacted for the order. */
static bool kcompactd_node_suitable(unsigned int order, enum zone_type highest)
{
	for (int zt = ZONE_NORMAL; zt <= (int)highest; zt++)
		if (populated_zone(&node_zones[zt]) && compaction_suitable(&node_zones[zt], order, (enum zone_type)zt))
			return true;
	return false;
}

void wakeup_kcompactd(unsigned int order, enum zone_type highest_zoneidx)
{
	if (!order)
		return;
	if (kcompactd_max_order < order)
		kcompactd_max_order = order;
	if (kcompactd_highest_zoneidx > highest_zoneidx)
		kcompactd_highest_zoneidx = highest_zoneidx;
	if (list_empty(&kcompactd_wait.head))
		return;	/* Linux's wq_has_sleeper: it is awake, and looks at the request before it sleeps */
	if (!kcompactd_node_suitable(kcompactd_max_order, kcompactd_highest_zoneidx))
		return;
	wake_up(&kcompactd_wait);
}

/*
 * A run for a block (cc->order >= 0, compact_zone_for_block) or a
 * proactive one, counting what it scanned as kcompactd's too (Linux's
 * compact_daemon_*_scanned).
 */
static void kcompactd_compact_zone(struct compact_control *cc)
{
	unsigned long migrate = compact_events[COMPACTMIGRATE_SCANNED], free = compact_events[COMPACTFREE_SCANNED];

	if (cc->order >= 0)
		compact_zone_for_block(cc->zone, (unsigned int)cc->order);
	else
		compact_zone(cc);
	compact_events[KCOMPACTD_MIGRATE_SCANNED] += compact_events[COMPACTMIGRATE_SCANNED] - migrate;
	compact_events[KCOMPACTD_FREE_SCANNED] += compact_events[COMPACTFREE_SCANNED] - free;
}

/*
 * Linux's kcompactd_do_work: each zone up to the highest asked for, not
 * deferred and suitable, is compacted (MIGRATE_SYNC_LIGHT: the only mode
 * here) until a block of the order is free there, with the deferral kept
 * as direct compaction keeps it.  A zone that has the block already is
 * skipped (Linux's compaction_suitable answers COMPACT_SUCCESS there).
 */
static void kcompactd_do_work(void)
{
	unsigned int order = kcompactd_max_order;
	enum zone_type highest = kcompactd_highest_zoneidx;

	compact_events[KCOMPACTD_WAKE]++;
	for (int zt = ZONE_NORMAL; zt <= (int)highest; zt++) {
		struct compact_control cc = { .zone = &node_zones[zt], .order = (int)order };

		if (!populated_zone(cc.zone) || compaction_deferred(zt, order) ||
		    !compaction_suitable(cc.zone, order, (enum zone_type)zt) || zone_has_free_block(cc.zone, order))
			continue;
		kcompactd_compact_zone(&cc);
		if (zone_has_free_block(cc.zone, order))
			compaction_defer_reset(zt, order, false);
		else
			defer_compaction(zt, order);
	}
	/* A request that came meanwhile for more is kept for the next round (Linux's rule). */
	if (kcompactd_max_order <= order)
		kcompactd_max_order = 0;
	if (kcompactd_highest_zoneidx >= highest)
		kcompactd_highest_zoneidx = MAX_NR_ZONES - 1;
}

/* Linux's proactive_compact_node: every zone from its ends, until its score is at the low mark. */
static void proactive_compact_node(void)
{
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct compact_control cc = { .zone = &node_zones[i], .order = -1, .whole_zone = true,
					      .proactive = true };

		if (populated_zone(cc.zone))
			kcompactd_compact_zone(&cc);
	}
}

static bool should_proactive_compact_node(void)
{
	return sysctl_compaction_proactiveness && fragmentation_score_node() > fragmentation_score_wmark(false);
}

/* One proactive round: the default interval next, or 64 of them (Linux's backoff) if the score did not fall. */
static long kcompactd_proactive_round(long interval)
{
	unsigned int prev, score;

	if (!should_proactive_compact_node())
		return interval;
	prev = fragmentation_score_node();
	proactive_compact_node();
	score = fragmentation_score_node();
	return score >= prev ? interval << COMPACT_MAX_DEFER_SHIFT : interval;
}

/*
 * Compaction's rule (include/compaction.h) in the daemon: it holds the big
 * kernel lock while it runs, so only another compaction on this CPU (none
 * can be) would make it wait; then it skips the round, with one line.
 */
static bool kcompactd_may_compact(void)
{
	if (compaction_allowed())
		return true;
	pr_warn("kcompactd0: compaction not allowed now (another one runs); this round is skipped\n");
	return false;
}

/*
 * Linux 6.1's kcompactd: sleeps until wakeup_kcompactd asks for a block
 * or HPAGE_FRAG_CHECK_INTERVAL_MSEC pass (for ever with proactiveness 0),
 * then does what was asked, or proactive compaction when the node's score
 * is above the high mark.
 */
static int kcompactd(void *data)
{
	const long interval = HPAGE_FRAG_CHECK_INTERVAL_MSEC * HZ / 1000;
	long timeout = interval;

	(void)data;
	for (;;) {
		if (!sysctl_compaction_proactiveness)
			timeout = MAX_SCHEDULE_TIMEOUT;
		if (wait_event_timeout(kcompactd_wait, kcompactd_work_requested(), timeout) &&
		    !proactive_compact_trigger) {
			if (kcompactd_may_compact()) {
				compacting = true;
				kcompactd_do_work();
				compacting = false;
			}
			timeout = interval;
			continue;
		}
		timeout = interval;
		if (kcompactd_may_compact()) {
			compacting = true;
			timeout = kcompactd_proactive_round(interval);
			compacting = false;
		}
		proactive_compact_trigger = false;
	}
	return 0;
}

int kcompactd_run(void)
{
	if (!kcompactd_task)
		kcompactd_task = kthread_run(kcompactd, NULL, "kcompactd0");
	return kcompactd_task ? 0 : -ENOMEM;
}

int compaction_proactiveness_set(long value)
{
	if (sysctl_set_in_range("compaction_proactiveness", value, 100, &sysctl_compaction_proactiveness))
		return -EINVAL;
	/* Linux's compaction_proactiveness_sysctl_handler: a nonzero value makes kcompactd look now. */
	if (value && !proactive_compact_trigger) {
		proactive_compact_trigger = true;
		wake_up(&kcompactd_wait);
	}
	return 0;
}

void compaction_reset(void)
{
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		zone_defer[i].considered = zone_defer[i].defer_shift = zone_defer[i].order_failed = 0;
		reset_cached_positions(&node_zones[i]);
	}
	for (int i = 0; i < NR_COMPACT_EVENTS; i++)
		compact_events[i] = 0;
	kcompactd_max_order = 0;
	kcompactd_highest_zoneidx = MAX_NR_ZONES - 1;
	proactive_compact_trigger = false;
	sysctl_compaction_proactiveness = 20;
	sysctl_extfrag_threshold = 500;
	compact_skipped = (struct migrate_stats){ { 0 } };
}

