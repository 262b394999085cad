/*
 * Self-tests of a process's page tables (mm_user.c) and of access_ok
 * (uaccess.c), on a table that is never installed: pages mapped at the
 * first and last user page and inside one 4 MiB block read back with the
 * access given; the kernel half equals the kernel's table; every page
 * (table pages, the 16 KiB first-level table) comes back at pgd_free.
 * And the lazy kernel half: a vmalloc area made after a table was copied
 * is reachable through that table once installed (the translation fault
 * copies the missing first-level entries in, arch/arm/fault.c).
 */
#include <arch.h>
#include <gfp.h>
#include <mm.h>
#include <mmu_context.h>
#include <printk.h>
#include <sched.h>
#include <selftest.h>
#include <vmalloc.h>
#include <uaccess.h>
#include <asm/hw.h>
#include <asm/setup.h>

/* User addresses: the first page, two in one 4 MiB block (one L2 table page), and the last page. */
static const unsigned long test_va[] = { 0x0, 0x00400000, 0x007ff000, TASK_SIZE - PAGE_SIZE };
static const unsigned int test_flags[] = { VM_READ | VM_EXEC, VM_READ | VM_WRITE, VM_READ, VM_READ | VM_WRITE };

static void check_mapped(struct mm_struct *mm, struct page *const *pages)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(test_va); i++) {
		unsigned int flags = 0;
		struct page *got = user_page_at(mm, test_va[i], &flags);

		KT_EXPECT(got == pages[i] && flags == test_flags[i],
			  "va 0x%08lx: page %p flags 0x%x, expected %p flags 0x%x", test_va[i], (void *)got, flags,
			  (void *)pages[i], test_flags[i]);
	}
}

static int ktest_user_pgtable(void)
{
	const u32 *kernel = __va(arm_boot_info.pgd_phys);
	struct mm_struct mm = { .asid = 255 };
	struct page *pages[ARRAY_SIZE(test_va)] = { NULL };
	unsigned long before = nr_free_pages();
	unsigned int flags;

	KT_EXPECT(pgd_alloc(&mm) == 0, "pgd_alloc failed");
	if (!mm.pgd)
		return 0;
	KT_EXPECT(((unsigned long)__pa(mm.pgd) & (L1_TABLE_SIZE - 1)) == 0, "first-level table not 16 KiB aligned");
	for (unsigned int i = TASK_SIZE >> SECTION_SHIFT; i < 4096; i++)
		KT_EXPECT(mm.pgd[i] == kernel[i], "L1[%u] 0x%08x differs from the kernel's 0x%08x", i, mm.pgd[i], kernel[i]);
	for (unsigned int i = 0; i < ARRAY_SIZE(test_va); i++) {
		pages[i] = alloc_page(GFP_HIGHUSER);
		KT_EXPECT(pages[i] && user_map_page(&mm, test_va[i], pages[i], test_flags[i]) == 0,
			  "mapping va 0x%08lx failed", test_va[i]);
	}
	check_mapped(&mm, pages);
	KT_EXPECT(user_map_page(&mm, test_va[1], pages[0], VM_READ) == -EINVAL, "a second map of one page was taken");
	KT_EXPECT(user_map_page(&mm, TASK_SIZE, pages[0], VM_READ) == -EINVAL, "TASK_SIZE was mapped as user");
	KT_EXPECT(!user_page_at(&mm, 0x00401000, &flags), "an unmapped page next to a mapped one reads as mapped");
	for (unsigned int i = 0; i < ARRAY_SIZE(test_va); i++) {
		KT_EXPECT(user_unmap_page(&mm, test_va[i]) == pages[i], "unmap of 0x%08lx returned another page", test_va[i]);
		if (pages[i])
			__free_page(pages[i]);
	}
	pgd_free(&mm);
	KT_EXPECT(nr_free_pages() == before, "%lu pages free before, %lu after pgd_free", before, nr_free_pages());
	return 0;
}
KTEST(mm_user_pgtable, ktest_user_pgtable);

