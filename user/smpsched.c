/*
 * Processes on every CPU: spinners that compute a checksum and note each
 * CPU they ran on (getcpu, Linux's call 345), so the parent can check that
 * they spread over the CPUs and that every sum is right; more spinners
 * than CPUs, each of which must have been preempted at least once (its
 * nonvoluntary_ctxt_switches in /proc/self/status), which only happens if
 * every CPU's tick runs the scheduler; then a storm of short children
 * passing a token down a chain of pipes, each reaped with its own status.
 *
 * Spinners spin until the parent closes their stop pipe: after 0.4 s
 * (four round-robin slices) for the spread, or once every one has been
 * preempted (at most 20 s) for the other.  Expected values are written here: a spinner's sum
 * of i*i for i < n (n: the iterations it made) is n(n-1)(2n-1)/6 (mod 2^64); a token grows by j + 1 at chain link j; an
 * exit status is code << 8 (Linux's wait encoding).
 */
#include "lib/fs.h"
#include "lib/procs.h"
#include "lib/time.h"
#include "lib/ulib.h"

#define __NR_getcpu	345		/* Linux's arch/arm/tools/syscall.tbl */
#define EXITED(code)	((code) << 8)
#define ECHILD		10
#define SPREAD_MS	400		/* the spread test's spin: 4 round-robin slices of 100 ms */
#define PREEMPT_MS	20000		/* the preemption test's limit: a spinner never preempted spins this long */
#define START_MS	20000		/* the longest wait for the spinners to start */
#define CPU_SAMPLE	0x3fffu		/* getcpu, the stop pipe and the status once every 16384 iterations */
#define MAX_SPINNERS	8
#define STORM_ROUNDS	40
#define STORM_LINKS	8		/* children per round: 320 in all */

static int bad;

/* What a spinner tells its parent through the pipe: one write of 24 bytes, atomic (under PIPE_BUF). */
struct spin_report {
	unsigned int index;
	unsigned int cpus;		/* bit n: ran on CPU n at some sample */
	unsigned long long sum;		/* of i*i for i < iters */
	unsigned int iters;
	unsigned int nivcsw;		/* nonvoluntary_ctxt_switches at the end */
};

static void ok(int good, const char *what)
{
	if (good)
		printf("ok - %s\n", what);
	else {
		printf("not ok - %s\n", what);
		bad = 1;
	}
}

static long getcpu(unsigned int *cpu)
{
	return syscall3(__NR_getcpu, (long)cpu, 0, 0);
}

/* sum of i*i for i in [0, n), mod 2^64: n(n-1)(2n-1)/6 with the 2 and the 3 divided out before multiplying. */
static unsigned long long sum_of_squares(unsigned long long n)
{
	unsigned long long a = n, b = n ? n - 1 : 0, c = n ? 2 * n - 1 : 0;

	if (a % 2 == 0)
		a /= 2;
	else
		b /= 2;
	if (a % 3 == 0)
		a /= 3;
	else if (b % 3 == 0)
		b /= 3;
	else
		c /= 3;
	return a * b * c;
}

/* A number after `key:` in the text, or -1. */
static long field_after(const char *text, const char *key)
{
	size_t k = strlen(key);

	for (const char *p = text; *p; p++) {
		if (strncmp(p, key, k))
			continue;
		p += k;
		while (*p == ' ' || *p == '\t')
			p++;
		long v = 0;

		while (*p >= '0' && *p <= '9')
			v = v * 10 + (*p++ - '0');
		return v;
	}
	return -1;
}

/* This process's nonvoluntary_ctxt_switches (the times it was switched out still runnable), or 0. */
static unsigned int preemptions(void)
{
	static char status[2048];
	long n;

	if (read_file("/proc/self/status", status, sizeof(status)) <= 0)
		return 0;
	n = field_after(status, "nonvoluntary_ctxt_switches:");
	return n > 0 ? (unsigned int)n : 0;
}

/*
 * Spin, summing squares, until the parent closes the stop pipe (a read
 * there gives end of file instead of EAGAIN).  One byte on note when it
 * starts, and, if preempt, one more once its first preemption shows.
 * Then the report.
 */
