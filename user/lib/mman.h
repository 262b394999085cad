/*
 * The memory system calls (user/lib/mman.c): raw wrappers returning what
 * the kernel returns, -errno on failure (no errno variable); mmap's value
 * is an error when mmap_failed() says so.  Flag values are Linux's
 * (include/uapi/mman.h), so these programs run on Linux too.
 */
#ifndef USER_MMAN_H
#define USER_MMAN_H

#include <stddef.h>
#include "../../include/uapi/mman.h"

/* Linux's errno values (include/uapi/asm-generic/errno-base.h). */
#define EPERM	1
#define ENXIO	6
#define EBADF	9
#define EAGAIN	11
#define ENOMEM	12
#define EACCES	13
#define EEXIST	17
#define EINVAL	22

long mmap(void *addr, size_t len, int prot, int flags, int fd, long offset);	/* through mmap2 */
static inline int mmap_failed(long r) { return (unsigned long)r >= (unsigned long)-4095; }
long munmap(void *addr, size_t len);
long mprotect(void *addr, size_t len, int prot);
long mremap(void *old, size_t old_len, size_t new_len, int flags, void *new_addr);
long madvise(void *addr, size_t len, int advice);
long mlock(const void *addr, size_t len);
long munlock(const void *addr, size_t len);
long mlockall(int flags);
long munlockall(void);
long mincore(void *addr, size_t len, unsigned char *vec);
long msync(void *addr, size_t len, int flags);

#endif
