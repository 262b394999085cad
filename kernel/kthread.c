/*
 * Kernel threads (include/kthread.h): kthread_create makes the task
 * (kernel/sched.c's kthread_task_create: pid, comm, stack, no mm) whose
 * first switch lands in kthread_entry, which finishes the switch as a new
 * process's ret_from_fork does and calls the thread's function.
 */
#include <kthread.h>
#include <printk.h>
#include <stdarg.h>

#include "exec.h"

/*
 * The kernel threads' stacks, in the image as the boot CPU's stacks are
 * (outside MemTotal, and with no guard page): a kernel thread lives as
 * long as the kernel, so its stack taken from vmalloc would be a lasting
 * hole in HighMem's top-order blocks and a lasting vmalloc area, which
 * the checks that everything comes back after a test (meminfo-check,
 * /proc/vmallocinfo, buddyinfo, exec's page count) would have to except.
 */
#define KTHREAD_MAX	2
static u8 kthread_stacks[KTHREAD_MAX][THREAD_SIZE] __attribute__((aligned(8)));
static unsigned int kthreads_made;

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
	va_list ap;

	va_start(ap, namefmt);
	vsnprintf(comm, sizeof(comm), namefmt, ap);
	va_end(ap);
	if (kthreads_made == KTHREAD_MAX) {
		pr_err("kthread: all %d kernel thread stacks are taken; %s does not run\n", KTHREAD_MAX, comm);
		return NULL;
	}
	t = kthread_task_create(comm, kthread_entry, kthread_stacks[kthreads_made]);
	if (!t) {
		pr_err("kthread: no memory or pid for kernel thread %s; it does not run\n", comm);
		return NULL;
	}
	kthreads_made++;
	t->kthread_fn = threadfn;
	t->kthread_data = data;
	return t;
}
