/*
 * The arithmetic of time (kernel/time_calc.c) on the host: the 24 MHz
 * counter read as nanoseconds across wraps, a timer's calibrated rate and
 * reload value, and the timespec rules of Linux's kernel/time/time.c.
 * Expected values come from formulas written here: at 24 MHz one tick is
 * exactly 125/3 ns, so ns = ticks * 125 / 3 (rounded down).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <ktime.h>
#include "host.h"

#define HZ_24M	24000000u

static u64 exact_ns_24m(u64 ticks)
{
	return ticks / 3 * 125 + ticks % 3 * 125 / 3;
}

/* Readings inside the first second, at its edges and just past it: exact to the ns. */
static void test_counter_first_second(void **state)
{
	static const u32 ticks[] = { 0, 1, 2, 3, 23999999, 24000000, 24000001, 100000007 };
	struct counter_clock c;

	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(ticks); i++) {
		counter_clock_init(&c, HZ_24M, 0);
		assert_int_equal(counter_clock_ns(&c, ticks[i]), exact_ns_24m(ticks[i]));
	}
}

/*
 *   raw:  0xffff0000 ... 0xffffffff | 0x00000000 ... 0x0000ffff
 *         start                      wrap                  read
 * A 32-bit counter that wraps between two reads still counts forward.
 */
static void test_counter_wraps(void **state)
{
	struct counter_clock c;
	u64 total = 0;
	u32 raw = 0xffff0000u;

	(void)state;
	counter_clock_init(&c, HZ_24M, raw);
	for (int i = 0; i < 1000; i++) {		/* ~ 2.7 wraps in steps of 11.6 million ticks */
		u32 step = 11600000u + (u32)i * 7;

		raw += step;
		total += step;
		assert_int_equal(counter_clock_ns(&c, raw), exact_ns_24m(total));
	}
	assert_true(total > 2 * (1ULL << 32));
}

/* Monotonic tick by tick over a second boundary, and a read with no change gives the same ns. */
static void test_counter_monotonic(void **state)
{
	struct counter_clock c;
	u64 prev = 0;

	(void)state;
	counter_clock_init(&c, HZ_24M, 5);
	for (u32 raw = HZ_24M - 100; raw < HZ_24M + 100; raw++) {
		u64 ns = counter_clock_ns(&c, raw);

		assert_true(ns >= prev);
		assert_int_equal(counter_clock_ns(&c, raw), ns);
		prev = ns;
	}
}

/* A 1 MHz counter (the SP804's TIMCLK): 1000 ns a tick. */
static void test_counter_other_rate(void **state)
{
	struct counter_clock c;

	(void)state;
	counter_clock_init(&c, 1000000, 0);
	assert_int_equal(counter_clock_ns(&c, 1), 1000);
	assert_int_equal(counter_clock_ns(&c, 3999999), 3999999000ULL);
}

/* A timer at 100 MHz counts 25000 ticks in 250 us, 6000 ticks of the 24 MHz counter. */
static void test_timer_rate_and_load(void **state)
{
	(void)state;
	assert_int_equal(timer_rate_from(25000, 6000, HZ_24M), 100000000);
	assert_int_equal(timer_rate_from(24417, 5860, HZ_24M), 100001365);	/* 24417 * 24e6 / 5860, floor */
	assert_int_equal(timer_rate_from(1000, 0, HZ_24M), 0);
	/* Cortex-A9 MPCore TRM 4.1.1: period = (load + 1) / rate, so HZ 100 at 100 MHz is 999999. */
	assert_int_equal(timer_load_for(100000000, 100), 999999);
	assert_int_equal(timer_load_for(24000000, 100), 239999);
	assert_int_equal(timer_load_for(50, 100), 0);
}

static void test_timespec_valid(void **state)
{
	static const struct { s64 sec; long nsec; bool valid; } t[] = {
		{ 0, 0, true }, { 0, 999999999, true }, { 0, 1000000000, false }, { 0, -1, false },
		{ -1, 0, false }, { 0x7fffffffLL, 0, true }, { (s64)1 << 40, 5, true },
	};

	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(t); i++) {
		struct timespec64 ts = { t[i].sec, t[i].nsec };

		assert_int_equal(timespec64_valid(&ts), t[i].valid);
	}
}

static void test_timespec_ns(void **state)
{
	struct timespec64 ts = { 3, 250 }, huge = { (s64)1 << 40, 0 };
	struct timespec64 back = ns_to_timespec64(3000000250ULL);

	(void)state;
	assert_int_equal(timespec64_to_ns(&ts), 3000000250LL);
	assert_int_equal(timespec64_to_ns(&huge), KTIME_MAX);	/* Linux saturates */
	assert_int_equal(back.tv_sec, 3);
	assert_int_equal(back.tv_nsec, 250);
}

/* The two user layouts: a 64-bit tv_nsec keeps only its low half (Linux's get_timespec64 on ARM). */
static void test_timespec_layouts(void **state)
{
	struct __kernel_timespec kts = { 7, (s64)0x12345678ULL << 32 | 1000 }, neg = { 0, 0xffffffffLL };
	struct old_timespec32 ots = { -1, 999999999 };
	struct timespec64 a = timespec64_from_kernel(&kts), b = timespec64_from_old32(&ots);
	struct timespec64 c = timespec64_from_kernel(&neg), d = { 5, 6 };
	struct old_timespec32 o = timespec64_to_old32(&d);
	struct __kernel_timespec k = timespec64_to_kernel(&d);

	(void)state;
	assert_int_equal(sizeof(struct __kernel_timespec), 16);
	assert_int_equal(sizeof(struct old_timespec32), 8);
	assert_int_equal(a.tv_sec, 7);
	assert_int_equal(a.tv_nsec, 1000);
	assert_int_equal(b.tv_sec, -1);
	assert_int_equal(b.tv_nsec, 999999999);
	assert_int_equal(c.tv_nsec, -1);	/* low half 0xffffffff is -1: invalid, as on Linux */
	assert_false(timespec64_valid(&c));
	assert_int_equal(o.tv_sec, 5);
	assert_int_equal(o.tv_nsec, 6);
	assert_int_equal(k.tv_sec, 5);
	assert_int_equal(k.tv_nsec, 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counter_first_second),
		cmocka_unit_test(test_counter_wraps),
		cmocka_unit_test(test_counter_monotonic),
		cmocka_unit_test(test_counter_other_rate),
		cmocka_unit_test(test_timer_rate_and_load),
		cmocka_unit_test(test_timespec_valid),
		cmocka_unit_test(test_timespec_ns),
		cmocka_unit_test(test_timespec_layouts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
