/*
 * The buddy allocator: per zone, free_area[order] holds free blocks of
 * 2^order pages, each aligned to its size.  Allocation splits a larger
 * block, freeing merges a block with its buddy (pfn ^ 2^order) while that
 * is free too.  In front of the free lists, each zone's per-CPU lists of
 * order-0 pages (mm_types.h, struct per_cpu_pages), one pageset per CPU,
 * serve most order-0 requests without a split or a merge and without the
 * zone lock.  Locks (mm_types.h): a pageset's lock, then the zone's.  Also here: feeding the free memblock ranges
 * in at boot, the checks that refuse bad frees, the invariant checker and
 * /proc/buddyinfo.  Zone spans, watermarks and pcp sizes come from zone.c.
 */
#include <compaction.h>
#include <gfp.h>
#include <memblock.h>
#include <printk.h>
#include <smp.h>
#include <string.h>
#include "internal.h"

/* ---- pageblock types ---- */

void set_pageblock_migratetype(struct zone *z, unsigned long pfn, int mt)
{
	z->pageblock_types[pfn >> pageblock_order] = (u8)mt;
}

/* ---- free lists ---- */

static void add_free_block(struct zone *z, struct page *page, unsigned int order, int mt)
{
	page->flags = PG_buddy;
	page->order = order;
	list_add(&page->lru, &z->free_area[order].free_list[mt]);
	z->free_area[order].nr_free++;
}

static void del_free_block(struct zone *z, struct page *page, unsigned int order)
{
	list_del(&page->lru);
	page->flags = 0;
	page->order = 0;
	z->free_area[order].nr_free--;
}

/*
 * Free [pfn, pfn + 2^order) into z, merging upwards while the buddy is free,
 * onto the free list of type mt (the pageblock's, Linux's __free_one_page).
 * Only block heads are read or written: the pages inside stay "none".  A
 * merge never leaves the pageblock (pageblock_order is MAX_ORDER - 1).
 */
static void merge_and_add(struct zone *z, unsigned long pfn, unsigned int order, int mt)
{
	z->free_pages += 1UL << order;
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy;

		if (!zone_spans_pfn(z, buddy_pfn))
			break;
		buddy = pfn_to_page(buddy_pfn);
		if (!PageBuddy(buddy) || buddy->order != order)
			break;
		del_free_block(z, buddy, order);
		pfn &= buddy_pfn;
		order++;
	}
	add_free_block(z, pfn_to_page(pfn), order, mt);
}

/* Free into the list of the pageblock's own type.  Called with z->lock held. */
static inline void free_one_block(struct zone *z, unsigned long pfn, unsigned int order)
{
	merge_and_add(z, pfn, order, get_pfnblock_migratetype(z, pfn));
}

static void free_one_block_locked(struct zone *z, unsigned long pfn, unsigned int order)
{
	unsigned long flags;

	spin_lock_irqsave(&z->lock, flags);
	free_one_block(z, pfn, order);
	spin_unlock_irqrestore(&z->lock, flags);
}

/*
 * Take the first block of at least 2^order pages from the lists of type mt
 * and split off the rest onto the same lists (Linux's __rmqueue_smallest
 * and expand).
 */
static struct page *rmqueue_smallest(struct zone *z, unsigned int order, int mt)
{
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		struct list_head *list = &z->free_area[o].free_list[mt];
		struct page *page;
		unsigned long pfn;

		if (list_empty(list))
			continue;
		page = list_entry(list->next, struct page, lru);
		del_free_block(z, page, o);
		pfn = page_to_pfn(page);
		while (o > order) {
			o--;
			add_free_block(z, pfn_to_page(pfn + (1UL << o)), o, mt);
		}
		z->free_pages -= 1UL << order;
		return page;
	}
	return NULL;
}

/* ---- fallback between migrate types: Linux 6.1's rules ---- */

/* Where a request of each type looks next, in order; MIGRATE_TYPES ends a row. */
static const int fallbacks[MIGRATE_PCPTYPES][MIGRATE_PCPTYPES] = {
	[MIGRATE_UNMOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE, MIGRATE_TYPES },
	[MIGRATE_MOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE, MIGRATE_TYPES },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE, MIGRATE_TYPES },
};

/*
 * Linux's can_steal_fallback: whether a request of start_mt that falls
 * back at this order may take the rest of the pageblock too.  Large
 * blocks always; Unmovable and Reclaimable requests always, so that they
 * crowd into few pageblocks; Movable ones only from half a pageblock up.
 */
static bool can_steal_fallback(unsigned int order, int start_mt)
{
	return order >= pageblock_order / 2 || start_mt == MIGRATE_RECLAIMABLE || start_mt == MIGRATE_UNMOVABLE;
}

/* The first fallback type of start_mt with a free block of this order, or -1; *can_steal as above. */
static int find_suitable_fallback(const struct free_area *area, unsigned int order, int start_mt, bool *can_steal)
{
	if (!area->nr_free)
		return -1;
	for (int i = 0; fallbacks[start_mt][i] != MIGRATE_TYPES; i++) {
		int mt = fallbacks[start_mt][i];

		if (list_empty(&area->free_list[mt]))
			continue;
		*can_steal = can_steal_fallback(order, start_mt);
		return mt;
	}
	return -1;
}

/*
 * Move every free block of the pageblock holding page onto the lists of
 * type mt (Linux's move_freepages_block, without crossing the zone's
 * end); returns the pages moved.  Linux also counts the allocated pages
 * on the LRU as movable: nothing here is on an LRU, so there are none.
 */
static unsigned long move_freepages_block(struct zone *z, struct page *page, int mt)
{
	unsigned long pfn = page_to_pfn(page), start = pfn & ~(pageblock_nr_pages - 1);
	unsigned long end = start + pageblock_nr_pages, moved = 0;

	if (!zone_spans_pfn(z, start))
		start = pfn;
	if (!zone_spans_pfn(z, end - 1))
		return 0;
	while (start < end) {
		struct page *p = pfn_to_page(start);

		if (!PageBuddy(p)) {
			start++;
			continue;
		}
		list_move(&p->lru, &z->free_area[p->order].free_list[mt]);
		moved += 1UL << p->order;
		start += 1UL << p->order;
	}
	return moved;
}

/*
 * Linux's steal_suitable_fallback: page (free, on a list of another type)
 * goes onto start_mt's list.  A block of a whole pageblock takes the
 * pageblock over; otherwise, if whole_block, all free blocks of the
 * pageblock move to start_mt, and the pageblock changes type when at
 * least half of it is free or, for a Unmovable or Reclaimable request
 * from a Movable pageblock, allocated (counted as compatible: none of its
 * pages is movable here, see move_freepages_block).  HighAtomic blocks
 * keep their type.
 */
static void steal_suitable_fallback(struct zone *z, struct page *page, int start_mt, bool whole_block)
{
	unsigned long pfn = page_to_pfn(page), free, alike = 0;
	int old_mt = get_pfnblock_migratetype(z, pfn);

	if (old_mt != MIGRATE_HIGHATOMIC && page->order >= pageblock_order) {
		set_pageblock_migratetype(z, pfn, start_mt);
	} else if (old_mt != MIGRATE_HIGHATOMIC && whole_block) {
		free = move_freepages_block(z, page, start_mt);
		if (start_mt != MIGRATE_MOVABLE && old_mt == MIGRATE_MOVABLE)
			alike = pageblock_nr_pages - free;
		if (free && free + alike >= pageblock_nr_pages / 2)
			set_pageblock_migratetype(z, pfn, start_mt);
		if (free)
			return;
	}
	list_move(&page->lru, &z->free_area[page->order].free_list[start_mt]);
}

/*
 * Linux's __rmqueue_fallback: the largest free block of a fallback type
 * (roughly, the pageblock with the most free pages) - but for a Movable
 * request that may not take the pageblock, the smallest block that will
 * do, which fragments less.  Moves it (and maybe its pageblock) to
 * start_mt's lists; returns false if no fallback type has one.
 */
static bool rmqueue_fallback(struct zone *z, unsigned int order, int start_mt)
{
	bool can_steal = false;
	int mt = -1, o;

	for (o = MAX_ORDER - 1; o >= (int)order; o--) {
		mt = find_suitable_fallback(&z->free_area[o], (unsigned int)o, start_mt, &can_steal);
		if (mt >= 0)
			break;
	}
	if (mt < 0)
		return false;
	if (!can_steal && start_mt == MIGRATE_MOVABLE && o > (int)order) {
		for (o = (int)order; o < MAX_ORDER; o++) {
			mt = find_suitable_fallback(&z->free_area[o], (unsigned int)o, start_mt, &can_steal);
			if (mt >= 0)
				break;
		}
	}
	steal_suitable_fallback(z, list_first_entry(&z->free_area[o].free_list[mt], struct page, lru),
				start_mt, can_steal);
	return true;
}

/*
 * A block of 2^order pages for a request of type mt (< MIGRATE_PCPTYPES):
 * from mt's own lists, else through a fallback (Linux's __rmqueue).
 */
