/*
 * System calls: the table (one designated initializer per Linux number)
 * and the small calls that need nothing but the task and the console.
 * Unknown numbers give -ENOSYS, as Linux's sys_ni_syscall does, with one
 * log line the first time each number is seen.
 */
#include <board.h>
#include <printk.h>
#include <sched.h>
#include <string.h>
#include <syscall.h>
#include <uaccess.h>
#include <asm/ptrace.h>
#include <generated/version.h>

#define EBADF	9
#define WRITE_CHUNK	256

/* write(fd, buf, count): fds 1 and 2 are the console; "\n" goes out as "\r\n", as a tty's ONLCR does. */
static long sys_write(const struct syscall_args *a)
{
	const char *ubuf = (const char *)a->arg[1];
	unsigned long count = a->arg[2], done = 0;
	char kbuf[WRITE_CHUNK];

	if (a->arg[0] != 1 && a->arg[0] != 2)
		return -EBADF;
	if (!access_ok(ubuf, count))
		return -EFAULT;
	while (done < count) {
		unsigned long n = min(count - done, (unsigned long)WRITE_CHUNK);

		if (copy_from_user(kbuf, ubuf + done, n))
			return done ? (long)done : -EFAULT;
		for (unsigned long i = 0; i < n; i++) {
			if (kbuf[i] == '\n')
				board.putc('\r');
			board.putc(kbuf[i]);
		}
		done += n;
	}
	return (long)done;
}

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
	[__NR_write]		= sys_write,
	[__NR_getpid]		= sys_getpid,
	[__NR_brk]		= sys_brk,
	[__NR_munmap]		= sys_munmap,
	[__NR_uname]		= sys_uname,
	[__NR_mprotect]		= sys_mprotect,
	[__NR_msync]		= sys_msync,
	[__NR_mlock]		= sys_mlock,
	[__NR_munlock]		= sys_munlock,
	[__NR_mlockall]		= sys_mlockall,
	[__NR_munlockall]	= sys_munlockall,
	[__NR_mremap]		= sys_mremap,
	[__NR_mmap2]		= sys_mmap2,
	[__NR_mincore]		= sys_mincore,
	[__NR_madvise]		= sys_madvise,
	[__NR_exit_group]	= sys_exit,	/* one thread per process: the same as exit */
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
