/*
 * Physical memory: the zones (Normal and HighMem), the
 * FLATMEM mem_map of struct page, and the entry points that bring them up
 * at boot.  The buddy allocator's interface is in gfp.h.
 *
 *   physical                      zone       virtual (3G/1G, 1 GiB RAM)
 *   0x60000000 +--------------+
 *              | lowmem       |  Normal     PAGE_OFFSET .. high_memory
 *   0x90000000 +--------------+  <- arch_lowmem_end (include/arch.h)
 *              | highmem      |  HighMem    no permanent mapping
 *   0xa0000000 +--------------+
 */
#ifndef MM_H
#define MM_H

#include <types.h>
#include <config.h>
#include <arch.h>
#include <seq.h>

/* ---- intrusive doubly linked lists (O(1) add and delete) ---- */

struct list_head {
	struct list_head *next, *prev;
};

static inline void INIT_LIST_HEAD(struct list_head *h) { h->next = h; h->prev = h; }
static inline bool list_empty(const struct list_head *h) { return h->next == h; }

static inline void list_add(struct list_head *n, struct list_head *h)
{
	n->next = h->next;
	n->prev = h;
	h->next->prev = n;
	h->next = n;
}

static inline void list_add_tail(struct list_head *n, struct list_head *h)
{
	list_add(n, h->prev);
}

static inline void list_del(struct list_head *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	n->next = n->prev = NULL;
}

#define list_entry(ptr, type, member)	container_of(ptr, type, member)

/* ---- struct page ---- */

/*
 * One per page frame from the first RAM pfn to the last (FLATMEM).
 *
 * State encoding (flags; at most one bit is set):
 *   PG_reserved  never given to the buddy allocator: memblock.reserved and
 *                the holes between banks.  buddy_feed_all sets it by walking
 *                those ranges, so no other page is ever written for it.
 *   PG_buddy     heads a free block of 2^order pages on free_area[order].
 *   PG_pcp       a free order-0 page on its zone's per-CPU list (pcp).
 *   PG_head      heads an allocated block of 2^order pages (refcount >= 1).
 *   none         a tail page of a free or allocated block, or a page that
 *                was never fed (mem_map starts zeroed: all pages "none").
 * Feeding writes only the head page of each block: the tails are already
 * "none".  The zone is not stored: page_zone() compares the pfn with the
 * first pfn of ZONE_HIGHMEM.  lru links free blocks into their free list
 * and pcp pages into the pcp list; the owner of an allocated block may use
 * it for its own lists.
 */
struct page {
	unsigned long flags;
	unsigned int order;
	int refcount;
	struct list_head lru;
};

_Static_assert(sizeof(struct page) <= 32, "struct page must stay within 32 bytes");

#define PG_reserved	0x1UL
#define PG_buddy	0x2UL
#define PG_head		0x4UL
#define PG_pcp		0x8UL

static inline bool PageReserved(const struct page *p) { return p->flags & PG_reserved; }
static inline bool PageBuddy(const struct page *p) { return p->flags & PG_buddy; }
static inline bool PageHead(const struct page *p) { return p->flags & PG_head; }
static inline bool PagePcp(const struct page *p) { return p->flags & PG_pcp; }

/* ---- zones ---- */

/* Number of buddy orders (0 .. MAX_ORDER - 1), as Linux 6.1 counts it. */
#define MAX_ORDER	CONFIG_ARCH_FORCE_MAX_ORDER
#define MAX_ORDER_NR_PAGES	(1UL << (MAX_ORDER - 1))

enum zone_type { ZONE_NORMAL, ZONE_HIGHMEM, MAX_NR_ZONES };
enum zone_watermarks { WMARK_MIN, WMARK_LOW, WMARK_HIGH, NR_WMARK };

struct free_area {
	struct list_head free_list;
	unsigned long nr_free;		/* blocks on free_list */
};

/*
 * The per-CPU page list of a zone (one CPU here), as Linux's
 * per_cpu_pages: order-0 pages taken from the free lists batch at a time
 * and given back batch at a time once count reaches high, so that most
 * order-0 allocations and frees neither split nor merge.  Its pages are
 * free but not on the free lists: zone->free_pages and /proc/buddyinfo
 * leave them out, /proc/zoneinfo shows them under "pagesets" (Linux's
 * NR_FREE_PAGES and layout).  Sizes (zone.c, zone_pcp_update): Linux
 * 6.1's for one CPU, batch (managed/1024, at most 256) / 4 * 1.5 rounded
 * down to 2^n - 1 (63 for 1 GiB's Normal zone, 15 for its HighMem), high
 * the zone's low watermark (Linux's reason: a full list alone should not
 * wake reclaim) but at least 4 * batch.
 * Before the watermarks exist high is 0 and batch 1, Linux's boot
 * pageset: every page passes straight through.
 */
