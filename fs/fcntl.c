/*
 * dup, dup2, dup3, fcntl/fcntl64 and ioctl: the calls that act on a
 * descriptor rather than a name (Linux's fs/file.c, fs/fcntl.c,
 * fs/ioctl.c), over the table of the current task.
 */
#include <file.h>
#include <sched.h>
#include <syscall.h>
#include <syscalls_fs.h>
#include <uaccess.h>

#include "fs_internal.h"

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030
#define FIOCLEX		0x5451
#define FIONCLEX	0x5450

/* The flags F_SETFL may change (Linux's SETFL_MASK, less the ones we do not have). */
#define SETFL_MASK	(O_APPEND | O_NONBLOCK | O_DIRECT)

long sys_dup(const struct syscall_args *a)
{
	return do_dup(current->files, (unsigned int)a->arg[0], 0, false);
}

long sys_dup2(const struct syscall_args *a)
{
	return do_dup3(current->files, (unsigned int)a->arg[0], (unsigned int)a->arg[1], 0, false);
}

long sys_dup3(const struct syscall_args *a)
{
	return do_dup3(current->files, (unsigned int)a->arg[0], (unsigned int)a->arg[1], (unsigned int)a->arg[2],
		       true);
}

static long do_fcntl(struct files_struct *files, unsigned int fd, unsigned int cmd, unsigned long arg,
		     struct file *f)
{
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		return do_dup(files, fd, (unsigned int)arg, cmd == F_DUPFD_CLOEXEC);
	case F_GETFD:
		return get_close_on_exec(files, fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		set_close_on_exec(files, fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return f->f_flags;
	case F_SETFL:
		f->f_flags = (f->f_flags & ~(unsigned int)SETFL_MASK) | ((unsigned int)arg & SETFL_MASK);
		return 0;
	default:
		return -EINVAL;
	}
}

long sys_fcntl64(const struct syscall_args *a)
{
	unsigned int fd = (unsigned int)a->arg[0];
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = do_fcntl(current->files, fd, (unsigned int)a->arg[1], a->arg[2], f);
	fput(f);
	return ret;
}

long sys_ioctl(const struct syscall_args *a)
{
	unsigned int fd = (unsigned int)a->arg[0], cmd = (unsigned int)a->arg[1];
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	if (cmd == FIOCLEX || cmd == FIONCLEX) {
		set_close_on_exec(current->files, fd, cmd == FIOCLEX);
		ret = 0;
	} else {
		ret = f->f_op->ioctl ? f->f_op->ioctl(f, cmd, a->arg[2]) : -ENOTTY;
	}
	fput(f);
	return ret;
}
