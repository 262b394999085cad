/*
 * The vmalloc window (mm/vmalloc.c): virtually contiguous kernel memory
 * built from single pages (vmalloc, vzalloc, vfree), caller-supplied pages
 * mapped together (vmap, vunmap), and device registers (ioremap, iounmap),
 * all placed in [vmalloc_start, VMALLOC_END) with the Linux names.
 *
 *   vmalloc_start                                              VMALLOC_END
 *   | area | g | area   | g |  free  | static map |  area | g |   free   |
 *   +------+---+--------+---+--------+------------+-------+---+----------+
 *   g: one unmapped guard page after every area (its size includes it), so
 *   running off the end of an area faults.  Static (early) areas are the
 *   board's fixed device mappings: they keep their exact size, no guard.
 *
 * Running out (window, pages, page tables, bookkeeping) returns NULL with
 * everything undone.  A caller's mistake (vfree of an address that is not a
 * vmalloc area, vunmap of a vmalloc area, ...) is reported on one
 * "vmalloc: " line and refused.  Single CPU, no locking: not for interrupt
 * handlers.
 */
#ifndef VMALLOC_H
#define VMALLOC_H

#include <gfp.h>
#include <seq.h>

/* Kinds of area (Linux 6.1's bit values). */
#define VM_IOREMAP	0x00000001u	/* ioremap, and the static device map */
#define VM_ALLOC	0x00000002u	/* vmalloc: pages owned by the area */
#define VM_MAP		0x00000004u	/* vmap: pages owned by the caller */
#define VM_EARLY	0x00010000u	/* reserved at boot, never freed, no guard */

/*
 * Forget every area and make the window [vmalloc_start, VMALLOC_END) empty.
 * Call once after the buddy allocator works (vmalloc_start is set by then);
 * the host tests call it after each boot.  Assumes nothing in the window is
 * mapped by an earlier instance.
 */
void vmalloc_init(void);

/*
 * Mark [va, va + size) as taken by a fixed mapping someone else made (the
 * board's static device map), shown in /proc/vmallocinfo under name, with
 * the physical address arch_query finds at va.  Both page aligned, inside
 * the window and not overlapping any area; otherwise reported and -EINVAL.
 * -ENOMEM if no bookkeeping memory.  Returns 0.
 */
int vmalloc_reserve_early(unsigned long va, unsigned long size, const char *name);

/*
 * size bytes (rounded up to whole pages) of virtually contiguous memory.
 * The pages come from alloc_page(GFP_HIGHUSER) one at a time (highmem
 * first) and are mapped cached and never-execute.  Returns the address, or
 * NULL for size 0, a size the window cannot hold, or when pages, page
 * tables or bookkeeping run out (nothing is then left mapped or taken).
 */
void *vmalloc(unsigned long size);

/* The same, zeroed. */
void *vzalloc(unsigned long size);

/* The same with the pages allocated with gfp (Linux's __vmalloc). */
void *__vmalloc(unsigned long size, gfp_t gfp);

/*
 * Unmap a vmalloc area, flush its TLB entries and give back every page.
 * NULL does nothing.  Anything but the start of a vmalloc area is reported
 * and ignored.
 */
void vfree(const void *addr);

/*
 * Map count pages (which stay the caller's) at consecutive addresses with
 * the arch flags map_flags (ARCH_MAP_*; 0 means ARCH_MAP_CACHED |
 * ARCH_MAP_NX).  Highmem pages are fine.  Returns the address, or NULL for
 * count 0 or when the window, page tables or bookkeeping run out; ARCH_MAP_DEVICE
 * is refused with one line (a Device alias of RAM, as Linux refuses).
 */
void *vmap(struct page **pages, unsigned int count, unsigned int map_flags);

/* Undo vmap (the pages are not freed).  NULL does nothing; a non-vmap address is reported. */
void vunmap(const void *addr);

/*
 * Map [phys, phys + size) as device memory.  phys need not be page aligned:
 * the return value keeps its offset into the page.  NULL for size 0, a
 * range that wraps, or no room; and, with one line, for a range that
 * touches system RAM (memblock.memory), as Linux 6.1 refuses it.
 */
void *ioremap(phys_addr_t phys, unsigned long size);

/* Undo ioremap (any address inside the first page). NULL does nothing. */
void iounmap(const void *addr);

/* True if addr lies in the vmalloc window. */
bool is_vmalloc_addr(const void *addr);

/*
 * The struct page behind a mapped address of the window (vmalloc, vmap or
 * ioremap of RAM), or NULL if nothing is mapped there.
 */
struct page *vmalloc_to_page(const void *addr);

/*
 * For fault reports: if va lies in the guard page of an area, print
 * "vmalloc: fault in the guard page after [0x..-0x..] (<size>, <caller>)"
 * and return true; if it lies in an area, say which, and return true;
 * otherwise print nothing and return false.
 */
bool vmalloc_describe_fault(unsigned long va);

/* /proc/vmallocinfo, Linux's format, in address order. */
void vmallocinfo_show(struct seq *s);

/* Pages held by vmalloc areas (meminfo's VmallocUsed), and areas existing now (early ones included). */
unsigned long vmalloc_nr_pages(void);
unsigned long vmalloc_nr_areas(void);

/*
 * Pages holding the area records (the tree's nodes, carved from whole
 * lowmem pages).  Linux keeps its records in slab, where they count as
 * SUnreclaim; here they are a term of their own in meminfo_check.
 */
unsigned long vmalloc_nr_node_pages(void);

/*
 * Debug check of the area tree: address order, no overlap, every area
 * inside the window, balance, heights and cached gaps, and every guard
 * page unmapped.  Reads only; prints one "vmalloc_check: " line per
 * problem (at most a few) and returns the number found.
 */
int vmalloc_check(void);

#endif
