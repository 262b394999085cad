/*
 * Process page tables: each process has a 16 KiB first-level table of its
 * own (four naturally aligned pages from the buddy allocator satisfy the
 * TTBR0 alignment of ARM ARM B4.1.154), whose entries below TASK_SIZE are
 * the process's and whose entries from TASK_SIZE up are a copy of the
 * kernel's table (see include/mmu_context.h for why not TTBCR.N).
 *
 * User pages sit in second-level tables; one lowmem page holds the four
 * 1 KiB tables of an aligned 4 MiB block of user space (L1 entries 4k to
 * 4k + 3), so a table page is found from any of its L1 entries:
 *
 *   L1 [4k]   -> page + 0x000      L1 [4k+2] -> page + 0x800
 *   L1 [4k+1] -> page + 0x400      L1 [4k+3] -> page + 0xc00
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

void flush_dcache_to_pou(const void *kaddr, size_t len)
{
	for (unsigned long a = (unsigned long)kaddr & ~31UL; a < (unsigned long)kaddr + len; a += 32)
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

/* The kernel half of the kernel's table into pgd. */
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

void pgd_free(struct mm_struct *mm)
{
	for (unsigned int i = 0; i < USER_L1_ENTRIES; i += 4)
		if (mm->pgd[i] & PMD_TYPE_TABLE) {
			__free_page(pfn_to_page(PFN_DOWN(mm->pgd[i] & PMD_TABLE_MASK)));
			user_pt_pages--;
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

/* The same, with the table page for va's 4 MiB made first if there is none; NULL if it cannot be had. */
static u32 *user_pte(struct mm_struct *mm, unsigned long va)
{
	u32 *l1 = &mm->pgd[(va >> SECTION_SHIFT) & ~3u];
	struct page *page;
	u32 *table;

	if (mm->pgd[va >> SECTION_SHIFT] & PMD_TYPE_TABLE)
		return pte_lookup(mm, va);
	page = alloc_page(GFP_KERNEL);
	if (!page)
		return NULL;
	table = __va(page_to_phys(page));
	user_pt_pages++;
	mm->nr_ptes++;
	memset(table, 0, PAGE_SIZE);
	flush_dcache_to_pou(table, PAGE_SIZE);
	for (unsigned int k = 0; k < 4; k++)
		l1[k] = (u32)(page_to_phys(page) + k * L2_ENTRIES * 4) | PMD_TYPE_TABLE;
	flush_dcache_to_pou(l1, 16);
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

struct page *user_page_at(const struct mm_struct *mm, unsigned long va, unsigned int *vm_flags)
{
	u32 *pte = va < TASK_SIZE ? pte_lookup(mm, va) : NULL;

	if (!pte || !(*pte & PTE_TYPE_SMALL))
		return NULL;
	if (!(*pte & PTE_AP1))		/* no User access (PROT_NONE) */
		*vm_flags = 0;
	else
		*vm_flags = VM_READ | ((*pte & PTE_APX) ? 0 : VM_WRITE) | ((*pte & PTE_XN) ? 0 : VM_EXEC);
	return pfn_to_page(PFN_DOWN(*pte & PAGE_MASK));
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

	if (mm)
		copy_kernel_half(mm->pgd);
	__asm__ volatile("mcr p15, 0, %0, c13, c0, 1\n\tisb" : : "r"(0) : "memory");		/* CONTEXTIDR */
	__asm__ volatile("mcr p15, 0, %0, c2, c0, 0\n\tisb" : : "r"((u32)table | TTBR_FLAGS) : "memory");	/* TTBR0 */
	__asm__ volatile("mcr p15, 0, %0, c13, c0, 1\n\tisb" : : "r"(asid) : "memory");
}
