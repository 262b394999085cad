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

void sleep_on(struct wait_queue_head *wq)
{
	(void)wq;
	if (++host_sleeps > HOST_SLEEPS_MAX)
		fail_msg("sleep_on: %u sleeps and the condition never came true", host_sleeps - 1);
	if (host_sleep_hook)
		host_sleep_hook();
}

void wake_up(struct wait_queue_head *wq)
{
	(void)wq;
	host_wakeups++;
}
