/*
 * ubench: the user-space side of `make bench`, the same static binary on
 * Linux 6.1 (scripts/linux-bench runs it in a busybox initramfs) and on
 * vxmm (scripts/bench boots with rdinit=/bin/ubench).  Both boots run
 * under QEMU's -icount shift=0,sleep=off, where one guest instruction is
 * one nanosecond of CLOCK_MONOTONIC, so every figure is an instruction
 * count: the kernel's cost and the few user instructions of the loop.
 *
 * Rows (issue 13's list): a system-call round trip (getpid), clock_gettime
 * itself, a write fault on fresh anonymous memory and a read fault (the
 * zero page) per page, mmap + munmap of one page, fork + exit + wait4 of a
 * child that exits at once.  Each is the mean over its loop, less an empty
 * loop of the same length, as vxmm's kernel bench does (kernel/cmd_bench.c).
 *
 * Prints "ubench: <row> <value>" with two decimals and
 * "ubench-iterations: <row> <n>", or "ubench: <row> n/a (ENOSYS)" where a
 * call the row needs is not implemented (-ENOSYS, Linux's errno 38).
 * Then, for the address-space picture of scripts/linux-compare, with a
 * brk heap and an mmap area in use, its own /proc/self/maps, each line as
 * "ubench-maps: <line>" (or one "ubench-maps: n/a (<errno>)"), and
 * "ubench: done".  Exit status 0, or 1 if a call failed with another error.
 */
#include "lib/fs.h"
#include "lib/ulib.h"

#define CLOCK_MONOTONIC	1		/* Linux's include/uapi/linux/time.h */
#define PROT_READ	0x1		/* Linux's include/uapi/asm-generic/mman-common.h */
#define PROT_WRITE	0x2
#define MAP_PRIVATE	0x02
#define MAP_ANONYMOUS	0x20
#define PAGE_SIZE	4096

#define SYSCALL_ITERATIONS	10000
#define FAULT_PAGES		512
#define MMAP_ITERATIONS		1000
#define FORK_ITERATIONS		200

typedef unsigned long long u64;

struct timespec64 { long long tv_sec; long long tv_nsec; };
struct timespec32 { long tv_sec; long tv_nsec; };

static int failures;

/*
 * CLOCK_MONOTONIC in ns: clock_gettime64 (403), else the 32-bit
 * clock_gettime (263) for a kernel without the 64-bit one; -errno if
 * neither works.
 */
static long ub_clock_ns(u64 *ns)
{
	struct timespec64 t64;
	struct timespec32 t32;
	long r = syscall2(__NR_clock_gettime64, CLOCK_MONOTONIC, &t64);

	if (r == 0) {
		*ns = (u64)t64.tv_sec * 1000000000ULL + (u64)t64.tv_nsec;
		return 0;
	}
	r = syscall2(__NR_clock_gettime, CLOCK_MONOTONIC, &t32);
	if (r == 0)
		*ns = (u64)t32.tv_sec * 1000000000ULL + (u64)t32.tv_nsec;
	return r;
}

static u64 now(void)
{
	u64 ns = 0;

	ub_clock_ns(&ns);
	return ns;
}

