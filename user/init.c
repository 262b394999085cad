/* /init of the default initramfs: says who and where it is, then exits 0. */
#include "lib/ulib.h"

int main(int argc, char **argv, char **envp)
{
	struct utsname u;

	if (uname(&u) != 0)
		return 1;
	printf("init: pid %d, %s %s %s\n", (int)getpid(), u.sysname, u.release, u.machine);
	return 0;
}
