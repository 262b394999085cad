/*
 * Process page tables: each process has a 16 KiB first-level table of its
 * own (four naturally aligned pages from the buddy allocator satisfy the
 * TTBR0 alignment of ARM ARM B4.1.154), whose entries below TASK_SIZE are
 * the process's and whose entries from TASK_SIZE up are a copy of the
 * kernel's table (see include/mmu_context.h for why not TTBCR.N), taken
 * once at pgd_alloc; kernel entries made later (vmalloc's new L2 tables)
 * are copied in by the translation fault they cause (pgd_fill_kernel_entry).
 *
 * User pages sit in second-level tables; one lowmem page holds the four
 * 1 KiB tables of an aligned 4 MiB block of user space (L1 entries 4k to
 * 4k + 3).  L1 [4k+3], the anchor, is set whenever the page exists; the
 * others only once their section has had a page mapped (user_pte):
 *
 *   L1 [4k]   -> page + 0x000 or 0 L1 [4k+2] -> page + 0x800 or 0
 *   L1 [4k+1] -> page + 0x400 or 0 L1 [4k+3] -> page + 0xc00
 *
 * User entries are not global (nG), tagged with the process's ASID in
 * CONTEXTIDR (B4.1.36), so a switch needs no TLB flush; the kernel's
 * entries are global.
 */
#include <arch.h>
#include <gfp.h>
#include <mm.h>
#include <mmu_context.h>
#include <string.h>
#include <asm/hw.h>
#include <asm/setup.h>

#define L1_ENTRIES	4096
#define L2_ENTRIES	256
#define PGD_ORDER	2		/* 16 KiB */
#define USER_L1_ENTRIES	(TASK_SIZE >> SECTION_SHIFT)

_Static_assert(TASK_SIZE % (4 * SECTION_SIZE) == 0, "a table page covers 4 MiB: TASK_SIZE must be a multiple");

/* Pages of user page tables (first-level tables and table pages) in use: /proc/meminfo's PageTables. */
static unsigned long user_pt_pages;

unsigned long user_page_table_pages(void)
{
	return user_pt_pages;
}

static inline void dccmvau(const void *p)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c11, 1" : : "r"(p) : "memory");
}

/*
 * Fast path: four 32-byte lines a turn while whole turns fit (pgd_alloc's
 * 16 KiB, a table page's 4 KiB): make bench's fork+exit+wait4 spends
 * about 740 instructions less than with one line a turn.
 */
void flush_dcache_to_pou(const void *kaddr, size_t len)
{
	unsigned long a = (unsigned long)kaddr & ~31UL, end = (unsigned long)kaddr + len;

	for (; a + 128 <= end; a += 128) {
		dccmvau((const void *)a);
		dccmvau((const void *)(a + 32));
		dccmvau((const void *)(a + 64));
		dccmvau((const void *)(a + 96));
	}
	for (; a < end; a += 32)
		dccmvau((const void *)a);
	__asm__ volatile("dsb" : : : "memory");
}

/* ICIALLUIS, BPIALLIS (ARM ARM B4.2.1): every core's, since the process may run on any CPU next. */
void flush_icache_all(void)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c1, 0\n\tmcr p15, 0, %0, c7, c1, 6\n\tdsb\n\tisb"
			 : : "r"(0) : "memory");
}

/* TLBIASIDIS (B4.2.2): every entry tagged with asid, on every core. */
static void flush_tlb_asid(unsigned int asid)
{
	__asm__ volatile("dsb\n\tmcr p15, 0, %0, c8, c3, 2\n\tdsb\n\tisb" : : "r"(asid) : "memory");
}

/* TLBIMVAIS (B4.2.2): one page of one ASID. */
static void flush_tlb_user_page(unsigned long va, unsigned int asid)
{
	__asm__ volatile("dsb\n\tmcr p15, 0, %0, c8, c3, 1\n\tdsb\n\tisb" : : "r"((va & PAGE_MASK) | asid) : "memory");
}

static const u32 *kernel_pgd(void)
{
	return __va(arm_boot_info.pgd_phys);
}