static struct page *rmqueue(struct zone *z, unsigned int order, int mt)
{
	struct page *page = rmqueue_smallest(z, order, mt);

	if (unlikely(!page) && rmqueue_fallback(z, order, mt))
		page = rmqueue_smallest(z, order, mt);
	return page;
}

/* ---- the HighAtomic reserve: Linux 6.1's ---- */

/* The most z reserves: 1% of its managed pages and one pageblock more (Linux's max_managed). */
static unsigned long highatomic_limit(const struct zone *z)
{
	return z->managed_pages / 100 + pageblock_nr_pages;
}

/*
 * Linux's reserve_highatomic_pageblock: a high-order ALLOC_HARDER request
 * was just served from page's pageblock, so the next such request should
 * find room there too: the pageblock becomes HighAtomic, with every free
 * block in it, unless z reserves its limit already.  Only a pageblock of
 * a type with a pcp list changes (not Isolate, not HighAtomic already).
 * The unlocked look at the count saves the lock once the limit is
 * reached; the count is looked at again under it.
 */
static void reserve_highatomic_pageblock(struct zone *z, struct page *page)
{
	unsigned long pfn = page_to_pfn(page), flags;

	if (z->nr_reserved_highatomic >= highatomic_limit(z))
		return;
	spin_lock_irqsave(&z->lock, flags);
	if (z->nr_reserved_highatomic < highatomic_limit(z) &&
	    get_pfnblock_migratetype(z, pfn) < MIGRATE_PCPTYPES) {
		z->nr_reserved_highatomic += pageblock_nr_pages;
		set_pageblock_migratetype(z, pfn, MIGRATE_HIGHATOMIC);
		move_freepages_block(z, page, MIGRATE_HIGHATOMIC);
	}
	spin_unlock_irqrestore(&z->lock, flags);
}

/*
 * One HighAtomic pageblock of z with a free block in it back to type mt,
 * as Linux's unreserve_highatomic_pageblock does it: the first free block
 * on the HighAtomic lists, smallest order first, names the pageblock; it
 * takes mt, its free blocks move to mt's lists, and the reserve shrinks
 * by a pageblock if the pageblock still was HighAtomic (a block freed
 * onto the HighAtomic lists after its pageblock changed type can be
 * found there too; Linux guards the count the same way).  Whether pages
 * moved.
 */
static bool unreserve_zone_highatomic(struct zone *z, int mt)
{
	unsigned long flags;
	bool moved = false;

	spin_lock_irqsave(&z->lock, flags);
	for (unsigned int o = 0; o < MAX_ORDER && !moved; o++) {
		struct list_head *list = &z->free_area[o].free_list[MIGRATE_HIGHATOMIC];
		struct page *page;
		unsigned long pfn;

		if (list_empty(list))
			continue;
		page = list_first_entry(list, struct page, lru);
		pfn = page_to_pfn(page);
		if (get_pfnblock_migratetype(z, pfn) == MIGRATE_HIGHATOMIC)
			z->nr_reserved_highatomic -= min(pageblock_nr_pages, z->nr_reserved_highatomic);
		set_pageblock_migratetype(z, pfn, mt);
		moved = move_freepages_block(z, page, mt) != 0;
	}
	spin_unlock_irqrestore(&z->lock, flags);
	return moved;
}

/*
 * Before a request of type mt that may reclaim fails: one HighAtomic
 * pageblock, from the first zone the request may use that has one, back
 * to mt (Linux 6.1's unreserve_highatomic_pageblock).  Without force a
 * zone keeps its last reserved pageblock; with force (Linux: the retries
 * have run out, next would be the OOM killer) it gives that too.
 * Whether a pageblock came back.
 */
bool unreserve_highatomic_pageblock(enum zone_type highest, int mt, bool force)
{
	for (int zt = highest; zt >= ZONE_NORMAL; zt--) {
		struct zone *z = &node_zones[zt];

		if (!force && z->nr_reserved_highatomic <= pageblock_nr_pages)
			continue;
		if (unreserve_zone_highatomic(z, mt))
			return true;
	}
	return false;
}

/* ---- per-CPU lists: see struct per_cpu_pages in mm_types.h ---- */

/* The pcp list of blocks of 2^order pages of type mt (Linux 6.1's order_to_pindex without THP). */
static inline unsigned int order_to_pindex(int mt, unsigned int order)
{
	return MIGRATE_PCPTYPES * order + (unsigned int)mt;
}

static inline unsigned int pindex_to_order(unsigned int pindex)
{
	return pindex / MIGRATE_PCPTYPES;
}

/*
 * Up to n blocks of 2^order pages of type mt from the free lists onto
 * pcp's empty list for them, in rmqueue's order (Linux's rmqueue_bulk);
 * returns how many.  Called with pcp->lock held; takes the zone lock.
 */
static unsigned long pcp_refill(struct zone *z, struct per_cpu_pages *pcp, unsigned int order, int mt,
				unsigned long n)
{
	struct list_head *list = &pcp->lists[order_to_pindex(mt, order)];
	unsigned long got = 0;

	spin_lock(&z->lock);
	for (; got < n; got++) {
		struct page *page = rmqueue(z, order, mt);

		if (!page)
			break;
		page->flags = PG_pcp;
		page->order = order;
		list_add_tail(&page->lru, list);
	}
	spin_unlock(&z->lock);
	pcp->count += got << order;
	return got;
}

/*
 * At least n pages (or all there are) back to the free lists, merged, as
 * Linux 6.1's free_pcppages_bulk: the coldest blocks (the lists' tails)
 * of list pindex first until it is empty, then of the next non-empty list
 * in index order, round and round.  A block goes to the list of its
 * pageblock's type as it is now (Linux remembers the type it had when
 * freed; struct page has no room for it here, and the two differ only if
 * the pageblock changed type meanwhile).  Called with pcp->lock held;
 * takes the zone lock.
 */
static void pcp_give_back(struct zone *z, struct per_cpu_pages *pcp, unsigned long n, unsigned int pindex)
{
	unsigned int empty = 0;	/* lists found empty in a row */

	n = min(n, pcp->count);
	spin_lock(&z->lock);
	while (n) {
		struct list_head *list = &pcp->lists[pindex];
		unsigned int order = pindex_to_order(pindex);

		if (list_empty(list) && ++empty == NR_PCP_LISTS) {
			/* Linux would loop here for ever; a count that lists no block is a bug to report. */
			pr_err("page_alloc: %s pageset counts %lu pages its lists do not hold; count set to 0\n",
			       z->name, pcp->count);
			pcp->count = 0;
			break;
		}
		if (!list_empty(list))
			empty = 0;
		while (n && !list_empty(list)) {
			struct page *page = list_last_entry(list, struct page, lru);

			list_del(&page->lru);
			page->flags = 0;
			page->order = 0;
			free_one_block(z, page_to_pfn(page), order);
			pcp->count -= 1UL << order;
			n -= min(n, 1UL << order);
		}
		pindex = (pindex + 1) % NR_PCP_LISTS;
	}
	spin_unlock(&z->lock);
}

/* An Isolate pageblock's block: to the free lists, past the pcp. */
static void free_isolated_block(struct zone *z, struct page *page, unsigned long pfn, unsigned int order)
{
	unsigned long flags;

	page->flags = 0;
	page->order = 0;
	spin_lock_irqsave(&z->lock, flags);
	merge_and_add(z, pfn, order, MIGRATE_ISOLATE);
	spin_unlock_irqrestore(&z->lock, flags);
}

/*
 * The block (order <= PAGE_ALLOC_COSTLY_ORDER, its last reference gone)
 * goes first on the pcp list of its order and its pageblock's type, as
 * the hottest: a HighAtomic block's onto Movable's, an Isolate block's
 * straight to the free lists (Linux 6.1's free_unref_page).  At high,
 * batch pages go back, starting with this list.
 *
 * The pageset lock is a plain spin_lock where Linux 6.1 masks IRQs too
 * (pcp_spin_lock_irqsave): kernel code here runs with IRQs masked
 * (include/irq.h), so no interrupt handler can come between this CPU's
 * lock and unlock, and saving and restoring the mask would change nothing
 * (make bench, 3G/1G: alloc_free_order0_pcp 8 instructions fewer).
 */
static __always_inline void pcp_free(struct zone *z, struct page *page, unsigned long pfn, unsigned int order)
{
	struct per_cpu_pages *pcp = this_cpu_pcp(z);
	int mt = get_pfnblock_migratetype(z, pfn);
	unsigned int pindex;

	if (unlikely(mt >= MIGRATE_PCPTYPES)) {
		if (mt == MIGRATE_ISOLATE) {
			free_isolated_block(z, page, pfn, order);
			return;
		}
		mt = MIGRATE_MOVABLE;
	}
	pindex = order_to_pindex(mt, order);
	page->flags = PG_pcp;
	spin_lock(&pcp->lock);
	list_add(&page->lru, &pcp->lists[pindex]);
	pcp->count += 1UL << order;
	if (pcp->count >= pcp->high)
		pcp_give_back(z, pcp, pcp->batch, pindex);
	spin_unlock(&pcp->lock);
}

