/*
 * The console's line editor (include/line_edit.h): cursor movement and
 * editing inside the line, history, Tab completion, and the escape
 * sequences terminals send for their keys.  Byte in, screen bytes out; the
 * shell owns the UART and runs the finished line.
 */
#include <line_edit.h>
#include <string.h>

#define CTRL(c)		((c) & 0x1f)
#define KEY_ESC		0x1b
#define KEY_DEL		0x7f	/* what most terminals send for Backspace */
#define LIST_WIDTH	78	/* a completion list wraps before this column */

static void put(struct line_edit *le, const char *s, size_t n)
{
	if (n)
		le->ops->write(le->ops->ctx, s, n);
}

static void put_str(struct line_edit *le, const char *s)
{
	put(le, s, strlen(s));
}

static void put_repeat(struct line_edit *le, char c, size_t n)
{
	while (n--)
		put(le, &c, 1);
}

/* Cursor moves: left is '\b'; right rewrites the characters it passes over. */
static void move_to(struct line_edit *le, size_t pos)
{
	if (pos < le->cur)
		put_repeat(le, '\b', le->cur - pos);
	else
		put(le, le->buf + le->cur, pos - le->cur);
	le->cur = pos;
}

/*
 * Redraw from the cursor to the end of the line, blank the `erased` cells
 * the line no longer covers, and bring the cursor back.
 */
static void redraw_tail(struct line_edit *le, size_t erased)
{
	size_t tail = le->len - le->cur;

	put(le, le->buf + le->cur, tail);
	put_repeat(le, ' ', erased);
	put_repeat(le, '\b', tail + erased);
}

static void insert(struct line_edit *le, const char *s, size_t n)
{
	if (n > LE_LINE_MAX - 1 - le->len)
		n = LE_LINE_MAX - 1 - le->len;
	if (!n)
		return;
	memmove(le->buf + le->cur + n, le->buf + le->cur, le->len - le->cur + 1);
	memcpy(le->buf + le->cur, s, n);
	le->len += n;
	put(le, le->buf + le->cur, n);
	le->cur += n;
	redraw_tail(le, 0);
}

/* Remove [from, to) of the line, the cursor ending at from. */
static void delete_range(struct line_edit *le, size_t from, size_t to)
{
	if (from >= to)
		return;
	move_to(le, from);
	memmove(le->buf + from, le->buf + to, le->len - to + 1);
	le->len -= to - from;
	redraw_tail(le, to - from);
}

/* Show another line in place of the current one, the cursor at its end. */
static void replace_line(struct line_edit *le, const char *line)
{
	size_t old = le->len;

	move_to(le, 0);
	le->len = strnlen(line, LE_LINE_MAX - 1);
	memcpy(le->buf, line, le->len);
	le->buf[le->len] = '\0';
	move_to(le, le->len);
	if (old > le->len) {
		put_repeat(le, ' ', old - le->len);
		put_repeat(le, '\b', old - le->len);
	}
}

/* Write the prompt and the whole line again, the cursor where it was. */
static void redraw_line(struct line_edit *le)
{
	size_t cur = le->cur;

	put_str(le, le->prompt);
	le->cur = 0;
	move_to(le, le->len);
	move_to(le, cur);
}

/* ---- history ---- */

static const char *hist_entry(struct line_edit *le, unsigned int k)
{
	return le->hist[(le->hist_head + LE_HISTORY - k) % LE_HISTORY];
}

static bool is_blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return !*s;
}

/* Keep a finished line, unless it is blank or repeats the one before it. */
static void hist_add(struct line_edit *le)
{
	if (is_blank(le->buf))
		return;
	if (le->hist_count && !strcmp(hist_entry(le, 1), le->buf))
		return;
	memcpy(le->hist[le->hist_head], le->buf, le->len + 1);
	le->hist_head = (le->hist_head + 1) % LE_HISTORY;
	if (le->hist_count < LE_HISTORY)
		le->hist_count++;
}

/* Up (older, step 1) or Down (newer, step -1); the typed line is kept as the draft. */
static void hist_move(struct line_edit *le, int step)
{
	unsigned int pos = le->hist_pos + (unsigned int)step;

	if (step < 0 && le->hist_pos == 0)
		return;
	if (pos > le->hist_count)
		return;
	if (le->hist_pos == 0)
		memcpy(le->draft, le->buf, le->len + 1);
	le->hist_pos = pos;
	replace_line(le, pos ? hist_entry(le, pos) : le->draft);
}

/* ---- Tab completion ---- */

static const char *kind_dir(enum le_kind kind)
{
	return kind == LE_COMPLETE_PROC ? "/proc/" : "";
}

