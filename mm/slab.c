/*
 * Object caches and kmalloc: slabs of 2^order lowmem pages from the buddy
 * allocator, cut into equal slots; the kmalloc size classes on top; the
 * debug checks (red zones, poison) and /proc/slabinfo.  Pages come from and
 * go back to page_alloc.c; the shell side is in cmd_slab.c.
 *
 * One slab, 2^order pages, and its descriptor beside it:
 *
 *   struct page of each page          the slab's pages
 *   +-----------------------+         +------------+------------+-- ... --+------+
 *   | lru.prev SLAB_TAG     |         | slot 0     | slot 1     |         | tail |
 *   | lru.next ------------+|         |[RZ|obj|RZ] |            |         | waste|
 *   +----------------------|+         +------------+------------+-- ... --+------+
 *                          v          ^ page_address(head) (objects start here)
 *   struct slab: list, cache, objects, nfree, hint, bitmap (1 = free)
 *
 * The objects own their pages alone, as with Linux's SLUB (which keeps its
 * struct slab inside struct page): so a class holds as many objects per
 * slab as Linux's (kmalloc-512: 16 in 2 pages, kmalloc-4k: 8 in 8 pages).
 * The descriptors come from one cache of their own, "kmem_slab", the only
 * cache whose descriptor sits at the start of its own slab (SLAB_ON_SLAB):
 * that is where the recursion ends.
 *
 * Free slots are found in the bitmap (one bit per object), not through
 * pointers kept inside free objects: a constructed object keeps its
 * constructed state while free, the poison of a free object stays whole,
 * and a double free is caught by the bit even without CONFIG_SLAB_DEBUG.
 *
 * From an address back to its slab (kfree): the address's struct page,
 * whose lru every page of a slab has set while the slab lives:
 *   lru.prev == SLAB_BLOCK_TAG     a slab page; lru.next is its descriptor
 *   lru.prev == LARGE_BLOCK_TAG    the head of a kmalloc block above 8 KiB
 *   anything else                  not ours (the buddy allocator's lists)
 * The tags are odd numbers, which no list pointer can be, so a free or
 * otherwise owned page is never mistaken for a slab page; slab_destroy
 * clears them before the pages go back.
 */
#include <slab.h>
#include <percpu.h>
#include <printk.h>
#include <smp.h>
#include <spinlock.h>
#include <string.h>

#define SLAB_BLOCK_TAG		((struct list_head *)0x51)
#define LARGE_BLOCK_TAG		((struct list_head *)0x61)
#define RED_ZONE_BYTES		8	/* guard bytes at least, each side */
#define RED_ZONE_BYTE		0xbb
#define POISON_FREE		0x6b	/* a free object's bytes (Linux's value) */
#define POISON_END		0xa5	/* its last byte (Linux's value) */
#define BITS_PER_WORD		(8 * sizeof(unsigned long))
#define SLAB_KEEP_FREE		1	/* empty slabs a cache keeps; the rest go back at once */
#define SLAB_ON_SLAB		0x80000000u	/* internal: the descriptor heads the slab (kmem_slab only) */

/*
 * The most objects one slab holds: a page of the smallest objects
 * (ARCH_SLAB_MINALIGN).  The order rule gives larger slabs only to objects
 * of more than 256 bytes, so no cache is cut short by it.
 */
#define SLAB_MAX_OBJS		(PAGE_SIZE / ARCH_SLAB_MINALIGN)
#define SLAB_BITMAP_WORDS	(SLAB_MAX_OBJS / BITS_PER_WORD)

/*
 * Linux 6.1's SLUB aims for at least 4 * (fls(nr_cpus) + 1) objects per
 * slab (calculate_order).  It reads the CPUs present when kmalloc starts,
 * and if that is one (the boot CPU alone), nr_cpu_ids: the four cores of
 * the CoreTile (dts/vexpress-v2p-ca9.dts, cpu@0 .. cpu@3), so
 * 4 * (fls(4) + 1) = 16.  That is what gives kmalloc-512 its 2 pages.
 */
#define SLAB_MIN_OBJECTS	16

/*
 * Each CPU's array of free objects in front of a cache's slabs: Linux's
 * SLAB array_cache.  kmalloc takes the last object put in (the one most
 * likely still in this CPU's cache) and kfree puts one back, without the
 * cache lock and without touching the slab, because only this CPU uses
 * its array, and with its IRQs masked.  The cache lock is taken once per
 * batch instead: an empty array is refilled with batch objects from the
 * slabs (cache_alloc_refill), and a full one gives its oldest batch back
 * (cache_flusharray).  Objects in an array are in use as far as their
 * slabs know (their bitmap bits are clear), so the slab code is as
 * before; /proc/slabinfo counts them as free.  Another CPU's array is
 * emptied only by that CPU, when asked (drain_cpu_caches).
 *
 * A double free would put an object into an array twice, and the bitmap
 * cannot see it there.  So an object entering an array gets a mark in its
 * first word, its address XOR a constant (array_mark), which kmalloc
 * takes off again; kfree of an object bearing the mark looks for it in the
 * arrays (array_holds), and only an object really found there is a double
 * free, so data that happens to look like the mark costs a search and
 * nothing else.  Caches whose
 * free objects must stay as they are take no array: the debug caches (red
 * zones, poison), the constructed ones, and kmem_slab, whose objects
 * the cache lock's holder allocates.
 */
#define AC_MAX		15	/* with avail, 64 bytes */

struct array_cache {
	unsigned int avail;		/* objects in entry[0 .. avail - 1], newest last */
	void *entry[AC_MAX];
};

/*
 * The arrays are per-CPU variables: a cache's cpu_array is the address of
 * one of these, which this_cpu_ptr takes to this CPU's copy (as Linux's
 * SLUB reaches its cpu_slab).  A fixed number of them, enough for the boot
 * caches, the kmalloc classes and the kernel's own caches; a cache created
 * when all are taken works without arrays, through no_array, which stays
 * empty (its cache's ac_limit is 0, so nothing is ever put in).
 */
#define SLAB_ARRAY_SLOTS	20
static DEFINE_PER_CPU(struct array_cache, slab_arrays[SLAB_ARRAY_SLOTS]);
static DEFINE_PER_CPU(struct array_cache, no_array);
static unsigned long slab_arrays_used;	/* bit n: slab_arrays[n] is a cache's; under cache_chain_lock */
_Static_assert(SLAB_ARRAY_SLOTS <= 8 * sizeof(unsigned long), "slab_arrays_used has a bit per slot");