/*
 * Every CPU's pagesets back to the free lists.  Linux 6.1 drains another
 * CPU's pageset under that pageset's lock as well (drain_pages_zone); doing
 * it from here rather than through the CPU's mailbox means two CPUs that
 * drain at once never wait for each other.
 */
void drain_all_pages(void)
{
	unsigned int cpu;

	for (int i = 0; i < MAX_NR_ZONES; i++)
		for_each_possible_cpu(cpu) {
			struct per_cpu_pages *pcp = zone_pcp(&node_zones[i], cpu);
			unsigned long flags;

			spin_lock_irqsave(&pcp->lock, flags);
			pcp_give_back(&node_zones[i], pcp, pcp->count, 0);
			spin_unlock_irqrestore(&pcp->lock, flags);
		}
}

static bool pcp_lists_empty(void)
{
	for (int i = 0; i < MAX_NR_ZONES; i++)
		if (zone_pcp_count(&node_zones[i]))
			return false;
	return true;
}

/* ---- allocation ---- */

_Static_assert(ALLOC_HIGH == __GFP_HIGH, "gfp_to_alloc_flags passes __GFP_HIGH on as ALLOC_HIGH, as Linux does");
_Static_assert(ALLOC_WMARK_MIN == WMARK_MIN && ALLOC_WMARK_LOW == WMARK_LOW && ALLOC_WMARK_HIGH == WMARK_HIGH,
	       "the ALLOC_WMARK_ values index _watermark[]");

/*
 * Linux 6.1's gfp_to_alloc_flags for what exists here: the slow path's
 * min mark, ALLOC_HIGH for __GFP_HIGH, ALLOC_HARDER for __GFP_ATOMIC (so
 * GFP_ATOMIC, which has both, gets both).  No real-time tasks, no OOM
 * killer, no CMA: none of their flags.
 */
unsigned int gfp_to_alloc_flags(gfp_t gfp)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN | (gfp & __GFP_HIGH);

	if (gfp & __GFP_ATOMIC)
		alloc_flags |= ALLOC_HARDER;
	return alloc_flags;
}

/*
 * The free pages z must keep for a request with these flags: the mark,
 * halved for ALLOC_HIGH, less a quarter of what is left for ALLOC_HARDER,
 * plus z's reserve against requests that could use zone highest (0 in
 * the highest zone itself).  Linux's __zone_watermark_ok without CMA or
 * the OOM killer.
 */
static unsigned long watermark_limit(const struct zone *z, unsigned long mark, enum zone_type highest,
					    unsigned int alloc_flags)
{
	unsigned long min = mark;

	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (alloc_flags & ALLOC_HARDER)
		min -= min / 4;
	return min + z->lowmem_reserve[highest];
}

/*
 * The free pages a request with these flags may count: all of them for
 * ALLOC_HARDER, else all but the HighAtomic reserve (Linux 6.1's
 * __zone_watermark_unusable_free; Linux lets the difference go negative,
 * here it stops at 0, which fails every mark alike).
 */
static inline unsigned long usable_free_pages(const struct zone *z, unsigned int alloc_flags)
{
	unsigned long free = z->free_pages;

	if (alloc_flags & ALLOC_HARDER)
		return free;
	return free - min(free, z->nr_reserved_highatomic);
}

/* Whether free pages, less the 2^order - 1 that a block of 2^order takes beyond one page, stay above limit. */
static bool above_limit(unsigned long free, unsigned int order, unsigned long limit)
{
	return free >= (1UL << order) && free - ((1UL << order) - 1) > limit;
}

/*
 * Whether a free block of at least 2^order pages that this request may
 * take is on z's free lists: on a list of a type with a pcp list (any of
 * them: the fallbacks reach every one), or on the HighAtomic one for an
 * ALLOC_HARDER request (Linux 6.1's loop in __zone_watermark_ok; Isolate
 * blocks give nothing out).  From the largest order down: a zone with
 * any free memory to speak of has a block of MAX_ORDER - 1, so the
 * order-3 fast path looks once.
 */
static inline bool zone_has_block(const struct zone *z, unsigned int order, unsigned int alloc_flags)
{
	for (int o = MAX_ORDER - 1; o >= (int)order; o--) {
		const struct free_area *area = &z->free_area[o];

		if (!area->nr_free)
			continue;
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			if (!list_empty(&area->free_list[mt]))
				return true;
		if ((alloc_flags & ALLOC_HARDER) && !list_empty(&area->free_list[MIGRATE_HIGHATOMIC]))
			return true;
	}
	return false;
}

/*
 * Linux's rule: the free pages (on the free lists, not the pcp list: its
 * NR_FREE_PAGES), less the HighAtomic reserve unless ALLOC_HARDER, must
 * stay above the limit after the block, and for order > 0 a block that
 * large must exist where the request may take it.
 */
bool zone_watermark_ok(const struct zone *z, unsigned int order, unsigned long mark, enum zone_type highest,
		       unsigned int alloc_flags)
{
	if (!above_limit(usable_free_pages(z, alloc_flags), order, watermark_limit(z, mark, highest, alloc_flags)))
		return false;
	return !order || zone_has_block(z, order, alloc_flags);
}

/*
 * A block of order > 0: Linux 6.1's rmqueue_buddy, where a request that
 * may dig deeper (ALLOC_HARDER) looks at the HighAtomic reserve first.
 */
static inline struct page *rmqueue_buddy(struct zone *z, unsigned int order, unsigned int alloc_flags, int mt)
{
	struct page *page = NULL;

	if (alloc_flags & ALLOC_HARDER)
		page = rmqueue_smallest(z, order, MIGRATE_HIGHATOMIC);
	return page ? page : rmqueue(z, order, mt);
}

/*
 * Linux 6.1's refill size for blocks of 2^order pages: batch, scaled down
 * by the order but at least 2 - unless batch is 1 (a boot pageset or a
 * tiny zone: nothing is meant to wait on the list).
 */
static inline unsigned long pcp_refill_blocks(const struct per_cpu_pages *pcp, unsigned int order)
{
	unsigned long batch = pcp->batch;

	return batch > 1 ? max(batch >> order, 2UL) : batch;
}

/*
 * One block of 2^order pages (order <= PAGE_ALLOC_COSTLY_ORDER) from the
 * pcp list of a zone that passed its watermark check; an empty list is
 * refilled with pcp_refill_blocks blocks but at most room pages (the free
 * pages above the limit that admitted the request, at least 2^order), so
 * a refill never takes the free lists below that limit.  Linux's
 * rmqueue_bulk takes the whole refill; here requests of one kind,
 * repeated until refused, leave the free lists exactly at their limit.
 * Each order and migrate type has its own list (mm_types.h).  The lock:
 * see pcp_free.
 */
static inline struct page *rmqueue_pcp(struct zone *z, unsigned int order, int mt, unsigned long room)
{
	struct per_cpu_pages *pcp = this_cpu_pcp(z);
	struct list_head *list = &pcp->lists[order_to_pindex(mt, order)];
	struct page *page = NULL;

	spin_lock(&pcp->lock);
	if (!list_empty(list) || pcp_refill(z, pcp, order, mt, min(pcp_refill_blocks(pcp, order), room >> order))) {
		page = list_first_entry(list, struct page, lru);
		__list_del_entry(&page->lru);	/* lru now belongs to the page's owner */
		pcp->count -= 1UL << order;
	}
	spin_unlock(&pcp->lock);
	return page;
}

/* rmqueue_buddy under the zone lock. */
static struct page *rmqueue_buddy_locked(struct zone *z, unsigned int order, unsigned int alloc_flags, int mt)
{
	unsigned long flags;
	struct page *page;

	spin_lock_irqsave(&z->lock, flags);
	page = rmqueue_buddy(z, order, alloc_flags, mt);
	spin_unlock_irqrestore(&z->lock, flags);
	return page;
}

/*
 * Linux's get_page_from_freelist: every populated zone the request may use
 * (Linux's zonelists hold no empty zone), from first down to Normal, that
 * passes its watermark check for the mark the flags name (all of them with
 * ALLOC_NO_WATERMARKS): zone_watermark_ok's check.  Inline, so that each
 * caller's constant flags fold the mark's reductions away (make bench,
 * 2G/2G: vmalloc_1m 84000 instructions, 90100 out of line).  Then Linux
 * 6.1's rmqueue: a block of order <= PAGE_ALLOC_COSTLY_ORDER from the pcp
 * list, else (or when that finds none) from the free lists, where an
 * ALLOC_HARDER request looks at the HighAtomic lists first.  A high-order
 * ALLOC_HARDER request served makes its pageblock HighAtomic (Linux's
 * reserve_highatomic_pageblock, above).
 */
