/*
 * Self-test of a task's making and unmaking (kernel/sched.c), without
 * running it: the kernel stack is mapped with an unmapped guard page just
 * below it, the task's table sees the stack through its kernel half, and
 * task_free gives every page back.
 */
#include <arch.h>
#include <mm.h>
#include <sched.h>
#include <selftest.h>
#include <string.h>

#include "exec.h"

static int ktest_task_create(void)
{
	unsigned long before, stack, flags_l1;
	struct task_struct *t;
	unsigned int flags;
	phys_addr_t pa;

	/* A first kmalloc of the task's size may take a slab page that stays in its cache: warm it first. */
	t = task_create("/warm-up");
	if (t)
		task_free(t);
	before = nr_free_pages();
	t = task_create("/bin/some-long-program-name");
	KT_EXPECT(t != NULL, "task_create failed");
	if (!t)
		return 0;
	stack = (unsigned long)t->stack;
	KT_EXPECT(!strcmp(t->comm, "some-long-progr"), "comm is \"%s\": the name after the last '/', 15 bytes", t->comm);
	KT_EXPECT(t->mm->asid >= 1 && t->mm->asid <= 255, "ASID %u outside 1..255", t->mm->asid);
	KT_EXPECT(arch_query(stack, &pa, &flags) && arch_query(stack + THREAD_SIZE - 1, &pa, &flags),
		  "the kernel stack [0x%08lx+0x%x] is not mapped", stack, THREAD_SIZE);
	KT_EXPECT(!arch_query(stack - PAGE_SIZE, &pa, &flags), "the guard page below the stack at 0x%08lx is mapped",
		  stack - PAGE_SIZE);
	flags_l1 = t->mm->pgd[stack >> SECTION_SHIFT];
	KT_EXPECT(flags_l1 != 0, "the task's table does not map the section of its own kernel stack");
	task_free(t);
	KT_EXPECT(nr_free_pages() == before, "%lu pages free before task_create, %lu after task_free", before,
		  nr_free_pages());
	return 0;
}
KTEST(sched_task_create, ktest_task_create);
