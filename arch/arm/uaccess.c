/*
 * copy_from_user and copy_to_user (include/uaccess.h) by checking the
 * process's page table first rather than by a fault fixup: a page is
 * looked up (and faulted in through handle_mm_fault where a user access
 * would have been), then copied through kmap_local, so highmem user pages
 * work the same as lowmem ones.
 */
#include <highmem.h>
#include <mm.h>
#include <mman.h>
#include <mmu_context.h>
#include <sched.h>
#include <string.h>
#include <uaccess.h>

bool access_ok(const void *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return a <= TASK_SIZE && size <= TASK_SIZE - a;
}

/* Copy between user [uaddr, uaddr + n) and kernel kbuf; to_user says which way.  Returns bytes not copied. */
static unsigned long copy_user(unsigned long uaddr, void *kbuf, unsigned long n, bool to_user)
{
	unsigned char *k = kbuf;

	if (!current || !access_ok((const void *)uaddr, n))
		return n;
	while (n) {
		unsigned long off = uaddr & ~PAGE_MASK, chunk = min(n, PAGE_SIZE - off);
		unsigned int flags;
		struct page *page = user_page_at(current->mm, uaddr & PAGE_MASK, &flags);
		unsigned char *p;

		if (!page || !(flags & (to_user ? VM_WRITE : VM_READ))) {
			/* What a user access would fault in, the kernel's access faults in too. */
			if (handle_mm_fault(current->mm, uaddr, to_user ? VM_WRITE : VM_READ))
				return n;
			page = user_page_at(current->mm, uaddr & PAGE_MASK, &flags);
			if (!page)
				return n;
		}
		p = kmap_local_page(page);
		if (to_user)
			memcpy(p + off, k, chunk);
		else
			memcpy(k, p + off, chunk);
		kunmap_local(p);
		uaddr += chunk;
		k += chunk;
		n -= chunk;
	}
	return 0;
}

unsigned long copy_from_user(void *to, const void *from, unsigned long n)
{
	return copy_user((unsigned long)from, to, n, false);
}

unsigned long copy_to_user(void *to, const void *from, unsigned long n)
{
	return copy_user((unsigned long)to, (void *)from, n, true);
}