static __always_inline struct page *get_page_from_freelist(unsigned int order, unsigned int alloc_flags, int first,
							 enum zone_type highest, int mt)
{
	for (int zt = first; zt >= ZONE_NORMAL; zt--) {
		struct zone *z = &node_zones[zt];
		unsigned long limit = 0, free = z->free_pages;
		struct page *page;

		if (!populated_zone(z))
			continue;
		if (!(alloc_flags & ALLOC_NO_WATERMARKS)) {
			free = usable_free_pages(z, alloc_flags);
			limit = watermark_limit(z, z->_watermark[alloc_flags & ALLOC_WMARK_MASK], highest, alloc_flags);
			if (!above_limit(free, order, limit) || (order && !zone_has_block(z, order, alloc_flags)))
				continue;
		}
		page = NULL;
		if (order <= PAGE_ALLOC_COSTLY_ORDER)
			page = rmqueue_pcp(z, order, mt, free - min(limit, free));
		if (!page)
			page = rmqueue_buddy_locked(z, order, alloc_flags, mt);
		if (!page)
			continue;
		if (unlikely(order && (alloc_flags & ALLOC_HARDER)))
			reserve_highatomic_pageblock(z, page);
		return page;
	}
	return NULL;
}

/*
 * Linux's __alloc_pages_direct_compact: a request of order > 0 that may
 * reclaim has the zones compacted (mm/compaction.c) and, unless no zone
 * was suitable, is tried once more, counted as compact_stall and then
 * compact_success or compact_fail.  Only where migration is allowed (include/compaction.h):
 * elsewhere the request fails as before.  Out of line: the slow path's
 * last resort.
 */
static __attribute__((noinline)) struct page *alloc_pages_direct_compact(unsigned int order, unsigned int alloc_flags,
									 enum zone_type highest, int mt)
{
	struct page *page;

	if (!compaction_allowed() || try_to_compact_pages(order, highest) == COMPACT_SKIPPED)
		return NULL;
	page = get_page_from_freelist(order, alloc_flags, highest, highest, mt);
	compaction_note_result(page, order);
	return page;
}

/* One try at the slow path's mark; for __GFP_MEMALLOC then with none at all (Linux's reserve_flags). */
static struct page *slowpath_try(gfp_t gfp, unsigned int order, unsigned int alloc_flags, enum zone_type highest,
				 int mt)
{
	struct page *page = get_page_from_freelist(order, alloc_flags, highest, highest, mt);

	if (!page && (gfp & __GFP_MEMALLOC))
		page = get_page_from_freelist(order, ALLOC_NO_WATERMARKS, highest, highest, mt);
	return page;
}

/*
 * What Linux's __alloc_pages_direct_reclaim does when reclaim frees
 * nothing (there is nothing to reclaim here): a HighAtomic pageblock
 * beyond a zone's last goes back to the request's type, the pcp lists go
 * back to the free lists (their pages count for no mark while they wait
 * there, and cannot merge), and the zones are tried once more - unless
 * neither changed anything.
 */
static struct page *alloc_pages_direct_reclaim(gfp_t gfp, unsigned int order, unsigned int alloc_flags,
					       enum zone_type highest, int mt)
{
	bool unreserved = unreserve_highatomic_pageblock(highest, mt, false);

	if (!pcp_lists_empty())
		drain_all_pages();
	else if (!unreserved)
		return NULL;
	return slowpath_try(gfp, order, alloc_flags, highest, mt);
}

/*
 * Linux 6.1's __alloc_pages_slowpath with nothing to reclaim: kcompactd woken
 * where Linux wakes kswapd (which wakes kcompactd); the min
 * mark with the flags' reductions (for __GFP_MEMALLOC then no marks at
 * all); then, if the caller may reclaim, direct reclaim's drain (above),
 * direct compaction for order > 0, and last what should_reclaim_retry
 * does once the retries have run out before the OOM killer: every
 * HighAtomic pageblock, the last of a zone too, given back one at a
 * time, each followed by one more try, until the request is served or
 * none is left.
 */
static struct page *alloc_pages_slowpath(gfp_t gfp, unsigned int order, enum zone_type highest, int mt)
{
	unsigned int alloc_flags = gfp_to_alloc_flags(gfp);
	struct page *page;

	if (gfp & __GFP_KSWAPD_RECLAIM)
		wakeup_kcompactd(order, highest);	/* where Linux wakes kswapd, which wakes kcompactd */
	page = slowpath_try(gfp, order, alloc_flags, highest, mt);
	if (page || !(gfp & __GFP_DIRECT_RECLAIM))
		return page;
	page = alloc_pages_direct_reclaim(gfp, order, alloc_flags, highest, mt);
	if (!page && order)
		page = alloc_pages_direct_compact(order, alloc_flags, highest, mt);
	while (!page && unreserve_highatomic_pageblock(highest, mt, true))
		page = slowpath_try(gfp, order, alloc_flags, highest, mt);
	return page;
}

/* The one scratch address is every CPU's: held from mm_scratch_map to mm_scratch_unmap. */
static DEFINE_SPINLOCK(mm_scratch_lock);
static unsigned long mm_scratch_flags;

void *mm_scratch_map(unsigned long pfn)
{
	unsigned long flags;

	spin_lock_irqsave(&mm_scratch_lock, flags);
	if (arch_map_range(MM_SCRATCH_VADDR, PFN_PHYS(pfn), PAGE_SIZE, ARCH_MAP_CACHED | ARCH_MAP_NX)) {
		spin_unlock_irqrestore(&mm_scratch_lock, flags);
		return NULL;
	}
	mm_scratch_flags = flags;
	return (void *)MM_SCRATCH_VADDR;
}

void mm_scratch_unmap(void)
{
	arch_unmap_range(MM_SCRATCH_VADDR, PAGE_SIZE);
	arch_flush_tlb_page(MM_SCRATCH_VADDR);
	spin_unlock_irqrestore(&mm_scratch_lock, mm_scratch_flags);
}

static bool zero_block(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	if (!PageHighMem(page)) {
		memset(page_address(page), 0, PAGE_SIZE << order);
		return true;
	}
	for (unsigned long i = 0; i < (1UL << order); i++) {
		void *va = mm_scratch_map(pfn + i);

		if (!va)
			return false;
		memset(va, 0, PAGE_SIZE);
		mm_scratch_unmap();
	}
	return true;
}

/* An allocated block whose last reference is gone back to its zone: up to the costly order to a pcp list. */
static inline void release_block(struct page *page, unsigned long pfn, unsigned int order)
{
	struct zone *z = pfn_zone(pfn);

	/*
	 * An empty asm that "changes" z: the compiler then reaches the
	 * pageblock types through z instead of recomputing node_zones + index
	 * with a multiplication (make bench, 3G/1G: alloc_free_order0_pcp
	 * 107 instructions with it, 111 without; order3 246 and 250).
	 */
	__asm__("" : "+r"(z));
	page->_refcount = 0;
	/*
	 * Order 0 on a path of its own, all its shifts by a constant, as in
	 * alloc_pages (make bench, 3G/1G: alloc_free_order0_pcp 186
	 * instructions with one path for orders 0 to 3 in both).
	 */
	if (order == 0) {
		pcp_free(z, page, pfn, 0);
		return;
	}
	if (order <= PAGE_ALLOC_COSTLY_ORDER) {
		pcp_free(z, page, pfn, order);
		return;
	}
	page->flags = 0;
	page->order = 0;
	free_one_block_locked(z, pfn, order);
}

/*
 * Fast path: saves get_page_from_freelist's loop over the zones and the mark's reductions for
 * a request a pcp list may serve (make bench: alloc_free_order0_pcp 100 instructions with it,
 * 127 without; order0_frag 284 and 307).  It serves the request from the pcp list of its
 * first zone when that zone passes its low mark, which is what get_page_from_freelist checks
 * first (a zone keeps no reserve against itself), the HighAtomic reserve left out as Linux
 * 6.1's zone_watermark_fast leaves it out for order 0 too; NULL sends the request the plain
 * way.
 */
static __always_inline struct page *pcp_alloc_fast(struct zone *z, unsigned int order, int mt)
{
	unsigned long free = usable_free_pages(z, 0), low = low_wmark_pages(z);

	if (!above_limit(free, order, low) || (order && !zone_has_block(z, order, 0)))
		return NULL;
	return rmqueue_pcp(z, order, mt, free - low);
}

/* The zone alloc_pages starts from: HighMem for __GFP_HIGHMEM (falling back to Normal), else Normal. */
static enum zone_type gfp_zone(gfp_t gfp)
{
	return (gfp & __GFP_HIGHMEM) && IS_ENABLED(CONFIG_HIGHMEM) ? ZONE_HIGHMEM : ZONE_NORMAL;
}

/* A new block zeroed, or released again (NULL) if highmem cannot be mapped for it. */
static __attribute__((noinline)) struct page *zero_new_block(struct page *page, unsigned int order)
{
	if (zero_block(page, order))
		return page;
	release_block(page, page_to_pfn(page), order);
	return NULL;
}

static void buddy_check_debug(void);	/* CONFIG_DEBUG_MM: the invariant checker, below */

