/*
 * The buddy allocator: per zone, free_area[order] holds free blocks of
 * 2^order pages, each aligned to its size.  Allocation splits a larger
 * block, freeing merges a block with its buddy (pfn ^ 2^order) while that
 * is free too.  Also here: feeding the free memblock ranges in at boot, the
 * checks that refuse bad frees, the invariant checker and /proc/buddyinfo.
 * Zone spans and watermarks come from zone.c.
 */
#include <gfp.h>
#include <memblock.h>
#include <printk.h>
#include <string.h>

/* ---- free lists ---- */

static void add_free_block(struct zone *z, struct page *page, unsigned int order)
{
	page->flags |= PG_buddy;
	page->order = order;
	list_add(&page->lru, &z->free_area[order].free_list);
	z->free_area[order].nr_free++;
}

static void del_free_block(struct zone *z, struct page *page, unsigned int order)
{
	list_del(&page->lru);
	page->flags &= ~PG_buddy;
	page->order = 0;
	z->free_area[order].nr_free--;
}

/* Free [pfn, pfn + 2^order) into z, merging upwards while the buddy is free. */
static void merge_and_add(struct zone *z, unsigned long pfn, unsigned int order)
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
	add_free_block(z, pfn_to_page(pfn), order);
}

/* Take the first block of at least 2^order pages and split off the rest. */
static struct page *rmqueue(struct zone *z, unsigned int order)
{
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		struct free_area *area = &z->free_area[o];
		struct page *page;
		unsigned long pfn;

		if (list_empty(&area->free_list))
			continue;
		page = list_entry(area->free_list.next, struct page, lru);
		del_free_block(z, page, o);
		pfn = page_to_pfn(page);
		while (o > order) {
			o--;
			add_free_block(z, pfn_to_page(pfn + (1UL << o)), o);
		}
		z->free_pages -= 1UL << order;
		return page;
	}
	return NULL;
}

static struct zone *zone_of_pfn(unsigned long pfn)
{
	for (int i = 0; i < MAX_NR_ZONES; i++)
		if (zone_spans_pfn(&node_zones[i], pfn))
			return &node_zones[i];
	return NULL;
}

/* ---- allocation ---- */

/*
 * Linux 6.1's __zone_watermark_ok without CMA or highatomic reserves.  With
 * no reclaim to wait for, the slow path's min mark is the one that counts.
 */
static bool zone_watermark_ok(const struct zone *z, unsigned int order, gfp_t gfp,
			      enum zone_type highest)
{
	long min = (long)min_wmark_pages(z);
	long free = (long)z->free_pages - ((1L << order) - 1);

	if (gfp & __GFP_HIGH)
		min -= min / 2;
	if (gfp & __GFP_ATOMIC)
		min -= min / 4;
	if (free <= min + (long)z->lowmem_reserve[highest])
		return false;
	for (unsigned int o = order; o < MAX_ORDER; o++)
		if (z->free_area[o].nr_free)
			return true;
	return false;
}

void *mm_scratch_map(unsigned long pfn)
{
	if (arch_map_range(MM_SCRATCH_VADDR, PFN_PHYS(pfn), PAGE_SIZE, ARCH_MAP_CACHED | ARCH_MAP_NX))
		return NULL;
	return (void *)MM_SCRATCH_VADDR;
}

