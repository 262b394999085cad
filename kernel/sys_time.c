/*
 * The time system calls, as Linux's kernel/time/posix-timers.c, hrtimer.c
 * and time.c define them for 32-bit ARM: clock_gettime and clock_getres
 * (the 32-bit timespec and the _time64 one), gettimeofday, nanosleep and
 * clock_nanosleep, times.  Sleeps wait on timer_wq, which the tick wakes,
 * so they end on the first tick at or after their deadline.
 */
#include <syscall.h>
#include <ktime.h>
#include <uaccess.h>

#ifndef EFAULT
#define EFAULT		14
#endif
#define EINVAL		22
#define EOPNOTSUPP	95

/* Clock IDs (Linux's include/uapi/linux/time.h). */
#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7
#define TIMER_ABSTIME		0x01

/* Nanoseconds on clock id, or -EINVAL for a clock this kernel does not have. */
static s64 clock_read_ns(unsigned long id)
{
	switch (id) {
	case CLOCK_REALTIME:
		return (s64)ktime_get_real_ns();
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:	/* never adjusted here: the same as monotonic */
	case CLOCK_BOOTTIME:		/* no suspend: the same as monotonic */
		return (s64)ktime_get_ns();
	case CLOCK_REALTIME_COARSE:
		return (s64)(ktime_get_coarse_ns() + (ktime_get_real_ns() - ktime_get_ns()));
	case CLOCK_MONOTONIC_COARSE:
		return (s64)ktime_get_coarse_ns();
	default:
		return -EINVAL;
	}
}

/* The resolution Linux reports: 1 ns for the high-resolution clocks, a tick for the coarse ones. */
static s64 clock_res_ns(unsigned long id)
{
	if (clock_read_ns(id) < 0)
		return -EINVAL;
	return id == CLOCK_REALTIME_COARSE || id == CLOCK_MONOTONIC_COARSE ? (s64)TICK_NSEC : 1;
}

static long put_timespec(void *uts, s64 ns, bool time64)
{
	struct timespec64 ts = ns_to_timespec64((u64)ns);

	if (time64) {
		struct __kernel_timespec kts = timespec64_to_kernel(&ts);

		return copy_to_user(uts, &kts, sizeof(kts)) ? -EFAULT : 0;
	}
	struct old_timespec32 ots = timespec64_to_old32(&ts);

	return copy_to_user(uts, &ots, sizeof(ots)) ? -EFAULT : 0;
}

static long get_timespec(struct timespec64 *ts, const void *uts, bool time64)
{
	if (time64) {
		struct __kernel_timespec kts;

		if (copy_from_user(&kts, uts, sizeof(kts)))
			return -EFAULT;
		*ts = timespec64_from_kernel(&kts);
		return 0;
	}
	struct old_timespec32 ots;

	if (copy_from_user(&ots, uts, sizeof(ots)))
		return -EFAULT;
	*ts = timespec64_from_old32(&ots);
	return 0;
}

static long do_clock_gettime(unsigned long id, void *uts, bool time64)
{
	s64 ns = clock_read_ns(id);

	return ns < 0 ? ns : put_timespec(uts, ns, time64);
}

/* A NULL res is allowed: the call then only checks the clock (Linux's clock_getres). */
static long do_clock_getres(unsigned long id, void *uts, bool time64)
{
	s64 ns = clock_res_ns(id);

	if (ns < 0 || !uts)
		return ns < 0 ? ns : 0;
	return put_timespec(uts, ns, time64);
}

long sys_clock_gettime(const struct syscall_args *a)
{
	return do_clock_gettime(a->arg[0], (void *)a->arg[1], false);
}

long sys_clock_gettime64(const struct syscall_args *a)
{
	return do_clock_gettime(a->arg[0], (void *)a->arg[1], true);
}

long sys_clock_getres(const struct syscall_args *a)
{
	return do_clock_getres(a->arg[0], (void *)a->arg[1], false);
}

long sys_clock_getres_time64(const struct syscall_args *a)
{
	return do_clock_getres(a->arg[0], (void *)a->arg[1], true);
}