/* The head of a block just taken made an allocated block's head, zeroed for __GFP_ZERO. */
static __always_inline struct page *prep_new_block(struct page *page, gfp_t gfp, unsigned int order)
{
	page->flags = PG_head;
	/*
	 * A block taken from the free lists has order 0 in its head
	 * (del_free_block), one from a pcp list its own order already:
	 * writing only a larger order saves a store on the order-0 fast path.
	 */
	if (order)
		page->order = order;
	page->_refcount = 1;
	if (unlikely(gfp & __GFP_ZERO))
		page = zero_new_block(page, order);
	if (IS_ENABLED(CONFIG_DEBUG_MM))
		buddy_check_debug();
	return page;
}

/* Both __GFP_MOVABLE and __GFP_RECLAIMABLE: a caller's mistake, served as Unmovable. */
static int bad_gfp_migratetype(gfp_t gfp)
{
	pr_err("page_alloc: gfp 0x%x has both __GFP_MOVABLE and __GFP_RECLAIMABLE; allocating Unmovable\n", gfp);
	return MIGRATE_UNMOVABLE;
}

/*
 * Every request but one its first zone's pcp list served: each
 * zone against its low mark, then the slow path.  Out of line so that the
 * order-0 fast path in alloc_pages keeps a small frame (make bench, 3G/1G,
 * when it was written: alloc_free_order0_pcp 130 instructions, 134 with
 * all of it inline).
 */
static __attribute__((noinline)) struct page *alloc_pages_zones(gfp_t gfp, unsigned int order, int mt)
{
	enum zone_type highest = gfp_zone(gfp);
	struct page *page;

	if (unlikely(mt >= MIGRATE_PCPTYPES))
		mt = bad_gfp_migratetype(gfp);
	if (order >= MAX_ORDER)
		return NULL;
	page = get_page_from_freelist(order, ALLOC_WMARK_LOW, highest, highest, mt);
	if (!page)
		page = alloc_pages_slowpath(gfp, order, highest, mt);
	return page ? prep_new_block(page, gfp, order) : NULL;
}

/* Linux's __alloc_pages: the fast path (every zone against its low mark), then the slow path. */
struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	int mt = gfp_migratetype(gfp);
	struct zone *z = &node_zones[gfp_zone(gfp)];
	struct page *page = NULL;

	/*
	 * Whether a pcp list may serve it: Linux 6.1's pcp_allowed_order, and
	 * a type with pcp lists (not both gfp type bits).  Order 0 first, on
	 * a path of its own with every shift by a constant, told in one
	 * compare (make bench, 3G/1G: alloc_free_order0_pcp 163 instructions,
	 * 170 with order and type told apart first).
	 */
	_Static_assert(MIGRATE_PCPTYPES < 4 && GFP_MOVABLE_MASK >> GFP_MOVABLE_SHIFT == 3, "mt takes 2 bits");
	if (likely(((order << 2) | (unsigned int)mt) < MIGRATE_PCPTYPES))
		page = pcp_alloc_fast(z, 0, mt);
	else if (order <= PAGE_ALLOC_COSTLY_ORDER && mt < MIGRATE_PCPTYPES)
		page = pcp_alloc_fast(z, order, mt);
	if (unlikely(!page))
		return alloc_pages_zones(gfp, order, mt);
	return prep_new_block(page, gfp, order);
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp & ~__GFP_HIGHMEM, order);

	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

/* ---- compaction's free scanner and page isolation (mm/compaction.c, mm/page_isolation.c) ---- */

/* The free block headed by page off z's lists, each of its pages an allocated order-0 page on list.  z->lock held. */
static unsigned long take_free_block(struct zone *z, struct page *page, unsigned int order, struct list_head *list)
{
	unsigned long pfn = page_to_pfn(page), n = 1UL << order;

	del_free_block(z, page, order);
	z->free_pages -= n;
	for (unsigned long i = 0; i < n; i++) {
		struct page *p = pfn_to_page(pfn + i);

		p->flags = PG_head;
		p->order = 0;
		p->_refcount = 1;
		list_add_tail(&p->lru, list);
	}
	return n;
}

unsigned long isolate_free_block(struct zone *z, struct page *page, unsigned int order, struct list_head *list)
{
	unsigned long pfn = page_to_pfn(page), flags, n = 0;
	int mt;

	spin_lock_irqsave(&z->lock, flags);
	mt = get_pfnblock_migratetype(z, pfn);
	if (PageBuddy(page) && page->order == order && mt != MIGRATE_ISOLATE &&
	    above_limit(z->free_pages, order, min_wmark_pages(z))) {
		if (order >= pageblock_order - 1 && mt != MIGRATE_HIGHATOMIC)
			set_pageblock_migratetype(z, pfn, MIGRATE_MOVABLE);
		n = take_free_block(z, page, order, list);
	}
	spin_unlock_irqrestore(&z->lock, flags);
	return n;
}

unsigned long take_isolated_block(struct zone *z, struct page *page, struct list_head *list)
{
	unsigned long flags, n = 0;

	spin_lock_irqsave(&z->lock, flags);
	if (PageBuddy(page) && get_pfnblock_migratetype(z, page_to_pfn(page)) == MIGRATE_ISOLATE)
		n = take_free_block(z, page, page->order, list);
	spin_unlock_irqrestore(&z->lock, flags);
	return n;
}

unsigned long set_pageblock_type_and_move(struct zone *z, unsigned long pfn, int mt)
{
	unsigned long flags, moved;

	spin_lock_irqsave(&z->lock, flags);
	set_pageblock_migratetype(z, pfn, mt);
	moved = move_freepages_block(z, pfn_to_page(pfn), mt);
	spin_unlock_irqrestore(&z->lock, flags);
	return moved;
}

/* ---- freeing ---- */

/* True if pfn is on z's pcp list or lies inside a block on its free lists. */
static bool pfn_is_free(const struct zone *z, unsigned long pfn)
{
	if (PagePcp(pfn_to_page(pfn)))
		return true;
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		unsigned long head = pfn & ~((1UL << o) - 1);
		const struct page *p;

		if (!zone_spans_pfn(z, head))
			break;
		p = pfn_to_page(head);
		if (PageBuddy(p) && p->order == o)
			return true;
	}
	return false;
}

/* Why a free is refused, in the order bad_free_reason tests them. */
enum bad_free {
	BAD_FREE_NONE,
	BAD_FREE_ORDER,		/* order >= MAX_ORDER */
	BAD_FREE_OUTSIDE,	/* pfn in no zone */
	BAD_FREE_MISALIGNED,	/* pfn not a multiple of 2^order */
	BAD_FREE_RESERVED,	/* PG_reserved: never the allocator's */
	BAD_FREE_DOUBLE,	/* already free (pcp list or free lists) */
	BAD_FREE_NEVER_ALLOCATED,	/* not the head of an allocated block */
	BAD_FREE_WRONG_ORDER,	/* allocated with another order */
};

/* What is wrong with freeing (pfn, order); BAD_FREE_NONE if it is a proper free after all. */
static enum bad_free bad_free_reason(unsigned long pfn, unsigned int order)
{
	const struct page *page = pfn_valid(pfn) ? pfn_to_page(pfn) : NULL;

	if (order >= MAX_ORDER)
		return BAD_FREE_ORDER;
	if (!page || !zone_spans_pfn(page_zone(page), pfn))
		return BAD_FREE_OUTSIDE;
	if (pfn & ((1UL << order) - 1))
		return BAD_FREE_MISALIGNED;
	if (PageReserved(page))
		return BAD_FREE_RESERVED;
	if (pfn_is_free(page_zone(page), pfn))
		return BAD_FREE_DOUBLE;
	if (!PageHead(page))
		return BAD_FREE_NEVER_ALLOCATED;
	if (page->order != order)
		return BAD_FREE_WRONG_ORDER;
	return BAD_FREE_NONE;
}

/* One line naming the mistake; returns -EINVAL, or 0 if the free is proper after all. */
static int report_bad_free(unsigned long pfn, unsigned int order)
{
	static const char *const what[] = {
		[BAD_FREE_ORDER] = "bad order",
		[BAD_FREE_OUTSIDE] = "outside any zone",
		[BAD_FREE_MISALIGNED] = "misaligned",
		[BAD_FREE_RESERVED] = "reserved",
		[BAD_FREE_NEVER_ALLOCATED] = "never allocated",
	};
	enum bad_free why = bad_free_reason(pfn, order);

	switch (why) {
	case BAD_FREE_NONE:
		return 0;
	case BAD_FREE_DOUBLE:
		pr_err("buddy: double free of pfn 0x%lx order %u\n", pfn, order);
		break;
	case BAD_FREE_WRONG_ORDER:
		pr_err("buddy: free of pfn 0x%lx with order %u, but it was allocated with order %u\n",
		       pfn, order, pfn_to_page(pfn)->order);
		break;
	default:
		pr_err("buddy: free of pfn 0x%lx order %u refused: %s\n", pfn, order, what[why]);
		break;
	}
	return -EINVAL;
}

