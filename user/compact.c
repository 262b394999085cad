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
 * compact_success must rise: the allocator compacted to get them; and
 * compact_daemon_wake must rise within a few seconds: the slow path woke
 * kcompactd (Linux's wakeup_kcompactd, where it would wake kswapd).
 *
 * Both set vm.compaction_proactiveness to 0 first, so that kcompactd's
 * proactive compaction does not do their work between their steps, and
 * put it back at the end.
 *
 * /bin/compact proactive: kcompactd0 as Linux shows a kernel thread in
 * /proc/<pid>/ (state S, ppid 0 here as there is no kthreadd, an empty
 * cmdline); vm.compaction_proactiveness reads Linux's default 20 and
 * refuses 101, -1, "abc" and "1 2" with EINVAL, vm.extfrag_threshold reads
 * 500 and refuses 1001; then with proactiveness 0 a
 * mapping of most free memory fragmented as above is left alone for two
 * seconds; the node's fragmentation score, computed here from
 * /proc/buddyinfo and /proc/zoneinfo with Linux's formula (written below),
 * is above the high mark of proactiveness 100; writing 100 makes
 * kcompactd compact (Linux's trigger on a write) until the score is at
 * most the high mark; and a second fragmented mapping is compacted the
 * same way by the periodic check (every 500 ms) alone, with every page
 * keeping its words.
 */
#include "lib/fs.h"
#include "lib/mman.h"
#include "lib/procs.h"
#include "lib/time.h"
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

#define PROACTIVENESS	"/proc/sys/vm/compaction_proactiveness"
#define EXTFRAG_THRESHOLD	"/proc/sys/vm/extfrag_threshold"

/* Write s to a sysctl file: the write's result (its length, or -errno). */
static long write_sysctl(const char *path, const char *s)
{
	long fd = open(path, O_WRONLY), n;

	if (fd < 0)
		return fd;
	n = write((int)fd, s, strlen(s));
	close((int)fd);
	return n;
}

/* The sysctl's value as read, or -errno. */
static long read_sysctl(const char *path)
{
	unsigned long v;

	if (slurp(path) <= 0)
		return -1;
	skip_number(text, &v);
	return (long)v;
}

static long saved_proactiveness = -1;

/* Proactiveness 0 for the other modes (kcompactd's proactive work would race their steps), and back. */
static void proactiveness_off(void)
{
	saved_proactiveness = read_sysctl(PROACTIVENESS);
	check(write_sysctl(PROACTIVENESS, "0\n") == 2, "vm.compaction_proactiveness set to 0 for the test", 0, 0);
}

static void proactiveness_restore(void)
{
	char buf[8] = { 0 };

	if (saved_proactiveness < 0 || saved_proactiveness > 100)
		return;
	buf[0] = (char)('0' + saved_proactiveness / 100 % 10);
	buf[1] = (char)('0' + saved_proactiveness / 10 % 10);
	buf[2] = (char)('0' + saved_proactiveness % 10);
	write_sysctl(PROACTIVENESS, buf);
}

static void sysctl_mode(void)
{
	unsigned long pages = MAP_BYTES / PAGE, free_kb;
	long before, after, c0[NR_COUNTERS], c1[NR_COUNTERS], fd, n;
	unsigned int *base;
	char what[80];

	proactiveness_off();
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
	proactiveness_restore();
}

static void sleep_ms(long ms)
{
	struct timespec32 ts = { (int)(ms / 1000), (int)(ms % 1000) * 1000000 };

	nanosleep32(&ts, 0);
}

/* vmstat's name once it differs from old, waiting up to ms; its last value. */
static long vmstat_wait_change(const char *name, long old, long ms)
{
	long v = vmstat(name);

	for (; v == old && ms > 0; ms -= 100) {
		sleep_ms(100);
		v = vmstat(name);
	}
	return v;
}

static void direct_mode(void)
{
	static int fds[NR_PIPES][2];
	unsigned long pages, free_kb;
	long stall0, success0, got = 0;
	unsigned int *base;

	long wake0;

	proactiveness_off();
	slurp("/proc/meminfo");
	free_kb = (unsigned long)field("MemFree");
	pages = (free_kb * 1024 - DIRECT_MARGIN) / PAGE;
	base = map_and_fragment(pages);
	wake0 = vmstat("compact_daemon_wake");
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
	check(vmstat_wait_change("compact_daemon_wake", wake0, 3000) > wake0,
	      "compact_daemon_wake rose: the slow path woke kcompactd", field("compact_daemon_wake"), wake0);
	for (int i = 0; i < NR_PIPES; i++) {
		close(fds[i][0]);
		close(fds[i][1]);
	}
	check(bad_pages(base, pages) == 0, "every page holds its words after direct compaction", 0, 0);
	proactiveness_restore();
}

/* ---- proactive mode ---- */

#define PROACTIVE_MARGIN	(16UL << 20)	/* left unfragmented: small kernel blocks come from it, not the slow path */
#define PROACTIVE_MAX_PAGES	(192UL << 20) / PAGE
#define HPAGE_ORDER		9	/* Linux's COMPACTION_HPAGE_ORDER on 32-bit ARM: PMD_SHIFT 21 - PAGE_SHIFT 12 */
#define MAX_ZONES		2

struct zone_seen {
	char name[16];
	unsigned long present;
	unsigned long nr_free[11];	/* buddyinfo's counts, orders 0..10 */
};

/* The word after "zone" at p (a zone's name) into name. */
static const char *zone_name(const char *p, char *name)
{
	int n = 0;

	while (*p == ' ')
		p++;
	while (*p && *p != ' ' && *p != '\n' && n < 15)
		name[n++] = *p++;
	name[n] = 0;
	return p;
}

/* Every zone of /proc/zoneinfo with its present pages; the count. */
static int read_zones(struct zone_seen *z)
{
	int n = 0;

	slurp("/proc/zoneinfo");
	for (const char *p = text; *p && n < MAX_ZONES; p++) {
		if (strncmp(p, "zone ", 5))
			continue;
		p = zone_name(p + 5, z[n].name);
		while (*p && strncmp(p, "present", 7))
			p++;
		if (!*p)
			break;
		p = skip_number(p + 7, &z[n].present);
		n++;
	}
	return n;
}

/* buddyinfo's counts into the zones of the same names. */
static void read_buddyinfo(struct zone_seen *z, int n)
{
	slurp("/proc/buddyinfo");
	for (int i = 0; i < n; i++)
		memset(z[i].nr_free, 0, sizeof(z[i].nr_free));
	for (const char *p = text; *p; p++) {
		char name[16];

		if (strncmp(p, "zone ", 5))
			continue;
		p = zone_name(p + 5, name);
		for (int i = 0; i < n; i++)
			if (!strcmp(name, z[i].name))
				for (int o = 0; o <= 10; o++)
					p = skip_number(p, &z[i].nr_free[o]);
	}
}

/*
 * Linux 6.1's fragmentation_score_node (mm/compaction.c), written out
 * here: per zone, extfrag_for_order(HPAGE_ORDER) = (free pages - pages in
 * blocks of order 9 or more) * 100 / free pages (0 when nothing is free),
 * weighted by present pages: zone present * that / (node present + 1);
 * the node's score is the sum.
 */
static unsigned long node_score(void)
{
	struct zone_seen z[MAX_ZONES];
	unsigned long node_present = 0, score = 0;
	int n = read_zones(z);

	read_buddyinfo(z, n);
	for (int i = 0; i < n; i++)
		node_present += z[i].present;
	for (int i = 0; i < n; i++) {
		unsigned long free = 0, big = 0, frag;

		for (int o = 0; o <= 10; o++) {
			free += z[i].nr_free[o] << o;
			if (o >= HPAGE_ORDER)
				big += z[i].nr_free[o] << o;
		}
		frag = free ? (free - big) * 100 / free : 0;
		score += (unsigned long long)z[i].present * frag / (node_present + 1);
	}
	return score;
}

/* Linux's fragmentation_score_wmark(high): min(max(100 - proactiveness, 5) + 10, 100). */
static unsigned long high_mark(unsigned long proactiveness)
{
	unsigned long low = 100 - proactiveness < 5 ? 5 : 100 - proactiveness;

	return low + 10 > 100 ? 100 : low + 10;
}

static char *utoa(unsigned long v, char *end)
{
	*--end = 0;
	do
		*--end = (char)('0' + v % 10);
	while (v /= 10);
	return end;
}

/* "/proc/<pid>/<file>" into buf. */
static const char *pid_path(char *buf, unsigned long pid, const char *file)
{
	char num[12], *n = utoa(pid, num + sizeof(num));
	size_t a = strlen(n), b = strlen(file);

	memcpy(buf, "/proc/", 6);
	memcpy(buf + 6, n, a);
	buf[6 + a] = '/';
	memcpy(buf + 7 + a, file, b + 1);
	return buf;
}

/* The first occurrence of needle in text, or NULL (the user library has no strstr). */
static const char *find_in_text(const char *needle)
{
	size_t n = strlen(needle);

	for (const char *p = text; *p; p++)
		if (!strncmp(p, needle, n))
			return p;
	return 0;
}

/* kcompactd0's /proc/<pid>/: stat's comm, state and ppid as Linux shows a sleeping kernel thread; no cmdline. */
static void check_kthread(void)
{
	char path[40];
	unsigned long pid, ppid = 99;
	const char *p = 0;

	for (pid = 2; pid < 64; pid++)
		if (slurp(pid_path(path, pid, "stat")) > 0 && (p = find_in_text(" (kcompactd0) ")))
			break;
	check(p != 0, "kcompactd0 is in /proc/<pid>/stat", 0, 0);
	if (!p)
		return;
	memcpy(path, text, 39);
	path[39] = 0;	/* the start of its stat line: pid, comm, state, ppid */
	printf("compact: kcompactd0 is pid %u: %s\n", (unsigned int)pid, path);
	skip_number(p + 16, &ppid);
	check(p[14] == 'S', "kcompactd0 sleeps (state S)", p[14], 'S');
	check(ppid == 0, "its ppid is 0 (no kthreadd here; Linux's is 2)", (long)ppid, 0);
	check(slurp(pid_path(path, pid, "cmdline")) == 0, "its cmdline is empty, as a kernel thread's",
	      (long)strlen(text), 0);
}

/* The sysctl: Linux's default, and what proc_dointvec_minmax refuses (EINVAL, the value kept). */
static void check_sysctl_input(void)
{
	static const char *const bad[] = { "101\n", "-1\n", "abc\n", "1 2\n" };

	check(read_sysctl(PROACTIVENESS) == 20, "vm.compaction_proactiveness reads 20 (Linux's default)",
	      read_sysctl(PROACTIVENESS), 20);
	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		long n = write_sysctl(PROACTIVENESS, bad[i]);

		check(n == -EINVAL, "a bad compaction_proactiveness value is refused (EINVAL)", n, -EINVAL);
	}
	check(read_sysctl(PROACTIVENESS) == 20, "and it stays 20", read_sysctl(PROACTIVENESS), 20);
	check(read_sysctl(EXTFRAG_THRESHOLD) == 500, "vm.extfrag_threshold reads 500 (Linux's default)",
	      read_sysctl(EXTFRAG_THRESHOLD), 500);
	check(write_sysctl(EXTFRAG_THRESHOLD, "1001\n") == -EINVAL && read_sysctl(EXTFRAG_THRESHOLD) == 500,
	      "vm.extfrag_threshold refuses 1001 (EINVAL) and stays 500", read_sysctl(EXTFRAG_THRESHOLD), 500);
}

/* Pages for a mapping of most free memory, the margin kept. */
static unsigned long proactive_pages(void)
{
	unsigned long free_kb, pages;

	slurp("/proc/meminfo");
	free_kb = (unsigned long)field("MemFree");
	pages = (free_kb * 1024 - PROACTIVE_MARGIN) / PAGE;
	return pages > PROACTIVE_MAX_PAGES ? PROACTIVE_MAX_PAGES : pages;
}

/* Wait (up to ms) for the node's score to be at most mark; the score last seen. */
static unsigned long score_wait(unsigned long mark, long ms)
{
	unsigned long score = node_score();

	for (; score > mark && ms > 0; ms -= 200) {
		sleep_ms(200);
		score = node_score();
	}
	return score;
}

/* Proactiveness 0: two seconds of a fragmented node and kcompactd moves nothing. */
static unsigned int *proactive_off_phase(unsigned long pages)
{
	unsigned int *base;
	long blocks, scanned;

	check(write_sysctl(PROACTIVENESS, "0\n") == 2, "vm.compaction_proactiveness set to 0", 0, 0);
	base = map_and_fragment(pages);
	blocks = high_order_blocks();
	scanned = vmstat("compact_daemon_migrate_scanned");
	sleep_ms(2000);
	check(high_order_blocks() <= blocks && vmstat("compact_daemon_migrate_scanned") == scanned,
	      "with proactiveness 0 kcompactd leaves the fragmented node alone for 2 s", high_order_blocks(), blocks);
	return base;
}

static void proactive_mode(void)
{
	unsigned long pages = proactive_pages(), score, high = high_mark(100);
	long blocks, mig, fre;
	unsigned int *base;

	check_kthread();
	check_sysctl_input();
	base = proactive_off_phase(pages);
	blocks = high_order_blocks();
	mig = vmstat("compact_daemon_migrate_scanned");
	fre = field("compact_daemon_free_scanned");
	score = node_score();
	printf("compact: %u pages fragmented, node score %u, high mark at proactiveness 100: %u\n",
	       (unsigned int)pages, (unsigned int)score, (unsigned int)high);
	check(score > high, "the node's score is above the high mark", (long)score, (long)high);
	check(write_sysctl(PROACTIVENESS, "100\n") == 4, "vm.compaction_proactiveness set to 100", 0, 0);
	score = score_wait(high, 10000);
	printf("compact: after the write: score %u, order 8-10 blocks %d -> %d\n", (unsigned int)score, (int)blocks,
	       (int)high_order_blocks());
	check(score <= high, "kcompactd brought the score to the high mark or below", (long)score, (long)high);
	check(high_order_blocks() > blocks, "free blocks of order 8 to 10 rose", high_order_blocks(), blocks);
	check(vmstat("compact_daemon_migrate_scanned") > mig, "compact_daemon_migrate_scanned rose", field(
	      "compact_daemon_migrate_scanned"), mig);
	check(field("compact_daemon_free_scanned") > fre, "compact_daemon_free_scanned rose",
	      field("compact_daemon_free_scanned"), fre);
	check(bad_pages(base, pages) == 0, "every page holds its words after proactive compaction", 0, 0);
	munmap((char *)base, pages * PAGE);
	/* No write now: only the periodic check can find the second mapping's fragmentation. */
	sleep_ms(1000);
	mig = vmstat("compact_daemon_migrate_scanned");
	base = map_and_fragment(pages);
	score = score_wait(high, 10000);
	check(score <= high, "the periodic check (500 ms) compacted a second fragmented mapping", (long)score,
	      (long)high);
	check(vmstat("compact_daemon_migrate_scanned") > mig, "compact_daemon_migrate_scanned rose again",
	      field("compact_daemon_migrate_scanned"), mig);
	check(bad_pages(base, pages) == 0, "every page of it holds its words", 0, 0);
	check(write_sysctl(PROACTIVENESS, "20\n") == 3, "vm.compaction_proactiveness back to 20", 0, 0);
}

int main(int argc, char **argv, char **envp)
{
	(void)envp;
	if (argc > 1 && !strcmp(argv[1], "direct"))
		direct_mode();
	else if (argc > 1 && !strcmp(argv[1], "proactive"))
		proactive_mode();
	else
		sysctl_mode();
	printf("compact: %s\n", checks_failed ? "FAILED" : "all passed");
	return checks_failed != 0;
}
