/*
 * The vmalloc window (mm/vmalloc.c): first-fit placement with a guard page
 * after every area, the static device areas, vmap of highmem pages,
 * ioremap, failure at any step leaving nothing behind, bad frees refused,
 * /proc/vmallocinfo, the fault description, and a seeded random run that
 * fills the window and gives everything back.  The fake MMU maps nothing
 * for real, so the tests read mappings through arch_query and the record
 * of operations, never through the vmalloc addresses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <vmalloc.h>
#include "mm_boot.h"

#define P	PAGE_SIZE

/*
 * 1 GiB with the default reserve and two static areas (the board's device
 * map, placed here at 0xf8000000 so that it splits the window in every split):
 *   WINDOW_START ........ free ........ 0xf8000000 [v2m-periph][a9-private]
 *   0xf8200000 ... free ... 0xff800000
 * The window starts VMALLOC_OFFSET above the end of lowmem: all of RAM in
 * 2G/2G and 1G/3G (0xc0000000, 0x80000000), the lowmem limit in 3G/1G
 * (VMALLOC_END - reserve - VMALLOC_OFFSET = 0xf0000000, Normal
 * 0x60000000-0x8fffffff and HighMem 0x90000000-0x9fffffff).
 */
#define LIMIT_VA	(VMALLOC_END - VMALLOC_DEFAULT_RESERVE - VMALLOC_OFFSET)
#define RAM_END_VA	((u64)PAGE_OFFSET + 1024 * MiB)
#define WINDOW_START	((unsigned long)(RAM_END_VA < LIMIT_VA ? RAM_END_VA : LIMIT_VA) + VMALLOC_OFFSET)
#define STATIC_START	0xf8000000UL
#define STATIC_END	0xf8200000UL

static unsigned long free_at_start, areas_at_start;

static int boot_1g(void **state)
{
	(void)state;
	mm_boot(1024 * MiB, 0);
	vmalloc_init();
	/* What devicemaps_init and start_kernel do on the board. */
	assert_int_equal(arch_map_range(STATIC_START, 0x10000000, SZ_1M, ARCH_MAP_DEVICE), 0);
	assert_int_equal(arch_map_range(STATIC_START + SZ_1M, 0x1e000000, SZ_1M, ARCH_MAP_DEVICE), 0);
	assert_int_equal(vmalloc_reserve_early(STATIC_START, SZ_1M, "v2m-periph"), 0);
	assert_int_equal(vmalloc_reserve_early(STATIC_START + SZ_1M, SZ_1M, "a9-private"), 0);
	free_at_start = nr_free_pages();
	areas_at_start = vmalloc_nr_areas();
	host_log_clear();
	return 0;
}

static unsigned long va(const void *p) { return (unsigned long)p; }

static bool mapped(unsigned long addr)
{
	phys_addr_t pa;
	unsigned int flags;

	return arch_query(addr, &pa, &flags);
}

/* Everything taken since boot_1g is back: pages, areas, mappings. */
static void assert_all_returned(void)
{
	assert_int_equal(nr_free_pages(), free_at_start);
	assert_int_equal(vmalloc_nr_areas(), areas_at_start);
	assert_int_equal(vmalloc_nr_pages(), 0);
	assert_int_equal(host_arch.mapped_pages, 2 * 256);	/* the static map only */
	assert_int_equal(vmalloc_check(), 0);
	assert_int_equal(buddy_check(), 0);
}

/*
 * The static areas and the empty window: the largest free range below
 * them is [WINDOW_START, 0xf8000000), so an ioremap of that size minus its
 * guard fits exactly at the window's start, and one page more does not.
 */
