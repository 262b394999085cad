/*
 * mprotect (Linux's mm/mprotect.c): new access for every VMA of a range,
 * splitting at its ends, charging overcommit when private memory becomes
 * writable, rewriting the present PTEs, and merging what now matches.
 */
#include <sched.h>
#include <syscall.h>
#include "vma.h"

/* Give [start, end) of vma (inside it) newflags.  0, -ENOMEM. */
static int mprotect_fixup(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long start,
			  unsigned long end, unsigned long newflags)
{
	unsigned long old = vma->vm_flags;

	if (newflags == old)
		return 0;
	/* Linux: private memory that turns writable is charged now, and stays charged. */
	if ((newflags & VM_WRITE) && !(old & (VM_ACCOUNT | VM_WRITE | VM_SHARED | VM_NORESERVE))) {
		if (vm_enough_memory((end - start) >> PAGE_SHIFT))
			return -ENOMEM;
		newflags |= VM_ACCOUNT;
	}
	if (start > vma->vm_start && !(vma = split_vma(mm, vma, start)))
		return -ENOMEM;
	if (end < vma->vm_end && !split_vma(mm, vma, end))
		return -ENOMEM;
	vma_unlink(mm, vma);
	vma->vm_flags = newflags;
	vma_link(mm, vma);
	change_protection(vma, start, end);
	vma_merge_neighbours(mm, vma);
	return 0;
}

static unsigned long prot_to_vm(unsigned long prot)
{
	return ((prot & PROT_READ) ? VM_READ : 0) | ((prot & PROT_WRITE) ? VM_WRITE : 0) |
	       ((prot & PROT_EXEC) ? VM_EXEC : 0);
}

/*
 * Linux 6.1's do_mprotect_pkey: -EINVAL for an unaligned start, unknown
 * prot bits or both GROWS flags; 0 for length 0; -ENOMEM where the range
 * is not mapped throughout (the VMAs before the hole keep their change,
 * as in Linux); -EACCES for access a VMA may never have (VM_MAY* clear).
 */
int do_mprotect(struct mm_struct *mm, unsigned long start, unsigned long len, unsigned long prot)
{
	unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP), end;
	struct vm_area_struct *vma;

	prot &= ~grows;
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP) || (start & ~PAGE_MASK))
		return -EINVAL;
	if (!len)
		return 0;
	len = ALIGN(len, PAGE_SIZE);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL;
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start > start)
		return -ENOMEM;
	if (grows == PROT_GROWSDOWN) {
		if (!(vma->vm_flags & VM_GROWSDOWN))
			return -EINVAL;
		start = vma->vm_start;
	} else if (grows) {
		return -EINVAL;	/* no VM_GROWSUP on ARM */
	}
	for (unsigned long at = start;;) {
		unsigned long newflags = (vma->vm_flags & ~VM_ACCESS_FLAGS) | prot_to_vm(prot);
		unsigned long to = min(vma->vm_end, end);
		int err;

		if ((newflags & ~(newflags >> 4)) & VM_ACCESS_FLAGS)	/* VM_MAYx is VM_x << 4 */
			return -EACCES;
		err = mprotect_fixup(mm, vma, at, to, newflags);
		if (err || to >= end)
			return err;
		at = to;
		vma = find_vma(mm, at);
		if (!vma || vma->vm_start != at)
			return -ENOMEM;
	}
}

long sys_mprotect(const struct syscall_args *a)
{
	return do_mprotect(current->mm, a->arg[0], a->arg[1], a->arg[2]);
}
