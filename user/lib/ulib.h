/*
 * The small C library layer our user programs share (user/lib/ulib.c):
 * system-call wrappers that return -errno as the kernel does (no errno
 * variable), a few string helpers and a printf for %d %u %x %s %c.
 */
#ifndef USER_ULIB_H
#define USER_ULIB_H

#include <stddef.h>
#include "syscall.h"

/* The auxiliary vector types of Linux's include/uapi/linux/auxvec.h. */
#define AT_NULL		0
#define AT_PHDR		3
#define AT_PHENT	4
#define AT_PHNUM	5
#define AT_PAGESZ	6
#define AT_ENTRY	9
#define AT_HWCAP	16
#define AT_RANDOM	25

struct utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

/* What _start found on the initial stack (crt0.S, ulib.c). */
extern char **environ;
extern unsigned long *auxv;
unsigned long getauxval(unsigned long type);	/* 0 if absent */

long write(int fd, const void *buf, size_t len);
long getpid(void);
long sys_brk(void *addr);		/* the raw call: returns the new (or unchanged) break */
long uname(struct utsname *u);
void exit(int status) __attribute__((noreturn));

size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
