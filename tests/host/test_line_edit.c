/*
 * The console's line editor on the host: tables of key sequences, each with
 * the line it must leave, the bytes it must write, or what a terminal shows
 * afterwards.  The terminal is modelled here, independently of the editor:
 * printable bytes overwrite the cell under the cursor, '\b' moves left,
 * '\n' starts the next row (the console sends CR LF), ESC [ H ESC [ 2 J
 * clears the screen.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <line_edit.h>

#define PROMPT	"vxmm# "
#define ESC	"\x1b"
#define UP	ESC "[A"
#define DOWN	ESC "[B"
#define RIGHT	ESC "[C"
#define LEFT	ESC "[D"
#define CTRL_A	"\x01"
#define CTRL_C	"\x03"
#define CTRL_E	"\x05"
#define CTRL_K	"\x0b"
#define CTRL_L	"\x0c"
#define CTRL_U	"\x15"
#define CTRL_W	"\x17"
#define BS	"\x7f"

/* ---- the terminal ---- */

#define ROWS	16
#define COLS	300	/* wider than the longest line: no wrapping */

static char screen[ROWS][COLS + 1];
static unsigned int row, col;
static char out[16384];		/* every byte the editor wrote since the last reset */
static size_t out_len;

static void screen_clear(void)
{
	memset(screen, ' ', sizeof(screen));
	for (unsigned int r = 0; r < ROWS; r++)
		screen[r][COLS] = '\0';
	row = col = 0;
}

static void screen_put(char c)
{
	if (c == '\n') {
		if (row + 1 == ROWS) {	/* scroll */
			memmove(screen[0], screen[1], sizeof(screen[0]) * (ROWS - 1));
			memset(screen[ROWS - 1], ' ', COLS);
		} else {
			row++;
		}
		col = 0;
	} else if (c == '\b') {
		assert_true(col > 0);	/* '\b' must never try to leave the row */
		col--;
	} else {
		assert_true(c >= 0x20 && c < 0x7f);
		assert_true(col < COLS);
		screen[row][col++] = c;
	}
}

static void term_write(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	assert_true(out_len + n < sizeof(out));
	memcpy(out + out_len, s, n);
	out_len += n;
	out[out_len] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (!strncmp(s + i, ESC "[H" ESC "[2J", 7)) {
			screen_clear();
			i += 6;
			continue;
		}
		screen_put(s[i]);
	}
}

/* Row r as text, trailing blanks cut. */
static const char *screen_row(unsigned int r)
{
	static char text[COLS + 1];
	size_t n = COLS;

	memcpy(text, screen[r], COLS + 1);
	while (n && text[n - 1] == ' ')
		n--;
	text[n] = '\0';
	return text;
}

/* ---- what Tab completes from: deliberately not in name order ---- */

static const char *const cmds[] = {
	"meminfo-check", "help", "kmap", "memblock", "cat", "kmalloc", "kunmap", "kfree",
	"highmem-test", "alloc", "vmalloc-test", "vmalloc", "poweroff", NULL,
};
static const char *const procs[] = {
	"zoneinfo", "buddyinfo", "meminfo", "memblock", "slabinfo", "pkmap", NULL,
};

static const char *names(void *ctx, enum le_kind kind, unsigned int i)
{
	(void)ctx;
	return kind == LE_COMPLETE_CMD ? cmds[i] : procs[i];
}

static const struct le_ops ops = { .write = term_write, .name = names };
static struct line_edit le;
static unsigned int done, cancelled;	/* LE_DONE and LE_CANCEL results seen */
static int table_row = -1;		/* the table row under test, named on failure */

/* A new editor (no history), a clear screen showing the prompt. */
static int setup(void **state)
{
	(void)state;
	le_init(&le, PROMPT, &ops);
	screen_clear();
	term_write(NULL, PROMPT, strlen(PROMPT));
	out_len = 0;
	done = cancelled = 0;
	table_row = -1;
	return 0;
}

static void type(const char *keys)
{
	for (; *keys; keys++) {
		enum le_result r = le_feed(&le, (unsigned char)*keys);

		done += r == LE_DONE;
		cancelled += r == LE_CANCEL;
	}
}

/* Enter a whole line, as the shell does: then a fresh prompt and an empty line. */
static void enter(const char *line)
{
	type(line);
	type("\r");
	le_reset_line(&le);
	term_write(NULL, PROMPT, strlen(PROMPT));
}