static long ub_mmap_anon(unsigned long len)
{
	return syscall6(__NR_mmap2, 0, (long)len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

static long ub_munmap(long addr, unsigned long len) { return syscall2(__NR_munmap, addr, len); }

/* mmap2's failures are -errno in [-4095, -1], as every call's. */
static int is_err(long r) { return (unsigned long)r >= (unsigned long)-4095; }

/* An empty loop of n iterations, shaped like the timed ones. */
static u64 __attribute__((noinline)) empty_loop_ns(unsigned int n)
{
	u64 t0 = now();

	for (unsigned int i = 0; i < n; i++)
		__asm__ volatile("" : : : "memory");
	return now() - t0;
}

/* A row's result, kept until every row has run: printing is left to the end, so no row's loop shares the CPU
 * with the console's transmit interrupts for the lines before it (on Linux, where interrupts are on). */
struct result {
	const char *name;
	long err;		/* 0, or the -errno that stopped the row */
	u64 x100;		/* instructions per iteration, times 100 */
	unsigned int n;
};

#define NR_ROWS 6
static struct result results[NR_ROWS];
static unsigned int nr_results;

/* Records one row: ns for n iterations, as the mean less the empty loop, or the error that stopped it. */
static void row(const char *name, long err, u64 ns, unsigned int n)
{
	struct result *r = &results[nr_results++ % NR_ROWS];
	u64 empty = err ? 0 : empty_loop_ns(n);

	r->name = name;
	r->err = err;
	r->n = n;
	r->x100 = (ns > empty ? ns - empty : 0) * 100 / n;
}

static void print_row(const struct result *r)
{
	if (r->err == -ENOSYS) {
		printf("ubench: %s n/a (ENOSYS)\n", r->name);
		return;
	}
	if (r->err) {
		printf("ubench: %s error %d\n", r->name, (int)r->err);
		failures++;
		return;
	}
	printf("ubench: %s %u.%u%u\n", r->name, (unsigned int)(r->x100 / 100), (unsigned int)(r->x100 / 10 % 10),
	       (unsigned int)(r->x100 % 10));
	printf("ubench-iterations: %s %u\n", r->name, r->n);
}

static void bench_getpid(long clock_err)
{
	u64 t0 = now();
	long r = 0;

	for (unsigned int i = 0; i < SYSCALL_ITERATIONS && !clock_err; i++)
		r = getpid();
	row("getpid_insns", clock_err ? clock_err : r < 0 ? r : 0, now() - t0, SYSCALL_ITERATIONS);
}

static void bench_clock_gettime(long clock_err)
{
	u64 t0 = now(), ns;

	for (unsigned int i = 0; i < SYSCALL_ITERATIONS && !clock_err; i++)
		ub_clock_ns(&ns);
	row("clock_gettime_insns", clock_err, now() - t0, SYSCALL_ITERATIONS);
}

/* A fault per page of a fresh private anonymous mapping: a write (a new zeroed page) or a read (the zero page). */
static void bench_fault(const char *name, int write, long clock_err)
{
	long map = clock_err ? clock_err : ub_mmap_anon(FAULT_PAGES * PAGE_SIZE);
	volatile char *p = (volatile char *)map;
	u64 t0, ns;

	if (is_err(map)) {
		row(name, map, 0, FAULT_PAGES);
		return;
	}
	t0 = now();
	for (unsigned int i = 0; i < FAULT_PAGES; i++) {
		if (write)
			p[i * PAGE_SIZE] = 1;
		else
			(void)p[i * PAGE_SIZE];
	}
	ns = now() - t0;
	row(name, ub_munmap(map, FAULT_PAGES * PAGE_SIZE), ns, FAULT_PAGES);
}

static void bench_mmap(long clock_err)
{
	long err = clock_err;
	u64 t0 = now();

	for (unsigned int i = 0; i < MMAP_ITERATIONS && !err; i++) {
		long map = ub_mmap_anon(PAGE_SIZE);

		err = is_err(map) ? map : ub_munmap(map, PAGE_SIZE);
	}
	row("mmap_munmap_insns", err, now() - t0, MMAP_ITERATIONS);
}

/* fork; the child exits at once with status 0; the parent reaps it with wait4. */
static void bench_fork(long clock_err)
{
	long err = clock_err;
	u64 t0 = now();

	for (unsigned int i = 0; i < FORK_ITERATIONS && !err; i++) {
		long pid = syscall0(__NR_fork);
		int status = -1;

		if (pid == 0)
			exit(0);
		if (pid < 0) {
			err = pid;
			break;
		}
		err = syscall4(__NR_wait4, pid, &status, 0, 0);
		err = err == pid ? (status == 0 ? 0 : -1) : err < 0 ? err : -1;
	}
	row("fork_exit_wait_insns", err, now() - t0, FORK_ITERATIONS);
}

/* Grow the heap and map an anonymous area (both touched), then print /proc/self/maps line by line. */
static void print_maps(void)
{
	static char buf[4096];
	char *brk0 = (char *)sys_brk(0), *line = buf;
	long map = ub_mmap_anon(4 * PAGE_SIZE), fd, n = 0, r;

	if ((char *)sys_brk(brk0 + 4 * PAGE_SIZE) == brk0 + 4 * PAGE_SIZE)
		brk0[0] = 1;
	if (!is_err(map))
		*(volatile char *)map = 1;
	fd = open("/proc/self/maps", O_RDONLY);
	while (fd >= 0 && n < (long)sizeof(buf) - 1 && (r = read((int)fd, buf + n, sizeof(buf) - 1 - n)) > 0)
		n += r;
	if (fd < 0) {
		printf("ubench-maps: n/a (%d)\n", (int)fd);
		return;
	}
	close((int)fd);
	buf[n] = 0;
	for (char *p = buf; *p; p++)
		if (*p == '\n') {
			*p = 0;
			printf("ubench-maps: %s\n", line);
			line = p + 1;
		}
}

int main(int argc, char **argv, char **envp)
{
	u64 ns;
	long clock_err = ub_clock_ns(&ns);

	bench_getpid(clock_err);
	bench_clock_gettime(clock_err);
	bench_fault("write_fault_insns", 1, clock_err);
	bench_fault("read_fault_insns", 0, clock_err);
	bench_mmap(clock_err);
	bench_fork(clock_err);
	if (clock_err)
		printf("ubench: clock_gettime(CLOCK_MONOTONIC) = %d: no clock, so no row can be timed\n",
		       (int)clock_err);
	for (unsigned int i = 0; i < nr_results && i < NR_ROWS; i++)
		print_row(&results[i]);
	print_maps();
	printf("ubench: done\n");
	return failures ? 1 : 0;
}