static void __attribute__((noreturn)) spinner(unsigned int index, int stop, int note, int preempt, int report)
{
	struct spin_report r = { .index = index };
	unsigned int i, cpu;
	char c = 0;

	write(note, &c, 1);
	for (i = 0;; i++) {
		if (!(i & CPU_SAMPLE)) {
			if (!getcpu(&cpu) && cpu < 32)
				r.cpus |= 1u << cpu;
			if (read(stop, &c, 1) == 0)
				break;
			if (preempt && preemptions()) {
				write(note, &c, 1);
				preempt = 0;
			}
		}
		r.sum += (unsigned long long)i * i;
	}
	r.iters = i;
	r.nivcsw = preemptions();
	write(report, &r, sizeof(r));
	exit(0);
}

/* The CPUs there are: /proc/cpuinfo's processor lines. */
static unsigned int online_cpus(void)
{
	static char info[8192];
	unsigned int n = 0;

	if (read_file("/proc/cpuinfo", info, sizeof(info)) <= 0)
		return 1;
	for (const char *p = info; *p; p++)
		if ((p == info || p[-1] == '\n') && !strncmp(p, "processor", 9))
			n++;
	return n ? n : 1;
}

/* Wait up to ms milliseconds for want bytes on fd; how many came. */
static unsigned int wait_notes(int fd, unsigned int want, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	unsigned int got = 0;
	char c;
	long long end = monotonic_ns() + (long long)ms * 1000000;

	while (got < want && monotonic_ns() < end) {
		if (poll(&p, 1, (int)((end - monotonic_ns()) / 1000000) + 1) == 1 && read(fd, &c, 1) == 1)
			got++;
	}
	return got;
}

/*
 * Fork n spinners and let them spin, once all have started (however long
 * the host takes to run them): for ms milliseconds (preempt 0), or until
 * every one has noted its first preemption, at most ms (preempt 1).
 * Then stop them, collect their reports into r[] by index and reap them;
 * returns how many reported.
 */
static unsigned int run_spinners(unsigned int n, int preempt, int ms, struct spin_report *r)
{
	int stop[2], note[2], rep[2], status;
	unsigned int got = 0;
	struct spin_report one;

	if (pipe2(stop, O_NONBLOCK) || pipe(note) || pipe(rep)) {
		ok(0, "pipes for the spinners");
		return 0;
	}
	for (unsigned int i = 0; i < n; i++)
		if (fork() == 0) {
			close(stop[1]);
			close(note[0]);
			close(rep[0]);
			spinner(i, stop[0], note[1], preempt, rep[1]);
		}
	close(stop[0]);
	close(note[1]);
	close(rep[1]);
	wait_notes(note[0], n, START_MS);
	wait_notes(note[0], preempt ? n : n + 1, ms);
	close(stop[1]);		/* end of file on the stop pipe: they report and exit */
	while (read(rep[0], &one, sizeof(one)) == sizeof(one))
		if (one.index < n) {
			r[one.index] = one;
			got++;
		}
	close(rep[0]);
	close(note[0]);
	for (unsigned int i = 0; i < n; i++)
		if (wait4(-1, &status, 0, 0) < 0 || status != EXITED(0))
			ok(0, "a spinner exited with status 0");
	return got;
}

/* The spinner's sum against the formula; a wrong one is shown with its figures. */
static unsigned int sum_right(const struct spin_report *r)
{
	unsigned long long want = sum_of_squares(r->iters);

	if (r->iters && r->sum == want)
		return 1;
	printf("# spinner %u: %u iterations, sum 0x%x%08x, expected 0x%x%08x\n", r->index, r->iters,
	       (unsigned int)(r->sum >> 32), (unsigned int)r->sum, (unsigned int)(want >> 32), (unsigned int)want);
	return 0;
}

