/*
 * Memory pools (mm/mempool.c): the reserve filled at creation, handed out
 * when the allocator fails, refilled first on free; creation failing
 * midway gives back what it took; and the page, kmalloc and slab element
 * allocators over the real buddy allocator and slab.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <mempool.h>
#include "mm_boot.h"

/*
 * A stand-in allocator over a fixed table of 16 elements: it fails once
 * `budget` allocations have been made (budget < 0: never), and counts
 * what is out so a test can see every element come back.
 */
#define FAKE_NR	16

static char fake_elems[FAKE_NR][32];
static bool fake_out[FAKE_NR];
static int budget, fake_allocs, fake_frees;

static void *fake_alloc(gfp_t gfp, void *pool_data)
{
	(void)gfp;
	assert_ptr_equal(pool_data, fake_elems);
	if (budget == 0)
		return NULL;
	for (int i = 0; i < FAKE_NR; i++) {
		if (!fake_out[i]) {
			fake_out[i] = true;
			fake_allocs++;
			if (budget > 0)
				budget--;
			return fake_elems[i];
		}
	}
	return NULL;
}

static void fake_free(void *element, void *pool_data)
{
	int i = (int)(((char (*)[32])element) - fake_elems);

	assert_ptr_equal(pool_data, fake_elems);
	assert_true(i >= 0 && i < FAKE_NR && fake_out[i]);
	fake_out[i] = false;
	fake_frees++;
}

static int fake_outstanding(void) { return fake_allocs - fake_frees; }

static unsigned long free_at_start;

static int boot(void **state)
{
	(void)state;
	mm_boot(64 * MiB, 976 * MiB);
	slab_reset();
	kmalloc_init();
	memset(fake_out, 0, sizeof(fake_out));
	budget = -1;
	fake_allocs = fake_frees = 0;
	free_at_start = nr_free_pages();
	host_log_clear();
	return 0;
}

/*
 * min_nr 3.  The allocator dries up: three allocations come from the
 * reserve (newest first), the fourth gets NULL.  Frees go to the reserve
 * until it holds 3 again, then to the allocator.  When the allocator
 * works, it is asked first and the reserve stays full.
 */
static void test_fallback_and_refill(void **state)
{
	mempool_t *pool = mempool_create(3, fake_alloc, fake_free, fake_elems);
	void *a, *b, *c, *d, *e;

	(void)state;
	assert_non_null(pool);
	assert_int_equal(pool->curr_nr, 3);
	assert_int_equal(fake_outstanding(), 3);

	budget = 0;
	a = mempool_alloc(pool, GFP_KERNEL);
	b = mempool_alloc(pool, GFP_KERNEL);
	c = mempool_alloc(pool, GFP_KERNEL);
	assert_ptr_equal(a, fake_elems[2]);
	assert_ptr_equal(b, fake_elems[1]);
	assert_ptr_equal(c, fake_elems[0]);
	assert_int_equal(pool->curr_nr, 0);
	assert_null(mempool_alloc(pool, GFP_KERNEL));

	budget = -1;
	d = mempool_alloc(pool, GFP_KERNEL);		/* the allocator again */
	assert_ptr_equal(d, fake_elems[3]);
	assert_int_equal(pool->curr_nr, 0);
	mempool_free(d, pool);				/* refills the reserve */
	mempool_free(a, pool);
	mempool_free(b, pool);
	assert_int_equal(pool->curr_nr, 3);
	assert_int_equal(fake_frees, 0);
	mempool_free(c, pool);				/* reserve full: to the allocator */
	assert_int_equal(fake_frees, 1);
	assert_false(fake_out[0]);
	e = mempool_alloc(pool, GFP_KERNEL);
	assert_ptr_equal(e, fake_elems[0]);
	assert_int_equal(pool->curr_nr, 3);
	mempool_free(e, pool);
	mempool_free(NULL, pool);
	assert_int_equal(pool->curr_nr, 3);

	mempool_destroy(pool);
	assert_int_equal(fake_outstanding(), 0);
	assert_int_equal(nr_free_pages(), free_at_start);
	host_log_expect_empty();
}