/* The line is `line`, the terminal's last row shows the prompt and it, cursor at cursor. */
static void expect_shown(const char *line, size_t cursor)
{
	char want[COLS + 1];

	assert_string_equal(le.buf, line);
	assert_int_equal(le.len, strlen(line));
	assert_int_equal(le.cur, cursor);
	snprintf(want, sizeof(want), "%s%s", PROMPT, line);
	while (want[strlen(want) - 1] == ' ')
		want[strlen(want) - 1] = '\0';	/* blanks at the end are invisible */
	if (table_row >= 0 && (strcmp(le.buf, line) || le.cur != cursor || strcmp(screen_row(row), want)))
		print_message("# table row %d: line \"%s\" cursor %zu, screen \"%s\" column %u\n",
			      table_row, le.buf, le.cur, screen_row(row), col);
	assert_string_equal(screen_row(row), want);
	assert_int_equal(col, strlen(PROMPT) + cursor);
}

/* ---- editing: key sequence -> line, cursor, and screen ---- */

struct edit_case {
	const char *keys;
	const char *line;
	size_t cursor;
};

static const struct edit_case edits[] = {
	{ "helo" LEFT LEFT "l", "hello", 3 },
	{ "helo" ESC "OD" ESC "OD" "l", "hello", 3 },			/* application-mode cursor keys */
	{ "hlo" LEFT LEFT "e" RIGHT "l", "hello", 4 },
	{ "ab" LEFT LEFT LEFT LEFT "x" RIGHT RIGHT RIGHT RIGHT, "xab", 3 },	/* stops at both ends */
	{ "bc" ESC "[H" "a", "abc", 1 },
	{ "bc" ESC "[1~" "a", "abc", 1 },
	{ "bc" ESC "OH" "a", "abc", 1 },
	{ "bc" CTRL_A "a", "abc", 1 },
	{ "ab" CTRL_A ESC "[F" "c", "abc", 3 },
	{ "ab" CTRL_A ESC "[4~" "c", "abc", 3 },
	{ "ab" CTRL_A CTRL_E "c", "abc", 3 },
	{ "abc" CTRL_A ESC "[3~", "bc", 0 },				/* Delete under the cursor */
	{ "abc" ESC "[3~", "abc", 3 },					/* Delete at the end: nothing */
	{ "abcd" LEFT LEFT BS, "acd", 1 },				/* Backspace before the cursor */
	{ "abcd" LEFT LEFT "\b", "acd", 1 },
	{ "ab" CTRL_A BS, "ab", 0 },
	{ "hello world" LEFT LEFT LEFT LEFT LEFT CTRL_U, "world", 0 },
	{ "hello world" CTRL_U, "", 0 },
	{ "hello world" LEFT LEFT LEFT LEFT LEFT CTRL_K, "hello ", 6 },
	{ "cat /proc/meminfo" CTRL_W, "cat ", 4 },
	{ "foo bar  " CTRL_W, "foo ", 4 },
	{ "foo bar" LEFT LEFT LEFT CTRL_W, "bar", 0 },
	{ "ab" ESC "[5~" ESC "[24~" ESC "[Z" ESC "OP" ESC "x" "c", "abc", 3 },	/* unknown keys: nothing */
	{ "ab" ESC "[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18~" "c", "abc", 3 },	/* too long */
	{ "ab" ESC "[" BS, "a", 1 },		/* a control byte ends the sequence and acts */
	{ "a\xc3\xa9" "b\x07", "ab", 2 },	/* neither UTF-8 nor bells are inserted */
};

static void test_edit_table(void **state)
{
	for (size_t i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		setup(state);
		table_row = (int)i;
		type(edits[i].keys);
		expect_shown(edits[i].line, edits[i].cursor);
		assert_int_equal(done + cancelled, 0);
	}
}

/*
 * Piped input sees exactly what it did before the editor: typing echoes the
 * typed bytes, Backspace at the end is "\b \b", Enter is a newline, and a
 * CR LF pair is one Enter while a lone LF is one too.
 */
static void test_plain_typing_echo(void **state)
{
	(void)state;
	type("memblock");
	assert_string_equal(out, "memblock");
	type("x" BS);
	assert_string_equal(out, "memblockx\b \b");
	type("\r\n");
	assert_string_equal(out, "memblockx\b \b\n");
	assert_string_equal(le.buf, "memblock");
	assert_int_equal(done, 1);
	le_reset_line(&le);
	type("help\n\n");
	assert_int_equal(done, 3);	/* "help", then an empty line */
	le_reset_line(&le);
	type("a\r");
	type("\n");			/* the LF of that CR LF, in a later read */
	assert_int_equal(done, 4);
}

