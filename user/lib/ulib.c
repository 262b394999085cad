/* The user C library layer: see ulib.h. */
#include <stdarg.h>
#include "ulib.h"

char **environ;
unsigned long *auxv;

int main(int argc, char **argv, char **envp);
void __libc_start(long *sp) __attribute__((noreturn, used));

void __libc_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **p = argv + argc + 1;

	environ = p;
	while (*p)
		p++;
	auxv = (unsigned long *)(p + 1);
	exit(main(argc, argv, environ));
}

unsigned long getauxval(unsigned long type)
{
	for (unsigned long *a = auxv; a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	return 0;
}

long write(int fd, const void *buf, size_t len) { return syscall3(__NR_write, fd, (long)buf, (long)len); }
long getpid(void) { return syscall0(__NR_getpid); }
long sys_brk(void *addr) { return syscall1(__NR_brk, addr); }
long uname(struct utsname *u) { return syscall1(__NR_uname, u); }

void exit(int status)
{
	for (;;)
		syscall1(__NR_exit_group, status);
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

void *memset(void *d, int c, size_t n)
{
	unsigned char *p = d;

	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *p = d;
	const unsigned char *q = s;

	while (n--)
		*p++ = *q++;
	return d;
}

/* printf's output buffer: flushed when full and at the end of each call. */
struct out {
	char buf[128];
	size_t n;
};

static void out_char(struct out *o, char c)
{
	if (o->n == sizeof(o->buf)) {
		write(1, o->buf, o->n);
		o->n = 0;
	}
	o->buf[o->n++] = c;
}

static void out_num(struct out *o, unsigned long v, unsigned int base, int width)
{
	char digits[12];
	int n = 0;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (width-- > n)
		out_char(o, '0');
	while (n)
		out_char(o, digits[--n]);
}

static void out_conv(struct out *o, char conv, int width, va_list *ap)
{
	switch (conv) {
	case 'd': {
		long v = va_arg(*ap, int);

		if (v < 0) {
			out_char(o, '-');
			v = -v;
		}
		out_num(o, (unsigned long)v, 10, width);
		break;
	}
	case 'u': out_num(o, va_arg(*ap, unsigned int), 10, width); break;
	case 'x': out_num(o, va_arg(*ap, unsigned int), 16, width); break;
	case 'c': out_char(o, (char)va_arg(*ap, int)); break;
	case 's':
		for (const char *s = va_arg(*ap, const char *); *s; s++)
			out_char(o, *s);
		break;
	default: out_char(o, '%'); out_char(o, conv); break;
	}
}

int printf(const char *fmt, ...)
{
	struct out o = { .n = 0 };
	va_list ap;

	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		int width = 0;

		if (*fmt != '%') {
			out_char(&o, *fmt);
			continue;
		}
		while (fmt[1] >= '0' && fmt[1] <= '9')
			width = width * 10 + (*++fmt - '0');
		if (!fmt[1])
			break;
		out_conv(&o, *++fmt, width, &ap);
	}
	va_end(ap);
	write(1, o.buf, o.n);
	return 0;
}
