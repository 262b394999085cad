/*
 * The kernel's page tables: paging_init rewrites the L1 table head.S built
 * (prepare_page_table clears what must not stay mapped, map_lowmem maps
 * all of lowmem at PAGE_OFFSET in 1 MiB sections, devicemaps_init the
 * board's static I/O map, the fixmap's tables and the vector page), all
 * through create_mapping; the arch interface of include/arch.h maps single
 * 4 KiB pages through second-level tables afterwards.  Where lowmem ends
 * is lowmem.c's; this file only maps.
 *
 * One 1 KiB L2 table (256 entries) serves one 1 MiB section; tables are
 * carved four to a page, from the allocator the caller passes: memblock
 * during paging_init, the page allocator afterwards.
 */
#include <arch.h>
#include <percpu.h>
#include <spinlock.h>
#include <board.h>
#include <gfp.h>
#include <memblock.h>
#include <mm.h>
#include <printk.h>
#include <string.h>
#include <asm/hw.h>
#include <asm/mmu.h>
#include <asm/setup.h>

#define L1_ENTRIES	4096
#define L2_ENTRIES	256
#define L2_TABLE_SIZE	(L2_ENTRIES * 4)

static u32 *pgd;			/* the L1 table, at its lowmem address */
static u32 *l2_free_list;		/* spare 1 KiB tables, linked through word 0 */
static unsigned int l2_tables_used;
static unsigned long l2_pages_from_buddy;	/* arch_page_table_pages() */

static inline unsigned int l1_index(unsigned long va) { return va >> SECTION_SHIFT; }
static inline unsigned int l2_index(unsigned long va) { return (va >> PAGE_SHIFT) & (L2_ENTRIES - 1); }

/*
 * Table walks read memory, not the data cache, on some A9 configurations:
 * clean the written descriptor's line to the point of unification.
 */
static inline void pte_sync(u32 *entry)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c11, 1" : : "r"(entry) : "memory");	/* DCCMVAU */
	__asm__ volatile("dsb" : : : "memory");
}

static inline void set_l1(unsigned long va, u32 desc)
{
	pgd[l1_index(va)] = desc;
	pte_sync(&pgd[l1_index(va)]);
}

/*
 * The kernel's mappings are every CPU's: the inner-shareable forms
 * (TLBIMVAIS, TLBIALLIS, BPIALLIS: ARM ARM B4.2.2, multiprocessing
 * extensions) reach the TLBs of all CPUs in the Inner Shareable domain.
 */
void arch_flush_tlb_page(unsigned long va)
{
	__asm__ volatile("dsb\n\tmcr p15, 0, %0, c8, c3, 1\n\tdsb\n\tisb"	/* TLBIMVAIS */
			 : : "r"(va & PAGE_MASK) : "memory");
}

void arch_flush_tlb_all(void)
{
	__asm__ volatile("dsb\n\tmcr p15, 0, %0, c8, c3, 0\n\t"		/* TLBIALLIS */
			 "mcr p15, 0, %0, c7, c1, 6\n\tdsb\n\tisb"		/* BPIALLIS */
			 : : "r"(0) : "memory");
}

void arch_flush_tlb_range(unsigned long va, unsigned long size)
{
	unsigned long end = va + size;

	/* Past 64 pages one TLBIALL is cheaper than many single flushes. */
	if (size > 64 * PAGE_SIZE) {
		arch_flush_tlb_all();
		return;
	}
	for (va &= PAGE_MASK; va < end; va += PAGE_SIZE)
		__asm__ volatile("mcr p15, 0, %0, c8, c3, 1" : : "r"(va) : "memory");	/* TLBIMVAIS */
	__asm__ volatile("dsb\n\tisb" : : : "memory");
}

/* Generic flags to first- and second-level descriptor bits. */
static u32 sect_prot(unsigned int flags)
{
	u32 d = PMD_TYPE_SECT;

	d |= (flags & ARCH_MAP_DEVICE) ? PMD_SECT_DEV : PMD_SECT_WBWA;
	d |= (flags & ARCH_MAP_RO) ? PMD_SECT_KRO : PMD_SECT_KRW;
	if ((flags & ARCH_MAP_NX) || (flags & ARCH_MAP_DEVICE))
		d |= PMD_SECT_XN;
	return d;
}

