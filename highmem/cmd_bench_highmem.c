/*
 * Benchmarks of the highmem mappings (kernel only, left out of the host
 * build; see include/bench.h): kmap + kunmap through the pkmap window with
 * its wrap flushes included, kmap + kunmap of a page still mapped, and
 * kmap_local_page + kunmap_local.  With no
 * highmem (2G/2G at 1 GiB) the pages come from lowmem and both figures
 * measure the lowmem path, which hands back the linear address.
 */
#include <bench.h>
#include <gfp.h>
#include <highmem.h>

/*
 * Twice as many distinct pages as the window has slots, used in turn: a
 * page comes back only after two wraps of the slot search, so every kmap
 * takes a new slot (never the cheap "still mapped" path), and every
 * LAST_PKMAP kmaps pay for one wrap: unmapping the LAST_PKMAP unused slots
 * and one TLB flush of the window.  KMAP_ITERATIONS is a multiple of
 * LAST_PKMAP, so the timed loop holds a whole number of wraps (40).
 */
#define KMAP_PAGES		(2 * LAST_PKMAP)
#define KMAP_ITERATIONS		(40 * LAST_PKMAP)
#define KMAP_LOCAL_ITERATIONS	20000

static struct page *kmap_pages[KMAP_PAGES];

/* Take KMAP_PAGES single pages, highmem first; false (nothing held) if they cannot be had. */
static bool get_pages(void)
{
	for (unsigned int i = 0; i < KMAP_PAGES; i++) {
		kmap_pages[i] = alloc_page(GFP_HIGHUSER);
		if (!kmap_pages[i]) {
			while (i--)
				__free_page(kmap_pages[i]);
			return false;
		}
	}
	return true;
}

static void put_pages(void)
{
	for (unsigned int i = 0; i < KMAP_PAGES; i++)
		__free_page(kmap_pages[i]);
}

/* False if a kmap failed (something else holds the whole window). */
static bool kmap_kunmap_loop(unsigned int iterations)
{
	for (unsigned int i = 0; i < iterations; i++) {
		struct page *page = kmap_pages[i % KMAP_PAGES];

		if (!kmap(page))
			return false;
		kunmap(page);
	}
	return true;
}

static u64 kmap_kunmap_insns(void)
{
	unsigned long flushes;
	u32 t0, ticks;
	bool ok, high;

	if (!get_pages())
		return BENCH_NONE;
	high = PageHighMem(kmap_pages[0]);
	ok = kmap_kunmap_loop(KMAP_PAGES);	/* every slot used once: the steady state */
	flushes = pkmap_flushes;
	t0 = bench_now();
	ok = ok && kmap_kunmap_loop(KMAP_ITERATIONS);
	ticks = bench_now() - t0;
	/* The figure claims one wrap per LAST_PKMAP kmaps: refuse it if that is not what ran. */
	if (high && pkmap_flushes - flushes != KMAP_ITERATIONS / LAST_PKMAP)
		ok = false;
	put_pages();
	return ok ? bench_per_op_x100(ticks, KMAP_ITERATIONS) : BENCH_NONE;
}
BENCH(kmap_kunmap_insns, kmap_kunmap_insns, KMAP_ITERATIONS);

/*
 * kmap + kunmap of one page again and again: after the first, kmap finds
 * the page still mapped (kunmap leaves its slot mapped until the next
 * wrap) and only counts a user; no slot search, no entry written, no
 * wrap.  This is the path Linux's kmap_high takes for a page it finds in
 * page_address(), and the one issue 14's "310 for kmap+kunmap" measured.
 */
static u64 kmap_kunmap_mapped_insns(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	unsigned long flushes;
	u32 t0, ticks;
	bool ok;

	if (!page)
		return BENCH_NONE;
	ok = kmap(page) != NULL;
	kunmap(page);
	flushes = pkmap_flushes;
	t0 = bench_now();
	for (unsigned int i = 0; ok && i < KMAP_ITERATIONS; i++) {
		ok = kmap(page) != NULL;
		kunmap(page);
	}
	ticks = bench_now() - t0;
	/* The figure claims the mapped path: no wrap may have happened in the loop. */
	ok = ok && pkmap_flushes == flushes;
	__free_page(page);
	return ok ? bench_per_op_x100(ticks, KMAP_ITERATIONS) : BENCH_NONE;
}
BENCH(kmap_kunmap_mapped_insns, kmap_kunmap_mapped_insns, KMAP_ITERATIONS);

static u64 kmap_local_insns(void)
{
	u32 t0, ticks;

	if (!get_pages())
		return BENCH_NONE;
	kunmap_local(kmap_local_page(kmap_pages[0]));	/* any page table the slot needs is made now */
	t0 = bench_now();
	for (unsigned int i = 0; i < KMAP_LOCAL_ITERATIONS; i++)
		kunmap_local(kmap_local_page(kmap_pages[i % KMAP_PAGES]));
	ticks = bench_now() - t0;
	put_pages();
	return bench_per_op_x100(ticks, KMAP_LOCAL_ITERATIONS);
}
BENCH(kmap_local_insns, kmap_local_insns, KMAP_LOCAL_ITERATIONS);
