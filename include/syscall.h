/*
 * The system-call table (kernel/syscall.c): Linux's ARM EABI numbers
 * (Linux's arch/arm/tools/syscall.tbl), each handler sys_<name>, taking
 * the caller's r0-r5 and returning the value for r0 (-errno on failure).
 */
#ifndef SYSCALL_H
#define SYSCALL_H

#include <types.h>

struct pt_regs;

#include <uapi/unistd.h>

#define NR_SYSCALLS	452	/* Linux 6.1's table has 451 entries */

struct syscall_args {
	unsigned long arg[6];
};

typedef long (*syscall_fn_t)(const struct syscall_args *a);

/* Run the call in regs->r[7] with r0-r5 and put the result in regs->r[0]. */
void syscall_dispatch(struct pt_regs *regs);

/* The memory calls (mm/mmap.c, mprotect.c, mremap.c, madvise.c, mlock.c, mincore.c, msync.c). */
long sys_brk(const struct syscall_args *a);
long sys_mmap2(const struct syscall_args *a);
long sys_munmap(const struct syscall_args *a);
long sys_mprotect(const struct syscall_args *a);
long sys_mremap(const struct syscall_args *a);
long sys_madvise(const struct syscall_args *a);
long sys_mlock(const struct syscall_args *a);
long sys_munlock(const struct syscall_args *a);
long sys_mlockall(const struct syscall_args *a);
long sys_munlockall(const struct syscall_args *a);
long sys_mincore(const struct syscall_args *a);
long sys_msync(const struct syscall_args *a);

#endif
