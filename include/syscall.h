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

/* The time calls (kernel/sys_time.c). */
long sys_clock_gettime(const struct syscall_args *a);
long sys_clock_gettime64(const struct syscall_args *a);
long sys_clock_getres(const struct syscall_args *a);
long sys_clock_getres_time64(const struct syscall_args *a);
long sys_gettimeofday(const struct syscall_args *a);
long sys_nanosleep(const struct syscall_args *a);
long sys_clock_nanosleep(const struct syscall_args *a);
long sys_clock_nanosleep_time64(const struct syscall_args *a);
long sys_times(const struct syscall_args *a);

/* Identity, limits and the other small calls (kernel/sys_misc.c). */
long sys_getuid(const struct syscall_args *a);	/* also getgid, geteuid, getegid and the 32 forms */
long sys_getresuid(const struct syscall_args *a);	/* also getresgid32 */
long sys_sched_yield(const struct syscall_args *a);
long sys_sync(const struct syscall_args *a);
long sys_personality(const struct syscall_args *a);
long sys_umask(const struct syscall_args *a);
long sys_set_robust_list(const struct syscall_args *a);
long sys_getcpu(const struct syscall_args *a);	/* kernel/sched.c */
long sys_prctl(const struct syscall_args *a);
long sys_reboot(const struct syscall_args *a);
long sys_sysinfo(const struct syscall_args *a);
long sys_getrandom(const struct syscall_args *a);
long sys_ugetrlimit(const struct syscall_args *a);
long sys_prlimit64(const struct syscall_args *a);
/* Processes: kernel/fork.c, exit.c, execve.c, signal.c. */
long sys_fork(const struct syscall_args *a);
long sys_vfork(const struct syscall_args *a);
long sys_clone(const struct syscall_args *a);
long sys_exit(const struct syscall_args *a);
long sys_wait4(const struct syscall_args *a);
long sys_getppid(const struct syscall_args *a);
long sys_gettid(const struct syscall_args *a);
long sys_set_tid_address(const struct syscall_args *a);
long sys_setpgid(const struct syscall_args *a);
long sys_getpgid(const struct syscall_args *a);
long sys_getpgrp(const struct syscall_args *a);
long sys_setsid(const struct syscall_args *a);
long sys_getsid(const struct syscall_args *a);
long sys_execve(const struct syscall_args *a);
long sys_kill(const struct syscall_args *a);
long sys_tkill(const struct syscall_args *a);
long sys_tgkill(const struct syscall_args *a);
long sys_rt_sigaction(const struct syscall_args *a);
long sys_rt_sigprocmask(const struct syscall_args *a);
long sys_rt_sigpending(const struct syscall_args *a);
long sys_rt_sigsuspend(const struct syscall_args *a);
long sys_pause(const struct syscall_args *a);
long sys_sigreturn(const struct syscall_args *a);
long sys_rt_sigreturn(const struct syscall_args *a);

/* After every call (kernel/signal.c): an -ERESTART* result waits for do_work_pending to restart or fail it. */
void syscall_note_result(long ret);

#endif
