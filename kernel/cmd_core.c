/*
 * The shell's basic commands: version, bootargs, dmesg, memblock,
 * poweroff, reboot; and /proc/memblock, /proc/cmdline.
 */
#include <arch.h>
#include <board.h>
#include <memblock.h>
#include <printk.h>
#include <shell.h>
#include <asm/setup.h>
#include <generated/version.h>

static int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	kprintf("vxmm version %s, %s split, PAGE_OFFSET 0x%08lx, TASK_SIZE 0x%08lx, on %s\n", VXMM_VERSION,
		arm_split_name(), PAGE_OFFSET, TASK_SIZE, board.name);
	return 0;
}
SHELL_CMD(version, "version", "", "kernel version and configuration", cmd_version);

static void cmdline_show(struct seq *s)
{
	seq_printf(s, "%s\n", boot_command_line);
}
PROC_FILE(cmdline, "cmdline", cmdline_show);

static int cmd_bootargs(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return proc_show("cmdline");
}
SHELL_CMD(bootargs, "bootargs", "", "the kernel command line", cmd_bootargs);

PROC_FILE(memblock, "memblock", memblock_show);

static int cmd_memblock(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return proc_show("memblock");
}
SHELL_CMD(memblock, "memblock", "", "memblock's memory and reserved regions", cmd_memblock);

static int cmd_dmesg(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	log_dump();
	return 0;
}
SHELL_CMD(dmesg, "dmesg", "", "print the kernel log", cmd_dmesg);

static int cmd_poweroff(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	pr_notice("reboot: Power down\n");
	board.poweroff();
	return 0;
}
SHELL_CMD(poweroff, "poweroff", "", "power the board off (QEMU exits)", cmd_poweroff);

static int cmd_reboot(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	pr_notice("reboot: Restarting system\n");
	board.reboot();
	return 0;
}
SHELL_CMD(reboot, "reboot", "", "restart the board", cmd_reboot);
