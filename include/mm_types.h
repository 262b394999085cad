/*
 * The types of the physical memory core: struct page (one per page frame)
 * and struct zone (a range of frames with its free lists, per-CPU list and
 * watermarks), with the meaning of each state where it is defined.  The
 * functions that work on them are in mm.h (zones, mem_map) and gfp.h (the
 * buddy allocator).
 */
#ifndef MM_TYPES_H
#define MM_TYPES_H

#include <types.h>
#include <config.h>
#include <list.h>
#include <percpu.h>
#include <rbtree.h>
#include <spinlock.h>

/* ---- struct page ---- */

/*
 * One per page frame from the first RAM pfn to the last (FLATMEM), or one
 * per page frame of every section that holds RAM (SPARSEMEM).
 *
 * State encoding (flags; at most one bit is set):
 *   PG_reserved  never given to the buddy allocator: memblock.reserved and
 *                the holes between banks.  buddy_feed_all sets it by walking
 *                those ranges, so no other page is ever written for it.
 *   PG_buddy     heads a free block of 2^order pages on free_area[order]
 *                (on the free_list[] of one migrate type).
 *   PG_pcp       heads a free block of 2^order pages (order at most
 *                PAGE_ALLOC_COSTLY_ORDER) on a per-CPU list (pcp).
 *   PG_head      heads an allocated block of 2^order pages (refcount >= 1).
 *   none         a tail page of a free or allocated block, or a page that
 *                was never fed (mem_map starts zeroed: all pages "none").
 * Feeding writes only the head page of each block: the tails are already
 * "none".  _refcount counts the users of an allocated block (the
 * allocator's caller is the first; each user page table entry that maps
 * an order-0 user page holds one more: copy-on-write shares a page by
 * reference), and the block goes back when it drops to 0.  _mapcount
 * counts the user PTEs that map the page, without Linux's -1 bias: mem_map
 * starts zeroed and the allocator writes only head pages, so 0 must mean
 * "mapped nowhere" (the shared zero page is never counted, as in Linux).
 * 16 bits: one page is mapped at most once per address space, and a
 * process count near 32767 is far beyond this kernel.
 * The zone is not stored: page_zone() (mm.h) compares the pfn
 * with the first pfn of ZONE_HIGHMEM.  lru links free blocks into their
 * free list and pcp pages into the pcp list; the owner of an allocated
 * block may use it for its own lists.  A user page mapped in an anonymous
 * VMA uses the same two words for its reverse mapping instead (as Linux's
 * page->mapping and page->index, include/rmap.h): mapping is its VMA
 * family's anon_vma with bit 0 set (PAGE_MAPPING_ANON), index its page
 * offset in that family's address-space numbering (vm_pgoff units); both
 * are written when the page is first mapped and mapping is cleared when
 * the last mapping goes.  So struct page stays at 20 bytes.
 */
