/*
 * poll, ppoll, _newselect and pselect6 (Linux's fs/select.c semantics): check every fd, return
 * how many have an event, or sleep until one might or the timeout
 * passes.  A sleeper waits on the tick's timer_wq (kernel/time.c), which
 * wakes every 10 ms, and re-checks every fd then: console input, pipes and
 * the clock all end a wait within one tick, without each of them having to
 * know who polls it.
 */
#include <file.h>
#include <sched.h>
#include <slab.h>
#include <string.h>
#include <syscall.h>
#include <syscalls_fs.h>
#include <uaccess.h>
#include <wait.h>

#include <ktime.h>

#include "fs_internal.h"

#define POLL_MAX_FDS	RLIMIT_NOFILE_DEFAULT

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

/* When a wait of timeout_ms (< 0: for ever) that starts now ends, in ktime_get_ns's nanoseconds. */
static u64 poll_deadline(long timeout_ms)
{
	return timeout_ms < 0 ? ~0ULL : ktime_get_ns() + (u64)timeout_ms * 1000000;
}

/* timeout_ms < 0: wait for ever. */
static long do_poll(struct pollfd *ufds, unsigned int n, long timeout_ms)
{
	struct pollfd *fds;
	unsigned int ready;
	long ret = 0;
	u64 deadline;

	if (n > POLL_MAX_FDS)
		return -EINVAL;
	fds = kmalloc(n * sizeof(*fds) + 1, GFP_KERNEL);
	if (!fds)
		return -ENOMEM;
	if (copy_from_user(fds, ufds, n * sizeof(*fds))) {
		kfree(fds);
		return -EFAULT;
	}
	deadline = poll_deadline(timeout_ms);
	while (!(ready = poll_all(fds, n)) && ktime_get_ns() < deadline) {
		ret = wait_event_interruptible(timer_wq, poll_all(fds, n) || ktime_get_ns() >= deadline);
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

/* ---- select: the same checks over fd_set bitmaps (include/uapi/linux/posix_types.h __FD_SETSIZE 1024) ---- */

#define FD_SETSIZE	1024
#define FDS_WORDS	(FD_SETSIZE / 32)
#define POLLIN_SET	(POLLRDNORM | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET	(POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET	POLLPRI

struct fd_sets {
	u32 in[FDS_WORDS], out[FDS_WORDS], ex[FDS_WORDS];		/* asked */
	u32 rin[FDS_WORDS], rout[FDS_WORDS], rex[FDS_WORDS];	/* found */
};

static bool fd_isset(const u32 *set, unsigned int fd) { return set[fd / 32] >> (fd % 32) & 1; }
static void fd_set_bit(u32 *set, unsigned int fd) { set[fd / 32] |= 1u << (fd % 32); }

/* One pass over fds 0..n-1: the number of bits found, or -EBADF for an asked fd that is not open. */
static long select_pass(struct fd_sets *s, unsigned int n)
{
	long found = 0;

	memset(s->rin, 0, sizeof(s->rin) * 3);
	for (unsigned int fd = 0; fd < n; fd++) {
		struct file *f;
		unsigned int mask;

		if (!fd_isset(s->in, fd) && !fd_isset(s->out, fd) && !fd_isset(s->ex, fd))
			continue;
		f = fget(fd);
		if (!f)
			return -EBADF;
		mask = f->f_op->poll ? f->f_op->poll(f) : POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
		fput(f);
		if (fd_isset(s->in, fd) && (mask & POLLIN_SET) && ++found)
			fd_set_bit(s->rin, fd);
		if (fd_isset(s->out, fd) && (mask & POLLOUT_SET) && ++found)
			fd_set_bit(s->rout, fd);
		if (fd_isset(s->ex, fd) && (mask & POLLEX_SET) && ++found)
			fd_set_bit(s->rex, fd);
	}
	return found;
}

/* Copy the asked sets in (NULL: empty), or the found ones out: 0 or -EFAULT. */
static int copy_sets(u32 *k[3], void *u[3], size_t bytes, bool out)
{
	for (int i = 0; i < 3; i++) {
		if (!u[i])
			continue;
		if (out ? copy_to_user(u[i], k[i], bytes) : copy_from_user(k[i], u[i], bytes))
			return -EFAULT;
	}
	return 0;
}

/* timeout_ms < 0: wait for ever; the waiting is poll's. */
static long do_select(long n, void *uin, void *uout, void *uex, long timeout_ms)
{
	void *u[3] = { uin, uout, uex };
	size_t bytes = ALIGN((size_t)n, 32) / 8;	/* whole words, as the user's fd_set is */
	struct fd_sets *s;
	u32 *in[3], *res[3];
	long ret;
	u64 deadline;

	if (n < 0 || n > FD_SETSIZE)
		return -EINVAL;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	in[0] = s->in, in[1] = s->out, in[2] = s->ex;
	res[0] = s->rin, res[1] = s->rout, res[2] = s->rex;
	ret = copy_sets(in, u, bytes, false);
	deadline = poll_deadline(timeout_ms);
	while (!ret && !(ret = select_pass(s, (unsigned int)n)) && ktime_get_ns() < deadline)
		ret = wait_event_interruptible(timer_wq, select_pass(s, (unsigned int)n) || ktime_get_ns() >= deadline);
	if (ret >= 0 && copy_sets(res, u, bytes, true))
		ret = -EFAULT;
	kfree(s);
	return ret;
}

/* _newselect(n, in, out, ex, struct timeval *) */
long sys_newselect(const struct syscall_args *a)
{
	long tv[2], timeout = -1;

	if (a->arg[4]) {
		if (copy_from_user(tv, (void *)a->arg[4], sizeof(tv)))
			return -EFAULT;
		if (tv[0] < 0 || tv[1] < 0 || tv[1] >= 1000000)
			return -EINVAL;
		timeout = tv[0] * 1000 + tv[1] / 1000;
	}
	return do_select((long)a->arg[0], (void *)a->arg[1], (void *)a->arg[2], (void *)a->arg[3], timeout);
}

/* pselect6(n, in, out, ex, struct timespec * (32-bit), sigmask): the mask waits for branch tasks' signals. */
long sys_pselect6(const struct syscall_args *a)
{
	long ts[2], timeout = -1;

	if (a->arg[4]) {
		if (copy_from_user(ts, (void *)a->arg[4], sizeof(ts)))
			return -EFAULT;
		if (ts[0] < 0 || ts[1] < 0 || ts[1] >= 1000000000)
			return -EINVAL;
		timeout = ts[0] * 1000 + ts[1] / 1000000;
	}
	return do_select((long)a->arg[0], (void *)a->arg[1], (void *)a->arg[2], (void *)a->arg[3], timeout);
}
