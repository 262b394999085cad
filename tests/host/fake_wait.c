/*
 * Wait queues for the host library (kernel/wait.c is not in it): the host
 * tests have no scheduler, so a sleep runs the test's host_sleep_hook (the
 * "other CPU" doing what the sleeper waits for), if any, and returns; its
 * caller tests its condition again, as after a real wake-up.  Sleeps and
 * wake-ups are counted for the tests (host.h); a thousand sleeps in one
 * test fail it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <wait.h>
#include "host.h"

#define HOST_SLEEPS_MAX	1000	/* a sleeper nobody wakes: a test failure, not a hang */

void (*host_sleep_hook)(void);
unsigned int host_sleeps, host_wakeups;

/* The sleep itself, for sleep_on and wait_schedule. */
static void host_sleep(void)
{
	if (++host_sleeps > HOST_SLEEPS_MAX)
		fail_msg("sleep: %u sleeps and the condition never came true", host_sleeps - 1);
	if (host_sleep_hook)
		host_sleep_hook();
}

void sleep_on(struct wait_queue_head *wq)
{
	(void)wq;
	host_sleep();
}

/* prepare_to_wait, wait_schedule, finish_wait: sleep_on in three steps, as kernel/wait.c has them. */
void prepare_to_wait(struct wait_queue_head *wq)
{
	(void)wq;
}

void wait_schedule(void)
{
	host_sleep();
}

void finish_wait(struct wait_queue_head *wq)
{
	(void)wq;
}

void wake_up(struct wait_queue_head *wq)
{
	(void)wq;
	host_wakeups++;
}
