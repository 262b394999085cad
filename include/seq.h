/*
 * seq: a bounded text buffer that /proc views and reports are written into,
 * so the same show function feeds the shell and the host tests.  Part of
 * lib/, so it needs only the compiler's headers.
 */
#ifndef SEQ_H
#define SEQ_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct seq {
	char *buf;
	size_t size;		/* capacity in bytes, including the final NUL */
	size_t len;		/* bytes written, excluding the NUL */
	bool overflow;		/* something did not fit */
};

void seq_init(struct seq *s, char *buf, size_t size);
/* Append formatted text; on overflow keeps what fits and sets s->overflow. */
void seq_printf(struct seq *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void seq_vprintf(struct seq *s, const char *fmt, va_list ap);
void seq_puts(struct seq *s, const char *str);

#endif
