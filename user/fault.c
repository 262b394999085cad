/* A write through a NULL pointer: the kernel kills us with SIGSEGV and goes on. */
#include "lib/ulib.h"

int main(int argc, char **argv, char **envp)
{
	volatile int *p = (volatile int *)0;

	printf("fault: writing to address 0\n");
	*p = 1;
	printf("fault: the write did not fault\n");
	return 0;
}
