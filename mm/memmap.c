/*
 * mem_map: the FLATMEM array of struct page, one for every page frame from
 * the first RAM pfn to the last, holes included.  It is allocated once from
 * memblock, zeroed, and never swept again: a zeroed struct page is a page
 * in state "none" (mm.h), buddy_feed_all marks only the reserved ranges and
 * feeding writes only block heads.  pfn_to_page and friends (mm.h) index
 * it; page_alloc.c changes the flags.
 */
#include <mm.h>
#include <highmem.h>
#include <memblock.h>
#include <printk.h>
#include <string.h>
#include "internal.h"

struct page *mem_map;
unsigned long min_pfn, max_pfn;

static void mem_map_use(struct page *map, unsigned long first_pfn, unsigned long end_pfn)
{
	mem_map = map;
	min_pfn = first_pfn;
	max_pfn = end_pfn;
}

void mem_map_setup(struct page *map, unsigned long first_pfn, unsigned long end_pfn)
{
	memset(map, 0, (end_pfn - first_pfn) * sizeof(struct page));
	mem_map_use(map, first_pfn, end_pfn);
}

void mem_map_reserve(unsigned long start_pfn, unsigned long end_pfn)
{
	for (unsigned long pfn = start_pfn; pfn < end_pfn; pfn++)
		pfn_to_page(pfn)->flags = PG_reserved;
}

void mem_map_init(void)
{
	unsigned long first = PFN_UP(memblock_start_of_DRAM());
	unsigned long end = PFN_DOWN(memblock_end_of_DRAM());
	phys_addr_t size = (phys_addr_t)(end - first) * sizeof(struct page);
	struct page *map;

	/* Lowmem is mapped now: memblock may use all of it (Linux's paging_init). */
	memblock_set_current_limit(arch_lowmem_end);
	map = memblock_alloc(size, PAGE_SIZE);		/* zeroed: every page in state "none" */
	if (!map)
		panic("mem_map: cannot allocate %lu bytes for %lu pages",
		      (unsigned long)size, end - first);
	mem_map_use(map, first, end);
}

void *page_address(const struct page *page)
{
	if (PageHighMem(page))
		return pkmap_page_address(page);
	return __va(page_to_phys(page));
}
