/*
 * msync (Linux's mm/msync.c): its checks only.  Nothing is ever written
 * back: anonymous memory has no backing, and file mappings are private
 * copies (no shared file mapping exists here), which msync leaves alone
 * in Linux too.
 */
#include <sched.h>
#include <syscall.h>
#include "vma.h"

/*
 * Linux 6.1's order: -EINVAL for unknown flags, an unaligned start, or
 * MS_ASYNC with MS_SYNC; -ENOMEM for a wrapping range; 0 for an empty
 * one; -EBUSY for MS_INVALIDATE over locked memory; -ENOMEM at the end
 * if part of the range was not mapped.
 */
int do_msync(struct mm_struct *mm, unsigned long start, unsigned long len, unsigned long flags)
{
	unsigned long end;
	int unmapped = 0;

	if (flags & ~(unsigned long)(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	len = ALIGN(len, PAGE_SIZE);
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	for (struct vm_area_struct *vma = find_vma(mm, start); start < end; vma = vma->vm_next) {
		if (!vma || vma->vm_start >= end)
			return -ENOMEM;
		if (vma->vm_start > start)
			unmapped = -ENOMEM;
		if ((flags & MS_INVALIDATE) && (vma->vm_flags & VM_LOCKED))
			return -EBUSY;
		start = vma->vm_end;
	}
	return unmapped;
}

long sys_msync(const struct syscall_args *a)
{
	return do_msync(current->mm, a->arg[0], a->arg[1], a->arg[2]);
}
