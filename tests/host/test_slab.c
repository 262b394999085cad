/*
 * Slab caches and kmalloc: every size class, alignment, constructors,
 * shrink and destroy, every kind of bad free, the debug red zones and
 * poison (switched on per cache with SLAB_RED_ZONE | SLAB_POISON, since the
 * host configuration leaves CONFIG_SLAB_DEBUG off), /proc/slabinfo, and a
 * seeded random stress run that must leave the buddy allocator as it found it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <seq.h>
#include <slab.h>
#include "mm_boot.h"

/*
 * 64 MiB with vmalloc=976M: lowmem (ZONE_NORMAL) is the first 32 MiB, which
 * is where every slab and large kmalloc block comes from.
 *   0x60000000 [kernel]..Normal..0x62000000 ..HighMem.. 0x64000000
 */

/* Linux 6.1's kmalloc classes on ARMv7 (ARCH_DMA_MINALIGN 64): no 8, 16, 32 or 96. */
static const size_t class_sizes[KMALLOC_NR_CACHES] = {
	64, 128, 192, 256, 512, 1024, 2048, 4096, 8192,
};

/* buddyinfo right after kmalloc_init: what a test must leave behind. */
static struct mm_snapshot at_start;

static int boot_slab(void **state)
{
	(void)state;
	mm_boot(SMALL_RAM, SMALL_VMALLOC);
	slab_reset();
	kmalloc_init();
	mm_snap_buddyinfo(&at_start);
	host_log_clear();
	return 0;
}

/* boot_slab with a copy of the per-CPU data for each CPU, so that each has its own arrays. */
static int boot_slab_percpu(void **state)
{
	host_percpu_setup();
	return boot_slab(state);
}

static int percpu_teardown(void **state)
{
	host_percpu_teardown();
	return host_ram_teardown(state);
}

static void shrink_kmalloc_caches(void)
{
	for (int i = 0; i < KMALLOC_NR_CACHES; i++)
		kmem_cache_shrink(kmalloc_cache_for(class_sizes[i]));
}

static char expect_buf[4][160];

/* One expected log line, formatted (up to four per test step). */
static const char *line(int i, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(expect_buf[i], sizeof(expect_buf[i]), fmt, ap);
	va_end(ap);
	return expect_buf[i];
}

/*
 * size:   1..64  65..128  129..192  193..256  257..512 ... 4097..8192  8193..
 * class:  64     128      192       256       512          8192        pages
 * Each request lands in the smallest class that holds it; ksize says the
 * class size; every object is aligned to ARCH_DMA_MINALIGN (64 bytes);
 * above 8192 whole pages, page aligned.
 */
static void test_every_size_class(void **state)
{
	size_t below = 0;

	(void)state;
	for (int i = 0; i < KMALLOC_NR_CACHES; i++) {
		size_t sizes[2] = { below + 1, class_sizes[i] };
		size_t want_align = 64;

		for (int j = 0; j < 2; j++) {
			u8 *p = kmalloc(sizes[j], GFP_KERNEL);

			assert_non_null(p);
			assert_int_equal(ksize(p), class_sizes[i]);
			assert_true(IS_ALIGNED((unsigned long)p, want_align));
			memset(p, 0x5a, class_sizes[i]);
			kfree(p);
		}
		below = class_sizes[i];
	}
	for (size_t size = 8193; size <= 70000; size += 20000) {
		u8 *p = kmalloc(size, GFP_KERNEL);
		size_t pages = 1;

		while (pages * PAGE_SIZE < size)
			pages *= 2;
		assert_non_null(p);
		assert_int_equal(ksize(p), pages * PAGE_SIZE);
		assert_true(IS_ALIGNED((unsigned long)p, PAGE_SIZE));
		memset(p, 0x5a, size);
		kfree(p);
	}
	shrink_kmalloc_caches();
	assert_buddyinfo_equal(&at_start);
	host_log_expect_empty();
}

/*
 * The class lookup (a shift up to 192 bytes, the highest bit above) agrees
 * with "the smallest class that holds it" for every size 1 .. 8192.
 */
static void test_class_of_every_size(void **state)
{
	int i = 0;

	(void)state;
	for (size_t size = 1; size <= KMALLOC_MAX_CACHE_SIZE; size++) {
		if (size > class_sizes[i])
			i++;
		assert_non_null(kmalloc_cache_for(size));
		assert_int_equal(kmem_cache_size(kmalloc_cache_for(size)), class_sizes[i]);
	}
	assert_null(kmalloc_cache_for(0));
	assert_null(kmalloc_cache_for(KMALLOC_MAX_CACHE_SIZE + 1));
}

/*
 * object_index divides by the slot stride with a multiplication: with
 * strides that are not powers of two (200 bytes in one page, 4504 in an
 * order-3 slab, whose offsets come close to 2^15), every object of a full slab is
 * found, and an address 8 bytes into any object, or one stride past the
 * last, is not an object start.
 */
