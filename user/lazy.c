/*
 * Demand paging: a 64 MiB heap and 8 MiB of stack cost nothing until
 * touched.  Touches three heap pages (one written after a read, so first
 * the zero page, then a page of its own), reads one more (the zero page),
 * and exits; the kernel's exec command reports the pages it had resident.
 */
#include "lib/ulib.h"

#define HEAP	(64UL * 1024 * 1024)

int main(int argc, char **argv, char **envp)
{
	unsigned long start = (unsigned long)sys_brk(0);
	volatile unsigned char *heap = (volatile unsigned char *)start;
	int bad = 0;

	if ((unsigned long)sys_brk((void *)(start + HEAP)) != start + HEAP)
		return 1;
	bad += heap[0] != 0;			/* read: the zero page */
	heap[0] = 1;				/* write: a page of its own in its place */
	heap[HEAP / 2] = 2;
	heap[HEAP - 1] = 3;
	bad += heap[HEAP / 4] != 0;		/* read only */
	bad += heap[0] != 1 || heap[HEAP / 2] != 2 || heap[HEAP - 1] != 3;
	printf("lazy: 64 MiB heap, 3 pages written, 1 read: %s\n", bad ? "BAD" : "ok");
	return bad;
}
