/*
 * Object caches (slab) and kmalloc (mm/slab.c), with the Linux names.  A
 * cache hands out objects of one size carved from slabs of 2^order lowmem
 * pages taken from the buddy allocator; kmalloc picks one of nine caches
 * (kmalloc-64 .. kmalloc-8k, Linux 6.1's ARMv7 classes) and sends larger
 * requests straight to the buddy allocator.  Running out returns NULL; a caller's mistake (bad
 * free, double free, destroy while in use) is reported on one "slab: " line
 * naming the cache and the address, and refused.  Single CPU, no locking:
 * not for use from interrupt handlers.
 */
#ifndef SLAB_H
#define SLAB_H

#include <gfp.h>

/* Cache flags (bit values as Linux 6.1's, so a reader can match them up). */
#define SLAB_RED_ZONE		0x00000400u	/* guard bytes before and after each object */
#define SLAB_POISON		0x00000800u	/* fill free objects, check them on alloc */
#define SLAB_HWCACHE_ALIGN	0x00002000u	/* align objects to the cache line */

/*
 * The cache line that alignment and kmalloc follow: 64 bytes, although the
 * Cortex-A9's own L1 data cache lines are 32 bytes (Cortex-A9 TRM r4p1,
 * 7.1).  Linux 6.1's ARMv7 kernels are built with CONFIG_ARM_L1_CACHE_SHIFT=6,
 * the longest line of the ARMv7 cores one image may run on (the Cortex-A8
 * and A15 have 64-byte lines), and take ARCH_DMA_MINALIGN = L1_CACHE_BYTES
 * so that no kmalloc buffer handed to a DMA engine shares a cache line
 * with other data, whatever the core.  We follow 64 so that the kmalloc
 * classes and their slabs are Linux's on this board: kmalloc-64 is the
 * smallest class, there is no kmalloc-8/16/32/96, and kmalloc-192 stays
 * (a multiple of 64).
 */
#define L1_CACHE_BYTES		64
#define ARCH_DMA_MINALIGN	L1_CACHE_BYTES
#define ARCH_KMALLOC_MINALIGN	ARCH_DMA_MINALIGN

/* Objects of caches that ask for no alignment are aligned to this. */
#define ARCH_SLAB_MINALIGN	8

/* Slabs are 2^0 .. 2^SLAB_MAX_ORDER pages (Linux's PAGE_ALLOC_COSTLY_ORDER). */
#define SLAB_MAX_ORDER		3

/* kmalloc size classes: kmalloc-64 .. kmalloc-8k; larger goes to the buddy allocator. */
#define KMALLOC_MIN_SIZE	ARCH_KMALLOC_MINALIGN
#define KMALLOC_MAX_CACHE_SIZE	8192
#define KMALLOC_NR_CACHES	9

/* What kmalloc(0) returns: not NULL, never dereferenceable, kfree ignores it. */
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(p)	((unsigned long)(p) <= (unsigned long)ZERO_SIZE_PTR)

struct kmem_cache;

/*
 * Create a cache of objects of size bytes.  align 0 means cache-line
 * alignment by Linux's rule (64 bytes, halved while the object fits in
 * half: 8-byte objects get 8, 20-byte objects 32, 96-byte objects 64); a
 * non-zero align (a power
 * of two up to PAGE_SIZE) is honoured as given, and SLAB_HWCACHE_ALIGN with
 * it takes the larger of the two.  ctor, if given, runs once for every
 * object of a new slab; objects go back to the cache in their constructed
 * state (so poisoning is not done for caches with a constructor).  With
 * CONFIG_SLAB_DEBUG every cache gets SLAB_RED_ZONE | SLAB_POISON.  The
 * name is copied (up to 31 characters).  Returns NULL for size 0, a bad
 * align, an object that does not fit an order-3 slab, or no memory.
 */
struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     unsigned int flags, void (*ctor)(void *));

/*
 * An object from the cache (a partly used slab first, then an empty one,
 * then a new slab), zeroed if gfp has __GFP_ZERO; NULL if no slab can be had.
 */
void *kmem_cache_alloc(struct kmem_cache *cache, gfp_t gfp);

/*
 * Give an object back to its cache.  NULL does nothing.  An address that is
 * not the start of an allocated object of this cache (inside an object,
 * of another cache, already free) is reported and ignored.
 */
void kmem_cache_free(struct kmem_cache *cache, void *obj);

/*
 * Return the cache's empty slabs to the buddy allocator, and the slabs of
 * their descriptors that this empties; returns the pages freed (0 for NULL).
 */
unsigned long kmem_cache_shrink(struct kmem_cache *cache);

/* kmem_cache_shrink of every cache (as Linux's drop_caches does for slab): the pages freed. */
unsigned long kmem_cache_shrink_all(void);

/*
 * Free the cache and all its slabs.  If objects are still in use, reports
 * "slab: kmem_cache_destroy(<name>): <n> objects still in use", keeps the
 * cache and returns -EBUSY; otherwise returns 0.  NULL returns 0.
 */
int kmem_cache_destroy(struct kmem_cache *cache);

/* The cache's name and object size (as asked for, without red zones). */
const char *kmem_cache_name(const struct kmem_cache *cache);
size_t kmem_cache_size(const struct kmem_cache *cache);

/*
 * Create the kmalloc caches.  Call once the buddy allocator works; kmalloc
 * and kmem_cache_create work from then on.  Calling it again does nothing.
 */
void kmalloc_init(void);

/*
 * Forget every cache and slab without giving pages back (host tests, after
 * the buddy allocator itself has been reset); kmalloc_init starts afresh.
 */
void slab_reset(void);

/*
 * size bytes from the smallest kmalloc class that holds them (64, 128,
 * 192, 256, 512, ... 8192 bytes, each object aligned to ARCH_KMALLOC_MINALIGN,
 * 64 bytes; kmalloc(1) gives a 64-byte object), or for more than
 * KMALLOC_MAX_CACHE_SIZE whole lowmem pages from the buddy allocator
 * (page aligned).  __GFP_HIGHMEM is ignored; __GFP_ZERO zeroes.  Returns
 * ZERO_SIZE_PTR for size 0, NULL when nothing can be had.
 */
void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
/* n objects of size bytes, zeroed; NULL if n * size overflows. */
void *kcalloc(size_t n, size_t size, gfp_t gfp);

/*
 * Give back memory from kmalloc.  NULL and ZERO_SIZE_PTR do nothing; any
 * other pointer that kmalloc did not return (or that was freed already) is
 * reported and ignored.
 */
void kfree(const void *ptr);

/* Usable bytes at ptr (its class size, or its pages); 0 for NULL or a bad pointer. */
size_t ksize(const void *ptr);

/* The kmalloc cache for size bytes (1 .. KMALLOC_MAX_CACHE_SIZE), else NULL. */
struct kmem_cache *kmalloc_cache_for(size_t size);

/*
 * Accounting for /proc/meminfo (pages): slab_reclaimable_pages() is 0
 * (no cache here can be reclaimed under pressure); slab_unreclaimable_pages()
 * counts every page held by slabs plus large kmalloc blocks, as Linux 6.1
 * counts SUnreclaim.  Slab = the sum.
 */
unsigned long slab_reclaimable_pages(void);
unsigned long slab_unreclaimable_pages(void);

/* /proc/slabinfo, version 2.1, newest cache first. */
void slabinfo_show(struct seq *s);

/* Problems reported since boot (bad frees, red zones, poison); for tests. */
extern unsigned long slab_reports;

#endif
