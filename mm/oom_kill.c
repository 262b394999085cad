/*
 * The OOM killer: when a page fault finds no free page, choose a process
 * to end so that the others can go on, as Linux's mm/oom_kill.c does.
 * The choice is Linux's oom_badness without the adjustments this kernel
 * has no use for (no oom_score_adj, no swap): the pages a process would
 * give back, its resident pages and its page tables.  Process 1 is never
 * chosen (Linux's is_global_init), nor one that is already exiting.
 */
#include <ksignal.h>
#include <mm.h>
#include <printk.h>
#include <sched.h>

static unsigned long oom_badness(const struct task_struct *t)
{
	if (t->pid == 1 || !t->mm || t->state >= EXIT_ZOMBIE)
		return 0;
	return t->mm->rss + t->mm->nr_ptes;
}

/* Linux's __oom_kill_process line: the sizes in kB, the counters this kernel has none of as 0. */
static void oom_kill_process(struct task_struct *victim)
{
	const struct mm_struct *mm = victim->mm;

	pr_err("Out of memory: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:0kB, "
	       "shmem-rss:0kB, UID:0 pgtables:%lukB oom_score_adj:0\n", victim->pid, victim->comm,
	       mm->total_vm << (PAGE_SHIFT - 10), mm->rss << (PAGE_SHIFT - 10), mm->nr_ptes << (PAGE_SHIFT - 10));
	send_sig(SIGKILL, victim);
}

bool out_of_memory(void)
{
	struct task_struct *t, *victim = NULL;
	unsigned long best = 0;

	for_each_process(t) {
		if (t->mm && t->state < EXIT_ZOMBIE && (t->pending & sigmask(SIGKILL)))
			return true;	/* an earlier victim is on its way out: wait for its pages */
		if (oom_badness(t) > best) {
			best = oom_badness(t);
			victim = t;
		}
	}
	if (!victim)
		return false;
	oom_kill_process(victim);
	return true;
}
