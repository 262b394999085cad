/*
 * The arch interface: the one header through which mm/ and highmem/ reach
 * the CPU.  It holds the virtual layout constants (all derived from
 * CONFIG_PAGE_OFFSET, Linux 6.1 ARM non-LPAE rules) and the few operations
 * generic code needs: translate lowmem addresses, map and unmap a range of
 * 4 KiB pages with generic flags (and one page, fast, where the table is
 * known to exist), query a mapping, flush the TLB.
 * arch/arm implements it for the kernel; tests/host/fake_arch.c implements
 * it for the host tests over a buffer that stands in for RAM.
 *
 *   0xffffffff +-----------------+
 *   0xffff0000 | vectors         |
 *   0xfff00000 +-----------------+
 *              | fixmap          |  kmap_local slots
 *   0xffc80000 +-----------------+
 *   0xff800000 +-----------------+  VMALLOC_END
 *              | vmalloc         |
 *              +-----------------+  vmalloc_start = high_memory + 8 MiB, 8 MiB aligned
 *              | (8 MiB hole)    |
 *              +-----------------+  high_memory
 *              | lowmem          |  1 MiB sections
 *   PAGE_OFFSET+-----------------+
 *              | pkmap           |  2 MiB, 512 slots
 *              +-----------------+  PAGE_OFFSET - 2 MiB
 *              | modules         |
 *              +-----------------+  PAGE_OFFSET - 16 MiB = TASK_SIZE
 *              | user            |
 *   0x00000000 +-----------------+
 */
#ifndef ARCH_H
#define ARCH_H

#include <types.h>
#include <config.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define SECTION_SHIFT	20
#define SECTION_SIZE	(1UL << SECTION_SHIFT)
#define SECTION_MASK	(~(SECTION_SIZE - 1))

#define PAGE_OFFSET	((unsigned long)CONFIG_PAGE_OFFSET)
#define TASK_SIZE	(PAGE_OFFSET - SZ_16M)
#define MODULES_VADDR	(PAGE_OFFSET - SZ_16M)
#define MODULES_END	(PAGE_OFFSET - SZ_2M)
#define PKMAP_BASE	(PAGE_OFFSET - SZ_2M)
#define LAST_PKMAP	512
#define VMALLOC_OFFSET	SZ_8M
#define VMALLOC_END	0xff800000UL
#define FIXADDR_START	0xffc80000UL
#define FIXADDR_END	0xfff00000UL
#define VECTORS_BASE	0xffff0000UL
#define VMALLOC_DEFAULT_RESERVE	(240UL * SZ_1M)

/*
 * The layout boot decides (arch/arm/lowmem.c, adjust_lowmem_bounds, before
 * paging_init): lowmem is physical [PHYS_OFFSET, arch_lowmem_end), mapped
 * at [PAGE_OFFSET, high_memory); the vmalloc area is [vmalloc_start,
 * VMALLOC_END).  high_memory is the kernel's virtual address (computed from
 * PAGE_OFFSET, so the host tests see the kernel's value, not a pointer into
 * their RAM buffer).
 */
extern phys_addr_t arch_lowmem_end;
extern void *high_memory;
extern unsigned long vmalloc_start;

/*
 * After memblock holds RAM (mem= applied) and every reservation: the
 * vmalloc= rule (vmalloc_arg in bytes, 0 for the 240 MiB default), the
 * lowmem end and vmalloc start above, max_low_pfn, and memblock's
 * allocation limit; without CONFIG_HIGHMEM, RAM above lowmem is removed
 * from memblock with Linux's notice.  phys_offset is PHYS_OFFSET, the
 * physical address of PAGE_OFFSET.
 */
void adjust_lowmem_bounds(phys_addr_t phys_offset, u64 vmalloc_arg);

/*
 * Its two pure steps, for the host tests.  arm_vmalloc_reserve: Linux
 * 6.1's early_vmalloc, the requested bytes (0 = default) clamped with a
 * warning to [16 MiB, what leaves 32 MiB of lowmem].  arm_find_lowmem_bounds:
 * walking memblock.memory, lowmem_end is the end of the last bank that
 * starts below VMALLOC_END - reserve - VMALLOC_OFFSET - page_offset +
 * phys_offset, clipped to that bound and rounded down to a page (0 if no
 * bank starts below it); memblock_limit is the first bank edge below the
 * bound that is not on a 1 MiB section boundary (else lowmem_end), rounded
 * down to a section.  Reads memblock, changes nothing.
 */
struct arm_lowmem_bounds {
	phys_addr_t lowmem_end;
	phys_addr_t memblock_limit;
};
unsigned long arm_vmalloc_reserve(u64 requested, unsigned long page_offset);
struct arm_lowmem_bounds arm_find_lowmem_bounds(unsigned long page_offset, phys_addr_t phys_offset,
						 unsigned long reserve);