static void test_object_index_without_division(void **state)
{
	host_skip_unless(!IS_ENABLED(CONFIG_SLAB_DEBUG), "SLAB_DEBUG red zones change the object layout this test expects");
	static const size_t sizes[] = { 200, 4504 };

	(void)state;
	for (unsigned int k = 0; k < ARRAY_SIZE(sizes); k++) {
		struct kmem_cache *c = kmem_cache_create("odd", sizes[k], 8, 0, NULL);
		u8 *objs[64];
		unsigned int n = 0;

		/* Objects of one slab come out in address order: take them until a new slab starts. */
		objs[n++] = kmem_cache_alloc(c, GFP_KERNEL);
		while (n < ARRAY_SIZE(objs)) {
			u8 *p = kmem_cache_alloc(c, GFP_KERNEL);

			if (p != objs[n - 1] + sizes[k]) {
				kmem_cache_free(c, p);
				break;
			}
			objs[n++] = p;
		}
		assert_true(n >= 7);
		for (unsigned int i = 0; i < n; i++) {
			assert_int_equal(ksize(objs[i]), sizes[k]);
			assert_int_equal(ksize(objs[i] + 8), 0);
		}
		assert_int_equal(ksize(objs[n - 1] + sizes[k]), 0);
		kmem_cache_free(c, objs[n - 1] + 8);
		host_log_expect(line(0, "slab: odd: free of 0x%lx: not the start of an object",
				     (unsigned long)(objs[n - 1] + 8)));
		host_log_clear();
		for (unsigned int i = 0; i < n; i++)
			kmem_cache_free(c, objs[i]);
		assert_int_equal(kmem_cache_destroy(c), 0);
	}
	assert_buddyinfo_equal(&at_start);
	host_log_expect_empty();
}

/* A constructor that leaves the object as it is: its cache takes no per-CPU arrays. */
static void noop_ctor(void *obj)
{
	(void)obj;
}

/*
 * The slabs under the per-CPU arrays (a cache with a constructor has none,
 * so every free reaches its slab at once).
 * The kept empty slab stays on the partial list, last:
 *   a pair in an empty cache takes no page and gives none back;
 *   slab A full, B with one object; A emptied goes behind B, so the next
 *   object still comes from B; then B emptied, with A already kept, goes
 *   back to the buddy allocator at once.
 */
static void test_empty_slab_kept_last(void **state)
{
	struct kmem_cache *c = kmem_cache_create("keep", 512, 0, 0, noop_ctor);
	unsigned long slab_start = slab_unreclaimable_pages(), per_slab, free_pages;
	void *a[64], *b, *b2;
	unsigned int n;

	(void)state;
	kmem_cache_free(c, kmem_cache_alloc(c, GFP_KERNEL));
	per_slab = slab_unreclaimable_pages() - slab_start;
	free_pages = nr_free_pages();
	for (int i = 0; i < 100; i++)
		kmem_cache_free(c, kmem_cache_alloc(c, GFP_KERNEL));
	assert_int_equal(nr_free_pages(), free_pages);
	assert_int_equal(slab_unreclaimable_pages() - slab_start, per_slab);

	/* Fill slab A: objects come from it until B's first one is the only one in a new slab. */
	for (n = 0; n < ARRAY_SIZE(a); n++) {
		a[n] = kmem_cache_alloc(c, GFP_KERNEL);
		if (slab_unreclaimable_pages() - slab_start == 2 * per_slab)
			break;
	}
	assert_true(n > 0 && n < ARRAY_SIZE(a));
	b = a[n];
	for (unsigned int i = 0; i < n; i++)
		kmem_cache_free(c, a[i]);
	b2 = kmem_cache_alloc(c, GFP_KERNEL);
	assert_true((unsigned long)b2 - ((unsigned long)b & PAGE_MASK) < (per_slab << PAGE_SHIFT));
	assert_int_equal(slab_unreclaimable_pages() - slab_start, 2 * per_slab);
	kmem_cache_free(c, b2);
	kmem_cache_free(c, b);
	assert_int_equal(slab_unreclaimable_pages() - slab_start, per_slab);
	assert_int_equal(kmem_cache_destroy(c), 0);
	assert_buddyinfo_equal(&at_start);
	host_log_expect_empty();
}

/*
 * kmalloc(0) is ZERO_SIZE_PTR; kfree(NULL) and kfree(ZERO_SIZE_PTR) do
 * nothing; kzalloc zeroes a reused object; kcalloc refuses an n * size that
 * overflows and zeroes what it gives.
 */