struct kmem_cache {
	/*
	 * slabs_partial holds every slab with a free object, the one empty
	 * slab a cache keeps (SLAB_KEEP_FREE) included, as SLUB keeps empty
	 * slabs on its partial lists: a slab that empties stays where it is,
	 * so a kmalloc + kfree pair moves no slab between lists.  An empty
	 * slab is always last, behind the partly used ones, which are filled
	 * first.  Objects in use and empty slabs are not counted as they
	 * change (that would cost every kmalloc and kfree); cache_counts
	 * adds them up from the lists when asked.  It comes first, so the
	 * cache's address is the list head's: kmalloc tests for an empty list
	 * without computing it.
	 */
	struct list_head slabs_partial;
	struct array_cache *cpu_array;	/* per-CPU (this_cpu_ptr): slab_arrays[n], or no_array */
	unsigned int ac_limit;	/* objects an array holds at most; 0: this cache takes no arrays */
	unsigned int ac_batch;	/* objects a refill or a flush moves */
	char name[32];
	size_t object_size;	/* as asked for */
	size_t size;		/* slot stride: object, red zones, alignment padding */
	size_t align;
	size_t obj_offset;	/* object start inside its slot (left red zone) */
	size_t first_obj;	/* slot 0 inside the slab: 0, or past the descriptor (SLAB_ON_SLAB) */
	size_t obj_start;	/* object 0 inside the slab: first_obj + obj_offset */
	size_t objs_bytes;	/* num * size: the slots' span */
	u32 reciprocal;		/* ceil(2^32 / size), for object_index without a division */
	unsigned int flags;
	unsigned int order;
	unsigned int num;	/* objects per slab */
	void (*ctor)(void *);
	struct list_head slabs_full;
	unsigned long nr_slabs;
	struct list_head list;	/* on cache_chain, newest first */
	/*
	 * The cache lock: both slab lists, nr_slabs and every slab's
	 * bitmap, nfree and hint.  Lock order: a cache's lock, then
	 * kmem_slab's (descriptors), then the page allocator's.
	 */
	spinlock_t lock;
};

/* A slab's descriptor, from kmem_slab (or, for kmem_slab's own slabs, at their start). */
struct slab {
	struct list_head list;	/* on the cache's full or partial list; first, so list_entry costs nothing */
	struct kmem_cache *cache;
	char *objects;		/* object 0: the slab's first page + cache->obj_start */
	unsigned int nfree;	/* free objects: 0 full, num empty */
	unsigned int hint;	/* no free bit in bitmap words below this */
	unsigned long bitmap[SLAB_BITMAP_WORDS];	/* bit i set: object i free (bits >= num stay clear) */
};

static struct list_head cache_chain = { &cache_chain, &cache_chain };
static DEFINE_SPINLOCK(cache_chain_lock);	/* cache_chain; taken before any cache's lock */
static struct kmem_cache kmem_cache_boot;	/* the cache of struct kmem_cache */
static struct kmem_cache kmem_slab_cache;	/* the cache of struct slab */
static struct kmem_cache *kmalloc_caches[KMALLOC_NR_CACHES];
static const size_t kmalloc_sizes[KMALLOC_NR_CACHES] = {
	64, 128, 192, 256, 512, 1024, 2048, 4096, 8192,
};
static const char *const kmalloc_names[KMALLOC_NR_CACHES] = {
	"kmalloc-64", "kmalloc-128", "kmalloc-192", "kmalloc-256", "kmalloc-512", "kmalloc-1k",
	"kmalloc-2k", "kmalloc-4k", "kmalloc-8k",
};
static bool kmalloc_ready;
static unsigned long slab_pages, large_pages;	/* changed with atomic adds: no lock covers them */

static void add_pages(unsigned long *counter, long pages)
{
	__atomic_add_fetch(counter, (unsigned long)pages, __ATOMIC_RELAXED);
}

/*
 * Lowmem as kernel addresses, [low_start, low_start + low_bytes), and the
 * struct page of its first page: where a slab page can be, read together
 * by kfree's fast path.  kmalloc_init copies them from min_pfn,
 * max_low_pfn and mem_map, which are fixed from the zones' setup on; no
 * slab exists before that, and after slab_reset the window is empty.
 */
static struct {
	unsigned long low_start, low_bytes;
	struct page *low_page;
} kfree_window;

unsigned long slab_reports;

#define slab_report(...)	do { slab_reports++; pr_err("slab: " __VA_ARGS__); } while (0)

/*
 * object_index divides an offset inside a slab (below 2^15: an order-3
 * slab is 32 KiB) by the slot size with one multiplication by
 * reciprocal = ceil(2^32 / size) = (2^32 + e) / size, 0 <= e < size.
 * Then off * reciprocal / 2^32 = off / size + off * e / (size * 2^32), and
 * the second term stays below 1 / size while off * e < 2^32 (here < 2^30),
 * which is too little to carry the quotient past its floor.
 */
_Static_assert((PAGE_SIZE << SLAB_MAX_ORDER) <= 1UL << 15, "object_index needs slab offsets below 2^15");
_Static_assert(SLAB_MAX_OBJS % BITS_PER_WORD == 0, "the bitmap is whole words");

/*
 * kmalloc size classes, as indexes into kmalloc_sizes: 1 .. 64 -> 0,
 * 65 .. 128 -> 1, 129 .. 192 -> 2 by one shift (the first three classes
 * are 64 bytes apart); above, the highest bit of size - 1 less 4 (bit 7,
 * 193 .. 256, is class 3): 257 .. 512 -> 4, ... 4097 .. 8192 -> 8.
 */
_Static_assert(KMALLOC_MIN_SIZE == 64, "kmalloc_index shifts by 6 for the 64-byte steps");

/* The class for size bytes, 1 <= size <= KMALLOC_MAX_CACHE_SIZE. */
static inline unsigned int kmalloc_index(size_t size)
{
	if (size <= 192)
		return (unsigned int)(size - 1) >> 6;
	return 31 - 4 - (unsigned int)__builtin_clz((unsigned int)(size - 1));
}

/* ---- debug: red zones and poison ---- */