static void test_static_areas_split_the_window(void **state)
{
	host_skip_unless(STATIC_START - WINDOW_START <= 0x60000000UL,
			 "1G/3G's window below the static map (1912 MiB) is larger than any physical range outside RAM");
	void *p;

	(void)state;
	assert_int_equal(vmalloc_start, WINDOW_START);
	assert_int_equal(areas_at_start, 2);
	assert_int_equal(vmalloc_check(), 0);
	/* from physical 0: up to 886 MiB (1G/3G's window) without reaching RAM at 0x60000000 */
	p = ioremap(0, STATIC_START - WINDOW_START - P);
	assert_int_equal(va(p), WINDOW_START);
	assert_null(ioremap(0, STATIC_START - WINDOW_START));	/* the part above the static map is smaller */
	iounmap(p);
	p = ioremap(0x40000000, VMALLOC_END - STATIC_END - P);
	assert_int_equal(va(p), WINDOW_START);
	iounmap(p);
	/* Overlapping or stray early areas are refused. */
	assert_int_equal(vmalloc_reserve_early(STATIC_START + SZ_1M, P, "again"), -EINVAL);
	assert_int_equal(vmalloc_reserve_early(WINDOW_START - 2 * SZ_1M, SZ_1M, "below"), -EINVAL);
	assert_int_equal(vmalloc_reserve_early(WINDOW_START + 1, P, "odd"), -EINVAL);
	assert_int_equal(host_log_count("vmalloc: early area "), 3);
	assert_all_returned();
}

/*
 *   s = WINDOW_START (0xf0800000 in 3G/1G)
 *   A: vmalloc(1 page)  at s       [A][g]
 *   B: vmalloc(3 pages) at s+2p           [B  B  B][g]
 *   C: ioremap(1 page)  at s+6p                       [C][g]
 *   D: vmap(2 pages)    at s+8p                              [D D][g]
 * B freed leaves a 4-page hole: E (2 pages + guard) takes its start, F
 * (1 + guard) no longer fits in the page left and goes after D.  No guard
 * page is ever mapped, by any operation in the record.
 */
static void test_first_fit_and_guard_pages(void **state)
{
	unsigned long s = WINDOW_START, first_op = host_arch.nr_ops, since_b;
	struct page *pages[2] = { alloc_page(GFP_KERNEL), alloc_page(GFP_KERNEL) };
	void *a, *b, *c, *d, *e, *f;
	unsigned long guards[5];

	(void)state;
	a = vmalloc(1);
	b = vmalloc(3 * P);
	c = ioremap(0x10009000, 0x1000);
	d = vmap(pages, 2, 0);
	assert_int_equal(va(a), s);
	assert_int_equal(va(b), s + 2 * P);
	assert_int_equal(va(c), s + 6 * P);
	assert_int_equal(va(d), s + 8 * P);
	vfree(b);
	since_b = host_arch.nr_ops;
	e = vmalloc(2 * P);
	f = vmalloc(P);
	assert_int_equal(va(e), s + 2 * P);
	assert_int_equal(va(f), s + 11 * P);
	assert_int_equal(vmalloc_check(), 0);

	/* A, C and D have lived through every operation; E and F since B went. */
	guards[0] = s + P;
	guards[1] = s + 7 * P;
	guards[2] = s + 10 * P;
	guards[3] = s + 4 * P;	/* after E */
	guards[4] = s + 12 * P;	/* after F */
	for (unsigned int g = 0; g < ARRAY_SIZE(guards); g++) {
		assert_false(mapped(guards[g]));
		for (unsigned int i = g < 3 ? first_op : since_b; i < host_arch.nr_ops; i++)
			if (host_ops[i].kind == HOST_OP_MAP && host_ops[i].result == 0 &&
			    guards[g] >= host_ops[i].va && guards[g] < host_ops[i].va + host_ops[i].size)
				fail_msg("guard page 0x%lx was mapped by op %u", guards[g], i);
	}
	assert_true(mapped(s + 5 * P) == false);	/* the rest of B's hole */

	vfree(a);
	iounmap(c);
	vunmap(d);
	vfree(e);
	vfree(f);
	__free_page(pages[0]);
	__free_page(pages[1]);
	assert_all_returned();
}

