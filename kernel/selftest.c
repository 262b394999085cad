/*
 * The self-test runner behind the `selftest` boot argument: runs every
 * KTEST in link order (or those whose name starts with a filter), prints
 * KTAP version 1 and powers the board off, so a host harness can read the
 * result from the serial console.
 */
#include <board.h>
#include <printk.h>
#include <selftest.h>
#include <shell.h>
#include <string.h>

extern const struct ktest __ktests_start[], __ktests_end[];

int ktest_failed;

void ktest_fail(const char *file, int line, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	kprintf("    # %s:%d: %s\n", file, line, msg);
	ktest_failed = 1;
}

static bool selected(const struct ktest *t, const char *filter)
{
	return !filter || !*filter || !strncmp(t->name, filter, strlen(filter));
}

void selftest_run(const char *filter)
{
	unsigned int total = 0, pass = 0, fail = 0, n = 0;

	for (const struct ktest *t = __ktests_start; t < __ktests_end; t++)
		total += selected(t, filter);
	kputs("KTAP version 1\n");
	kprintf("1..%u\n", total);
	for (const struct ktest *t = __ktests_start; t < __ktests_end; t++) {
		int ret;

		if (!selected(t, filter))
			continue;
		ktest_failed = 0;
		ret = t->fn();
		if (ret || ktest_failed) {
			fail++;
			kprintf("not ok %u %s\n", ++n, t->name);
		} else {
			pass++;
			kprintf("ok %u %s\n", ++n, t->name);
		}
	}
	kprintf("# Totals: pass:%u fail:%u xfail:0 xpass:0 skip:0 error:0\n", pass, fail);
	board.poweroff();
}
