/*
 * Object caches and kmalloc: slabs of 2^order lowmem pages from the buddy
 * allocator, cut into equal slots; the kmalloc size classes on top; the
 * debug checks (red zones, poison) and /proc/slabinfo.  Pages come from and
 * go back to page_alloc.c; the shell side is in cmd_slab.c.
 *
 * One slab, 2^order pages (the block's head page is PG_head, order = order):
 *
 *   +--------------+---------+----+------------+------------+-- ... --+------+
 *   | struct slab  | bitmap  |pad | slot 0     | slot 1     |         | tail |
 *   | magic, cache | 1 = free|    |[RZ|obj|RZ] |            |         | waste|
 *   +--------------+---------+----+------------+------------+-- ... --+------+
 *   ^ page_address(head)          ^ first_obj, a multiple of the alignment
 *
 * The header lives in the slab's first page, so no memory outside the slab
 * is needed.  Free slots are found in the bitmap (one bit per object), not
 * through pointers kept inside free objects: a constructed object keeps its
 * constructed state while free, the poison of a free object stays whole, and
 * a double free is caught by the bit even without CONFIG_SLAB_DEBUG.
 *
 * From an address back to its slab (kfree): the address's page, then back
 * over tail pages to the PG_head page of its block (at most 2^SLAB_MAX_ORDER
 * - 1 steps, and the address must lie within 2^order pages of the head).
 * The head page's lru, which the buddy allocator leaves to the block's
 * owner, says what the block is:
 *   lru.next == lru.prev == SLAB_BLOCK_TAG     a slab (header at its start)
 *   lru.next == lru.prev == LARGE_BLOCK_TAG    a kmalloc block above 8 KiB
 *   anything else                              not ours (alloc_pages gives NULL)
 * The tags are odd numbers, which no list pointer can be, so user data in
 * a large block is never mistaken for a slab header; and being small
 * constants they cost kfree one compare each.
 *
 * The cost of keeping the header in the slab: objects of a page or more
 * waste one object's room per slab (kmalloc-4k: 7 in 8 pages; kmalloc-8k:
 * 3 in 8 pages, a quarter wasted).
 */
#include <slab.h>
#include <printk.h>
#include <string.h>

#define SLAB_MAGIC		0x51ab51abu	/* in each header, for a reader with a debugger */
#define SLAB_BLOCK_TAG		((struct list_head *)0x51)
#define LARGE_BLOCK_TAG		((struct list_head *)0x61)
#define RED_ZONE_BYTES		8	/* guard bytes at least, each side */
#define RED_ZONE_BYTE		0xbb
#define POISON_FREE		0x6b	/* a free object's bytes (Linux's value) */
#define POISON_END		0xa5	/* its last byte (Linux's value) */
#define BITS_PER_WORD		(8 * sizeof(unsigned long))
#define SLAB_KEEP_FREE		1	/* empty slabs a cache keeps; the rest go back at once */

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
	char name[32];
	size_t object_size;	/* as asked for */
	size_t size;		/* slot stride: object, red zones, alignment padding */
	size_t align;
	size_t obj_offset;	/* object start inside its slot (left red zone) */
	size_t first_obj;	/* slot 0 inside the slab */
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
};

struct slab {
	struct list_head list;	/* on the cache's full or partial list; first, so list_entry costs nothing */
	u32 magic;
	struct kmem_cache *cache;
	unsigned int nfree;	/* free objects: 0 full, num empty */
	unsigned int hint;	/* no free bit in bitmap words below this */
	unsigned long bitmap[];	/* bit i set: object i free (bits >= num stay clear) */
};

static struct list_head cache_chain = { &cache_chain, &cache_chain };
static struct kmem_cache kmem_cache_boot;	/* the cache of struct kmem_cache */
static struct kmem_cache *kmalloc_caches[KMALLOC_NR_CACHES];
static const size_t kmalloc_sizes[KMALLOC_NR_CACHES] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192,
};
static const char *const kmalloc_names[KMALLOC_NR_CACHES] = {
	"kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-96", "kmalloc-128",
	"kmalloc-192", "kmalloc-256", "kmalloc-512", "kmalloc-1k", "kmalloc-2k", "kmalloc-4k",
	"kmalloc-8k",
};
static bool kmalloc_ready;
static unsigned long slab_pages, large_pages;