/* vmalloc takes highmem first, maps cached and never-execute, and vfree flushes the range. */
static void test_vmalloc_pages_and_flush(void **state)
{
	host_skip_unless(PAGE_OFFSET == 0xC0000000UL && IS_ENABLED(CONFIG_HIGHMEM), "expects 3G/1G with highmem");
	void *p;
	unsigned int flags, first_op;
	phys_addr_t pa;
	bool flushed = false;

	(void)state;
	p = vmalloc(5 * P);
	assert_int_equal(vmalloc_nr_pages(), 5);
	for (int i = 0; i < 5; i++) {
		assert_true(arch_query(va(p) + i * P, &pa, &flags));
		assert_int_equal(flags, ARCH_MAP_CACHED | ARCH_MAP_NX);
		assert_true(PageHighMem(pfn_to_page(PFN_DOWN(pa))));
		assert_ptr_equal(vmalloc_to_page((char *)p + i * P + 7), pfn_to_page(PFN_DOWN(pa)));
	}
	assert_null(vmalloc_to_page((char *)p + 5 * P));
	first_op = host_arch.nr_ops;
	vfree(p);
	for (unsigned int i = first_op; i < host_arch.nr_ops; i++) {
		if (host_ops[i].kind == HOST_OP_FLUSH_RANGE && host_ops[i].va == va(p) && host_ops[i].size == 5 * P)
			flushed = true;
		if (host_ops[i].kind == HOST_OP_UNMAP)
			assert_false(flushed);	/* unmap first, then flush */
	}
	assert_true(flushed);
	assert_all_returned();
}

/* Highmem pages (no lowmem address) side by side through vmap; vunmap leaves them allocated. */
static void test_vmap_highmem_pages(void **state)
{
	host_skip_unless(PAGE_OFFSET == 0xC0000000UL && IS_ENABLED(CONFIG_HIGHMEM), "expects 3G/1G with highmem");
	struct page *pages[3];
	unsigned int flags;
	phys_addr_t pa;
	void *v;

	(void)state;
	for (int i = 0; i < 3; i++) {
		pages[i] = alloc_page(GFP_HIGHUSER);
		assert_true(PageHighMem(pages[i]));
	}
	/* Out of order on purpose: vmap keeps the caller's order. */
	{ struct page *t = pages[0]; pages[0] = pages[2]; pages[2] = t; }
	v = vmap(pages, 3, ARCH_MAP_CACHED | ARCH_MAP_NX | ARCH_MAP_RO);
	assert_non_null(v);
	for (int i = 0; i < 3; i++) {
		assert_true(arch_query(va(v) + i * P, &pa, &flags));
		assert_int_equal(pa, page_to_phys(pages[i]));
		assert_int_equal(flags, ARCH_MAP_CACHED | ARCH_MAP_NX | ARCH_MAP_RO);
	}
	assert_false(mapped(va(v) + 3 * P));
	assert_int_equal(vmalloc_nr_pages(), 0);	/* the pages are not the area's */
	vunmap(v);
	for (int i = 0; i < 3; i++) {
		assert_false(mapped(va(v) + i * P));
		assert_int_equal(pages[i]->_refcount, 1);
		__free_page(pages[i]);
	}
	assert_null(vmap(pages, 0, 0));
	assert_all_returned();
}

/*
 * Make the next vmalloc's pages come one by one from scattered frames:
 * take 64 HighMem pages and give back every other one, so the order-0
 * list holds 32 frames no two of which are adjacent.
 */
static struct page *scatter_holder[32];

static void scatter_highmem(void)
{
	struct page *p[64];

	for (int i = 0; i < 64; i++)
		p[i] = alloc_page(GFP_HIGHUSER);
	for (int i = 0; i < 64; i++) {
		if (i & 1)
			__free_page(p[i]);
		else
			scatter_holder[i / 2] = p[i];
	}
}

static void unscatter(void)
{
	for (int i = 0; i < 32; i++)
		__free_page(scatter_holder[i]);
}

/*
 * vmalloc(16 pages) over scattered frames takes 16 map calls; the n-th one
 * fails for every n.  Expected: NULL, and buddyinfo, areas and mappings
 * exactly as before.  Then vmap with its per-page maps the same way.
 */
