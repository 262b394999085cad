/* arch/arm/mmu.c's entry points for the boot sequence and the `pt` command. */
#ifndef ASM_MMU_H
#define ASM_MMU_H

#include <types.h>

/*
 * After adjust_lowmem_bounds: clear the early mappings that must go, map
 * lowmem at PAGE_OFFSET, the static I/O map, the fixmap's page tables and
 * the vector page, with page tables from memblock.  Afterwards the arch
 * interface (include/arch.h) takes its tables from the page allocator.
 */
void paging_init(void);

/*
 * free_initmem: map the page-aligned lowmem range [start, end) (the
 * kernel's .init) writable and never-executable, as the rest of lowmem,
 * before its pages go to the buddy allocator.
 */
void mmu_release_init(unsigned long start, unsigned long end);

struct mmu_walk {
	unsigned int l1_index;
	unsigned long l1_addr;	/* virtual address of the L1 entry */
	u32 l1;
	bool has_l2;
	unsigned int l2_index;
	unsigned long l2_addr;
	u32 l2;
};

void mmu_walk(unsigned long va, struct mmu_walk *w);
unsigned int mmu_l2_tables_used(void);

#endif