#define PTE_PROT(f)	(PTE_TYPE_SMALL | (((f) & ARCH_MAP_DEVICE) ? PTE_DEV : PTE_WBWA) |		\
			 (((f) & ARCH_MAP_RO) ? PTE_KRO : PTE_KRW) |				\
			 (((f) & (ARCH_MAP_NX | ARCH_MAP_DEVICE)) ? PTE_XN : 0))
#define PTE_PROT4(f)	PTE_PROT(f), PTE_PROT((f) + 1), PTE_PROT((f) + 2), PTE_PROT((f) + 3)

/* Second-level descriptor bits for each combination of the four generic flags. */
static const u32 pte_prot_of[16] = { PTE_PROT4(0), PTE_PROT4(4), PTE_PROT4(8), PTE_PROT4(12) };

_Static_assert((ARCH_MAP_CACHED | ARCH_MAP_DEVICE | ARCH_MAP_RO | ARCH_MAP_NX) == 15,
	       "pte_prot_of has one entry per combination of the generic flags");

static u32 pte_prot(unsigned int flags)
{
	return pte_prot_of[flags & 15];
}

static unsigned int flags_of_sect(u32 d)
{
	unsigned int f = 0;

	f |= (d & (PMD_SECT_TEX0 | PMD_SECT_C)) ? ARCH_MAP_CACHED : ARCH_MAP_DEVICE;
	f |= (d & PMD_SECT_APX) ? ARCH_MAP_RO : 0;
	f |= (d & PMD_SECT_XN) ? ARCH_MAP_NX : 0;
	return f;
}

static unsigned int flags_of_pte(u32 d)
{
	unsigned int f = 0;

	f |= (d & (PTE_TEX0 | PTE_C)) ? ARCH_MAP_CACHED : ARCH_MAP_DEVICE;
	f |= (d & PTE_APX) ? ARCH_MAP_RO : 0;
	f |= (d & PTE_XN) ? ARCH_MAP_NX : 0;
	return f;
}

/* Where a new page of L2 tables comes from: returns a lowmem page, or NULL. */
typedef void *(*pt_alloc_t)(void);

/* During paging_init: memblock (below its limit, so already mapped). */
static void *pt_alloc_early(void)
{
	return memblock_alloc(PAGE_SIZE, PAGE_SIZE);
}

/* After boot: the page allocator (counted for /proc/meminfo's PageTables). */
static void *pt_alloc_page(void)
{
	unsigned long addr = __get_free_pages(GFP_KERNEL, 0);

	l2_pages_from_buddy += addr != 0;
	return (void *)addr;
}

/* A zeroed 1 KiB L2 table, or NULL. */
static u32 *l2_alloc(pt_alloc_t alloc)
{
	u32 *t;

	if (!l2_free_list) {
		u8 *page = alloc();

		if (!page)
			return NULL;
		for (int i = 0; i < 4; i++) {
			u32 *tbl = (u32 *)(page + i * L2_TABLE_SIZE);

			tbl[0] = (u32)(unsigned long)l2_free_list;
			l2_free_list = tbl;
		}
	}
	t = l2_free_list;
	l2_free_list = (u32 *)(unsigned long)t[0];
	memset(t, 0, L2_TABLE_SIZE);
	l2_tables_used++;
	return t;
}

/* The L2 table behind va's L1 entry, or NULL if the entry is not a table. */
static u32 *l2_table_of(unsigned long va)
{
	u32 d = pgd[l1_index(va)];

	if ((d & PMD_TYPE_MASK) != PMD_TYPE_TABLE)
		return NULL;
	return __va(d & ~(L2_TABLE_SIZE - 1));
}

/*
 * Give va's section an L2 table.  A section mapping is split into the
 * same 256 pages (so the switch changes nothing that is mapped).
 */
static u32 *l2_get(unsigned long va, pt_alloc_t alloc)
{
	u32 d = pgd[l1_index(va)];
	u32 *t = l2_table_of(va);

	if (t)
		return t;
	t = l2_alloc(alloc);
	if (!t)
		return NULL;
	if ((d & PMD_TYPE_MASK) == PMD_TYPE_SECT) {
		u32 prot = pte_prot(flags_of_sect(d));

		for (int i = 0; i < L2_ENTRIES; i++)
			t[i] = ((d & SECTION_MASK) + i * PAGE_SIZE) | prot;
	}
	for (int i = 0; i < L2_ENTRIES; i += 8)
		pte_sync(&t[i]);
	set_l1(va, (u32)__pa(t) | PMD_TYPE_TABLE);
	return t;
}

