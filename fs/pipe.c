/*
 * Pipes (Linux's fs/pipe.c semantics): a ring of PIPE_SIZE bytes
 * (fs/pipe_ring.c) between a read end and a write end.  A reader of an
 * empty pipe sleeps while writers remain and gets 0 (end of file) when
 * none do; a writer sleeps while the pipe is full, writes of up to
 * PIPE_BUF go in whole, and writing with no reader left is -EPIPE.
 * O_NONBLOCK turns each sleep into -EAGAIN.
 */
#include <file.h>
#include <pipe.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>
#include <syscalls_fs.h>
#include <uaccess.h>
#include <wait.h>

#include "fs_internal.h"

#define FIONREAD	0x541B

struct pipe_inode_info {
	struct pipe_ring ring;
	unsigned int readers, writers;	/* open files of each end */
	struct wait_queue_head wq;	/* readers and writers waiting for a change */
	struct inode inode;		/* what fstat sees: a FIFO outside the tree */
};

static struct pipe_inode_info *pipe_of(struct file *f)
{
	return f->private_data;
}

static void pipe_wake(struct pipe_inode_info *pipe)
{
	wake_up(&pipe->wq);	/* poll and select re-check at every tick (fs/select.c) */
}

/* Copy out what is there, up to n: bytes, or -EFAULT if none could be. */
static long pipe_copy_out(struct pipe_inode_info *pipe, char *ubuf, size_t n)
{
	size_t done = 0, k;
	const u8 *p;

	while (done < n && (k = pipe_ring_peek(&pipe->ring, n - done, &p))) {
		if (copy_to_user(ubuf + done, p, k))
			return done ? (long)done : -EFAULT;
		pipe_ring_consume(&pipe->ring, k);
		done += k;
	}
	return (long)done;
}

static long pipe_read(struct file *f, char *ubuf, size_t n, loff_t *pos)
{
	struct pipe_inode_info *pipe = pipe_of(f);
	long ret;
	int err;

	if (!n)
		return 0;
	while (!pipe_ring_used(&pipe->ring)) {
		if (!pipe->writers)
			return 0;
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(pipe->wq, pipe_ring_used(&pipe->ring) || !pipe->writers);
		if (err)
			return err;
	}
	ret = pipe_copy_out(pipe, ubuf, n);
	pipe_wake(pipe);
	return ret;
}

/* Copy in as much as fits now: bytes moved (0 if full), or -EFAULT. */
static long pipe_copy_in(struct pipe_inode_info *pipe, const char *ubuf, size_t n)
{
	size_t done = 0, k;
	u8 *p;

	while (done < n && (k = pipe_ring_space(&pipe->ring, n - done, &p))) {
		if (copy_from_user(p, ubuf + done, k))
			return -EFAULT;
		pipe_ring_commit(&pipe->ring, k);
		done += k;
	}
	return (long)done;
}

/* Whether the next piece of a write can go in now: all of it for a write of up to PIPE_BUF. */
static bool pipe_can_write(const struct pipe_inode_info *pipe, size_t total, size_t left)
{
	u32 room = pipe_ring_room(&pipe->ring);

	return !pipe->readers || (total <= PIPE_BUF ? room >= left : room > 0);
}

static long pipe_write(struct file *f, const char *ubuf, size_t n, loff_t *pos)
{
	struct pipe_inode_info *pipe = pipe_of(f);
	size_t done = 0;
	long k;
	int err;

	while (done < n) {
		if (!pipe->readers) {
			send_sig(SIGPIPE, current);	/* as Linux's pipe_write: the signal, and -EPIPE if it is caught */
			return done ? (long)done : -EPIPE;
		}
		if (pipe_can_write(pipe, n, n - done)) {
			k = pipe_copy_in(pipe, ubuf + done, n - done);
			if (k < 0)
				return done ? (long)done : k;
			done += (size_t)k;
			pipe_wake(pipe);
			continue;
		}
		if (f->f_flags & O_NONBLOCK)
			return done ? (long)done : -EAGAIN;
		err = wait_event_interruptible(pipe->wq, pipe_can_write(pipe, n, n - done));
		if (err)
			return done ? (long)done : err;
	}
	return (long)done;
}