struct per_cpu_pages {
	struct list_head list;		/* PG_pcp pages, most recently freed first */
	unsigned long count;		/* pages on list */
	unsigned long high;		/* at count >= high, batch pages go back */
	unsigned long batch;		/* pages moved per refill or give-back */
};

struct zone {
	const char *name;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;	/* end pfn - start pfn, holes included */
	unsigned long present_pages;	/* RAM pages inside the span */
	unsigned long managed_pages;	/* pages given to the buddy allocator */
	unsigned long free_pages;	/* pages now on the free lists (not pcp) */
	unsigned long fed_blocks;	/* blocks handed over at boot */
	unsigned long _watermark[NR_WMARK];
	/* pages kept back from allocations that could have used zone [i] */
	unsigned long lowmem_reserve[MAX_NR_ZONES];
	struct per_cpu_pages pcp;
	struct free_area free_area[MAX_ORDER];
};

extern struct zone node_zones[MAX_NR_ZONES];

static inline unsigned long zone_end_pfn(const struct zone *z) { return z->zone_start_pfn + z->spanned_pages; }
static inline bool zone_spans_pfn(const struct zone *z, unsigned long pfn)
{
	return pfn >= z->zone_start_pfn && pfn < zone_end_pfn(z);
}
static inline bool populated_zone(const struct zone *z) { return z->present_pages != 0; }
static inline bool is_highmem(const struct zone *z) { return z == &node_zones[ZONE_HIGHMEM]; }
static inline unsigned long min_wmark_pages(const struct zone *z) { return z->_watermark[WMARK_MIN]; }
static inline unsigned long low_wmark_pages(const struct zone *z) { return z->_watermark[WMARK_LOW]; }
static inline unsigned long high_wmark_pages(const struct zone *z) { return z->_watermark[WMARK_HIGH]; }

/* The first pfn above lowmem, set by the arch's adjust_lowmem_bounds. */
extern unsigned long max_low_pfn;

/* ---- boot sequence (call in this order) ---- */

/*
 * 1. Before anything reads node_zones: empty zones with Linux's boot
 *    pageset, HighMem starting above every pfn (so page_zone() says Normal
 *    until zones_init), max_low_pfn 0, min_free_kbytes at its default.
 *    Then the arch's adjust_lowmem_bounds (include/arch.h) sets the
 *    lowmem end and max_low_pfn.
 */
void zones_reset(void);

/*
 * 2. After lowmem is mapped: allows memblock up to arch_lowmem_end,
 *    allocates mem_map (one struct page per pfn, first to last RAM pfn)
 *    from memblock, zeroed: every page in state "none", no page touched
 *    again here.  Panics if memblock cannot supply it (nothing can run
 *    without it).
 */
void mem_map_init(void);

/* 3. Zone spans and present pages; prints the Zone ranges block. */
void zones_init(void);

/*
 * 4. Marks every page memblock does not leave free PG_reserved (walking
 *    the reserved ranges and holes only), hands every free memblock range
 *    to the buddy allocator in maximal aligned blocks (writing only their
 *    head pages), prints "buddy: <Zone> fed <P> pages in <B> blocks" per
 *    zone and sets the watermarks and pcp sizes.  From here on alloc_pages works and
 *    memblock must not be used.
 */
void buddy_feed_all(void);

/*
 * 5. The Memory: line, where Linux 6.1's mm_init prints it: right after
 * memblock_free_all, before kmem_cache_init, with free pages counted as
 * NR_FREE_PAGES counts them (the free lists, not the per-CPU lists).
 * It also records the stacks' sizes for /proc/meminfo's KernelStack (a stack
 * whose top is below its base is reported and not counted).
 */
struct kernel_stack {
	const char *name;
	unsigned long base, top;	/* [base, top): the stack grows down from top */
};
struct kernel_sections {
	unsigned long text_start, text_end;
	unsigned long rodata_start, rodata_end;
	unsigned long init_start, init_end;
	unsigned long data_start, data_end;
	unsigned long bss_start, bss_end;
	const struct kernel_stack *stacks;	/* every stack the kernel runs on */
	unsigned int nr_stacks;
};
void mem_init_print_info(const struct kernel_sections *ks);
/* The Virtual kernel memory layout block (once vmalloc is set up). */
void mem_print_layout(const struct kernel_sections *ks);

/* Watermarks as Linux 6.1 sets them (zone.c); buddy_feed_all calls it. */
extern int min_free_kbytes;
extern int watermark_scale_factor;
void calculate_min_free_kbytes(void);
void setup_per_zone_wmarks(void);
void setup_per_zone_lowmem_reserve(void);
void init_per_zone_wmark_min(void);
/* The pcp list's batch and high from the zone's managed pages and low mark (setup_per_zone_wmarks calls it). */
void zone_pcp_update(struct zone *z);


