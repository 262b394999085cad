/* Calls the kernel does not have: -ENOSYS, and the kernel logs each number once (Linux 6.1 has neither 999 nor 500). */
#include "lib/ulib.h"

int main(int argc, char **argv, char **envp)
{
	long a = syscall0(999), b = syscall0(999), c = syscall0(500);

	printf("enosys: 999 -> %d, again -> %d, 500 -> %d\n", (int)a, (int)b, (int)c);
	return a == -ENOSYS && b == -ENOSYS && c == -ENOSYS ? 0 : 1;
}
