/*
 * Wait queues (include/wait.h): a sleeper links its wait_entry onto the
 * queue, marks itself TASK_INTERRUPTIBLE and schedules; wake_up makes
 * every sleeper runnable; a signal sent to a sleeper wakes it too
 * (wake_up_process takes it off whatever queue it is on).  The idle task
 * never sleeps: asked to, it lets the runnable tasks run, or waits for an
 * interrupt when there are none, and its caller re-tests its condition.
 */
#include <sched.h>
#include <wait.h>

#include "exec.h"

void sleep_on(struct wait_queue_head *wq)
{
	struct task_struct *t = current;

	if (!t) {
		idle_yield();
		return;
	}
	list_add_tail(&t->wait_entry, &wq->head);
	t->state = TASK_INTERRUPTIBLE;
	schedule();
	list_del_init(&t->wait_entry);	/* a wake_up took it off already; a signal's wake-up too */
	t->state = TASK_RUNNING;
}

void wake_up(struct wait_queue_head *wq)
{
	while (!list_empty(&wq->head)) {
		struct task_struct *t = list_first_entry(&wq->head, struct task_struct, wait_entry);

		list_del_init(&t->wait_entry);
		wake_up_process(t);
	}
}

bool signal_pending_current(void)
{
	struct task_struct *t = current;

	return t && (t->pending & ~t->blocked);
}
