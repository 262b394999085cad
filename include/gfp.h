/*
 * The buddy page allocator (mm/page_alloc.c): allocation flags and the
 * Linux-named calls that get and give back blocks of 2^order pages.
 * Running out returns NULL (or 0) with every zone unchanged; a bad free is
 * reported on one "buddy: " line and refused.
 */
#ifndef GFP_H
#define GFP_H

#include <mm.h>

typedef unsigned int gfp_t;

/* Bit values follow Linux 6.1 so a reader can match them up. */
#define __GFP_HIGHMEM		0x02u	/* HighMem first, Normal as fallback */
#define __GFP_HIGH		0x20u	/* may use half of the min reserve (ALLOC_HIGH) */
#define __GFP_IO		0x40u	/* accepted; no effect (no reclaim here) */
#define __GFP_FS		0x80u	/* accepted; no effect */
#define __GFP_ZERO		0x100u	/* return the block zeroed */
#define __GFP_ATOMIC		0x200u	/* cannot wait: may use a further quarter (ALLOC_HARDER) */
#define __GFP_DIRECT_RECLAIM	0x400u	/* may reclaim: here, may have the pcp lists drained */
#define __GFP_KSWAPD_RECLAIM	0x800u	/* accepted; no effect */
#define __GFP_HARDWALL		0x100000u	/* accepted; no effect */
#define __GFP_MEMALLOC		0x20000u	/* ignore watermarks (self-tests) */
#define __GFP_RECLAIM		(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)

#define GFP_ATOMIC	(__GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL	(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_USER	(__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_HIGHUSER	(GFP_USER | __GFP_HIGHMEM)

/*
 * Allocate 2^order contiguous pages.  Without __GFP_HIGHMEM only ZONE_NORMAL
 * is used; with it HighMem is tried first, then Normal.  The marks are
 * Linux 6.1's: first every zone against its low watermark (the fast
 * path), then every zone against its min watermark, lowered as
 * gfp_to_alloc_flags says (__GFP_HIGH, __GFP_ATOMIC), then for
 * __GFP_MEMALLOC with no mark at all, and last, for a caller that may
 * reclaim (__GFP_DIRECT_RECLAIM: GFP_KERNEL, GFP_USER), once more after
 * the pcp lists are given back (drain_all_pages).  A zone passes if
 * zone_watermark_ok: its free pages on the free lists (the pcp pages do
 * not count) less 2^order - 1 stay above the mark plus its lowmem_reserve
 * for the request's highest zone, and for order > 0 it has a free block
 * that large.  Order 0 is served from the zone's pcp list, refilled by
 * up to batch pages but never below the mark that admitted the request.
 * Returns the head page (refcount 1), or NULL for order >= MAX_ORDER or
 * when no zone can give the block; a failure changes nothing but the
 * drained pcp lists.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order);

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
 * only) less 2^order - 1 stay above mark (halved for ALLOC_HIGH, then less
 * a quarter for ALLOC_HARDER) plus z->lowmem_reserve[highest], and for
 * order > 0 whether a free block of 2^order or more exists.  Reads only.
 */
bool zone_watermark_ok(const struct zone *z, unsigned int order, unsigned long mark, enum zone_type highest,
		       unsigned int alloc_flags);

#define alloc_page(gfp)		alloc_pages(gfp, 0)

/*
 * Drop a reference to a block from alloc_pages; at zero the block goes back
 * to its zone: an order-0 page onto the zone's pcp list (batch pages go on
 * to the free lists when the list reaches its high mark), a larger block
 * onto the free lists, merged with its free buddies.  A bad free (double free,
 * wrong order, reserved, never allocated, misaligned, outside every zone)
 * is reported and ignored.
 */
void __free_pages(struct page *page, unsigned int order);
#define __free_page(page)	__free_pages(page, 0)

/* The same by frame number; returns 0, or -EINVAL after reporting why not. */
int buddy_free_pfn(unsigned long pfn, unsigned int order);

/*
 * Give every page on every zone's pcp list back to the free lists (merging
 * them), for whoever needs the exact buddy state: /proc/buddyinfo after
 * freeing everything, taking every free block, unfeeding.
 */
void drain_all_pages(void);

/*
 * Lowmem blocks by virtual address (__GFP_HIGHMEM is ignored).  Return the
 * address, or 0 when nothing can be had; free_pages(0, order) does nothing.
 */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
#define __get_free_page(gfp)	__get_free_pages(gfp, 0)
unsigned long get_zeroed_page(gfp_t gfp);
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr)		free_pages(addr, 0)

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
 * "none" (mm.h): only each block's head page is written.
 * Returns the number of blocks.
 */
unsigned long buddy_feed_range(unsigned long start_pfn, unsigned long end_pfn);

/*
 * Benchmark support (make bench): feeding measured against feeding one
 * page at a time.  buddy_unfeed_all drains the pcp lists, takes every free
 * block out of every zone and returns the pages to the state before
 * feeding (state "none", not managed; only the heads are written),
 * writing the free ranges, sorted and merged, to ranges[] (at most max;
 * returns how many, or -ENOSPC with nothing changed but the drained pcp
 * lists).  buddy_feed_range_pages feeds [start_pfn, end_pfn) one page at a
 * time, the way Linux feeds highmem: every page is written.
 */
struct pfn_range {
	unsigned long start, end;
};
int buddy_unfeed_all(struct pfn_range *ranges, unsigned int max);
unsigned long buddy_feed_range_pages(unsigned long start_pfn, unsigned long end_pfn);

/*
 * Debug check of every buddy invariant: list links, per-order counts, free
 * page totals, flags and orders of list members, alignment, no overlapping
 * free blocks, no reserved, pcp or allocated page inside a free block, no
 * two free buddies left unmerged, no free block in memblock-reserved
 * memory, at most one state bit per page, the pcp lists (links, members
 * PG_pcp order-0 pages of their zone, count).
 * Reads only; prints one "buddy_check: " line per problem (at most a few)
 * and returns the number found.
 */
int buddy_check(void);

/*
 * A temporary kernel mapping of one page frame at MM_SCRATCH_VADDR, for
 * touching highmem before kmap exists (zeroing, self-tests).  One user at a
 * time; unmap flushes the TLB entry.
 */
#define MM_SCRATCH_VADDR	FIXADDR_START
void *mm_scratch_map(unsigned long pfn);
void mm_scratch_unmap(void);

#endif
