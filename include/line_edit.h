/*
 * The console's line editor: a state machine fed one input byte at a time,
 * writing what the terminal must show through a callback and saying when a
 * line is complete.  It knows nothing of the board, so the host tests drive
 * it with byte tables; kernel/shell.c wires it to the UART.
 *
 * Output uses only printable characters, '\b' (cursor left, as every
 * terminal does) and '\n' (the console turns it into CR LF): typing at the
 * end of the line echoes exactly the typed bytes, as piped input expects.
 * Ctrl-L alone writes ESC [ H ESC [ 2 J (ECMA-48 CUP and ED) to clear the screen.
 */
#ifndef LINE_EDIT_H
#define LINE_EDIT_H

#include <types.h>

#define LE_LINE_MAX	256	/* bytes of a line, with its terminating NUL */
#define LE_HISTORY	16	/* lines kept for Up/Down */
#define LE_SEQ_MAX	16	/* parameter bytes of an escape sequence kept */

/* What Tab completes: the first word, or the word after `cat `. */
enum le_kind {
	LE_COMPLETE_CMD,
	LE_COMPLETE_PROC,	/* names without "/proc/"; the editor adds it */
};

struct le_ops {
	void (*write)(void *ctx, const char *s, size_t n);
	/* The i-th name of a kind (any order), or NULL after the last one. */
	const char *(*name)(void *ctx, enum le_kind kind, unsigned int i);
	void *ctx;
};

/* Escape-sequence parser state: plain bytes, after ESC, inside ESC [ or ESC O. */
enum le_esc {
	LE_ESC_NONE,
	LE_ESC_START,
	LE_ESC_CSI,
	LE_ESC_SS3,
};

struct line_edit {
	const struct le_ops *ops;
	const char *prompt;
	char buf[LE_LINE_MAX];	/* the line, NUL-terminated */
	size_t len;		/* bytes in buf */
	size_t cur;		/* cursor: 0..len */
	enum le_esc esc;
	char seq[LE_SEQ_MAX + 1];	/* CSI parameter bytes seen so far */
	size_t seq_len;
	bool last_cr;		/* the last byte was CR: a following LF is the same Enter */
	/* History: hist[(hist_head - k) % LE_HISTORY] is the k-th most recent line, k >= 1. */
	char hist[LE_HISTORY][LE_LINE_MAX];
	unsigned int hist_head;		/* next slot to write */
	unsigned int hist_count;	/* lines held, at most LE_HISTORY */
	unsigned int hist_pos;		/* 0: the line being typed; k: k-th most recent shown */
	char draft[LE_LINE_MAX];	/* the line being typed while history is shown */
};

/* What one byte did. */
enum le_result {
	LE_MORE,	/* the line is not finished */
	LE_DONE,	/* Enter: the line is in le->buf (and history) */
	LE_CANCEL,	/* Ctrl-C: the line was abandoned, le->buf is empty */
};

/* Set up an editor with no history; prompt is redrawn after a completion list. */
void le_init(struct line_edit *le, const char *prompt, const struct le_ops *ops);

/* Start a new, empty line (after LE_DONE or LE_CANCEL); the caller prints the prompt. */
void le_reset_line(struct line_edit *le);

/* Feed one input byte; writes its echo or redraw through ops->write. */
enum le_result le_feed(struct line_edit *le, int c);

#endif