/*
 * A proper free names the head of an allocated block with its order, and
 * PG_head is found on nothing else: no reserved or free page has it, and
 * the pages inside a free block have no flags (buddy_check's invariants).
 * So one look at the head page accepts a proper free in O(1); only a free
 * that fails it goes through bad_free_reason, which names the mistake.
 */
static inline int free_page_pfn(struct page *page, unsigned long pfn, unsigned int order)
{
	if ((page->flags != PG_head || page->order != order) && report_bad_free(pfn, order))
		return -EINVAL;
	if (page->_refcount > 1) {
		page->_refcount--;
		return 0;
	}
	release_block(page, pfn, order);
	if (IS_ENABLED(CONFIG_DEBUG_MM))
		buddy_check_debug();
	return 0;
}

int buddy_free_pfn(unsigned long pfn, unsigned int order)
{
	if (unlikely(!pfn_valid(pfn)))
		return report_bad_free(pfn, order);
	return free_page_pfn(pfn_to_page(pfn), pfn, order);
}

/* A pointer that is not a struct page of mem_map, or one past its end. */
static void free_bad_pointer(const struct page *page, unsigned int order)
{
	unsigned long offset = (unsigned long)page - (unsigned long)mem_map;

	if ((unsigned long)page < (unsigned long)mem_map || offset % sizeof(struct page))
		pr_err("buddy: free of %p refused: not a struct page in mem_map\n", (const void *)page);
	else	/* past the end: the pfn it would have, counted on from max_pfn */
		report_bad_free(max_pfn + (offset / sizeof(struct page) - mem_map_pages), order);
}

void __free_pages(struct page *page, unsigned int order)
{
	unsigned long pfn;

	if (unlikely(!mem_map_pfn(page, &pfn))) {
		free_bad_pointer(page, order);
		return;
	}
	free_page_pfn(page, pfn, order);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		buddy_free_pfn(PFN_DOWN(__pa((void *)addr)), order);
}

/* ---- feeding at boot ---- */

unsigned int buddy_block_order(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned int order = MAX_ORDER - 1;

	if (start_pfn && (unsigned int)__builtin_ctzl(start_pfn) < order)
		order = (unsigned int)__builtin_ctzl(start_pfn);
	while (start_pfn + (1UL << order) > end_pfn)
		order--;
	return order;
}

unsigned long buddy_feed_range(unsigned long start_pfn, unsigned long end_pfn)
{
	struct zone *z = pfn_zone(start_pfn);
	unsigned long blocks = 0;

	while (start_pfn < end_pfn) {
		unsigned int order = buddy_block_order(start_pfn, end_pfn);

		z->managed_pages += 1UL << order;
		z->fed_blocks++;
		free_one_block_locked(z, start_pfn, order);
		start_pfn += 1UL << order;
		blocks++;
	}
	return blocks;
}

/* Each page is set up as Linux's free_reserved_page does (state and count), then freed. */
unsigned long buddy_feed_range_pages(unsigned long start_pfn, unsigned long end_pfn)
{
	for (unsigned long pfn = start_pfn; pfn < end_pfn; pfn++) {
		struct page *page = pfn_to_page(pfn);
		struct zone *z = page_zone(page);

		page->flags = 0;
		page->_refcount = 0;
		z->managed_pages++;
		free_one_block_locked(z, pfn, 0);
	}
	return end_pfn - start_pfn;
}

static unsigned int count_free_blocks(void)
{
	unsigned int n = 0;

	for (int i = 0; i < MAX_NR_ZONES; i++)
		for (unsigned int o = 0; o < MAX_ORDER; o++)
			n += node_zones[i].free_area[o].nr_free;
	return n;
}

/* Sort by start (insertion sort: a few hundred blocks), then merge neighbours in one zone. */
static unsigned int sort_and_merge_ranges(struct pfn_range *ranges, unsigned int n)
{
	unsigned int m = 0;

	for (unsigned int i = 1; i < n; i++) {
		struct pfn_range r = ranges[i];
		unsigned int j = i;

		for (; j > 0 && ranges[j - 1].start > r.start; j--)
			ranges[j] = ranges[j - 1];
		ranges[j] = r;
	}
	for (unsigned int i = 0; i < n; i++) {
		if (m && ranges[m - 1].end == ranges[i].start &&
		    pfn_zone(ranges[m - 1].start) == pfn_zone(ranges[i].start))
			ranges[m - 1].end = ranges[i].end;
		else
			ranges[m++] = ranges[i];
	}
	return m;
}

/* The first block on the first non-empty list of a free_area with nr_free > 0. */
static struct page *first_free_block(struct free_area *area)
{
	int t = 0;

	while (list_empty(&area->free_list[t]))
		t++;
	return list_first_entry(&area->free_list[t], struct page, lru);
}

int buddy_unfeed_all(struct pfn_range *ranges, unsigned int max)
{
	unsigned int n = 0;

	drain_all_pages();
	if (count_free_blocks() > max)
		return -ENOSPC;
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &node_zones[i];

		for (unsigned int o = 0; o < MAX_ORDER; o++) {
			while (z->free_area[o].nr_free) {
				struct page *page = first_free_block(&z->free_area[o]);
				unsigned long pfn = page_to_pfn(page);

				del_free_block(z, page, o);
				z->free_pages -= 1UL << o;
				z->managed_pages -= 1UL << o;
				ranges[n].start = pfn;
				ranges[n].end = pfn + (1UL << o);
				n++;
			}
		}
	}
	return (int)sort_and_merge_ranges(ranges, n);
}

/*
 * Every pageblock of z whose first page (in the zone) is RAM becomes
 * Movable, as Linux's memmap_init marks them; the others (holes) stay
 * Unmovable, the zeroed bitmap's type.
 */
static void mark_pageblocks_movable(struct zone *z)
{
	for (unsigned long pfn = z->zone_start_pfn; pfn < zone_end_pfn(z);
	     pfn = (pfn | (pageblock_nr_pages - 1)) + 1)
		if (memblock_is_memory(PFN_PHYS(pfn)))
			set_pageblock_migratetype(z, pfn, MIGRATE_MOVABLE);
}

/*
 * Walks memblock's free ranges once, in ascending order: what lies between
 * them (reservations, holes between banks, partial pages) is marked
 * PG_reserved, the ranges themselves are fed, split at the zone boundary,
 * into pageblocks marked Movable first.
 */
void buddy_feed_all(void)
{
	unsigned long boundary = zone_end_pfn(&node_zones[ZONE_NORMAL]);
	unsigned long idx = 0, reserved_from = min_pfn;
	phys_addr_t start, end;

	for (int i = 0; i < MAX_NR_ZONES; i++)
		if (node_zones[i].spanned_pages)
			mark_pageblocks_movable(&node_zones[i]);

	while (memblock_next_free_range(&idx, &start, &end)) {
		unsigned long s = max(PFN_UP(start), min_pfn);
		unsigned long e = min(PFN_DOWN((u64)end), max_pfn);

		if (s >= e)
			continue;
		mem_map_reserve(reserved_from, s);
		if (s < min(e, boundary))
			buddy_feed_range(s, min(e, boundary));
		if (max(s, boundary) < e)
			buddy_feed_range(max(s, boundary), e);
		reserved_from = e;
	}
	mem_map_reserve(reserved_from, max_pfn);
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		const struct zone *z = &node_zones[i];

		if (i == ZONE_HIGHMEM && !IS_ENABLED(CONFIG_HIGHMEM))
			continue;
		pr_info("buddy: %s fed %lu pages in %lu blocks\n", z->name, z->managed_pages, z->fed_blocks);
	}
	init_per_zone_wmark_min();
}

/* ---- /proc/buddyinfo ---- */

void buddyinfo_show(struct seq *s)
{
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		const struct zone *z = &node_zones[i];

		if (!populated_zone(z))
			continue;
		seq_printf(s, "Node 0, zone %8s ", z->name);
		for (int o = 0; o < MAX_ORDER; o++)
			seq_printf(s, "%6lu ", z->free_area[o].nr_free);
		seq_puts(s, "\n");
	}
}

/* ---- /proc/pagetypeinfo ---- */

static const char *const migratetype_names[MIGRATE_TYPES] = {
	[MIGRATE_UNMOVABLE] = "Unmovable",
	[MIGRATE_MOVABLE] = "Movable",
	[MIGRATE_RECLAIMABLE] = "Reclaimable",
	[MIGRATE_HIGHATOMIC] = "HighAtomic",
	[MIGRATE_ISOLATE] = "Isolate",
};

/*
 * Linux 6.1 stops counting a free list at 100000 entries (the walk is made
 * under the zone lock) and shows the count as ">100000".
 */
#define PAGETYPEINFO_COUNT_MAX	100000UL

static void show_free_list_count(struct seq *s, const struct list_head *head)
{
	unsigned long n = 0;

	for (const struct list_head *l = head->next; l != head && n < PAGETYPEINFO_COUNT_MAX; l = l->next)
		n++;
	seq_printf(s, "%s%6lu ", n >= PAGETYPEINFO_COUNT_MAX ? ">" : "", n);
}

