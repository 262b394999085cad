/*
 * Kernel threads and timed sleeps for the host library (kernel/kthread.c
 * and kernel/wait.c are not in it): mm/compaction.c's kcompactd is never
 * started on the host, so kthread_create makes nothing; a timed sleep is
 * the fake untimed one (fake_wait.c) and the clock stands still.
 */
#include <kthread.h>
#include <wait.h>

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data, const char *namefmt, ...)
{
	(void)threadfn;
	(void)data;
	(void)namefmt;
	return NULL;
}

void wake_up_process(struct task_struct *t)
{
	(void)t;
}

void prepare_to_wait_timeout(struct wait_queue_head *wq, unsigned long expires)
{
	(void)expires;
	prepare_to_wait(wq);
}

unsigned long wait_jiffies(void)
{
	return 0;
}
