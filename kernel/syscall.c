/*
 * System calls: the table (one designated initializer per Linux number)
 * and the small calls that need nothing but the task (the file calls are
 * fs/'s, include/syscalls_fs.h).
 * Unknown numbers give -ENOSYS, as Linux's sys_ni_syscall does, with one
 * log line the first time each number is seen.  The ARM-private calls
 * (0xf0000 + n) are above the table and take their own branch.
 */
#include <printk.h>
#include <sched.h>
#include <string.h>
#include <syscall.h>
#include <syscalls_fs.h>
#include <uaccess.h>
#include <asm/ptrace.h>
#include <asm/thread.h>
#include <generated/version.h>

static long sys_getpid(const struct syscall_args *a)
{
	return current->pid;
}

/* Linux's struct new_utsname: six fields of 65 bytes. */
struct new_utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

static long sys_uname(const struct syscall_args *a)
{
	struct new_utsname u;

	memset(&u, 0, sizeof(u));
	snprintf(u.sysname, sizeof(u.sysname), "vxmm");
	snprintf(u.nodename, sizeof(u.nodename), "vexpress");
	snprintf(u.release, sizeof(u.release), "%s", VXMM_VERSION);
	snprintf(u.version, sizeof(u.version), "#1");
	snprintf(u.machine, sizeof(u.machine), "armv7l");
	snprintf(u.domainname, sizeof(u.domainname), "(none)");
	return copy_to_user((void *)a->arg[0], &u, sizeof(u)) ? -EFAULT : 0;
}

static long sys_ni_syscall(unsigned long nr);

static const syscall_fn_t sys_call_table[NR_SYSCALLS] = {
	[__NR_exit]		= sys_exit,
	[__NR_fork]		= sys_fork,
	[__NR_read]		= sys_read,
	[__NR_write]		= sys_write,
	[__NR_open]		= sys_open,
	[__NR_close]		= sys_close,
	[__NR_execve]		= sys_execve,
	[__NR_chdir]		= sys_chdir,
	[__NR_lseek]		= sys_lseek,
	[__NR_getpid]		= sys_getpid,
	[__NR_mount]		= sys_mount,
	[__NR_getuid]		= sys_getuid,
	[__NR_pause]		= sys_pause,
	[__NR_access]		= sys_access,
	[__NR_sync]		= sys_sync,
	[__NR_kill]		= sys_kill,
	[__NR_dup]		= sys_dup,
	[__NR_pipe]		= sys_pipe,
	[__NR_times]		= sys_times,
	[__NR_brk]		= sys_brk,
	[__NR_getgid]		= sys_getuid,
	[__NR_geteuid]		= sys_getuid,
	[__NR_getegid]		= sys_getuid,
	[__NR_umount2]		= sys_umount2,
	[__NR_ioctl]		= sys_ioctl,
	[__NR_fcntl]		= sys_fcntl64,	/* the same on 32 bits: no struct flock commands here */
	[__NR_setpgid]		= sys_setpgid,
	[__NR_umask]		= sys_umask,
	[__NR_dup2]		= sys_dup2,
	[__NR_getppid]		= sys_getppid,
	[__NR_getpgrp]		= sys_getpgrp,
	[__NR_setsid]		= sys_setsid,
	[__NR_gettimeofday]	= sys_gettimeofday,
	[__NR_readlink]		= sys_readlink,
	[__NR_reboot]		= sys_reboot,
	[__NR_munmap]		= sys_munmap,
	[__NR_wait4]		= sys_wait4,
	[__NR_sysinfo]		= sys_sysinfo,
	[__NR_sigreturn]	= sys_sigreturn,
	[__NR_clone]		= sys_clone,
	[__NR_uname]		= sys_uname,
	[__NR_mprotect]		= sys_mprotect,
	[__NR_getpgid]		= sys_getpgid,
	[__NR_fchdir]		= sys_fchdir,
	[__NR_personality]	= sys_personality,
	[__NR__llseek]		= sys_llseek,
	[__NR_getdents]		= sys_getdents,
	[__NR__newselect]	= sys_newselect,
	[__NR_msync]		= sys_msync,
	[__NR_readv]		= sys_readv,
	[__NR_writev]		= sys_writev,
	[__NR_getsid]		= sys_getsid,
	[__NR_mlock]		= sys_mlock,
	[__NR_munlock]		= sys_munlock,
	[__NR_mlockall]		= sys_mlockall,
	[__NR_munlockall]	= sys_munlockall,
	[__NR_sched_yield]	= sys_sched_yield,
	[__NR_nanosleep]	= sys_nanosleep,
	[__NR_mremap]		= sys_mremap,
	[__NR_poll]		= sys_poll,
	[__NR_prctl]		= sys_prctl,
	[__NR_rt_sigreturn]	= sys_rt_sigreturn,
	[__NR_rt_sigaction]	= sys_rt_sigaction,
	[__NR_rt_sigprocmask]	= sys_rt_sigprocmask,
	[__NR_rt_sigpending]	= sys_rt_sigpending,
	[__NR_rt_sigsuspend]	= sys_rt_sigsuspend,
	[__NR_pread64]		= sys_pread64,
	[__NR_pwrite64]		= sys_pwrite64,
	[__NR_getcwd]		= sys_getcwd,
	[__NR_vfork]		= sys_vfork,
	[__NR_ugetrlimit]	= sys_ugetrlimit,
	[__NR_mmap2]		= sys_mmap2,
	[__NR_stat64]		= sys_stat64,
	[__NR_lstat64]		= sys_lstat64,
	[__NR_fstat64]		= sys_fstat64,
	[__NR_getuid32]		= sys_getuid,
	[__NR_getgid32]		= sys_getuid,
	[__NR_geteuid32]	= sys_getuid,
	[__NR_getegid32]	= sys_getuid,
	[__NR_getresuid32]	= sys_getresuid,
	[__NR_getresgid32]	= sys_getresuid,
	[__NR_getdents64]	= sys_getdents64,
	[__NR_mincore]		= sys_mincore,
	[__NR_madvise]		= sys_madvise,
	[__NR_fcntl64]		= sys_fcntl64,
	[__NR_gettid]		= sys_gettid,
	[__NR_tkill]		= sys_tkill,
	[__NR_exit_group]	= sys_exit,	/* one thread per process: the same as exit */
	[__NR_set_tid_address]	= sys_set_tid_address,
	[__NR_clock_gettime]	= sys_clock_gettime,
	[__NR_clock_getres]	= sys_clock_getres,
	[__NR_clock_nanosleep]	= sys_clock_nanosleep,
	[__NR_tgkill]		= sys_tgkill,
	[__NR_openat]		= sys_openat,
	[__NR_fstatat64]	= sys_fstatat64,
	[__NR_readlinkat]	= sys_readlinkat,
	[__NR_faccessat]	= sys_faccessat,
	[__NR_pselect6]		= sys_pselect6,
	[__NR_ppoll]		= sys_ppoll,
	[__NR_set_robust_list]	= sys_set_robust_list,
	[__NR_getcpu]		= sys_getcpu,
	[__NR_dup3]		= sys_dup3,
	[__NR_pipe2]		= sys_pipe2,
	[__NR_prlimit64]	= sys_prlimit64,
	[__NR_getrandom]	= sys_getrandom,
	[__NR_statx]		= sys_statx,
	[__NR_clock_gettime64]	= sys_clock_gettime64,
	[__NR_clock_getres_time64] = sys_clock_getres_time64,
	[__NR_clock_nanosleep_time64] = sys_clock_nanosleep_time64,
	[__NR_ppoll_time64]	= sys_ppoll_time64,
	[__NR_faccessat2]	= sys_faccessat2,
};

