/*
 * The shell's process command: `exec <path> [args...]` runs a program of
 * the initramfs as a new process and reports how it ended, how many pages
 * it had resident, and the free page count before and after, so that a
 * leak of any page (user pages, page tables, kernel stack) shows.  Both
 * counts are taken with the slab caches' empty slabs given back, so that a
 * cache that grew while the program ran (and keeps its new slab, as caches
 * do) is not counted as a leak.
 */
#include <mm.h>
#include <sched.h>
#include <shell.h>
#include <slab.h>

#define EXEC_MAX_ARGS	16

static unsigned long free_pages_settled(void)
{
	if (!sched_free_dead_tasks())
		kprintf("exec: a process or a dead task is still there after a second; its pages count as used\n");
	kmem_cache_shrink_all();
	return nr_free_pages();
}

static int cmd_exec(int argc, char **argv)
{
	static const char *const envp[] = { "HOME=/", "TERM=linux", NULL };
	const char *args[EXEC_MAX_ARGS + 1];
	unsigned long before = free_pages_settled(), rss = 0;
	int status, n = 0;

	if (argc < 2) {
		kprintf("usage: exec <path> [args...]\n");
		return 1;
	}
	for (int i = 1; i < argc && n < EXEC_MAX_ARGS; i++)
		args[n++] = argv[i];
	args[n] = NULL;
	status = run_user_program(argv[1], args, envp, &rss);
	if (status < 0)
		kprintf("exec: %s did not run (error %d)", argv[1], status);
	else if (status & 0x7f)
		kprintf("exec: %s killed by signal %d", argv[1], status & 0x7f);
	else
		kprintf("exec: %s exited with status %d", argv[1], status >> 8);
	if (status >= 0)
		kprintf(", %lu pages resident at exit", rss);
	kprintf("; free pages %lu before, %lu after\n", before, free_pages_settled());
	return status == 0 ? 0 : 1;
}
SHELL_CMD(exec, "exec", "<path> [args...]", "run a program of the initramfs as a process", cmd_exec);
