/*
 * User mappings of one process: its VMAs (a small array: a static program
 * has text, data, bss and stack) and its heap, [start_brk, brk) rounded to
 * pages, which sys_brk moves as Linux's brk does.  Nothing is mapped here:
 * pages come on first touch (mm/memory.c); here they are only given back.
 * The page tables themselves are arch code's (include/mmu_context.h).
 */
#include <gfp.h>
#include <mm.h>
#include <mman.h>
#include <mmu_context.h>
#include <printk.h>
#include <sched.h>
#include <string.h>
#include <syscall.h>

static bool overlaps(unsigned long s1, unsigned long e1, unsigned long s2, unsigned long e2)
{
	return s1 < e2 && s2 < e1;
}

/* True if [start, end) collides with a VMA or the heap of mm. */
static bool range_in_use(const struct mm_struct *mm, unsigned long start, unsigned long end)
{
	for (unsigned int i = 0; i < mm->nr_vmas; i++)
		if (overlaps(start, end, mm->vmas[i].vm_start, mm->vmas[i].vm_end))
			return true;
	return mm->start_brk && overlaps(start, end, mm->start_brk, ALIGN(mm->brk, PAGE_SIZE));
}

static void unmap_pages(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		struct page *page = user_unmap_page(mm, va);

		if (page && !is_zero_page(page)) {
			__free_page(page);
			mm->rss--;
		}
	}
}

int mmap_anon(struct mm_struct *mm, unsigned long start, unsigned long end, unsigned int vm_flags)
{
	if ((start | end) & ~PAGE_MASK || start >= end || end > TASK_SIZE || range_in_use(mm, start, end))
		return -EINVAL;
	if (mm->nr_vmas == MM_MAX_VMAS)
		return -ENOMEM;
	mm->vmas[mm->nr_vmas++] = (struct vm_area_struct){ start, end, vm_flags };
	return 0;
}

unsigned int vma_flags_at(const struct mm_struct *mm, unsigned long addr)
{
	for (unsigned int i = 0; i < mm->nr_vmas; i++)
		if (addr >= mm->vmas[i].vm_start && addr < mm->vmas[i].vm_end)
			return mm->vmas[i].vm_flags;
	if (mm->start_brk && addr >= mm->start_brk && addr < ALIGN(mm->brk, PAGE_SIZE))
		return VM_READ | VM_WRITE;
	return 0;
}

void exit_mmap(struct mm_struct *mm)
{
	for (unsigned int i = 0; i < mm->nr_vmas; i++)
		unmap_pages(mm, mm->vmas[i].vm_start, mm->vmas[i].vm_end);
	if (mm->start_brk)
		unmap_pages(mm, mm->start_brk, ALIGN(mm->brk, PAGE_SIZE));
	mm->nr_vmas = 0;
	pgd_free(mm);
}

/*
 * brk(addr), as Linux 6.1's: below the heap's start, or when the new
 * pages cannot be had or would meet another mapping, the break stays and
 * is returned; otherwise the heap grows (zeroed pages) or shrinks (pages
 * freed) and the new break is returned.  brk(0) asks for the current one.
 */
long sys_brk(const struct syscall_args *a)
{
	struct mm_struct *mm = &current->mm;
	unsigned long brk = a->arg[0];
	unsigned long newend = ALIGN(brk, PAGE_SIZE), oldend = ALIGN(mm->brk, PAGE_SIZE);

	if (brk < mm->start_brk || brk > TASK_SIZE)
		return (long)mm->brk;
	if (newend < oldend) {
		unmap_pages(mm, newend, oldend);
	} else if (newend > oldend) {
		unsigned long saved = mm->brk;

		mm->brk = mm->start_brk;	/* the heap itself does not count as a collision */
		if (range_in_use(mm, oldend, newend)) {
			mm->brk = saved;
			return (long)mm->brk;
		}
	}
	mm->brk = brk;
	return (long)mm->brk;
}
