/*
 * The slab checks (kernel only): a cache with a constructor and every
 * kmalloc class, run by the shell's `slab-test` and by the self-test
 * slab_caches_and_kmalloc.
 */
#include <slab.h>
#include <printk.h>
#include <selftest.h>
#include <shell.h>
#include <string.h>

#define TEST_OBJS	300
#define TEST_SIZE	100
#define CTOR_MARK	0xc0c0c0c0u

static unsigned long ctor_calls;
static unsigned long checks, errors, expected_reports;

#define CHECK(cond, ...)							\
	do {									\
		checks++;							\
		if (!(cond)) {							\
			errors++;						\
			kprintf("slab-test: " __VA_ARGS__);			\
		}								\
	} while (0)

static void test_ctor(void *obj)
{
	*(u32 *)obj = CTOR_MARK;
	ctor_calls++;
}

static void fill(u8 *p, size_t n, unsigned long seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (u8)(seed + i * 7);
}

static bool holds(const u8 *p, size_t n, unsigned long seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (u8)(seed + i * 7))
			return false;
	return true;
}

/* Allocate TEST_OBJS objects of c, each constructed and aligned, and fill them; false if one failed. */
static bool cache_fill(struct kmem_cache *c, u8 **objs)
{
	for (int i = 0; i < TEST_OBJS; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		CHECK(objs[i] != NULL, "alloc %d failed\n", i);
		if (!objs[i])
			return false;
		CHECK(*(u32 *)objs[i] == CTOR_MARK, "object %d not constructed\n", i);
		CHECK(IS_ALIGNED((unsigned long)objs[i], L1_CACHE_BYTES), "object %d at 0x%lx not aligned\n", i,
		      (unsigned long)objs[i]);
		fill(objs[i] + 4, TEST_SIZE - 4, (unsigned long)i);
	}
	return true;
}

/* Free every other object and allocate them again: the partial slabs refill without the constructor. */
static void cache_refill(struct kmem_cache *c, u8 **objs)
{
	unsigned long calls = ctor_calls;

	for (int i = 0; i < TEST_OBJS; i += 2) {
		kmem_cache_free(c, objs[i]);
		objs[i] = NULL;
	}
	for (int i = 0; i < TEST_OBJS; i += 2) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		CHECK(objs[i] != NULL, "realloc %d failed\n", i);
		if (!objs[i])
			continue;
		CHECK(*(u32 *)objs[i] == CTOR_MARK, "reused object %d lost its constructed state\n", i);
		fill(objs[i] + 4, TEST_SIZE - 4, (unsigned long)i);
	}
	CHECK(ctor_calls == calls, "refilling partial slabs ran the constructor %lu times\n", ctor_calls - calls);
}

/* A cache with a constructor: alloc all, free every other, alloc again, check contents. */
static void test_cache(void)
{
	static u8 *objs[TEST_OBJS];
	struct kmem_cache *c;

	ctor_calls = 0;
	c = kmem_cache_create("slab-test", TEST_SIZE, 0, SLAB_HWCACHE_ALIGN, test_ctor);
	CHECK(c != NULL, "kmem_cache_create failed\n");
	if (!c || !cache_fill(c, objs))
		return;
	CHECK(ctor_calls >= TEST_OBJS, "constructor ran %lu times for %d objects\n", ctor_calls, TEST_OBJS);
	/* Expected to be refused with one report line. */
	CHECK(kmem_cache_destroy(c) == -EBUSY, "destroy of a busy cache accepted\n");
	expected_reports++;
	cache_refill(c, objs);
	for (int i = 0; i < TEST_OBJS; i++) {
		CHECK(objs[i] && holds(objs[i] + 4, TEST_SIZE - 4, (unsigned long)i), "object %d corrupted\n", i);
		kmem_cache_free(c, objs[i]);
	}
	kmem_cache_shrink(c);
	CHECK(kmem_cache_destroy(c) == 0, "destroy of an empty cache refused\n");
}

/*
 * Every kmalloc class, at its exact size and one byte over the class below,
 * plus large sizes (and the sizes of the classes Linux has not on ARMv7).
 */
static void test_kmalloc_classes(void)
{
	static const size_t sizes[] = { 1, 8, 9, 16, 17, 32, 33, 64, 65, 96, 97, 128, 129, 192, 193, 256,
					257, 512, 513, 1024, 1025, 2048, 2049, 4096, 4097, 8192, 8193, 65536 };
	u8 *p[ARRAY_SIZE(sizes)];

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		p[i] = kmalloc(sizes[i], GFP_KERNEL);
		CHECK(p[i] != NULL, "kmalloc(%lu) failed\n", (unsigned long)sizes[i]);
		if (!p[i])
			continue;
		CHECK(ksize(p[i]) >= sizes[i], "ksize of kmalloc(%lu) is %lu\n", (unsigned long)sizes[i],
		      (unsigned long)ksize(p[i]));
		CHECK(IS_ALIGNED((unsigned long)p[i], ARCH_KMALLOC_MINALIGN), "kmalloc(%lu) at 0x%lx misaligned\n",
		      (unsigned long)sizes[i], (unsigned long)p[i]);
		fill(p[i], sizes[i], i);
	}
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		if (!p[i])
			continue;
		CHECK(holds(p[i], sizes[i], i), "kmalloc(%lu) contents corrupted\n", (unsigned long)sizes[i]);
		kfree(p[i]);
	}
	CHECK(kcalloc(0x10000, 0x10000, GFP_KERNEL) == NULL, "kcalloc overflow not caught\n");
	p[0] = kzalloc(200, GFP_KERNEL);
	CHECK(p[0] != NULL, "kzalloc(200) failed\n");
	for (int i = 0; p[0] && i < 200; i++)
		if (p[0][i]) {
			CHECK(false, "kzalloc(200): byte %d is 0x%02x\n", i, p[0][i]);
			break;
		}
	kfree(p[0]);
	kfree(NULL);
}

static void shrink_kmalloc_caches(void)
{
	for (size_t size = 8; size <= KMALLOC_MAX_CACHE_SIZE; size *= 2) {
		kmem_cache_shrink(kmalloc_cache_for(size));
		if (size <= KMALLOC_MAX_CACHE_SIZE / 2)
			kmem_cache_shrink(kmalloc_cache_for(size + size / 2));
	}
}

static unsigned long slab_selftest(void)
{
	unsigned long free_before, reports = slab_reports;

	checks = errors = expected_reports = 0;
	shrink_kmalloc_caches();
	free_before = nr_free_pages();
	test_cache();
	test_kmalloc_classes();
	shrink_kmalloc_caches();
	CHECK(nr_free_pages() == free_before, "%lu pages free after, %lu before\n", nr_free_pages(), free_before);
	CHECK(slab_reports - reports == expected_reports, "%lu slab reports, %lu expected\n", slab_reports - reports,
	      expected_reports);
	return errors;
}

static int cmd_slab_test(int argc, char **argv)
{
	unsigned long errs;

	(void)argc;
	(void)argv;
	errs = slab_selftest();
	kprintf("slab-test: %lu checks, %lu errors\n", checks, errs);
	return errs ? 1 : 0;
}
SHELL_CMD(slab_test, "slab-test", "", "exercise a cache with a constructor and every kmalloc class", cmd_slab_test);

static int ktest_slab(void)
{
	unsigned long errs = slab_selftest();

	KT_EXPECT(errs == 0, "%lu of %lu slab checks failed", errs, checks);
	return 0;
}
KTEST(slab_caches_and_kmalloc, ktest_slab);
