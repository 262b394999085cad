/*
 * The arithmetic of time, free of hardware so the host tests run it
 * (tests/host/test_time.c): a counter read as nanoseconds, a timer's
 * calibrated rate and reload value, and timespec checks and conversions
 * as Linux's kernel/time/time.c does them.  The state lives in
 * kernel/time.c.
 */
#include <ktime.h>

void counter_clock_init(struct counter_clock *c, u32 hz, u32 raw)
{
	c->hz = hz;
	c->mult = ((NSEC_PER_SEC << 32) + hz - 1) / hz;
	c->last = raw;
	c->rem = 0;
	c->sec = 0;
}

u64 counter_clock_ns(struct counter_clock *c, u32 raw)
{
	u64 rem = (u64)c->rem + (u32)(raw - c->last);

	c->last = raw;
	while (rem >= c->hz) {		/* at most a wrap's worth of seconds: 179 at 24 MHz */
		rem -= c->hz;
		c->sec++;
	}
	c->rem = (u32)rem;
	return c->sec * NSEC_PER_SEC + ((rem * c->mult) >> 32);
}

unsigned long timer_rate_from(u32 timer_ticks, u32 counter_ticks, u32 counter_hz)
{
	if (!counter_ticks)
		return 0;
	return (unsigned long)((u64)timer_ticks * counter_hz / counter_ticks);
}

u32 timer_load_for(unsigned long rate, unsigned int hz)
{
	unsigned long period = hz ? rate / hz : 0;

	return period ? (u32)(period - 1) : 0;
}

bool timespec64_valid(const struct timespec64 *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && (u64)ts->tv_nsec < NSEC_PER_SEC;
}

s64 timespec64_to_ns(const struct timespec64 *ts)
{
	if ((u64)ts->tv_sec >= (u64)KTIME_MAX / NSEC_PER_SEC)
		return KTIME_MAX;
	return ts->tv_sec * (s64)NSEC_PER_SEC + ts->tv_nsec;
}

struct timespec64 ns_to_timespec64(u64 ns)
{
	struct timespec64 ts = { (s64)(ns / NSEC_PER_SEC), (long)(ns % NSEC_PER_SEC) };

	return ts;
}

struct timespec64 timespec64_from_kernel(const struct __kernel_timespec *kts)
{
	struct timespec64 ts = { kts->tv_sec, (long)(s32)(u32)kts->tv_nsec };

	return ts;
}

struct timespec64 timespec64_from_old32(const struct old_timespec32 *ots)
{
	struct timespec64 ts = { ots->tv_sec, ots->tv_nsec };

	return ts;
}

struct __kernel_timespec timespec64_to_kernel(const struct timespec64 *ts)
{
	struct __kernel_timespec kts = { ts->tv_sec, ts->tv_nsec };

	return kts;
}

struct old_timespec32 timespec64_to_old32(const struct timespec64 *ts)
{
	struct old_timespec32 ots = { (s32)ts->tv_sec, (s32)ts->tv_nsec };

	return ots;
}
