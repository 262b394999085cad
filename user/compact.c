/*
 * Compaction seen from user space, as on Linux 6.1 (vm.compact_memory in
 * Documentation/admin-guide/sysctl/vm.rst; the counters of /proc/vmstat).
 *
 * /bin/compact: fill a 64 MiB anonymous mapping (less at small RAM), each
 * page holding words derived from its index, unmap every other page, and
 * write 1 to /proc/sys/vm/compact_memory.  The free blocks of order 8 to
 * 10 in /proc/buddyinfo must rise, every remaining page must still hold
 * its words, and the compact_* and pgmigrate_success counters must have
 * moved.  Right after compaction each page gets a new word written through
 * whatever TLB entry the CPU still holds, and a forked child (another
 * ASID, so a fresh walk of the page tables) must read it back: a TLB entry
 * left pointing at the old page would have taken the write.
 *
 * /bin/compact direct: fill nearly all free memory the same way, unmap
 * every other page (no free block of order 4 is left beyond a small
 * margin), then open pipes: each takes an order-4 block (its 64 KiB ring,
 * fs/pipe.c).  Every pipe must be had, and compact_stall and
 * compact_success must rise: the allocator compacted to get them.
 */
#include "lib/fs.h"
#include "lib/mman.h"
#include "lib/procs.h"
#include "lib/ulib.h"

#define PAGE		4096UL
#define MAP_BYTES	(64UL << 20)
#define DIRECT_MARGIN	(8UL << 20)	/* left free in direct mode: above the watermarks, well below the pipes' need */
#define NR_PIPES	400
#define TEXT_MAX	(64 * 1024)

static char text[TEXT_MAX];

/* The whole file into text, NUL-terminated; its length or -errno. */
static long slurp(const char *path)
{
	return read_file(path, text, sizeof(text));
}

static const char *skip_number(const char *p, unsigned long *v)
{
	*v = 0;
	while (*p == ' ')
		p++;
	while (*p >= '0' && *p <= '9')
		*v = *v * 10 + (unsigned long)(*p++ - '0');
	return p;
}

/* The number after "name " at the start of a line of text (/proc/vmstat, /proc/meminfo), or -1. */
static long field(const char *name)
{
	size_t n = strlen(name);

	for (const char *p = text; *p; p++)
		if ((p == text || p[-1] == '\n') && !strncmp(p, name, n) && (p[n] == ' ' || p[n] == ':')) {
			unsigned long v;

			skip_number(p + n + 1, &v);
			return (long)v;
		}
	return -1;
}

static long vmstat(const char *name)
{
	slurp("/proc/vmstat");
	return field(name);
}

/* After the next "zone <name>" of buddyinfo text from p on: the first count; NULL if none. */
static const char *next_zone(const char *p)
{
	for (; *p; p++)
		if (!strncmp(p, "zone ", 5)) {
			p += 5;
			while (*p == ' ')
				p++;
			while (*p && *p != ' ')
				p++;
			return p;
		}
	return NULL;
}

/* /proc/buddyinfo: the free blocks of order 8, 9 and 10 of every zone added up. */
static long high_order_blocks(void)
{
	long total = 0;

	if (slurp("/proc/buddyinfo") <= 0)
		return -1;
	for (const char *p = text; (p = next_zone(p));) {
		unsigned long v;

		for (int order = 0; order <= 10; order++) {
			p = skip_number(p, &v);
			if (order >= 8)
				total += (long)v;
		}
	}
	return total;
}

/* Three words of each page, from its index: the first, one in the middle, the last. */
static unsigned int pattern(unsigned long i, unsigned int word)
{
	return (unsigned int)(i * 2654435761u) ^ (word << 24) ^ 0x00a5a5a5u;
}

static const unsigned int words[3] = { 0, 511, 1023 };

static void fill(unsigned int *base, unsigned long pages)
{
	for (unsigned long i = 0; i < pages; i++)
		for (int w = 0; w < 3; w++)
			base[i * 1024 + words[w]] = pattern(i, (unsigned int)w);
}

/* Pages of the even indexes whose words are not their pattern. */
static unsigned long bad_pages(const unsigned int *base, unsigned long pages)
{
	unsigned long bad = 0;

	for (unsigned long i = 0; i < pages; i += 2)
		for (int w = 0; w < 3; w++)
			if (base[i * 1024 + words[w]] != pattern(i, (unsigned int)w)) {
				if (!bad)
					printf("compact: page %u word %u holds 0x%x, not 0x%x\n", (unsigned int)i, words[w],
					       base[i * 1024 + words[w]], pattern(i, (unsigned int)w));
				bad++;
				break;
			}
	return bad;
}

/* Unmap every odd page: the free pages left sit alone between used ones. */
static long punch_holes(unsigned int *base, unsigned long pages)
{
	for (unsigned long i = 1; i < pages; i += 2) {
		long r = munmap((char *)base + i * PAGE, PAGE);

		if (r)
			return r;
	}
	return 0;
}