static unsigned int pipe_poll(struct file *f)
{
	struct pipe_inode_info *pipe = pipe_of(f);
	unsigned int mask = 0;

	if ((f->f_flags & O_ACCMODE) == O_RDONLY) {
		if (pipe_ring_used(&pipe->ring))
			mask |= POLLIN | POLLRDNORM;
		if (!pipe->writers)
			mask |= POLLHUP;
	} else {
		if (pipe_ring_room(&pipe->ring))
			mask |= POLLOUT | POLLWRNORM;
		if (!pipe->readers)
			mask |= POLLERR;
	}
	return mask;
}

static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	int n = (int)pipe_ring_used(&pipe_of(f)->ring);

	if (cmd != FIONREAD)
		return -ENOTTY;
	return copy_to_user((void *)arg, &n, sizeof(n)) ? -EFAULT : 0;
}

static void pipe_release(struct file *f)
{
	struct pipe_inode_info *pipe = pipe_of(f);

	if ((f->f_flags & O_ACCMODE) == O_RDONLY)
		pipe->readers--;
	else
		pipe->writers--;
	pipe_wake(pipe);
	if (!pipe->readers && !pipe->writers) {
		kfree(pipe->ring.buf);
		kfree(pipe);
	}
}

static const struct file_operations pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.llseek = no_llseek,
	.ioctl = pipe_ioctl,
	.poll = pipe_poll,
	.release = pipe_release,
};

/* Both ends of a new pipe in f[0] (read) and f[1] (write): 0 or -ENOMEM. */
static int create_pipe_files(struct file *f[2], unsigned int flags)
{
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);
	struct path p;

	if (!pipe || !(pipe->ring.buf = kmalloc(PIPE_SIZE, GFP_KERNEL))) {
		kfree(pipe);
		return -ENOMEM;
	}
	init_waitqueue_head(&pipe->wq);
	pipe->inode.rf = (struct ramfs_file){ "pipe", S_IFIFO | 0600, NULL, 0 };
	pipe->inode.parent = &pipe->inode;
	p = (struct path){ &pipe->inode, 0 };
	f[0] = alloc_file(&p, O_RDONLY | (flags & O_NONBLOCK), &pipe_fops);
	f[1] = alloc_file(&p, O_WRONLY | (flags & O_NONBLOCK), &pipe_fops);
	if (!f[0] || !f[1]) {
		kfree(f[0]);
		kfree(f[1]);
		kfree(pipe->ring.buf);
		kfree(pipe);
		return -ENOMEM;
	}
	f[0]->private_data = f[1]->private_data = pipe;
	pipe->readers = pipe->writers = 1;
	return 0;
}

static long do_pipe2(int *ufds, unsigned int flags)
{
	struct files_struct *files = current->files;
	struct file *f[2];
	int fd[2], err;

	if (flags & ~(unsigned int)(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	err = create_pipe_files(f, flags);
	if (err)
		return err;
	fd[0] = alloc_fd(files, 0, flags & O_CLOEXEC);
	fd[1] = fd[0] < 0 ? fd[0] : alloc_fd(files, 0, flags & O_CLOEXEC);
	err = fd[1] < 0 ? fd[1] : copy_to_user(ufds, fd, sizeof(fd)) ? -EFAULT : 0;
	if (err) {
		if (fd[0] >= 0)
			put_unused_fd(files, (unsigned int)fd[0]);
		if (fd[1] >= 0)
			put_unused_fd(files, (unsigned int)fd[1]);
		fput(f[0]);
		fput(f[1]);
		return err;
	}
	fd_install(files, (unsigned int)fd[0], f[0]);
	fd_install(files, (unsigned int)fd[1], f[1]);
	return 0;
}

long sys_pipe(const struct syscall_args *a)
{
	return do_pipe2((int *)a->arg[0], 0);
}

long sys_pipe2(const struct syscall_args *a)
{
	return do_pipe2((int *)a->arg[0], (unsigned int)a->arg[1]);
}
