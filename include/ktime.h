/*
 * Time: the periodic tick (jiffies, HZ per second), the monotonic clock
 * in nanoseconds from the board's free-running counter, and the real-time
 * clock (the board's RTC read at boot, plus the monotonic clock since).
 * kernel/time.c owns the state, kernel/time_calc.c the arithmetic (pure,
 * host-tested), kernel/sys_time.c the system calls, and the arch code the
 * timer that ticks (arch/arm/twd.c).
 */
#ifndef KTIME_H
#define KTIME_H

#include <types.h>
#include <wait.h>

#define HZ		100
#define NSEC_PER_SEC	1000000000ULL
#define NSEC_PER_USEC	1000ULL
#define TICK_NSEC	(NSEC_PER_SEC / HZ)
#define KTIME_MAX	((s64)~((u64)1 << 63))	/* Linux's saturation value for a time in ns */

/* Ticks since time_init; only the tick writes it. */
extern volatile unsigned long jiffies;

/* Woken on every tick: a sleeper waiting for a time re-tests it each jiffy. */
extern struct wait_queue_head timer_wq;

/* Monotonic nanoseconds since boot; never goes backwards. */
u64 ktime_get_ns(void);

/* CLOCK_REALTIME in nanoseconds since 1970-01-01 00:00 UTC: the RTC at boot plus ktime_get_ns. */
u64 ktime_get_real_ns(void);

/* ktime_get_ns at the last tick: what the coarse clocks return. */
u64 ktime_get_coarse_ns(void);

/* The clock from the board's counter, the RTC, then the arch timer's tick (start_kernel). */
void time_init(void);

/* The tick: called by each CPU's arch timer interrupt HZ times a second (jiffies: CPU 0's only). */
void tick_periodic(void);

/*
 * The boot CPU: the periodic timer's handler (a per-CPU interrupt) and its
 * own timer, hz interrupts a second, each calling tick_periodic; 0 or -errno.
 */
int arch_timer_init(unsigned int hz);

/* A secondary CPU coming up: its own timer at the boot CPU's rate (nothing if that one failed). */
void arch_timer_starting_cpu(void);

/*
 * A free-running counter of `hz` ticks a second read as nanoseconds.  It
 * may be 32 bits wide: each read adds the ticks since the last one (mod
 * 2^32), so reads must come at least once a wrap (the tick makes sure).
 * Whole seconds and the ticks past them are kept apart so the conversion
 * is one multiplication: ns = sec * 1e9 + (rem * mult) >> 32, with mult =
 * ceil(2^32 * 1e9 / hz); rem < hz keeps the product under 2^64.
 */
struct counter_clock {
	u32 hz;
	u64 mult;
	u32 last;	/* the raw counter at the last read */
	u32 rem;	/* ticks past the last whole second, < hz */
	u64 sec;	/* whole seconds since counter_clock_init */
};

void counter_clock_init(struct counter_clock *c, u32 hz, u32 raw);
u64 counter_clock_ns(struct counter_clock *c, u32 raw);

/* A timer's rate from timer_ticks counted while a counter_hz counter advanced counter_ticks (0 if none). */
unsigned long timer_rate_from(u32 timer_ticks, u32 counter_ticks, u32 counter_hz);

/*
 * The reload value of a down-counting timer at rate Hz for hz interrupts a
 * second: the period is load + 1 ticks (Cortex-A9 MPCore TRM 4.1.1).
 */
u32 timer_load_for(unsigned long rate, unsigned int hz);

/* Linux's struct timespec64 (the kernel's own), and the two user layouts of Linux's ARM ABI. */
struct timespec64 {
	s64 tv_sec;
	long tv_nsec;
};

struct __kernel_timespec {	/* clock_gettime64 and the other _time64 calls */
	s64 tv_sec;
	s64 tv_nsec;
};

struct old_timespec32 {		/* clock_gettime, nanosleep, clock_getres: 32-bit fields */
	s32 tv_sec;
	s32 tv_nsec;
};

struct __kernel_old_timeval {	/* gettimeofday */
	s32 tv_sec;
	s32 tv_usec;
};

/* Linux's timespec64_valid: tv_sec >= 0 and 0 <= tv_nsec < 1e9. */
bool timespec64_valid(const struct timespec64 *ts);

/* To nanoseconds, saturating at KTIME_MAX as Linux's timespec64_to_ktime does (ts valid). */
s64 timespec64_to_ns(const struct timespec64 *ts);
struct timespec64 ns_to_timespec64(u64 ns);

/*
 * From the user layouts as Linux's get_timespec64 / get_old_timespec32
 * read them: on 32-bit ARM the 64-bit tv_nsec keeps only its low 32 bits,
 * as a signed long (the upper half is padding).
 */
struct timespec64 timespec64_from_kernel(const struct __kernel_timespec *kts);
struct timespec64 timespec64_from_old32(const struct old_timespec32 *ots);
struct __kernel_timespec timespec64_to_kernel(const struct timespec64 *ts);
struct old_timespec32 timespec64_to_old32(const struct timespec64 *ts);

#endif
