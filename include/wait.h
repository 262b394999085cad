/*
 * Wait queues: how a task sleeps until something happens (a pipe gets
 * data, a child exits, a key is pressed, a timer expires) and how the
 * code that makes it happen wakes it.  The interface is Linux's
 * (include/linux/wait.h) cut to what this kernel uses.
 *
 * What makes it safe with four CPUs: a sleeper is on the queue and
 * TASK_INTERRUPTIBLE (prepare_to_wait) before it tests its condition, so
 * a wake_up on another CPU (an interrupt handler's: they do not take the
 * big kernel lock) between the test and schedule() only makes it
 * runnable again, and schedule() keeps it running.  A sleeper always
 * re-tests its condition after waking: one wake_up wakes every sleeper on
 * the queue, and another may have taken what it was woken for.
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

/* The halves of a sleep: on wq and TASK_INTERRUPTIBLE; then off it and TASK_RUNNING.  Nothing for idle. */
void prepare_to_wait(struct wait_queue_head *wq);
void finish_wait(struct wait_queue_head *wq);
/* Between the two: schedule(), or idle's wait when there is no current task. */
void wait_schedule(void);

/* Make every task sleeping on wq runnable.  Callable from IRQ handlers. */
void wake_up(struct wait_queue_head *wq);

/* True when the current task has a signal to handle: an interruptible sleep ends early. */
bool signal_pending_current(void);

/* Sleep until cond holds; 0 then, or -EINTR if a signal arrived first. */
#define wait_event_interruptible(wq, cond)				\
({									\
	int __ret = 0;							\
	for (;;) {							\
		prepare_to_wait(&(wq));					\
		if (cond)						\
			break;						\
		if (signal_pending_current()) {				\
			__ret = -EINTR;					\
			break;						\
		}							\
		wait_schedule();					\
	}								\
	finish_wait(&(wq));						\
	__ret;								\
})

/*
 * Timed sleeps (Linux's wait_event_timeout): the sleeper is on wq and on
 * the timed sleepers' list; the tick (wake_up_timeouts, on CPU 0, which
 * counts jiffies) wakes it once jiffies reach expires, whatever wq does.
 */
void prepare_to_wait_timeout(struct wait_queue_head *wq, unsigned long expires);
/* Called by CPU 0's tick with the new jiffies: every timed sleeper whose time has come is woken. */
void wake_up_timeouts(unsigned long now);
/* The jiffies now (kernel/time.c's counter, read where ktime.h cannot be included: it includes this). */
unsigned long wait_jiffies(void);

/*
 * Sleep until cond holds or timeout jiffies have passed.  Signals do not
 * end it (its users are kernel threads, which take none).  Linux's
 * result: 0 if the time ran out with cond false, else the jiffies left
 * (at least 1).  Wrap-safe: times are compared as Linux's time_after_eq.
 */
#define MAX_SCHEDULE_TIMEOUT	__LONG_MAX__	/* Linux's: no timeout, only cond ends the sleep */
#define wait_event_timeout(wq, cond, timeout)				\
({									\
	long __timeout = (timeout), __ret;				\
	unsigned long __expires = wait_jiffies() + (unsigned long)__timeout;	\
	for (;;) {							\
		long __left = MAX_SCHEDULE_TIMEOUT;			\
									\
		if (__timeout == MAX_SCHEDULE_TIMEOUT) {		\
			prepare_to_wait(&(wq));				\
		} else {						\
			prepare_to_wait_timeout(&(wq), __expires);	\
			__left = (long)(__expires - wait_jiffies());	\
		}							\
		if (cond) {						\
			__ret = __left > 0 ? __left : 1;		\
			break;						\
		}							\
		if (__left <= 0) {					\
			__ret = 0;					\
			break;						\
		}							\
		wait_schedule();					\
	}								\
	finish_wait(&(wq));						\
	__ret;								\
})

#endif
