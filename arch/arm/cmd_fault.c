/*
 * `crash <kind>`: provoke a fault on purpose, to see (and test) the
 * report fault.c prints and the clean stop after it.
 */
#include <arch.h>
#include <printk.h>
#include <shell.h>
#include <string.h>
#include <asm/setup.h>

static u32 data_word = 0xe12fff1e;	/* "bx lr", in a never-execute data page */

static int cmd_crash(int argc, char **argv)
{
	const char *kind = argc == 2 ? argv[1] : "";

	if (!strcmp(kind, "null"))
		return (int)*(volatile u32 *)0;
	if (!strcmp(kind, "text")) {
		*(volatile u32 *)(unsigned long)_text = 0;
		return 0;
	}
	if (!strcmp(kind, "rodata")) {
		*(volatile u32 *)(unsigned long)__start_rodata = 0;
		return 0;
	}
	if (!strcmp(kind, "exec")) {
		((void (*)(void))(unsigned long)&data_word)();
		return 0;
	}
	if (!strcmp(kind, "undef")) {
		__asm__ volatile(".word 0xe7f000f0");	/* permanently undefined (UDF) */
		return 0;
	}
	kputs("usage: crash null|text|rodata|exec|undef\n");
	return -EINVAL;
}
SHELL_CMD(crash, "crash", "null|text|rodata|exec|undef", "provoke a fault and see its report", cmd_crash);