/* gettimeofday(tv, tz): either may be NULL; the time zone is always UTC. */
long sys_gettimeofday(const struct syscall_args *a)
{
	void *utv = (void *)a->arg[0], *utz = (void *)a->arg[1];
	u64 ns = ktime_get_real_ns();
	struct __kernel_old_timeval tv = { (s32)(ns / NSEC_PER_SEC), (s32)(ns % NSEC_PER_SEC / NSEC_PER_USEC) };
	static const s32 tz[2] = { 0, 0 };	/* struct timezone: minutes west, DST type */

	if (utv && copy_to_user(utv, &tv, sizeof(tv)))
		return -EFAULT;
	if (utz && copy_to_user(utz, tz, sizeof(tz)))
		return -EFAULT;
	return 0;
}

/*
 * Sleep until CLOCK_MONOTONIC reaches deadline.  Interrupted by a signal:
 * -EINTR, with what was left in *urem if urem is not NULL (nanosleep's
 * rule; the caller passes NULL for an absolute sleep).
 */
static long sleep_until(u64 deadline, void *urem, bool time64)
{
	/*
	 * The deadline against the clock at the last tick, not the live one:
	 * the sleep then ends on the first tick at or after it, when jiffies
	 * (counted at that tick) have moved by the sleep's length too.  With
	 * the live clock, a sleeper woken by the tick just before its deadline
	 * and running a moment after it would end one jiffy short (times()
	 * across a 30 ms sleep giving 2 ticks: user/clock.c's check).
	 */
	if (!wait_event_interruptible(timer_wq, ktime_get_coarse_ns() >= deadline))
		return 0;
	if (urem) {
		u64 now = ktime_get_ns();
		long err = put_timespec(urem, (s64)(deadline > now ? deadline - now : 0), time64);

		if (err)
			return err;
	}
	return -EINTR;
}

/* The deadline on CLOCK_MONOTONIC of a sleep of *ts (relative, or absolute on clock id). */
static u64 sleep_deadline(unsigned long id, const struct timespec64 *ts, bool absolute)
{
	u64 now = ktime_get_ns();
	s64 ns = timespec64_to_ns(ts);

	if (absolute && id == CLOCK_REALTIME) {
		u64 offset = ktime_get_real_ns() - now;

		return (u64)ns > offset ? (u64)ns - offset : 0;
	}
	if (absolute)
		return (u64)ns;
	return (u64)ns > (u64)KTIME_MAX - now ? (u64)KTIME_MAX : now + (u64)ns;
}

static long do_clock_nanosleep(unsigned long id, unsigned long flags, const void *ureq, void *urem,
			       bool time64)
{
	struct timespec64 ts;
	long err;

	if (id != CLOCK_REALTIME && id != CLOCK_MONOTONIC && id != CLOCK_BOOTTIME)
		return clock_read_ns(id) < 0 ? -EINVAL : -EOPNOTSUPP;	/* Linux: the clock has no nsleep */
	err = get_timespec(&ts, ureq, time64);
	if (err)
		return err;
	if (!timespec64_valid(&ts))
		return -EINVAL;
	if (flags & TIMER_ABSTIME)
		return sleep_until(sleep_deadline(id, &ts, true), NULL, time64);
	return sleep_until(sleep_deadline(id, &ts, false), urem, time64);
}

long sys_nanosleep(const struct syscall_args *a)
{
	return do_clock_nanosleep(CLOCK_MONOTONIC, 0, (const void *)a->arg[0], (void *)a->arg[1], false);
}

long sys_clock_nanosleep(const struct syscall_args *a)
{
	return do_clock_nanosleep(a->arg[0], a->arg[1], (const void *)a->arg[2], (void *)a->arg[3], false);
}

long sys_clock_nanosleep_time64(const struct syscall_args *a)
{
	return do_clock_nanosleep(a->arg[0], a->arg[1], (const void *)a->arg[2], (void *)a->arg[3], true);
}

/*
 * times(buf): clock ticks (USER_HZ = HZ = 100) since boot.  The CPU time
 * fields are 0: no accounting of user and system time yet.
 */
long sys_times(const struct syscall_args *a)
{
	static const s32 tms[4] = { 0, 0, 0, 0 };	/* utime, stime, cutime, cstime */
	void *ubuf = (void *)a->arg[0];

	if (ubuf && copy_to_user(ubuf, tms, sizeof(tms)))
		return -EFAULT;
	return (long)jiffies;
}