/* The ARM-private calls at __ARM_NR_BASE + n (Linux's arch/arm/kernel/traps.c arm_syscall). */
static long arm_private_syscall(unsigned long nr, const struct syscall_args *a)
{
	switch (nr) {
	case __ARM_NR_set_tls:
		current->tp_value = a->arg[0];
		set_tls_register(a->arg[0]);
		return 0;
	case __ARM_NR_get_tls:
		return (long)current->tp_value;
	default:
		return sys_ni_syscall(nr);
	}
}

/* Numbers already reported, so that a loop calling one of them logs once. */
#define NI_LOGGED_MAX	1024
static u32 ni_logged[NI_LOGGED_MAX / 32];

static long sys_ni_syscall(unsigned long nr)
{
	bool seen = nr < NI_LOGGED_MAX && (ni_logged[nr / 32] & (1u << (nr % 32)));

	if (!seen) {
		pr_info("%s[%d]: system call %lu (0x%lx) is not implemented: -ENOSYS\n", current->comm,
			current->pid, nr, nr);
		if (nr < NI_LOGGED_MAX)
			ni_logged[nr / 32] |= 1u << (nr % 32);
	}
	return -ENOSYS;
}

void syscall_dispatch(struct pt_regs *regs)
{
	unsigned long nr = regs->r[7];
	struct syscall_args a = { { regs->r[0], regs->r[1], regs->r[2], regs->r[3], regs->r[4], regs->r[5] } };
	long ret;

	regs->orig_r0 = regs->r[0];
	if (nr < NR_SYSCALLS && sys_call_table[nr])
		ret = sys_call_table[nr](&a);
	else if (nr >= __ARM_NR_BASE)
		ret = arm_private_syscall(nr, &a);
	else
		ret = sys_ni_syscall(nr);
	regs->r[0] = (u32)ret;
	if (nr != __NR_sigreturn && nr != __NR_rt_sigreturn)
		syscall_note_result(ret);	/* a sigreturn's r0 is the interrupted code's, never a restart */
}