static void test_zero_sizes_and_zeroing(void **state)
{
	u8 *p, *q;

	(void)state;
	assert_ptr_equal(kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	assert_int_equal(ksize(ZERO_SIZE_PTR), 0);
	kfree(NULL);
	kfree(ZERO_SIZE_PTR);

	p = kmalloc(100, GFP_KERNEL);
	memset(p, 0xff, 100);
	kfree(p);
	q = kzalloc(100, GFP_KERNEL);
	assert_ptr_equal(q, p);
	for (int i = 0; i < 128; i++)
		assert_int_equal(q[i], 0);
	kfree(q);

	assert_null(kcalloc(0x10000, 0x10001, GFP_KERNEL));
	assert_null(kcalloc(SIZE_MAX / 2, 3, GFP_KERNEL));
	p = kcalloc(10, 30, GFP_KERNEL);
	assert_non_null(p);
	assert_int_equal(ksize(p), 512);
	for (int i = 0; i < 300; i++)
		assert_int_equal(p[i], 0);
	kfree(p);
	host_log_expect_empty();
}

/*
 * align 256 for 40-byte objects: every object on a 256-byte boundary.
 * align 0: the cache-line rule with Linux's 64-byte line (100 bytes -> 64,
 * 20 -> 32, 12 -> 16, 4 -> 8).
 * A non-power-of-two alignment is refused with a report.
 */
static void test_alignment(void **state)
{
	static const struct { size_t size, align, want; } cases[] = {
		{ 40, 256, 256 }, { 40, 64, 64 }, { 20, 0, 32 }, { 12, 0, 16 }, { 4, 0, 8 }, { 100, 0, 64 },
		{ 3000, 0, 64 }, { 24, 4, 8 },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct kmem_cache *c = kmem_cache_create("align", cases[i].size, cases[i].align, 0, NULL);
		void *objs[50];

		assert_non_null(c);
		for (int j = 0; j < 50; j++) {
			objs[j] = kmem_cache_alloc(c, GFP_KERNEL);
			assert_non_null(objs[j]);
			if (!IS_ALIGNED((unsigned long)objs[j], cases[i].want))
				fail_msg("size %zu align %zu: object at %p not %zu-aligned", cases[i].size,
					 cases[i].align, objs[j], cases[i].want);
			memset(objs[j], 0x11, cases[i].size);
		}
		for (int j = 0; j < 50; j++)
			kmem_cache_free(c, objs[j]);
		assert_int_equal(kmem_cache_destroy(c), 0);
	}
	assert_null(kmem_cache_create("odd", 40, 48, 0, NULL));
	assert_null(kmem_cache_create("huge", 40000, 0, 0, NULL));
	host_log_expect("slab: kmem_cache_create(odd): bad size 40 or align 48",
			"slab: kmem_cache_create(huge): objects of 40000 bytes do not fit a 8-page slab");
}

static unsigned int ctor_calls;

static void count_ctor(void *obj)
{
	*(u32 *)obj = 0xc0c0c0c0;
	ctor_calls++;
}

/*
 * slab 1: [o0 .. o(n-1)]   slab 2: [o0 .. o(n-1)]
 * The constructor runs for all n objects when a slab is made, and not
 * again when an object is freed and handed out again.
 */
static void test_ctor_runs_per_new_slab(void **state)
{
	struct kmem_cache *c = kmem_cache_create("ctor", 100, 0, 0, count_ctor);
	unsigned int n;
	void *objs[200];

	(void)state;
	ctor_calls = 0;
	objs[0] = kmem_cache_alloc(c, GFP_KERNEL);
	n = ctor_calls;
	assert_true(n > 1 && n < 200);
	assert_int_equal(*(u32 *)objs[0], 0xc0c0c0c0);
	for (unsigned int i = 1; i < n; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(ctor_calls, n);
	objs[n] = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(ctor_calls, 2 * n);

	kmem_cache_free(c, objs[3]);
	objs[3] = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(ctor_calls, 2 * n);
	for (unsigned int i = 0; i <= n; i++) {
		assert_int_equal(*(u32 *)objs[i], 0xc0c0c0c0);
		kmem_cache_free(c, objs[i]);
	}
	assert_int_equal(kmem_cache_destroy(c), 0);
	assert_buddyinfo_equal(&at_start);
	host_log_expect_empty();
}

/*
 * Three slabs filled then emptied: a cache keeps one empty slab and gives
 * the other two back at once; kmem_cache_shrink gives back the last one.
 */
static void test_shrink_returns_pages(void **state)
{
	unsigned long free_start = nr_free_pages(), slab_start = slab_unreclaimable_pages(), per_slab;
	struct kmem_cache *c;
	void *objs[3 * 64];
	unsigned int n;

	(void)state;
	ctor_calls = 0;
	c = kmem_cache_create("shrink", 512, 0, 0, count_ctor);
	objs[0] = kmem_cache_alloc(c, GFP_KERNEL);
	n = ctor_calls;
	per_slab = slab_unreclaimable_pages() - slab_start;
	assert_true(n >= 1 && 3 * n <= ARRAY_SIZE(objs));
	for (unsigned int i = 1; i < 3 * n; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(slab_unreclaimable_pages() - slab_start, 3 * per_slab);
	for (unsigned int i = 0; i < 3 * n; i++)
		kmem_cache_free(c, objs[i]);
	assert_int_equal(slab_unreclaimable_pages() - slab_start, per_slab);
	assert_int_equal(kmem_cache_shrink(c), per_slab);
	assert_int_equal(slab_unreclaimable_pages(), slab_start);
	assert_int_equal(kmem_cache_destroy(c), 0);
	assert_int_equal(nr_free_pages(), free_start);
	assert_buddyinfo_equal(&at_start);
	host_log_expect_empty();
}

/* Destroying a cache with 3 objects out is refused with one report; once they are back it goes. */
static void test_destroy_busy_cache_refused(void **state)
{
	struct kmem_cache *c = kmem_cache_create("busy", 64, 0, 0, NULL);
	void *a = kmem_cache_alloc(c, GFP_KERNEL), *b = kmem_cache_alloc(c, GFP_KERNEL);
	void *d = kmem_cache_alloc(c, GFP_KERNEL);

	(void)state;
	assert_int_equal(kmem_cache_destroy(c), -EBUSY);
	host_log_expect("slab: kmem_cache_destroy(busy): 3 objects still in use");
	kmem_cache_free(c, a);
	kmem_cache_free(c, b);
	kmem_cache_free(c, d);
	host_log_clear();
	assert_int_equal(kmem_cache_destroy(c), 0);
	assert_buddyinfo_equal(&at_start);
	host_log_expect_empty();
}

/*
 * Bad frees, each reported on one line and refused, leaving the cache able
 * to go on: inside an object, twice, through the wrong cache, an address
 * kmalloc never gave, inside a large block.
 */
static void test_bad_frees_reported(void **state)
{
	struct kmem_cache *a = kmem_cache_create("cache-a", 64, 0, 0, NULL);
	struct kmem_cache *b = kmem_cache_create("cache-b", 64, 0, 0, NULL);
	u8 *p = kmalloc(64, GFP_KERNEL), *q = kmalloc(64, GFP_KERNEL);
	u8 *big = kmalloc(20000, GFP_KERNEL), *oa = kmem_cache_alloc(a, GFP_KERNEL);
	int local;

	(void)state;
	kfree(p + 8);
	kfree(p);
	kfree(p);
	kmem_cache_free(b, oa);
	host_log_expect(line(0, "slab: kmalloc-64: free of 0x%lx: not the start of an object", (unsigned long)(p + 8)),
			line(1, "slab: kmalloc-64: double free of 0x%lx", (unsigned long)p),
			line(2, "slab: kmem_cache_free(cache-b): 0x%lx belongs to cache-a", (unsigned long)oa));
	host_log_clear();
	kfree(&local);
	kfree(big + PAGE_SIZE);
	kmem_cache_free(a, big);
	host_log_expect(line(0, "slab: kfree(0x%lx): not a kmalloc address", (unsigned long)&local),
			line(1, "slab: kfree(0x%lx): inside the 8-page kmalloc block at 0x%lx",
			     (unsigned long)(big + PAGE_SIZE), (unsigned long)big),
			line(2, "slab: kmem_cache_free(cache-a): 0x%lx is not a slab object", (unsigned long)big));
	host_log_clear();

	/* Nothing was corrupted: q is intact, p comes back once, everything frees cleanly. */
	memset(q, 0x77, 64);
	assert_ptr_equal(kmalloc(64, GFP_KERNEL), p);
	assert_ptr_not_equal(kmalloc(64, GFP_KERNEL), p);
	assert_int_equal(q[63], 0x77);
	kfree(big);
	kfree(big);
	host_log_expect(line(0, "slab: kfree(0x%lx): not a kmalloc address (or freed already)", (unsigned long)big));
	host_log_clear();
	kmem_cache_free(a, oa);
	assert_int_equal(kmem_cache_destroy(a), 0);
	assert_int_equal(kmem_cache_destroy(b), 0);
	host_log_expect_empty();
}

/*
 *   [ red zone | object (48) | red zone ]
 * Writing one byte before or after the object is reported when it is freed,
 * with the cache, the object and the byte found; the zone is mended.
 */
static void test_debug_red_zones(void **state)
{
	struct kmem_cache *c = kmem_cache_create("rz", 48, 0, SLAB_RED_ZONE | SLAB_POISON, NULL);
	u8 *p = kmem_cache_alloc(c, GFP_KERNEL), *q = kmem_cache_alloc(c, GFP_KERNEL);

	(void)state;
	assert_int_equal(kmem_cache_size(c), 48);
	p[48] = 0x41;
	q[-1] = 0x42;
	kmem_cache_free(c, p);
	kmem_cache_free(c, q);
	host_log_expect(line(0, "slab: rz: red zone after 0x%lx overwritten: byte +48 is 0x41, expected 0xbb",
			     (unsigned long)p),
			line(1, "slab: rz: red zone before 0x%lx overwritten: byte -1 is 0x42, expected 0xbb",
			     (unsigned long)q));
	host_log_clear();
	p = kmem_cache_alloc(c, GFP_KERNEL);
	q = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, p);
	kmem_cache_free(c, q);
	host_log_expect_empty();
	assert_int_equal(kmem_cache_destroy(c), 0);
}

/*
 * A freed object is filled with 0x6b (last byte 0xa5); a write after free
 * is found when the object is handed out again.  A double free is caught.
 */
static void test_debug_poison_and_double_free(void **state)
{
	struct kmem_cache *c = kmem_cache_create("poison", 64, 0, SLAB_RED_ZONE | SLAB_POISON, NULL);
	u8 *p = kmem_cache_alloc(c, GFP_KERNEL), *again;

	(void)state;
	kmem_cache_free(c, p);
	assert_int_equal(p[0], 0x6b);
	assert_int_equal(p[63], 0xa5);
	p[10] = 0x00;
	again = kmem_cache_alloc(c, GFP_KERNEL);
	assert_ptr_equal(again, p);
	host_log_expect(line(0, "slab: poison: 0x%lx written after free: byte +10 is 0x00, expected 0x6b",
			     (unsigned long)p));
	host_log_clear();
	kmem_cache_free(c, p);
	kmem_cache_free(c, p);
	host_log_expect(line(0, "slab: poison: double free of 0x%lx", (unsigned long)p));
	host_log_clear();
	assert_int_equal(kmem_cache_destroy(c), 0);
	host_log_expect_empty();
}

/* /proc/slabinfo: the 2.1 header, then one line per cache, newest first, counting what is out. */
static void test_slabinfo(void **state)
{
	host_skip_unless(!IS_ENABLED(CONFIG_SLAB_DEBUG), "SLAB_DEBUG red zones change the object layout this test expects");
	struct kmem_cache *c = kmem_cache_create("info", 100, 0, 0, NULL);
	void *objs[3] = { kmem_cache_alloc(c, GFP_KERNEL), kmem_cache_alloc(c, GFP_KERNEL),
			  kmem_cache_alloc(c, GFP_KERNEL) };
	const char *expect;
	char buf[4096];
	struct seq s;

	(void)state;
	seq_init(&s, buf, sizeof(buf));
	slabinfo_show(&s);
	assert_false(s.overflow);
	expect = "slabinfo - version: 2.1\n"
		 "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> "
		 "<batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n"
		 "info                   3     32    128   32    1 : tunables    0    0    0 : slabdata      1      1      0\n";
	assert_true(strlen(buf) > strlen(expect));
	assert_memory_equal(buf, expect, strlen(expect));
	assert_non_null(strstr(buf, "\nkmalloc-64             0      0     64  "));
	assert_non_null(strstr(buf, "\nkmem_cache "));
	for (int i = 0; i < 3; i++)
		kmem_cache_free(c, objs[i]);
	assert_int_equal(kmem_cache_destroy(c), 0);
}

/*
 * 1,000,000 seeded kmalloc/kfree operations over 4096 slots, sizes mostly
 * small with some up to 8 KiB and a few large blocks; each block is filled
 * with a pattern from its slot and checked when freed.  Afterwards, with
 * the caches shrunk, the buddy allocator is exactly as it was.
 */
struct slot {
	u32 *p;
	size_t words;
	u32 tag;
};

static struct slot slots[4096];

static size_t random_size(void)
{
	u32 r = host_rnd() % 1000;

	if (r < 900)
		return 1 + host_rnd() % 256;
	if (r < 990)
		return 257 + host_rnd() % 1792;
	if (r < 999)
		return 2049 + host_rnd() % 6144;
	return 8193 + host_rnd() % 30000;
}

static void test_random_stress(void **state)
{
	unsigned long ops = 0;

	(void)state;
	host_rng_state = 0x5eed51ab;
	memset(slots, 0, sizeof(slots));
	for (; ops < 1000000; ops++) {
		struct slot *s = &slots[host_rnd() % ARRAY_SIZE(slots)];

		if (s->p) {
			for (size_t i = 0; i < s->words; i++)
				if (s->p[i] != (s->tag ^ (u32)i))
					fail_msg("op %lu: block %p word %zu is 0x%x", ops, (void *)s->p, i, s->p[i]);
			kfree(s->p);
			s->p = NULL;
			continue;
		}
		s->words = random_size() / 4 + 1;
		s->p = kmalloc(s->words * 4, GFP_KERNEL);
		assert_non_null(s->p);
		assert_true(ksize(s->p) >= s->words * 4);
		s->tag = host_rnd();
		for (size_t i = 0; i < s->words; i++)
			s->p[i] = s->tag ^ (u32)i;
	}
	for (size_t i = 0; i < ARRAY_SIZE(slots); i++)
		kfree(slots[i].p);
	shrink_kmalloc_caches();
	assert_buddyinfo_equal(&at_start);
	assert_int_equal(buddy_check(), 0);
	host_log_expect_empty();
}

/* ---- out of memory: every failure leaves the counters as they were ---- */

/* What an allocation that fails must not change: free pages, slab pages, /proc/slabinfo. */
struct slab_counts {
	unsigned long free, slab;
	char info[4096];
};

static void take_counts(struct slab_counts *c)
{
	struct seq s;

	c->free = nr_free_pages();
	c->slab = slab_unreclaimable_pages();
	seq_init(&s, c->info, sizeof(c->info));
	slabinfo_show(&s);
	assert_false(s.overflow);
}

#define assert_counts_unchanged(before)					\
	do {								\
		struct slab_counts now_;				\
		take_counts(&now_);					\
		assert_int_equal(now_.free, (before)->free);		\
		assert_int_equal(now_.slab, (before)->slab);		\
		assert_string_equal(now_.info, (before)->info);		\
	} while (0)

/*
 * slab_grow without a page: a cache with no slab yet, and the kmalloc-2048
 * class once its slabs are full, with every block GFP_KERNEL can get held
 * by the test.  Expected: NULL, and nothing moved (no slab counted, no
 * page taken, slabinfo as before); with the memory back, both allocate again.
 */
static void test_slab_grow_fails(void **state)
{
	struct kmem_cache *c = kmem_cache_create("starved", 200, 0, 0, NULL);
	struct slab_counts before;
	void *objs[64], *obj;
	int n = 0;

	(void)state;
	assert_non_null(c);
	assert_true(host_starve(GFP_KERNEL) > 0);
	take_counts(&before);
	assert_null(kmem_cache_alloc(c, GFP_KERNEL));
	assert_null(kmem_cache_alloc(c, GFP_KERNEL | __GFP_ZERO));
	assert_counts_unchanged(&before);

	while (n < 64 && (objs[n] = kmalloc(2048, GFP_KERNEL)))
		n++;
	assert_true(n < 64);	/* the slabs the class had are full */
	take_counts(&before);
	assert_null(kmalloc(2048, GFP_KERNEL));
	assert_counts_unchanged(&before);

	host_unstarve();
	assert_non_null(obj = kmem_cache_alloc(c, GFP_KERNEL));
	kmem_cache_free(c, obj);
	while (n--)
		kfree(objs[n]);
	assert_int_equal(kmem_cache_destroy(c), 0);
	shrink_kmalloc_caches();
	assert_buddyinfo_equal(&at_start);
	assert_int_equal(buddy_check(), 0);
}

/*
 * kmalloc_large without a block of its order (3 pages: order 2; 40000
 * bytes: order 4; 8193 bytes: order 1): NULL, the large-block pages (part
 * of Slab, as in Linux's /proc/meminfo) and the free pages unchanged.
 */
static void test_kmalloc_large_fails(void **state)
{
	static const size_t sizes[] = { 3 * PAGE_SIZE, 40000, KMALLOC_MAX_CACHE_SIZE + 1 };
	struct slab_counts before;
	void *p;

	(void)state;
	assert_true(host_starve(GFP_KERNEL) > 0);
	take_counts(&before);
	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		assert_null(kmalloc(sizes[i], GFP_KERNEL));
		assert_null(kzalloc(sizes[i], GFP_KERNEL));
	}
	assert_counts_unchanged(&before);
	host_unstarve();
	assert_non_null(p = kmalloc(40000, GFP_KERNEL));
	assert_int_equal(slab_unreclaimable_pages(), before.slab + 16);
	kfree(p);
	assert_buddyinfo_equal(&at_start);
}

/*
 * kmem_cache_create takes its struct kmem_cache from the boot cache
 * ("kmem_cache"); with memory held, caches are made until that cache's
 * slabs are full and it cannot grow.  Expected: NULL for the next one,
 * no half-made cache on the chain (slabinfo unchanged), nothing taken;
 * after the memory is back and the caches destroyed, every page not free
 * since boot is a slab page the boot cache keeps (it is never shrunk).
 */
static void test_kmem_cache_create_cannot_grow(void **state)
{
	static struct kmem_cache *made[1024];
	struct slab_counts at_boot, before;
	char name[32];
	int n = 0;

	(void)state;
	take_counts(&at_boot);
	assert_true(host_starve(GFP_KERNEL) > 0);
	for (; n < 1024; n++) {
		snprintf(name, sizeof(name), "fill-%d", n);
		if (!(made[n] = kmem_cache_create(name, 64, 0, 0, NULL)))
			break;
	}
	assert_true(n < 1024);
	take_counts(&before);
	assert_null(kmem_cache_create("one-too-many", 64, 0, 0, NULL));
	assert_counts_unchanged(&before);
	assert_null(strstr(before.info, "one-too-many"));

	host_unstarve();
	assert_non_null(made[n] = kmem_cache_create("one-too-many", 64, 0, 0, NULL));
	for (int i = 0; i <= n; i++)
		assert_int_equal(kmem_cache_destroy(made[i]), 0);
	assert_int_equal(at_boot.free - nr_free_pages(), slab_unreclaimable_pages() - at_boot.slab);
	assert_int_equal(buddy_check(), 0);
}

/*
 * Linux 6.1 on this QEMU machine (Debian's 6.1 armmp kernel), from its
 * /proc/slabinfo: objects per slab and pages per slab of each kmalloc
 * class.  The slab's bookkeeping lives outside its pages, so a class
 * fills its pages as Linux's does (kmalloc-512: 16 in 2 pages, not 7 in 1).
 */
static const struct { const char *name; size_t size; unsigned int objperslab, pagesperslab; } linux_geometry[] = {
	{ "kmalloc-64", 64, 64, 1 },	{ "kmalloc-128", 128, 32, 1 }, { "kmalloc-192", 192, 21, 1 },
	{ "kmalloc-256", 256, 16, 1 },	{ "kmalloc-512", 512, 16, 2 }, { "kmalloc-1k", 1024, 16, 4 },
	{ "kmalloc-2k", 2048, 16, 8 },	{ "kmalloc-4k", 4096, 8, 8 },  { "kmalloc-8k", 8192, 4, 8 },
};

/* The slabinfo row of name: objsize, objperslab, pagesperslab; false if there is none. */
static bool slabinfo_row(const char *buf, const char *name, unsigned int *objsize, unsigned int *per,
			 unsigned int *pages)
{
	char key[40];
	const char *row;

	snprintf(key, sizeof(key), "\n%s ", name);
	row = strstr(buf, key);
	return row && sscanf(row + strlen(key), " %*u %*u %u %u %u", objsize, per, pages) == 3;
}

/*
 * /proc/slabinfo names exactly Linux's nine kmalloc classes with Linux's
 * objperslab and pagesperslab, and none of kmalloc-8/16/32/96.  Then each
 * class for real: objperslab objects of it fill one block of pagesperslab
 * pages from its first byte to the end (less the tail Linux leaves too,
 * 64 bytes for kmalloc-192), written whole without harming any
 * bookkeeping; the next object starts a new slab.
 */
static void test_kmalloc_geometry_is_linux(void **state)
{
	host_skip_unless(!IS_ENABLED(CONFIG_SLAB_DEBUG), "CONFIG_SLAB_DEBUG's red zones make every object larger than Linux's");
	static const char *const gone[] = { "kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-96" };
	static char buf[8192];
	struct seq sq;

	(void)state;
	seq_init(&sq, buf, sizeof(buf));
	slabinfo_show(&sq);
	for (size_t i = 0; i < ARRAY_SIZE(gone); i++)
		assert_null(strstr(buf, line(0, "\n%s ", gone[i])));
	for (size_t i = 0; i < ARRAY_SIZE(linux_geometry); i++) {
		unsigned int objsize, per, pages;
		size_t size = linux_geometry[i].size, block;
		u8 *objs[64], *lo, *hi, *extra;

		if (!slabinfo_row(buf, linux_geometry[i].name, &objsize, &per, &pages))
			fail_msg("no slabinfo row for %s", linux_geometry[i].name);
		if (objsize != size || per != linux_geometry[i].objperslab || pages != linux_geometry[i].pagesperslab)
			fail_msg("%s: objsize %u objperslab %u pagesperslab %u, Linux has %zu %u %u",
				 linux_geometry[i].name, objsize, per, pages, size, linux_geometry[i].objperslab,
				 linux_geometry[i].pagesperslab);
		block = (size_t)pages * PAGE_SIZE;
		lo = hi = objs[0] = kmalloc(size, GFP_KERNEL);
		for (unsigned int j = 1; j < per; j++) {
			objs[j] = kmalloc(size, GFP_KERNEL);
			lo = objs[j] < lo ? objs[j] : lo;
			hi = objs[j] > hi ? objs[j] : hi;
		}
		assert_true(IS_ALIGNED((unsigned long)lo, block));
		assert_int_equal(hi + size - lo, (size_t)per * size);
		assert_true(block - (size_t)per * size < size);
		for (unsigned int j = 0; j < per; j++)
			memset(objs[j], 0xff, size);
		extra = kmalloc(size, GFP_KERNEL);
		assert_true(extra < lo || extra >= lo + block);
		kfree(extra);
		for (unsigned int j = 0; j < per; j++)
			kfree(objs[j]);
	}
	shrink_kmalloc_caches();
	assert_buddyinfo_equal(&at_start);
	host_log_expect_empty();
}

/* Objects of c in use, from /proc/slabinfo's active_objs column. */
static unsigned long active_objs(const char *name)
{
	char buf[8192], *row;
	struct seq s;
	unsigned long active = ~0UL;

	seq_init(&s, buf, sizeof(buf));
	slabinfo_show(&s);
	row = strstr(buf, name);
	if (row)
		sscanf(row + strlen(name), " %lu", &active);
	return active;
}

static bool one_of(const u8 *p, u8 *const *objs, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		if (p == objs[i])
			return true;
	return false;
}

/*
 * The per-CPU arrays (kmalloc-64 keeps 15 free objects per CPU and moves
 * 8 at a time: Linux SLAB's array_cache, sizes written here):
 *   a free then a kmalloc on one CPU give the same object, not touching the slab;
 *   slabinfo counts an object in an array as free;
 *   the 16th free on a CPU gives the oldest 8 back to their slab;
 *   a double free is seen in this CPU's array and in another CPU's;
 *   an object whose first word looks like the array's mark is no double free;
 *   kmem_cache_shrink empties every CPU's array, so the buddy state is the boot one.
 */
static void test_cpu_arrays(void **state)
{
	host_skip_unless(!IS_ENABLED(CONFIG_SLAB_DEBUG), "CONFIG_SLAB_DEBUG's caches take no arrays");
	const unsigned int limit = 15, batch = 8;
	unsigned long base = active_objs("kmalloc-64");
	u8 *objs[16], *p, *q;
	unsigned long mark;

	(void)state;
	p = kmalloc(64, GFP_KERNEL);
	kfree(p);
	assert_ptr_equal(kmalloc(64, GFP_KERNEL), p);
	assert_int_equal(active_objs("kmalloc-64"), base + 1);
	kfree(p);
	assert_int_equal(active_objs("kmalloc-64"), base);

	for (unsigned int i = 0; i < limit + 1; i++)
		objs[i] = kmalloc(64, GFP_KERNEL);
	for (unsigned int i = 0; i < limit; i++)
		kfree(objs[i]);
	kfree(objs[limit]);	/* the array was full: objs[0..7] go back to the slab first */
	assert_ptr_equal(kmalloc(64, GFP_KERNEL), objs[limit]);
	for (unsigned int i = limit - 1; i >= batch; i--)
		assert_ptr_equal(kmalloc(64, GFP_KERNEL), objs[i]);
	/* The array is empty: a refill, whose first object is the slab's lowest free one, a flushed one. */
	q = kmalloc(64, GFP_KERNEL);
	assert_true(one_of(q, objs, batch));
	for (unsigned int i = batch; i <= limit; i++)
		kfree(objs[i]);
	kfree(q);

	p = kmalloc(64, GFP_KERNEL);
	kfree(p);
	kfree(p);
	host_set_cpu(1);
	kfree(p);	/* in CPU 0's array */
	q = kmalloc(64, GFP_KERNEL);
	*(unsigned long *)q = 0;
	kfree(q);
	host_set_cpu(0);
	host_log_expect(line(0, "slab: kmalloc-64: double free of 0x%lx", (unsigned long)p),
			line(1, "slab: kmalloc-64: double free of 0x%lx", (unsigned long)p));
	host_log_clear();

	/* CPU 1's q, taken again, holding what it held in the array (the mark), freed again: no report. */
	host_set_cpu(1);
	mark = *(unsigned long *)q;
	assert_ptr_equal(kmalloc(64, GFP_KERNEL), q);
	assert_true(*(unsigned long *)q != mark);
	*(unsigned long *)q = mark;
	kfree(q);
	host_set_cpu(0);
	host_log_expect_empty();

	shrink_kmalloc_caches();
	assert_int_equal(active_objs("kmalloc-64"), base);
	assert_buddyinfo_equal(&at_start);
}

/* kmalloc(1) and kmalloc(64) give 64-byte objects, 64 bytes apart, each on a 64-byte boundary. */
static void test_smallest_object_is_64(void **state)
{
	host_skip_unless(!IS_ENABLED(CONFIG_SLAB_DEBUG), "CONFIG_SLAB_DEBUG's red zones make every object larger than Linux's");
	u8 *a = kmalloc(1, GFP_KERNEL), *b = kmalloc(64, GFP_KERNEL);

	(void)state;
	assert_int_equal(ksize(a), 64);
	assert_int_equal(ksize(b), 64);
	assert_ptr_equal(kmalloc_cache_for(1), kmalloc_cache_for(64));
	assert_ptr_not_equal(kmalloc_cache_for(65), kmalloc_cache_for(64));
	assert_true(IS_ALIGNED((unsigned long)a, 64) && IS_ALIGNED((unsigned long)b, 64));
	assert_int_equal(b > a ? b - a : a - b, 64);
	kfree(a);
	kfree(b);
	host_log_expect_empty();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_size_class, boot_slab, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_class_of_every_size, boot_slab, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_object_index_without_division, boot_slab, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_empty_slab_kept_last, boot_slab, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_zero_sizes_and_zeroing, boot_slab, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_alignment, boot_slab, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_ctor_runs_per_new_slab, boot_slab, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_shrink_returns_pages, boot_slab, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_destroy_busy_cache_refused, boot_slab, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_bad_frees_reported, boot_slab, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_debug_red_zones, boot_slab, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_debug_poison_and_double_free, boot_slab, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_slabinfo, boot_slab, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_random_stress, boot_slab, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_slab_grow_fails, boot_slab, host_unstarve_teardown),
		cmocka_unit_test_setup_teardown(test_kmalloc_large_fails, boot_slab, host_unstarve_teardown),
		cmocka_unit_test_setup_teardown(test_kmem_cache_create_cannot_grow, boot_slab, host_unstarve_teardown),
		cmocka_unit_test_setup_teardown(test_kmalloc_geometry_is_linux, boot_slab, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_smallest_object_is_64, boot_slab, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_cpu_arrays, boot_slab_percpu, percpu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
