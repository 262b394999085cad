/*
 * System calls: the table (one designated initializer per Linux number)
 * and the small calls that need nothing but the task (the file calls are
 * fs/'s, include/syscalls_fs.h).
 * Unknown numbers give -ENOSYS, as Linux's sys_ni_syscall does, with one
 * log line the first time each number is seen.
 */
#include <printk.h>
#include <sched.h>
#include <string.h>
#include <syscall.h>
#include <syscalls_fs.h>
#include <uaccess.h>
#include <asm/ptrace.h>
#include <generated/version.h>

static long sys_exit(const struct syscall_args *a)
{
	do_exit((int)((a->arg[0] & 0xff) << 8));
}

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

static const syscall_fn_t sys_call_table[NR_SYSCALLS] = {
	[__NR_exit]		= sys_exit,
	[__NR_read]		= sys_read,
	[__NR_write]		= sys_write,
	[__NR_open]		= sys_open,
	[__NR_close]		= sys_close,
	[__NR_chdir]		= sys_chdir,
	[__NR_lseek]		= sys_lseek,
	[__NR_getpid]		= sys_getpid,
	[__NR_mount]		= sys_mount,
	[__NR_access]		= sys_access,
	[__NR_dup]		= sys_dup,
	[__NR_pipe]		= sys_pipe,
	[__NR_brk]		= sys_brk,
	[__NR_umount2]		= sys_umount2,
	[__NR_ioctl]		= sys_ioctl,
	[__NR_fcntl]		= sys_fcntl64,	/* the same on 32 bits: no struct flock commands here */
	[__NR_dup2]		= sys_dup2,
	[__NR_readlink]		= sys_readlink,
	[__NR_uname]		= sys_uname,
	[__NR_fchdir]		= sys_fchdir,
	[__NR__llseek]		= sys_llseek,
	[__NR_getdents]		= sys_getdents,
	[__NR__newselect]	= sys_newselect,
	[__NR_readv]		= sys_readv,
	[__NR_writev]		= sys_writev,
	[__NR_poll]		= sys_poll,
	[__NR_pread64]		= sys_pread64,
	[__NR_pwrite64]		= sys_pwrite64,
	[__NR_getcwd]		= sys_getcwd,
	[__NR_stat64]		= sys_stat64,
	[__NR_lstat64]		= sys_lstat64,
	[__NR_fstat64]		= sys_fstat64,
	[__NR_getdents64]	= sys_getdents64,
	[__NR_fcntl64]		= sys_fcntl64,
	[__NR_exit_group]	= sys_exit,	/* one thread per process: the same as exit */
	[__NR_openat]		= sys_openat,
	[__NR_fstatat64]	= sys_fstatat64,
	[__NR_readlinkat]	= sys_readlinkat,
	[__NR_faccessat]	= sys_faccessat,
	[__NR_pselect6]		= sys_pselect6,
	[__NR_ppoll]		= sys_ppoll,
	[__NR_dup3]		= sys_dup3,
	[__NR_pipe2]		= sys_pipe2,
	[__NR_statx]		= sys_statx,
	[__NR_ppoll_time64]	= sys_ppoll_time64,
	[__NR_faccessat2]	= sys_faccessat2,
};

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

	if (nr < NR_SYSCALLS && sys_call_table[nr])
		regs->r[0] = (u32)sys_call_table[nr](&a);
	else
		regs->r[0] = (u32)sys_ni_syscall(nr);
}