static unsigned int *map_and_fragment(unsigned long pages)
{
	long r = mmap(0, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	check(!mmap_failed(r), "mmap of the anonymous mapping", r, 0);
	if (mmap_failed(r))
		exit(1);
	fill((unsigned int *)r, pages);
	check(punch_holes((unsigned int *)r, pages) == 0, "munmap of every other page", 0, 0);
	return (unsigned int *)r;
}

/*
 * Read every even page from the top down, so that the CPU's TLB holds the
 * lowest pages last: those the migration scanner reaches first (it starts
 * at the bottom of the zone, and the pages were handed out upwards).
 */
static unsigned int touch_descending(const unsigned int *base, unsigned long pages)
{
	unsigned int sum = 0;

	for (unsigned long i = pages & ~1UL; i >= 2; i -= 2)
		sum += *(volatile const unsigned int *)&base[(i - 2) * 1024];
	return sum;
}

/* Write the new word 2 of every even page, then read them back in a child (a fresh ASID and walk). */
static void check_no_stale_tlb(unsigned int *base, unsigned long pages)
{
	int status = -1;
	long pid;

	for (unsigned long i = 0; i < pages; i += 2)
		base[i * 1024 + 2] = ~pattern(i, 2);
	pid = fork();
	if (pid == 0) {
		for (unsigned long i = 0; i < pages; i += 2)
			if (base[i * 1024 + 2] != ~pattern(i, 2)) {
				printf("compact: the child reads 0x%x in page %u: the write went to another page\n",
				       base[i * 1024 + 2], (unsigned int)i);
				exit(1);
			}
		exit(0);
	}
	check(wait4(pid, &status, 0, 0) == pid && status == 0,
	      "a write right after compaction is seen through the page tables (no stale TLB entry)", status, 0);
}

/* The counters in counter_names[] before compaction, to compare with after. */
static const char *const counter_names[] = {
	"compact_migrate_scanned", "compact_free_scanned", "compact_isolated", "pgmigrate_success",
};
#define NR_COUNTERS	(sizeof(counter_names) / sizeof(counter_names[0]))

static void read_counters(long *v)
{
	slurp("/proc/vmstat");
	for (unsigned int i = 0; i < NR_COUNTERS; i++)
		v[i] = field(counter_names[i]);
}

static void sysctl_mode(void)
{
	unsigned long pages = MAP_BYTES / PAGE, free_kb;
	long before, after, c0[NR_COUNTERS], c1[NR_COUNTERS], fd, n;
	unsigned int *base;
	char what[80];

	slurp("/proc/meminfo");
	free_kb = (unsigned long)field("MemFree");
	if (pages > free_kb / 4 / 2)
		pages = free_kb / 4 / 2;	/* at most half of what is free */
	base = map_and_fragment(pages);
	before = high_order_blocks();
	read_counters(c0);
	check(bad_pages(base, pages) == 0, "every page holds its words before compaction", 0, 0);
	fd = open("/proc/sys/vm/compact_memory", O_WRONLY);
	check(fd >= 0, "open /proc/sys/vm/compact_memory for writing", fd, 0);
	touch_descending(base, pages);
	n = write((int)fd, "1\n", 2);
	check(n == 2, "write 1 to it", n, 2);
	check_no_stale_tlb(base, pages);
	close(fd);
	after = high_order_blocks();
	read_counters(c1);
	printf("compact: %u pages, order 8-10 free blocks %d before, %d after\n", (unsigned int)pages, (int)before,
	       (int)after);
	check(after > before, "free blocks of order 8 to 10 rose", after, before);
	check(bad_pages(base, pages) == 0, "every page holds its words after compaction", 0, 0);
	for (unsigned int i = 0; i < NR_COUNTERS; i++) {
		size_t len = strlen(counter_names[i]);

		memcpy(what, counter_names[i], len);
		memcpy(what + len, " rose", 6);
		check(c1[i] > c0[i], what, c1[i], c0[i]);
	}
	fd = open("/proc/sys/vm/compact_memory", O_RDONLY);
	n = fd >= 0 ? read((int)fd, text, 16) : fd;
	check(n == -EINVAL, "a read of the write-only file fails (EINVAL)", n, -EINVAL);
	if (fd >= 0)
		close(fd);
}

static void direct_mode(void)
{
	static int fds[NR_PIPES][2];
	unsigned long pages, free_kb;
	long stall0, success0, got = 0;
	unsigned int *base;

	slurp("/proc/meminfo");
	free_kb = (unsigned long)field("MemFree");
	pages = (free_kb * 1024 - DIRECT_MARGIN) / PAGE;
	base = map_and_fragment(pages);
	stall0 = vmstat("compact_stall");
	success0 = field("compact_success");
	for (int i = 0; i < NR_PIPES; i++)
		got += pipe(fds[i]) == 0;
	check(got == NR_PIPES, "every pipe (an order-4 ring each) was had", got, NR_PIPES);
	vmstat("compact_stall");
	printf("compact: %u pages, compact_stall %d -> %d, compact_success %d -> %d\n", (unsigned int)pages, (int)stall0,
	       (int)field("compact_stall"), (int)success0, (int)field("compact_success"));
	check(field("compact_stall") > stall0, "compact_stall rose: the allocator compacted", field("compact_stall"),
	      stall0);
	check(field("compact_success") > success0, "compact_success rose", field("compact_success"), success0);
	for (int i = 0; i < NR_PIPES; i++) {
		close(fds[i][0]);
		close(fds[i][1]);
	}
	check(bad_pages(base, pages) == 0, "every page holds its words after direct compaction", 0, 0);
}

int main(int argc, char **argv, char **envp)
{
	(void)envp;
	if (argc > 1 && !strcmp(argv[1], "direct"))
		direct_mode();
	else
		sysctl_mode();
	printf("compact: %s\n", checks_failed ? "FAILED" : "all passed");
	return checks_failed != 0;
}
