/*
 * `stress`: a seeded random mix of memory operations over every allocator
 * (buddy blocks of every order from both zones, kmalloc of every class and
 * the large-block path, a red-zoned and poisoned private cache, vmalloc,
 * vzalloc and vmap), each block filled with a pattern unique to it and
 * checked before it is freed, with buddy_check and vmalloc_check every
 * STRESS_CHECK_EVERY operations.  At the end everything is given back and
 * /proc/buddyinfo must read exactly as before the run.  Every online CPU
 * runs the mix at once (on_each_cpu), each with its own slots and its own
 * random sequence; with more than one CPU the invariant checks wait for the
 * end, since an allocation between taking a block and marking it allocated
 * looks to a concurrent check like a lost page.  The allocators are the
 * other files' business; this file only drives and checks them.
 */
#include <board.h>
#include <gfp.h>
#include <highmem.h>
#include <mm.h>
#include <printk.h>
#include <seq.h>
#include <shell.h>
#include <slab.h>
#include <smp.h>
#include <stress.h>
#include <string.h>
#include <vmalloc.h>
#include "../mm/internal.h"

#define STRESS_SLOTS		256	/* objects live at once, at most */
#define STRESS_CHECK_EVERY	1024	/* operations between invariant checks */
#define STRESS_MAX_REPORTS	10	/* error lines printed per run */
#define STRESS_PROGRESS_EVERY	(1UL << 17)	/* operations between progress lines (some seconds) */
#define STRESS_VMAP_PAGES	8	/* pages per vmap, at most */
#define STRESS_VMALLOC_MAX	(256 * 1024)
/* Window the page-table warm-up covers: more than the live vmalloc areas can span. */
#define STRESS_WARM_VMALLOC	(64UL << 20)
#define PKMAP_ORDER		9	/* 2^9 = LAST_PKMAP pages: one per pkmap slot */
_Static_assert((1 << PKMAP_ORDER) == LAST_PKMAP, "the warm-up block must cover every pkmap slot");
_Static_assert(PKMAP_ORDER < MAX_ORDER, "the warm-up block must be one buddy block");

enum stress_kind { SK_FREE, SK_PAGES, SK_KMALLOC, SK_CACHE, SK_VMALLOC, SK_VMAP, SK_KINDS };

static const char *const kind_names[SK_KINDS] = {
	[SK_PAGES] = "pages", [SK_KMALLOC] = "kmalloc", [SK_CACHE] = "cache",
	[SK_VMALLOC] = "vmalloc", [SK_VMAP] = "vmap",
};

/*
 * One live object.  pages: page and order; kmalloc, cache, vmalloc: ptr and
 * size; vmap: ptr, pages[] and order = the page count.  key seeds the
 * pattern, so two objects never hold the same bytes.
 */
struct stress_slot {
	u8 kind;
	u8 order;
	u32 key;
	u32 size;
	void *ptr;
	struct page *page;
	struct page **pages;
};

struct stress_state {
	u32 rng;
	unsigned long ops, errors, reports, refused;
	unsigned long allocs[SK_KINDS];
	struct stress_slot slot[STRESS_SLOTS];
};

static struct stress_state states[NR_CPUS];	/* 256 slots: too big for the 16 KiB stack */

/* This CPU's run: each CPU has its own slots, random state and counts. */
static struct stress_state *this_state(void)
{
	return &states[smp_processor_id()];
}
static struct kmem_cache *stress_cache;	/* created once, kept: its own struct stays put */

static u32 rnd(void)
{
	struct stress_state *st = this_state();
	/* xorshift32 (Marsaglia 2003); the state is never 0. */
	st->rng ^= st->rng << 13;
	st->rng ^= st->rng >> 17;
	st->rng ^= st->rng << 5;
	return st->rng;
}

static void stress_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void stress_error(const char *fmt, ...)
{
	struct stress_state *st = this_state();
	char line[160];
	va_list ap;

	st->errors++;
	if (st->reports++ >= STRESS_MAX_REPORTS)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	pr_err("stress: %s\n", line);
}

/* Word i of the pattern for key (bytes take their word's little-endian bytes). */
static inline u32 pattern(u32 key, u32 i)
{
	return ((key ^ i) * 0x9e3779b1u) + i;
}

