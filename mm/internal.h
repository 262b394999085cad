/*
 * What only mm/ (with highmem/) and the host tests use: the test resets,
 * the watermark setup behind buddy_feed_all, the allocation flags of the
 * watermark check, feeding and unfeeding by range, the invariant checker,
 * the scratch mapping and the accounting the meminfo check adds up.  The
 * rest of the kernel uses mm.h, gfp.h and highmem.h.  The kernel's
 * benchmark (kernel/cmd_bench.c) and stress command (kernel/cmd_stress.c)
 * are the two users outside mm/: they measure and check feeding and the
 * buddy invariants themselves.
 */
#ifndef MM_INTERNAL_H
#define MM_INTERNAL_H

#include <smp.h>
#include <gfp.h>
#include <seq.h>

/* ---- test resets ---- */

/* Point mem_map at an array the caller provides and zero it (host tests). */
void mem_map_setup(struct page *map, unsigned long first_pfn, unsigned long end_pfn);


/*
 * Mark [start_pfn, end_pfn) PG_reserved (buddy_feed_all, for memory it does
 * not feed).  The pages must be in mem_map and not in the allocator.
 */
void mem_map_reserve(unsigned long start_pfn, unsigned long end_pfn);

/* ---- watermarks (zone.c), as Linux 6.1 sets them; buddy_feed_all calls init_per_zone_wmark_min ---- */

extern int min_free_kbytes;
extern int watermark_scale_factor;
void calculate_min_free_kbytes(void);
void setup_per_zone_wmarks(void);
void setup_per_zone_lowmem_reserve(void);
void init_per_zone_wmark_min(void);
/* This CPU's pageset of z (mm_types.h). */
static inline struct per_cpu_pages *this_cpu_pcp(struct zone *z)
{
	return this_cpu_ptr(z->per_cpu_pageset);
}

/* CPU cpu's pageset of z. */
static inline struct per_cpu_pages *zone_pcp(const struct zone *z, unsigned int cpu)
{
	return per_cpu_ptr(z->per_cpu_pageset, cpu);
}

/* Pages on every CPU's pageset of z (a snapshot: other CPUs may be changing theirs). */
static inline unsigned long zone_pcp_count(const struct zone *z)
{
	unsigned long n = 0;
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		n += zone_pcp(z, cpu)->count;
	return n;
}

/* Every possible CPU's pagesets empty, with Linux's boot sizes (zone.c). */
void setup_per_cpu_pageset(void);
/* The pcp list's batch and high from the zone's managed pages and low mark (setup_per_zone_wmarks calls it). */
void zone_pcp_update(struct zone *z);
void zone_print_ranges(void);			/* the Zone ranges block */

/*
 * Allocation flags (Linux 6.1's mm/internal.h values): which watermark a
 * request is held to, and how far below it it may go.
 */
#define ALLOC_WMARK_MIN		0x00u	/* WMARK_MIN */
#define ALLOC_WMARK_LOW		0x01u	/* WMARK_LOW */
#define ALLOC_WMARK_HIGH	0x02u	/* WMARK_HIGH */
#define ALLOC_NO_WATERMARKS	0x04u	/* no mark at all (__GFP_MEMALLOC) */
#define ALLOC_WMARK_MASK	(ALLOC_NO_WATERMARKS - 1)
#define ALLOC_HARDER		0x10u	/* a quarter below the mark (__GFP_ATOMIC) */
#define ALLOC_HIGH		0x20u	/* half the mark (__GFP_HIGH) */

/* The slow path's flags for gfp: ALLOC_WMARK_MIN, ALLOC_HIGH for __GFP_HIGH, ALLOC_HARDER for __GFP_ATOMIC. */
unsigned int gfp_to_alloc_flags(gfp_t gfp);