/* Check the guard bytes on both sides of obj; report the first bad byte of each, then mend them. */
static bool check_red_zones(const struct kmem_cache *c, unsigned char *obj)
{
	unsigned char *before = obj - c->obj_offset, *after = obj + c->object_size;
	size_t after_len = c->size - c->obj_offset - c->object_size;
	bool ok = true;

	for (size_t i = 0; i < c->obj_offset; i++)
		if (before[i] != RED_ZONE_BYTE) {
			slab_report("%s: red zone before 0x%lx overwritten: byte -%lu is 0x%02x, expected 0x%02x\n",
				    c->name, (unsigned long)obj, (unsigned long)(c->obj_offset - i), before[i],
				    RED_ZONE_BYTE);
			ok = false;
			break;
		}
	for (size_t i = 0; i < after_len; i++)
		if (after[i] != RED_ZONE_BYTE) {
			slab_report("%s: red zone after 0x%lx overwritten: byte +%lu is 0x%02x, expected 0x%02x\n",
				    c->name, (unsigned long)obj, (unsigned long)(c->object_size + i), after[i],
				    RED_ZONE_BYTE);
			ok = false;
			break;
		}
	if (!ok) {
		memset(before, RED_ZONE_BYTE, c->obj_offset);
		memset(after, RED_ZONE_BYTE, after_len);
	}
	return ok;
}

static void poison_object(const struct kmem_cache *c, unsigned char *obj)
{
	memset(obj, POISON_FREE, c->object_size - 1);
	obj[c->object_size - 1] = POISON_END;
}

/* A free object must still hold its poison; anything else was written after free. */
static void check_poison(const struct kmem_cache *c, unsigned char *obj)
{
	for (size_t i = 0; i < c->object_size; i++) {
		unsigned char want = i == c->object_size - 1 ? POISON_END : POISON_FREE;

		if (obj[i] != want) {
			slab_report("%s: 0x%lx written after free: byte +%lu is 0x%02x, expected 0x%02x\n",
				    c->name, (unsigned long)obj, (unsigned long)i, obj[i], want);
			return;
		}
	}
}

/* ---- slabs ---- */

/* Every page of the block says it belongs to s (NULL: to nobody any more). */
static void slab_tag_pages(struct page *page, unsigned int order, struct slab *s)
{
	struct list_head *tag = s ? SLAB_BLOCK_TAG : NULL;

	for (unsigned long i = 0; i < (1UL << order); i++) {
		page[i].lru.prev = tag;
		page[i].lru.next = (struct list_head *)s;
	}
}

/* A descriptor for a new slab at base: its own first bytes for kmem_slab, else one from kmem_slab. */
static struct slab *slab_descriptor(struct kmem_cache *c, char *base, gfp_t gfp)
{
	if (c->flags & SLAB_ON_SLAB)
		return (struct slab *)base;
	return kmem_cache_alloc(&kmem_slab_cache, gfp & ~__GFP_ZERO);
}

/* Every object free, and as a new object must be: red zones, poison, constructed. */
static void slab_init_objects(const struct kmem_cache *c, struct slab *s)
{
	memset(s->bitmap, 0, sizeof(s->bitmap));
	for (unsigned int i = 0; i < c->num; i++)
		s->bitmap[i / BITS_PER_WORD] |= 1UL << (i % BITS_PER_WORD);
	for (unsigned int i = 0; i < c->num; i++) {
		unsigned char *obj = (unsigned char *)s->objects + (size_t)i * c->size;

		if (c->flags & SLAB_RED_ZONE)
			memset(obj - c->obj_offset, RED_ZONE_BYTE, c->size);
		if (c->flags & SLAB_POISON)
			poison_object(c, obj);
		if (c->ctor)
			c->ctor(obj);
	}
}

static struct slab *slab_grow(struct kmem_cache *c, gfp_t gfp)
{
	struct page *page = alloc_pages(gfp & ~(__GFP_HIGHMEM | __GFP_ZERO), c->order);
	struct slab *s;
	char *base;

	if (!page)
		return NULL;
	base = page_address(page);
	s = slab_descriptor(c, base, gfp);
	if (!s) {
		__free_pages(page, c->order);
		return NULL;
	}
	s->cache = c;
	s->objects = base + c->obj_start;
	s->nfree = c->num;
	s->hint = 0;
	slab_init_objects(c, s);
	slab_tag_pages(page, c->order, s);
	list_add_tail(&s->list, &c->slabs_partial);
	c->nr_slabs++;
	add_pages(&slab_pages, 1L << c->order);
	return s;
}

/* Give an empty slab back to the buddy allocator, and its descriptor to kmem_slab. */
static void slab_destroy(struct kmem_cache *c, struct slab *s)
{
	struct page *page = virt_to_page(s->objects - c->obj_start);

	list_del(&s->list);
	slab_tag_pages(page, c->order, NULL);
	c->nr_slabs--;
	add_pages(&slab_pages, -(1L << c->order));
	if (!(c->flags & SLAB_ON_SLAB))
		kmem_cache_free(&kmem_slab_cache, s);
	__free_pages(page, c->order);
}

/* Take the lowest free object of word w (which has one); its index. */
static inline unsigned int take_from_word(struct slab *s, unsigned int w, unsigned long bits)
{
	s->bitmap[w] = bits & (bits - 1);
	return w * BITS_PER_WORD + (unsigned int)__builtin_ctzl(bits);
}

/* The hint word has no free object: move the hint on to the first word that has one. */
static unsigned int slab_take_index_slow(struct slab *s)
{
	unsigned int w = s->hint;

	while (!s->bitmap[w])
		w++;
	s->hint = w;
	return take_from_word(s, w, s->bitmap[w]);
}

/* A free object of s (the caller knows there is one), now marked in use. */
static inline unsigned int slab_take_index(struct slab *s)
{
	unsigned int w = s->hint;
	unsigned long bits = s->bitmap[w];

	if (unlikely(!bits))
		return slab_take_index_slow(s);
	return take_from_word(s, w, bits);
}

static void slab_full(struct kmem_cache *c, struct slab *s)
{
	list_del(&s->list);
	list_add(&s->list, &c->slabs_full);
}

static void debug_check_alloc(const struct kmem_cache *c, unsigned char *obj)
{
	if (c->flags & SLAB_RED_ZONE)
		check_red_zones(c, obj);
	if (c->flags & SLAB_POISON)
		check_poison(c, obj);
}

