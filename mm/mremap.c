/*
 * mremap (Linux's mm/mremap.c): shrink, grow in place, or move (the PTEs
 * move with their pages, so contents and counts go along untouched), with
 * Linux 6.1's checks in its order.
 */
#include <mmu_context.h>
#include <sched.h>
#include <syscall.h>
#include "vma.h"

/* The VMA [addr, addr + old_len) lies in, if the whole range does (Linux's vma_to_resize); else -EFAULT. */
static struct vm_area_struct *vma_to_resize(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
					    long *err)
{
	struct vm_area_struct *vma = vma_lookup(mm, addr);

	*err = -EFAULT;
	if (!vma || old_len > vma->vm_end - addr)
		return NULL;
	*err = -EINVAL;
	if (!old_len)	/* Linux duplicates shared mappings for old_len 0; no such mappings here */
		return NULL;
	*err = 0;
	return vma;
}

/* One PTE to its new place, page and counts unchanged (prepare_tables made every table, so this cannot fail). */
static void move_one(struct mm_struct *mm, unsigned long va, struct page *page, unsigned int pte_flags, void *arg)
{
	unsigned long to = va + *(unsigned long *)arg;	/* wraps for a move down: modular arithmetic */

	user_unmap_page(mm, va);
	user_map_page(mm, to, page, pte_flags);
}

/* Make sure every second-level table the new range needs exists, so that moving the PTEs cannot fail half-way. */
static int prepare_tables(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	for (unsigned long va = ALIGN_DOWN(start, 4 * SECTION_SIZE); va < end; va += 4 * SECTION_SIZE) {
		if (user_alloc_table(mm, max(va, start)))
			return -ENOMEM;
		if (va + 4 * SECTION_SIZE < va)
			break;
	}
	return 0;
}

/*
 * Move [old, old + old_len) of vma to new_addr with new_len (>= old_len),
 * the range at new_addr being free.  Returns new_addr or -ENOMEM.
 */
static long move_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long old, unsigned long old_len,
		     unsigned long new_addr, unsigned long new_len, bool dontunmap)
{
	struct vm_area_struct *moved;
	unsigned long delta = new_addr - old;

	if (mm->map_count >= sysctl_max_map_count - 3)
		return -ENOMEM;
	if ((vma->vm_flags & VM_ACCOUNT) && vm_enough_memory(new_len >> PAGE_SHIFT))
		return -ENOMEM;
	if (prepare_tables(mm, new_addr, new_addr + new_len))
		return -ENOMEM;
	if (old > vma->vm_start && !(vma = split_vma(mm, vma, old)))
		return -ENOMEM;
	if (old + old_len < vma->vm_end && !split_vma(mm, vma, old + old_len))
		return -ENOMEM;
	moved = vm_area_dup(vma);	/* vm_pgoff kept: the pages' rmap index stays true */
	if (!moved)
		return -ENOMEM;
	moved->vm_start = new_addr;
	moved->vm_end = new_addr + new_len;
	walk_present(mm, old, old + old_len, move_one, &delta);
	if (!dontunmap) {
		vma_unlink(mm, vma);
		vma_free(vma);
	}
	vma_link(mm, moved);
	moved = vma_merge_neighbours(mm, moved);
	if (moved->vm_flags & VM_LOCKED)
		populate_range(mm, new_addr + old_len, new_addr + new_len);
	return (long)new_addr;
}

/* Grow vma (ending at addr + old_len) in place if the room above is free. */
static bool grow_in_place(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long new_end, long *ret)
{
	unsigned long pages = (new_end - vma->vm_end) >> PAGE_SHIFT;
	unsigned long old_end = vma->vm_end;

	if (new_end > TASK_SIZE || new_end < vma->vm_end || (vma->vm_next && vma->vm_next->vm_start < new_end))
		return false;
	if ((vma->vm_flags & VM_ACCOUNT) && vm_enough_memory(pages)) {
		*ret = -ENOMEM;
		return true;
	}
	vma_unlink(mm, vma);
	vma->vm_end = new_end;
	vma_link(mm, vma);
	if (vma->vm_flags & VM_LOCKED)
		populate_range(mm, old_end, new_end);
	*ret = (long)vma->vm_start;
	return true;
}

/* MREMAP_FIXED (or DONTUNMAP): the new place is new_addr, or a hint for it. */
static long mremap_to(struct mm_struct *mm, unsigned long addr, unsigned long old_len, unsigned long new_addr,
		      unsigned long new_len, unsigned long flags)
{
	struct vm_area_struct *vma;
	long ret;

	if ((new_addr & ~PAGE_MASK) || new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len)
		return -EINVAL;
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;	/* the two ranges overlap */
	if ((flags & MREMAP_FIXED) && (ret = do_munmap(mm, new_addr, new_len)))
		return ret;
	if (old_len > new_len) {
		ret = do_munmap(mm, addr + new_len, old_len - new_len);
		if (ret)
			return ret;
		old_len = new_len;
	}
	vma = vma_to_resize(mm, addr, old_len, &ret);
	if (!vma)
		return ret;
	ret = get_unmapped_area(mm, new_addr, new_len, (flags & MREMAP_FIXED) ? MAP_FIXED : 0);
	if (IS_ERR_VALUE(ret))
		return ret;
	return move_vma(mm, vma, addr, old_len, (unsigned long)ret, new_len, flags & MREMAP_DONTUNMAP);
}

long do_mremap(struct mm_struct *mm, unsigned long addr, unsigned long old_len, unsigned long new_len,
	       unsigned long flags, unsigned long new_addr)
{
	struct vm_area_struct *vma;
	long ret;

	if (flags & ~(unsigned long)(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = ALIGN(old_len, PAGE_SIZE);
	new_len = ALIGN(new_len, PAGE_SIZE);
	if (!new_len)
		return -EINVAL;
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
		return mremap_to(mm, addr, old_len, new_addr, new_len, flags);
	if (old_len >= new_len) {
		ret = do_munmap(mm, addr + new_len, old_len - new_len);
		return ret && old_len != new_len ? ret : (long)addr;
	}
	vma = vma_to_resize(mm, addr, old_len, &ret);
	if (!vma)
		return ret;
	if (old_len == vma->vm_end - addr && grow_in_place(mm, vma, addr + new_len, &ret))
		return ret;
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	ret = get_unmapped_area(mm, 0, new_len, 0);
	if (IS_ERR_VALUE(ret))
		return ret;
	return move_vma(mm, vma, addr, old_len, (unsigned long)ret, new_len, false);
}

long sys_mremap(const struct syscall_args *a)
{
	return do_mremap(current->mm, a->arg[0], a->arg[1], a->arg[2], a->arg[3], a->arg[4]);
}
