/*
 * Memory pools (mm/mempool.c), with the Linux names: a pool keeps min_nr
 * elements in reserve so that an allocation can still succeed when the
 * allocator behind it has run dry.  mempool_alloc asks the allocator first
 * and falls back to the reserve; mempool_free refills the reserve before
 * giving anything back to the allocator.  There is no waiting here (no
 * scheduler): when both the allocator and the reserve are empty,
 * mempool_alloc returns NULL.  Single CPU, no locking.
 *
 * Ready-made element allocators: whole pages (pool_data is the order),
 * kmalloc (pool_data is the size) and a slab cache (pool_data is the
 * struct kmem_cache *).
 */
#ifndef MEMPOOL_H
#define MEMPOOL_H

#include <gfp.h>
#include <slab.h>

typedef void *(mempool_alloc_t)(gfp_t gfp, void *pool_data);
typedef void (mempool_free_t)(void *element, void *pool_data);

/*
 * Invariant: 0 <= curr_nr <= min_nr; elements[0 .. curr_nr) is the
 * reserve.  The pool and its elements array share one block of lowmem
 * pages (order pages_order) from the buddy allocator.
 */
typedef struct mempool {
	int min_nr;
	int curr_nr;
	void **elements;
	void *pool_data;
	mempool_alloc_t *alloc;
	mempool_free_t *free;
	unsigned int pages_order;
} mempool_t;

/*
 * A pool whose reserve is filled at once with min_nr elements from
 * alloc_fn(GFP_KERNEL, pool_data).  Returns NULL (with every element
 * already taken given back through free_fn) for min_nr < 0, missing
 * functions, a reserve array larger than one top-order block, or when
 * the pool's own pages or the reserve cannot be had.
 */
mempool_t *mempool_create(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn, void *pool_data);

/* Give the reserve back through free_fn and free the pool.  NULL does nothing. */
void mempool_destroy(mempool_t *pool);

/*
 * An element: from alloc_fn(gfp) if it has one, else the newest element
 * of the reserve, else NULL.
 */
void *mempool_alloc(mempool_t *pool, gfp_t gfp);

/*
 * Give back an element: into the reserve while it holds fewer than min_nr,
 * otherwise through free_fn.  NULL does nothing.
 */
void mempool_free(void *element, mempool_t *pool);

/* Whole pages: pool_data is the order; elements are struct page *. */
void *mempool_alloc_pages(gfp_t gfp, void *pool_data);
void mempool_free_pages(void *element, void *pool_data);
static inline mempool_t *mempool_create_page_pool(int min_nr, unsigned int order)
{
	return mempool_create(min_nr, mempool_alloc_pages, mempool_free_pages, (void *)(unsigned long)order);
}

/* kmalloc: pool_data is the size in bytes. */
void *mempool_kmalloc(gfp_t gfp, void *pool_data);
void mempool_kfree(void *element, void *pool_data);
static inline mempool_t *mempool_create_kmalloc_pool(int min_nr, size_t size)
{
	return mempool_create(min_nr, mempool_kmalloc, mempool_kfree, (void *)size);
}

/* A slab cache: pool_data is the struct kmem_cache *. */
void *mempool_alloc_slab(gfp_t gfp, void *pool_data);
void mempool_free_slab(void *element, void *pool_data);
static inline mempool_t *mempool_create_slab_pool(int min_nr, struct kmem_cache *cache)
{
	return mempool_create(min_nr, mempool_alloc_slab, mempool_free_slab, cache);
}

#endif