/* The first slab on the partial list gives an object, under the cache lock; a slab moves only when it fills up. */
static void *slab_take_object(struct kmem_cache *c, gfp_t gfp)
{
	struct slab *s;
	unsigned char *obj;

	if (unlikely(list_empty(&c->slabs_partial)) && !slab_grow(c, gfp))
		return NULL;
	s = list_entry(c->slabs_partial.next, struct slab, list);
	obj = (unsigned char *)s->objects + slab_take_index(s) * c->size;
	if (unlikely(--s->nfree == 0))
		slab_full(c, s);
	if (unlikely(c->flags & (SLAB_RED_ZONE | SLAB_POISON)))
		debug_check_alloc(c, obj);
	return obj;
}

/*
 * An empty array gets up to ac_batch objects from the slabs, one of them
 * for the caller.  They go in backwards, so that the next kmallocs take
 * them in the order the slab gave them: a slab's objects in address order.
 */
static __attribute__((noinline)) void *cache_alloc_refill(struct kmem_cache *c, struct array_cache *ac, gfp_t gfp)
{
	void *obj;

	spin_lock(&c->lock);
	obj = slab_take_object(c, gfp);
	while (obj && ac->avail < c->ac_batch - 1) {
		void *more = slab_take_object(c, gfp);

		if (!more)
			break;
		ac->entry[ac->avail++] = more;
	}
	spin_unlock(&c->lock);
	for (unsigned int lo = 0, hi = ac->avail; hi > lo + 1; lo++, hi--) {
		void *t = ac->entry[lo];

		ac->entry[lo] = ac->entry[hi - 1];
		ac->entry[hi - 1] = t;
	}
	return obj;
}

/*
 * This CPU's array gives the object (with IRQs masked, no lock); an empty
 * one is refilled under the cache lock.  Inlined into kmalloc and
 * kmem_cache_alloc, as SLUB's slab_alloc is.
 */
static __always_inline void *slab_alloc(struct kmem_cache *c, gfp_t gfp)
{
	unsigned long flags = arch_irq_save();
	struct array_cache *ac = this_cpu_ptr(c->cpu_array);
	void *obj;

	if (likely(ac->avail)) {
		obj = ac->entry[--ac->avail];
		*(unsigned long *)obj = 0;	/* the array's mark off: its next kfree is not suspect */
	} else {
		obj = cache_alloc_refill(c, ac, gfp);
	}
	arch_irq_restore(flags);
	if (unlikely(gfp & __GFP_ZERO) && obj)
		memset(obj, 0, c->object_size);
	return obj;
}

void *kmem_cache_alloc(struct kmem_cache *c, gfp_t gfp)
{
	return slab_alloc(c, gfp);
}

/*
 * The struct page of lowmem page number index of the window.  Under
 * SPARSEMEM mem_map is one run only within a section, so the page comes
 * through the section table, and a hole (no struct page) gives NULL.
 */
static inline struct page *kfree_window_page(unsigned long index)
{
	unsigned long pfn = min_pfn + index;

	if (!IS_ENABLED(CONFIG_SPARSEMEM))
		return kfree_window.low_page + index;
	return pfn_valid(pfn) ? pfn_to_page(pfn) : NULL;
}

/*
 * Whether ptr lies in a slab's pages, and if so its slab in *s: two loads
 * from ptr's struct page.  NULL and ZERO_SIZE_PTR lie below lowmem, so they
 * fail the window test too.
 */
static inline bool slab_of_addr(const void *ptr, struct slab **s)
{
	unsigned long off = (unsigned long)ptr - kfree_window.low_start;
	const struct page *page;

	if (unlikely(off >= kfree_window.low_bytes))
		return false;
	page = kfree_window_page(off >> PAGE_SHIFT);
	if (IS_ENABLED(CONFIG_SPARSEMEM) && unlikely(!page))	/* FLATMEM has no hole here */
		return false;
	*s = (struct slab *)page->lru.next;
	return page->lru.prev == SLAB_BLOCK_TAG;
}

/*
 * The head page of the large kmalloc block holding ptr, or NULL.  Only a
 * block's head is tagged, so this walks back over the pages before ptr's
 * to the first allocated head, which must lie less than 2^order pages
 * before.  Only bad frees and ksize come here.
 */
static struct page *large_block_of(const void *ptr)
{
	unsigned long off = (unsigned long)ptr - kfree_window.low_start, index = off >> PAGE_SHIFT;

	if (off >= kfree_window.low_bytes)
		return NULL;
	for (unsigned long back = 0; back < MAX_ORDER_NR_PAGES && back <= index; back++) {
		struct page *p = kfree_window_page(index - back);

		if (!p)
			return NULL;
		if (PageHead(p))
			return p->lru.prev == LARGE_BLOCK_TAG && back < (1UL << p->order) ? p : NULL;
	}
	return NULL;
}

/*
 * Whether ptr is the start of an object of s, and if so its index in *i
 * (no division: see reciprocal).
 */
static inline bool object_index(const struct slab *s, const void *ptr, unsigned int *i)
{
	const struct kmem_cache *c = s->cache;
	unsigned long off = (unsigned long)ptr - (unsigned long)s->objects;

	*i = (unsigned int)(((u64)off * c->reciprocal) >> 32);
	/* Below object 0 wraps round to a large offset. */
	return off < c->objs_bytes && off == (unsigned long)*i * c->size;
}

/* Mark object i free; false if it was free already (a double free: nothing changes). */
static inline bool mark_free(struct slab *s, unsigned int i)
{
	unsigned long bit = 1UL << (i % BITS_PER_WORD);
	unsigned long *word = &s->bitmap[i / BITS_PER_WORD];

	if (unlikely(*word & bit))
		return false;
	*word |= bit;
	return true;
}

static void report_not_object(const struct kmem_cache *c, const void *ptr)
{
	slab_report("%s: free of 0x%lx: not the start of an object\n", c->name, (unsigned long)ptr);
}

static void report_double_free(const struct kmem_cache *c, const void *ptr)
{
	slab_report("%s: double free of 0x%lx\n", c->name, (unsigned long)ptr);
}