/* access_ok: inside [0, TASK_SIZE) without wrapping 32 bits; size 0 at TASK_SIZE is inside (Linux's rule). */
static int ktest_access_ok(void)
{
	KT_EXPECT(access_ok((void *)(TASK_SIZE - 1), 1), "the last user byte refused");
	KT_EXPECT(access_ok((void *)TASK_SIZE, 0), "an empty range at TASK_SIZE refused");
	KT_EXPECT(!access_ok((void *)TASK_SIZE, 1), "the first kernel byte accepted");
	KT_EXPECT(!access_ok((void *)(TASK_SIZE - 1), 2), "a range crossing TASK_SIZE accepted");
	KT_EXPECT(!access_ok((void *)0xfffffff0, 32), "a range wrapping 32 bits accepted");
	KT_EXPECT(!access_ok((void *)0x10, 0xfffffff8), "a huge size from a low address accepted");
	return 0;
}
KTEST(mm_user_access_ok, ktest_access_ok);

/* Sections of [va, va + size) whose first-level entry mm's table lacks. */
static unsigned int sections_missing(const struct mm_struct *mm, unsigned long va, unsigned long size)
{
	unsigned int n = 0;

	for (unsigned long s = va & SECTION_MASK; s < va + size; s += SECTION_SIZE)
		n += !mm->pgd[s >> SECTION_SHIFT];
	return n;
}

/* A vmalloc area with at least one section that mm's table was copied without; sizes 1, 2, 4 ... 32 MiB. */
static u32 *vmalloc_past(const struct mm_struct *mm, unsigned long *size)
{
	for (*size = SZ_1M; *size <= 32 * SZ_1M; *size *= 2) {
		u32 *p = vmalloc(*size);

		if (!p || sections_missing(mm, (unsigned long)p, *size))
			return p;
		vfree(p);
	}
	return NULL;
}

/*
 *   pgd_alloc(mm)        vmalloc(size): new L2 tables     switch_mm(mm), touch
 *   [kernel half copied] [master gains L1 entries]        [translation faults fill mm's copy]
 *
 * Every page written through mm's table must read back, and afterwards the
 * sections of the area equal the kernel's entries in mm's table.
 */
static int ktest_kernel_half_lazy(void)
{
	const u32 *kernel = __va(arm_boot_info.pgd_phys);
	struct mm_struct mm = { .asid = 254 }, *prev = current ? current->mm : NULL;
	unsigned long size, bad = 0;
	unsigned int missing;
	u32 *p;

	KT_EXPECT(pgd_alloc(&mm) == 0, "pgd_alloc failed");
	if (!mm.pgd)
		return 0;
	p = vmalloc_past(&mm, &size);
	KT_EXPECT(p, "no vmalloc area of up to 32 MiB reached a section the table lacks");
	if (p) {
		missing = sections_missing(&mm, (unsigned long)p, size);
		switch_mm(&mm);
		for (unsigned long i = 0; i < size / 4; i += PAGE_SIZE / 4)
			p[i] = (u32)i;
		for (unsigned long i = 0; i < size / 4; i += PAGE_SIZE / 4)
			bad += p[i] != (u32)i;
		switch_mm(prev);
		KT_EXPECT(!bad, "%lu of %lu pages read back wrong through the process table", bad, size / PAGE_SIZE);
		KT_EXPECT(!sections_missing(&mm, (unsigned long)p, size), "sections still missing after the accesses");
		for (unsigned long s = (unsigned long)p & SECTION_MASK; s < (unsigned long)p + size; s += SECTION_SIZE)
			KT_EXPECT(mm.pgd[s >> SECTION_SHIFT] == kernel[s >> SECTION_SHIFT],
				  "L1 entry of 0x%08lx is 0x%08x, the kernel's 0x%08x", s, mm.pgd[s >> SECTION_SHIFT],
				  kernel[s >> SECTION_SHIFT]);
		pr_info("ktest: %lu KiB vmalloc area at 0x%08lx, %u sections filled by translation faults\n",
			size >> 10, (unsigned long)p, missing);
		vfree(p);
	}
	pgd_free(&mm);
	return 0;
}
KTEST(mm_user_kernel_half_lazy, ktest_kernel_half_lazy);
