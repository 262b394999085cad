/* The memory system-call wrappers: see mman.h. */
#include "mman.h"
#include "syscall.h"

/* mmap2 takes the offset in 4096-byte units (ARM's mmap2, whatever the page size). */
long mmap(void *addr, size_t len, int prot, int flags, int fd, long offset)
{
	return syscall6(__NR_mmap2, (long)addr, (long)len, prot, flags, fd, offset >> 12);
}

long munmap(void *addr, size_t len) { return syscall2(__NR_munmap, addr, len); }
long mprotect(void *addr, size_t len, int prot) { return syscall3(__NR_mprotect, (long)addr, (long)len, prot); }
long mremap(void *old, size_t old_len, size_t new_len, int flags, void *new_addr)
{
	return syscall5(__NR_mremap, old, old_len, new_len, flags, new_addr);
}
long madvise(void *addr, size_t len, int advice) { return syscall3(__NR_madvise, (long)addr, (long)len, advice); }
long mlock(const void *addr, size_t len) { return syscall2(__NR_mlock, addr, len); }
long munlock(const void *addr, size_t len) { return syscall2(__NR_munlock, addr, len); }
long mlockall(int flags) { return syscall1(__NR_mlockall, flags); }
long munlockall(void) { return syscall0(__NR_munlockall); }
long mincore(void *addr, size_t len, unsigned char *vec) { return syscall3(__NR_mincore, (long)addr, (long)len, (long)vec); }
long msync(void *addr, size_t len, int flags) { return syscall3(__NR_msync, (long)addr, (long)len, flags); }
