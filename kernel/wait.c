/*
 * Wait queues (include/wait.h): a sleeper links its wait_entry onto the
 * queue and marks itself TASK_INTERRUPTIBLE (prepare_to_wait), tests its
 * condition, then schedules; wake_up makes every sleeper runnable; a
 * signal sent to a sleeper wakes it too (wake_up_process takes it off
 * whatever queue it is on).  The lists and the states are sched_lock's
 * (kernel/sched.c), which interrupt handlers on any CPU take to wake.  The
 * idle task never sleeps: asked to, it lets the runnable tasks run, or
 * waits for an interrupt when there are none, and its caller re-tests its
 * condition.
 */
#include <ktime.h>
#include <lockdep.h>
#include <sched.h>
#include <wait.h>

#include "exec.h"

void prepare_to_wait(struct wait_queue_head *wq)
{
	struct task_struct *t = current;

	if (!t)
		return;
	sched_lock_acquire();
	if (list_empty(&t->wait_entry))
		list_add_tail(&t->wait_entry, &wq->head);
	t->state = TASK_INTERRUPTIBLE;
	sched_lock_release();
}

/* The tasks in a timed sleep (by timeout_entry), sched_lock's like the wait queues. */
static struct list_head timed_sleepers = LIST_HEAD_INIT(timed_sleepers);

unsigned long wait_jiffies(void)
{
	return jiffies;
}

void prepare_to_wait_timeout(struct wait_queue_head *wq, unsigned long expires)
{
	struct task_struct *t = current;

	prepare_to_wait(wq);
	if (!t)
		return;	/* idle never sleeps: its wait_schedule only waits a while, and it re-tests the time */
	sched_lock_acquire();
	t->timeout_expires = expires;
	if (list_empty(&t->timeout_entry))
		list_add_tail(&t->timeout_entry, &timed_sleepers);
	sched_lock_release();
}

void wake_up_timeouts(unsigned long now)
{
	struct list_head *pos, *next;

	if (*(struct list_head *volatile *)&timed_sleepers.next == &timed_sleepers)
		return;	/* the common case, every tick: nobody in a timed sleep, no lock taken */
	sched_lock_acquire();
	for (pos = timed_sleepers.next; pos != &timed_sleepers; pos = next) {
		struct task_struct *t = list_entry(pos, struct task_struct, timeout_entry);

		next = pos->next;
		if ((long)(now - t->timeout_expires) < 0)
			continue;
		list_del_init(&t->timeout_entry);
		try_to_wake_up(t);
	}
	sched_lock_release();
}

void finish_wait(struct wait_queue_head *wq)
{
	struct task_struct *t = current;

	if (!t)
		return;
	sched_lock_acquire();
	list_del_init(&t->wait_entry);	/* a wake_up took it off already; a signal's wake-up too */
	list_del_init(&t->timeout_entry);	/* off the timed sleepers too, if it was a timed sleep */
	t->state = TASK_RUNNING;
	sched_lock_release();
}

void wait_schedule(void)
{
	if (current)
		schedule();
	else
		idle_yield();
}

void sleep_on(struct wait_queue_head *wq)
{
	might_sleep();
	prepare_to_wait(wq);
	wait_schedule();
	finish_wait(wq);
}

void wake_up(struct wait_queue_head *wq)
{
	sched_lock_acquire();
	while (!list_empty(&wq->head)) {
		struct task_struct *t = list_first_entry(&wq->head, struct task_struct, wait_entry);

		list_del_init(&t->wait_entry);
		try_to_wake_up(t);
	}
	sched_lock_release();
}

bool signal_pending_current(void)
{
	struct task_struct *t = current;

	return t && (t->pending & ~t->blocked);
}