/*
 * What kfree's fast path reads, together so one base register reaches it:
 * lowmem as kernel addresses, [low_start, low_start + low_bytes), and the
 * struct page of its first page.  kmalloc_init copies them from min_pfn,
 * max_low_pfn, mem_map and arch_pv_delta, which are fixed from the zones'
 * setup on; before that, and after slab_reset, the window is empty and
 * every kfree takes the slow path, which reads those globals afresh.
 */
static struct {
	unsigned long low_start, low_bytes;
	struct page *low_page;
} kfree_window;

unsigned long slab_reports;

#define slab_report(...)	do { slab_reports++; pr_err("slab: " __VA_ARGS__); } while (0)

/* The fast paths are inlined into kmalloc and kfree; what they rarely need stays out of line. */
#define slab_fast	static inline __attribute__((always_inline))
#define slab_slow	static __attribute__((noinline))

/*
 * object_index divides an offset inside a slab (below 2^15: an order-3
 * slab is 32 KiB) by the slot size with one multiplication by
 * reciprocal = ceil(2^32 / size) = (2^32 + e) / size, 0 <= e < size.
 * Then off * reciprocal / 2^32 = off / size + off * e / (size * 2^32), and
 * the second term stays below 1 / size while off * e < 2^32 (here < 2^30),
 * which is too little to carry the quotient past its floor.
 */
_Static_assert((PAGE_SIZE << SLAB_MAX_ORDER) <= 1UL << 15, "object_index needs slab offsets below 2^15");

/*
 * kmalloc size classes, as indexes into kmalloc_sizes: by a table for
 * 1 .. 192 bytes (one entry per 8 bytes, the classes being 8, 16, 32, 64,
 * 96, 128, 192), by the highest bit for the powers of two above.
 */
static const unsigned char kmalloc_small_index[24] = {
	0, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6,
};

/* The class for size bytes, 1 <= size <= KMALLOC_MAX_CACHE_SIZE. */
static inline unsigned int kmalloc_index(size_t size)
{
	if (size <= 192)
		return kmalloc_small_index[(size - 1) >> 3];
	/* The highest bit of size - 1: 193 .. 256 -> 7 (kmalloc-256), 257 .. 512 -> 8, ... 8192 -> 12. */
	return 31 - (unsigned int)__builtin_clz((unsigned int)(size - 1));
}

