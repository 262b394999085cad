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
#define __GFP_MOVABLE		0x08u	/* migrate type Movable: pages that could be moved (user pages) */
#define __GFP_RECLAIMABLE	0x10u	/* migrate type Reclaimable: caches that can be shrunk */
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
#define GFP_HIGHUSER_MOVABLE	(GFP_HIGHUSER | __GFP_MOVABLE)

/*
 * The migrate type (mm_types.h) a request's pages are for: Unmovable
 * unless __GFP_MOVABLE or __GFP_RECLAIMABLE says otherwise, Linux's
 * encoding (the two bits shifted down are the type; both set is a
 * caller's mistake and reads as MIGRATE_PCPTYPES, which Linux forbids
 * too: alloc_pages treats it as Unmovable).
 */
#define GFP_MOVABLE_MASK	(__GFP_RECLAIMABLE | __GFP_MOVABLE)
#define GFP_MOVABLE_SHIFT	3
_Static_assert(__GFP_MOVABLE >> GFP_MOVABLE_SHIFT == MIGRATE_MOVABLE &&
	       __GFP_RECLAIMABLE >> GFP_MOVABLE_SHIFT == MIGRATE_RECLAIMABLE, "gfp bits encode the migrate type");

static inline int gfp_migratetype(gfp_t gfp)
{
	return (int)((gfp & GFP_MOVABLE_MASK) >> GFP_MOVABLE_SHIFT);
}

/*
 * Allocate 2^order contiguous pages.  Without __GFP_HIGHMEM only ZONE_NORMAL
 * is used; with it HighMem is tried first, then Normal.  In each zone the
 * free lists of the request's migrate type (gfp_migratetype) come first,
 * then Linux 6.1's fallbacks: Unmovable takes from Reclaimable, then
 * Movable; Reclaimable from Unmovable, then Movable; Movable from
 * Reclaimable, then Unmovable, the largest free block first, taking its
 * whole pageblock over when Linux's rules say so (page_alloc.c).  The marks are
 * Linux 6.1's: first every zone against its low watermark (the fast
 * path), then every zone against its min watermark, lowered as
 * gfp_to_alloc_flags says (__GFP_HIGH, __GFP_ATOMIC), then for
 * __GFP_MEMALLOC with no mark at all, and last, for a caller that may
 * reclaim (__GFP_DIRECT_RECLAIM: GFP_KERNEL, GFP_USER), once more after
 * the pcp lists are given back (drain_all_pages) and a HighAtomic
 * pageblock with them (a zone keeps its last one until nothing else is
 * left).  A zone passes if zone_watermark_ok: its free pages on the free
 * lists (the pcp pages do not count, nor, but for __GFP_ATOMIC in the
 * slow path, its HighAtomic reserve) less 2^order - 1 stay above the mark
 * plus its lowmem_reserve for the request's highest zone, and for
 * order > 0 it has a free block that large the request may take.  A
 * request of order > 0 served in the slow path with __GFP_ATOMIC makes
 * its pageblock HighAtomic (Linux 6.1's reserve, at most 1% of the zone
 * and one pageblock).  Order 0 is served from the zone's pcp list, refilled by
 * up to batch pages but never below the mark that admitted the request.
 * Returns the head page (refcount 1), or NULL for order >= MAX_ORDER or
 * when no zone can give the block; a failure changes nothing but the
 * drained pcp lists.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order);

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
 * Give [start_pfn, end_pfn) to the allocator one page at a time, as Linux's
 * free_reserved_area does (every page's state and count are written, then
 * it is freed): for memory the kernel is done with after boot, such as
 * .init (and the feeding benchmark).  The pages must be covered by mem_map,
 * lie in one zone, and be on no list: reserved, or never fed.  Returns the
 * number of pages.
 */
unsigned long buddy_feed_range_pages(unsigned long start_pfn, unsigned long end_pfn);

#endif