/*
 * The kernel's table is every CPU's: pgd_lock serialises the changes made
 * through arch_map_range, arch_unmap_range and arch_ensure_table, so that two
 * CPUs never both make the L2 table of one section.  Lock order: pgd_lock,
 * then the page allocator's (pt_alloc_page).
 */
static DEFINE_SPINLOCK(pgd_lock);

static void unmap_range_locked(unsigned long va, unsigned long size);

static int map_range_locked(unsigned long va, phys_addr_t pa, unsigned long size, unsigned int flags)
{
	unsigned long end = va + size, v;
	u32 prot = pte_prot(flags), *t = NULL;

	if ((va | pa | size) & ~PAGE_MASK || !size || end < va)
		return -EINVAL;
	/* Refuse overlaps before changing anything. */
	for (v = va; v < end; v += PAGE_SIZE) {
		u32 d = pgd[l1_index(v)];
		u32 *t = l2_table_of(v);

		if ((d & PMD_TYPE_MASK) == PMD_TYPE_SECT || (t && t[l2_index(v)]))
			return -EINVAL;
	}
	for (v = va; v < end; v += PAGE_SIZE, pa += PAGE_SIZE) {
		/* One table lookup per section, not per page. */
		if (!t || !(v & ~SECTION_MASK))
			t = l2_get(v, pt_alloc_page);
		if (!t) {
			unmap_range_locked(va, v - va);
			return -ENOMEM;
		}
		t[l2_index(v)] = pa | prot;
		pte_sync(&t[l2_index(v)]);
	}
	return 0;
}

int arch_map_range(unsigned long va, phys_addr_t pa, unsigned long size, unsigned int flags)
{
	unsigned long irqflags;
	int err;

	spin_lock_irqsave(&pgd_lock, irqflags);
	err = map_range_locked(va, pa, size, flags);
	spin_unlock_irqrestore(&pgd_lock, irqflags);
	return err;
}

int arch_ensure_table(unsigned long va)
{
	unsigned long irqflags;
	u32 *t;

	spin_lock_irqsave(&pgd_lock, irqflags);
	t = l2_get(va, pt_alloc_page);
	spin_unlock_irqrestore(&pgd_lock, irqflags);
	return t ? 0 : -ENOMEM;
}

/*
 * Fast path: the L2 table of the section used last, so that a run of maps
 * in one window (the pkmap slots, the kmap_local slots) skips the L1 walk
 * and the physical-to-virtual step (make bench: kmap_local 101 and kmap
 * 182 instructions with it, 115 and 198 without).  Tables are never freed, and once an
 * L1 entry points to a table it is never rewritten (set_l1 only turns
 * empty or section entries into tables after paging_init), so a table
 * found once stays right.  section starts out of range: no section matches.
 */
struct last_table {
	unsigned long section;
	u32 *table;
};

/*
 * Per CPU: the two words are written one after the other, so a cache
 * shared by CPUs could be read half updated (a section with another
 * section's table: seen as a kmap_local translation fault under the
 * four-CPU stress).
 */
static DEFINE_PER_CPU(struct last_table, last_table) = { ~0UL, NULL };

/* The entry for va in its section's table, or NULL if the section has none. */
static inline u32 *pte_of_cached(unsigned long va)
{
	struct last_table *lt = this_cpu_ptr(&last_table);

	if (unlikely(l1_index(va) != lt->section)) {
		u32 *t = l2_table_of(va);

		if (!t)
			return NULL;
		lt->section = l1_index(va);
		lt->table = t;
	}
	return &lt->table[l2_index(va)];
}

/* The single-page paths (see include/arch.h): one entry, no overlap scan, no allocation. */
int arch_set_pte(unsigned long va, phys_addr_t pa, unsigned int flags)
{
	u32 *pte = pte_of_cached(va);

	if (!pte)
		return -ENOENT;
	*pte = pa | pte_prot(flags);
	pte_sync(pte);
	return 0;
}