/* The kernel half of the kernel's table into pgd (4, 8 or 12 KiB for 3G/1G, 2G/2G, 1G/3G): once, at pgd_alloc. */
static void copy_kernel_half(u32 *pgd)
{
	memcpy(&pgd[USER_L1_ENTRIES], &kernel_pgd()[USER_L1_ENTRIES], (L1_ENTRIES - USER_L1_ENTRIES) * 4);
	flush_dcache_to_pou(&pgd[USER_L1_ENTRIES], (L1_ENTRIES - USER_L1_ENTRIES) * 4);
}

int pgd_alloc(struct mm_struct *mm)
{
	struct page *page = alloc_pages(GFP_KERNEL, PGD_ORDER);

	if (!page)
		return -ENOMEM;
	mm->pgd = __va(page_to_phys(page));
	user_pt_pages += 1UL << PGD_ORDER;
	memset(mm->pgd, 0, USER_L1_ENTRIES * 4);
	flush_dcache_to_pou(mm->pgd, USER_L1_ENTRIES * 4);
	copy_kernel_half(mm->pgd);
	flush_tlb_asid(mm->asid);	/* nothing left from an earlier user of this ASID */
	return 0;
}

/*
 * Fast path: the index of the first of second-level entries [i, n) that
 * is not zero, or n; eight entries per test where all eight are zero (the
 * common case: the stack's section holds a few pages at its top).
 */
static unsigned int skip_zero_entries(const u32 *e, unsigned int i, unsigned int n)
{
	while (i + 8 <= n && !(e[i] | e[i + 1] | e[i + 2] | e[i + 3] | e[i + 4] | e[i + 5] | e[i + 6] | e[i + 7]))
		i += 8;
	while (i < n && !e[i])
		i++;
	return i;
}

/* Free the table page whose anchor (4k + 3, user_pte) is L1 entry i, if there is one: 1 if so. */
static unsigned int free_table_page(struct mm_struct *mm, int i)
{
	if (!(mm->pgd[i] & PMD_TYPE_TABLE))
		return 0;
	__free_page(pfn_to_page(PFN_DOWN(mm->pgd[i] & PAGE_MASK)));
	user_pt_pages--;
	return 1;
}

/*
 * The anchors are read from both ends inward and the scan stops once all
 * mm->nr_ptes table pages are found: a process's tables sit at the bottom
 * (text, heap) and the top (stack, mmap area), so this is a few reads
 * (make bench: fork+exit+wait4 spent 2,700 instructions scanning every
 * anchor, 4,600 every fourth entry one by one).
 */
void pgd_free(struct mm_struct *mm)
{
	unsigned long left = mm->nr_ptes;

	for (int lo = 3, hi = USER_L1_ENTRIES - 1; left && lo <= hi; lo += 4, hi -= 4) {
		left -= free_table_page(mm, lo);
		if (left && hi != lo)
			left -= free_table_page(mm, hi);
	}
	__free_pages(pfn_to_page(PFN_DOWN(__pa(mm->pgd))), PGD_ORDER);
	user_pt_pages -= 1UL << PGD_ORDER;
	mm->nr_ptes = 0;
	mm->pgd = NULL;
	flush_tlb_asid(mm->asid);
}

/* The second-level entry for user address va (below TASK_SIZE), or NULL if its section has no table. */
static u32 *pte_lookup(const struct mm_struct *mm, unsigned long va)
{
	u32 l1 = mm->pgd[va >> SECTION_SHIFT];

	if (!(l1 & PMD_TYPE_TABLE))
		return NULL;
	return (u32 *)__va(l1 & PMD_TABLE_MASK) + ((va >> PAGE_SHIFT) & (L2_ENTRIES - 1));
}

/*
 * The same, with va's section given its table first; NULL if no table page
 * can be had.  A block's table page is made with its last L1 entry (the
 * anchor, which pgd_free reads: the stack fills its block from the top, so
 * there the anchor is a section in use) and the entry of va's section; the
 * others are set when a page is first mapped in their section, so a walk
 * skips a block's empty sections (make bench: fork+exit+wait4 scans 1 MiB
 * of its 8 MiB stack's table page rather than 4).
 */