static void fill(void *p, u32 size, u32 key)
{
	u32 *w = p, n = size / 4;
	u8 *b = p;

	for (u32 i = 0; i < n; i++)
		w[i] = pattern(key, i);
	for (u32 i = n * 4; i < size; i++)
		b[i] = (u8)(pattern(key, i / 4) >> ((i % 4) * 8));
}

/* Check fill's pattern; report the first wrong word as kind's, at base + offset. */
static bool check(const void *p, u32 size, u32 key, const char *what, unsigned long where)
{
	const u32 *w = p;
	const u8 *b = p;
	u32 n = size / 4;

	for (u32 i = 0; i < n; i++)
		if (w[i] != pattern(key, i)) {
			stress_error("%s 0x%08lx: word at +0x%x reads 0x%08x, wrote 0x%08x", what, where,
				     i * 4, w[i], pattern(key, i));
			return false;
		}
	for (u32 i = n * 4; i < size; i++)
		if (b[i] != (u8)(pattern(key, i / 4) >> ((i % 4) * 8))) {
			stress_error("%s 0x%08lx: byte at +0x%x is wrong", what, where, i);
			return false;
		}
	return true;
}

static bool all_zero(const void *p, u32 size)
{
	const u8 *b = p;

	for (u32 i = 0; i < size; i++)
		if (b[i])
			return false;
	return true;
}

/* Order k with probability 2^-(k+1): mostly small blocks, now and then a 4 MiB one. */
static unsigned int random_order(void)
{
	u32 r = rnd();
	unsigned int order = 0;

	while (order < MAX_ORDER - 1 && (r & 1)) {
		order++;
		r >>= 1;
	}
	return order;
}

/* Fill (or check) one page frame through kmap or kmap_local_page, whichever use says. */
static bool page_pattern(struct page *page, u32 key, bool do_check, bool local)
{
	unsigned long pfn = page_to_pfn(page);
	void *v = local ? kmap_local_page(page) : kmap(page);
	bool ok = true;

	if (!v) {
		stress_error("%s of pfn 0x%lx returned NULL", local ? "kmap_local_page" : "kmap", pfn);
		return false;
	}
	if (do_check)
		ok = check(v, PAGE_SIZE, key ^ (u32)pfn, "pfn", pfn);
	else
		fill(v, PAGE_SIZE, key ^ (u32)pfn);
	if (local)
		kunmap_local(v);
	else
		kunmap(page);
	return ok;
}

static void alloc_pages_op(struct stress_slot *s)
{
	struct stress_state *st = this_state();
	bool high = rnd() & 1;
	unsigned int order = random_order();
	struct page *page = alloc_pages(high ? GFP_HIGHUSER : GFP_KERNEL, order);
	bool local = rnd() & 1;

	if (!page) {
		st->refused++;
		return;
	}
	if (!high && PageHighMem(page))
		stress_error("alloc_pages(GFP_KERNEL, %u) gave highmem pfn 0x%lx", order, page_to_pfn(page));
	s->kind = SK_PAGES;
	s->page = page;
	s->order = (u8)order;
	for (unsigned long i = 0; i < (1UL << order); i++)
		page_pattern(page + i, s->key, false, local);
}

static void free_pages_op(struct stress_slot *s)
{
	bool local = rnd() & 1;

	for (unsigned long i = 0; i < (1UL << s->order); i++)
		if (!page_pattern(s->page + i, s->key, true, local))
			break;
	__free_pages(s->page, s->order);
}

/* Sizes across every kmalloc class and the large path (up to 64 KiB, order 4). */
static u32 random_kmalloc_size(void)
{
	u32 r = rnd() % 10;

	if (r < 5)
		return 1 + rnd() % 256;
	if (r < 8)
		return 257 + rnd() % (KMALLOC_MAX_CACHE_SIZE - 256);
	return KMALLOC_MAX_CACHE_SIZE + 1 + rnd() % (56 * 1024);
}

