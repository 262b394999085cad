/*
 * The reboot call's decision, apart from its effect so that the host tests
 * can check every magic and command (tests/host/test_reboot.c); the call
 * itself is in kernel/sys_misc.c.
 */
#include <reboot.h>

enum reboot_action reboot_decode(u32 magic1, u32 magic2, u32 cmd)
{
	if (magic1 != LINUX_REBOOT_MAGIC1)
		return REBOOT_INVALID;
	if (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	    magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C)
		return REBOOT_INVALID;
	switch (cmd) {
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
		return REBOOT_RESTART;
	case LINUX_REBOOT_CMD_POWER_OFF:
	case LINUX_REBOOT_CMD_HALT:
		return REBOOT_POWER_OFF;
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return REBOOT_CAD;
	case LINUX_REBOOT_CMD_SW_SUSPEND:
		return REBOOT_NO_SUSPEND;
	default:
		return REBOOT_INVALID;
	}
}