static u32 *user_pte(struct mm_struct *mm, unsigned long va)
{
	unsigned int i = va >> SECTION_SHIFT;
	u32 *anchor = &mm->pgd[i | 3];
	struct page *page;

	if (mm->pgd[i] & PMD_TYPE_TABLE)
		return pte_lookup(mm, va);
	if (!(*anchor & PMD_TYPE_TABLE)) {
		page = alloc_page(GFP_KERNEL);
		if (!page)
			return NULL;
		user_pt_pages++;
		mm->nr_ptes++;
		memset(__va(page_to_phys(page)), 0, PAGE_SIZE);
		flush_dcache_to_pou(__va(page_to_phys(page)), PAGE_SIZE);
		*anchor = (u32)(page_to_phys(page) + 3 * L2_ENTRIES * 4) | PMD_TYPE_TABLE;
		flush_dcache_to_pou(anchor, 4);
	}
	mm->pgd[i] = ((*anchor & PAGE_MASK) + (i & 3) * L2_ENTRIES * 4) | PMD_TYPE_TABLE;
	flush_dcache_to_pou(&mm->pgd[i], 4);
	return pte_lookup(mm, va);
}

int user_alloc_table(struct mm_struct *mm, unsigned long va)
{
	return va < TASK_SIZE && user_pte(mm, va) ? 0 : -ENOMEM;
}

/*
 * User access bits (B3.7.1, AFE = 0): APX=0 AP=11 read/write at both
 * levels; APX=1 AP=10 read-only at both; with no access at all (a page
 * kept under PROT_NONE) APX=1 AP=01, read-only for the kernel and nothing
 * for User mode.  Never executable without VM_EXEC.
 */
static u32 user_pte_bits(unsigned int vm_flags)
{
	u32 d = PTE_TYPE_SMALL | PTE_WBWA | PTE_nG;

	if (!(vm_flags & VM_ACCESS_FLAGS))
		return d | PTE_KRO | PTE_XN;
	d |= (vm_flags & VM_WRITE) ? (PTE_AP1 | PTE_AP0) : (PTE_APX | PTE_AP1);
	if (!(vm_flags & VM_EXEC))
		d |= PTE_XN;
	return d;
}

int user_map_page(struct mm_struct *mm, unsigned long va, struct page *page, unsigned int vm_flags)
{
	u32 *pte;

	if ((va & ~PAGE_MASK) || va >= TASK_SIZE)
		return -EINVAL;
	pte = user_pte(mm, va);
	if (!pte)
		return -ENOMEM;
	if (*pte)
		return -EINVAL;
	*pte = (u32)page_to_phys(page) | user_pte_bits(vm_flags);
	dccmvau(pte);
	__asm__ volatile("dsb" : : : "memory");
	return 0;
}

bool user_table_at(const struct mm_struct *mm, unsigned long va)
{
	return va < TASK_SIZE && (mm->pgd[va >> SECTION_SHIFT] & PMD_TYPE_TABLE);
}

/* The VM_* flags of a present second-level entry (the inverse of user_pte_bits). */
static unsigned int pte_vm_flags(u32 pte)
{
	if (!(pte & PTE_AP1))		/* no User access (PROT_NONE) */
		return 0;
	return VM_READ | ((pte & PTE_APX) ? 0 : VM_WRITE) | ((pte & PTE_XN) ? 0 : VM_EXEC);
}

struct page *user_page_at(const struct mm_struct *mm, unsigned long va, unsigned int *vm_flags)
{
	u32 *pte = va < TASK_SIZE ? pte_lookup(mm, va) : NULL;

	if (!pte || !(*pte & PTE_TYPE_SMALL))
		return NULL;
	*vm_flags = pte_vm_flags(*pte);
	return pfn_to_page(PFN_DOWN(*pte & PAGE_MASK));
}

/*
 * One 1 MiB section at a time: a section without a table is skipped
 * whole, and a table's entries are read in place, so fork's copy and
 * exit's unmap cost a load per empty entry rather than a lookup (make
 * bench: fork+exit+wait4 124,800 instructions with a lookup per page).
 */
