/*
 * The pipe's byte ring (fs/pipe_ring.c): 65536 bytes (Linux's 16 pages),
 * bytes out in the order they went in, full at exactly 65536, pieces that
 * straddle the end of the buffer split in two, partial reads, and the
 * head/tail counters wrapping past 2^32.  The data is a numbered stream:
 * byte n of the stream is n % 251, so any lost, doubled or reordered byte
 * shows.
 *
 *   buf  [0 ................................................ 65535]
 *              tail ====== head            fill = head - tail
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <pipe.h>
#include "host.h"

#define RING	65536	/* Linux's pipe: 16 pages of 4096 */

static u8 store[RING];
static struct pipe_ring r;
static u8 in[RING + 4096], out[RING + 4096];

static void stream(u8 *p, size_t n, unsigned long from)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (u8)((from + i) % 251);
}

/* The first byte of out[0..n) that is not stream byte from + i, or -1. */
static long first_wrong(const u8 *p, size_t n, unsigned long from)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (from + i) % 251)
			return (long)i;
	return -1;
}

static int reset(void **state)
{
	(void)state;
	memset(store, 0xee, sizeof(store));
	r = (struct pipe_ring){ store, 0, 0 };
	return 0;
}

static void test_size_and_full(void **state)
{
	(void)state;
	assert_int_equal(PIPE_SIZE, RING);
	assert_int_equal(pipe_ring_used(&r), 0);
	assert_int_equal(pipe_ring_room(&r), RING);
	stream(in, sizeof(in), 0);
	assert_int_equal(pipe_ring_write(&r, in, RING + 10), RING);	/* only what fits */
	assert_int_equal(pipe_ring_room(&r), 0);
	assert_int_equal(pipe_ring_write(&r, in, 1), 0);
	assert_int_equal(pipe_ring_read(&r, out, sizeof(out)), RING);
	assert_int_equal(first_wrong(out, RING, 0), -1);
	assert_int_equal(pipe_ring_read(&r, out, 1), 0);
}

/* Fill, take 1000, put 3000 more: the last 1000 go to the buffer's start. */
static void test_wrap(void **state)
{
	const u8 *p;
	u8 *w;

	(void)state;
	stream(in, RING, 0);
	pipe_ring_write(&r, in, RING - 2000);
	assert_int_equal(pipe_ring_read(&r, out, 3000), 3000);
	assert_int_equal(first_wrong(out, 3000, 0), -1);
	stream(in, 3000, RING - 2000);
	/* Only 2000 bytes lie before the end; the space call says so. */
	assert_int_equal(pipe_ring_space(&r, 3000, &w), 2000);
	assert_ptr_equal(w, store + RING - 2000);
	assert_int_equal(pipe_ring_write(&r, in, 3000), 3000);
	assert_int_equal(pipe_ring_used(&r), RING - 2000);
	/* The reader too sees the first piece only up to the end. */
	assert_int_equal(pipe_ring_peek(&r, RING, &p), RING - 3000);
	assert_ptr_equal(p, store + 3000);
	assert_int_equal(pipe_ring_read(&r, out, RING), RING - 2000);
	assert_int_equal(first_wrong(out, RING - 2000, 3000), -1);
}

static void test_partial_reads(void **state)
{
	(void)state;
	stream(in, 10, 0);
	pipe_ring_write(&r, in, 10);
	assert_int_equal(pipe_ring_read(&r, out, 3), 3);
	assert_int_equal(pipe_ring_read(&r, out + 3, 3), 3);
	assert_int_equal(pipe_ring_read(&r, out + 6, 100), 4);
	assert_int_equal(first_wrong(out, 10, 0), -1);
	assert_int_equal(pipe_ring_used(&r), 0);
}

/* The counters run past 2^32 in a long-lived pipe; PIPE_SIZE divides 2^32, so offsets stay right. */
static void test_counter_wrap(void **state)
{
	(void)state;
	r.head = r.tail = 0xffffffffu - 99;		/* 100 bytes before the wrap */
	stream(in, 5000, 0);
	assert_int_equal(pipe_ring_write(&r, in, 5000), 5000);
	assert_true(r.head < r.tail);			/* head has wrapped, tail not yet */
	assert_int_equal(pipe_ring_used(&r), 5000);
	assert_int_equal(pipe_ring_room(&r), RING - 5000);
	assert_int_equal(pipe_ring_read(&r, out, 6000), 5000);
	assert_int_equal(first_wrong(out, 5000, 0), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_size_and_full, reset),
		cmocka_unit_test_setup(test_wrap, reset),
		cmocka_unit_test_setup(test_partial_reads, reset),
		cmocka_unit_test_setup(test_counter_wrap, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
