/*
 * The reboot system call's arguments (Linux's include/uapi/linux/reboot.h)
 * and their meaning here (kernel/reboot.c, pure, host-tested).
 */
#ifndef REBOOT_H
#define REBOOT_H

#include <types.h>

#define LINUX_REBOOT_MAGIC1		0xfee1dead
#define LINUX_REBOOT_MAGIC2		672274793	/* 0x28121969 */
#define LINUX_REBOOT_MAGIC2A		85072278	/* 0x05121996 */
#define LINUX_REBOOT_MAGIC2B		369367448	/* 0x16041998 */
#define LINUX_REBOOT_MAGIC2C		537993216	/* 0x20112000 */

#define LINUX_REBOOT_CMD_RESTART	0x01234567
#define LINUX_REBOOT_CMD_HALT		0xcdef0123
#define LINUX_REBOOT_CMD_CAD_ON		0x89abcdef
#define LINUX_REBOOT_CMD_CAD_OFF	0x00000000
#define LINUX_REBOOT_CMD_POWER_OFF	0x4321fedc
#define LINUX_REBOOT_CMD_RESTART2	0xa1b2c3d4
#define LINUX_REBOOT_CMD_SW_SUSPEND	0xd000fce2
#define LINUX_REBOOT_CMD_KEXEC		0x45584543

enum reboot_action {
	REBOOT_INVALID,		/* -EINVAL: bad magic, or a command this kernel does not have (kexec) */
	REBOOT_RESTART,		/* RESTART, RESTART2 */
	REBOOT_POWER_OFF,	/* POWER_OFF, and HALT: this board has no halt that is not power-off */
	REBOOT_CAD,		/* CAD_ON, CAD_OFF: accepted; there is no Ctrl-Alt-Del here */
	REBOOT_NO_SUSPEND,	/* SW_SUSPEND: -ENOSYS, as Linux without CONFIG_HIBERNATION */
};

/* What reboot(magic1, magic2, cmd) asks for, decided as Linux's kernel/reboot.c does. */
enum reboot_action reboot_decode(u32 magic1, u32 magic2, u32 cmd);

#endif