static void test_failure_midway_leaves_nothing(void **state)
{
	struct mm_snapshot before;
	struct page *pages[8];
	unsigned int mapped_before;

	(void)state;
	scatter_highmem();
	mm_snap_buddyinfo(&before);
	mapped_before = host_arch.mapped_pages;
	for (int n = 0; n < 16; n++) {
		host_arch_fail_map_after(n);
		assert_null(vmalloc(16 * P));
		assert_buddyinfo_equal(&before);
		assert_int_equal(host_arch.mapped_pages, mapped_before);
		assert_int_equal(vmalloc_nr_areas(), areas_at_start);
		assert_int_equal(vmalloc_check(), 0);
	}
	host_arch_fail_map_after(16);
	{
		void *p = vmalloc(16 * P);

		assert_non_null(p);
		host_arch_fail_map_after(-1);
		vfree(p);
	}
	assert_buddyinfo_equal(&before);

	for (int i = 0; i < 8; i++)
		pages[i] = scatter_holder[i];
	for (int n = 0; n < 8; n++) {
		host_arch_fail_map_after(n);
		assert_null(vmap(pages, 8, 0));
		assert_int_equal(host_arch.mapped_pages, mapped_before);
		assert_int_equal(vmalloc_nr_areas(), areas_at_start);
	}
	host_arch_fail_map_after(0);
	assert_null(ioremap(0x10000000, 3 * P));
	assert_int_equal(vmalloc_nr_areas(), areas_at_start);
	unscatter();
	assert_all_returned();
	host_log_expect_empty();
}

/*
 * Pages running out midway: GFP_HIGHUSER taken down to its watermarks,
 * then 5 pages given back; vmalloc(10 pages) gets 5 and fails.
 * Expected: NULL, those 5 back, nothing mapped.
 */
static void test_pages_run_out_midway(void **state)
{
	host_skip_unless(!IS_ENABLED(CONFIG_DEBUG_MM), "DEBUG_MM checks all of 1 GiB after every page operation: hours here");
	struct list_head taken;
	struct page *p;
	unsigned long free_before;
	int i = 0;

	(void)state;
	INIT_LIST_HEAD(&taken);
	while ((p = alloc_page(GFP_HIGHUSER)) != NULL)
		list_add(&p->lru, &taken);
	while (i++ < 5) {
		p = list_entry(taken.next, struct page, lru);
		list_del(&p->lru);
		__free_page(p);
	}
	free_before = nr_free_pages();
	assert_null(vmalloc(10 * P));
	assert_int_equal(nr_free_pages(), free_before);
	assert_int_equal(host_arch.mapped_pages, 2 * 256);
	assert_non_null(p = vmalloc(5 * P));
	assert_null(vmalloc(1));
	vfree(p);
	while (!list_empty(&taken)) {
		p = list_entry(taken.next, struct page, lru);
		list_del(&p->lru);
		__free_page(p);
	}
	assert_all_returned();
}

/* Every kind of wrong free is reported on one line and changes nothing. */
static void test_bad_frees_are_refused(void **state)
{
	struct page *page = alloc_page(GFP_KERNEL);
	void *v = vmalloc(2 * P), *m = vmap(&page, 1, 0);
	char line[160], vmap_line[80], vmalloc_line[80], low_line[80], none_line[80];

	(void)state;
	host_log_clear();
	vfree((char *)v + P);
	vfree(m);
	vunmap(v);
	vfree((void *)STATIC_START);
	iounmap((void *)STATIC_START);
	vfree((void *)(PAGE_OFFSET + 0x1000));	/* lowmem: below the window in every split */
	vfree((void *)(WINDOW_START + 100 * P));
	vfree(NULL);
	vunmap(NULL);
	iounmap(NULL);
	snprintf(line, sizeof(line), "vmalloc: vfree(0x%08lx) refused: not the start of an area",
		 va(v) + P);
	/* v at the window's start (2 pages and a guard), m after it */
	snprintf(vmap_line, sizeof(vmap_line), "vmalloc: vfree(0x%08lx) refused: a vmap area", WINDOW_START + 3 * P);
	snprintf(vmalloc_line, sizeof(vmalloc_line), "vmalloc: vunmap(0x%08lx) refused: a vmalloc area", WINDOW_START);
	snprintf(low_line, sizeof(low_line), "vmalloc: vfree(0x%08lx) refused: outside the vmalloc window",
		 PAGE_OFFSET + 0x1000);
	snprintf(none_line, sizeof(none_line), "vmalloc: vfree(0x%08lx) refused: no area there", WINDOW_START + 100 * P);
	host_log_expect(line, vmap_line, vmalloc_line,
			"vmalloc: vfree(0xf8000000) refused: a static mapping",
			"vmalloc: iounmap(0xf8000000) refused: a static mapping",
			low_line, none_line);
	assert_int_equal(vmalloc_check(), 0);
	vfree(v);
	vunmap(m);
	__free_page(page);
	assert_all_returned();
}

