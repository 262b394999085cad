/* Wrappers for the time calls: see time.h. */
#include "time.h"

long clock_gettime32(int clk, struct timespec32 *ts) { return syscall2(__NR_clock_gettime, clk, (long)ts); }
long clock_gettime64(int clk, struct timespec64 *ts) { return syscall2(__NR_clock_gettime64, clk, (long)ts); }
long clock_getres32(int clk, struct timespec32 *ts) { return syscall2(__NR_clock_getres, clk, (long)ts); }
long clock_getres64(int clk, struct timespec64 *ts) { return syscall2(__NR_clock_getres_time64, clk, (long)ts); }
long nanosleep32(const struct timespec32 *req, struct timespec32 *rem)
{
	return syscall2(__NR_nanosleep, (long)req, (long)rem);
}
long clock_nanosleep32(int clk, int flags, const struct timespec32 *req, struct timespec32 *rem)
{
	return syscall4(__NR_clock_nanosleep, clk, flags, (long)req, (long)rem);
}
long clock_nanosleep64(int clk, int flags, const struct timespec64 *req, struct timespec64 *rem)
{
	return syscall4(__NR_clock_nanosleep_time64, clk, flags, (long)req, (long)rem);
}
long gettimeofday32(struct timeval32 *tv, void *tz) { return syscall2(__NR_gettimeofday, (long)tv, (long)tz); }
long times(struct tms *buf) { return syscall1(__NR_times, (long)buf); }

long long monotonic_ns(void)
{
	struct timespec64 ts;

	if (clock_gettime64(CLOCK_MONOTONIC, &ts))
		return -1;
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}
