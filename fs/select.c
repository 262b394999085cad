/*
 * poll and ppoll (Linux's fs/select.c semantics): check every fd, return
 * how many have an event, or sleep until one might.  Pipes and the
 * console wake poll_wq whenever their state changes, so a sleeper
 * re-checks them all.  Timeouts: until branch irq brings a clock, a
 * positive timeout is treated as zero (check once) and only "no timeout"
 * sleeps; the call site is poll_sleep_ok below.
 */
#include <file.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>
#include <syscalls_fs.h>
#include <uaccess.h>
#include <wait.h>

#include "fs_internal.h"
#include "tty_stub.h"

#define POLL_MAX_FDS	RLIMIT_NOFILE_DEFAULT

DECLARE_WAIT_QUEUE_HEAD(poll_wq);

struct pollfd {
	int fd;
	short events, revents;
};

/* The events of one entry: POLLNVAL for a closed fd, POLLERR and POLLHUP whatever was asked. */
static short poll_one(const struct pollfd *p)
{
	struct file *f;
	unsigned int mask;

	if (p->fd < 0)
		return 0;
	f = fget((unsigned int)p->fd);
	if (!f)
		return POLLNVAL;
	mask = f->f_op->poll ? f->f_op->poll(f) : POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
	fput(f);
	return (short)(mask & ((unsigned short)p->events | POLLERR | POLLHUP));
}

static unsigned int poll_all(struct pollfd *fds, unsigned int n)
{
	unsigned int ready = 0;

	for (unsigned int i = 0; i < n; i++) {
		fds[i].revents = poll_one(&fds[i]);
		ready += fds[i].revents != 0;
	}
	return ready;
}

/* timeout_ms < 0: wait for ever. */
static long do_poll(struct pollfd *ufds, unsigned int n, long timeout_ms)
{
	struct pollfd *fds;
	unsigned int ready;
	long ret = 0;

	if (n > POLL_MAX_FDS)
		return -EINVAL;
	fds = kmalloc(n * sizeof(*fds) + 1, GFP_KERNEL);
	if (!fds)
		return -ENOMEM;
	if (copy_from_user(fds, ufds, n * sizeof(*fds))) {
		kfree(fds);
		return -EFAULT;
	}
	/* The clock's call site: with branch irq, sleep on poll_wq until the timeout too. */
	while (!(ready = poll_all(fds, n)) && timeout_ms < 0) {
		if (TTY_STUB_POLLING)
			continue;	/* the console cannot wake us yet: poll it again */
		ret = wait_event_interruptible(poll_wq, poll_all(fds, n));
		if (ret)
			break;
	}
	if (!ret)
		ret = copy_to_user(ufds, fds, n * sizeof(*fds)) ? -EFAULT : (long)ready;
	kfree(fds);
	return ret;
}

long sys_poll(const struct syscall_args *a)
{
	return do_poll((struct pollfd *)a->arg[0], (unsigned int)a->arg[1], (long)a->arg[2]);
}

/* ppoll(fds, n, tmo, sigmask, sigsetsize) with a 32-bit struct timespec, and ppoll_time64 with a 64-bit one. */
static long do_ppoll(const struct syscall_args *a, bool time64)
{
	long timeout = -1;

	if (a->arg[2]) {
		u32 ts32[2];
		s64 ts64[2];

		if (time64 ? copy_from_user(ts64, (void *)a->arg[2], sizeof(ts64))
			   : copy_from_user(ts32, (void *)a->arg[2], sizeof(ts32)))
			return -EFAULT;
		if (!time64) {
			ts64[0] = (s32)ts32[0];
			ts64[1] = (s32)ts32[1];
		}
		if (ts64[0] < 0 || ts64[1] < 0 || ts64[1] >= 1000000000)
			return -EINVAL;
		timeout = (long)min(ts64[0] * 1000 + ts64[1] / 1000000, (s64)0x7fffffff);
	}
	return do_poll((struct pollfd *)a->arg[0], (unsigned int)a->arg[1], timeout);
}

long sys_ppoll(const struct syscall_args *a) { return do_ppoll(a, false); }
long sys_ppoll_time64(const struct syscall_args *a) { return do_ppoll(a, true); }
