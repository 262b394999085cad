/*
 * memblock: the boot-time record of physical memory.  Two sorted sets of
 * non-overlapping regions, "memory" and "reserved", neighbours with the
 * same flags merged; early allocations come from memory minus reserved
 * minus NOMAP, top-down below a limit.
 */
#ifndef MEMBLOCK_H
#define MEMBLOCK_H

#include <types.h>

#define MEMBLOCK_MAX_REGIONS	128

/* Region flags, Linux's values (include/linux/memblock.h). */
#define MEMBLOCK_NONE	0x0
#define MEMBLOCK_NOMAP	0x4	/* memory, but not in the linear map and never handed out */

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
	unsigned int flags;	/* MEMBLOCK_*; only "memory" regions carry NOMAP */
};

struct memblock_type {
	unsigned int cnt;
	phys_addr_t total_size;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
	const char *name;
};

struct memblock {
	phys_addr_t current_limit;	/* allocations end below this */
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;

/* Forget everything (tests; and once at boot). */
void memblock_reset(void);

/*
 * Add, remove or reserve [base, base + size).  Overlaps and neighbours are
 * merged (an added range takes flags MEMBLOCK_NONE only where no region
 * was; existing regions keep theirs); a range that reaches past the 32-bit
 * space is clipped at 0xffffffff with a warning.  Return 0, or -ENOSPC when
 * the region table is full (the set is left unchanged), -EINVAL for size 0.
 */
int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_remove(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
int memblock_free(phys_addr_t base, phys_addr_t size);	/* un-reserve */

/*
 * Mark the memory inside [base, base + size) MEMBLOCK_NOMAP, as Linux's
 * memblock_mark_nomap does for a /reserved-memory node with no-map: it
 * stays memory (memblock_phys_mem_size, the zones' present pages) but is
 * never allocated, never freed to the buddy allocator and not mapped at
 * PAGE_OFFSET.  Regions are split at base and base + size.  Returns 0,
 * -ENOSPC (nothing changed) or -EINVAL as memblock_add.
 */
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size);

/*
 * Drop all memory at and above limit (mem=, CONFIG_HIGHMEM off); reserved
 * ranges are cut at limit too, as Linux's memblock_cap_memory_range does,
 * so the reserved total only counts memory the kernel has.
 */
void memblock_cap_memory(phys_addr_t limit);
void memblock_set_current_limit(phys_addr_t limit);

/*
 * Allocate size bytes aligned to align (a power of two), top-down from the
 * highest free range below memblock.current_limit, and reserve them.
 * Returns the physical address, or 0 when nothing fits (or the reserved
 * table is full); the first page is never handed out, so 0 is never an
 * address.  Size 0 or an align that is not a power of two is a
 * caller's mistake: reported and refused (returns 0).
 */
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align);
/* The same, zeroed and returned as a lowmem virtual address; NULL on failure. */
void *memblock_alloc(phys_addr_t size, phys_addr_t align);

phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);
/* Whole pages of memblock.memory (every region, no-map ones too) inside the pfns [start_pfn, end_pfn). */
unsigned long memblock_pages_in(unsigned long start_pfn, unsigned long end_pfn);
phys_addr_t memblock_phys_mem_size(void);
phys_addr_t memblock_reserved_size(void);
bool memblock_is_memory(phys_addr_t addr);
/* Memory and not NOMAP: what the linear map covers (Linux's memblock_is_map_memory). */
bool memblock_is_map_memory(phys_addr_t addr);
bool memblock_is_reserved(phys_addr_t addr);
/* True if any byte of [base, base + size) is reserved. */
bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size);

/*
 * Walk the free ranges (memory that is not NOMAP, minus reserved) in
 * ascending order: *idx
 * starts at 0; each call fills [*start, *end) and returns true, or false
 * when there are no more.
 */
bool memblock_next_free_range(unsigned long *idx, phys_addr_t *start, phys_addr_t *end);

/*
 * Print both sets at KERN_INFO in the format of Linux 6.1's memblock=debug
 * dump (__memblock_dump_all):
 *
 *   MEMBLOCK configuration:
 *    memory size = 0x40000000 reserved size = 0x00c0a000
 *    memory.cnt  = 0x1
 *    memory[0x0]	[0x60000000-0x9fffffff], 0x40000000 bytes flags: 0x0
 *    reserved.cnt  = 0x2
 *    ...
 *
 * Ends are inclusive there.  One difference: an empty set shows cnt 0x0 with
 * no lines, where Linux keeps a dummy zero-sized entry and shows cnt 0x1.
 */
void memblock_dump(void);

struct seq;
/* The same text into s, for `cat /proc/memblock` and the host tests. */
void memblock_show(struct seq *s);

#endif
