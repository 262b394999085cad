/*
 * Memory pools: a reserve of elements in front of any allocator, so that
 * an allocation still succeeds when the allocator fails (include/mempool.h
 * has the contract).  This file owns the reserve only; the elements come
 * from the pool's alloc_fn and go back through its free_fn, and the
 * ready-made functions at the end pass them on to the buddy allocator,
 * kmalloc or a slab cache.
 */
#include <mempool.h>
#include "internal.h"

/* Smallest order whose block holds the pool and an array of min_nr pointers. */
static int pool_order(int min_nr)
{
	unsigned long bytes = sizeof(mempool_t) + (unsigned long)min_nr * sizeof(void *);

	for (unsigned int order = 0; order < MAX_ORDER; order++)
		if (bytes <= (PAGE_SIZE << order))
			return (int)order;
	return -1;
}

static void add_element(mempool_t *pool, void *element)
{
	pool->elements[pool->curr_nr++] = element;
}

static void *remove_element(mempool_t *pool)
{
	return pool->elements[--pool->curr_nr];
}

mempool_t *mempool_create(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn, void *pool_data)
{
	int order = min_nr < 0 ? -1 : pool_order(min_nr);
	mempool_t *pool;

	if (order < 0 || !alloc_fn || !free_fn)
		return NULL;
	pool = (mempool_t *)__get_free_pages(GFP_KERNEL, (unsigned int)order);
	if (!pool)
		return NULL;
	meminfo_account_other(1L << order);
	pool->min_nr = min_nr;
	pool->curr_nr = 0;
	pool->elements = (void **)(pool + 1);
	pool->pool_data = pool_data;
	pool->alloc = alloc_fn;
	pool->free = free_fn;
	pool->pages_order = (unsigned int)order;
	while (pool->curr_nr < min_nr) {
		void *element = alloc_fn(GFP_KERNEL, pool_data);

		if (!element) {
			mempool_destroy(pool);
			return NULL;
		}
		add_element(pool, element);
	}
	return pool;
}

void mempool_destroy(mempool_t *pool)
{
	if (!pool)
		return;
	while (pool->curr_nr)
		pool->free(remove_element(pool), pool->pool_data);
	meminfo_account_other(-(1L << pool->pages_order));
	free_pages((unsigned long)pool, pool->pages_order);
}

void *mempool_alloc(mempool_t *pool, gfp_t gfp)
{
	void *element = pool->alloc(gfp, pool->pool_data);

	if (element)
		return element;
	if (pool->curr_nr)
		return remove_element(pool);
	return NULL;
}

void mempool_free(void *element, mempool_t *pool)
{
	if (!element)
		return;
	if (pool->curr_nr < pool->min_nr)
		add_element(pool, element);
	else
		pool->free(element, pool->pool_data);
}

/* ---- element allocators ---- */

/* The pool and its users hold these pages: meminfo counts them as "other". */
void *mempool_alloc_pages(gfp_t gfp, void *pool_data)
{
	unsigned int order = (unsigned int)(unsigned long)pool_data;
	struct page *page = alloc_pages(gfp, order);

	if (page)
		meminfo_account_other(1L << order);
	return page;
}

void mempool_free_pages(void *element, void *pool_data)
{
	unsigned int order = (unsigned int)(unsigned long)pool_data;

	if (element)
		meminfo_account_other(-(1L << order));
	__free_pages(element, order);
}

void *mempool_kmalloc(gfp_t gfp, void *pool_data)
{
	return kmalloc((size_t)pool_data, gfp);
}

void mempool_kfree(void *element, void *pool_data)
{
	(void)pool_data;
	kfree(element);
}

void *mempool_alloc_slab(gfp_t gfp, void *pool_data)
{
	return kmem_cache_alloc(pool_data, gfp);
}

void mempool_free_slab(void *element, void *pool_data)
{
	kmem_cache_free(pool_data, element);
}