/* Sizes that cannot be had return NULL and take nothing. */
static void test_impossible_sizes(void **state)
{
	(void)state;
	assert_null(vmalloc(0));
	assert_null(vmalloc(VMALLOC_END - WINDOW_START));
	assert_null(vmalloc(0xffffffffUL));
	assert_null(ioremap(0x10000000, 0));
	assert_null(ioremap(0xfffff000, 0x2000));	/* wraps */
	assert_all_returned();
}

/* Replace each line's caller (the third field, a hex address) by CALLER. */
static void mask_callers(const char *in, char *out, size_t size)
{
	size_t o = 0;

	while (*in && o + 8 < size) {
		const char *eol = strchr(in, '\n'), *p = in;
		int fields = 0;

		if (!eol)
			eol = in + strlen(in);
		while (p < eol && fields < 2) {	/* skip "range" and "size" */
			while (p < eol && *p == ' ')
				p++;
			while (p < eol && *p != ' ')
				p++;
			fields++;
		}
		memcpy(out + o, in, (size_t)(p - in));
		o += (size_t)(p - in);
		if (p + 3 < eol && !strncmp(p, " 0x", 3)) {
			memcpy(out + o, " CALLER", 7);
			o += 7;
			p += 3;
			while (p < eol && *p != ' ')
				p++;
		}
		memcpy(out + o, p, (size_t)(eol - p) + (*eol ? 1 : 0));
		o += (size_t)(eol - p) + (*eol ? 1 : 0);
		in = *eol ? eol + 1 : eol;
	}
	out[o] = '\0';
}

/* /proc/vmallocinfo lines in Linux's format, in address order; meminfo's VmallocUsed. */
static void test_vmallocinfo_text(void **state)
{
	const unsigned long w = WINDOW_START;
	struct page *pages[2] = { alloc_page(GFP_HIGHUSER), alloc_page(GFP_HIGHUSER) };
	char buf[1024], masked[1024], want[1024];
	struct seq s;
	void *v, *io, *m;

	(void)state;
	v = vmalloc(10000);
	io = ioremap(0x10000123, 0x100);
	m = vmap(pages, 2, 0);
	assert_int_equal(va(io), w + 0x4123);
	seq_init(&s, buf, sizeof(buf));
	vmallocinfo_show(&s);
	mask_callers(buf, masked, sizeof(masked));
	snprintf(want, sizeof(want),
		 "0x%08lx-0x%08lx   16384 CALLER pages=3 vmalloc\n"
		 "0x%08lx-0x%08lx    8192 CALLER phys=0x10000000 ioremap\n"
		 "0x%08lx-0x%08lx   12288 CALLER vmap\n"
		 "0xf8000000-0xf8100000 1048576 v2m-periph phys=0x10000000 ioremap\n"
		 "0xf8100000-0xf8200000 1048576 a9-private phys=0x1e000000 ioremap\n",
		 w, w + 0x4000, w + 0x4000, w + 0x6000, w + 0x6000, w + 0x9000);
	assert_string_equal(masked, want);
	/* The caller is the function that called vmalloc: this one. */
	{
		unsigned long caller = strtoul(strstr(buf, "16384 ") + 6, NULL, 16);

		assert_true(caller > (unsigned long)test_vmallocinfo_text &&
			    caller < (unsigned long)test_vmallocinfo_text + 4096);
	}
	seq_init(&s, buf, sizeof(buf));
	meminfo_show(&s);
	/* VmallocTotal: the window, 245760 kB (240 MiB) in 3G/1G */
	snprintf(want, sizeof(want), "VmallocTotal:   %8lu kB\nVmallocUsed:          12 kB\nVmallocChunk:          0 kB\n",
		 (VMALLOC_END - w) / 1024);
	assert_non_null(strstr(buf, want));

	host_log_clear();
	assert_true(vmalloc_describe_fault(w + 0x3000 + 0x10));
	snprintf(want, sizeof(want), "vmalloc: fault in the guard page after [0x%08lx-0x%08lx] (12288 bytes, caller 0x",
		 w, w + 0x3000);
	assert_true(host_log_contains(want));
	host_log_clear();
	assert_true(vmalloc_describe_fault(w + 0x1000));
	snprintf(want, sizeof(want), "vmalloc: fault inside the vmalloc area [0x%08lx-0x%08lx] (12288 bytes", w, w + 0x3000);
	assert_true(host_log_contains(want));
	host_log_clear();
	assert_true(vmalloc_describe_fault(0xf8100040));
	host_log_expect("vmalloc: fault inside the static mapping a9-private [0xf8100000-0xf8200000]");
	host_log_clear();
	assert_false(vmalloc_describe_fault(w + 0x100000));
	assert_false(vmalloc_describe_fault(PAGE_OFFSET));
	host_log_expect_empty();

	vfree(v);
	iounmap(io);
	vunmap(m);
	__free_page(pages[0]);
	__free_page(pages[1]);
	assert_all_returned();
}

