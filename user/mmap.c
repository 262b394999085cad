/*
 * The memory system calls and their error cases, one line per check
 * (`ok - <what>` or `not ok - <what>: <why>`); exits 0 only if all
 * passed.  Expected values are Linux 6.1's (errno-base.h numbers in
 * lib/mman.h), so the same binary passes on Linux.
 */
#include "lib/ulib.h"
#include "lib/mman.h"

#define P	4096UL
#define ANON	(MAP_PRIVATE | MAP_ANONYMOUS)
#define RW	(PROT_READ | PROT_WRITE)

static int failed;

static void check(int ok, const char *what, long got, long want)
{
	if (ok)
		printf("ok - %s\n", what);
	else
		printf("not ok - %s: got %d, want %d\n", what, (int)got, (int)want);
	failed |= !ok;
}

#define expect(what, got, want)	do { long g_ = (got); check(g_ == (want), what, g_, want); } while (0)

static unsigned char *anon(size_t len, int prot)
{
	long r = mmap(0, len, prot, ANON, -1, 0);

	return mmap_failed(r) ? 0 : (unsigned char *)r;
}

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static void basic_mmap(void)
{
	unsigned char *p = anon(3 * P, RW);

	check(p && ((unsigned long)p & (P - 1)) == 0, "mmap anonymous 3 pages: page aligned", (long)p, 0);
	check(p && all_zero(p, 3 * P), "fresh anonymous memory reads zero", 0, 0);
	if (p) {
		p[0] = 1;
		p[2 * P + 5] = 2;
	}
	check(p && p[0] == 1 && p[2 * P + 5] == 2, "written bytes read back", 0, 0);
	expect("mmap length 0: EINVAL", mmap(0, 0, RW, ANON, -1, 0), -EINVAL);
	expect("mmap without MAP_PRIVATE or MAP_SHARED: EINVAL", mmap(0, P, RW, MAP_ANONYMOUS, -1, 0), -EINVAL);
	expect("mmap MAP_FIXED unaligned: EINVAL", mmap((void *)(0x20000000 + 1), P, RW, ANON | MAP_FIXED, -1, 0),
	       -EINVAL);
	expect("mmap 4 GiB - 4 KiB: ENOMEM", mmap(0, (size_t)-P, RW, ANON, -1, 0), -ENOMEM);
	expect("mmap of a file through a bad fd: EBADF", mmap(0, P, PROT_READ, MAP_PRIVATE, 99, 0), -EBADF);
	expect("munmap 3 pages", munmap(p, 3 * P), 0);
	expect("munmap unaligned: EINVAL", munmap(p + 1, P), -EINVAL);
	expect("munmap length 0: EINVAL", munmap(p, 0), -EINVAL);
	expect("munmap of nothing mapped: 0", munmap(p, P), 0);
}