/* Insertion in the middle rewrites the tail and steps back over it, nothing else. */
static void test_insert_redraw_bytes(void **state)
{
	(void)state;
	type("helo" LEFT LEFT "l");
	assert_string_equal(out, "helo" "\b\b" "l" "lo\b\b");
	out_len = 0;
	type(BS);
	assert_string_equal(out, "\b" "lo" " " "\b\b\b");
}

/* Enter or Ctrl-C in the middle of a line first moves past its end, so the screen keeps it whole. */
static void test_enter_in_the_middle(void **state)
{
	(void)state;
	type("help" LEFT LEFT "\r");
	assert_int_equal(done, 1);
	assert_string_equal(le.buf, "help");
	assert_string_equal(out, "help\b\blp\n");
	assert_string_equal(screen_row(row - 1), PROMPT "help");

	setup(state);
	type("help" CTRL_A CTRL_C);
	assert_string_equal(out, "help\b\b\b\bhelp^C\n");
}

/* A line is at most LE_LINE_MAX - 1 bytes; more is not echoed. */
static void test_full_line(void **state)
{
	char keys[LE_LINE_MAX + 40];

	(void)state;
	memset(keys, 'x', sizeof(keys) - 1);
	keys[sizeof(keys) - 1] = '\0';
	type(keys);
	assert_int_equal(le.len, LE_LINE_MAX - 1);
	assert_int_equal(out_len, LE_LINE_MAX - 1);
	type(CTRL_A "y");
	assert_int_equal(le.len, LE_LINE_MAX - 1);
	assert_int_equal(le.buf[0], 'x');
}

static void test_ctrl_c(void **state)
{
	(void)state;
	type("abc" CTRL_C);
	assert_int_equal(cancelled, 1);
	assert_int_equal(done, 0);
	assert_string_equal(out, "abc^C\n");
	assert_string_equal(le.buf, "");
	type(UP);
	assert_string_equal(le.buf, "");	/* an abandoned line is not history */
}

static void test_ctrl_l(void **state)
{
	(void)state;
	type("meminfo" LEFT LEFT CTRL_L);
	assert_int_equal(row, 0);
	expect_shown("meminfo", 5);
}

/* ---- history ---- */

static void test_history_walk(void **state)
{
	(void)state;
	enter("one");
	enter("two");
	enter("three");
	type("par");
	type(UP);
	expect_shown("three", 5);
	type(UP);
	expect_shown("two", 3);		/* the shorter line leaves no trace of the longer one */
	type(ESC "OA");
	expect_shown("one", 3);
	type(UP);
	expect_shown("one", 3);		/* nothing older */
	type(DOWN);
	expect_shown("two", 3);
	type(DOWN "\x0e");		/* Ctrl-N is Down */
	expect_shown("par", 3);		/* back to what was being typed */
	type(DOWN);
	expect_shown("par", 3);
	type("\x10");			/* Ctrl-P is Up */
	expect_shown("three", 5);
}

/* Blank lines and repeats of the line before are not kept. */
static void test_history_filters(void **state)
{
	(void)state;
	enter("a");
	enter("a");
	enter("");
	enter("   ");
	enter("b");
	enter("a");
	type(UP);
	expect_shown("a", 1);
	type(UP);
	expect_shown("b", 1);
	type(UP);
	expect_shown("a", 1);
	type(UP);
	expect_shown("a", 1);		/* the oldest */
	type(DOWN);
	expect_shown("b", 1);		/* the second "a" was not kept */
}

/* 20 lines c0..c19: the k-th Up shows c(20 - k) for k = 1..16, then stays at c4. */
static void test_history_depth(void **state)
{
	char line[16], want[16];

	(void)state;
	for (unsigned int i = 0; i < 20; i++) {
		snprintf(line, sizeof(line), "c%u", i);
		enter(line);
	}
	for (int k = 1; k <= 18; k++) {
		type(UP);
		snprintf(want, sizeof(want), "c%d", k <= 16 ? 20 - k : 20 - 16);
		expect_shown(want, strlen(want));
	}
}

