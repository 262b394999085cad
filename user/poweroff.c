/*
 * reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, CMD) as busybox's
 * `poweroff -f` and `reboot -f` call it: no argument powers the board off
 * (QEMU exits), `restart` restarts it, `halt` halts (powers off here).
 */
#include "lib/ulib.h"

#define MAGIC1		0xfee1dead
#define MAGIC2		672274793
#define CMD_POWER_OFF	0x4321fedc
#define CMD_RESTART	0x01234567
#define CMD_HALT	0xcdef0123

int main(int argc, char **argv)
{
	long cmd = CMD_POWER_OFF, ret;

	if (argc > 1 && !strcmp(argv[1], "restart"))
		cmd = CMD_RESTART;
	else if (argc > 1 && !strcmp(argv[1], "halt"))
		cmd = CMD_HALT;
	ret = syscall4(__NR_reboot, MAGIC1, MAGIC2, cmd, 0);
	printf("not ok - reboot returned %d\n", (int)ret);
	return 1;
}
