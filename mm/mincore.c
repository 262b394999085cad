/*
 * mincore (Linux's mm/mincore.c): one byte per page of a range, 1 where
 * the page is resident.  A present PTE counts (the zero page too, as in
 * Linux); for a file mapping, so does every page inside the file, since
 * the initramfs keeps all its bytes in memory as a page cache would.
 */
#include <initramfs.h>
#include <mmu_context.h>
#include <sched.h>
#include <syscall.h>
#include <uaccess.h>
#include "vma.h"

#define MINCORE_CHUNK	64	/* bytes of the vector filled per copy_to_user */

static unsigned char page_resident(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long va)
{
	unsigned int pte_flags;

	if (user_page_at(mm, va, &pte_flags))
		return 1;
	if (vma->vm_file)
		return vma->vm_pgoff + ((va - vma->vm_start) >> PAGE_SHIFT) < PFN_UP(vma->vm_file->size);
	return 0;
}

/*
 * Linux 6.1's order: -EINVAL for an unaligned start, -ENOMEM for a range
 * outside user space or any unmapped page in it (the vector is written up
 * to there), -EFAULT for a vector that cannot be written.
 */
long do_mincore(struct mm_struct *mm, unsigned long start, unsigned long len, unsigned char *uvec)
{
	unsigned long pages;
	unsigned char buf[MINCORE_CHUNK];

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (start > TASK_SIZE || len > TASK_SIZE - start)
		return -ENOMEM;
	pages = (len >> PAGE_SHIFT) + ((len & ~PAGE_MASK) != 0);
	if (!access_ok(uvec, pages))
		return -EFAULT;
	for (unsigned long done = 0; done < pages;) {
		unsigned long n = min(pages - done, (unsigned long)MINCORE_CHUNK);

		for (unsigned long i = 0; i < n; i++) {
			unsigned long va = start + ((done + i) << PAGE_SHIFT);
			struct vm_area_struct *vma = vma_lookup(mm, va);

			if (!vma)
				return (i && copy_to_user(uvec + done, buf, i)) ? -EFAULT : -ENOMEM;
			buf[i] = page_resident(mm, vma, va);
		}
		if (copy_to_user(uvec + done, buf, n))
			return -EFAULT;
		done += n;
	}
	return 0;
}

long sys_mincore(const struct syscall_args *a)
{
	return do_mincore(current->mm, a->arg[0], a->arg[1], (unsigned char *)a->arg[2]);
}
