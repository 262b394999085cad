/*
 * Freestanding <stdio.h> for the kernel build: only the formatting into a
 * buffer that lib/vsprintf.c implements (include/libc is on the kernel's
 * include path only; the host test build uses its C library's).  The
 * conversions are the standard C ones (d i u o x X c s p %, the flags
 * - 0 + space #, width and precision, hh h l ll z t), so that both builds
 * format alike.  There is no FILE here: printk (include/printk.h) is the
 * kernel's output.
 */
#ifndef LIBC_STDIO_H
#define LIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
