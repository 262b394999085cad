/*
 * The clocks and sleeps (kernel/sys_time.c) against Linux's rules: the
 * monotonic clock never goes back, a 30 ms nanosleep lasts at least 30 ms
 * and costs at least 3 ticks of times(), the tick runs while this program
 * spins in User mode, and bad arguments give Linux's EINVAL, EFAULT and
 * EOPNOTSUPP.  argv[1], if given, is the host's time (seconds since the
 * epoch) when the test started: CLOCK_REALTIME must be within a day of it.
 */
#include "lib/ulib.h"
#include "lib/time.h"

#define NSEC_PER_MSEC	1000000LL
#define BAD_POINTER	((void *)0xffff0000)	/* the vector page: kernel only in every split */

static int failures;

static void check(int ok, const char *what, long long got)
{
	if (ok) {
		printf("ok - %s\n", what);
	} else {
		printf("not ok - %s: got %d\n", what, (int)got);
		failures++;
	}
}

static long long parse(const char *s)
{
	long long v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return v;
}

static void monotonic_checks(void)
{
	long long prev = monotonic_ns(), now = prev, backwards = 0;
	struct timespec32 t32;
	struct timespec64 t64;

	for (int i = 0; i < 2000; i++) {
		now = monotonic_ns();
		if (now < prev)
			backwards++;
		prev = now;
	}
	check(!backwards, "CLOCK_MONOTONIC never goes backwards over 2000 reads", backwards);
	check(clock_gettime32(CLOCK_MONOTONIC, &t32) == 0 && t32.tv_nsec >= 0 && t32.tv_nsec < 1000000000,
	      "clock_gettime (32-bit timespec) gives tv_nsec in [0, 1e9)", t32.tv_nsec);
	check(clock_gettime64(CLOCK_BOOTTIME, &t64) == 0 && t64.tv_sec * 1000000000LL + t64.tv_nsec >= now,
	      "CLOCK_BOOTTIME is not behind CLOCK_MONOTONIC", t64.tv_sec);
	check(clock_gettime64(CLOCK_MONOTONIC_RAW, &t64) == 0, "CLOCK_MONOTONIC_RAW reads", 0);
}

static void realtime_checks(long long host_epoch)
{
	struct timespec64 rt;
	struct timeval32 tv;

	check(clock_gettime64(CLOCK_REALTIME, &rt) == 0, "CLOCK_REALTIME reads", 0);
	if (host_epoch)
		check(rt.tv_sec > host_epoch - 86400 && rt.tv_sec < host_epoch + 86400,
		      "CLOCK_REALTIME is within a day of the host's clock", rt.tv_sec - host_epoch);
	check(gettimeofday32(&tv, 0) == 0 && tv.tv_sec >= rt.tv_sec && tv.tv_sec <= rt.tv_sec + 1 &&
	      tv.tv_usec >= 0 && tv.tv_usec < 1000000, "gettimeofday agrees with CLOCK_REALTIME", tv.tv_sec - rt.tv_sec);
}

static void sleep_checks(void)
{
	struct timespec32 req = { 0, 30 * 1000000 };
	struct tms tms;
	long t0 = times(&tms);
	long long start = monotonic_ns(), elapsed;
	long ret = nanosleep32(&req, 0), ticks = times(&tms) - t0;

	elapsed = monotonic_ns() - start;
	check(ret == 0, "nanosleep of 30 ms returns 0", ret);
	check(elapsed >= 30 * NSEC_PER_MSEC, "nanosleep of 30 ms lasts at least 30 ms", elapsed / NSEC_PER_MSEC);
	check(elapsed < 2000 * NSEC_PER_MSEC, "nanosleep of 30 ms lasts less than 2 s", elapsed / NSEC_PER_MSEC);
	check(ticks >= 3, "times() advances at least 3 ticks (HZ 100) across it", ticks);

	struct timespec64 abs;
	clock_gettime64(CLOCK_MONOTONIC, &abs);
	long long target = abs.tv_sec * 1000000000LL + abs.tv_nsec + 20 * NSEC_PER_MSEC;
	abs.tv_sec = target / 1000000000LL;
	abs.tv_nsec = target % 1000000000LL;
	ret = clock_nanosleep64(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, 0);
	check(ret == 0 && monotonic_ns() >= target, "clock_nanosleep TIMER_ABSTIME sleeps until the time", ret);

	/* Linux on 32-bit ARM reads only the low half of a 64-bit tv_nsec: the high half is padding. */
	struct timespec64 padded = { 0, (long long)0x7fffffff00000000LL | 1000000 };
	start = monotonic_ns();
	ret = clock_nanosleep64(CLOCK_MONOTONIC, 0, &padded, 0);
	check(ret == 0 && monotonic_ns() - start >= NSEC_PER_MSEC,
	      "clock_nanosleep_time64 ignores the upper half of tv_nsec", ret);
}

