/*
 * madvise (Linux's mm/madvise.c): the advice values Linux 6.1 accepts on
 * this configuration, applied VMA by VMA.  DONTNEED and FREE drop the
 * pages (the next touch finds zeros, or the file's bytes again); FREE
 * could keep them until memory is short, but with no reclaim here
 * dropping them at once is the same contract.  WILLNEED reads a file
 * mapping's pages in; on anonymous memory it does nothing, as in Linux
 * (there is no swap to read from).  POPULATE_READ/WRITE fault pages in.
 * The rest are accepted and change nothing that this kernel has.
 */
#include <sched.h>
#include <syscall.h>
#include "vma.h"

static bool madvise_behavior_valid(long behavior)
{
	switch (behavior) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_DONTNEED: case MADV_FREE: case MADV_REMOVE: case MADV_DONTFORK: case MADV_DOFORK:
	case MADV_DONTDUMP: case MADV_DODUMP: case MADV_WIPEONFORK: case MADV_KEEPONFORK:
	case MADV_COLD: case MADV_PAGEOUT: case MADV_POPULATE_READ: case MADV_POPULATE_WRITE:
	case MADV_DONTNEED_LOCKED:
		return true;
	default:	/* MERGEABLE needs KSM, HUGEPAGE transparent huge pages, HWPOISON a debug option */
		return false;
	}
}

/* One VMA's part [start, end).  0 or -errno. */
static int madvise_vma(struct vm_area_struct *vma, unsigned long start, unsigned long end, long behavior)
{
	switch (behavior) {
	case MADV_DONTNEED:
	case MADV_FREE:
		if (vma->vm_flags & VM_LOCKED)
			return -EINVAL;		/* Linux: locked pages stay */
		if (behavior == MADV_FREE && vma->vm_file)
			return -EINVAL;		/* Linux: FREE is for anonymous memory only */
		/* fall through */
	case MADV_DONTNEED_LOCKED:
		zap_page_range(vma, start, end);
		return 0;
	case MADV_REMOVE:
		return (vma->vm_flags & VM_SHARED) ? (zap_page_range(vma, start, end), 0) : -EINVAL;
	case MADV_WILLNEED:
		return vma->vm_file ? populate_range(vma->vm_mm, start, end) : 0;
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE:
		if (!(vma->vm_flags & (behavior == MADV_POPULATE_WRITE ? VM_WRITE : VM_ACCESS_FLAGS)))
			return -EINVAL;
		return populate_range(vma->vm_mm, start, end);
	default:
		return 0;
	}
}

/*
 * Linux 6.1's do_madvise: -EINVAL for unknown advice, an unaligned start
 * or a wrapping range; 0 for an empty one; the advice applied to every
 * mapped part, then -ENOMEM if part of the range was not mapped.
 */
int do_madvise(struct mm_struct *mm, unsigned long start, unsigned long len, long behavior)
{
	unsigned long end, aligned = ALIGN(len, PAGE_SIZE);
	int unmapped = 0;

	if (!madvise_behavior_valid(behavior) || (start & ~PAGE_MASK) || (len && !aligned))
		return -EINVAL;
	end = start + aligned;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	for (unsigned long at = start; at < end;) {
		struct vm_area_struct *vma = find_vma(mm, at);
		unsigned long to;
		int err;

		if (!vma || vma->vm_start >= end)
			return -ENOMEM;
		if (vma->vm_start > at)
			unmapped = -ENOMEM;
		at = max(at, vma->vm_start);
		to = min(end, vma->vm_end);
		err = madvise_vma(vma, at, to, behavior);
		if (err)
			return err;
		at = to;
	}
	return unmapped;
}

long sys_madvise(const struct syscall_args *a)
{
	return do_madvise(current->mm, a->arg[0], a->arg[1], (long)a->arg[2]);
}
