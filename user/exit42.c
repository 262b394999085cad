/* Exits with status 42 through exit (not exit_group), to show the status reaches the kernel. */
#include "lib/ulib.h"

int main(int argc, char **argv, char **envp)
{
	for (;;)
		syscall1(__NR_exit, 42);
}
