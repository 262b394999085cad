/*
 * Page migration (mm/migrate.c) and memory compaction (mm/compaction.c),
 * as Linux's: migration moves a movable page's contents to another page
 * and rewrites every PTE that mapped it (found through the reverse map,
 * include/rmap.h); compaction runs a migration scanner up from the bottom
 * of a zone and a free scanner down from the top, moving the in-use
 * movable pages below into the free pages above, until the two meet, so
 * that the free pages gather at the bottom and merge into large blocks.
 *
 * Movable here means a mapped anonymous user page that nothing else
 * holds: PG_head, order 0, PageAnon, _refcount equal to _mapcount.
 *
 * The rule for callers (who may migrate): no process's page tables or
 * VMAs may change while its pages move.  Every system call and fault
 * holds the big kernel lock (kernel/sched.c), and so does the kernel shell
 * while it runs a command, so compaction_allowed() is "this CPU holds it,
 * or no process exists yet" (user_mappings_stable).  A process may still run in user mode on another
 * CPU: migrate_page clears each PTE and flushes it from every CPU's TLB
 * before it copies, so such an access faults, and the fault waits for the
 * lock and then finds the new page.  Other CPUs may allocate and free
 * meanwhile: free pages are taken under the zone lock.
 */
#ifndef COMPACTION_H
#define COMPACTION_H

#include <mm_types.h>

/* Why migrate_page did not move a page (the counts of struct migrate_stats). */
enum migrate_result {
	MIGRATE_DONE,
	MIGRATE_NOT_USER,	/* a kernel page, free, or not order 0: not ours to move */
	MIGRATE_FILE,		/* a private copy of a file's bytes: no anon_vma (include/rmap.h) */
	MIGRATE_PINNED,		/* more references than its mappings explain: someone else holds it */
	MIGRATE_BUSY,		/* mapped more often than one migration can carry (MIGRATE_MAX_MAPPINGS) */
	MIGRATE_NO_TARGET,	/* no page to move it to */
	MIGRATE_NR_RESULTS
};

/* The most PTEs one page may have for migrate_page to move it: one per process sharing it. */
#define MIGRATE_MAX_MAPPINGS	16

struct migrate_stats {
	unsigned long count[MIGRATE_NR_RESULTS];	/* pages per result */
};

/* Whether page may be migrated now, and if not why (reads only). */
enum migrate_result page_movability(const struct page *page);

/*
 * Move page to new (an order-0 page the caller allocated: PG_head,
 * _refcount 1, not mapped): every PTE that maps page is cleared and its
 * TLB entry flushed on every CPU, the contents are copied, each PTE is set
 * again to new with the permissions it had, the counts and the reverse
 * map pass to new and page is freed.  On any result but MIGRATE_DONE
 * nothing has changed and new is still the caller's.  Callers follow the
 * rule above.
 */
enum migrate_result migrate_page(struct page *new, struct page *page);

/*
 * Migrate each of pages[0..n): get_new gives a target (NULL: none left),
 * put_new takes back one that was not used.  Counts every result in *st
 * and Linux's pgmigrate_success / pgmigrate_fail.  Returns the pages moved.
 */
unsigned long migrate_pages(struct page **pages, unsigned long n, struct page *(*get_new)(void *priv),
			    void (*put_new)(struct page *page, void *priv), void *priv, struct migrate_stats *st);

/* Whether this CPU may migrate user pages now (the rule above). */
bool compaction_allowed(void);

/*
 * Compact every populated zone completely (the scanners meet), as writing
 * 1 to /proc/sys/vm/compact_memory does.  Refused (-EBUSY, one line) where
 * compaction_allowed() says no.  0 otherwise.
 */
int compact_nodes(void);

/*
 * Direct compaction for an allocation of 2^order pages (order > 0) that
 * failed in the zones up to highest: each zone with enough free pages
 * (Linux's compaction_suitable) and not deferred (Linux's deferral after
 * failures, mm/compaction.c) is compacted until a free block of the order
 * exists there.  Linux's results: COMPACT_SKIPPED (no zone suitable:
 * nothing counted), COMPACT_DEFERRED, COMPACT_COMPLETE (compacted, no
 * block), COMPACT_SUCCESS; all but the first count compact_stall.  The
 * caller then tries again and reports what it got (page or NULL) with
 * compaction_note_result: compact_success or compact_fail, and a success
 * resets the zone's deferral.
 */
enum compact_result { COMPACT_SKIPPED, COMPACT_DEFERRED, COMPACT_COMPLETE, COMPACT_SUCCESS };
enum compact_result try_to_compact_pages(unsigned int order, enum zone_type highest);
void compaction_note_result(struct page *page, unsigned int order);
/* Forget the deferral state and the counters (the host tests' fresh machine). */
void compaction_reset(void);