/* The checker itself: a planted inconsistency is found. */
static void test_check_finds_a_mapped_guard(void **state)
{
	void *p = vmalloc(P);
	char line[96];

	(void)state;
	assert_int_equal(arch_map_range(va(p) + P, 0x60000000, P, ARCH_MAP_CACHED), 0);
	host_log_clear();
	assert_int_equal(vmalloc_check(), 1);
	snprintf(line, sizeof(line), "vmalloc_check: area at 0x%08lx size 0x2000: guard page is mapped", WINDOW_START);
	assert_true(host_log_contains(line));
	arch_unmap_range(va(p) + P, P);
	assert_int_equal(vmalloc_check(), 0);
	vfree(p);
	assert_all_returned();
}

/*
 * Seeded random run over the 240 MiB window: vmalloc (1..64 pages),
 * ioremap and vmap areas taken and freed in random order, two takes for
 * each free, until a one-page request fails: the window (not RAM) is then
 * exhausted.  The tree is checked as it goes; at the end every area is
 * freed in random order and everything must be back, down to one free
 * range that an ioremap of its full size fills again.
 */
#define MAX_LIVE	32768

struct live { void *addr; int kind; };

static struct live live[MAX_LIVE];
static struct page *vmap_page;

static void *take(int kind, unsigned long pages)
{
	switch (kind) {
	case 0: return vmalloc(pages * P - (host_rnd() % P));
	case 1: return ioremap(0x10000000 + (host_rnd() % 64) * P, pages * P);
	default: return vmap(&vmap_page, 1, 0);
	}
}

static void give(struct live *l)
{
	if (l->kind == 0)
		vfree(l->addr);
	else if (l->kind == 1)
		iounmap(l->addr);
	else
		vunmap(l->addr);
}

