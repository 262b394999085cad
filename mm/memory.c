/*
 * Demand paging of a process's anonymous memory (Linux's mm/memory.c,
 * handle_mm_fault and its do_anonymous_page / do_wp_page split): a VMA or
 * the heap says what may be there; a page appears on the first touch.
 *
 *   read fault, nothing mapped   -> the shared zero page, mapped read-only
 *   write fault, nothing mapped  -> a fresh zeroed page (GFP_HIGHUSER, zeroed
 *                                   through kmap_local), mapped with the VMA's access
 *   write fault on the zero page -> the same, in its place
 *   anything else                -> -EFAULT: the caller kills the process
 *
 * exec fills the pages holding file bytes up front (get_user_page), so
 * only bss, heap and stack come this way.
 */
#include <gfp.h>
#include <highmem.h>
#include <mm.h>
#include <mman.h>
#include <mmu_context.h>
#include <sched.h>
#include <string.h>

static struct page *zero_page;

void zero_page_init(void)
{
	if (!zero_page)
		zero_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
}

bool is_zero_page(const struct page *page)
{
	return page && page == zero_page;
}

static struct page *alloc_zeroed_user_page(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	void *p;

	if (!page)
		return NULL;
	p = kmap_local_page(page);
	memset(p, 0, PAGE_SIZE);
	kunmap_local(p);
	return page;
}

/* A fresh zeroed page at va with vm_flags, in place of the zero page if that was there. */
static int do_anonymous_page(struct mm_struct *mm, unsigned long va, unsigned int vm_flags)
{
	struct page *page = alloc_zeroed_user_page();

	if (!page)
		return -ENOMEM;
	user_unmap_page(mm, va);
	if (user_map_page(mm, va, page, vm_flags)) {
		__free_page(page);
		return -ENOMEM;
	}
	mm->rss++;
	return 0;
}

int handle_mm_fault(struct mm_struct *mm, unsigned long addr, unsigned int access)
{
	unsigned long va = addr & PAGE_MASK;
	unsigned int vm_flags = vma_flags_at(mm, addr), pte_flags;
	struct page *page;

	if (!vm_flags || (access & ~vm_flags))
		return -EFAULT;
	page = user_page_at(mm, va, &pte_flags);
	if (!page) {
		if ((access & VM_WRITE) || !zero_page)
			return do_anonymous_page(mm, va, vm_flags);
		return user_map_page(mm, va, zero_page, vm_flags & ~VM_WRITE) ? -ENOMEM : 0;
	}
	if ((access & VM_WRITE) && !(pte_flags & VM_WRITE))
		return is_zero_page(page) ? do_anonymous_page(mm, va, vm_flags) : -EFAULT;
	return 0;	/* already there with the access asked for */
}

struct page *get_user_page(struct mm_struct *mm, unsigned long va)
{
	unsigned int pte_flags, vm_flags = vma_flags_at(mm, va);
	struct page *page = user_page_at(mm, va & PAGE_MASK, &pte_flags);

	if (page && !is_zero_page(page))
		return page;
	if (!vm_flags || do_anonymous_page(mm, va & PAGE_MASK, vm_flags))
		return NULL;
	return user_page_at(mm, va & PAGE_MASK, &pte_flags);
}