static void debug_check_free(const struct kmem_cache *c, void *ptr)
{
	if (c->flags & SLAB_RED_ZONE)
		check_red_zones(c, ptr);
	if (c->flags & SLAB_POISON)
		poison_object(c, ptr);
}

/* Move s to the end of the partial list (an empty slab waits behind the partly used ones). */
static void slab_unfull_tail(struct kmem_cache *c, struct slab *s)
{
	list_del(&s->list);
	list_add_tail(&s->list, &c->slabs_partial);
}

/*
 * s has just emptied.  The cache keeps one empty slab (SLAB_KEEP_FREE),
 * always last on the partial list: if the last one is empty already, s
 * goes back to the buddy allocator; else s moves to the end, unless it is
 * there already (as when it is the cache's only slab, the usual case of a
 * kmalloc + kfree pair, which then costs nothing here).
 */
_Static_assert(SLAB_KEEP_FREE == 1, "slab_emptied keeps exactly one empty slab");

static inline void slab_emptied(struct kmem_cache *c, struct slab *s)
{
	struct slab *last;

	if (likely(s->list.next == &c->slabs_partial))
		return;
	last = list_entry(c->slabs_partial.prev, struct slab, list);
	if (last->nfree == c->num)
		slab_destroy(c, s);
	else
		slab_unfull_tail(c, s);
}

/*
 * s was full and has a free object again: back on the partial list, first
 * in line; and if that object was its only one, s is empty as well.
 */
static void slab_unfull(struct kmem_cache *c, struct slab *s)
{
	list_del(&s->list);
	list_add(&s->list, &c->slabs_partial);
	if (s->nfree == c->num)
		slab_emptied(c, s);
}

/* Object i of s (marked free already) goes back: the hint, the count, the lists. */
static inline void slab_put_back(struct kmem_cache *c, struct slab *s, unsigned int i)
{
	if (i / BITS_PER_WORD < s->hint)
		s->hint = i / BITS_PER_WORD;
	if (unlikely(s->nfree++ == 0))
		slab_unfull(c, s);
	else if (s->nfree == c->num)
		slab_emptied(c, s);
}

/* The rest of a free in a cache with red zones or poison: check and poison, then put back. */
static void slab_put_back_debug(struct kmem_cache *c, struct slab *s, unsigned int i, void *ptr)
{
	debug_check_free(c, ptr);
	slab_put_back(c, s, i);
}

/* Object i of s back to its slab, under the cache lock: a double free is seen here by the bit. */
static void slab_give_object(struct kmem_cache *c, struct slab *s, unsigned int i, void *ptr)
{
	if (unlikely(!mark_free(s, i)))
		report_double_free(c, ptr);
	else if (unlikely(c->flags & (SLAB_RED_ZONE | SLAB_POISON)))
		slab_put_back_debug(c, s, i, ptr);
	else
		slab_put_back(c, s, i);
}

/* An object of c (its start checked already) back to its slab. */
static void slab_give_back(struct kmem_cache *c, void *ptr)
{
	struct slab *s = NULL;
	unsigned int i;

	slab_of_addr(ptr, &s);	/* ptr passed kfree's checks: it is in a slab */
	object_index(s, ptr, &i);
	slab_give_object(c, s, i, ptr);
}

/* A full array gives its oldest ac_batch objects back to their slabs. */
static void cache_flusharray(struct kmem_cache *c, struct array_cache *ac)
{
	unsigned int n = c->ac_batch;

	spin_lock(&c->lock);
	for (unsigned int k = 0; k < n; k++)
		slab_give_back(c, ac->entry[k]);
	spin_unlock(&c->lock);
	ac->avail -= n;
	memmove(&ac->entry[0], &ac->entry[n], ac->avail * sizeof(ac->entry[0]));
}

/* Any constant would do: the mark only decides whether array_holds looks. */
#define ARRAY_MARK_KEY	0xa5c3e10fUL

static inline unsigned long array_mark(const void *ptr)
{
	return (unsigned long)ptr ^ ARRAY_MARK_KEY;
}

/*
 * Whether ptr sits in an array of c: this CPU's, then the others' (read
 * without their owners' agreement: a search for a report, which a free
 * racing with it can only make miss).
 */
static __attribute__((noinline)) bool array_holds(const struct kmem_cache *c, const void *ptr)
{
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		const struct array_cache *ac = per_cpu_ptr(c->cpu_array, cpu);

		for (unsigned int k = 0; k < ac->avail; k++)
			if (ac->entry[k] == ptr)
				return true;
	}
	return false;
}

/* A free in a cache without arrays: straight back to the slab, under the cache lock. */
static void slab_free_locked(struct kmem_cache *c, void *ptr)
{
	spin_lock(&c->lock);
	slab_give_back(c, ptr);
	spin_unlock(&c->lock);
}

/* array_put's rare case: a full array flushed, then the push; or no arrays at all. True if pushed. */
static __attribute__((noinline)) bool array_put_slow(struct kmem_cache *c, struct array_cache *ac, void *ptr)
{
	if (!c->ac_limit) {
		slab_free_locked(c, ptr);
		return false;
	}
	cache_flusharray(c, ac);
	return true;
}

/* A free into this CPU's array (IRQs masked, no lock); a full one is flushed first. */
static __always_inline void array_put(struct kmem_cache *c, void *ptr)
{
	unsigned long flags = arch_irq_save();
	struct array_cache *ac = this_cpu_ptr(c->cpu_array);

	if (likely(ac->avail < c->ac_limit) || array_put_slow(c, ac, ptr)) {
		*(unsigned long *)ptr = array_mark(ptr);
		ac->entry[ac->avail++] = ptr;
	}
	arch_irq_restore(flags);
}

/*
 * Every check comes before anything changes, the common case falling
 * through each: ptr is an object start, the object is neither free in its
 * slab (the bit, read without the lock: only this free could set it) nor
 * in an array (the mark, then array_holds).  Inlined into kfree and
 * kmem_cache_free, as SLUB's slab_free is (see slab_alloc).
 */
static __always_inline void slab_free_object(struct slab *s, void *ptr)
{
	struct kmem_cache *c = s->cache;
	unsigned int i;

	if (unlikely(!object_index(s, ptr, &i))) {
		report_not_object(c, ptr);
		return;
	}
	if (unlikely(s->bitmap[i / BITS_PER_WORD] & (1UL << (i % BITS_PER_WORD))) ||
	    unlikely(*(unsigned long *)ptr == array_mark(ptr) && array_holds(c, ptr))) {
		report_double_free(c, ptr);
		return;
	}
	array_put(c, ptr);
}