static void test_random_fill_and_drain(void **state)
{
	host_skip_unless(!IS_ENABLED(CONFIG_DEBUG_MM), "DEBUG_MM checks all of 1 GiB after every page operation: hours here");
	host_skip_unless(PAGE_OFFSET == 0xC0000000UL, "expects the 3G/1G vmalloc window and its addresses");
	unsigned long steps = 0;
	int n = 0, fills = 0;
	void *p;

	(void)state;
	host_rng_state = 2026;
	vmap_page = alloc_page(GFP_HIGHUSER);
	free_at_start = nr_free_pages();
	/* Phase 1: two takes for each free, until a take finds no room. */
	for (;;) {
		if (n && host_rnd() % 3 == 0) {
			int i = (int)(host_rnd() % (u32)n);

			give(&live[i]);
			live[i] = live[--n];
		} else {
			int kind = (int)(host_rnd() % 8 < 5 ? 0 : host_rnd() % 2 + 1);

			p = take(kind, 1 + host_rnd() % 64);
			if (!p)
				break;
			assert_true(n < MAX_LIVE);
			live[n].addr = p;
			live[n++].kind = kind;
		}
		if (++steps % 512 == 0)
			assert_int_equal(vmalloc_check(), 0);
	}
	assert_true(n > 1000);
	/* Phase 2: one-page areas into every hole left, until none fits. */
	while ((p = vmalloc(1)) != NULL) {
		assert_true(n < MAX_LIVE);
		live[n].addr = p;
		live[n++].kind = 0;
		fills++;
	}
	assert_int_equal(vmalloc_nr_areas(), areas_at_start + (unsigned long)n);
	assert_int_equal(vmalloc_check(), 0);
	assert_null(ioremap(0x10000000, P));
	/* Drain in random order. */
	while (n) {
		int i = (int)(host_rnd() % (u32)n);

		give(&live[i]);
		live[i] = live[--n];
		if (n % 512 == 0)
			assert_int_equal(vmalloc_check(), 0);
	}
	assert_all_returned();
	__free_page(vmap_page);
	/* One free range again below the static map. */
	p = ioremap(0x40000000, STATIC_START - WINDOW_START - P);
	assert_int_equal(va(p), WINDOW_START);
	iounmap(p);
	(void)fills;
	host_log_expect_empty();
}

/*
 * The area records (one per area, carved from whole GFP_KERNEL pages) are
 * vmalloc's own bookkeeping: with every record page full and no GFP_KERNEL
 * page to be had, vmalloc, vmap and ioremap must fail before they touch a
 * page or a page table, even though HighMem (where there is one) still
 * has pages for vmalloc.  Expected: NULL from each; free pages, areas,
 * vmalloc pages, record pages and mappings unchanged, no map call made,
 * the tree still sound; with memory back, they work again.
 */
static void test_records_cannot_grow(void **state)
{
	static void *fill[1024];
	unsigned long records = vmalloc_nr_node_pages(), free_before, areas, maps;
	struct page *pages[2];
	int n = 0;

	(void)state;
	assert_non_null(pages[0] = alloc_page(GFP_HIGHUSER));
	assert_non_null(pages[1] = alloc_page(GFP_HIGHUSER));
	/* Areas until one needs a new record page; freeing that one gives the page back, the rest are full. */
	while (n < 1024 && vmalloc_nr_node_pages() == records)
		assert_non_null(fill[n++] = vmalloc(P));
	assert_int_equal(vmalloc_nr_node_pages(), records + 1);
	vfree(fill[--n]);
	assert_int_equal(vmalloc_nr_node_pages(), records);

	assert_true(host_starve(GFP_KERNEL) > 0);
	free_before = nr_free_pages();
	areas = vmalloc_nr_areas();
	maps = host_arch.maps;
	assert_null(vmalloc(P));
	assert_null(vmap(pages, 2, 0));
	assert_null(ioremap(0x10009000, 0x1000));
	assert_int_equal(nr_free_pages(), free_before);
	assert_int_equal(vmalloc_nr_areas(), areas);
	assert_int_equal(vmalloc_nr_pages(), (unsigned long)n);
	assert_int_equal(vmalloc_nr_node_pages(), records);
	assert_int_equal(host_arch.maps, maps);
	assert_int_equal(vmalloc_check(), 0);

	host_unstarve();
	assert_non_null(fill[n] = vmalloc(P));
	n++;
	while (n--)
		vfree(fill[n]);
	__free_page(pages[0]);
	__free_page(pages[1]);
	assert_all_returned();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_static_areas_split_the_window, boot_1g, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_first_fit_and_guard_pages, boot_1g, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_vmalloc_pages_and_flush, boot_1g, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_vmap_highmem_pages, boot_1g, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_failure_midway_leaves_nothing, boot_1g, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_pages_run_out_midway, boot_1g, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_bad_frees_are_refused, boot_1g, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_impossible_sizes, boot_1g, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_vmallocinfo_text, boot_1g, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_check_finds_a_mapped_guard, boot_1g, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_random_fill_and_drain, boot_1g, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_records_cannot_grow, boot_1g, host_unstarve_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
