/*
 * The shell on the serial console: reads a line through the line editor
 * (kernel/line_edit.c: history, editing, Tab completion), splits it into
 * words and runs the registered command of that name.
 * Commands come from the .shell_cmds table (SHELL_CMD), /proc files from
 * the .proc_files table (PROC_FILE).
 */
#include <board.h>
#include <console.h>
#include <line_edit.h>
#include <printk.h>
#include <sched.h>
#include <shell.h>
#include <string.h>
#include <ktime.h>

#define MAX_ARGS	16
#define PROMPT		"vxmm# "

extern const struct shell_cmd __shell_cmds_start[], __shell_cmds_end[];
extern const struct proc_file __proc_files_start[], __proc_files_end[];

bool shell_parse_ulong(const char *arg, unsigned long *out)
{
	unsigned long v = 0, base = 10;
	const char *p = arg;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (!*p)
		goto bad;
	for (; *p; p++) {
		unsigned long d;

		if (*p >= '0' && *p <= '9')
			d = (unsigned long)(*p - '0');
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = (unsigned long)(*p - 'a' + 10);
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			d = (unsigned long)(*p - 'A' + 10);
		else
			goto bad;
		if (v > (~0UL - d) / base)
			goto bad;
		v = v * base + d;
	}
	*out = v;
	return true;
bad:
	kprintf("not a number: '%s'\n", arg);
	return false;
}

static void console_out(void *ctx, const char *s, size_t n)
{
	char chunk[64];

	(void)ctx;
	while (n) {
		size_t k = n < sizeof(chunk) - 1 ? n : sizeof(chunk) - 1;

		memcpy(chunk, s, k);
		chunk[k] = '\0';
		kputs(chunk);
		s += k;
		n -= k;
	}
}

/* What Tab completes from: the command table, or the /proc files. */
static const char *table_name(void *ctx, enum le_kind kind, unsigned int i)
{
	(void)ctx;
	if (kind == LE_COMPLETE_CMD)
		return __shell_cmds_start + i < __shell_cmds_end ? __shell_cmds_start[i].name : NULL;
	return __proc_files_start + i < __proc_files_end ? __proc_files_start[i].name : NULL;
}

static const struct le_ops console_ops = {
	.write = console_out,
	.name = table_name,
};

/* Feed console bytes to the editor until Enter (true) or Ctrl-C (false). */
static bool read_line(struct line_edit *le)
{
	for (;;) {
		int c = console_getc_nowait();	/* what the console interrupt queued comes first */

		if (c < 0) {
			board.clock_ns();	/* keep the clocks' wrap counts current */
			ktime_get_ns();
			continue;
		}
		switch (le_feed(le, c)) {
		case LE_DONE:
			return true;
		case LE_CANCEL:
			return false;
		case LE_MORE:
			break;
		}
	}
}

static int split_words(char *line, char **argv)
{
	int argc = 0;

	while (*line) {
		while (*line == ' ' || *line == '\t')
			*line++ = '\0';
		if (!*line)
			break;
		if (argc == MAX_ARGS)
			return -1;
		argv[argc++] = line;
		while (*line && *line != ' ' && *line != '\t')
			line++;
	}
	return argc;
}

static const struct shell_cmd *find_cmd(const char *name)
{
	for (const struct shell_cmd *c = __shell_cmds_start; c < __shell_cmds_end; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

void shell_run_line(char *line)
{
	char *argv[MAX_ARGS + 1];
	const struct shell_cmd *cmd;
	int argc = split_words(line, argv);

	if (argc < 0) {
		kprintf("too many words (at most %d)\n", MAX_ARGS);
		return;
	}
	if (argc == 0)
		return;
	argv[argc] = NULL;
	cmd = find_cmd(argv[0]);
	if (!cmd) {
		kprintf("%s: unknown command; 'help' lists the commands\n", argv[0]);
		return;
	}
	cmd->fn(argc, argv);
}

void shell_run(void)
{
	static struct line_edit le;	/* static: it holds the history (4 KiB) */

	le_init(&le, PROMPT, &console_ops);
	kputs("\nType 'help' for the list of commands.\n");
	for (;;) {
		kputs(PROMPT);
		le_reset_line(&le);
		if (!read_line(&le))
			continue;
		idle_lock_kernel();	/* a command may touch processes; the wait for a line does not hold it */
		shell_run_line(le.buf);
		idle_unlock_kernel();
	}
}

/* The commands in name order: each round prints the smallest name above the last one. */
static int cmd_help(int argc, char **argv)
{
	const char *last = "";

	(void)argc;
	(void)argv;
	for (;;) {
		const struct shell_cmd *next = NULL;
		char head[48];

		for (const struct shell_cmd *c = __shell_cmds_start; c < __shell_cmds_end; c++)
			if (strcmp(c->name, last) > 0 && (!next || strcmp(c->name, next->name) < 0))
				next = c;
		if (!next)
			return 0;
		snprintf(head, sizeof(head), "%s %s", next->name, next->usage);
		kprintf("  %-24s %s\n", head, next->help);
		last = next->name;
	}
}
SHELL_CMD(help, "help", "", "list the commands", cmd_help);

static char proc_buf[32 * 1024];

/* Show /proc/<name> (or just <name>); returns 0 if found. */
int proc_show(const char *name)
{
	struct seq s;

	if (!strncmp(name, "/proc/", 6))
		name += 6;
	for (const struct proc_file *f = __proc_files_start; f < __proc_files_end; f++) {
		if (strcmp(f->name, name))
			continue;
		seq_init(&s, proc_buf, sizeof(proc_buf));
		f->show(&s);
		kputs(proc_buf);
		if (s.overflow)
			kprintf("[output cut at %u bytes]\n", (unsigned int)sizeof(proc_buf) - 1);
		return 0;
	}
	return -ENOENT;
}

static int cmd_cat(int argc, char **argv)
{
	if (argc != 2) {
		kputs("usage: cat /proc/<file>; files:");
		for (const struct proc_file *f = __proc_files_start; f < __proc_files_end; f++)
			kprintf(" /proc/%s", f->name);
		kputs("\n");
		return -EINVAL;
	}
	if (proc_show(argv[1]) < 0) {
		kprintf("cat: %s: No such file or directory\n", argv[1]);
		return -ENOENT;
	}
	return 0;
}
SHELL_CMD(cat, "cat", "/proc/<file>", "show a /proc file (no argument lists them)", cmd_cat);
