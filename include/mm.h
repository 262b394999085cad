/*
 * Physical memory: the zones (Normal and HighMem), the mem_map of struct
 * page (FLATMEM or SPARSEMEM) with the pfn conversions, the entry points
 * that bring them up at boot, the page counts and the /proc views.  The
 * types are in mm_types.h, the buddy allocator's interface in gfp.h; what
 * only mm/ and its host tests use (test resets, watermark setup, feeding,
 * the checker) is in mm/internal.h.
 */
#ifndef MM_H
#define MM_H

#include <mm_types.h>
#include <arch.h>
#include <seq.h>

/* ---- zones ---- */

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
 *    allocates mem_map (one struct page per pfn, first to last RAM pfn,
 *    under FLATMEM; per pfn of every section with RAM under SPARSEMEM)
 *    from memblock, zeroed: every page in state "none", no page touched
 *    again here.  Prints "mem_map: <N> pages for <P> present pages, <K>
 *    KiB (FLATMEM)" or "(SPARSEMEM: <S> sections)".  Panics if memblock
 *    cannot supply it (nothing can run without it).
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

/* ---- mem_map and address conversions (memmap.c, docs/memory-models.md) ---- */

/*
 * [min_pfn, max_pfn): the first and the end RAM pfn.  mem_map is one
 * array of mem_map_pages struct pages: under FLATMEM one per pfn of
 * [min_pfn, max_pfn), holes included; under SPARSEMEM the arrays of every
 * section with RAM, one after the other in ascending order, and
 * mem_map_slot_pfn[k] is the first pfn of its k-th run of
 * PAGES_PER_SECTION pages (Linux keeps the section number in page->flags
 * instead; ours hold a one-bit state, mm_types.h).
 */
extern struct page *mem_map;
extern unsigned long min_pfn, max_pfn;
extern unsigned long mem_map_pages;
extern struct mem_section mem_section[NR_MEM_SECTIONS];
extern unsigned long mem_map_slot_pfn[NR_MEM_SECTIONS];

static inline unsigned long pfn_to_section_nr(unsigned long pfn) { return pfn >> PFN_SECTION_SHIFT; }
static inline unsigned long section_nr_to_pfn(unsigned long nr) { return nr << PFN_SECTION_SHIFT; }

/*
 * Whether pfn has a struct page that is in use: inside [min_pfn, max_pfn)
 * and, under SPARSEMEM, in a section with a mem_map.  A FLATMEM hole is
 * valid (its pages are PG_reserved); a SPARSEMEM hole of whole sections is
 * not.
 */
static inline bool pfn_valid(unsigned long pfn)
{
	if (pfn < min_pfn || pfn >= max_pfn)
		return false;
	return !IS_ENABLED(CONFIG_SPARSEMEM) ||
	       (mem_section[pfn_to_section_nr(pfn)].section_mem_map & SECTION_HAS_MEM_MAP);
}

/* The struct page of a pfn_valid pfn: one add from the mem_map origin (FLATMEM) or the section's biased map. */
static inline struct page *pfn_to_page(unsigned long pfn)
{
	if (IS_ENABLED(CONFIG_SPARSEMEM))
		return (struct page *)((mem_section[pfn_to_section_nr(pfn)].section_mem_map & SECTION_MAP_MASK) +
				       pfn * sizeof(struct page));
	return mem_map + (pfn - min_pfn);
}

/* The pfn of the struct page at mem_map[index], index < mem_map_pages. */
static inline unsigned long mem_map_index_to_pfn(unsigned long index)
{
	if (IS_ENABLED(CONFIG_SPARSEMEM))
		return mem_map_slot_pfn[index >> PFN_SECTION_SHIFT] + (index & (PAGES_PER_SECTION - 1));
	return index + min_pfn;
}

static inline unsigned long page_to_pfn(const struct page *p) { return mem_map_index_to_pfn((unsigned long)(p - mem_map)); }

