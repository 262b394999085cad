/*
 * Many processes alive at once: 128 children, each blocked in read() on
 * one pipe until the parent closes its end, then exiting with its own
 * code.  Their kernel stacks (kernel/sched.c: vmalloc'd) fill vmalloc
 * sections that did not exist when this process's first-level table was
 * copied, and fork writes each child's first frame from here: the kernel
 * half's lazy fill (arch/arm/fault.c) is what makes them reachable.
 * Wait statuses are Linux's encoding, exit code << 8.
 */
#include "lib/fs.h"
#include "lib/procs.h"
#include "lib/ulib.h"

#define NR_CHILDREN	128
#define EXITED(code)	((code) << 8)

static long pids[NR_CHILDREN];

/* A child: drop the write end, wait for end of file, exit with code. */
static void child(int *fds, int code)
{
	char c;

	close(fds[1]);
	exit(read(fds[0], &c, 1) == 0 ? code : 100);
}

int main(int argc, char **argv, char **envp)
{
	int fds[2], forked = 0, seen = 0, right = 0;

	check(pipe(fds) == 0, "pipe", 0, 0);
	for (int i = 0; i < NR_CHILDREN; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			child(fds, i % 99 + 1);
		forked += pids[i] > 0;
	}
	check(forked == NR_CHILDREN, "fork made 128 children, all alive at once", forked, NR_CHILDREN);
	close(fds[1]);
	close(fds[0]);
	for (int n = 0; n < forked; n++) {
		int status = -1;
		long pid = wait4(-1, &status, 0, 0);

		for (int i = 0; i < NR_CHILDREN; i++)
			if (pid > 0 && pids[i] == pid) {
				seen++;
				right += status == EXITED(i % 99 + 1);
				pids[i] = 0;
			}
	}
	check(seen == NR_CHILDREN, "wait4(-1) reaps all 128", seen, NR_CHILDREN);
	check(right == NR_CHILDREN, "each child read end of file and exited with its own code", right, NR_CHILDREN);
	printf("forkwide: %s\n", checks_failed ? "FAILED" : "all passed");
	return checks_failed ? 1 : 0;
}
