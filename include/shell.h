/*
 * Shell commands and /proc files.  A subsystem registers its commands with
 * SHELL_CMD() in its own cmd_*.c file (kept out of the host library); the
 * linker gathers them into one table.  A /proc file is a show function that
 * writes into a struct seq; `cat /proc/<name>` prints what it wrote.
 */
#ifndef SHELL_H
#define SHELL_H

#include <seq.h>

struct shell_cmd {
	const char *name;
	const char *usage;	/* arguments, e.g. "<order> [high]" */
	const char *help;	/* one line */
	int (*fn)(int argc, char **argv);	/* 0 on success */
};

struct proc_file {
	const char *name;	/* "buddyinfo" for /proc/buddyinfo */
	void (*show)(struct seq *s);
};

#define SHELL_CMD(id, name_, usage_, help_, fn_)				\
	static const struct shell_cmd __shell_cmd_##id				\
	__attribute__((used, section(".shell_cmds"), aligned(4))) =		\
		{ .name = name_, .usage = usage_, .help = help_, .fn = fn_ }

#define PROC_FILE(id, name_, show_)						\
	static const struct proc_file __proc_file_##id				\
	__attribute__((used, section(".proc_files"), aligned(4))) =		\
		{ .name = name_, .show = show_ }

/* Print to the console with no level and no timestamp (command output). */
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kputs(const char *s);

/* Parse a number: decimal, 0x hex; returns false (and says why) if bad. */
bool shell_parse_ulong(const char *arg, unsigned long *out);

/* Print /proc/<name> (or <name>) to the console; -ENOENT if there is none. */
int proc_show(const char *name);

/* Run one command line (split into words, look up, run). */
void shell_run_line(char *line);

/* Run the interactive shell on the console; never returns. */
void shell_run(void) __attribute__((noreturn));

#endif
