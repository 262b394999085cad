/*
 * Kernel threads (include/kthread.h): kthread_create makes the task
 * (kernel/sched.c's kthread_task_create: pid, comm, stack, no mm) whose
 * first switch lands in kthread_entry, which finishes the switch as a new
 * process's ret_from_fork does and calls the thread's function.
 */
#include <kthread.h>
#include <printk.h>
#include <slab.h>
#include <stdarg.h>

#include "exec.h"

/* Where a kthread that returned sleeps: nothing ever wakes this queue. */
static DECLARE_WAIT_QUEUE_HEAD(kthread_returned);

/* A kernel thread's first instruction, on its own stack with kernel_lock (the switcher's) held. */
static void __noreturn kthread_entry(void)
{
	struct task_struct *t;

	schedule_tail();
	t = current;
	t->kthread_fn(t->kthread_data);
	pr_warn("kthread: %s[%d] returned from its function; it sleeps for ever\n", t->comm, t->pid);
	for (;;)
		sleep_on(&kthread_returned);
}

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data, const char *namefmt, ...)
{
	char comm[TASK_COMM_LEN];
	struct task_struct *t;
	void *stack;
	va_list ap;

	va_start(ap, namefmt);
	vsnprintf(comm, sizeof(comm), namefmt, ap);
	va_end(ap);
	/*
	 * The stack from kmalloc (lowmem, counted as Slab), not vmalloc as a
	 * process's: a kernel thread lives as long as the kernel, and a lasting
	 * vmalloc area (its pages in HighMem) would be an exception to every
	 * check that memory comes back after a test (/proc/vmallocinfo,
	 * VmallocUsed, HighMem's top-order blocks).  No guard page, as the
	 * boot CPU's stacks have none.
	 */
	stack = kmalloc(THREAD_SIZE, GFP_KERNEL);
	t = stack ? kthread_task_create(comm, kthread_entry, stack) : NULL;
	if (!t) {
		if (stack)
			kfree(stack);
		pr_err("kthread: no memory or pid for kernel thread %s; it does not run\n", comm);
		return NULL;
	}
	t->kthread_fn = threadfn;
	t->kthread_data = data;
	return t;
}
