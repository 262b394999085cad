/*
 * How much address space one process can reserve: PROT_NONE,
 * MAP_NORESERVE mappings (no memory, no overcommit charge), starting at
 * 2 GiB and halving the size on each refusal down to one page.  Prints
 * the total (the user side of `make compare`: it follows TASK_SIZE) and
 * where the heap starts, so that a test can derive the expected figure.
 */
#include "lib/ulib.h"
#include "lib/mman.h"

int main(int argc, char **argv, char **envp)
{
	unsigned long size = 1UL << 31, total = 0, highest = 0;
	unsigned int maps = 0;

	while (size >= 4096) {
		long r = mmap(0, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

		if (mmap_failed(r)) {
			if (r != -ENOMEM) {
				printf("reserve: mmap of %u bytes failed with %d\n", (unsigned int)size, (int)r);
				return 1;
			}
			size /= 2;
			continue;
		}
		total += size;
		maps++;
		if ((unsigned long)r + size > highest)
			highest = (unsigned long)r + size;
	}
	printf("reserve: %u MiB (%u KiB) in %u mappings, highest end 0x%x, brk 0x%x\n", (unsigned int)(total >> 20),
	       (unsigned int)(total >> 10), maps, (unsigned int)highest, (unsigned int)sys_brk(0));
	return 0;
}