/* dir + name into out (LE_LINE_MAX bytes), cut to fit. */
static size_t compose(enum le_kind kind, const char *name, char *out)
{
	const char *dir = kind_dir(kind);
	size_t d = strlen(dir), n = strnlen(name, LE_LINE_MAX - 1 - d);

	memcpy(out, dir, d);
	memcpy(out + d, name, n);
	out[d + n] = '\0';
	return d + n;
}

static bool completes(enum le_kind kind, const char *name, const char *word, size_t wlen)
{
	char full[LE_LINE_MAX];

	return compose(kind, name, full) >= wlen && !strncmp(full, word, wlen);
}

/* Start of the word the cursor ends, and what it is: false if Tab has nothing to offer. */
static bool completion_word(struct line_edit *le, size_t *start, enum le_kind *kind)
{
	size_t ws = le->cur, b = 0;

	while (ws && le->buf[ws - 1] != ' ')
		ws--;
	*start = ws;
	while (b < ws && le->buf[b] == ' ')
		b++;
	if (b == ws) {
		*kind = LE_COMPLETE_CMD;
		return true;
	}
	if (strncmp(le->buf + b, "cat ", 4))
		return false;
	for (b += 4; b < ws && le->buf[b] == ' '; b++)
		;
	*kind = LE_COMPLETE_PROC;
	return b == ws;
}

/* The matches in name order, on a new line, then the prompt and the line again. */
static void list_matches(struct line_edit *le, enum le_kind kind, const char *word, size_t wlen)
{
	const char *last = "", *name;
	size_t col = 0;

	put_str(le, "\n");
	for (;;) {
		const char *next = NULL;

		for (unsigned int i = 0; (name = le->ops->name(le->ops->ctx, kind, i)); i++)
			if (completes(kind, name, word, wlen) && strcmp(name, last) > 0 &&
			    (!next || strcmp(name, next) < 0))
				next = name;
		if (!next)
			break;
		if (col && col + 2 + strlen(next) > LIST_WIDTH) {
			put_str(le, "\n");
			col = 0;
		}
		if (col) {
			put_str(le, "  ");
			col += 2;
		}
		put_str(le, next);
		col += strlen(next);
		last = next;
	}
	put_str(le, "\n");
	redraw_line(le);
}

/*
 * One match: complete it and add a space.  Several: extend the word to
 * their common prefix, or list them when it is already that long.
 */
static void complete(struct line_edit *le)
{
	char common[LE_LINE_MAX], full[LE_LINE_MAX];
	size_t ws, wlen, clen = 0;
	unsigned int matches = 0;
	enum le_kind kind;
	const char *name;

	if (!completion_word(le, &ws, &kind))
		return;
	wlen = le->cur - ws;
	for (unsigned int i = 0; (name = le->ops->name(le->ops->ctx, kind, i)); i++) {
		size_t n = compose(kind, name, full), k = 0;

		if (n < wlen || strncmp(full, le->buf + ws, wlen))
			continue;
		if (!matches++) {
			memcpy(common, full, n + 1);
			clen = n;
		}
		while (k < clen && common[k] == full[k])
			k++;
		clen = k;
	}
	if (matches == 1) {
		insert(le, common + wlen, clen - wlen);
		insert(le, " ", 1);
	} else if (clen > wlen) {
		insert(le, common + wlen, clen - wlen);
	} else if (matches) {
		memcpy(full, le->buf + ws, wlen);
		list_matches(le, kind, full, wlen);
	}
}

/* ---- keys ---- */

enum le_key { KEY_UP, KEY_DOWN, KEY_RIGHT, KEY_LEFT, KEY_HOME, KEY_END, KEY_DELETE, KEY_NONE };

static void do_key(struct line_edit *le, enum le_key key)
{
	switch (key) {
	case KEY_UP:
		hist_move(le, 1);
		break;
	case KEY_DOWN:
		hist_move(le, -1);
		break;
	case KEY_RIGHT:
		if (le->cur < le->len)
			move_to(le, le->cur + 1);
		break;
	case KEY_LEFT:
		if (le->cur)
			move_to(le, le->cur - 1);
		break;
	case KEY_HOME:
		move_to(le, 0);
		break;
	case KEY_END:
		move_to(le, le->len);
		break;
	case KEY_DELETE:
		delete_range(le, le->cur, le->cur < le->len ? le->cur + 1 : le->cur);
		break;
	case KEY_NONE:
		break;
	}
}

/* ESC [ <letter> and ESC O <letter> (xterm's cursor keys, VT100 application mode). */
static enum le_key letter_key(int c)
{
	switch (c) {
	case 'A': return KEY_UP;
	case 'B': return KEY_DOWN;
	case 'C': return KEY_RIGHT;
	case 'D': return KEY_LEFT;
	case 'H': return KEY_HOME;
	case 'F': return KEY_END;
	default: return KEY_NONE;
	}
}

