/*
 * The OOM killer from user space: a child writes to more anonymous memory
 * than the machine has (MAP_NORESERVE, so overcommit lets the mapping be
 * made), and must be the one killed, by SIGKILL; the parent, which holds
 * little, goes on and afterwards can still get memory.  Run it with little
 * RAM (the boot case gives 128 MiB).
 */
#include "lib/mman.h"
#include "lib/procs.h"
#include "lib/ulib.h"

#define HOG_BYTES	(512UL << 20)	/* four times the boot case's RAM */

static void hog(void)
{
	long r = mmap(0, HOG_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	char *p = (char *)r;

	if (mmap_failed(r)) {
		printf("oom: the hog's mmap failed with %d\n", (int)r);
		exit(2);
	}
	for (unsigned long off = 0; off < HOG_BYTES; off += 4096)
		p[off] = 1;
	exit(3);	/* not reached: memory runs out first */
}

int main(int argc, char **argv, char **envp)
{
	int status = 0;
	long pid = fork(), r;

	if (pid == 0)
		hog();
	printf("oom: parent pid %d, child pid %d\n", (int)getpid(), (int)pid);
	check(wait4(pid, &status, 0, 0) == pid, "wait4 reaps the hog", pid, pid);
	check(status == SIGKILL, "the hog was killed by SIGKILL (wait status 9)", status, SIGKILL);
	r = mmap(0, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(!mmap_failed(r), "after it, a 1 MiB mapping can be made", r, 0);
	if (!mmap_failed(r)) {
		memset((void *)r, 7, 1 << 20);
		check(((char *)r)[(1 << 20) - 1] == 7, "... and written", ((char *)r)[(1 << 20) - 1], 7);
	}
	printf("oom: %s\n", checks_failed ? "FAILED" : "all passed");
	return checks_failed != 0;
}