static void alloc_object_op(struct stress_slot *s, enum stress_kind kind)
{
	struct stress_state *st = this_state();
	bool zero = (rnd() & 3) == 0;
	gfp_t gfp = GFP_KERNEL | (zero ? __GFP_ZERO : 0);
	u32 size;
	void *p;

	switch (kind) {
	case SK_KMALLOC:
		size = random_kmalloc_size();
		p = kmalloc(size, gfp);
		if (p && ksize(p) < size)
			stress_error("ksize(0x%08lx) = %lu for kmalloc(%u)", (unsigned long)p,
				     (unsigned long)ksize(p), size);
		break;
	case SK_CACHE:
		size = (u32)kmem_cache_size(stress_cache);
		p = kmem_cache_alloc(stress_cache, gfp);
		break;
	default:
		size = 1 + rnd() % ((rnd() & 7) ? 64 * 1024 : STRESS_VMALLOC_MAX);
		p = zero ? vzalloc(size) : vmalloc(size);
		if (p && (!is_vmalloc_addr(p) || !vmalloc_to_page(p)))
			stress_error("vmalloc(%u) = 0x%08lx is not a mapped vmalloc address", size, (unsigned long)p);
		break;
	}
	if (!p) {
		st->refused++;
		return;
	}
	if (zero && !all_zero(p, size))
		stress_error("%s 0x%08lx of %u bytes asked zeroed is not", kind_names[kind], (unsigned long)p, size);
	fill(p, size, s->key);
	s->kind = (u8)kind;
	s->ptr = p;
	s->size = size;
}

static void free_object_op(struct stress_slot *s)
{
	check(s->ptr, s->size, s->key, kind_names[s->kind], (unsigned long)s->ptr);
	if (s->kind == SK_KMALLOC)
		kfree(s->ptr);
	else if (s->kind == SK_CACHE)
		kmem_cache_free(stress_cache, s->ptr);
	else
		vfree(s->ptr);
}

/*
 * vmap of 1..8 single pages from both zones: filled through the vmap
 * address, checked page by page through kmap_local, so a page mapped at
 * the wrong place shows.
 */
static void alloc_vmap_op(struct stress_slot *s)
{
	struct stress_state *st = this_state();
	unsigned int n = 1 + rnd() % STRESS_VMAP_PAGES, got;
	struct page **pages = kmalloc(n * sizeof(*pages), GFP_KERNEL);
	void *v = NULL;

	if (!pages) {
		st->refused++;
		return;
	}
	for (got = 0; got < n; got++) {
		pages[got] = alloc_page((rnd() & 1) ? GFP_HIGHUSER : GFP_KERNEL);
		if (!pages[got])
			break;
	}
	if (got == n)
		v = vmap(pages, n, 0);
	if (!v) {
		while (got--)
			__free_page(pages[got]);
		kfree(pages);
		st->refused++;
		return;
	}
	fill(v, n * PAGE_SIZE, s->key);
	for (unsigned int i = 0; i < n; i++) {
		u8 *p = kmap_local_page(pages[i]);

		if (p && ((u32 *)p)[0] != pattern(s->key, i * PAGE_SIZE / 4))
			stress_error("vmap 0x%08lx: page %u is not pfn 0x%lx", (unsigned long)v, i,
				     page_to_pfn(pages[i]));
		if (p)
			kunmap_local(p);
	}
	s->kind = SK_VMAP;
	s->ptr = v;
	s->pages = pages;
	s->order = (u8)n;
}

static void free_vmap_op(struct stress_slot *s)
{
	check(s->ptr, s->order * PAGE_SIZE, s->key, "vmap", (unsigned long)s->ptr);
	vunmap(s->ptr);
	for (unsigned int i = 0; i < s->order; i++)
		__free_page(s->pages[i]);
	kfree(s->pages);
}

static void slot_free(struct stress_slot *s)
{
	switch (s->kind) {
	case SK_PAGES:
		free_pages_op(s);
		break;
	case SK_VMAP:
		free_vmap_op(s);
		break;
	case SK_FREE:
		return;
	default:
		free_object_op(s);
		break;
	}
	memset(s, 0, sizeof(*s));
}

/* One operation: free a random live slot, or fill an empty one with a random kind. */
static void stress_op(void)
{
	struct stress_state *st = this_state();
	struct stress_slot *s = &st->slot[rnd() % STRESS_SLOTS];
	u32 r;

	st->ops++;
	if (s->kind != SK_FREE) {
		slot_free(s);
		return;
	}
	s->key = rnd();
	r = rnd() % 16;
	if (r < 5)
		alloc_pages_op(s);
	else if (r < 9)
		alloc_object_op(s, SK_KMALLOC);
	else if (r < 11)
		alloc_object_op(s, SK_CACHE);
	else if (r < 14)
		alloc_object_op(s, SK_VMALLOC);
	else
		alloc_vmap_op(s);
	if (s->kind != SK_FREE)
		st->allocs[s->kind]++;
}