void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	struct slab *s;

	if (!obj)
		return;
	if (!slab_of_addr(obj, &s)) {
		slab_report("kmem_cache_free(%s): 0x%lx is not a slab object\n", c->name, (unsigned long)obj);
		return;
	}
	if (s->cache != c) {
		slab_report("kmem_cache_free(%s): 0x%lx belongs to %s\n", c->name, (unsigned long)obj,
			    s->cache->name);
		return;
	}
	slab_free_object(s, obj);
}

/* ---- caches ---- */

/* Linux's cache-line rule: the line, halved while the object fits in half of it. */
static size_t hwcache_align(size_t size)
{
	size_t a = L1_CACHE_BYTES;

	while (size <= a / 2 && a > ARCH_SLAB_MINALIGN)
		a /= 2;
	return a;
}

/* Objects that fit a slab of 2^order pages after the descriptor, if the slab holds it (first_obj). */
static unsigned int objects_per_slab(const struct kmem_cache *c, unsigned int order)
{
	size_t bytes = PAGE_SIZE << order;

	if (bytes < c->first_obj + c->size)
		return 0;
	return (unsigned int)min((bytes - c->first_obj) / c->size, (size_t)SLAB_MAX_OBJS);
}

/*
 * The smallest order whose slab holds at least min_objects and leaves
 * unused at most 1/fraction of it; SLAB_MAX_ORDER + 1 if none does.
 */
static unsigned int order_for(const struct kmem_cache *c, unsigned int min_objects, unsigned int fraction)
{
	unsigned int order;

	for (order = 0; order <= SLAB_MAX_ORDER; order++) {
		size_t bytes = PAGE_SIZE << order;
		unsigned int num = objects_per_slab(c, order);

		if (num >= min_objects && bytes - c->first_obj - (size_t)num * c->size <= bytes / fraction)
			break;
	}
	return order;
}

/*
 * Linux 6.1's SLUB rule (calculate_order): aim for SLAB_MIN_OBJECTS per
 * slab (no more than an order-3 slab holds), accepting a waste of 1/16 of
 * the slab, then 1/8, then 1/4; failing all three, aim for one object
 * fewer and try again; with the aim down to one object, the smallest slab
 * that holds one.  False if not even an order-3 slab holds one object.
 */
static bool choose_order(struct kmem_cache *c)
{
	unsigned int most = objects_per_slab(c, SLAB_MAX_ORDER), order = SLAB_MAX_ORDER + 1;

	if (!most)
		return false;
	for (unsigned int min_objects = min(most, (unsigned int)SLAB_MIN_OBJECTS);
	     min_objects > 1 && order > SLAB_MAX_ORDER; min_objects--)
		for (unsigned int fraction = 16; fraction >= 4 && order > SLAB_MAX_ORDER; fraction /= 2)
			order = order_for(c, min_objects, fraction);
	if (order > SLAB_MAX_ORDER)
		order = order_for(c, 1, 1);
	c->order = order;
	c->num = objects_per_slab(c, order);
	return true;
}

/* The slot: left red zone, object, right red zone, padded to the alignment; then the slab. */
static bool cache_layout(struct kmem_cache *c)
{
	size_t rz = (c->flags & SLAB_RED_ZONE) ? RED_ZONE_BYTES : 0;

	c->obj_offset = rz ? ALIGN(rz, c->align) : 0;
	c->size = ALIGN(c->obj_offset + c->object_size + rz, c->align);
	c->first_obj = (c->flags & SLAB_ON_SLAB) ? ALIGN(sizeof(struct slab), c->align) : 0;
	if (!choose_order(c))
		return false;
	c->obj_start = c->first_obj + c->obj_offset;
	c->objs_bytes = (size_t)c->num * c->size;
	c->reciprocal = (u32)((((u64)1 << 32) + c->size - 1) / c->size);
	return true;
}

/*
 * How many free objects each CPU keeps: fewer of the larger ones, as
 * Linux's SLAB sizes its arrays (enable_cpucache), so that four CPUs'
 * arrays hold at most 64 KiB of one cache; half an array moves at once.  No arrays for the caches whose free objects must not be written.
 */
static void array_limits(struct kmem_cache *c)
{
	if (c->flags & (SLAB_RED_ZONE | SLAB_POISON | SLAB_ON_SLAB) || c->ctor)
		c->ac_limit = 0;
	else if (c->size <= 256)
		c->ac_limit = AC_MAX;
	else if (c->size <= 1024)
		c->ac_limit = 8;
	else if (c->size <= 4096)
		c->ac_limit = 4;
	else
		c->ac_limit = 2;
	c->ac_batch = c->ac_limit ? (c->ac_limit + 1) / 2 : 1;
	c->cpu_array = &no_array;
}

/* A slot of slab_arrays for c, every CPU's copy empty; without one, c goes without arrays. Under cache_chain_lock. */
static void array_slot_take(struct kmem_cache *c)
{
	unsigned int n;

	if (!c->ac_limit)
		return;
	for (n = 0; n < SLAB_ARRAY_SLOTS && (slab_arrays_used & (1UL << n)); n++)
		;
	if (n == SLAB_ARRAY_SLOTS) {
		c->ac_limit = 0;
		c->ac_batch = 1;
		return;
	}
	slab_arrays_used |= 1UL << n;
	c->cpu_array = &slab_arrays[n];
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
		per_cpu_ptr(c->cpu_array, cpu)->avail = 0;
}

static void array_slot_release(struct kmem_cache *c)
{
	if (c->cpu_array != &no_array)
		slab_arrays_used &= ~(1UL << (c->cpu_array - slab_arrays));
	c->cpu_array = &no_array;
	c->ac_limit = 0;
}

