/*
 * A read of kernel memory: the vector page at 0xffff0000 is mapped in every
 * process's table (the kernel half) but for privileged access only, so the
 * load is a permission fault and the kernel kills us with SIGSEGV.
 */
#include "lib/ulib.h"

int main(int argc, char **argv, char **envp)
{
	volatile const unsigned int *vectors = (volatile const unsigned int *)0xffff0000;

	printf("kread: reading 0xffff0000\n");
	printf("kread: read 0x%x: the kernel's memory is readable from user mode\n", *vectors);
	return 0;
}
