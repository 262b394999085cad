/*
 * seq: appending formatted text to a fixed buffer without ever writing past
 * it.  Formatting is vsnprintf's (lib/vsprintf.c in the kernel, the C
 * library on the host); this file only keeps the bookkeeping.
 *
 * Invariant: len < size and buf[len] == '\0' whenever size > 0.
 */
#include <seq.h>
#include <stdio.h>

void seq_init(struct seq *s, char *buf, size_t size)
{
	s->buf = buf;
	s->size = buf ? size : 0;
	s->len = 0;
	s->overflow = false;
	if (s->size > 0)
		s->buf[0] = '\0';
}

void seq_vprintf(struct seq *s, const char *fmt, va_list ap)
{
	size_t room;
	int n;

	if (s->size == 0) {
		s->overflow = true;
		return;
	}
	room = s->size - s->len;	/* >= 1: there is always space for the NUL */
	n = vsnprintf(s->buf + s->len, room, fmt, ap);
	if (n < 0) {
		s->buf[s->len] = '\0';	/* formatting error: drop this piece */
		s->overflow = true;
		return;
	}
	if ((size_t)n >= room) {
		s->len = s->size - 1;	/* vsnprintf kept what fit */
		s->overflow = true;
		return;
	}
	s->len += (size_t)n;
}

void seq_printf(struct seq *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	seq_vprintf(s, fmt, ap);
	va_end(ap);
}

void seq_puts(struct seq *s, const char *str)
{
	seq_printf(s, "%s", str);
}
