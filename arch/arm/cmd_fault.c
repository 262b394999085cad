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

/* Read at run time so the compiler sees no unconditional (infinite) recursion. */
static volatile unsigned int crash_depth_limit = ~0u;

/*
 * 256 bytes of stack per call, kept live across the recursive call so that
 * it can become neither a loop nor a tail call: the 16 KiB kernel stack
 * runs into its guard page after some sixty calls.
 */
static __attribute__((noinline)) unsigned int crash_recurse(unsigned int depth)
{
	volatile u8 frame[256];

	frame[0] = (u8)depth;
	frame[sizeof(frame) - 1] = (u8)depth;
	if (depth >= crash_depth_limit)
		return frame[0];
	return crash_recurse(depth + 1) + frame[0] + frame[sizeof(frame) - 1];
}

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
	if (!strcmp(kind, "stack")) {
		kputs("crash: recursing until the kernel stack overflows\n");
		return (int)crash_recurse(0);
	}
	kputs("usage: crash null|text|rodata|exec|undef|stack\n");
	return -EINVAL;
}
SHELL_CMD(crash, "crash", "null|text|rodata|exec|undef|stack", "provoke a fault and see its report", cmd_crash);
