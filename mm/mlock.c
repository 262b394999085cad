/*
 * mlock, munlock, mlockall, munlockall (Linux's mm/mlock.c): VM_LOCKED on
 * the VMAs of a range, their pages faulted in, and the Mlocked count.
 * Every process here is root (CAP_IPC_LOCK), so RLIMIT_MEMLOCK never
 * limits it and -EPERM never comes, as for root on Linux.
 */
#include <sched.h>
#include <syscall.h>
#include "vma.h"

/* [start, end) of vma locked or not: split, flag, count its present pages in or out, merge. */
static int lock_fixup(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long start, unsigned long end,
		      bool lock)
{
	if (!!(vma->vm_flags & VM_LOCKED) == lock)
		return 0;
	if (start > vma->vm_start && !(vma = split_vma(mm, vma, start)))
		return -ENOMEM;
	if (end < vma->vm_end && !split_vma(mm, vma, end))
		return -ENOMEM;
	if (!lock)
		account_mlock(vma, -1);
	vma_unlink(mm, vma);
	vma->vm_flags = lock ? vma->vm_flags | VM_LOCKED : vma->vm_flags & ~VM_LOCKED;
	vma_link(mm, vma);
	if (lock)
		account_mlock(vma, 1);
	vma_merge_neighbours(mm, vma);
	return 0;
}

int apply_vma_lock_flags(struct mm_struct *mm, unsigned long start, unsigned long end, bool lock)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	if (!vma || vma->vm_start > start)
		return -ENOMEM;
	for (unsigned long at = start;;) {
		unsigned long to = min(vma->vm_end, end);
		int err = lock_fixup(mm, vma, at, to, lock);

		if (err || to >= end)
			return err;
		at = to;
		vma = find_vma(mm, at);
		if (!vma || vma->vm_start != at)
			return -ENOMEM;
	}
}

/* Linux's mlock/munlock take any start: the range grows to whole pages. */
static int do_mlock(unsigned long start, unsigned long len, bool lock)
{
	struct mm_struct *mm = current->mm;
	unsigned long end;
	int err;

	len = ALIGN(len + (start & ~PAGE_MASK), PAGE_SIZE);
	start &= PAGE_MASK;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (!len)
		return 0;
	err = apply_vma_lock_flags(mm, start, end, lock);
	if (!err && lock)
		err = populate_range(mm, start, end);
	return err;
}

long sys_mlock(const struct syscall_args *a)
{
	return do_mlock(a->arg[0], a->arg[1], true);
}

long sys_munlock(const struct syscall_args *a)
{
	return do_mlock(a->arg[0], a->arg[1], false);
}

/* Every VMA locked (MCL_CURRENT) or not; MCL_FUTURE sets the default for mappings to come. */
static int lock_all(struct mm_struct *mm, unsigned long flags)
{
	mm->def_flags = (flags & MCL_FUTURE) ? mm->def_flags | VM_LOCKED : mm->def_flags & ~VM_LOCKED;
	if (!(flags & MCL_CURRENT) && flags)
		return 0;
	/* By address, not by pointer: lock_fixup may merge the VMA with its neighbours. */
	for (struct vm_area_struct *v = find_vma(mm, 0); v; v = find_vma(mm, v->vm_end)) {
		unsigned long end = v->vm_end;

		if (lock_fixup(mm, v, v->vm_start, end, flags & MCL_CURRENT))
			return -ENOMEM;
		v = find_vma(mm, end - 1);
	}
	return 0;
}

long sys_mlockall(const struct syscall_args *a)
{
	unsigned long flags = a->arg[0];
	struct mm_struct *mm = current->mm;
	int err;

	if (!flags || (flags & ~(unsigned long)(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	err = lock_all(mm, flags);
	if (!err && (flags & MCL_CURRENT) && !(flags & MCL_ONFAULT))
		populate_range(mm, 0, TASK_SIZE);	/* as Linux: what cannot be faulted in is not an error */
	return err;
}

long sys_munlockall(const struct syscall_args *a)
{
	(void)a;
	return lock_all(current->mm, 0);
}