static void invariant_checks(void)
{
	struct stress_state *st = this_state();
	int e = buddy_check() + vmalloc_check();

	if (e)
		stress_error("%d invariant problems after %lu operations (lines above)", e, st->ops);
}

/*
 * Page tables are never given back (mmu.c keeps them), so create every one
 * the run can need before the first snapshot: a vmap of one page repeated
 * over the start of the vmalloc window, every pkmap slot, a kmap_local slot.
 */
static void warm_up_page_tables(void)
{
	unsigned long n = STRESS_WARM_VMALLOC >> PAGE_SHIFT;
	struct page *one = alloc_page(GFP_KERNEL), *block;
	struct page **pages;
	void *v = NULL;

	while (one && n >= 16 && !v) {
		pages = kmalloc(n * sizeof(*pages), GFP_KERNEL);
		if (pages) {
			for (unsigned long i = 0; i < n; i++)
				pages[i] = one;
			v = vmap(pages, (unsigned int)n - 1, 0);
			if (v)
				vunmap(v);
			kfree(pages);
		}
		n /= 2;
	}
	if (one)
		__free_page(one);

	/* Slots someone else holds make kmap fail: only what was mapped is unmapped. */
	block = alloc_pages(GFP_HIGHUSER, PKMAP_ORDER);
	if (block) {
		u32 mapped[LAST_PKMAP / 32] = { 0 };
		void *v;

		for (unsigned int i = 0; i < LAST_PKMAP; i++)
			if (kmap(block + i))
				mapped[i / 32] |= 1u << (i % 32);
		for (unsigned int i = 0; i < LAST_PKMAP; i++)
			if (mapped[i / 32] & (1u << (i % 32)))
				kunmap(block + i);
		v = kmap_local_page(block);
		if (v)
			kunmap_local(v);
		__free_pages(block, PKMAP_ORDER);
	}
}

/*
 * Empty slabs and the pcp lists back to the buddy free lists, so that
 * buddyinfo shows only what is really in use.
 */
static void settle(void)
{
	struct kmem_cache *last = NULL;

	for (size_t size = 8; size <= KMALLOC_MAX_CACHE_SIZE; size += 8) {
		struct kmem_cache *c = kmalloc_cache_for(size);

		if (c && c != last)
			kmem_cache_shrink(c);
		last = c;
	}
	kmem_cache_shrink(stress_cache);
	drain_all_pages();
}

static void buddyinfo_text(char *buf, size_t size)
{
	struct seq s;

	seq_init(&s, buf, size);
	buddyinfo_show(&s);
}

/*
 * count operations, or count seconds of guest time since the counter read
 * start, with the checks (on one CPU only: see the top) and progress lines.
 */
static void run_ops(u32 count, bool seconds, u32 start)
{
	struct stress_state *st = this_state();
	bool checks = num_online_cpus() == 1;
	u32 last = start;
	u64 ticks = 0;

	for (;;) {
		if (seconds) {
			u32 now = board.counter();

			ticks += (u32)(now - last);	/* read often enough that it wraps at most once */
			last = now;
			if (ticks >= (u64)count * board.counter_hz)
				break;
		} else if (st->ops >= count) {
			break;
		}
		stress_op();
		if (checks && st->ops % STRESS_CHECK_EVERY == 0)
			invariant_checks();
		if (st->ops % STRESS_PROGRESS_EVERY == 0)
			pr_info("stress: CPU%u: %lu operations so far, %lu errors\n", smp_processor_id(), st->ops,
				st->errors);
	}
}

struct stress_params {
	u32 count, start, seed;
	bool seconds;
};

/*
 * One CPU's share, run on every online CPU at once: its own random
 * sequence (CPU 0's is the seed's one-CPU sequence), an equal part of an
 * operation count (CPU 0 takes the remainder) or the whole time, and
 * everything freed at the end.
 */
