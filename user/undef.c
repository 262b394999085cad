/* An undefined instruction (UDF, permanently undefined in the ARM encoding): SIGILL, the kernel goes on. */
#include "lib/ulib.h"

int main(int argc, char **argv, char **envp)
{
	printf("undef: executing udf #0\n");
	__asm__ volatile(".word 0xe7f000f0");	/* UDF #0 (ARM ARM A8.8.247) */
	printf("undef: the instruction ran\n");
	return 0;
}