/*
 * Page isolation (mm/page_isolation.c, Linux's names).  Ranges are whole
 * pageblocks of one zone ([start_pfn, end_pfn) aligned to
 * pageblock_nr_pages; anything else is refused with one line and
 * -EINVAL).
 *
 * start_isolate_page_range: every pageblock of the range becomes
 * MIGRATE_ISOLATE, its free pages moved to the Isolate lists, so nothing
 * is allocated from it; -EBUSY (nothing changed) if a pageblock is
 * isolated already or holds a page that is neither free nor movable.
 * undo_isolate_page_range gives the isolated pageblocks of the range type
 * migratetype again.  test_pages_isolated: 0 if every page of the
 * isolated range is free, else -EBUSY.
 *
 * alloc_contig_range: isolate the range, migrate its movable pages out,
 * and take it: every page of the range becomes an allocated order-0 page
 * (free each with __free_page, or all with free_contig_range).  0,
 * -EINVAL, or -EBUSY (nothing taken; the pageblocks get migratetype back).
 * Follows compaction's rule (above) and refuses elsewhere.
 */
int start_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn, int migratetype);
void undo_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn, int migratetype);
int test_pages_isolated(unsigned long start_pfn, unsigned long end_pfn);
int alloc_contig_range(unsigned long start_pfn, unsigned long end_pfn, int migratetype);
void free_contig_range(unsigned long pfn, unsigned long nr_pages);

/* The counters of /proc/vmstat (Linux's names and order, mm/util.c prints them). */
enum compact_event {
	PGMIGRATE_SUCCESS,
	PGMIGRATE_FAIL,
	COMPACTMIGRATE_SCANNED,
	COMPACTFREE_SCANNED,
	COMPACTISOLATED,
	COMPACTSTALL,
	COMPACTFAIL,
	COMPACTSUCCESS,
	KCOMPACTD_WAKE,
	KCOMPACTD_MIGRATE_SCANNED,
	KCOMPACTD_FREE_SCANNED,
	NR_COMPACT_EVENTS
};
extern unsigned long compact_events[NR_COMPACT_EVENTS];

/* The allocated blocks the migration scanner left in place, per reason (the shell's `compact` prints them). */
extern struct migrate_stats compact_skipped;

/*
 * kcompactd and proactive compaction (Linux 6.1's, one node: the thread is
 * kcompactd0).  It sleeps; wakeup_kcompactd (called where Linux would wake
 * kswapd: the allocator's slow path, for order > 0) makes it compact each
 * zone up to highest_zoneidx that is suitable and not deferred until a
 * block of the order is free (counted compact_daemon_wake and
 * compact_daemon_{migrate,free}_scanned, besides the compact_* counts).
 * Every HPAGE_FRAG_CHECK_INTERVAL_MSEC it also looks at the node's
 * fragmentation score (below) and, above the high mark, compacts each
 * zone from its ends until the zone's own score is at the low mark; if the
 * node's score did not fall, the next look is 2^COMPACT_MAX_DEFER_SHIFT
 * intervals later.  compaction_proactiveness 0 turns the looks off.
 *
 * The score of a zone is Linux's extfrag_for_order at
 * COMPACTION_HPAGE_ORDER: the percentage of its free pages in blocks
 * smaller than that order.  The node's is the sum of the zones' weighted
 * by their present pages (zone present * score / (node present + 1)).
 * The marks: low = max(100 - proactiveness, 5), high = min(low + 10, 100).
 */
/* Linux's value without THP or hugetlbfs: PMD_SHIFT - PAGE_SHIFT, 21 - 12 on 32-bit ARM's two-level tables. */
#define COMPACTION_HPAGE_ORDER		9
#define HPAGE_FRAG_CHECK_INTERVAL_MSEC	500

/* vm.compaction_proactiveness: 0..100, Linux's default 20. */
extern unsigned int sysctl_compaction_proactiveness;
/* Set it (the sysctl's write): -EINVAL with one line outside 0..100; a nonzero value wakes kcompactd to look. */
int compaction_proactiveness_set(long value);

/*
 * vm.extfrag_threshold: 0..1000, Linux's default 500.  A costly request
 * (order > 3) does not compact a zone whose fragmentation index for it is
 * 0..threshold (it would fail for lack of memory, not of large blocks).
 */
extern unsigned int sysctl_extfrag_threshold;
int extfrag_threshold_set(long value);

unsigned int fragmentation_score_zone(const struct zone *z);
unsigned int fragmentation_score_zone_weighted(const struct zone *z);
unsigned int fragmentation_score_node(void);
/* The low (true) or high mark for the node's score. */
unsigned int fragmentation_score_wmark(bool low);

void wakeup_kcompactd(unsigned int order, enum zone_type highest_zoneidx);
/* Start kcompactd0 (kernel/sched.c calls it once at boot, before init); 0 or -ENOMEM. */
int kcompactd_run(void);

#endif