void arch_clear_pte(unsigned long va)
{
	u32 *pte = pte_of_cached(va);

	if (pte) {
		*pte = 0;
		pte_sync(pte);
	}
}

/* Cortex-A9 L1 data cache line (Cortex-A9 TRM r4p1, 7.1): one DCCMVAU cleans 8 entries. */
#define DCACHE_LINE_SIZE	32

/* Clean the cache lines holding [first, end) to the point of unification; the caller's DSB completes it. */
static void pte_clean_lines(const u32 *first, const u32 *end)
{
	unsigned long line = (unsigned long)first & ~(DCACHE_LINE_SIZE - 1UL);

	for (; line < (unsigned long)end; line += DCACHE_LINE_SIZE)
		__asm__ volatile("mcr p15, 0, %0, c7, c11, 1" : : "r"(line) : "memory");	/* DCCMVAU */
}

/*
 * Fast path for the pkmap wrap: a run of entries cleared with memset, one
 * clean per cache line and one DSB in all, instead of a table lookup, a
 * clean and a DSB per entry (make bench: kmap + kunmap 148 instructions
 * with it, 170 with arch_clear_pte for each slot).
 */
void arch_clear_ptes(unsigned long va, unsigned int nr_pages)
{
	while (nr_pages) {
		unsigned int n = L2_ENTRIES - l2_index(va);	/* entries left in va's table */
		u32 *t = l2_table_of(va);

		if (n > nr_pages)
			n = nr_pages;
		if (t) {
			memset(&t[l2_index(va)], 0, n * sizeof(*t));
			pte_clean_lines(&t[l2_index(va)], &t[l2_index(va) + n]);
		}
		va += n * PAGE_SIZE;
		nr_pages -= n;
	}
	__asm__ volatile("dsb" : : : "memory");
}

/*
 * Write the entry, then make the table walker and the TLB agree with it
 * (ARMv7 ARM B3.10.1, the sequence Linux's set_pte_ext and
 * local_flush_tlb_kernel_page make together): clean the entry's line to
 * the point of unification (DCCMVAU), one DSB so both the write and the
 * clean complete before the invalidate, TLBIMVAIS (every CPU's TLB), a DSB so the invalidate
 * completes, an ISB so what follows is fetched with the new translation.
 * The DSB between write and invalidate serves as pte_sync's and as the one
 * arch_flush_tlb_page starts with.
 */
static inline void pte_write_flush(u32 *pte, u32 val, unsigned long va)
{
	*pte = val;
	__asm__ volatile("mcr p15, 0, %0, c7, c11, 1\n\t"	/* DCCMVAU */
			 "dsb\n\t"
			 "mcr p15, 0, %1, c8, c3, 1\n\t"	/* TLBIMVAIS */
			 "dsb\n\t"
			 "isb"
			 : : "r"(pte), "r"(va) : "memory");
}

int arch_set_pte_flush(unsigned long va, phys_addr_t pa, unsigned int flags)
{
	u32 *pte = pte_of_cached(va);

	if (!pte)
		return -ENOENT;
	pte_write_flush(pte, pa | pte_prot(flags), va);
	return 0;
}

void arch_clear_pte_flush(unsigned long va)
{
	u32 *pte = pte_of_cached(va);

	if (pte)
		pte_write_flush(pte, 0, va);
	else
		arch_flush_tlb_page(va);
}

static void unmap_range_locked(unsigned long va, unsigned long size)
{
	for (unsigned long v = va & PAGE_MASK; v < va + size; v += PAGE_SIZE) {
		u32 *t = l2_table_of(v);

		if (t) {
			t[l2_index(v)] = 0;
			pte_sync(&t[l2_index(v)]);
		}
	}
}

void arch_unmap_range(unsigned long va, unsigned long size)
{
	unsigned long irqflags;

	spin_lock_irqsave(&pgd_lock, irqflags);
	unmap_range_locked(va, size);
	spin_unlock_irqrestore(&pgd_lock, irqflags);
}

