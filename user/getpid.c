/* Prints its pid: the kernel numbers processes from 1 up, as Linux does. */
#include "lib/ulib.h"

int main(int argc, char **argv, char **envp)
{
	printf("getpid: %d\n", (int)getpid());
	return 0;
}
