/*
 * mem_map: the FLATMEM array of struct page, one for every page frame from
 * the first RAM pfn to the last, holes included.  It is allocated once from
 * memblock; pfn_to_page and friends (mm.h) index it.  What the flags mean
 * is defined in mm.h; zone.c and page_alloc.c change them.
 */
#include <mm.h>
#include <highmem.h>
#include <memblock.h>
#include <printk.h>

struct page *mem_map;
unsigned long min_pfn, max_pfn;

/* Every page starts reserved, in ZONE_NORMAL, with no references. */
void mem_map_setup(struct page *map, unsigned long first_pfn, unsigned long end_pfn)
{
	mem_map = map;
	min_pfn = first_pfn;
	max_pfn = end_pfn;
	for (unsigned long i = 0; i < end_pfn - first_pfn; i++)
		map[i] = (struct page){ .flags = PG_reserved };
}

void mem_map_init(void)
{
	unsigned long first = PFN_UP(memblock_start_of_DRAM());
	unsigned long end = PFN_DOWN(memblock_end_of_DRAM());
	phys_addr_t size = (phys_addr_t)(end - first) * sizeof(struct page);
	struct page *map;

	/* Lowmem is mapped now: memblock may use all of it (Linux's paging_init). */
	memblock_set_current_limit(arm_lowmem_limit);
	map = memblock_alloc(size, PAGE_SIZE);
	if (!map)
		panic("mem_map: cannot allocate %lu bytes for %lu pages",
		      (unsigned long)size, end - first);
	mem_map_setup(map, first, end);
}

void *page_address(const struct page *page)
{
	if (PageHighMem(page))
		return pkmap_page_address(page);
	return __va(page_to_phys(page));
}