/* One zone's rows of the free table, under its lock as Linux's walk_zones_in_node takes it. */
static void pagetypeinfo_showfree_zone(struct seq *s, struct zone *z)
{
	unsigned long flags;

	spin_lock_irqsave(&z->lock, flags);
	for (int t = 0; t < MIGRATE_TYPES; t++) {
		seq_printf(s, "Node %4d, zone %8s, type %12s ", 0, z->name, migratetype_names[t]);
		for (int o = 0; o < MAX_ORDER; o++)
			show_free_list_count(s, &z->free_area[o].free_list[t]);
		seq_puts(s, "\n");
	}
	spin_unlock_irqrestore(&z->lock, flags);
}

/* Linux's pagetypeinfo_showfree: free blocks (not pages, despite the title) per zone, type and order. */
static void pagetypeinfo_showfree(struct seq *s)
{
	seq_printf(s, "%-43s ", "Free pages count per migrate type at order");
	for (int o = 0; o < MAX_ORDER; o++)
		seq_printf(s, "%6d ", o);
	seq_puts(s, "\n");
	for (int i = 0; i < MAX_NR_ZONES; i++)
		if (populated_zone(&node_zones[i]))
			pagetypeinfo_showfree_zone(s, &node_zones[i]);
}

/*
 * One zone's row of the block table: the type of each pageblock, read at
 * its first pfn in the zone, skipping those with no struct page there (a
 * SPARSEMEM hole: Linux's pfn_to_online_page finds none), under the zone
 * lock.
 */
static void pagetypeinfo_showblockcount_zone(struct seq *s, struct zone *z)
{
	unsigned long count[MIGRATE_TYPES] = { 0 }, flags;

	spin_lock_irqsave(&z->lock, flags);
	for (unsigned long pfn = z->zone_start_pfn; pfn < zone_end_pfn(z); pfn += pageblock_nr_pages)
		if (pfn_valid(pfn) && get_pfnblock_migratetype(z, pfn) < MIGRATE_TYPES)
			count[get_pfnblock_migratetype(z, pfn)]++;
	spin_unlock_irqrestore(&z->lock, flags);
	seq_printf(s, "Node %d, zone %8s ", 0, z->name);
	for (int t = 0; t < MIGRATE_TYPES; t++)
		seq_printf(s, "%12lu ", count[t]);
	seq_puts(s, "\n");
}

/* Linux's pagetypeinfo_showblockcount. */
static void pagetypeinfo_showblockcount(struct seq *s)
{
	seq_printf(s, "\n%-23s", "Number of blocks type ");
	for (int t = 0; t < MIGRATE_TYPES; t++)
		seq_printf(s, "%12s ", migratetype_names[t]);
	seq_puts(s, "\n");
	for (int i = 0; i < MAX_NR_ZONES; i++)
		if (populated_zone(&node_zones[i]))
			pagetypeinfo_showblockcount_zone(s, &node_zones[i]);
}

void pagetypeinfo_show(struct seq *s)
{
	seq_printf(s, "Page block order: %d\n", pageblock_order);
	seq_printf(s, "Pages per block:  %lu\n", pageblock_nr_pages);
	seq_puts(s, "\n");
	pagetypeinfo_showfree(s);
	pagetypeinfo_showblockcount(s);
}

/* ---- invariant checker ---- */

#define CHECK_REPORT_MAX	8

static int check_problems;

static void __printf(1, 2) check_report(const char *fmt, ...)
{
	char line[160];
	va_list ap;

	if (check_problems++ >= CHECK_REPORT_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	pr_err("buddy_check: %s\n", line);
}

static bool page_in_mem_map(const struct page *p)
{
	unsigned long pfn;

	return mem_map_pfn(p, &pfn);
}

/*
 * Whether a free block may sit on list type t in a pageblock of type mt:
 * its own type, or any of the pcp types for a block of one (a fallback
 * that did not take the pageblock over leaves its pieces on the
 * requester's list, and every pcp type falls back to both others).
 */
static bool list_type_permitted(int t, int mt)
{
	return t == mt || (t < MIGRATE_PCPTYPES && mt < MIGRATE_PCPTYPES);
}

/* One member of free list (o, t): state, order, alignment, span, pageblock type. */
static void check_free_list_entry(const struct zone *z, unsigned int o, int t, const struct page *p)
{
	unsigned long pfn = page_to_pfn(p);

	if (p->flags != PG_buddy || p->order != o || p->_refcount)
		check_report("%s order %u: pfn 0x%lx listed but flags 0x%lx order %u refcount %d",
			     z->name, o, pfn, p->flags, p->order, p->_refcount);
	if ((pfn & ((1UL << o) - 1)) || !zone_spans_pfn(z, pfn) || !zone_spans_pfn(z, pfn + (1UL << o) - 1)) {
		check_report("%s order %u: pfn 0x%lx misaligned or outside the zone", z->name, o, pfn);
		return;
	}
	if (!list_type_permitted(t, get_pfnblock_migratetype(z, pfn)))
		check_report("%s order %u: pfn 0x%lx on the %s list but its pageblock is %s", z->name, o, pfn,
			     migratetype_names[t], get_pfnblock_migratetype(z, pfn) < MIGRATE_TYPES ?
			     migratetype_names[get_pfnblock_migratetype(z, pfn)] : "of no type");
}

/* Free list (o, t): links, members.  Returns the blocks it holds. */
static unsigned long check_free_list(const struct zone *z, unsigned int o, int t)
{
	const struct list_head *head = &z->free_area[o].free_list[t];
	const struct list_head *prev = head;
	unsigned long n = 0;

	for (const struct list_head *l = head->next; l != head; prev = l, l = l->next) {
		const struct page *p = list_entry(l, struct page, lru);

		if (l->prev != prev || n > z->spanned_pages) {
			check_report("%s order %u %s: list broken after %lu entries", z->name, o,
				     migratetype_names[t], n);
			return n;
		}
		if (!page_in_mem_map(p)) {
			check_report("%s order %u: entry %p is not in mem_map", z->name, o, (void *)p);
			return n;
		}
		check_free_list_entry(z, o, t, p);
		n++;
	}
	return n;
}

/* The lists of one order, all types: their sum against nr_free.  Returns the pages they hold. */
static unsigned long check_free_area(const struct zone *z, unsigned int o)
{
	unsigned long n = 0;

	for (int t = 0; t < MIGRATE_TYPES; t++)
		n += check_free_list(z, o, t);
	if (n != z->free_area[o].nr_free)
		check_report("%s order %u: %lu blocks listed, nr_free says %lu",
			     z->name, o, n, z->free_area[o].nr_free);
	return n << o;
}

/*
 * One pcp list: links, members (free blocks of this zone, of the list's
 * order, aligned to it).  Returns the pages listed; adds the blocks to
 * *blocks.
 */
static unsigned long check_pcp_list(const struct zone *z, const struct per_cpu_pages *pcp, unsigned int pindex,
				    unsigned long *blocks)
{
	const struct list_head *head = &pcp->lists[pindex];
	const struct list_head *prev = head;
	unsigned int order = pindex_to_order(pindex);
	unsigned long n = 0;

	for (const struct list_head *l = head->next; l != head; prev = l, l = l->next) {
		const struct page *p = list_entry(l, struct page, lru);
		unsigned long pfn;

		if (l->prev != prev || n > z->spanned_pages || !page_in_mem_map(p)) {
			check_report("%s pcp %s order %u: list broken after %lu pages", z->name,
				     migratetype_names[pindex % MIGRATE_PCPTYPES], order, n);
			return n;
		}
		pfn = page_to_pfn(p);
		if (p->flags != PG_pcp || p->order != order || p->_refcount || !zone_spans_pfn(z, pfn) ||
		    (pfn & ((1UL << order) - 1)))
			check_report("%s pcp order %u: pfn 0x%lx listed but flags 0x%lx order %u refcount %d",
				     z->name, order, pfn, p->flags, p->order, p->_refcount);
		n += 1UL << order;
		(*blocks)++;
	}
	return n;
}

/* Each CPU's pcp lists together against their count; returns the blocks listed. */
static unsigned long check_pcp_lists(const struct zone *z)
{
	unsigned long blocks = 0;
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		const struct per_cpu_pages *pcp = zone_pcp(z, cpu);
		unsigned long n = 0;

		for (unsigned int l = 0; l < NR_PCP_LISTS; l++)
			n += check_pcp_list(z, pcp, l, &blocks);
		if (n != pcp->count)
			check_report("%s pcp cpu %u: %lu pages listed, count says %lu", z->name, cpu, n, pcp->count);
	}
	return blocks;
}