static int cache_setup(struct kmem_cache *c, const char *name, size_t size, size_t align,
		       unsigned int flags, void (*ctor)(void *))
{
	size_t a;

	if (!size || (align & (align - 1)) || align > PAGE_SIZE) {
		slab_report("kmem_cache_create(%s): bad size %lu or align %lu\n", name, (unsigned long)size,
			    (unsigned long)align);
		return -EINVAL;
	}
	if (IS_ENABLED(CONFIG_SLAB_DEBUG))
		flags |= SLAB_RED_ZONE | SLAB_POISON;
	if (ctor)
		flags &= ~SLAB_POISON;
	a = align ? align : hwcache_align(size);
	if (flags & SLAB_HWCACHE_ALIGN)
		a = max(a, hwcache_align(size));
	a = max(a, (size_t)ARCH_SLAB_MINALIGN);

	memset(c, 0, sizeof(*c));
	memcpy(c->name, name, strnlen(name, sizeof(c->name) - 1));
	c->object_size = size;
	c->align = a;
	c->flags = flags;
	c->ctor = ctor;
	if (!cache_layout(c)) {
		slab_report("kmem_cache_create(%s): objects of %lu bytes do not fit a %lu-page slab\n", name,
			    (unsigned long)size, 1UL << SLAB_MAX_ORDER);
		return -EINVAL;
	}
	array_limits(c);
	INIT_LIST_HEAD(&c->slabs_full);
	INIT_LIST_HEAD(&c->slabs_partial);
	spin_lock_init(&c->lock);
	spin_lock(&cache_chain_lock);
	array_slot_take(c);
	list_add(&c->list, &cache_chain);
	spin_unlock(&cache_chain_lock);
	return 0;
}

struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     unsigned int flags, void (*ctor)(void *))
{
	struct kmem_cache *c;

	kmalloc_init();
	c = kmem_cache_alloc(&kmem_cache_boot, GFP_KERNEL);
	if (!c)
		return NULL;
	if (cache_setup(c, name, size, align, flags & ~SLAB_ON_SLAB, ctor)) {
		kmem_cache_free(&kmem_cache_boot, c);
		return NULL;
	}
	return c;
}

/* Objects in use and empty slabs of c, added up from its lists; objects in the arrays count as free. */
static void cache_counts(const struct kmem_cache *c, unsigned long *active, unsigned long *empty)
{
	const struct list_head *l;

	*active = 0;
	*empty = 0;
	for (l = c->slabs_full.next; l != &c->slabs_full; l = l->next)
		*active += c->num;
	for (l = c->slabs_partial.next; l != &c->slabs_partial; l = l->next) {
		const struct slab *s = list_entry(l, struct slab, list);

		*active += c->num - s->nfree;
		*empty += s->nfree == c->num;
	}
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
		*active -= per_cpu_ptr(c->cpu_array, cpu)->avail;
}

/* This CPU's array of c back to the slabs (IRQs masked by the caller). */
static void drain_array(struct kmem_cache *c)
{
	struct array_cache *ac = this_cpu_ptr(c->cpu_array);

	if (!ac->avail)
		return;
	spin_lock(&c->lock);
	while (ac->avail)
		slab_give_back(c, ac->entry[--ac->avail]);
	spin_unlock(&c->lock);
}

/* on_each_cpu's work: this CPU's arrays of one cache (arg) or, with arg NULL, of every cache. */
static void drain_this_cpu(void *arg)
{
	unsigned long flags = arch_irq_save();

	if (arg) {
		drain_array(arg);
	} else {
		spin_lock(&cache_chain_lock);
		for (struct list_head *l = cache_chain.next; l != &cache_chain; l = l->next)
			drain_array(list_entry(l, struct kmem_cache, list));
		spin_unlock(&cache_chain_lock);
	}
	arch_irq_restore(flags);
}

/*
 * Every CPU's arrays back to the slabs, as Linux's drain_cpu_caches does:
 * each CPU empties its own (on_each_cpu), since only the owner may touch
 * an array.  The boot CPU asks the others; a secondary, which nobody
 * would answer, empties its own alone.  The caller holds no lock: the
 * others must be free to run the call.
 */
static void drain_cpu_caches(struct kmem_cache *c)
{
	if (smp_processor_id() == 0)
		on_each_cpu(drain_this_cpu, c);
	else
		drain_this_cpu(c);
}

/* The empty slabs of c back to the buddy allocator; the pages freed. */
static unsigned long cache_shrink(struct kmem_cache *c)
{
	unsigned long pages = 0, flags;
	struct list_head *l, *next;

	spin_lock_irqsave(&c->lock, flags);
	for (l = c->slabs_partial.next; l != &c->slabs_partial; l = next) {
		struct slab *s = list_entry(l, struct slab, list);

		next = l->next;
		if (s->nfree != c->num)
			continue;
		slab_destroy(c, s);
		pages += 1UL << c->order;
	}
	spin_unlock_irqrestore(&c->lock, flags);
	return pages;
}

/* The descriptors of the slabs freed go back to kmem_slab, which may then have empty slabs too. */
static unsigned long shrink_drained(struct kmem_cache *c)
{
	unsigned long pages = cache_shrink(c);

	if (pages && c != &kmem_slab_cache)
		pages += cache_shrink(&kmem_slab_cache);
	return pages;
}

unsigned long kmem_cache_shrink(struct kmem_cache *c)
{
	if (!c)
		return 0;
	drain_cpu_caches(c);
	return shrink_drained(c);
}

int kmem_cache_destroy(struct kmem_cache *c)
{
	unsigned long active, empty;

	if (!c)
		return 0;
	drain_cpu_caches(c);
	spin_lock(&c->lock);
	cache_counts(c, &active, &empty);
	spin_unlock(&c->lock);
	if (active) {
		slab_report("kmem_cache_destroy(%s): %lu objects still in use\n", c->name, active);
		return -EBUSY;
	}
	if (c == &kmem_cache_boot || c == &kmem_slab_cache) {
		slab_report("kmem_cache_destroy(%s): the boot cache cannot go\n", c->name);
		return -EBUSY;
	}
	kmem_cache_shrink(c);
	spin_lock(&cache_chain_lock);
	array_slot_release(c);
	list_del(&c->list);
	spin_unlock(&cache_chain_lock);
	kmem_cache_free(&kmem_cache_boot, c);
	return 0;
}

const char *kmem_cache_name(const struct kmem_cache *c) { return c->name; }
size_t kmem_cache_size(const struct kmem_cache *c) { return c->object_size; }

/* ---- kmalloc ---- */

/*
 * kmem_slab first: every other cache's slabs take their descriptors from
 * it.  Its objects are 8-byte aligned (they are only read by the CPU).
 */