struct page {
	unsigned long flags;
	u16 order;		/* < MAX_ORDER: 16 bits leave room for _mapcount in the same word */
	s16 _mapcount;		/* user page tables mapping the page (see below) */
	int _refcount;		/* get_page/put_page (mm.h); alloc_pages returns it at 1 */
	union {
		struct list_head lru;
		struct {			/* a mapped user page (mm/rmap.c) */
			unsigned long mapping;	/* anon_vma | PAGE_MAPPING_ANON, or 0 */
			unsigned long index;	/* linear_page_index of its address */
		};
	};
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

/* ---- a process's address space (mm/mmap.c) ---- */

/*
 * vm_flags, Linux 6.1's bit values (include/linux/mm.h), so a reader can
 * match them up.  VM_MAY* say what mprotect may later grant: a private
 * mapping may always become writable; a shared one of a file opened
 * read-only could not (no such files here yet, so VM_MAYWRITE is always
 * set).  VM_ACCOUNT: the mapping's pages are charged to Committed_AS.
 */
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYEXEC	0x00000040UL
#define VM_MAYSHARE	0x00000080UL
#define VM_GROWSDOWN	0x00000100UL
#define VM_LOCKED	0x00002000UL
#define VM_ACCOUNT	0x00100000UL
#define VM_NORESERVE	0x00200000UL
#define VM_ACCESS_FLAGS	(VM_READ | VM_WRITE | VM_EXEC)

struct mm_struct;
struct ramfs_file;
struct anon_vma;

/*
 * One mapping: [vm_start, vm_end), page aligned, never empty, never
 * overlapping another of the same mm.  File-backed ones (vm_file) show
 * the file's bytes from page vm_pgoff of the file at vm_start.
 */
struct vm_area_struct {
	unsigned long vm_start, vm_end;
	unsigned long vm_flags;
	unsigned long vm_pgoff;			/* in pages; anonymous: vm_start >> PAGE_SHIFT */
	const struct ramfs_file *vm_file;	/* NULL: anonymous */
	struct mm_struct *vm_mm;
	struct rb_node vm_rb;			/* in mm->mm_rb, keyed by vm_start */
	struct vm_area_struct *vm_next, *vm_prev;	/* the sorted list, as Linux's before 6.1 */
	struct anon_vma *anon_vma;		/* its family's reverse map (mm/rmap.c), NULL before the first anonymous page */
	struct list_head anon_vma_node;		/* in anon_vma->vmas */
};

/*
 * The address space.  VMAs sit both in a red-black tree (lookups: find_vma
 * is O(log n) however many a process has; Linux 6.1 replaced its rbtree
 * with the maple tree, a B-tree of ranges tuned for RCU readers on many
 * cores, which a uniprocessor kernel of this size does not need: the
 * rbtree is the structure Linux used for the same job until 6.0, about 200
 * lines, and testable alone) and in a list sorted by address (walks: exit,
 * fork, /proc/<pid>/maps, munmap of a range).  A zeroed mm_struct is
 * valid and empty (kzalloc gives one); mmap_base 0 means the default.
 * The counters are in pages, as Linux's.
 */
struct mm_struct {
	int mm_users;			/* tasks on it: 2 while a vfork child runs on its parent's (kernel/fork.c) */
	u32 *pgd;			/* 16 KiB first-level table, lowmem */
	unsigned int asid;		/* 1..255; 0 is the kernel's own table */
	struct rb_root mm_rb;
	struct vm_area_struct *mmap;	/* the lowest VMA; the list's head */
	int map_count;			/* VMAs; at most sysctl_max_map_count */
	unsigned long mmap_base;	/* get_unmapped_area searches down from here */
	unsigned long start_brk, brk;	/* the heap is [start_brk, PAGE_ALIGN(brk)), a VMA when not empty */
	unsigned long start_stack;
	unsigned long def_flags;	/* VM_LOCKED after mlockall(MCL_FUTURE) */
	unsigned long total_vm, locked_vm, data_vm, exec_vm, stack_vm;
	unsigned long hiwater_vm, hiwater_rss;	/* peaks, for VmPeak and VmHWM */
	unsigned long committed;	/* pages charged to Committed_AS (VM_ACCOUNT mappings) */
	unsigned long rss;		/* pages of its own mapped now (the zero page not counted) */
	unsigned long nr_ptes;		/* second-level table pages (arch/arm/mm_user.c) */
};

/* ---- memory sections (SPARSEMEM; memmap.c, docs/memory-models.md) ---- */

/*
 * ARM Linux's parameters (arch/arm/include/asm/sparsemem.h): 256 MiB
 * sections in a 32-bit physical address space, so mem_section[] has 16
 * entries and a section holds 65536 page frames.
 */
#define SECTION_SIZE_BITS	28
#define MAX_PHYSMEM_BITS	32
#define PFN_SECTION_SHIFT	(SECTION_SIZE_BITS - PAGE_SHIFT)
#define PAGES_PER_SECTION	(1UL << PFN_SECTION_SHIFT)
#define PAGE_SECTION_MASK	(~(PAGES_PER_SECTION - 1))
#define NR_MEM_SECTIONS		(1UL << (MAX_PHYSMEM_BITS - SECTION_SIZE_BITS))

/*
 * section_mem_map encoding (as Linux's, written afresh):
 *   0                        no struct page for this section (a hole)
 *   (map - start_pfn) | 1    map is the section's array of struct page,
 *                            start_pfn the section's first pfn, so that
 *                            pfn_to_page(pfn) is (value & ~1) + pfn pages
 * Kept as an integer, so the biased value is never a C pointer; bit 0 is
 * free because a struct page is word-aligned.
 */
struct mem_section {
	unsigned long section_mem_map;
};
#define SECTION_HAS_MEM_MAP	0x1UL
#define SECTION_MAP_MASK	(~SECTION_HAS_MEM_MAP)

/* ---- struct zone ---- */

/* Number of buddy orders (0 .. MAX_ORDER - 1), as Linux 6.1 counts it. */
#define MAX_ORDER	CONFIG_ARCH_FORCE_MAX_ORDER
#define MAX_ORDER_NR_PAGES	(1UL << (MAX_ORDER - 1))

/*
 *   physical                      zone       virtual (3G/1G, 1 GiB RAM)
 *   0x60000000 +--------------+
 *              | lowmem       |  Normal     PAGE_OFFSET .. high_memory
 *   0x90000000 +--------------+  <- arch_lowmem_end (include/arch.h)
 *              | highmem      |  HighMem    no permanent mapping
 *   0xa0000000 +--------------+
 */
enum zone_type { ZONE_NORMAL, ZONE_HIGHMEM, MAX_NR_ZONES };
enum zone_watermarks { WMARK_MIN, WMARK_LOW, WMARK_HIGH, NR_WMARK };

/*
 * Migrate types, Linux 6.1's (no CMA): what the pages of a pageblock are
 * for, so that unmovable allocations gather in few blocks.  The first
 * MIGRATE_PCPTYPES are the types a request asks for (gfp_migratetype) and
 * the ones with a pcp list; HighAtomic is a reserve for high-order atomic
 * requests (page_alloc.c: reserve_highatomic_pageblock and back);
 * Isolate blocks give nothing out and take no pcp pages.
 */
enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_PCPTYPES,
	MIGRATE_HIGHATOMIC = MIGRATE_PCPTYPES,
	MIGRATE_ISOLATE,
	MIGRATE_TYPES
};