/*
 * For a pointer that may be stray (__free_pages, buddy_check): true and
 * its pfn in *pfn if page is a struct page of mem_map.  Computed without
 * reading through page: below mem_map the unsigned offset is huge, past
 * its end the index too, and a pointer into the middle of a struct page
 * leaves a remainder.
 */
static inline bool mem_map_pfn(const struct page *page, unsigned long *pfn)
{
	unsigned long offset = (unsigned long)page - (unsigned long)mem_map;
	unsigned long index = offset / sizeof(struct page);

	if (index >= mem_map_pages || index * sizeof(struct page) != offset)
		return false;
	*pfn = mem_map_index_to_pfn(index);
	return true;
}

static inline phys_addr_t page_to_phys(const struct page *p) { return PFN_PHYS(page_to_pfn(p)); }
static inline struct page *virt_to_page(const void *addr) { return pfn_to_page(PFN_DOWN(__pa(addr))); }

/*
 * The zone of a page frame: ZONE_HIGHMEM from HighMem's first pfn on,
 * ZONE_NORMAL below.  zones_reset puts HighMem's start above every pfn and
 * zones_init at the lowmem limit, so the answer always agrees with the zone
 * spans.  pfn_is_highmem is the only place the rule is written; pfn_zone,
 * page_zone and PageHighMem are it for a pfn, a page, and as a test.
 */
static inline bool pfn_is_highmem(unsigned long pfn) { return pfn >= node_zones[ZONE_HIGHMEM].zone_start_pfn; }
static inline struct zone *pfn_zone(unsigned long pfn)
{
	return &node_zones[pfn_is_highmem(pfn) ? ZONE_HIGHMEM : ZONE_NORMAL];
}
static inline struct zone *page_zone(const struct page *p) { return pfn_zone(page_to_pfn(p)); }
static inline bool PageHighMem(const struct page *p) { return pfn_is_highmem(page_to_pfn(p)); }

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

/* ---- page references (mm_types.h says what they count) ---- */

static inline void get_page(struct page *page) { page->_refcount++; }
static inline int page_ref_count(const struct page *page) { return page->_refcount; }
static inline int page_mapcount(const struct page *page) { return page->_mapcount; }
/* Drop a reference to an order-0 page; the last one gives it back to the buddy allocator (mm/memory.c). */
void put_page(struct page *page);

/* ---- address spaces (mm/mmap.c; the rest is in mman.h) ---- */

struct mm_struct;

/*
 * fork's copy of oldmm into mm (empty, its pgd already allocated): every
 * VMA copied (without VM_LOCKED, as Linux), private writable pages shared
 * copy-on-write (write-protected in both, one more reference each),
 * shared ones shared.  0, or -ENOMEM part-way: the caller then tears mm
 * down with exit_mmap, which frees exactly what was copied.
 */
/*
 * No page for a user fault: choose the process whose end frees the most
 * (mm/oom_kill.c), print Linux's "Out of memory: Killed process" line and
 * send it SIGKILL.  false when there is none to choose.
 */
bool out_of_memory(void);

int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm);

/* ---- /proc views and reports (Linux 6.1 formats) ---- */

/* /proc/<pid>/maps: one line per VMA, Linux's columns, [heap] and [stack] named (mm/task_mmu.c). */
void show_map_vmas(struct seq *s, struct mm_struct *mm);
/* /proc/<pid>/status's VmPeak .. VmSwap lines for mm (mm/task_mmu.c). */
void show_mm_status(struct seq *s, struct mm_struct *mm);
/* /proc/vmstat: the counters this kernel keeps, Linux's names (mm/util.c). */
void vmstat_show(struct seq *s);

void buddyinfo_show(struct seq *s);		/* page_alloc.c */
void zoneinfo_show(struct seq *s);		/* zone.c */
void meminfo_show(struct seq *s);		/* mem_init.c */

#endif
