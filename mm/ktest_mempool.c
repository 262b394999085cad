/*
 * Self-test of mempools (kernel only): the reserve covers an allocator that
 * fails, and frees refill it first.
 */
#include <mempool.h>
#include <selftest.h>
#include <slab.h>

static bool pool_allocator_dry;

static void *flaky_kmalloc(gfp_t gfp, void *pool_data)
{
	return pool_allocator_dry ? NULL : kmalloc((size_t)pool_data, gfp);
}

/* With kmalloc failing, the pool hands out its reserve; frees refill it first. */
static int ktest_mempool_fallback(void)
{
	mempool_t *pool = mempool_create(2, flaky_kmalloc, mempool_kfree, (void *)64);
	void *a, *b, *c;

	KT_EXPECT(pool && pool->curr_nr == 2, "mempool_create did not fill the reserve");
	if (!pool)
		return 0;
	pool_allocator_dry = true;
	a = mempool_alloc(pool, GFP_KERNEL);
	b = mempool_alloc(pool, GFP_KERNEL);
	c = mempool_alloc(pool, GFP_KERNEL);
	KT_EXPECT(a && b && !c && pool->curr_nr == 0, "reserve: %p %p %p, %d left", a, b, c, pool->curr_nr);
	pool_allocator_dry = false;
	mempool_free(a, pool);
	KT_EXPECT(pool->curr_nr == 1, "free did not refill the reserve");
	mempool_free(b, pool);
	c = mempool_alloc(pool, GFP_KERNEL);
	KT_EXPECT(c && pool->curr_nr == 2, "the allocator must come first when it works");
	mempool_free(c, pool);
	KT_EXPECT(pool->curr_nr == 2, "a full reserve must pass frees on");
	mempool_destroy(pool);
	return 0;
}
KTEST(mempool_fallback, ktest_mempool_fallback);