void kmalloc_init(void)
{
	if (kmalloc_ready)
		return;
	INIT_LIST_HEAD(&cache_chain);
	slab_pages = large_pages = 0;
	if (max_low_pfn > min_pfn) {
		kfree_window.low_start = (unsigned long)__va(PFN_PHYS(min_pfn));
		kfree_window.low_bytes = (max_low_pfn - min_pfn) << PAGE_SHIFT;
		kfree_window.low_page = pfn_to_page(min_pfn);
	}
	cache_setup(&kmem_slab_cache, "kmem_slab", sizeof(struct slab), ARCH_SLAB_MINALIGN, SLAB_ON_SLAB, NULL);
	cache_setup(&kmem_cache_boot, "kmem_cache", sizeof(struct kmem_cache), 0, SLAB_HWCACHE_ALIGN, NULL);
	kmalloc_ready = true;
	for (int i = 0; i < KMALLOC_NR_CACHES; i++)
		kmalloc_caches[i] = kmem_cache_create(kmalloc_names[i], kmalloc_sizes[i], ARCH_KMALLOC_MINALIGN,
						      SLAB_HWCACHE_ALIGN, NULL);
}

void slab_reset(void)
{
	kmalloc_ready = false;
	memset(&kfree_window, 0, sizeof(kfree_window));
	INIT_LIST_HEAD(&cache_chain);
	slab_pages = large_pages = 0;
	slab_arrays_used = 0;
	for (int i = 0; i < KMALLOC_NR_CACHES; i++)
		kmalloc_caches[i] = NULL;
}

struct kmem_cache *kmalloc_cache_for(size_t size)
{
	if (!size || size > KMALLOC_MAX_CACHE_SIZE)
		return NULL;
	return kmalloc_caches[kmalloc_index(size)];
}

static void *kmalloc_large(size_t size, gfp_t gfp)
{
	unsigned int order = 0;
	struct page *page;

	while ((PAGE_SIZE << order) < size && order < MAX_ORDER)
		order++;
	if (order >= MAX_ORDER)
		return NULL;
	page = alloc_pages(gfp & ~__GFP_HIGHMEM, order);
	if (!page)
		return NULL;
	page->lru.next = page->lru.prev = LARGE_BLOCK_TAG;
	add_pages(&large_pages, 1L << order);
	return page_address(page);
}

void *kmalloc(size_t size, gfp_t gfp)
{
	struct kmem_cache *c;

	/* 0 wraps round: one compare sends both ends out of the fast path. */
	if (unlikely(size - 1 >= KMALLOC_MAX_CACHE_SIZE))
		return size ? kmalloc_large(size, gfp) : ZERO_SIZE_PTR;
	c = kmalloc_caches[kmalloc_index(size)];
	return likely(c) ? slab_alloc(c, gfp) : NULL;
}

void *kzalloc(size_t size, gfp_t gfp) { return kmalloc(size, gfp | __GFP_ZERO); }

void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kzalloc(bytes, gfp);
}

/* kfree of what is not in a slab: a large block, or a mistake to report. */
static void kfree_slow(const void *ptr)
{
	struct page *large;

	if (ZERO_OR_NULL_PTR(ptr))
		return;
	large = large_block_of(ptr);
	if (large && ptr == page_address(large)) {
		large->lru.next = large->lru.prev = NULL;
		add_pages(&large_pages, -(1L << large->order));
		__free_pages(large, large->order);
	} else if (large) {
		slab_report("kfree(0x%lx): inside the %lu-page kmalloc block at 0x%lx\n", (unsigned long)ptr,
			    1UL << large->order, (unsigned long)page_address(large));
	} else {
		slab_report("kfree(0x%lx): not a kmalloc address (or freed already)\n", (unsigned long)ptr);
	}
}

void kfree(const void *ptr)
{
	struct slab *s;

	if (likely(slab_of_addr(ptr, &s)))
		slab_free_object(s, (void *)ptr);
	else
		kfree_slow(ptr);
}

size_t ksize(const void *ptr)
{
	struct page *large;
	struct slab *s;
	unsigned int i;

	if (ZERO_OR_NULL_PTR(ptr))
		return 0;
	if (!slab_of_addr(ptr, &s)) {
		large = large_block_of(ptr);
		return large && ptr == page_address(large) ? PAGE_SIZE << large->order : 0;
	}
	if (!object_index(s, ptr, &i))
		return 0;
	if (s->bitmap[i / BITS_PER_WORD] & (1UL << (i % BITS_PER_WORD)))
		return 0;
	return s->cache->object_size;
}

/* ---- accounting and /proc/slabinfo ---- */

unsigned long slab_reclaimable_pages(void) { return 0; }
unsigned long slab_unreclaimable_pages(void) { return slab_pages + large_pages; }

/* Every cache's arrays drained at once, then every cache shrunk. */
unsigned long kmem_cache_shrink_all(void)
{
	unsigned long freed = 0;

	drain_cpu_caches(NULL);
	for (struct list_head *l = cache_chain.next; l != &cache_chain; l = l->next)
		freed += shrink_drained(list_entry(l, struct kmem_cache, list));
	return freed;
}

/*
 * Version 2.1 as Linux prints it.  The tunables are SLAB's array sizes,
 * which Linux 6.1's SLUB prints as 0; so does this, whose sizes are fixed
 * by the object size (array_limits).  objsize is the slot stride.
 */
void slabinfo_show(struct seq *s)
{
	struct list_head *l;

	seq_puts(s, "slabinfo - version: 2.1\n");
	seq_puts(s, "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
		    " : tunables <limit> <batchcount> <sharedfactor>"
		    " : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	spin_lock(&cache_chain_lock);
	for (l = cache_chain.next; l != &cache_chain; l = l->next) {
		struct kmem_cache *c = list_entry(l, struct kmem_cache, list);
		unsigned long active, empty;

		spin_lock(&c->lock);
		cache_counts(c, &active, &empty);
		spin_unlock(&c->lock);
		seq_printf(s, "%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : slabdata %6lu %6lu %6lu\n",
			   c->name, active, c->nr_slabs * c->num, (unsigned int)c->size, c->num,
			   1 << c->order, 0u, 0u, 0u, c->nr_slabs - empty, c->nr_slabs, 0UL);
	}
	spin_unlock(&cache_chain_lock);
}