/* A recalled line is edited like a typed one; the history keeps the original. */
static void test_history_edit(void **state)
{
	(void)state;
	enter("cat /proc/zoneinfo");
	type(UP CTRL_W "/proc/buddyinfo");
	expect_shown("cat /proc/buddyinfo", 19);
	type(CTRL_A RIGHT RIGHT RIGHT "x");
	expect_shown("catx /proc/buddyinfo", 4);
	type(BS "\r");
	assert_string_equal(le.buf, "cat /proc/buddyinfo");
	le_reset_line(&le);
	term_write(NULL, PROMPT, strlen(PROMPT));
	type(UP);
	expect_shown("cat /proc/buddyinfo", 19);
	type(UP);
	expect_shown("cat /proc/zoneinfo", 18);
}

/* ---- Tab completion ---- */

struct tab_case {
	const char *keys;
	const char *line;	/* the line afterwards, cursor at its end */
};

static const struct tab_case tabs[] = {
	{ "he\t", "help " },
	{ "  he\t", "  help " },
	{ "hel\tx", "help x" },
	{ "pow\t", "poweroff " },
	{ "km\t", "kma" },			/* kmalloc, kmap: their common prefix */
	{ "kmap\t", "kmap " },			/* kmap is whole, but no other name starts so */
	{ "cat /proc/bu\t", "cat /proc/buddyinfo " },
	{ "cat    /proc/z\t", "cat    /proc/zoneinfo " },
	{ "cat /pr\t", "cat /proc/" },		/* every file: the common prefix is the folder */
	{ "cat /proc/me\t", "cat /proc/mem" },
	{ "cat /proc/memi\t", "cat /proc/meminfo " },
	{ "cat /proc/meminfo /proc/b\t", "cat /proc/meminfo /proc/b" },	/* cat takes one file */
	{ "kmalloc 12\t", "kmalloc 12" },	/* arguments are not completed */
	{ "zz\t", "zz" },			/* no match */
	{ "vmalloc\t", "vmalloc" },		/* vmalloc, vmalloc-test: listed (below) */
};

static void test_tab_table(void **state)
{
	for (size_t i = 0; i < sizeof(tabs) / sizeof(tabs[0]); i++) {
		setup(state);
		table_row = (int)i;
		type(tabs[i].keys);
		expect_shown(tabs[i].line, strlen(tabs[i].line));
	}
}

/* Several matches and no longer common prefix: listed in name order, then the prompt and line again. */
static void test_tab_lists(void **state)
{
	(void)state;
	type("mem\t");
	assert_string_equal(out, "mem\nmemblock  meminfo-check\n" PROMPT "mem");
	expect_shown("mem", 3);

	setup(state);
	type("cat /proc/mem\t");
	assert_string_equal(screen_row(1), "memblock  meminfo");
	expect_shown("cat /proc/mem", 13);

	setup(state);
	type("cat /proc/mem" LEFT "\t");	/* the word ends at the cursor: "/proc/me" */
	expect_shown("cat /proc/memm", 13);

	setup(state);
	type("k\t");
	assert_string_equal(screen_row(1), "kfree  kmalloc  kmap  kunmap");
}

/* Tab on an empty line lists every command, wrapped before column 78. */
static void test_tab_lists_all_wrapped(void **state)
{
	(void)state;
	type("\t");
	assert_string_equal(screen_row(1), "alloc  cat  help  highmem-test  kfree  kmalloc  kmap  kunmap  memblock");
	assert_string_equal(screen_row(2), "meminfo-check  poweroff  vmalloc  vmalloc-test");
	expect_shown("", 0);
	assert_int_equal(row, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_edit_table, setup),
		cmocka_unit_test_setup(test_plain_typing_echo, setup),
		cmocka_unit_test_setup(test_insert_redraw_bytes, setup),
		cmocka_unit_test_setup(test_enter_in_the_middle, setup),
		cmocka_unit_test_setup(test_full_line, setup),
		cmocka_unit_test_setup(test_ctrl_c, setup),
		cmocka_unit_test_setup(test_ctrl_l, setup),
		cmocka_unit_test_setup(test_history_walk, setup),
		cmocka_unit_test_setup(test_history_filters, setup),
		cmocka_unit_test_setup(test_history_depth, setup),
		cmocka_unit_test_setup(test_history_edit, setup),
		cmocka_unit_test_setup(test_tab_table, setup),
		cmocka_unit_test_setup(test_tab_lists, setup),
		cmocka_unit_test_setup(test_tab_lists_all_wrapped, setup),
	};

	return cmocka_run_group_tests_name("line_edit", tests, NULL, NULL);
}