bool arch_query(unsigned long va, phys_addr_t *pa, unsigned int *flags)
{
	u32 d = pgd[l1_index(va)];
	u32 *t;

	if ((d & PMD_TYPE_MASK) == PMD_TYPE_SECT) {
		*pa = (d & SECTION_MASK) | (va & ~SECTION_MASK);
		*flags = flags_of_sect(d);
		return true;
	}
	t = l2_table_of(va);
	if (!t || !(t[l2_index(va)] & PTE_TYPE_SMALL))
		return false;
	*pa = (t[l2_index(va)] & PAGE_MASK) | (va & ~PAGE_MASK);
	*flags = flags_of_pte(t[l2_index(va)]);
	return true;
}

/* Describe va's descriptors for the `pt` command. */
void mmu_walk(unsigned long va, struct mmu_walk *w)
{
	u32 *t;

	w->l1_index = l1_index(va);
	w->l1_addr = (unsigned long)&pgd[w->l1_index];
	w->l1 = pgd[w->l1_index];
	w->has_l2 = false;
	t = l2_table_of(va);
	if (t) {
		w->has_l2 = true;
		w->l2_index = l2_index(va);
		w->l2_addr = (unsigned long)&t[w->l2_index];
		w->l2 = t[w->l2_index];
	}
}

unsigned int mmu_l2_tables_used(void)
{
	return l2_tables_used;
}

unsigned long arch_page_table_pages(void)
{
	return l2_pages_from_buddy;
}

/* True if the section at va belongs to the board's static device map (head.S mapped it already). */
static bool in_static_map(unsigned long va)
{
	for (unsigned int i = 0; i < board.nr_iomap; i++)
		if (va >= board.iomap[i].virt && va - board.iomap[i].virt < board.iomap[i].size)
			return true;
	return false;
}

/* Empty the L1 entries of the sections in [start, end), but the static map's; most are empty already. */
static void clear_sections(unsigned long start, unsigned long end)
{
	for (u32 *e = &pgd[l1_index(start)]; e < &pgd[l1_index(end)]; e++) {
		unsigned long va = (unsigned long)(e - pgd) << SECTION_SHIFT;

		if (*e && !in_static_map(va))
			set_l1(va, 0);
	}
}

/*
 * Clear what must not stay mapped: user space and modules, the kernel
 * space between the end of lowmem and the vmalloc area, and the vmalloc
 * area itself up to the fixmap (as Linux's devicemaps_init does), with
 * head.S's DTB window.  This drops head.S's identity map wherever the
 * split puts it: below PAGE_OFFSET (3G/1G, 2G/2G) or above lowmem in the
 * vmalloc area (1G/3G with less than 512 MiB).  The console's sections
 * stay, so that a panic from here on can still be read.
 */
static void prepare_page_table(void)
{
	clear_sections(0, PAGE_OFFSET);
	clear_sections(ALIGN((unsigned long)high_memory, SECTION_SIZE), FIXADDR_START & SECTION_MASK);
}

/* ---- create_mapping: one range, one helper per table level ---- */

/*
 * One range to map (Linux's struct map_desc, with generic flags).  flags 0
 * leaves the pages as faults: the guard page below the kernel stack.
 */
struct map_desc {
	unsigned long virtual;
	phys_addr_t phys;
	unsigned long length;
	unsigned int flags;
};

/* Level 2: the pages of [va, end), all inside one section, through that section's table. */
static int alloc_init_pte(unsigned long va, unsigned long end, phys_addr_t pa, unsigned int flags,
			  pt_alloc_t alloc)
{
	u32 *t = l2_get(va, alloc);

	if (!t)
		return -ENOMEM;
	for (; va < end; va += PAGE_SIZE, pa += PAGE_SIZE) {
		t[l2_index(va)] = flags ? pa | pte_prot(flags) : 0;
		pte_sync(&t[l2_index(va)]);
	}
	return 0;
}

/* Level 1: [va, end) inside one section; a whole aligned section is one entry, anything less goes to level 2. */
static int alloc_init_section(unsigned long va, unsigned long end, phys_addr_t pa, unsigned int flags,
			      pt_alloc_t alloc)
{
	bool whole = !((va | pa) & ~SECTION_MASK) && end - va == SECTION_SIZE;

	if (flags && whole && !l2_table_of(va)) {
		set_l1(va, pa | sect_prot(flags));
		return 0;
	}
	return alloc_init_pte(va, end, pa, flags, alloc);
}

