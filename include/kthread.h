/*
 * Kernel threads (Linux's include/linux/kthread.h, cut to what this kernel
 * uses): a task with no user address space that runs a function in kernel
 * mode, on the kernel's page table, on whichever CPU picks it.  It takes a
 * pid from the processes' pid space and shows in /proc/<pid>/ as Linux's
 * kernel threads do (state S while it sleeps, an empty cmdline; ppid 0,
 * since there is no kthreadd here to be its parent 2).
 *
 * The rule it lives by: like every task in the kernel it holds the big
 * kernel lock (include/sched.h) while it runs, from the switch that starts
 * it to each schedule() (a sleep), so compaction_allowed() is true in it;
 * it must sleep (wait_event_timeout, include/wait.h) to let processes run,
 * since nothing preempts it.  Signals are never delivered to it.
 */
#ifndef KTHREAD_H
#define KTHREAD_H

#include <sched.h>

/*
 * A kernel thread that will run threadfn(data), named from namefmt (the
 * comm, TASK_COMM_LEN at most), created asleep: wake_up_process starts it.
 * NULL (one line says why) where Linux returns an ERR_PTR.  threadfn must
 * not return (there is no kthread_stop); if it does, the thread sleeps for
 * ever with one line printed.
 */
struct task_struct *kthread_create(int (*threadfn)(void *data), void *data, const char *namefmt, ...)
	__attribute__((format(printf, 3, 4)));

/* kthread_create, then wake_up_process: the thread is running (or runnable) when it returns. */
#define kthread_run(threadfn, data, ...)					\
({									\
	struct task_struct *__k = kthread_create(threadfn, data, __VA_ARGS__);	\
	if (__k)							\
		wake_up_process(__k);					\
	__k;								\
})

/* Whether t is a kernel thread (PF_KTHREAD). */
static inline bool is_kthread(const struct task_struct *t)
{
	return t->flags & PF_KTHREAD;
}

#endif