/* The tick must arrive while this loop runs in User mode, with no system call but times(). */
static void spin_checks(void)
{
	struct tms tms;
	long t0 = times(&tms), t = t0;
	volatile unsigned int sink = 0;

	for (int round = 0; round < 4000 && t - t0 < 3; round++) {
		for (unsigned int i = 0; i < 100000; i++)
			sink += i;
		t = times(&tms);
	}
	check(t - t0 >= 3, "jiffies advance while the program spins in User mode", t - t0);
}

static void error_checks(void)
{
	struct timespec32 ts = { 0, 0 }, big = { 0, 1000000000 }, neg_ns = { 0, -1 }, neg_s = { -1, 0 };
	struct timespec32 res;
	struct timespec64 res64;

	check(clock_gettime64(99, &res64) == -EINVAL, "clock_gettime of clock 99 is EINVAL", clock_gettime64(99, &res64));
	check(clock_gettime32(CLOCK_MONOTONIC, 0) == -EFAULT, "clock_gettime to NULL is EFAULT", 0);
	check(clock_gettime64(CLOCK_REALTIME, BAD_POINTER) == -EFAULT, "clock_gettime64 to a kernel address is EFAULT", 0);
	check(nanosleep32(&big, 0) == -EINVAL, "nanosleep with tv_nsec 1e9 is EINVAL", nanosleep32(&big, 0));
	check(nanosleep32(&neg_ns, 0) == -EINVAL, "nanosleep with tv_nsec -1 is EINVAL", nanosleep32(&neg_ns, 0));
	check(nanosleep32(&neg_s, 0) == -EINVAL, "nanosleep with tv_sec -1 is EINVAL", nanosleep32(&neg_s, 0));
	check(nanosleep32(0, 0) == -EFAULT, "nanosleep from NULL is EFAULT", nanosleep32(0, 0));
	check(nanosleep32(&ts, 0) == 0, "nanosleep of 0 returns 0", 0);
	check(clock_nanosleep32(CLOCK_MONOTONIC_RAW, 0, &ts, 0) == -EOPNOTSUPP,
	      "clock_nanosleep on CLOCK_MONOTONIC_RAW is EOPNOTSUPP", clock_nanosleep32(CLOCK_MONOTONIC_RAW, 0, &ts, 0));
	check(clock_nanosleep32(42, 0, &ts, 0) == -EINVAL, "clock_nanosleep on clock 42 is EINVAL", 0);
	check(clock_getres32(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 && res.tv_nsec == 1,
	      "clock_getres(CLOCK_MONOTONIC) is 1 ns", res.tv_nsec);
	check(clock_getres64(CLOCK_MONOTONIC_COARSE, &res64) == 0 && res64.tv_sec == 0 && res64.tv_nsec == 10000000,
	      "clock_getres_time64(CLOCK_MONOTONIC_COARSE) is one tick, 10 ms", (long)res64.tv_nsec);
	check(clock_getres32(CLOCK_REALTIME, 0) == 0, "clock_getres with a NULL result is 0", 0);
	check(clock_getres32(99, 0) == -EINVAL, "clock_getres of clock 99 is EINVAL", 0);
	check(gettimeofday32(BAD_POINTER, 0) == -EFAULT, "gettimeofday to a kernel address is EFAULT", 0);
}

int main(int argc, char **argv)
{
	monotonic_checks();
	realtime_checks(argc > 1 ? parse(argv[1]) : 0);
	sleep_checks();
	spin_checks();
	error_checks();
	printf("clock: %d failed\n", failures);
	return failures ? 1 : 0;
}
