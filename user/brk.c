/*
 * brk as Linux has it: brk(0) gives the break, a higher address grows the
 * heap (new memory reads as zero), a lower one shrinks it, one below the
 * start of the heap is refused by returning the old break unchanged; pages
 * given back and taken again read as zero.
 */
#include "lib/ulib.h"

#define GROW	(64 * 1024 + 123)

int main(int argc, char **argv, char **envp)
{
	unsigned long start = (unsigned long)sys_brk(0);
	unsigned long top = (unsigned long)sys_brk((void *)(start + GROW));
	unsigned char *heap = (unsigned char *)start;
	int bad = 0;

	printf("brk: start 0x%x, asked 0x%x, got 0x%x\n", (unsigned int)start, (unsigned int)(start + GROW),
	       (unsigned int)top);
	if (top != start + GROW)
		return 1;
	for (unsigned long i = 0; i < GROW; i++)
		bad += heap[i] != 0;
	for (unsigned long i = 0; i < GROW; i++)
		heap[i] = (unsigned char)(i * 7);
	for (unsigned long i = 0; i < GROW; i++)
		bad += heap[i] != (unsigned char)(i * 7);
	if ((unsigned long)sys_brk((void *)(start - 4096)) != top)
		bad++;
	if ((unsigned long)sys_brk((void *)(start + 100)) != start + 100)
		bad++;
	/* Grown again: the pages given back above must come back zeroed, not with the old pattern. */
	if ((unsigned long)sys_brk((void *)(start + GROW)) != start + GROW)
		bad++;
	for (unsigned long i = 4096; i < GROW; i++)
		bad += heap[i] != 0;
	printf("brk: %s\n", bad ? "BAD" : "ok");
	return bad ? 1 : 0;
}