void mm_scratch_unmap(void)
{
	arch_unmap_range(MM_SCRATCH_VADDR, PAGE_SIZE);
	arch_flush_tlb_page(MM_SCRATCH_VADDR);
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

static void release_block(struct page *page, unsigned int order)
{
	page->flags &= ~PG_head;
	page->order = 0;
	page->refcount = 0;
	merge_and_add(page_zone(page), page_to_pfn(page), order);
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	enum zone_type highest = ZONE_NORMAL;

	if (order >= MAX_ORDER)
		return NULL;
	if ((gfp & __GFP_HIGHMEM) && IS_ENABLED(CONFIG_HIGHMEM))
		highest = ZONE_HIGHMEM;
	for (int zt = highest; zt >= ZONE_NORMAL; zt--) {
		struct zone *z = &node_zones[zt];
		struct page *page;

		if (!(gfp & __GFP_MEMALLOC) && !zone_watermark_ok(z, order, gfp, highest))
			continue;
		page = rmqueue(z, order);
		if (!page)
			continue;
		page->flags |= PG_head;
		page->order = order;
		page->refcount = 1;
		if ((gfp & __GFP_ZERO) && !zero_block(page, order)) {
			release_block(page, order);
			page = NULL;
		}
		if (IS_ENABLED(CONFIG_DEBUG_MM))
			buddy_check();
		return page;
	}
	return NULL;
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

/* ---- freeing ---- */

/* True if pfn lies inside a block on z's free lists. */
static bool pfn_is_free(const struct zone *z, unsigned long pfn)
{
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

/* Why freeing (pfn, order) would be wrong, or NULL if it is a proper free. */
static const char *bad_free_reason(unsigned long pfn, unsigned int order, unsigned int *alloc_order)
{
	const struct zone *z = pfn_valid(pfn) ? zone_of_pfn(pfn) : NULL;
	const struct page *page;

	if (order >= MAX_ORDER)
		return "bad order";
	if (!z)
		return "outside any zone";
	if (pfn & ((1UL << order) - 1))
		return "misaligned";
	page = pfn_to_page(pfn);
	if (PageReserved(page))
		return "reserved";
	if (pfn_is_free(z, pfn))
		return "double free";
	if (!PageHead(page))
		return "never allocated";
	if (page->order != order) {
		*alloc_order = page->order;
		return "wrong order";
	}
	return NULL;
}

static int check_free(unsigned long pfn, unsigned int order)
{
	unsigned int alloc_order = 0;
	const char *why = bad_free_reason(pfn, order, &alloc_order);

	if (!why)
		return 0;
	if (!strcmp(why, "double free"))
		pr_err("buddy: double free of pfn 0x%lx order %u\n", pfn, order);
	else if (!strcmp(why, "wrong order"))
		pr_err("buddy: free of pfn 0x%lx with order %u, but it was allocated with order %u\n",
		       pfn, order, alloc_order);
	else
		pr_err("buddy: free of pfn 0x%lx order %u refused: %s\n", pfn, order, why);
	return -EINVAL;
}

int buddy_free_pfn(unsigned long pfn, unsigned int order)
{
	struct page *page;

	if (check_free(pfn, order))
		return -EINVAL;
	page = pfn_to_page(pfn);
	if (--page->refcount > 0)
		return 0;
	release_block(page, order);
	if (IS_ENABLED(CONFIG_DEBUG_MM))
		buddy_check();
	return 0;
}

void __free_pages(struct page *page, unsigned int order)
{
	/* Computed without indexing mem_map, so a stray pointer is caught, not followed. */
	unsigned long pfn = ((unsigned long)page - (unsigned long)mem_map) / sizeof(struct page) + min_pfn;

	if ((unsigned long)page < (unsigned long)mem_map ||
	    ((unsigned long)page - (unsigned long)mem_map) % sizeof(struct page)) {
		pr_err("buddy: free of %p refused: not a struct page in mem_map\n", (void *)page);
		return;
	}
	buddy_free_pfn(pfn, order);
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
	unsigned long blocks = 0;

	while (start_pfn < end_pfn) {
		unsigned int order = buddy_block_order(start_pfn, end_pfn);
		struct zone *z = page_zone(pfn_to_page(start_pfn));

		for (unsigned long i = 0; i < (1UL << order); i++)
			pfn_to_page(start_pfn + i)->flags &= ~PG_reserved;
		z->managed_pages += 1UL << order;
		z->fed_blocks++;
		merge_and_add(z, start_pfn, order);
		start_pfn += 1UL << order;
		blocks++;
	}
	return blocks;
}

unsigned long buddy_feed_range_pages(unsigned long start_pfn, unsigned long end_pfn)
{
	for (unsigned long pfn = start_pfn; pfn < end_pfn; pfn++) {
		struct zone *z = page_zone(pfn_to_page(pfn));

		pfn_to_page(pfn)->flags &= ~PG_reserved;
		z->managed_pages++;
		merge_and_add(z, pfn, 0);
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

int buddy_unfeed_all(struct pfn_range *ranges, unsigned int max)
{
	unsigned int n = 0;

	if (count_free_blocks() > max)
		return -ENOSPC;
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &node_zones[i];

		for (unsigned int o = 0; o < MAX_ORDER; o++) {
			while (!list_empty(&z->free_area[o].free_list)) {
				struct page *page = list_entry(z->free_area[o].free_list.next, struct page, lru);
				unsigned long pfn = page_to_pfn(page);

				del_free_block(z, page, o);
				for (unsigned long k = 0; k < (1UL << o); k++)
					pfn_to_page(pfn + k)->flags |= PG_reserved;
				z->free_pages -= 1UL << o;
				z->managed_pages -= 1UL << o;
				ranges[n].start = pfn;
				ranges[n].end = pfn + (1UL << o);
				n++;
			}
		}
	}
	/* Sort by start (insertion sort: a few hundred blocks), then merge neighbours. */
	for (unsigned int i = 1; i < n; i++) {
		struct pfn_range r = ranges[i];
		unsigned int j = i;

		for (; j > 0 && ranges[j - 1].start > r.start; j--)
			ranges[j] = ranges[j - 1];
		ranges[j] = r;
	}
	unsigned int m = 0;

	for (unsigned int i = 0; i < n; i++) {
		if (m && ranges[m - 1].end == ranges[i].start &&
		    page_zone(pfn_to_page(ranges[m - 1].start)) == page_zone(pfn_to_page(ranges[i].start)))
			ranges[m - 1].end = ranges[i].end;
		else
			ranges[m++] = ranges[i];
	}
	return (int)m;
}

void buddy_feed_all(void)
{
	unsigned long boundary = zone_end_pfn(&node_zones[ZONE_NORMAL]);
	unsigned long idx = 0;
	phys_addr_t start, end;

	while (memblock_next_free_range(&idx, &start, &end)) {
		unsigned long s = max(PFN_UP(start), min_pfn);
		unsigned long e = min(PFN_DOWN((u64)end), max_pfn);

		if (s < min(e, boundary))
			buddy_feed_range(s, min(e, boundary));
		if (max(s, boundary) < e)
			buddy_feed_range(max(s, boundary), e);
	}
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
	return p >= mem_map && p < mem_map + (max_pfn - min_pfn);
}

/* One free list: links, members, count.  Returns the pages it holds. */
static unsigned long check_free_list(const struct zone *z, unsigned int o)
{
	const struct list_head *head = &z->free_area[o].free_list;
	const struct list_head *prev = head;
	unsigned long n = 0;

	for (const struct list_head *l = head->next; l != head; prev = l, l = l->next) {
		const struct page *p = list_entry(l, struct page, lru);
		unsigned long pfn;

		if (l->prev != prev || n > z->spanned_pages) {
			check_report("%s order %u: list broken after %lu entries", z->name, o, n);
			return n << o;
		}
		if (!page_in_mem_map(p)) {
			check_report("%s order %u: entry %p is not in mem_map", z->name, o, (void *)p);
			return n << o;
		}
		pfn = page_to_pfn(p);
		if (!PageBuddy(p) || p->order != o || p->refcount)
			check_report("%s order %u: pfn 0x%lx listed but flags 0x%lx order %u refcount %d",
				     z->name, o, pfn, p->flags, p->order, p->refcount);
		if ((pfn & ((1UL << o) - 1)) || !zone_spans_pfn(z, pfn) ||
		    !zone_spans_pfn(z, pfn + (1UL << o) - 1) || page_zone(p) != z)
			check_report("%s order %u: pfn 0x%lx misaligned or outside the zone", z->name, o, pfn);
		n++;
	}
	if (n != z->free_area[o].nr_free)
		check_report("%s order %u: %lu blocks listed, nr_free says %lu",
			     z->name, o, n, z->free_area[o].nr_free);
	return n << o;
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

/* Walk the zone's pages: every free block's pages belong to it alone. */
static unsigned long check_zone_pages(const struct zone *z)
{
	unsigned long heads = 0, covered_until = z->zone_start_pfn, owner = 0;

	for (unsigned long pfn = z->zone_start_pfn; pfn < zone_end_pfn(z); pfn++) {
		const struct page *p = pfn_to_page(pfn);

		if (pfn < covered_until && (p->flags & (PG_reserved | PG_head | PG_buddy)))
			check_report("%s: pfn 0x%lx inside free block 0x%lx has flags 0x%lx",
				     z->name, pfn, owner, p->flags);
		if (page_zone(p) != z)
			check_report("%s: pfn 0x%lx says it is in zone %s", z->name, pfn, page_zone(p)->name);
		if (PageHead(p) && p->refcount < 1)
			check_report("%s: allocated pfn 0x%lx has refcount %d", z->name, pfn, p->refcount);
		if (!PageBuddy(p) || pfn < covered_until)
			continue;
		heads++;
		owner = pfn;
		covered_until = pfn + (1UL << p->order);
		check_free_block(z, pfn, p->order);
	}
	return heads;
}

int buddy_check(void)
{
	check_problems = 0;
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		const struct zone *z = &node_zones[i];
		unsigned long pages = 0, blocks = 0;

		for (unsigned int o = 0; o < MAX_ORDER; o++) {
			pages += check_free_list(z, o);
			blocks += z->free_area[o].nr_free;
		}
		if (pages != z->free_pages)
			check_report("%s: %lu pages on the lists, free_pages says %lu", z->name, pages, z->free_pages);
		if (z->free_pages > z->managed_pages)
			check_report("%s: %lu free pages but only %lu managed", z->name, z->free_pages, z->managed_pages);
		if (check_zone_pages(z) != blocks)
			check_report("%s: flagged free blocks differ from the %lu listed", z->name, blocks);
	}
	return check_problems;
}
