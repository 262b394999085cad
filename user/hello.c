/* The smallest program: one write, exit status 0. */
#include "lib/ulib.h"

int main(int argc, char **argv, char **envp)
{
	static const char msg[] = "Hello from user space!\n";

	return write(1, msg, sizeof(msg) - 1) == sizeof(msg) - 1 ? 0 : 1;
}