/* ---- mem_map and address conversions (memmap.c) ---- */

extern struct page *mem_map;
extern unsigned long min_pfn, max_pfn;		/* mem_map covers [min_pfn, max_pfn) */

/* Point mem_map at an array the caller provides and zero it (host tests). */
void mem_map_setup(struct page *map, unsigned long first_pfn, unsigned long end_pfn);

static inline bool pfn_valid(unsigned long pfn) { return pfn >= min_pfn && pfn < max_pfn; }
static inline struct page *pfn_to_page(unsigned long pfn) { return mem_map + (pfn - min_pfn); }
static inline unsigned long page_to_pfn(const struct page *p) { return (unsigned long)(p - mem_map) + min_pfn; }
static inline phys_addr_t page_to_phys(const struct page *p) { return PFN_PHYS(page_to_pfn(p)); }
static inline struct page *virt_to_page(const void *addr) { return pfn_to_page(PFN_DOWN(__pa(addr))); }

/*
 * The zone of a pfn in mem_map: ZONE_HIGHMEM from its first pfn on,
 * ZONE_NORMAL below.  zones_reset puts HighMem's start above every pfn and
 * zones_init at the lowmem limit, so the answer always agrees with the
 * zone spans.
 */
static inline enum zone_type pfn_zone_type(unsigned long pfn)
{
	return pfn >= node_zones[ZONE_HIGHMEM].zone_start_pfn ? ZONE_HIGHMEM : ZONE_NORMAL;
}
static inline struct zone *page_zone(const struct page *p) { return &node_zones[pfn_zone_type(page_to_pfn(p))]; }
static inline bool PageHighMem(const struct page *p) { return pfn_zone_type(page_to_pfn(p)) == ZONE_HIGHMEM; }

/*
 * Mark [start_pfn, end_pfn) PG_reserved (buddy_feed_all, for memory it does
 * not feed).  The pages must be in mem_map and not in the allocator.
 */
void mem_map_reserve(unsigned long start_pfn, unsigned long end_pfn);

/*
 * The kernel address of a page: a lowmem page's linear address; a highmem
 * page's pkmap address while it holds a pkmap slot (pkmap_page_address),
 * else NULL, since highmem has no permanent mapping.
 */
void *page_address(const struct page *page);

/* ---- accounting ---- */

/*
 * nr_free_pages and nr_free_highpages count every free page: on the free
 * lists and on the pcp lists (pages no allocation owns), so that a test can
 * compare them before and after without draining.  zone->free_pages, like
 * Linux's NR_FREE_PAGES, leaves the pcp pages out.
 */
unsigned long nr_free_pages(void);		/* all zones */
unsigned long totalram_pages(void);		/* managed, all zones */
unsigned long totalhigh_pages(void);		/* managed, HighMem */
unsigned long nr_free_highpages(void);
unsigned long get_num_physpages(void);		/* present, all zones */
unsigned long nr_free_buffer_pages(void);	/* lowmem managed above the high mark */
unsigned long totalreserve_pages(void);		/* kept back by reserves and high marks */

/*
 * Pages held from the buddy allocator by callers that no /proc/meminfo
 * field covers (mem_init.c): the shell's alloc, mempools.  Slab, vmalloc
 * and the page tables count their own pages; any other caller that keeps
 * pages beyond the command that took them adds 2^order after alloc_pages
 * and subtracts it when it frees, so that meminfo_check can attribute
 * every page.  Linux has no such field (its equivalent pages go
 * unreported); this one is shown only by meminfo_check.
 */
void meminfo_account_other(long pages);
long meminfo_other_pages(void);

/* ---- /proc views and reports (Linux 6.1 formats) ---- */

void buddyinfo_show(struct seq *s);		/* page_alloc.c */
void zoneinfo_show(struct seq *s);		/* zone.c */
void meminfo_show(struct seq *s);		/* mem_init.c */

/*
 * The debug view behind the shell's meminfo-check (mem_init.c): every
 * page of MemTotal as one term each (MemFree, the per-CPU lists, Slab,
 * PageTables, VmallocUsed, the vmalloc records, other holders), their
 * sum, a walk of mem_map that counts free and allocated pages from the
 * page flags alone, and "adds up: yes" only if the terms sum to MemTotal
 * and the walk agrees with them.  Call it where no allocation is half
 * done (the shell prompt).  Returns true if it adds up.
 */
bool meminfo_check_show(struct seq *s);
void zone_print_ranges(void);			/* zone.c: the Zone ranges block */

#endif
