/*
 * In-kernel self-tests.  KTEST() registers a test; the `selftest` boot
 * argument (or `selftest=<name>`) runs them in link order, prints KTAP and
 * powers off.  A test returns 0 on pass; KT_EXPECT prints a diagnostic line
 * ("# file:line: ...") and marks the test failed without stopping it.  A
 * test that cannot run here ends with `return ktest_skip("why");`, which
 * KTAP reports as "ok <n> <name> # SKIP why" and counts under skip:.
 */
#ifndef SELFTEST_H
#define SELFTEST_H

#include <types.h>

struct ktest {
	const char *name;
	int (*fn)(void);
};

#define KTEST(id, fn_)								\
	static const struct ktest __ktest_##id					\
	__attribute__((used, section(".ktests"), aligned(4))) =		\
		{ .name = #id, .fn = fn_ }

void ktest_fail(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
extern int ktest_failed;
/* Mark the running test skipped, for the reason given; returns 0. */
int ktest_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define KT_EXPECT(cond, ...)							\
	do {									\
		if (!(cond))							\
			ktest_fail(__FILE__, __LINE__, __VA_ARGS__);		\
	} while (0)

/* Run the tests whose name starts with filter (NULL or "" for all). */
void selftest_run(const char *filter) __attribute__((noreturn));

#endif