/*
 * A pageblock is 2^pageblock_order pages, aligned: Linux's MAX_ORDER - 1
 * without huge pages, so a free block never spans two pageblocks.  Each
 * zone keeps one byte per pageblock, its migrate type, over every
 * pageblock of the 32-bit physical address space (PAGEBLOCKS_MAX: 1 KiB
 * for 4 MiB pageblocks), indexed by pfn >> pageblock_order; only its own
 * pageblocks are ever read or set.  (Linux's FLATMEM bitmap starts at the
 * zone's first pageblock: that would cost a subtraction on every free.
 * Linux packs 4 bits a pageblock; a byte makes the free path's lookup
 * one load, no shift or mask, for 512 bytes more a zone.)
 */
#define pageblock_order		(MAX_ORDER - 1)
#define pageblock_nr_pages	(1UL << pageblock_order)
#define PAGEBLOCKS_MAX		(1UL << (32 - 12 - pageblock_order))	/* 12: PAGE_SHIFT (arch.h) */
_Static_assert(MIGRATE_TYPES <= 256, "a migrate type fits its pageblock byte");

/*
 * free_list[t] holds the PG_buddy heads of free blocks of this order put
 * there for migrate type t: normally t is their pageblock's type, but
 * the pieces of a block split for a fallback without taking its
 * pageblock over sit on the requester's list (Linux's same state).
 */
struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free;		/* blocks on all free_list[] together */
};