#define PFN_DOWN(x)	((unsigned long)((x) >> PAGE_SHIFT))
#define PFN_UP(x)	((unsigned long)(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT))
#define PFN_PHYS(pfn)	((phys_addr_t)(pfn) << PAGE_SHIFT)

/*
 * Lowmem translation: virtual = physical + arch_pv_delta.  The kernel sets
 * the delta to PAGE_OFFSET - PHYS_OFFSET at entry; the host fake points it
 * at its RAM buffer.  Only valid for lowmem.
 */
extern unsigned long arch_pv_delta;
static inline void *__va(phys_addr_t pa) { return (void *)(unsigned long)(pa + arch_pv_delta); }
static inline phys_addr_t __pa(const void *va) { return (phys_addr_t)((unsigned long)va - arch_pv_delta); }

/* Generic mapping flags; only arch code turns them into descriptor bits. */
#define ARCH_MAP_CACHED		0x1	/* normal memory, write-back cached */
#define ARCH_MAP_DEVICE		0x2	/* shareable device memory */
#define ARCH_MAP_RO		0x4	/* read-only */
#define ARCH_MAP_NX		0x8	/* never execute */

/*
 * Map [va, va + size) to [pa, pa + size) in 4 KiB pages.  Allocates second
 * level tables as needed from the page allocator (so only once it is up:
 * the boot-time tables are paging_init's, from memblock).  Returns 0, -EINVAL for unaligned or overlapping input, -ENOMEM
 * when a table cannot be had (nothing is left half mapped).
 */
int arch_map_range(unsigned long va, phys_addr_t pa, unsigned long size, unsigned int flags);

/* Clear the entries of [va, va + size); does not flush the TLB. */
void arch_unmap_range(unsigned long va, unsigned long size);

/*
 * Fast single-page paths for windows that own their page tables (the pkmap
 * window, the kmap_local fixmap slots), where one map or unmap must cost a
 * few dozen instructions: no overlap scan, no table allocation, no loop.
 *
 * arch_ensure_table gives the 1 MiB section holding va a second-level
 * table (a section mapping is split into the same 256 pages, so nothing
 * mapped changes).  Returns 0, or -ENOMEM when no table can be had.
 *
 * arch_set_pte writes the entry for the page at va: pa with flags.  va and
 * pa must be page aligned and the entry must be empty (neither is checked
 * here; the host fake checks both).  Returns 0, or -ENOENT, changing
 * nothing, when va's section has no table: the caller calls
 * arch_ensure_table and tries again.
 *
 * arch_clear_pte empties the entry for the page at va (no table: nothing
 * to do).  Neither flushes the TLB: a new entry replaces an empty one, which
 * the TLB never holds; after a clear the caller flushes (one page, or the
 * whole window once for many clears).
 */
int arch_ensure_table(unsigned long va);
int arch_set_pte(unsigned long va, phys_addr_t pa, unsigned int flags);
void arch_clear_pte(unsigned long va);

/*
 * arch_clear_ptes empties the entries of the nr_pages pages from va (page
 * aligned; the run may cross into the next section) in one call: what
 * arch_clear_pte does for each, but with the descriptors' cache lines
 * cleaned once each and one barrier for the lot (the pkmap wrap clears up
 * to the whole window at once).  Every section the run touches must
 * already have a table (not checked here; the host fake checks it); an
 * entry that is already empty stays so.  No TLB flush: the caller flushes
 * the run once.  nr_pages 0 does nothing.
 */
void arch_clear_ptes(unsigned long va, unsigned int nr_pages);

/*
 * The same, each followed by the flush of va's own TLB entry, in one call
 * with only the barriers that sequence needs (for the kmap_local slots,
 * which flush on every map and unmap): arch_set_pte_flush is arch_set_pte
 * then arch_flush_tlb_page(va) (on -ENOENT nothing is written or flushed),
 * arch_clear_pte_flush is arch_clear_pte then arch_flush_tlb_page(va).
 */
int arch_set_pte_flush(unsigned long va, phys_addr_t pa, unsigned int flags);
void arch_clear_pte_flush(unsigned long va);

/* Look up va: returns true and fills *pa and *flags if it is mapped. */
bool arch_query(unsigned long va, phys_addr_t *pa, unsigned int *flags);

/* Drop TLB entries for one page, a range, or everything. */
void arch_flush_tlb_page(unsigned long va);
void arch_flush_tlb_range(unsigned long va, unsigned long size);
void arch_flush_tlb_all(void);

/*
 * Pages of second-level tables taken from the page allocator (by the
 * calls above; those paging_init took from memblock at boot are reserved
 * memory, outside MemTotal).  Tables are never freed, so this only grows.
 * meminfo_check's "kernel page tables" term (Linux's /proc/meminfo counts
 * only user page tables in PageTables).
 */
unsigned long arch_page_table_pages(void);

#endif