void user_walk_present(struct mm_struct *mm, unsigned long start, unsigned long end, user_walk_fn fn, void *arg)
{
	unsigned long va = start & PAGE_MASK;

	end = min(end, TASK_SIZE);
	while (va < end) {
		unsigned long next = min((va & SECTION_MASK) + SECTION_SIZE, end);
		u32 l1 = mm->pgd[va >> SECTION_SHIFT];
		const u32 *table = __va(l1 & PMD_TABLE_MASK);
		unsigned int i = (va >> PAGE_SHIFT) & (L2_ENTRIES - 1), last = i + ((next - va) >> PAGE_SHIFT);

		while ((l1 & PMD_TYPE_TABLE) && (i = skip_zero_entries(table, i, last)) < last) {
			u32 pte = table[i];
			unsigned long at = (va & SECTION_MASK) | ((unsigned long)i << PAGE_SHIFT);

			if (pte & PTE_TYPE_SMALL)
				fn(mm, at, pfn_to_page(PFN_DOWN(pte & PAGE_MASK)), pte_vm_flags(pte), arg);
			i++;
		}
		va = next;
	}
}

struct page *user_unmap_page(struct mm_struct *mm, unsigned long va)
{
	u32 *pte = va < TASK_SIZE ? pte_lookup(mm, va) : NULL;
	struct page *page;

	if (!pte || !(*pte & PTE_TYPE_SMALL))
		return NULL;
	page = pfn_to_page(PFN_DOWN(*pte & PAGE_MASK));
	*pte = 0;
	dccmvau(pte);
	flush_tlb_user_page(va, mm->asid);
	return page;
}

int user_protect_page(struct mm_struct *mm, unsigned long va, unsigned int vm_flags)
{
	u32 *pte = va < TASK_SIZE ? pte_lookup(mm, va) : NULL;

	if (!pte || !(*pte & PTE_TYPE_SMALL))
		return -EINVAL;
	*pte = (*pte & PAGE_MASK) | user_pte_bits(vm_flags);
	dccmvau(pte);
	flush_tlb_user_page(va, mm->asid);
	return 0;
}

/*
 * ARM ARM B3.10.4: with ASIDs, change CONTEXTIDR to a reserved ASID (0:
 * no user entry is ever tagged with it), then TTBR0, then the new ASID, so
 * that no walk under the old ASID can use the new table or the reverse.
 */
void switch_mm(struct mm_struct *mm)
{
	phys_addr_t table = mm ? __pa(mm->pgd) : arm_boot_info.pgd_phys;
	u32 asid = mm ? mm->asid : 0;

	__asm__ volatile("mcr p15, 0, %0, c13, c0, 1\n\tisb" : : "r"(0) : "memory");		/* CONTEXTIDR */
	__asm__ volatile("mcr p15, 0, %0, c2, c0, 0\n\tisb" : : "r"((u32)table | TTBR_FLAGS) : "memory");	/* TTBR0 */
	__asm__ volatile("mcr p15, 0, %0, c13, c0, 1\n\tisb" : : "r"(asid) : "memory");
}

/* The first-level table this CPU walks now (TTBR0 bits [31:14], B4.1.154), at its lowmem address. */
static u32 *current_pgd(void)
{
	u32 ttbr0;

	__asm__ volatile("mrc p15, 0, %0, c2, c0, 0" : "=r"(ttbr0));
	return __va(ttbr0 & ~(L1_TABLE_SIZE - 1));
}

/*
 * Linux's do_translation_fault for the kernel half.  Every entry copied
 * here stays right for as long as the copy lives, because the kernel's
 * table only ever gains entries after boot: arch/arm/mmu.c turns empty
 * (or section) entries into tables and never frees an L2 table, and
 * vunmap / vfree clear second-level entries only, which every copy
 * shares.  So a stale copy can be missing an entry but never point at a
 * freed table.  Runs in Abort mode with IRQs masked and takes no lock:
 * two CPUs on one table write the same word, and a CPU making a vmalloc
 * area meanwhile publishes its L1 entry only once the L2 table behind it
 * is complete and cleaned (arch/arm/mmu.c's l2_get, under pgd_lock).
 */
bool pgd_fill_kernel_entry(unsigned long va)
{
	const u32 *master = kernel_pgd();
	u32 *pgd = current_pgd();
	unsigned int i = va >> SECTION_SHIFT;

	if (va < TASK_SIZE || pgd == master || !master[i] || pgd[i] == master[i])
		return false;
	pgd[i] = master[i];
	flush_dcache_to_pou(&pgd[i], 4);
	return true;
}
