/*
 * Lock dependency checking (kernel/lockdep.c, CONFIG_LOCKDEP: the 3g-debug
 * configuration; every test skips elsewhere): which lock orders make a
 * report and which do not, the chain a report names, and might_sleep with
 * and without a lock held.  The host has no stack walk (its frames are not
 * ARM's) and no IRQs: the stacks and the hard-IRQ states are checked by
 * the 3g-debug boot case (tests/boot/cases_lockdep.py).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <lockdep.h>
#include <spinlock.h>
#include "host.h"

#define CIRCULAR	"WARNING: possible circular locking dependency detected"

static DEFINE_SPINLOCK(lock_a);
static DEFINE_SPINLOCK(lock_b);
static DEFINE_SPINLOCK(lock_c);
static spinlock_t pair[2];

static int reset(void **state)
{
	(void)state;
	lockdep_reset();
	host_log_clear();
	return 0;
}

static void nest(spinlock_t *outer, spinlock_t *inner)
{
	spin_lock(outer);
	spin_lock(inner);
	spin_unlock(inner);
	spin_unlock(outer);
}

#define skip_without_lockdep() \
	do { if (!IS_ENABLED(CONFIG_LOCKDEP)) { print_message("# skipped: no CONFIG_LOCKDEP\n"); skip(); } } while (0)

/* a -> b, then b -> a: one report naming both; the same again: nothing new. */
static void test_ab_ba(void **state)
{
	(void)state;
	skip_without_lockdep();
	nest(&lock_a, &lock_b);
	assert_int_equal(lockdep_reports, 0);
	nest(&lock_b, &lock_a);
	assert_int_equal(lockdep_reports, 1);
	assert_int_equal(host_log_count(CIRCULAR), 1);
	assert_true(host_log_contains(" (lock_a), at: "));
	assert_true(host_log_contains(" (lock_b), at: "));
	assert_true(host_log_contains("-> #0 (lock_a) -> (lock_b), first taken so at:"));
	nest(&lock_b, &lock_a);
	nest(&lock_a, &lock_b);
	assert_int_equal(lockdep_reports, 1);
	assert_int_equal(lockdep_depth(), 0);
}

/* a -> b, b -> c, then c -> a: the chain a -> b -> c in the report, both edges. */
static void test_chain_of_two(void **state)
{
	(void)state;
	skip_without_lockdep();
	nest(&lock_a, &lock_b);
	nest(&lock_b, &lock_c);
	assert_int_equal(lockdep_reports, 0);
	nest(&lock_c, &lock_a);
	assert_int_equal(lockdep_reports, 1);
	assert_true(host_log_contains("-> #1 (lock_a) -> (lock_b), first taken so at:"));
	assert_true(host_log_contains("-> #0 (lock_b) -> (lock_c), first taken so at:"));
}

/* Orders that cannot deadlock: one order used twice, two locks of one class, a trylock inside. */
static void test_no_false_reports(void **state)
{
	(void)state;
	skip_without_lockdep();
	nest(&lock_a, &lock_b);
	nest(&lock_a, &lock_b);
	for (int i = 0; i < 2; i++)
		spin_lock_init(&pair[i]);	/* one site: one class */
	nest(&pair[0], &pair[1]);
	nest(&pair[1], &pair[0]);
	spin_lock(&lock_c);
	assert_true(spin_trylock(&lock_a));	/* no c -> a: a trylock cannot wait */
	spin_unlock(&lock_a);
	spin_unlock(&lock_c);
	nest(&lock_a, &lock_c);
	assert_int_equal(lockdep_reports, 0);
	host_log_expect_empty();
}

/* Released in another order than taken: the held stack loses exactly that lock (might_sleep lists it). */
static void test_release_out_of_order(void **state)
{
	(void)state;
	skip_without_lockdep();
	spin_lock(&lock_a);
	spin_lock(&lock_b);
	assert_int_equal(lockdep_depth(), 2);
	spin_unlock(&lock_a);
	assert_int_equal(lockdep_depth(), 1);
	assert_false(lockdep_sleep_allowed("here.c", 3));
	spin_unlock(&lock_b);
	assert_int_equal(lockdep_depth(), 0);
	assert_true(host_log_contains("1 lock held by CPU0:"));
	assert_true(host_log_contains(" #0: (lock_b), at: "));
	assert_false(host_log_contains("(lock_a)"));
}

/* might_sleep: silent and true with nothing held; with a lock held, the BUG block and false. */
static void test_might_sleep(void **state)
{
	(void)state;
	skip_without_lockdep();
	assert_true(lockdep_sleep_allowed("here.c", 1));
	host_log_expect_empty();
	spin_lock(&lock_b);
	assert_false(lockdep_sleep_allowed("here.c", 2));
	spin_unlock(&lock_b);
	assert_true(host_log_contains("BUG: sleeping function called from invalid context at here.c:2"));
	assert_true(host_log_contains("1 lock held by CPU0:"));
	assert_true(host_log_contains(" #0: (lock_b), at: "));
	assert_int_equal(lockdep_reports, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_ab_ba, reset),
		cmocka_unit_test_setup(test_chain_of_two, reset),
		cmocka_unit_test_setup(test_no_false_reports, reset),
		cmocka_unit_test_setup(test_release_out_of_order, reset),
		cmocka_unit_test_setup(test_might_sleep, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
