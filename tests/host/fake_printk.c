/*
 * Host stand-ins for the kernel's console output: printk, vprintk, kprintf,
 * kputs and panic.  Everything printed is appended to one growing buffer,
 * level prefixes stripped, for the tests to search (host.h).  Set
 * HOST_LOG_ECHO=1 in the environment to also see it on stderr.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <printk.h>
#include <shell.h>
#include "host.h"

static char *log_buf;
static size_t log_len, log_cap;
static int console_loglevel = LOGLEVEL_DEFAULT;

jmp_buf *host_panic_jmp;
char host_panic_msg[256];

static void log_append(const char *text, size_t n)
{
	if (log_len + n + 1 > log_cap) {
		size_t cap = log_cap ? log_cap : 4096;

		while (log_len + n + 1 > cap)
			cap *= 2;
		log_buf = realloc(log_buf, cap);
		if (!log_buf) {
			fprintf(stderr, "fake_printk: out of host memory\n");
			abort();
		}
		log_cap = cap;
	}
	memcpy(log_buf + log_len, text, n);
	log_len += n;
	log_buf[log_len] = '\0';
	if (getenv("HOST_LOG_ECHO"))
		fwrite(text, 1, n, stderr);
}

static int log_vprintf(const char *fmt, va_list ap)
{
	char line[4096];
	const char *text = line;
	int n = vsnprintf(line, sizeof(line), fmt, ap);

	if (n < 0)
		return n;
	/* Strip "\001<level>" prefixes (there may be one; KERN_CONT is one too). */
	while (text[0] == KERN_SOH[0] && text[1] != '\0')
		text += 2;
	log_append(text, strlen(text));
	return n;
}

int vprintk(const char *fmt, va_list ap)
{
	return log_vprintf(fmt, ap);
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = log_vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = log_vprintf(fmt, ap);
	va_end(ap);
	return n;
}

void kputs(const char *s)
{
	log_append(s, strlen(s));
}

void console_set_loglevel(int level)
{
	console_loglevel = level;
}

int console_get_loglevel(void)
{
	return console_loglevel;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(host_panic_msg, sizeof(host_panic_msg), fmt, ap);
	va_end(ap);
	log_append("Kernel panic - not syncing: ", 28);
	log_append(host_panic_msg, strlen(host_panic_msg));
	log_append("\n", 1);
	if (host_panic_jmp)
		longjmp(*host_panic_jmp, 1);
	fail_msg("unexpected panic: %s\n--- log ---\n%s", host_panic_msg, host_log());
	abort();	/* fail_msg does not return; this tells the compiler so */
}

const char *host_log(void)
{
	return log_buf ? log_buf : "";
}

void host_log_clear(void)
{
	log_len = 0;
	if (log_buf)
		log_buf[0] = '\0';
}

bool host_log_contains(const char *needle)
{
	return strstr(host_log(), needle) != NULL;
}

unsigned int host_log_count(const char *needle)
{
	const char *p = host_log();
	unsigned int n = 0;
	size_t len = strlen(needle);

	if (len == 0)
		return 0;
	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p += len;
	}
	return n;
}

unsigned int host_log_lines(void)
{
	return host_log_count("\n");
}

void host_log_expect_(const char *file, int line, ...)
{
	const char *p = host_log();
	unsigned int want = 0, got = host_log_lines(), i = 0;
	const char *needle;
	va_list ap;

	va_start(ap, line);
	while (va_arg(ap, const char *))
		want++;
	va_end(ap);

	va_start(ap, line);
	while ((needle = va_arg(ap, const char *)) != NULL) {
		const char *eol = strchr(p, '\n');
		const char *hit = strstr(p, needle);

		i++;
		if (!eol || !hit || hit > eol) {
			va_end(ap);
			fail_msg("%s:%d: log line %u should contain \"%s\"\n--- log (%u lines, %u expected) ---\n%s",
				 file, line, i, needle, got, want, host_log());
		}
		p = eol + 1;
	}
	va_end(ap);
	if (got != want)
		fail_msg("%s:%d: log has %u lines, %u expected\n--- log ---\n%s",
			 file, line, got, want, host_log());
}