/*
 * Linux 6.1's __zone_watermark_ok: whether z's free pages (free lists
 * only; without ALLOC_HARDER less z->nr_reserved_highatomic) less
 * 2^order - 1 stay above mark (halved for ALLOC_HIGH, then less a quarter
 * for ALLOC_HARDER) plus z->lowmem_reserve[highest], and for order > 0
 * whether a free block of 2^order or more exists on a list the request
 * may take from (HighAtomic's only for ALLOC_HARDER).  Reads only.
 */
bool zone_watermark_ok(const struct zone *z, unsigned int order, unsigned long mark, enum zone_type highest,
		       unsigned int alloc_flags);

/*
 * Linux 6.1's unreserve_highatomic_pageblock: one HighAtomic pageblock of
 * the first zone from highest down that has one to give back (a zone
 * keeps its last unless force) becomes type mt, its free blocks with it.
 * Whether one did.  The slow path calls it before a request that may
 * reclaim fails.
 */
bool unreserve_highatomic_pageblock(enum zone_type highest, int mt, bool force);

/* ---- pageblock migrate types (page_alloc.c keeps them; mm_types.h defines them) ---- */

/*
 * The migrate type of the pageblock holding pfn (in z's span): Linux's
 * get_pfnblock_migratetype, one byte load (the pageblock's number is its
 * index, mm_types.h).
 */
static inline int get_pfnblock_migratetype(const struct zone *z, unsigned long pfn)
{
	return z->pageblock_types[pfn >> pageblock_order];
}

/*
 * Set the type of the pageblock holding pfn (in z's span) to mt (<
 * MIGRATE_TYPES): Linux's set_pageblock_migratetype.  Moves no pages.
 */
void set_pageblock_migratetype(struct zone *z, unsigned long pfn, int mt);

/*
 * /proc/pagetypeinfo, Linux 6.1's layout: pageblock order and size, the
 * free blocks per zone, type and order, and the pageblocks per zone and type.
 */
void pagetypeinfo_show(struct seq *s);

/* ---- external fragmentation (extfrag.c), Linux's debugfs extfrag/ files ---- */

/* A zone's free lists seen from a request of one order (Linux's contig_page_info). */
struct contig_page_info {
	unsigned long free_pages;		/* pages on the free lists */
	unsigned long free_blocks_total;	/* free blocks of any order */
	unsigned long free_blocks_suitable;	/* free space in blocks of the requested order or larger, counted in blocks of that order */
};

void extfrag_fill(const struct zone *z, unsigned int order, struct contig_page_info *info);
/* Thousandths of the free pages that cannot serve an order-order request: 1000 when nothing is free. */
int unusable_free_index(unsigned int order, const struct contig_page_info *info);
/* Linux's fragmentation index in thousandths: -1000 when the request would succeed, 0 with nothing free. */
int fragmentation_index(unsigned int order, const struct contig_page_info *info);
void unusable_index_show(struct seq *s);	/* extfrag/unusable_index */
void extfrag_index_show(struct seq *s);		/* extfrag/extfrag_index */

/* ---- feeding and unfeeding (page_alloc.c) ---- */

/*
 * Order of the block that feeding puts at start_pfn for a free range ending
 * at end_pfn (exclusive, > start_pfn): the alignment of start_pfn, at most
 * MAX_ORDER - 1, shrunk until the block fits.
 */
unsigned int buddy_block_order(unsigned long start_pfn, unsigned long end_pfn);

/*
 * Give [start_pfn, end_pfn) of one zone to the allocator in maximal blocks
 * (buddy_feed_all does this for every free memblock range).  The pages must
 * be covered by mem_map, lie in one zone, not be reserved and be in state
 * "none" (mm_types.h): only each block's head page is written.
 * Returns the number of blocks.
 */
unsigned long buddy_feed_range(unsigned long start_pfn, unsigned long end_pfn);

/*
 * Benchmark support (make bench): feeding measured against feeding one
 * page at a time (buddy_feed_range_pages, gfp.h).  buddy_unfeed_all drains
 * the pcp lists, takes every free block out of every zone and returns the
 * pages to the state before feeding (state "none", not managed; only the
 * heads are written), writing the free ranges, sorted and merged, to
 * ranges[] (at most max; returns how many, or -ENOSPC with nothing changed
 * but the drained pcp lists).
 */
