/*
 * Reaching the current process's memory from the kernel (arch/arm/uaccess.c).
 * The only way a system call touches a user address: the range is checked
 * against TASK_SIZE (no wrap), and each page must be mapped in the
 * process's table with the access asked for, before any byte moves; the
 * bytes go through the page's kernel mapping (kmap_local), so a bad
 * pointer never faults in the kernel.
 */
#ifndef UACCESS_H
#define UACCESS_H

#include <types.h>

/* True if [addr, addr + size) lies inside user space (does not say it is mapped). */
bool access_ok(const void *addr, unsigned long size);

/*
 * As in Linux: copy n bytes and return how many could NOT be copied (0 on
 * success); callers turn a non-zero result into -EFAULT.  The copy stops
 * at the first page that is unmapped or lacks the access (writable for
 * copy_to_user).
 */
unsigned long copy_from_user(void *to, const void *from, unsigned long n);
unsigned long copy_to_user(void *to, const void *from, unsigned long n);

#endif
