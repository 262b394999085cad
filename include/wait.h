/*
 * Wait queues: how a task sleeps until something happens (a pipe gets
 * data, a child exits, a key is pressed, a timer expires) and how the
 * code that makes it happen wakes it.  The interface is Linux's
 * (include/linux/wait.h) cut to what this kernel uses.
 *
 * The rule that makes it safe on one CPU: kernel code runs with IRQs
 * masked (they are taken only in User mode and in the idle loop), so no
 * wake_up can slip in between a sleeper testing its condition and going
 * to sleep.  A sleeper always re-tests its condition after waking: one
 * wake_up wakes every sleeper on the queue, and another may have taken
 * what it was woken for.
 */
#ifndef WAIT_H
#define WAIT_H

#include <list.h>
#include <types.h>

#ifndef EINTR
#define EINTR	4
#endif

struct wait_queue_head {
	struct list_head head;		/* the sleeping tasks (struct task_struct.wait_entry) */
};

#define WAIT_QUEUE_HEAD_INIT(name)	{ LIST_HEAD_INIT((name).head) }
#define DECLARE_WAIT_QUEUE_HEAD(name)	struct wait_queue_head name = WAIT_QUEUE_HEAD_INIT(name)

static inline void init_waitqueue_head(struct wait_queue_head *wq)
{
	INIT_LIST_HEAD(&wq->head);
}

/* Put the current task to sleep on wq until a wake_up (or a signal) makes it runnable again. */
void sleep_on(struct wait_queue_head *wq);

/* Make every task sleeping on wq runnable.  Callable from IRQ handlers. */
void wake_up(struct wait_queue_head *wq);

/* True when the current task has a signal to handle: an interruptible sleep ends early. */
bool signal_pending_current(void);

/* Sleep until cond holds; 0 then, or -EINTR if a signal arrived first. */
#define wait_event_interruptible(wq, cond)				\
({									\
	int __ret = 0;							\
	while (!(cond)) {						\
		if (signal_pending_current()) {				\
			__ret = -EINTR;					\
			break;						\
		}							\
		sleep_on(&(wq));					\
	}								\
	__ret;								\
})

#endif
