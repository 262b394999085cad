/*
 * Self-tests of the page tables paging_init left behind: permissions of
 * the kernel's sections, the identity map gone (below PAGE_OFFSET and in
 * the vmalloc area), the static maps and the fixmap's tables in place,
 * and arch_map_range / arch_unmap_range, arch_set_pte / arch_clear_pte
 * and arch_clear_ptes round trips.
 */
#include <arch.h>
#include <board.h>
#include <gfp.h>
#include <memblock.h>
#include <mm.h>
#include <selftest.h>
#include <asm/hw.h>
#include <asm/mmu.h>
#include <asm/setup.h>

static bool query(unsigned long va, unsigned int *flags)
{
	phys_addr_t pa;

	return arch_query(va, &pa, flags);
}

static int mmu_kernel_permissions(void)
{
	unsigned int f;

	KT_EXPECT(query((unsigned long)_text, &f) && (f & ARCH_MAP_RO) && !(f & ARCH_MAP_NX),
		  ".text must be read-only and executable (flags 0x%x)", f);
	KT_EXPECT(query((unsigned long)__start_rodata, &f) && (f & ARCH_MAP_RO) && (f & ARCH_MAP_NX),
		  ".rodata must be read-only, never executed (flags 0x%x)", f);
	KT_EXPECT(query((unsigned long)_sdata, &f) && !(f & ARCH_MAP_RO) && (f & ARCH_MAP_NX),
		  ".data must be writable, never executed (flags 0x%x)", f);
	KT_EXPECT(query((unsigned long)__bss_start, &f) && !(f & ARCH_MAP_RO) && (f & ARCH_MAP_NX),
		  ".bss must be writable, never executed (flags 0x%x)", f);
	return 0;
}
KTEST(mmu_kernel_permissions, mmu_kernel_permissions);

static int mmu_low_addresses_unmapped(void)
{
	unsigned long id = arm_boot_info.phys_offset + 0x8000;
	phys_addr_t pa = 0;
	unsigned int f;

	KT_EXPECT(!query(0, &f), "address 0 must fault");
	/* With 1G/3G the identity address lies inside lowmem: there it must map lowmem, not itself. */
	KT_EXPECT(!arch_query(id, &pa, &f) || (id >= PAGE_OFFSET && pa == __pa((void *)id)),
		  "the boot identity map at 0x%08lx must be gone (maps pa 0x%08x)", id, (unsigned int)pa);
	KT_EXPECT(!query(MODULES_VADDR, &f), "the modules area starts empty");
	return 0;
}
KTEST(mmu_low_addresses_unmapped, mmu_low_addresses_unmapped);

static int mmu_lowmem_linear(void)
{
	phys_addr_t pa;
	unsigned int f;

	/* Every MiB of lowmem RAM maps to its physical address, never executable beyond the kernel. */
	for (phys_addr_t p = memblock_start_of_DRAM(); p < arch_lowmem_end; p += SECTION_SIZE) {
		unsigned long va = (unsigned long)__va(p);

		if (!memblock_is_map_memory(p))		/* a hole between banks: map_lowmem maps RAM only */
			continue;
		if (!arch_query(va, &pa, &f) || pa != p) {
			KT_EXPECT(0, "lowmem va 0x%08lx should map pa 0x%08x", va, p);
			break;
		}
		if (va >= (unsigned long)_end && !(f & ARCH_MAP_NX)) {
			KT_EXPECT(0, "lowmem va 0x%08lx is executable", va);
			break;
		}
	}
	KT_EXPECT(!arch_query((unsigned long)high_memory, &pa, &f) || arch_lowmem_end & ~SECTION_MASK,
		  "nothing is mapped at high_memory 0x%08lx", (unsigned long)high_memory);
	return 0;
}
KTEST(mmu_lowmem_linear, mmu_lowmem_linear);

static int mmu_map_unmap_roundtrip(void)
{
	unsigned long page = __get_free_page(GFP_KERNEL);
	unsigned long va = FIXADDR_START + 15 * PAGE_SIZE;
	phys_addr_t pa;
	unsigned int f;

	KT_EXPECT(page, "no page to test with");
	if (!page)
		return 1;
	KT_EXPECT(arch_map_range(va, __pa((void *)page), PAGE_SIZE, ARCH_MAP_CACHED | ARCH_MAP_NX) == 0,
		  "mapping a free fixmap page failed");
	KT_EXPECT(arch_map_range(va, __pa((void *)page), PAGE_SIZE, ARCH_MAP_CACHED) == -EINVAL,
		  "mapping the same page twice must be refused");
	KT_EXPECT(arch_map_range(va + 1, 0, PAGE_SIZE, 0) == -EINVAL, "unaligned input must be refused");
	*(volatile u32 *)va = 0x5a5aa5a5;
	KT_EXPECT(*(volatile u32 *)page == 0x5a5aa5a5, "a write through the new mapping must reach the page");
	KT_EXPECT(arch_query(va, &pa, &f) && pa == __pa((void *)page), "query must return the mapped page");
	arch_unmap_range(va, PAGE_SIZE);
	arch_flush_tlb_page(va);
	KT_EXPECT(!arch_query(va, &pa, &f), "query after unmap must find nothing");
	free_page(page);
	return 0;
}
KTEST(mmu_map_unmap_roundtrip, mmu_map_unmap_roundtrip);