static void stress_cpu(void *arg)
{
	const struct stress_params *p = arg;
	struct stress_state *st = this_state();
	unsigned int cpu = smp_processor_id(), n = num_online_cpus();
	u32 count = p->seconds ? p->count : p->count / n + (cpu == 0 ? p->count % n : 0);

	memset(st, 0, sizeof(*st));
	st->rng = (p->seed * 0x9e3779b9u + 0x6a09e667u) ^ (cpu * 0x85ebca6bu);
	if (!st->rng)
		st->rng = 1;
	run_ops(count, p->seconds, p->start);
	for (unsigned int i = 0; i < STRESS_SLOTS; i++)
		slot_free(&st->slot[i]);
}

/* Every online CPU's counts added up into *sum (its slots are left alone). */
static void sum_states(struct stress_state *sum)
{
	unsigned int cpu;

	memset(sum, 0, offsetof(struct stress_state, slot));
	for_each_online_cpu(cpu) {
		sum->ops += states[cpu].ops;
		sum->errors += states[cpu].errors;
		sum->refused += states[cpu].refused;
		for (int k = 0; k < SK_KINDS; k++)
			sum->allocs[k] += states[cpu].allocs[k];
	}
}

static void stress_report(const struct stress_state *t, bool same)
{
	pr_info("stress: allocated %lu page blocks, %lu kmalloc, %lu cache objects, %lu vmalloc, %lu vmap; "
		"%lu refused for want of memory\n", t->allocs[SK_PAGES], t->allocs[SK_KMALLOC],
		t->allocs[SK_CACHE], t->allocs[SK_VMALLOC], t->allocs[SK_VMAP], t->refused);
	pr_info("stress: %lu operations, %lu errors, buddyinfo back to boot state: %s\n", t->ops, t->errors,
		same ? "yes" : "no");
}

unsigned long stress_run(u32 count, bool seconds, u32 seed)
{
	static char before[512], after[512];
	static struct stress_state total;	/* the counts only */
	unsigned long slab_reports_before = slab_reports;
	struct stress_params p = { .count = count, .start = board.counter(), .seed = seed, .seconds = seconds };
	bool same;

	if (!stress_cache)
		stress_cache = kmem_cache_create("stress-72", 72, 0, SLAB_RED_ZONE | SLAB_POISON, NULL);
	if (!stress_cache) {
		pr_err("stress: cannot create the stress-72 cache\n");
		return 1;
	}
	pr_info("stress: %u %s from seed %u, %u slots, on %u CPUs\n", count, seconds ? "seconds" : "operations",
		seed, STRESS_SLOTS, num_online_cpus());
	warm_up_page_tables();
	settle();
	buddyinfo_text(before, sizeof(before));
	on_each_cpu(stress_cpu, &p);
	invariant_checks();
	if (slab_reports != slab_reports_before)
		stress_error("slab reported %lu problems (lines above)", slab_reports - slab_reports_before);
	settle();
	buddyinfo_text(after, sizeof(after));
	same = !strcmp(before, after);
	if (!same)
		pr_err("stress: buddyinfo before:\n%sstress: buddyinfo after:\n%s", before, after);
	sum_states(&total);
	stress_report(&total, same);
	return total.errors + !same;
}

/* <n> or <n>s, decimal or 0x hex, from 1 up. */
static bool parse_count(const char *arg, u32 *count, bool *seconds)
{
	char buf[16];
	size_t len = strlen(arg);
	unsigned long v;

	*seconds = len > 1 && arg[len - 1] == 's';
	if (*seconds)
		len--;
	if (len >= sizeof(buf))
		return false;
	memcpy(buf, arg, len);
	buf[len] = '\0';
	if (!shell_parse_ulong(buf, &v) || v == 0 || v > 0xffffffffUL)
		return false;
	*count = (u32)v;
	return true;
}

static int cmd_stress(int argc, char **argv)
{
	unsigned long seed = 1;
	bool seconds;
	u32 count;

	if (argc < 2 || argc > 3 || !parse_count(argv[1], &count, &seconds) ||
	    (argc == 3 && (!shell_parse_ulong(argv[2], &seed) || seed > 0xffffffffUL))) {
		kputs("usage: stress <operations>|<seconds>s [seed]\n");
		return -EINVAL;
	}
	return stress_run(count, seconds, (u32)seed) ? 1 : 0;
}
SHELL_CMD(stress, "stress", "<operations>|<seconds>s [seed]",
	  "random allocator operations, every byte checked; buddyinfo must come back", cmd_stress);