/* Orders above this are "costly" (Linux's PAGE_ALLOC_COSTLY_ORDER); up to it, blocks have pcp lists. */
#define PAGE_ALLOC_COSTLY_ORDER	3

/* One pcp list per migrate type with one and per order up to the costly one (Linux 6.1 without THP). */
#define NR_PCP_LISTS	(MIGRATE_PCPTYPES * (PAGE_ALLOC_COSTLY_ORDER + 1))

/*
 * One CPU's page lists of a zone (its pageset), as Linux 6.1's
 * per_cpu_pages: blocks of 2^0 .. 2^PAGE_ALLOC_COSTLY_ORDER pages taken
 * from the free lists a refill at a time and given back batch pages at a
 * time once count reaches high, so that most small allocations and frees
 * neither split nor merge.  Its pages are free but not on the free lists:
 * zone->free_pages and /proc/buddyinfo leave them out, /proc/zoneinfo
 * shows them under "pagesets" (Linux's NR_FREE_PAGES and layout).
 * Sizes (zone.c, zone_pcp_update): Linux 6.1's for one CPU, batch
 * (managed/1024, at most 256) / 4 * 1.5 rounded down to 2^n - 1 (63 for
 * 1 GiB's Normal zone, 15 for its HighMem), high the zone's low watermark
 * (Linux's reason: a full list alone should not wake reclaim) but at
 * least 4 * batch; a refill of order-o blocks is batch >> o of them, at
 * least 2 (page_alloc.c, pcp_refill_blocks).
 * Before the watermarks exist high is 0 and batch 1, Linux's boot
 * pageset: every page passes straight through.
 * One list per order and requested migrate type (Linux 6.1's pcp->lists[],
 * index MIGRATE_PCPTYPES * order + type): a refill for type t goes onto
 * t's list, a freed block onto the list of its pageblock's type (Movable
 * for a HighAtomic block; blocks of an Isolate block bypass the pcp);
 * count, high and batch are in pages and cover them all.
 */
struct per_cpu_pages {
	spinlock_t lock;		/* this pageset; taken before the zone's lock */
	struct list_head lists[NR_PCP_LISTS];	/* PG_pcp blocks per order and type, most recently freed first */
	unsigned long count;		/* pages on all lists together */
	unsigned long high;		/* at count >= high, batch pages go back */
	unsigned long batch;		/* pages given back at a time; refills: pcp_refill_blocks */
};

struct zone {
	/*
	 * Each CPU's pageset of this zone (Linux's zone->per_cpu_pageset): a
	 * per-CPU pointer (include/percpu.h), so a CPU finds its own with
	 * this_cpu_ptr - one register read and an add - and another CPU's
	 * with per_cpu_ptr.  The storage is a per-CPU variable (zone.c).  A
	 * CPU works on its own pageset under its lock, which others take only
	 * to drain it (drain_all_pages) or to read it.  The pointer first and
	 * the pageblock types next: the order-0 fast paths reach both from
	 * the zone's address with small offsets.
	 */
	struct per_cpu_pages *per_cpu_pageset;
	u8 pageblock_types[PAGEBLOCKS_MAX];
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
	struct free_area free_area[MAX_ORDER];
	/*
	 * The zone lock: free_area, free_pages, fed_blocks and the pageblock
	 * types.  Lock order: a CPU's pageset lock, then this.
	 */
	spinlock_t lock;
	/*
	 * Pages of the zone's HighAtomic pageblocks, a pageblock_nr_pages for
	 * each (Linux's nr_reserved_highatomic): what requests without
	 * ALLOC_HARDER may not count as free.  Under the zone lock.
	 */
	unsigned long nr_reserved_highatomic;
	/*
	 * Where compaction's scanners stopped (Linux's compact_cached_*_pfn,
	 * mm/compaction.c): the next run that is not a whole-zone one starts
	 * there.  Written under compaction's rule (include/compaction.h).
	 */
	unsigned long compact_cached_migrate_pfn;
	unsigned long compact_cached_free_pfn;
};

#endif
