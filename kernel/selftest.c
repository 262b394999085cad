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
/* Whether, and why, the running test skipped itself. */
static bool skipped;
static char skip_reason[100];

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

int ktest_skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(skip_reason, sizeof(skip_reason), fmt, ap);
	va_end(ap);
	skipped = true;
	return 0;
}

static bool selected(const struct ktest *t, const char *filter)
{
	return !filter || !*filter || !strncmp(t->name, filter, strlen(filter));
}

enum ktest_result { KTEST_PASS, KTEST_FAIL, KTEST_SKIP, KTEST_RESULTS };

/*
 * One test's KTAP line: a failure wins over a skip; a skip is "ok" with the
 * "# SKIP" directive, as KTAP version 1 writes it.
 */
static enum ktest_result run_one(const struct ktest *t, unsigned int n)
{
	int ret;

	ktest_failed = 0;
	skipped = false;
	ret = t->fn();
	if (ret || ktest_failed) {
		kprintf("not ok %u %s\n", n, t->name);
		return KTEST_FAIL;
	}
	if (skipped) {
		kprintf("ok %u %s # SKIP %s\n", n, t->name, skip_reason);
		return KTEST_SKIP;
	}
	kprintf("ok %u %s\n", n, t->name);
	return KTEST_PASS;
}

void selftest_run(const char *filter)
{
	unsigned int total = 0, count[KTEST_RESULTS] = { 0 }, n = 0;

	for (const struct ktest *t = __ktests_start; t < __ktests_end; t++)
		total += selected(t, filter);
	kputs("KTAP version 1\n");
	kprintf("1..%u\n", total);
	for (const struct ktest *t = __ktests_start; t < __ktests_end; t++) {
		if (selected(t, filter))
			count[run_one(t, ++n)]++;
	}
	kprintf("# Totals: pass:%u fail:%u xfail:0 xpass:0 skip:%u error:0\n",
		count[KTEST_PASS], count[KTEST_FAIL], count[KTEST_SKIP]);
	board.poweroff();
}
