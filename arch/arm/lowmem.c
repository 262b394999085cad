/*
 * The ARM lowmem rule of Linux 6.1 (arch/arm/mm/mmu.c: early_vmalloc and
 * adjust_lowmem_bounds): how much RAM is mapped linearly at PAGE_OFFSET,
 * where early memblock allocations must stop, and where the vmalloc area
 * starts.  Pure C over memblock, so the host tests link it too.  Zones are
 * mm/zone.c's; the mapping itself is mmu.c's.
 *
 *   virtual:  PAGE_OFFSET ........ bound_va | 8 MiB | vmalloc (reserve) | VMALLOC_END
 *   physical: phys_offset ........ bound    (what lowmem can reach)
 */
#include <arch.h>
#include <memblock.h>
#include <mm.h>
#include <printk.h>

phys_addr_t arch_lowmem_end;
void *high_memory;
unsigned long vmalloc_start;

#define VMALLOC_MIN_RESERVE	SZ_16M
#define LOWMEM_MIN		SZ_32M	/* what the largest vmalloc= leaves to lowmem */

unsigned long arm_vmalloc_reserve(u64 requested, unsigned long page_offset)
{
	unsigned long most = VMALLOC_END - (page_offset + LOWMEM_MIN + VMALLOC_OFFSET);
	u64 reserve = requested ? requested : VMALLOC_DEFAULT_RESERVE;

	if (reserve < VMALLOC_MIN_RESERVE) {
		reserve = VMALLOC_MIN_RESERVE;
		pr_warn("vmalloc area is too small, limiting to %luMiB\n", (unsigned long)(reserve >> 20));
	}
	if (reserve > most) {
		reserve = most;
		pr_warn("vmalloc area is too big, limiting to %luMiB\n", (unsigned long)(reserve >> 20));
	}
	return (unsigned long)reserve;
}

/*
 * Computed in 64 bits: with a small reserve the bound can pass 4 GiB.
 *
 * Early allocations must come from memory map_lowmem has mapped in whole
 * sections before it needs a page table: the memblock limit stops at the
 * first bank edge below the bound that is not on a section boundary,
 * rounded down to one.  Linux rounds to its 2 MiB PMD (two sections per
 * table); map_lowmem maps single 1 MiB sections, and a kernel loaded 1 MiB
 * into RAM starts its first bank on an odd megabyte.
 */
struct arm_lowmem_bounds arm_find_lowmem_bounds(unsigned long page_offset, phys_addr_t phys_offset,
						 unsigned long reserve)
{
	u64 bound = (u64)VMALLOC_END - reserve - VMALLOC_OFFSET - page_offset + phys_offset;
	u64 limit = 0, first_odd = 0;
	struct arm_lowmem_bounds b;

	for (unsigned int i = 0; i < memblock.memory.cnt; i++) {
		u64 start = memblock.memory.regions[i].base;
		u64 end = start + memblock.memory.regions[i].size;

		/* No-map memory is not lowmem, as Linux's for_each_mem_range skips it. */
		if (start >= bound || memblock.memory.regions[i].flags & MEMBLOCK_NOMAP)
			continue;
		if (end > limit)
			limit = min(bound, end);
		if (!first_odd && !IS_ALIGNED(start, (u64)SECTION_SIZE))
			first_odd = start;
		else if (!first_odd && !IS_ALIGNED(end, (u64)SECTION_SIZE))
			first_odd = limit;
	}
	/* An unaligned vmalloc= or mem= must not leave a page both in lowmem and in HighMem. */
	limit = ALIGN_DOWN(limit, (u64)PAGE_SIZE);
	b.lowmem_end = (phys_addr_t)limit;
	b.memblock_limit = (phys_addr_t)ALIGN_DOWN(first_odd ? first_odd : limit, (u64)SECTION_SIZE);
	return b;
}

/* Linux's VMALLOC_START: the next 8 MiB boundary past the end of lowmem, plus the 8 MiB hole. */
static unsigned long vmalloc_start_after(unsigned long lowmem_end_va)
{
	return (lowmem_end_va + VMALLOC_OFFSET) & ~(VMALLOC_OFFSET - 1);
}

void adjust_lowmem_bounds(phys_addr_t phys_offset, u64 vmalloc_arg)
{
	unsigned long reserve = arm_vmalloc_reserve(vmalloc_arg, PAGE_OFFSET);
	struct arm_lowmem_bounds b = arm_find_lowmem_bounds(PAGE_OFFSET, phys_offset, reserve);
	phys_addr_t end = memblock_end_of_DRAM();

	/* Without highmem the RAM past lowmem is dropped, from a 2 MiB boundary as Linux does. */
	if (!IS_ENABLED(CONFIG_HIGHMEM) && end > b.lowmem_end) {
		phys_addr_t cut = ALIGN_DOWN(b.lowmem_end, (phys_addr_t)SZ_2M);

		pr_notice("Ignoring RAM at 0x%08lx-0x%08lx\n", (unsigned long)cut, (unsigned long)end);
		pr_notice("Consider using a HIGHMEM enabled kernel.\n");
		memblock_remove(cut, end - cut);
		b.lowmem_end = cut;
		b.memblock_limit = min(b.memblock_limit, cut);
	}

	arch_lowmem_end = b.lowmem_end;
	high_memory = (void *)(PAGE_OFFSET + (unsigned long)(b.lowmem_end - phys_offset));
	vmalloc_start = vmalloc_start_after((unsigned long)high_memory);
	max_low_pfn = PFN_DOWN(b.lowmem_end);
	memblock_set_current_limit(b.memblock_limit);
}
