/*
 * mem_map: the array of struct page and the memory model that finds a
 * page frame's entry in it (docs/memory-models.md).  FLATMEM: one entry for
 * every page frame from the first RAM pfn to the last, holes included.
 * SPARSEMEM: mem_section[] over 256 MiB sections, and entries only for
 * the sections that hold RAM.  Either way the array is allocated once from
 * memblock, zeroed, and never swept again: a zeroed struct page is a page
 * in state "none" (mm_types.h), buddy_feed_all marks only the reserved
 * ranges and holes, and feeding writes only block heads.  The conversions
 * are inline in mm.h; page_alloc.c changes the flags.
 */
#include <mm.h>
#include <highmem.h>
#include <memblock.h>
#include <printk.h>
#include <string.h>
#include "internal.h"

/* A buddy block never crosses a section, so a valid pfn's buddy is valid too (merge_and_add). */
_Static_assert(MAX_ORDER - 1 + PAGE_SHIFT <= SECTION_SIZE_BITS, "a buddy block must fit in a memory section");

struct page *mem_map;
unsigned long min_pfn, max_pfn;
unsigned long mem_map_pages;
struct mem_section mem_section[NR_MEM_SECTIONS];
unsigned long mem_map_slot_pfn[NR_MEM_SECTIONS];

/*
 * Point section nr at the struct pages that begin at map for first_pfn:
 * the biased value of mm_types.h, so that pfn_to_page is one add.
 */
static void section_set_map(unsigned long nr, struct page *map, unsigned long first_pfn)
{
	mem_section[nr].section_mem_map =
		((unsigned long)map - first_pfn * sizeof(struct page)) | SECTION_HAS_MEM_MAP;
}

/*
 * map holds [first_pfn, end_pfn) with no gap: each section it touches is
 * biased against the same origin, and each run of PAGES_PER_SECTION
 * entries starts PAGES_PER_SECTION pfns after the last.
 */
static void mem_map_use(struct page *map, unsigned long first_pfn, unsigned long end_pfn)
{
	mem_map = map;
	min_pfn = first_pfn;
	max_pfn = end_pfn;
	mem_map_pages = end_pfn - first_pfn;
	if (!IS_ENABLED(CONFIG_SPARSEMEM) || end_pfn <= first_pfn)
		return;
	memset(mem_section, 0, sizeof(mem_section));
	for (unsigned long nr = pfn_to_section_nr(first_pfn); nr <= pfn_to_section_nr(end_pfn - 1); nr++)
		section_set_map(nr, map, first_pfn);
	for (unsigned long k = 0; k * PAGES_PER_SECTION < mem_map_pages; k++)
		mem_map_slot_pfn[k] = first_pfn + k * PAGES_PER_SECTION;
}

void mem_map_setup(struct page *map, unsigned long first_pfn, unsigned long end_pfn)
{
	memset(map, 0, (end_pfn - first_pfn) * sizeof(struct page));
	mem_map_use(map, first_pfn, end_pfn);
}

/* Pfns with no struct page (a SPARSEMEM hole) are skipped: there is nothing to mark. */
void mem_map_reserve(unsigned long start_pfn, unsigned long end_pfn)
{
	for (unsigned long pfn = start_pfn; pfn < end_pfn; pfn++) {
		if (!pfn_valid(pfn)) {
			pfn = (pfn | ~PAGE_SECTION_MASK);	/* the loop's ++ moves to the next section */
			continue;
		}
		pfn_to_page(pfn)->flags = PG_reserved;
	}
}


static bool section_has_ram(unsigned long nr)
{
	unsigned long s = max(section_nr_to_pfn(nr), min_pfn);
	unsigned long e = min(section_nr_to_pfn(nr + 1), max_pfn);

	return s < e && memblock_pages_in(s, e) != 0;
}

/* Sections with RAM, in ascending order, one after the other in one allocation. */
static struct page *sparse_init(unsigned long *nr_sections)
{
	unsigned long n = 0, k = 0;
	struct page *map;

	for (unsigned long nr = 0; nr < NR_MEM_SECTIONS; nr++)
		n += section_has_ram(nr);
	map = memblock_alloc((phys_addr_t)n * PAGES_PER_SECTION * sizeof(struct page), PAGE_SIZE);
	*nr_sections = n;
	if (!map)
		return NULL;
	memset(mem_section, 0, sizeof(mem_section));
	for (unsigned long nr = 0; nr < NR_MEM_SECTIONS; nr++) {
		if (!section_has_ram(nr))
			continue;
		mem_map_slot_pfn[k] = section_nr_to_pfn(nr);
		section_set_map(nr, map + k * PAGES_PER_SECTION, section_nr_to_pfn(nr));
		k++;
	}
	mem_map = map;
	mem_map_pages = n * PAGES_PER_SECTION;
	return map;
}

static void mem_map_print(unsigned long nr_sections)
{
	unsigned long kib = mem_map_pages * sizeof(struct page) / SZ_1K;
	unsigned long present = memblock_pages_in(min_pfn, max_pfn);

	if (IS_ENABLED(CONFIG_SPARSEMEM))
		pr_info("mem_map: %lu pages for %lu present pages, %lu KiB (SPARSEMEM: %lu sections)\n",
			mem_map_pages, present, kib, nr_sections);
	else
		pr_info("mem_map: %lu pages for %lu present pages, %lu KiB (FLATMEM)\n", mem_map_pages, present, kib);
}

void mem_map_init(void)
{
	unsigned long first = PFN_UP(memblock_start_of_DRAM());
	unsigned long end = PFN_DOWN(memblock_end_of_DRAM());
	phys_addr_t size = (phys_addr_t)(end - first) * sizeof(struct page);
	unsigned long nr_sections = 0;
	struct page *map;

	/* Lowmem is mapped now: memblock may use all of it (Linux's paging_init). */
	memblock_set_current_limit(arch_lowmem_end);
	min_pfn = first;
	max_pfn = end;
	if (IS_ENABLED(CONFIG_SPARSEMEM)) {
		map = sparse_init(&nr_sections);
		size = (phys_addr_t)nr_sections * PAGES_PER_SECTION * sizeof(struct page);
	} else {
		map = memblock_alloc(size, PAGE_SIZE);	/* zeroed: every page in state "none" */
		if (map)
			mem_map_use(map, first, end);
	}
	if (!map)
		panic("mem_map: cannot allocate %lu bytes for %lu pages",
		      (unsigned long)size, (unsigned long)(size / sizeof(struct page)));
	mem_map_print(nr_sections);
}

void *page_address(const struct page *page)
{
	if (PageHighMem(page))
		return pkmap_page_address(page);
	return __va(page_to_phys(page));
}