/* One free block found by scanning mem_map: merged, not in reserved memory. */
static void check_free_block(const struct zone *z, unsigned long pfn, unsigned int order)
{
	unsigned long buddy_pfn = pfn ^ (1UL << order);

	if (order < MAX_ORDER - 1 && zone_spans_pfn(z, buddy_pfn) &&
	    PageBuddy(pfn_to_page(buddy_pfn)) && pfn_to_page(buddy_pfn)->order == order)
		check_report("%s: buddies 0x%lx and 0x%lx of order %u both free, not merged",
			     z->name, pfn, buddy_pfn, order);
	if (memblock_is_region_reserved(PFN_PHYS(pfn), PAGE_SIZE << order))
		check_report("%s: free block 0x%lx order %u overlaps memblock.reserved", z->name, pfn, order);
}

#define PG_STATES	(PG_reserved | PG_buddy | PG_pcp | PG_head)

/*
 * What the walk of a zone's pages counts: free block heads, pages of
 * PG_pcp blocks, and allocated heads with refcount 0.  The last are, on
 * another CPU, a block between its head flag and its count being written
 * (allocation, prep_new_block) or a block whose last reference just went
 * (freeing, release_block): neither takes a lock there.
 */
struct page_counts {
	unsigned long heads, pcp, pcp_blocks, unheld;
};

/*
 * Walk the zone's pages: one state bit at most, every free or pcp block's
 * pages belong to it alone.  An allocated head with refcount 0 is a problem at
 * once when no other CPU could be between writing its flag and its count
 * (others == 0); else check_zone counts it against the other CPUs.
 */
static void check_zone_pages(const struct zone *z, unsigned int others, struct page_counts *n)
{
	unsigned long covered_until = z->zone_start_pfn, owner = 0;

	for (unsigned long pfn = z->zone_start_pfn; pfn < zone_end_pfn(z); pfn++) {
		const struct page *p;

		if (!pfn_valid(pfn))	/* a SPARSEMEM hole: no struct page */
			continue;
		p = pfn_to_page(pfn);
		if ((p->flags & ~PG_STATES) || (p->flags & (p->flags - 1)))
			check_report("%s: pfn 0x%lx has flags 0x%lx, not one state", z->name, pfn, p->flags);
		if (pfn < covered_until && p->flags)
			check_report("%s: pfn 0x%lx inside free block 0x%lx has flags 0x%lx",
				     z->name, pfn, owner, p->flags);
		if (PageHead(p) && (p->_refcount < 0 || (!p->_refcount && !others)))
			check_report("%s: allocated pfn 0x%lx has refcount %d", z->name, pfn, p->_refcount);
		n->unheld += others && PageHead(p) && !p->_refcount;
		if (!(p->flags & (PG_buddy | PG_pcp)) || pfn < covered_until)
			continue;
		owner = pfn;
		covered_until = pfn + (1UL << p->order);
		if (PagePcp(p)) {
			n->pcp += 1UL << p->order;
			n->pcp_blocks++;
			continue;
		}
		n->heads++;
		check_free_block(z, pfn, p->order);
	}
}

/* The zones tile mem_map, and page_zone() agrees with their spans. */
static void check_zone_spans(void)
{
	const struct zone *normal = &node_zones[ZONE_NORMAL], *high = &node_zones[ZONE_HIGHMEM];

	if (normal->zone_start_pfn != min_pfn || zone_end_pfn(normal) > max_pfn ||
	    (high->spanned_pages && (high->zone_start_pfn != zone_end_pfn(normal) || zone_end_pfn(high) != max_pfn)))
		check_report("zones Normal 0x%lx+0x%lx and HighMem 0x%lx+0x%lx do not tile mem_map 0x%lx-0x%lx",
			     normal->zone_start_pfn, normal->spanned_pages, high->zone_start_pfn,
			     high->spanned_pages, min_pfn, max_pfn);
	if (normal->spanned_pages && pfn_zone(zone_end_pfn(normal) - 1) != normal)
		check_report("page_zone() puts Normal's last pfn 0x%lx in HighMem", zone_end_pfn(normal) - 1);
	if (high->spanned_pages && pfn_zone(high->zone_start_pfn) != high)
		check_report("page_zone() puts HighMem's first pfn 0x%lx in Normal", high->zone_start_pfn);
}

/* Hold (or release) every CPU's pageset lock and then the zone lock of z: nothing in z moves meanwhile. */
static void zone_lock_all(struct zone *z, bool lock)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		if (lock)
			spin_lock(&zone_pcp(z, cpu)->lock);
		else
			spin_unlock(&zone_pcp(z, cpu)->lock);
	if (lock)
		spin_lock(&z->lock);
	else
		spin_unlock(&z->lock);
}

/*
 * The pcp blocks found by their flag against the pagesets' lists and
 * counts.  A block on a pcp list always has PG_pcp (it is set before the
 * block goes on, and changed only after it came off), but a block can
 * have PG_pcp off every list: taken by another CPU that has not yet made
 * it allocated (rmqueue_pcp, then prep_new_block), or freed by one still
 * waiting for its pageset's lock (pcp_free).  With the allocated heads of
 * refcount 0 (check_zone_pages), each CPU has at most one block between
 * states at a time: kernel code runs with IRQs masked, one allocation or
 * free at once a CPU, and this CPU has none (buddy_check runs between
 * them).
 */
static void check_zone_pcp_flags(const struct zone *z, const struct page_counts *n, unsigned long pcp_count,
				 unsigned long listed_blocks, unsigned int others)
{
	if (n->pcp < pcp_count || n->pcp_blocks < listed_blocks ||
	    n->pcp_blocks - listed_blocks + n->unheld > others)
		check_report("%s: %lu pages flagged pcp, count says %lu (%lu allocated with refcount 0, %u other CPUs)",
			     z->name, n->pcp, pcp_count, n->unheld, others);
}

/* One zone's free lists, pagesets and (if walk) mem_map flags, under all its locks. */
static void check_zone(struct zone *z, unsigned int others, bool walk)
{
	unsigned long pages = 0, blocks = 0, pcp_count, listed_blocks;
	struct page_counts n = { 0 };

	zone_lock_all(z, true);
	pcp_count = zone_pcp_count(z);
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		pages += check_free_area(z, o);
		blocks += z->free_area[o].nr_free;
	}
	listed_blocks = check_pcp_lists(z);
	if (pages != z->free_pages)
		check_report("%s: %lu pages on the lists, free_pages says %lu", z->name, pages, z->free_pages);
	if (z->free_pages + pcp_count > z->managed_pages)
		check_report("%s: %lu free and %lu pcp pages but only %lu managed", z->name,
			     z->free_pages, pcp_count, z->managed_pages);
	if (walk) {
		check_zone_pages(z, others, &n);
		if (n.heads != blocks)
			check_report("%s: %lu flagged free blocks, %lu listed", z->name, n.heads, blocks);
		check_zone_pcp_flags(z, &n, pcp_count, listed_blocks, others);
	}
	zone_lock_all(z, false);
}

/*
 * One check at a time (check_problems is the running check's), taken
 * before every lock the check takes: buddy_check_lock, then each CPU's
 * pageset lock of a zone, then its zone lock.
 */
static DEFINE_SPINLOCK(buddy_check_lock);

static unsigned int other_online_cpus(void)
{
	unsigned int cpu, n = 0;

	for_each_online_cpu(cpu)
		n++;
	return n ? n - 1 : 0;
}

static int buddy_check_locked(unsigned int others, bool walk)
{
	check_problems = 0;
	check_zone_spans();
	for (int i = 0; i < MAX_NR_ZONES; i++)
		check_zone(&node_zones[i], others, walk);
	return check_problems;
}

int buddy_check(void)
{
	unsigned long flags = arch_irq_save();
	int problems;

	spin_lock(&buddy_check_lock);
	problems = buddy_check_locked(other_online_cpus(), true);
	spin_unlock(&buddy_check_lock);
	arch_irq_restore(flags);
	return problems;
}

/* When the last CONFIG_DEBUG_MM check ended and how long it took (spin_debug_ticks). */
static u32 debug_check_end, debug_check_took;

/*
 * CONFIG_DEBUG_MM's check after every allocation and free.  With other
 * CPUs online it leaves out the walk of mem_map (buddy_check() proper
 * makes it: the buddycheck command, stress's end, the self-tests), and
 * does not run while one runs nor sooner after the last than that took:
 * a check holds every pageset lock and the zone lock of a zone while it
 * runs, and walks of a whole mem_map back to back kept the other CPUs
 * from their locks past the spinlock lockup limit (`stress` on four CPUs
 * of the 3g-debug build: 337 operations in 20 s and a lockup report with
 * every check waiting its turn; with the walk but not back to back, still
 * lockup reports when the host was busy).
 */
static void buddy_check_debug(void)
{
	unsigned long flags = arch_irq_save();

	if (spin_trylock(&buddy_check_lock)) {
		unsigned int others = other_online_cpus();
		u32 start = spin_debug_ticks();

		if (!others || start - debug_check_end >= debug_check_took) {
			buddy_check_locked(others, !others);
			debug_check_end = spin_debug_ticks();
			debug_check_took = debug_check_end - start;
		}
		spin_unlock(&buddy_check_lock);
	}
	arch_irq_restore(flags);
}
