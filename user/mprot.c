/*
 * mprotect then a write: the page is read-only now, so the write must
 * kill the process with SIGSEGV (the boot case checks the kernel's line
 * and the exit status).  Prints what it does first, and a line the case
 * rejects if the write went through.
 */
#include "lib/ulib.h"
#include "lib/mman.h"

int main(int argc, char **argv, char **envp)
{
	long r = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile unsigned char *p = (volatile unsigned char *)r;

	if (mmap_failed(r))
		return 1;
	p[0] = 1;
	if (mprotect((void *)r, 4096, PROT_READ))
		return 2;
	printf("mprot: page 0x%x read-only, reads %d; writing to it\n", (unsigned int)r, p[0]);
	p[0] = 2;
	printf("mprot: the write went through\n");
	return 3;
}