static size_t bitmap_words(unsigned int num) { return (num + BITS_PER_WORD - 1) / BITS_PER_WORD; }
static size_t header_bytes(unsigned int num) { return sizeof(struct slab) + bitmap_words(num) * sizeof(unsigned long); }
static char *slab_base(const struct slab *s) { return (char *)s; }
static char *slot_of(const struct kmem_cache *c, const struct slab *s, unsigned int i)
{
	return slab_base(s) + c->first_obj + (size_t)i * c->size;
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

static struct slab *slab_grow(struct kmem_cache *c, gfp_t gfp)
{
	struct page *page = alloc_pages(gfp & ~(__GFP_HIGHMEM | __GFP_ZERO), c->order);
	struct slab *s;
	size_t words = bitmap_words(c->num);

	if (!page)
		return NULL;
	page->lru.next = page->lru.prev = SLAB_BLOCK_TAG;
	s = page_address(page);
	s->magic = SLAB_MAGIC;
	s->cache = c;
	s->nfree = c->num;
	s->hint = 0;
	memset(s->bitmap, 0, words * sizeof(unsigned long));
	for (unsigned int i = 0; i < c->num; i++)
		s->bitmap[i / BITS_PER_WORD] |= 1UL << (i % BITS_PER_WORD);
	for (unsigned int i = 0; i < c->num; i++) {
		unsigned char *obj = (unsigned char *)slot_of(c, s, i) + c->obj_offset;

		if (c->flags & SLAB_RED_ZONE)
			memset(obj - c->obj_offset, RED_ZONE_BYTE, c->size);
		if (c->flags & SLAB_POISON)
			poison_object(c, obj);
		if (c->ctor)
			c->ctor(obj);
	}
	list_add_tail(&s->list, &c->slabs_partial);
	c->nr_slabs++;
	slab_pages += 1UL << c->order;
	return s;
}

/* Give an empty slab back to the buddy allocator. */
static void slab_destroy(struct kmem_cache *c, struct slab *s)
{
	struct page *page = virt_to_page(s);

	list_del(&s->list);
	s->magic = 0;
	page->lru.next = page->lru.prev = NULL;
	c->nr_slabs--;
	slab_pages -= 1UL << c->order;
	__free_pages(page, c->order);
}

/* Take the lowest free object of word w (which has one); its index. */
slab_fast unsigned int take_from_word(struct slab *s, unsigned int w, unsigned long bits)
{
	s->bitmap[w] = bits & (bits - 1);
	return w * BITS_PER_WORD + (unsigned int)__builtin_ctzl(bits);
}

/* The hint word has no free object: move the hint on to the first word that has one. */
slab_slow unsigned int slab_take_index_slow(struct slab *s)
{
	unsigned int w = s->hint;

	while (!s->bitmap[w])
		w++;
	s->hint = w;
	return take_from_word(s, w, s->bitmap[w]);
}

/* A free object of s (the caller knows there is one), now marked in use. */
slab_fast unsigned int slab_take_index(struct slab *s)
{
	unsigned int w = s->hint;
	unsigned long bits = s->bitmap[w];

	if (unlikely(!bits))
		return slab_take_index_slow(s);
	return take_from_word(s, w, bits);
}

slab_slow void slab_full(struct kmem_cache *c, struct slab *s)
{
	list_del(&s->list);
	list_add(&s->list, &c->slabs_full);
}

slab_slow void debug_check_alloc(const struct kmem_cache *c, unsigned char *obj)
{
	if (c->flags & SLAB_RED_ZONE)
		check_red_zones(c, obj);
	if (c->flags & SLAB_POISON)
		check_poison(c, obj);
}

/* The first slab on the partial list gives the object; a slab moves only when it fills up. */
slab_fast void *slab_alloc(struct kmem_cache *c, gfp_t gfp)
{
	struct slab *s;
	unsigned char *obj;

	if (unlikely(list_empty(&c->slabs_partial)) && !slab_grow(c, gfp))
		return NULL;
	s = list_entry(c->slabs_partial.next, struct slab, list);

	obj = (unsigned char *)s + c->obj_start + slab_take_index(s) * c->size;
	if (unlikely(--s->nfree == 0))
		slab_full(c, s);
	if (unlikely(c->flags & (SLAB_RED_ZONE | SLAB_POISON)))
		debug_check_alloc(c, obj);
	if (unlikely(gfp & __GFP_ZERO))
		memset(obj, 0, c->object_size);
	return obj;
}

void *kmem_cache_alloc(struct kmem_cache *c, gfp_t gfp)
{
	return slab_alloc(c, gfp);
}

/*
 * The slab holding ptr, or NULL (and *large the head page if ptr is in a
 * large kmalloc block).  Only looks; the caller reports.
 */
/*
 * What a block's head page says it is: a slab (returned), a large
 * kmalloc block (*large), or neither.  back: how many pages ptr lies
 * past the head.
 */
static inline struct slab *slab_of_head(struct page *head, const void *ptr, unsigned long back,
					struct page **large)
{
	if (likely(head->lru.next == SLAB_BLOCK_TAG))
		return (struct slab *)(((unsigned long)ptr & PAGE_MASK) - (back << PAGE_SHIFT));
	if (head->lru.next == LARGE_BLOCK_TAG)
		*large = head;
	return NULL;
}

/*
 * slab_lookup for a page that is not a head: back over tail pages to the
 * head, which must lie less than 2^order pages before.
 */
slab_slow struct slab *slab_lookup_tail(const void *ptr, unsigned long pfn, struct page **large)
{
	for (unsigned long back = 1; back < (1UL << SLAB_MAX_ORDER) && pfn - back >= min_pfn; back++) {
		struct page *p = pfn_to_page(pfn - back);

		if (PageHead(p))
			return back < (1UL << p->order) ? slab_of_head(p, ptr, back, large) : NULL;
	}
	return NULL;
}

/*
 * The slab holding ptr, or NULL (and *large the head page if ptr is in a
 * large kmalloc block).  Only looks; the caller reports.  A slab's first
 * page is the common case (every slab of one page), so it is tried before
 * the walk over tail pages.  pfn < max_low_pfn also keeps pfn inside
 * mem_map: lowmem ends inside RAM (and max_low_pfn is 0 before the zones
 * are set up).
 */
static struct slab *slab_lookup(const void *ptr, struct page **large)
{
	unsigned long pfn = PFN_DOWN(__pa(ptr));
	struct page *page;

	*large = NULL;
	if (pfn < min_pfn || pfn >= max_low_pfn)
		return NULL;
	page = pfn_to_page(pfn);
	if (!PageHead(page))
		return slab_lookup_tail(ptr, pfn, large);
	return slab_of_head(page, ptr, 0, large);
}

/*
 * kfree's first try: whether ptr lies in the first page of a slab (which
 * then starts at ptr's page).  If not, kfree_slow looks further, or
 * reports.  NULL and ZERO_SIZE_PTR lie below lowmem, so they fail the
 * window test too.
 */
slab_fast bool in_slab_first_page(const void *ptr)
{
	unsigned long off = (unsigned long)ptr - kfree_window.low_start;
	struct page *page;

	if (unlikely(off >= kfree_window.low_bytes))
		return false;
	page = kfree_window.low_page + (off >> PAGE_SHIFT);
	return PageHead(page) && page->lru.next == SLAB_BLOCK_TAG;
}

/*
 * Whether ptr is the start of an object of s, and if so its index in *i
 * (no division: see reciprocal).
 */
slab_fast bool object_index(const struct slab *s, const void *ptr, unsigned int *i)
{
	const struct kmem_cache *c = s->cache;
	unsigned long off = (unsigned long)ptr - ((unsigned long)s + c->obj_start);

	*i = (unsigned int)(((u64)off * c->reciprocal) >> 32);
	/* Below object 0 wraps round to a large offset. */
	return off < c->objs_bytes && off == (unsigned long)*i * c->size;
}

/* Mark object i free; false if it was free already (a double free: nothing changes). */
slab_fast bool mark_free(struct slab *s, unsigned int i)
{
	unsigned long bit = 1UL << (i % BITS_PER_WORD);
	unsigned long *word = &s->bitmap[i / BITS_PER_WORD];

	if (unlikely(*word & bit))
		return false;
	*word |= bit;
	return true;
}

slab_slow void report_not_object(const struct kmem_cache *c, const void *ptr)
{
	slab_report("%s: free of 0x%lx: not the start of an object\n", c->name, (unsigned long)ptr);
}

slab_slow void report_double_free(const struct kmem_cache *c, const void *ptr)
{
	slab_report("%s: double free of 0x%lx\n", c->name, (unsigned long)ptr);
}

slab_slow void debug_check_free(const struct kmem_cache *c, void *ptr)
{
	if (c->flags & SLAB_RED_ZONE)
		check_red_zones(c, ptr);
	if (c->flags & SLAB_POISON)
		poison_object(c, ptr);
}

/* Move s to the end of the partial list (an empty slab waits behind the partly used ones). */
slab_slow void slab_unfull_tail(struct kmem_cache *c, struct slab *s)
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

slab_fast void slab_emptied(struct kmem_cache *c, struct slab *s)
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
slab_slow void slab_unfull(struct kmem_cache *c, struct slab *s)
{
	list_del(&s->list);
	list_add(&s->list, &c->slabs_partial);
	if (s->nfree == c->num)
		slab_emptied(c, s);
}

/* Object i of s (marked free already) goes back: the hint, the count, the lists. */
slab_fast void slab_put_back(struct kmem_cache *c, struct slab *s, unsigned int i)
{
	if (i / BITS_PER_WORD < s->hint)
		s->hint = i / BITS_PER_WORD;
	if (unlikely(s->nfree++ == 0))
		slab_unfull(c, s);
	else if (s->nfree == c->num)
		slab_emptied(c, s);
}

/* The rest of a free in a cache with red zones or poison: check and poison, then put back. */
slab_slow void slab_put_back_debug(struct kmem_cache *c, struct slab *s, unsigned int i, void *ptr)
{
	debug_check_free(c, ptr);
	slab_put_back(c, s, i);
}

/*
 * Every check comes before anything changes, the common case falling
 * through each: ptr is an object start, the object is not free already.
 */
slab_fast void slab_free_object(struct slab *s, void *ptr)
{
	struct kmem_cache *c = s->cache;
	unsigned int i;

	if (unlikely(!object_index(s, ptr, &i))) {
		report_not_object(c, ptr);
		return;
	}
	if (unlikely(!mark_free(s, i))) {
		report_double_free(c, ptr);
		return;
	}
	if (unlikely(c->flags & (SLAB_RED_ZONE | SLAB_POISON))) {
		slab_put_back_debug(c, s, i, ptr);
		return;
	}
	slab_put_back(c, s, i);
}

void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	struct page *large;
	struct slab *s;

	if (!obj)
		return;
	s = slab_lookup(obj, &large);
	if (!s) {
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

/* Objects that fit a slab of 2^order pages (header, bitmap and padding first). */
static unsigned int objects_per_slab(const struct kmem_cache *c, unsigned int order, size_t *first)
{
	size_t bytes = PAGE_SIZE << order;
	unsigned int num;

	if (bytes < sizeof(struct slab) + c->size)
		return 0;
	num = (unsigned int)((bytes - sizeof(struct slab)) / c->size);
	while (num && ALIGN(header_bytes(num), c->align) + (size_t)num * c->size > bytes)
		num--;
	*first = ALIGN(header_bytes(num), c->align);
	return num;
}

/*
 * The smallest order whose wasted tail (what neither the header nor an
 * object uses) is at most 1/8 of the slab; failing that, the order that
 * wastes the smallest share.  False if no order up to SLAB_MAX_ORDER holds
 * one object.
 */
static bool choose_order(struct kmem_cache *c)
{
	size_t best_waste = 0, best_bytes = 1;
	bool found = false;

	for (unsigned int order = 0; order <= SLAB_MAX_ORDER; order++) {
		size_t bytes = PAGE_SIZE << order, first;
		unsigned int num = objects_per_slab(c, order, &first);
		size_t waste = bytes - first - (size_t)num * c->size;

		if (!num)
			continue;
		if (!found || waste * best_bytes < best_waste * bytes) {
			found = true;
			best_waste = waste;
			best_bytes = bytes;
			c->order = order;
			c->num = num;
			c->first_obj = first;
		}
		if (waste * 8 <= bytes)
			break;
	}
	return found;
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
	c->obj_offset = (flags & SLAB_RED_ZONE) ? ALIGN((size_t)RED_ZONE_BYTES, a) : 0;
	c->size = ALIGN(c->obj_offset + size + ((flags & SLAB_RED_ZONE) ? RED_ZONE_BYTES : 0), a);
	if (!choose_order(c)) {
		slab_report("kmem_cache_create(%s): objects of %lu bytes do not fit a %lu-page slab\n", name,
			    (unsigned long)size, 1UL << SLAB_MAX_ORDER);
		return -EINVAL;
	}
	c->obj_start = c->first_obj + c->obj_offset;
	c->objs_bytes = (size_t)c->num * c->size;
	c->reciprocal = (u32)((((u64)1 << 32) + c->size - 1) / c->size);
	INIT_LIST_HEAD(&c->slabs_full);
	INIT_LIST_HEAD(&c->slabs_partial);
	list_add(&c->list, &cache_chain);
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
	if (cache_setup(c, name, size, align, flags, ctor)) {
		kmem_cache_free(&kmem_cache_boot, c);
		return NULL;
	}
	return c;
}

/* Objects in use and empty slabs of c, added up from its lists. */
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
}

unsigned long kmem_cache_shrink(struct kmem_cache *c)
{
	unsigned long pages = 0;

	struct list_head *l, *next;

	if (!c)
		return 0;
	for (l = c->slabs_partial.next; l != &c->slabs_partial; l = next) {
		struct slab *s = list_entry(l, struct slab, list);

		next = l->next;
		if (s->nfree != c->num)
			continue;
		slab_destroy(c, s);
		pages += 1UL << c->order;
	}
	return pages;
}

int kmem_cache_destroy(struct kmem_cache *c)
{
	unsigned long active, empty;

	if (!c)
		return 0;
	cache_counts(c, &active, &empty);
	if (active) {
		slab_report("kmem_cache_destroy(%s): %lu objects still in use\n", c->name, active);
		return -EBUSY;
	}
	if (c == &kmem_cache_boot) {
		slab_report("kmem_cache_destroy(%s): the boot cache cannot go\n", c->name);
		return -EBUSY;
	}
	kmem_cache_shrink(c);
	list_del(&c->list);
	kmem_cache_free(&kmem_cache_boot, c);
	return 0;
}

const char *kmem_cache_name(const struct kmem_cache *c) { return c->name; }
size_t kmem_cache_size(const struct kmem_cache *c) { return c->object_size; }

/* ---- kmalloc ---- */

void kmalloc_init(void)
{
	if (kmalloc_ready)
		return;
	INIT_LIST_HEAD(&cache_chain);
	slab_pages = large_pages = 0;
	cache_setup(&kmem_cache_boot, "kmem_cache", sizeof(struct kmem_cache), 0, SLAB_HWCACHE_ALIGN, NULL);
	if (max_low_pfn > min_pfn) {
		kfree_window.low_start = (unsigned long)__va(PFN_PHYS(min_pfn));
		kfree_window.low_bytes = (max_low_pfn - min_pfn) << PAGE_SHIFT;
		kfree_window.low_page = pfn_to_page(min_pfn);
	}
	kmalloc_ready = true;
	for (int i = 0; i < KMALLOC_NR_CACHES; i++)
		kmalloc_caches[i] = kmem_cache_create(kmalloc_names[i], kmalloc_sizes[i], ARCH_SLAB_MINALIGN,
						      SLAB_HWCACHE_ALIGN, NULL);
}

void slab_reset(void)
{
	kmalloc_ready = false;
	memset(&kfree_window, 0, sizeof(kfree_window));
	INIT_LIST_HEAD(&cache_chain);
	slab_pages = large_pages = 0;
	for (int i = 0; i < KMALLOC_NR_CACHES; i++)
		kmalloc_caches[i] = NULL;
}

struct kmem_cache *kmalloc_cache_for(size_t size)
{
	if (!size || size > KMALLOC_MAX_CACHE_SIZE)
		return NULL;
	return kmalloc_caches[kmalloc_index(size)];
}

slab_slow void *kmalloc_large(size_t size, gfp_t gfp)
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
	large_pages += 1UL << order;
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

/* kfree of what is not in a slab's first page: a later page, a large block, or a mistake to report. */
slab_slow void kfree_slow(const void *ptr)
{
	struct page *large;
	struct slab *s;

	if (ZERO_OR_NULL_PTR(ptr))
		return;
	s = slab_lookup(ptr, &large);
	if (s) {
		slab_free_object(s, (void *)ptr);
	} else if (large && ptr == page_address(large)) {
		large->lru.next = large->lru.prev = NULL;
		large_pages -= 1UL << large->order;
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
	if (likely(in_slab_first_page(ptr)))
		slab_free_object((struct slab *)((unsigned long)ptr & PAGE_MASK), (void *)ptr);
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
	s = slab_lookup(ptr, &large);
	if (large)
		return ptr == page_address(large) ? PAGE_SIZE << large->order : 0;
	if (!s || !object_index(s, ptr, &i))
		return 0;
	if (s->bitmap[i / BITS_PER_WORD] & (1UL << (i % BITS_PER_WORD)))
		return 0;
	return s->cache->object_size;
}

/* ---- accounting and /proc/slabinfo ---- */

unsigned long slab_reclaimable_pages(void) { return 0; }
unsigned long slab_unreclaimable_pages(void) { return slab_pages + large_pages; }

/*
 * Version 2.1 as Linux prints it; no per-CPU arrays here, so the tunables
 * and sharedavail are 0 (as with SLUB).  objsize is the slot stride.
 */
void slabinfo_show(struct seq *s)
{
	struct list_head *l;

	seq_puts(s, "slabinfo - version: 2.1\n");
	seq_puts(s, "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
		    " : tunables <limit> <batchcount> <sharedfactor>"
		    " : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	for (l = cache_chain.next; l != &cache_chain; l = l->next) {
		const struct kmem_cache *c = list_entry(l, struct kmem_cache, list);
		unsigned long active, empty;

		cache_counts(c, &active, &empty);
		seq_printf(s, "%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : slabdata %6lu %6lu %6lu\n",
			   c->name, active, c->nr_slabs * c->num, (unsigned int)c->size, c->num,
			   1 << c->order, 0u, 0u, 0u, c->nr_slabs - empty, c->nr_slabs, 0UL);
	}
}
