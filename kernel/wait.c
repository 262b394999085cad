/*
 * Wait queues for a kernel that runs one task at a time: the only task
 * that can sleep is the current one, and the only thing that can wake it
 * is an interrupt, so sleeping is waiting for one (IRQs unmasked around
 * the wfi, masked again before the caller re-tests its condition).  The
 * scheduler replaces this with a real sleep: the task off the run queue,
 * on wq, until wake_up.
 */
#include <wait.h>

void sleep_on(struct wait_queue_head *wq)
{
	(void)wq;
	__asm__ volatile("cpsie i\n\twfi\n\tcpsid i" ::: "memory");
}

void wake_up(struct wait_queue_head *wq)
{
	(void)wq;	/* the sleeper is the current task; it re-tests its condition when the IRQ returns */
}

bool signal_pending_current(void)
{
	return false;	/* no signals yet */
}