/* ESC [ <n> ~ (VT220 editing keys): 1 and 7 Home, 4 and 8 End, 3 Delete. */
static enum le_key tilde_key(const char *param)
{
	if (!strcmp(param, "1") || !strcmp(param, "7"))
		return KEY_HOME;
	if (!strcmp(param, "4") || !strcmp(param, "8"))
		return KEY_END;
	if (!strcmp(param, "3"))
		return KEY_DELETE;
	return KEY_NONE;
}

/*
 * A byte inside an escape sequence (ECMA-48 5.4: after ESC [ come parameter
 * bytes 0x30-0x3f, intermediates 0x20-0x2f, then one final byte 0x40-0x7e).
 * Returns true if the byte was swallowed; false if it ended the sequence
 * without belonging to it (a control byte) and must be handled as typed.
 */
static bool feed_esc(struct line_edit *le, int c)
{
	enum le_esc state = le->esc;

	le->esc = LE_ESC_NONE;
	if (state == LE_ESC_START) {
		if (c == '[' || c == 'O') {
			le->esc = c == '[' ? LE_ESC_CSI : LE_ESC_SS3;
			le->seq_len = 0;
			return true;
		}
		return c >= 0x20 && c <= 0x7e;	/* Alt+key: ESC then the key */
	}
	if (c < 0x20 || c > 0x7e)
		return false;
	if (state == LE_ESC_SS3) {
		do_key(le, letter_key(c));
	} else if (c < 0x40) {
		le->esc = LE_ESC_CSI;
		if (le->seq_len < LE_SEQ_MAX)
			le->seq[le->seq_len] = (char)c;
		le->seq_len++;	/* past LE_SEQ_MAX: too long to be a key we know */
	} else {
		if (le->seq_len > LE_SEQ_MAX)
			return true;
		le->seq[le->seq_len] = '\0';
		do_key(le, c == '~' ? tilde_key(le->seq) : letter_key(c));
	}
	return true;
}

/* Ctrl-W: the blanks before the cursor, then the word before them. */
static void kill_word(struct line_edit *le)
{
	size_t start = le->cur;

	while (start && le->buf[start - 1] == ' ')
		start--;
	while (start && le->buf[start - 1] != ' ')
		start--;
	delete_range(le, start, le->cur);
}

/* The control keys of Emacs and readline, as U-Boot's and lk's consoles read them. */
static enum le_result control_key(struct line_edit *le, int c)
{
	switch (c) {
	case CTRL('A'): do_key(le, KEY_HOME); break;
	case CTRL('E'): do_key(le, KEY_END); break;
	case CTRL('B'): do_key(le, KEY_LEFT); break;
	case CTRL('F'): do_key(le, KEY_RIGHT); break;
	case CTRL('P'): do_key(le, KEY_UP); break;
	case CTRL('N'): do_key(le, KEY_DOWN); break;
	case CTRL('D'): do_key(le, KEY_DELETE); break;
	case CTRL('K'): delete_range(le, le->cur, le->len); break;
	case CTRL('U'): delete_range(le, 0, le->cur); break;
	case CTRL('W'): kill_word(le); break;
	case CTRL('I'): complete(le); break;
	case CTRL('L'):
		put_str(le, "\x1b[H\x1b[2J");
		redraw_line(le);
		break;
	case CTRL('C'):
		move_to(le, le->len);
		put_str(le, "^C\n");
		le_reset_line(le);
		return LE_CANCEL;
	case CTRL('H'):
	case KEY_DEL:
		if (le->cur)
			delete_range(le, le->cur - 1, le->cur);
		break;
	case KEY_ESC:
		le->esc = LE_ESC_START;
		break;
	}
	return LE_MORE;
}

enum le_result le_feed(struct line_edit *le, int c)
{
	bool after_cr = le->last_cr;

	if (le->esc != LE_ESC_NONE && feed_esc(le, c))
		return LE_MORE;
	le->last_cr = c == '\r';
	if (c == '\n' && after_cr)
		return LE_MORE;	/* the LF of a CR LF: Enter was already taken */
	if (c == '\r' || c == '\n') {
		move_to(le, le->len);	/* the newline must not cut the line on the screen */
		put_str(le, "\n");
		hist_add(le);
		le->hist_pos = 0;
		return LE_DONE;
	}
	if (c >= 0x20 && c < 0x7f) {
		char ch = (char)c;

		insert(le, &ch, 1);
		return LE_MORE;
	}
	return control_key(le, c);
}

void le_reset_line(struct line_edit *le)
{
	le->len = 0;
	le->cur = 0;
	le->buf[0] = '\0';
	le->hist_pos = 0;
}

void le_init(struct line_edit *le, const char *prompt, const struct le_ops *ops)
{
	memset(le, 0, sizeof(*le));
	le->prompt = prompt;
	le->ops = ops;
}
