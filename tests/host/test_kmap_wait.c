/*
 * kmap when every pkmap slot has a user (highmem/pkmap.c's slot-full path):
 * a task sleeps on pkmap_map_wait, a kunmap that leaves a slot unused wakes
 * it, and it gets that slot; a kunmap with nobody waiting wakes nobody; and
 * in the 3g-debug configuration a task holding a spinlock is refused the
 * sleep by lockdep, says so, and polls instead.  fake_wait.c stands in for
 * the scheduler: the "other CPU" that frees a slot is its sleep hook.
 * (The idle context's polling is in test_pkmap.c.)
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <highmem.h>
#include <lockdep.h>
#include <sched.h>
#include <spinlock.h>
#include "mm_boot.h"

/* 64 MiB, vmalloc=976M: HighMem is pfns 0x62000..0x64000, far more than the 512 slots. */
#define HIGH_PFN	SMALL_LOW_END
#define VICTIM		100

static struct task_struct task;
static DEFINE_SPINLOCK(held_lock);

static struct page *high(unsigned long i) { return pfn_to_page(HIGH_PFN + i); }

static int boot_small(void **state)
{
	(void)state;
	mm_boot(SMALL_RAM, SMALL_VMALLOC);
	pkmap_init();
	lockdep_reset();
	host_arch_reset();
	host_log_clear();
	host_sleeps = host_wakeups = 0;
	host_sleep_hook = NULL;
	return 0;
}

static int teardown(void **state)
{
	current = NULL;
	host_sleep_hook = NULL;
	return host_ram_teardown(state);
}

static void pin_all_slots(void)
{
	for (unsigned long i = 0; i < LAST_PKMAP; i++)
		assert_non_null(kmap(high(i)));
}

static void free_victim(void)
{
	kunmap(high(VICTIM));
}

/* A task's kmap sleeps once, the kunmap wakes it, and it gets the victim's slot; nothing printed. */
static void test_task_sleeps_until_kunmap(void **state)
{
	void *victim_va;

	(void)state;
	host_skip_unless(SMALL_ABOVE_LOWMEM, "all of the test machine is lowmem in this configuration");
	pin_all_slots();
	victim_va = page_address(high(VICTIM));
	current = &task;
	host_sleep_hook = free_victim;
	assert_ptr_equal(kmap(high(LAST_PKMAP)), victim_va);
	assert_int_equal(host_sleeps, 1);
	assert_int_equal(host_wakeups, 1);
	assert_int_equal(pkmap_flushes, 1);	/* the victim's old entry went at the wrap */
	host_log_expect_empty();
}

/* kunmap with no task waiting: no wake-up; one with users left: none either. */
static void test_no_wakeup_without_waiters(void **state)
{
	(void)state;
	host_skip_unless(SMALL_ABOVE_LOWMEM, "all of the test machine is lowmem in this configuration");
	assert_non_null(kmap(high(1)));
	assert_non_null(kmap(high(1)));
	kunmap(high(1));
	kunmap(high(1));
	assert_int_equal(host_wakeups, 0);
}

/* 3g-debug: a task holding a spinlock may not sleep: lockdep's report, the waiting line, no sleep. */
static void test_task_holding_a_lock_does_not_sleep(void **state)
{
	(void)state;
	host_skip_unless(SMALL_ABOVE_LOWMEM && IS_ENABLED(CONFIG_LOCKDEP), "needs highmem and CONFIG_LOCKDEP");
	pin_all_slots();
	current = &task;
	spin_lock(&held_lock);
	assert_null(kmap(high(LAST_PKMAP)));	/* nobody frees a slot: NULL after the second */
	spin_unlock(&held_lock);
	assert_int_equal(host_sleeps, 0);
	assert_true(host_log_contains("BUG: sleeping function called from invalid context at "));
	assert_true(host_log_contains("highmem/pkmap.c:"));	/* after the source folder the host build names */
	assert_true(host_log_contains(" #0: (held_lock), at: "));
	assert_true(host_log_contains("kmap: all 512 pkmap slots are in use; a task holding a spinlock cannot sleep: "
				      "waiting up to a second for a kunmap"));
	assert_true(host_log_contains("kmap: no pkmap slot came free within a second; returning NULL"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_task_sleeps_until_kunmap, boot_small, teardown),
		cmocka_unit_test_setup_teardown(test_no_wakeup_without_waiters, boot_small, teardown),
		cmocka_unit_test_setup_teardown(test_task_holding_a_lock_does_not_sleep, boot_small, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
