/*
 * Wait queues for the host library (kernel/wait.c is not in it): the host
 * tests have no scheduler, so a sleep returns at once and its caller tests
 * its condition again, as the kernel's idle context does.
 */
#include <wait.h>

void sleep_on(struct wait_queue_head *wq)
{
	(void)wq;
}

void wake_up(struct wait_queue_head *wq)
{
	(void)wq;
}
