/*
 * printk and the pr_* helpers.  Messages carry a Linux-style level prefix
 * (KERN_ERR is "\0013", ...).  In the kernel the console prints those whose
 * level is below the console loglevel, with a "[    0.000000] " timestamp;
 * the host test build captures every message into a buffer the tests can
 * inspect.
 */
#ifndef PRINTK_H
#define PRINTK_H

#include <stdarg.h>
#include <stdio.h>	/* vsnprintf, snprintf: lib/vsprintf.c in the kernel, libc on the host */
#include <types.h>

#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
#define KERN_CONT	KERN_SOH "c"

#define LOGLEVEL_DEFAULT	7	/* console shows levels 0..6 by default */
#define MESSAGE_LOGLEVEL_DEFAULT	4	/* a message without a level is KERN_WARNING, as in Linux */
#define CONSOLE_LOGLEVEL_QUIET	4	/* `quiet`: levels 0..3 (errors and worse), as in Linux */
#define CONSOLE_LOGLEVEL_ALL	8	/* every level 0..7; higher settings act like this */

/* Print a message; returns the number of characters formatted. */
int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap);

/* Console loglevel: messages with level < this are shown (1..8). */
void console_set_loglevel(int level);
int console_get_loglevel(void);

#define pr_emerg(...)	printk(KERN_EMERG __VA_ARGS__)
#define pr_err(...)	printk(KERN_ERR __VA_ARGS__)
#define pr_warn(...)	printk(KERN_WARNING __VA_ARGS__)
#define pr_notice(...)	printk(KERN_NOTICE __VA_ARGS__)
#define pr_info(...)	printk(KERN_INFO __VA_ARGS__)
#define pr_debug(...)	printk(KERN_DEBUG __VA_ARGS__)
#define pr_cont(...)	printk(KERN_CONT __VA_ARGS__)

/*
 * Stop the kernel with "Kernel panic - not syncing: <reason>".  In QEMU the
 * board then powers off so the run ends; the host build aborts the test.
 */
void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

/* Kernel only: start showing messages on the board console; print the log. */
void console_enable(void);
void log_dump(void);

#endif