static void fixed(void)
{
	unsigned char *p = anon(4 * P, RW), *q;
	long r;

	if (!p)
		return;
	p[P] = 7;
	r = mmap(p + P, P, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	expect("MAP_FIXED_NOREPLACE over a mapping: EEXIST", r, -EEXIST);
	check(p[P] == 7, "MAP_FIXED_NOREPLACE left the old page alone", p[P], 7);
	r = mmap(p + P, P, RW, ANON | MAP_FIXED, -1, 0);
	expect("MAP_FIXED over a mapping returns its address", r, (long)(p + P));
	check(p[P] == 0, "MAP_FIXED replaced the page with a zero one", p[P], 0);
	munmap(p, 4 * P);
	q = (unsigned char *)mmap(p, P, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	expect("MAP_FIXED_NOREPLACE on free space", (long)q, (long)p);
	munmap(q, P);
}

static void split_by_munmap(void)
{
	unsigned char *p = anon(5 * P, RW);
	unsigned char vec[5];

	if (!p)
		return;
	for (int i = 0; i < 5; i++)
		p[i * P] = (unsigned char)(i + 1);
	expect("munmap the middle page", munmap(p + 2 * P, P), 0);
	check(p[P] == 2 && p[3 * P] == 4, "the pages around the hole keep their bytes", p[P] + p[3 * P], 6);
	expect("mincore over the hole: ENOMEM", mincore(p, 5 * P, vec), -ENOMEM);
	expect("mincore below the hole", mincore(p, 2 * P, vec), 0);
	check(vec[0] == 1 && vec[1] == 1, "mincore: both pages resident", vec[0] + vec[1], 2);
	expect("mincore unaligned: EINVAL", mincore(p + 1, P, vec), -EINVAL);
	munmap(p, 5 * P);
}

static void mincore_and_madvise(void)
{
	unsigned char *p = anon(4 * P, RW);
	unsigned char vec[4];
	volatile unsigned char sink;

	if (!p)
		return;
	p[0] = 5;
	sink = p[2 * P];	/* a read: the shared zero page, which is resident too */
	(void)sink;
	expect("mincore of 4 pages", mincore(p, 4 * P, vec), 0);
	check(vec[0] == 1 && vec[1] == 0 && vec[2] == 1 && vec[3] == 0, "mincore vector 1 0 1 0",
	      vec[0] * 1000 + vec[1] * 100 + vec[2] * 10 + vec[3], 1010);
	expect("madvise MADV_DONTNEED", madvise(p, 4 * P, MADV_DONTNEED), 0);
	mincore(p, 4 * P, vec);
	check(vec[0] == 0 && vec[2] == 0, "no page resident after DONTNEED", vec[0] + vec[2], 0);
	check(p[0] == 0, "DONTNEED: the next touch reads zero", p[0], 0);
	expect("madvise unknown advice: EINVAL", madvise(p, P, 999), -EINVAL);
	expect("madvise unaligned: EINVAL", madvise(p + 1, P, MADV_NORMAL), -EINVAL);
	expect("madvise MADV_WILLNEED", madvise(p, P, MADV_WILLNEED), 0);
	expect("madvise MADV_FREE", madvise(p, P, MADV_FREE), 0);
	munmap(p, 4 * P);
	expect("madvise of unmapped memory: ENOMEM", madvise(p, P, MADV_NORMAL), -ENOMEM);
}

static void remap(void)
{
	unsigned char *p = anon(4 * P, RW), *q;
	long r;

	if (!p)
		return;
	munmap(p + 2 * P, 2 * P);	/* room above the first two pages */
	p[0] = 1;
	p[P + 9] = 2;
	r = mremap(p, 2 * P, 4 * P, 0, 0);
	expect("mremap grows in place", r, (long)p);
	p[3 * P] = 3;
	r = mremap(p, 4 * P, 3 * P, 0, 0);
	expect("mremap shrinks", r, (long)p);
	q = anon(P, PROT_READ);
	r = mmap(p + 3 * P, P, PROT_READ, ANON | MAP_FIXED, -1, 0);	/* a wall above */
	expect("mremap cannot grow into a mapping without MAYMOVE: ENOMEM", mremap(p, 3 * P, 6 * P, 0, 0), -ENOMEM);
	r = mremap(p, 3 * P, 6 * P, MREMAP_MAYMOVE, 0);
	check(!mmap_failed(r) && (unsigned char *)r != p, "mremap MAYMOVE moves", r, 0);
	if (!mmap_failed(r)) {
		unsigned char *m = (unsigned char *)r;

		check(m[0] == 1 && m[P + 9] == 2, "mremap kept the contents", m[0] + m[P + 9], 3);
		check(m[5 * P] == 0, "the grown part reads zero", m[5 * P], 0);
		expect("mremap MREMAP_FIXED", mremap(m, 6 * P, 6 * P, MREMAP_MAYMOVE | MREMAP_FIXED, p + 16 * P),
		       (long)(p + 16 * P));
		check(p[16 * P] == 1, "MREMAP_FIXED kept the contents", p[16 * P], 1);
		munmap(p + 16 * P, 6 * P);
	}
	expect("mremap of unmapped memory: EFAULT", mremap(p, P, 2 * P, 0, 0), -14);
	expect("mremap unknown flags: EINVAL", mremap(p + 3 * P, P, P, 8, 0), -EINVAL);
	expect("mremap MREMAP_FIXED without MAYMOVE: EINVAL", mremap(p + 3 * P, P, P, MREMAP_FIXED, p), -EINVAL);
	expect("mremap to length 0: EINVAL", mremap(p + 3 * P, P, 0, 0, 0), -EINVAL);
	munmap(p + 3 * P, P);
	munmap(q, P);
}

static void protect_lock_sync(void)
{
	unsigned char *p = anon(2 * P, RW);

	if (!p)
		return;
	p[0] = 4;
	expect("mprotect PROT_READ", mprotect(p, P, PROT_READ), 0);
	check(p[0] == 4, "a read-only page still reads", p[0], 4);
	expect("mprotect back to read/write", mprotect(p, P, RW), 0);
	p[0] = 5;
	check(p[0] == 5, "and takes a write again", p[0], 5);
	expect("mprotect unaligned: EINVAL", mprotect(p + 1, P, PROT_READ), -EINVAL);
	expect("mprotect unknown bits: EINVAL", mprotect(p, P, 0x10), -EINVAL);
	expect("mprotect past the mapping: ENOMEM", mprotect(p, 3 * P, PROT_READ), -ENOMEM);
	expect("mlock 2 pages", mlock(p, 2 * P), 0);
	expect("munlock", munlock(p, 2 * P), 0);
	expect("mlock of unmapped memory: ENOMEM", mlock(p + 2 * P, P), -ENOMEM);
	expect("mlockall with no flags: EINVAL", mlockall(0), -EINVAL);
	expect("mlockall MCL_ONFAULT alone: EINVAL", mlockall(MCL_ONFAULT), -EINVAL);
	expect("mlockall MCL_CURRENT", mlockall(MCL_CURRENT), 0);
	expect("munlockall", munlockall(), 0);
	expect("msync MS_SYNC", msync(p, P, MS_SYNC), 0);
	expect("msync MS_SYNC|MS_ASYNC: EINVAL", msync(p, P, MS_SYNC | MS_ASYNC), -EINVAL);
	expect("msync unknown flags: EINVAL", msync(p, P, 8), -EINVAL);
	expect("msync unaligned: EINVAL", msync(p + 1, P, MS_SYNC), -EINVAL);
	munmap(p, 2 * P);
	expect("msync of unmapped memory: ENOMEM", msync(p, P, MS_SYNC), -ENOMEM);
}

static void shared_and_populate(void)
{
	unsigned char *s = (unsigned char *)mmap(0, P, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	unsigned char *p = (unsigned char *)mmap(0, 4 * P, RW, ANON | MAP_POPULATE, -1, 0);
	unsigned char vec[4] = { 0, 0, 0, 0 };

	check(!mmap_failed((long)s) && s[0] == 0, "MAP_SHARED|MAP_ANONYMOUS reads zero", 0, 0);
	if (!mmap_failed((long)s)) {
		s[1] = 9;
		check(s[1] == 9, "and keeps a write", s[1], 9);
		munmap(s, P);
	}
	if (!mmap_failed((long)p)) {
		mincore(p, 4 * P, vec);
		check(vec[0] && vec[1] && vec[2] && vec[3], "MAP_POPULATE: every page resident at once",
		      vec[0] + vec[1] + vec[2] + vec[3], 4);
		munmap(p, 4 * P);
	}
}

int main(int argc, char **argv, char **envp)
{
	basic_mmap();
	fixed();
	split_by_munmap();
	mincore_and_madvise();
	remap();
	protect_lock_sync();
	shared_and_populate();
	printf("mmap: %s\n", failed ? "FAILED" : "all passed");
	return failed;
}