static unsigned int popcount(unsigned int v)
{
	unsigned int n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

static void test_spread(unsigned int ncpus)
{
	struct spin_report r[MAX_SPINNERS] = { 0 };
	unsigned int n = 4, got = run_spinners(n, 0, SPREAD_MS, r), cpus = 0, sums_ok = 1, want = ncpus < 2 ? 1 : 2;

	for (unsigned int i = 0; i < n; i++) {
		cpus |= r[i].cpus;
		sums_ok &= sum_right(&r[i]);
	}
	ok(got == n, "4 spinners each reported");
	ok(sums_ok, "every spinner's checksum is n(n-1)(2n-1)/6");
	printf("# the spinners ran on %u distinct CPUs of %u (mask 0x%x)\n", popcount(cpus), ncpus, cpus);
	ok(popcount(cpus) >= want, ncpus < 2 ? "the spinners ran (one CPU)" : "the spinners ran on at least 2 CPUs");
	ok(!(cpus >> ncpus), "getcpu gave only CPUs that are online");
}

static void test_preempted(unsigned int ncpus)
{
	struct spin_report r[MAX_SPINNERS] = { 0 };
	unsigned int n = ncpus + 1 <= MAX_SPINNERS ? ncpus + 1 : MAX_SPINNERS, got = run_spinners(n, 1, PREEMPT_MS, r);
	unsigned int sums_ok = 1, preempted = 0;

	for (unsigned int i = 0; i < n; i++) {
		sums_ok &= sum_right(&r[i]);
		if (r[i].nivcsw > 0)
			preempted++;
	}
	printf("# %u spinners on %u CPUs: %u of them were preempted\n", n, ncpus, preempted);
	ok(got == n, "one spinner more than CPUs: all reported");
	ok(sums_ok, "... every checksum right");
	ok(preempted == n, "... every one was preempted at least once (the tick on every CPU)");
}

/*
 * One round: STORM_LINKS children, link j reading a token from pipe j,
 * adding j + 1, writing it to pipe j + 1 and exiting with status j.
 */
static void __attribute__((noreturn)) storm_link(unsigned int j, int in, int out)
{
	unsigned int token;

	if (read(in, &token, sizeof(token)) != sizeof(token))
		exit(100);
	token += j + 1;
	write(out, &token, sizeof(token));
	exit((int)j);
}

static int storm_round(unsigned int seed)
{
	int p[STORM_LINKS + 1][2], status, good = 1;
	long pids[STORM_LINKS];
	unsigned int token = seed;

	for (unsigned int j = 0; j <= STORM_LINKS; j++)
		if (pipe(p[j]))
			return 0;
	for (unsigned int j = 0; j < STORM_LINKS; j++) {
		pids[j] = fork();
		if (pids[j] == 0) {
			for (unsigned int k = 0; k <= STORM_LINKS; k++) {
				if (k != j)
					close(p[k][0]);
				if (k != j + 1)
					close(p[k][1]);
			}
			storm_link(j, p[j][0], p[j + 1][1]);
		}
	}
	write(p[0][1], &token, sizeof(token));
	if (read(p[STORM_LINKS][0], &token, sizeof(token)) != sizeof(token) ||
	    token != seed + STORM_LINKS * (STORM_LINKS + 1) / 2)
		good = 0;
	for (unsigned int j = 0; j <= STORM_LINKS; j++) {
		close(p[j][0]);
		close(p[j][1]);
	}
	for (unsigned int j = 0; j < STORM_LINKS; j++)
		if (pids[j] < 0 || wait4(pids[j], &status, 0, 0) != pids[j] || status != EXITED((int)j))
			good = 0;
	return good;
}

static void test_storm(void)
{
	unsigned int good = 0;
	int st;

	for (unsigned int round = 0; round < STORM_ROUNDS; round++)
		good += (unsigned int)storm_round(round * 1000u);
	printf("# %u of %u rounds of %u children passed their token and exited as expected\n", good,
	       STORM_ROUNDS, STORM_LINKS);
	ok(good == STORM_ROUNDS, "fork/exit/wait storm: every token right, every child reaped with its status");
	ok(wait4(-1, &st, WNOHANG, 0) == -ECHILD, "... and no child is left (ECHILD)");
}

int main(int argc, char **argv, char **envp)
{
	unsigned int ncpus = online_cpus();

	test_spread(ncpus);
	test_preempted(ncpus);
	test_storm();
	printf("smpsched: %s\n", bad ? "FAILED" : "all passed");
	return bad != 0;
}