/*
 * Map md, section by section, taking L2 tables from alloc.  Returns 0,
 * -EINVAL for an unaligned or wrapping range (reported), -ENOMEM when
 * alloc runs out (what was mapped stays).
 */
static int create_mapping(const struct map_desc *md, pt_alloc_t alloc)
{
	unsigned long va = md->virtual, end = md->virtual + md->length;
	phys_addr_t pa = md->phys;

	if ((va | pa | md->length) & ~PAGE_MASK || end < va) {
		pr_err("mmu: mapping [0x%08lx-0x%08lx) refused: not page aligned or past 4 GiB\n", va, end);
		return -EINVAL;
	}
	while (va < end) {
		unsigned long sect_end = (va & SECTION_MASK) + SECTION_SIZE;
		unsigned long next = sect_end && sect_end < end ? sect_end : end;
		int err = alloc_init_section(va, next, pa, md->flags, alloc);

		if (err)
			return err;
		pa += next - va;
		va = next;
	}
	return 0;
}

/* ---- lowmem ---- */

/*
 * How a page of lowmem is mapped: kernel text executes, rodata is
 * read-only, and the guard page below the kernel stack (vectors.S) is not
 * mapped at all (0), so a stack overflow faults there.
 */
static unsigned int lowmem_flags(unsigned long va)
{
	if (va >= (unsigned long)svc_stack_guard && va < (unsigned long)svc_stack_base)
		return 0;
	if (va >= (unsigned long)_start && va < (unsigned long)_etext)
		return ARCH_MAP_CACHED | ARCH_MAP_RO;
	if (va >= (unsigned long)__start_rodata && va < (unsigned long)__end_rodata)
		return ARCH_MAP_CACHED | ARCH_MAP_RO | ARCH_MAP_NX;
	if (va >= (unsigned long)__init_begin && va < (unsigned long)__init_end)
		return ARCH_MAP_CACHED | ARCH_MAP_RO;
	return ARCH_MAP_CACHED | ARCH_MAP_NX;
}

/* Physical [start, end) of lowmem at its linear address, from memblock's tables; panics when they run out. */
static void map_lowmem_range(phys_addr_t start, phys_addr_t end, unsigned int flags)
{
	struct map_desc md = { (unsigned long)__va(start), start, (unsigned long)(end - start), flags };

	if (start < end && create_mapping(&md, pt_alloc_early))
		panic("map_lowmem: no memory for a page table in [mem 0x%08lx-0x%08lx]", (unsigned long)start,
		      (unsigned long)end - 1);
}

/* [start, end) of the kernel's sections, in runs of pages that map with one set of flags. */
static void map_kernel_range(phys_addr_t start, phys_addr_t end)
{
	phys_addr_t run = start;

	for (phys_addr_t pa = start; pa < end; pa += PAGE_SIZE) {
		unsigned int f = lowmem_flags((unsigned long)__va(pa));

		if (pa + PAGE_SIZE == end || lowmem_flags((unsigned long)__va(pa + PAGE_SIZE)) != f) {
			map_lowmem_range(run, pa + PAGE_SIZE, f);
			run = pa + PAGE_SIZE;
		}
	}
}

/*
 * The part of memblock region i below the end of lowmem (empty for a
 * no-map region): false past the last such region.
 */
static bool lowmem_bank(unsigned int i, phys_addr_t *start, phys_addr_t *end)
{
	if (i >= memblock.memory.cnt || memblock.memory.regions[i].base >= arch_lowmem_end)
		return false;
	*start = memblock.memory.regions[i].base;
	*end = min(*start + memblock.memory.regions[i].size, arch_lowmem_end);
	if (memblock.memory.regions[i].flags & MEMBLOCK_NOMAP)
		*end = *start;	/* no-map memory stays out of the linear map, as in Linux */
	return true;
}

/*
 * Map every lowmem bank at PAGE_OFFSET, in two steps.  First everything
 * but the sections that hold the kernel image (head.S's read-write-execute
 * sections, which the CPU is running from): whole sections, and pages
 * only at bank edges, whose tables come from memblock below its limit,
 * which lowmem.c keeps under the first such edge, so from memory mapped
 * just before.  Then the kernel's sections page by page (text, rodata,
 * the stack guard), when every table they need is already reachable.
 */