struct pfn_range {
	unsigned long start, end;
};
int buddy_unfeed_all(struct pfn_range *ranges, unsigned int max);

/* ---- the invariant checker (page_alloc.c) ---- */

/*
 * Debug check of every buddy invariant: list links, per-order counts, free
 * page totals, flags and orders of list members, alignment, no overlapping
 * free blocks, no reserved, pcp or allocated page inside a free block, no
 * two free buddies left unmerged, no free block in memblock-reserved
 * memory, at most one state bit per page, the pcp lists (links, members
 * PG_pcp order-0 pages of their zone, count), and every free block on the
 * list of its pageblock's migrate type, or of another pcp type when both
 * are pcp types (what a fallback that did not take the pageblock over
 * leaves), the lists of all types adding up to nr_free.
 * Reads only; prints one "buddy_check: " line per problem (at most a few)
 * and returns the number found.
 */
int buddy_check(void);

/* ---- the scratch mapping (page_alloc.c) ---- */

/*
 * A temporary kernel mapping of one page frame at MM_SCRATCH_VADDR, for
 * touching highmem before kmap exists (zeroing, self-tests).  One user at a
 * time; unmap flushes the TLB entry.  Returns NULL if no page table can be
 * had for it.
 */
#define MM_SCRATCH_VADDR	FIXADDR_START
void *mm_scratch_map(unsigned long pfn);
void mm_scratch_unmap(void);

/* ---- accounting the meminfo check adds up (mem_init.c) ---- */

/*
 * Pages held from the buddy allocator by callers that no /proc/meminfo
 * field covers: the shell's alloc, mempools.  Slab, vmalloc and the page
 * tables count their own pages; any other caller that keeps pages beyond
 * the command that took them adds 2^order after alloc_pages and subtracts
 * it when it frees, so that meminfo_check can attribute every page.  Linux
 * has no such field (its equivalent pages go unreported); this one is
 * shown only by meminfo_check.
 */
void meminfo_account_other(long pages);
long meminfo_other_pages(void);

/*
 * The debug view behind the shell's meminfo-check: every page of MemTotal
 * as one term each (MemFree, the per-CPU lists, Slab, PageTables,
 * VmallocUsed, the vmalloc records, other holders, the processes'), their sum, a walk of
 * mem_map that counts free and allocated pages from the page flags alone,
 * and "adds up: yes" only if the terms sum to MemTotal and the walk agrees
 * with them.  Call it where no allocation is half done (the shell prompt).
 * Returns true if it adds up.
 */
bool meminfo_check_show(struct seq *s);

/* ---- compaction's hooks into the buddy allocator (page_alloc.c) ---- */

/*
 * Linux's __isolate_free_page with split_page: take the free block headed
 * by page (PageBuddy, of order order, in zone z) off the free lists, if it
 * still is one and taking it leaves the zone above its min mark, and make
 * each of its pages an allocated order-0 page (PG_head, _refcount 1) on
 * list (through lru).  A block of half a pageblock or more turns its
 * pageblock Movable, as Linux's does.  Returns the pages taken (0: none).
 * Takes the zone lock.
 */
unsigned long isolate_free_block(struct zone *z, struct page *page, unsigned int order, struct list_head *list);

/*
 * Page isolation's two steps on the free lists (mm/page_isolation.c):
 * set_pageblock_type_and_move sets the type of the pageblock at pfn (its
 * first pfn, in z) to mt and moves every free block in it onto mt's
 * lists (returns the pages moved); take_isolated_block takes the free
 * block headed by page out of an Isolate pageblock, its pages made
 * allocated order-0 pages on list (returns them; 0 if page heads no free
 * block there).  Both take the zone lock.
 */
unsigned long set_pageblock_type_and_move(struct zone *z, unsigned long pfn, int mt);
unsigned long take_isolated_block(struct zone *z, struct page *page, struct list_head *list);

#endif
