/*
 * Spinlocks and per-CPU areas on real threads: each pthread plays one CPU
 * (host_set_cpu), so the ticket lock (tests/host/include/asm/spinlock.h,
 * the same protocol as ARM's) must keep a shared counter exact under
 * contention, and each CPU's per-CPU copy must be its own.  Under
 * CONFIG_DEBUG_SPINLOCK (the 3g-debug configuration) each misuse must give
 * its one "BUG: spinlock" line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <pthread.h>
#include <cmocka.h>

#include <memblock.h>
#include <percpu.h>
#include <smp.h>
#include <spinlock.h>
#include "host.h"

#define THREADS		4
#define ROUNDS		200000

static DEFINE_SPINLOCK(counter_lock);
static volatile unsigned long counter;	/* protected by counter_lock */
static volatile int start_flag;

/* A read-modify-write in two halves, so that an unprotected pair of threads loses updates. */
static void *hammer(void *arg)
{
	host_set_cpu((unsigned int)(uintptr_t)arg);
	while (!__atomic_load_n(&start_flag, __ATOMIC_ACQUIRE))
		;
	for (int i = 0; i < ROUNDS; i++) {
		unsigned long flags;

		spin_lock_irqsave(&counter_lock, flags);
		unsigned long v = counter;
		if ((i & 63) == 0)
			sched_yield();	/* give another thread the chance to come in between */
		counter = v + 1;
		spin_unlock_irqrestore(&counter_lock, flags);
	}
	return NULL;
}

/* THREADS threads x ROUNDS increments under one lock: the count is exactly their product. */
static void test_lock_excludes(void **state)
{
	pthread_t t[THREADS];

	(void)state;
	counter = 0;
	start_flag = 0;
	for (uintptr_t i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, hammer, (void *)i), 0);
	__atomic_store_n(&start_flag, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	assert_int_equal(counter, (unsigned long)THREADS * ROUNDS);
	assert_false(spin_is_locked(&counter_lock));
	host_log_expect_empty();
}

/* A held lock refuses spin_trylock; a free one grants it. */
static void test_trylock(void **state)
{
	DEFINE_SPINLOCK(l);

	(void)state;
	host_set_cpu(0);
	assert_true(spin_trylock(&l));
	assert_true(spin_is_locked(&l));
	assert_false(spin_trylock(&l));
	spin_unlock(&l);
	assert_false(spin_is_locked(&l));
	assert_true(spin_trylock(&l));
	spin_unlock(&l);
	host_log_clear();
}

/* Under CONFIG_DEBUG_SPINLOCK: recursion, release by another CPU, double release, assert. */
static void test_debug_reports(void **state)
{
	DEFINE_SPINLOCK(dbg);

	(void)state;
	if (!IS_ENABLED(CONFIG_DEBUG_SPINLOCK))
		skip();
	host_log_clear();
	host_set_cpu(1);
	spin_lock(&dbg);
	assert_int_equal(dbg.owner_cpu, 1);
	spin_lock(&dbg);
	host_log_expect("BUG: spinlock recursion on CPU#1, lock dbg, .owner_cpu: 1");
	host_log_clear();
	host_set_cpu(2);
	spin_unlock(&dbg);
	host_log_expect("BUG: spinlock wrong CPU on CPU#2, lock dbg, .owner_cpu: 1");
	host_log_clear();
	spin_unlock(&dbg);
	host_log_expect("BUG: spinlock already unlocked on CPU#2, lock dbg, .owner_cpu: -1");
	host_log_clear();
	assert_spin_locked(&dbg);
	assert_true(host_log_contains("BUG: spinlock dbg not held at"));
	host_log_clear();
	host_set_cpu(0);
}

/*
 * Per-CPU copies of a 100-byte "section": 4 CPUs, each a unit of Linux's
 * size (100 bytes + the 20 KiB dynamic room, rounded up to pages, is below
 * the 32 KiB smallest unit: 8 pages), every copy the template's bytes, CPU n's at template +
 * __per_cpu_offset[n], and this_cpu_ptr on a thread set as CPU n lands there.
 */
static unsigned char template_section[100];

static void test_percpu_areas(void **state)
{
	(void)state;
	host_ram_setup(0x60000000, 16 << 20);
	memblock_reset();
	memblock_add(0x60000000, 16 << 20);
	for (int i = 0; i < 100; i++)
		template_section[i] = (unsigned char)(i * 7 + 1);
	assert_int_equal(pcpu_embed_first_chunk(template_section, sizeof(template_section), 4), 0);
	host_log_expect("percpu: Embedded 8 pages/cpu s100 r0 d32668 u32768");
	assert_int_equal(pcpu_nr_pages(), 4 * 8);
	for (unsigned int cpu = 0; cpu < 4; cpu++) {
		unsigned char *copy = per_cpu_ptr(&template_section[0], cpu);

		assert_ptr_not_equal(copy, template_section);
		for (int i = 0; i < 100; i++)
			assert_int_equal(copy[i], (unsigned char)(i * 7 + 1));
		if (cpu)
			assert_int_equal(__per_cpu_offset[cpu] - __per_cpu_offset[cpu - 1], 32768);
		host_set_cpu(cpu);
		assert_ptr_equal(this_cpu_ptr(&template_section[0]), copy);
		this_cpu_write(template_section[5], (unsigned char)(200 + cpu));
	}
	for (unsigned int cpu = 0; cpu < 4; cpu++)
		assert_int_equal(per_cpu(template_section[5], cpu), 200 + cpu);
	assert_int_equal(template_section[5], 36);	/* the template is nobody's copy */
	host_set_cpu(0);
	host_log_clear();
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		__per_cpu_offset[cpu] = 0;
	host_ram_release();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lock_excludes),
		cmocka_unit_test(test_trylock),
		cmocka_unit_test(test_debug_reports),
		cmocka_unit_test(test_percpu_areas),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