/* The fast path kmap and kmap_local use: one entry written, seen by query and by a write through it. */
static int mmu_set_clear_pte_roundtrip(void)
{
	unsigned long page = __get_free_page(GFP_KERNEL);
	unsigned long va = FIXADDR_START + 14 * PAGE_SIZE;
	phys_addr_t pa;
	unsigned int f;

	KT_EXPECT(page, "no page to test with");
	if (!page)
		return 1;
	KT_EXPECT(arch_ensure_table(va) == 0, "no table for the fixmap");
	KT_EXPECT(arch_set_pte(va, __pa((void *)page), ARCH_MAP_CACHED | ARCH_MAP_NX) == 0,
		  "arch_set_pte into an existing table failed");
	KT_EXPECT(arch_query(va, &pa, &f) && pa == __pa((void *)page) && f == (ARCH_MAP_CACHED | ARCH_MAP_NX),
		  "query must return what arch_set_pte wrote (flags 0x%x)", f);
	*(volatile u32 *)va = 0xa5a55a5a;
	KT_EXPECT(*(volatile u32 *)page == 0xa5a55a5a, "a write through the new entry must reach the page");
	arch_clear_pte(va);
	arch_flush_tlb_page(va);
	KT_EXPECT(!arch_query(va, &pa, &f), "query after arch_clear_pte must find nothing");
	KT_EXPECT(arch_set_pte(MODULES_VADDR, __pa((void *)page), ARCH_MAP_CACHED) == -ENOENT,
		  "arch_set_pte where no table is must refuse");
	free_page(page);
	return 0;
}
KTEST(mmu_set_clear_pte_roundtrip, mmu_set_clear_pte_roundtrip);

/*
 * arch_clear_ptes across a section boundary: fixmap pages 125..130 (the
 * fixmap's section boundary, 0xffd00000, lies after page 127; the kernel
 * uses only its first 32 pages) all map one page, then the run 126..129 is
 * cleared.  Expected: 126..129 gone, 125 and 130 still map the page.
 */
static int mmu_clear_ptes_run(void)
{
	unsigned long page = __get_free_page(GFP_KERNEL);
	unsigned long base = FIXADDR_START + 125 * PAGE_SIZE;
	phys_addr_t pa;
	unsigned int f;

	KT_EXPECT(page, "no page to test with");
	if (!page)
		return 1;
	for (unsigned int i = 0; i < 6; i++)
		KT_EXPECT(arch_set_pte(base + i * PAGE_SIZE, __pa((void *)page), ARCH_MAP_CACHED | ARCH_MAP_NX) == 0,
			  "arch_set_pte at 0x%08lx failed", base + i * PAGE_SIZE);
	arch_clear_ptes(base + PAGE_SIZE, 4);
	arch_flush_tlb_range(base, 6 * PAGE_SIZE);
	for (unsigned int i = 1; i < 5; i++)
		KT_EXPECT(!arch_query(base + i * PAGE_SIZE, &pa, &f), "0x%08lx is still mapped after arch_clear_ptes",
			  base + i * PAGE_SIZE);
	KT_EXPECT(arch_query(base, &pa, &f) && pa == __pa((void *)page), "the page before the run lost its entry");
	KT_EXPECT(arch_query(base + 5 * PAGE_SIZE, &pa, &f) && pa == __pa((void *)page),
		  "the page after the run lost its entry");
	arch_clear_ptes(base, 6);
	arch_flush_tlb_range(base, 6 * PAGE_SIZE);
	KT_EXPECT(!arch_query(base, &pa, &f) && !arch_query(base + 5 * PAGE_SIZE, &pa, &f),
		  "clearing a run with empty entries in it must empty its ends too");
	free_page(page);
	return 0;
}
KTEST(mmu_clear_ptes_run, mmu_clear_ptes_run);

/*
 * The vmalloc area up to the fixmap holds no section but the board's
 * static map (head.S's identity and DTB sections are gone in every split),
 * and the fixmap's sections have their tables from boot on, so that a map
 * there never has to allocate one.
 */
static int mmu_vmalloc_window_clean(void)
{
	struct mmu_walk w;
	unsigned long va;

	for (va = vmalloc_start; va && va < (FIXADDR_START & SECTION_MASK); va += SECTION_SIZE) {
		bool is_static = false;

		for (unsigned int i = 0; i < board.nr_iomap; i++)
			is_static |= va >= board.iomap[i].virt && va - board.iomap[i].virt < board.iomap[i].size;
		mmu_walk(va, &w);
		if ((w.l1 & PMD_TYPE_MASK) == PMD_TYPE_SECT && !is_static) {
			KT_EXPECT(0, "a section (L1 0x%08x) is left at 0x%08lx in the vmalloc area", w.l1, va);
			break;
		}
	}
	for (va = FIXADDR_START & SECTION_MASK; va < FIXADDR_END; va += SECTION_SIZE) {
		mmu_walk(va, &w);
		KT_EXPECT(w.has_l2, "the fixmap section at 0x%08lx has no page table", va);
	}
	return 0;
}
KTEST(mmu_vmalloc_window_clean, mmu_vmalloc_window_clean);