/* The allocator fails after n of min_nr elements: no pool, the n given back, no page kept. */
static void test_create_fails_midway(void **state)
{
	(void)state;
	for (int n = 0; n < 5; n++) {
		budget = n;
		assert_null(mempool_create(5, fake_alloc, fake_free, fake_elems));
		assert_int_equal(fake_outstanding(), 0);
		assert_int_equal(nr_free_pages(), free_at_start);
	}
	budget = -1;
	assert_null(mempool_create(-1, fake_alloc, fake_free, fake_elems));
	assert_null(mempool_create(1, NULL, fake_free, fake_elems));
	mempool_destroy(NULL);
	/* min_nr 0 is an empty pool in one page. */
	{
		mempool_t *pool = mempool_create(0, fake_alloc, fake_free, fake_elems);

		assert_non_null(pool);
		assert_int_equal(pool->pages_order, 0);
		mempool_destroy(pool);
	}
	assert_int_equal(nr_free_pages(), free_at_start);
}

/* A page pool of order-1 blocks: the reserve holds real blocks, destroy gives them all back. */
static void test_page_pool(void **state)
{
	mempool_t *pool = mempool_create_page_pool(4, 1);
	struct page *p;

	(void)state;
	assert_non_null(pool);
	assert_int_equal(pool->curr_nr, 4);
	/* 4 blocks of 2 pages, and the pool's own page. */
	assert_int_equal(nr_free_pages(), free_at_start - 4 * 2 - 1);
	p = mempool_alloc(pool, GFP_KERNEL);
	assert_non_null(p);
	assert_int_equal(p->order, 1);
	mempool_free(p, pool);
	assert_int_equal(pool->curr_nr, 4);
	mempool_destroy(pool);
	assert_int_equal(nr_free_pages(), free_at_start);
	assert_int_equal(buddy_check(), 0);
}

/* kmalloc and slab pools: elements of the right size, all returned on destroy. */
static void test_kmalloc_and_slab_pools(void **state)
{
	struct kmem_cache *cache = kmem_cache_create("pool-test", 48, 0, 0, NULL);
	mempool_t *kp = mempool_create_kmalloc_pool(3, 100);
	mempool_t *sp = mempool_create_slab_pool(2, cache);
	void *k, *s;

	(void)state;
	assert_non_null(cache);
	assert_non_null(kp);
	assert_non_null(sp);
	k = mempool_alloc(kp, GFP_KERNEL);
	s = mempool_alloc(sp, GFP_KERNEL);
	assert_non_null(k);
	assert_non_null(s);
	assert_true(ksize(k) >= 100);
	memset(k, 0x5a, 100);
	memset(s, 0xa5, 48);
	mempool_free(k, kp);
	mempool_free(s, sp);
	mempool_destroy(sp);
	mempool_destroy(kp);
	/* Every object went back: the cache can be destroyed. */
	assert_int_equal(kmem_cache_destroy(cache), 0);
	host_log_expect_empty();
}

/*
 * mempool_create's own allocation (the pool and its element array, one
 * GFP_KERNEL block: order 0 for 3 elements; order 1 for 1000, whose 4000
 * bytes of pointers and the header pass a page) fails with every block held.
 * Expected: NULL, the element allocator never asked, no page taken and
 * none counted in meminfo's "other" term; with memory back it works.
 */
static void test_create_own_allocation_fails(void **state)
{
	static const int sizes[] = { 3, 1000 };
	long other = meminfo_other_pages();
	unsigned long free_before;
	mempool_t *pool;

	(void)state;
	assert_true(host_starve(GFP_KERNEL) > 0);
	free_before = nr_free_pages();
	for (unsigned int i = 0; i < 2; i++) {
		assert_null(mempool_create(sizes[i], fake_alloc, fake_free, fake_elems));
		assert_int_equal(fake_allocs, 0);
		assert_int_equal(nr_free_pages(), free_before);
		assert_int_equal(meminfo_other_pages(), other);
	}
	host_unstarve();
	assert_non_null(pool = mempool_create(3, fake_alloc, fake_free, fake_elems));
	assert_int_equal(fake_outstanding(), 3);
	assert_int_equal(meminfo_other_pages(), other + 1);
	mempool_destroy(pool);
	assert_int_equal(fake_outstanding(), 0);
	assert_int_equal(nr_free_pages(), free_at_start);
	assert_int_equal(meminfo_other_pages(), other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fallback_and_refill, boot, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_create_fails_midway, boot, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_create_own_allocation_fails, boot, host_unstarve_teardown),
		cmocka_unit_test_setup_teardown(test_page_pool, boot, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_kmalloc_and_slab_pools, boot, host_ram_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