static void map_lowmem(void)
{
	phys_addr_t ks = __pa(_start) & SECTION_MASK, ke = ALIGN(__pa(_end), SECTION_SIZE);
	phys_addr_t start, end;

	for (unsigned int i = 0; lowmem_bank(i, &start, &end); i++) {
		map_lowmem_range(start, min(end, ks), ARCH_MAP_CACHED | ARCH_MAP_NX);
		map_lowmem_range(max(start, ke), end, ARCH_MAP_CACHED | ARCH_MAP_NX);
	}
	for (unsigned int i = 0; lowmem_bank(i, &start, &end); i++)
		if (start < ke && end > ks)
			map_kernel_range(max(start, ks), min(end, ke));
	arch_flush_tlb_all();
}

/* ---- devices, fixmap, vectors ---- */

extern char vectors[], vectors_end[];

/* The board's static device map, in the sections head.S mapped the same way. */
static void map_static_devices(void)
{
	for (unsigned int i = 0; i < board.nr_iomap; i++) {
		const struct board_iomap *m = &board.iomap[i];
		struct map_desc md = { m->virt, m->phys, m->size,
				       m->type == BOARD_MAP_DEVICE ? ARCH_MAP_DEVICE : ARCH_MAP_CACHED | ARCH_MAP_NX };

		if (create_mapping(&md, pt_alloc_early))
			panic("devicemaps_init: cannot map %s at 0x%08lx", m->name, m->virt);
	}
}

/*
 * The fixmap's L2 tables, from memblock now: the page allocator maps its
 * scratch page there (zeroing highmem) and kmap_local its slots, so a
 * table made on demand would have the page allocator call itself.
 */
static void fixmap_tables_init(void)
{
	for (unsigned long va = FIXADDR_START & SECTION_MASK; va < FIXADDR_END; va += SECTION_SIZE)
		if (!l2_get(va, pt_alloc_early))
			panic("devicemaps_init: no memory for the fixmap's page table at 0x%08lx", va);
}

/* The exception vectors, copied to a page of their own at 0xffff0000 (SCTLR.V). */
static void vectors_init(void)
{
	u8 *page = memblock_alloc(PAGE_SIZE, PAGE_SIZE);
	struct map_desc md = { VECTORS_BASE, page ? __pa(page) : 0, PAGE_SIZE, ARCH_MAP_CACHED | ARCH_MAP_RO };
	u32 sctlr;

	if (!page || create_mapping(&md, pt_alloc_early))
		panic("devicemaps_init: cannot set up the vector page");
	memcpy(page, vectors, (size_t)(vectors_end - vectors));
	/* The copy went through the data cache: make it visible to instruction fetch. */
	for (unsigned long a = (unsigned long)page; a < (unsigned long)page + PAGE_SIZE; a += 32)
		__asm__ volatile("mcr p15, 0, %0, c7, c11, 1" : : "r"(a));	/* DCCMVAU */
	__asm__ volatile("dsb\n\tmcr p15, 0, %0, c7, c5, 0\n\tdsb\n\tisb" : : "r"(0));	/* ICIALLU */
	arch_flush_tlb_all();
	__asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(sctlr));
	sctlr |= SCTLR_V;
	__asm__ volatile("mcr p15, 0, %0, c1, c0, 0\n\tisb" : : "r"(sctlr));
}

static void devicemaps_init(void)
{
	map_static_devices();
	fixmap_tables_init();
	vectors_init();
}

void paging_init(void)
{
	pgd = __va(arm_boot_info.pgd_phys);
	prepare_page_table();
	map_lowmem();
	devicemaps_init();
	arch_flush_tlb_all();
}

/* Remap .init's pages [start, end) writable and never-executable; their L2 table exists (map_kernel_range). */
void mmu_release_init(unsigned long start, unsigned long end)
{
	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		u32 *t = l2_get(va, pt_alloc_page);

		if (!t)
			panic("free_initmem: no memory for a page table at 0x%08lx", va);
		t[l2_index(va)] = (u32)__pa((void *)va) | pte_prot(ARCH_MAP_CACHED | ARCH_MAP_NX);
		pte_sync(&t[l2_index(va)]);
	}
	arch_flush_tlb_range(start, end - start);
}
