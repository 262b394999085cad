/*
 * The per-CPU areas and the percpu allocator, as Linux's mm/percpu.c: the
 * first chunk (the static per-CPU data plus dynamic room, one unit per
 * possible CPU, carved from memblock at boot as Linux's embedded first
 * chunk is) and further chunks mapped in the vmalloc area, each with a
 * bitmap of PCPU_MIN_ALLOC_SIZE pieces.  Where the static data lies (the
 * linker's .data..percpu) and how a CPU finds its own offset are the
 * architecture's (asm/percpu.h); the pages and the mapping are the buddy
 * allocator's and vmalloc's (vmap).
 *
 * One offset per CPU serves every chunk: a chunk's units are unit_size
 * apart, as in the first chunk, and its pointers are placed so that
 * __per_cpu_offset[cpu] takes them to CPU cpu's unit:
 *
 *   pointer space   chunk->base + off
 *   CPU c's copy    chunk->base + off + __per_cpu_offset[c]
 *                   = unit 0 of the chunk + c * unit_size + off
 */
#include <highmem.h>
#include <list.h>
#include <memblock.h>
#include <percpu.h>
#include <printk.h>
#include <slab.h>
#include <smp.h>
#include <spinlock.h>
#include <string.h>
#include <vmalloc.h>
#include <arch.h>

#include "internal.h"

unsigned long __per_cpu_offset[NR_CPUS];

#define BITS_PER_WORD		(8 * sizeof(unsigned long))
#define MAP_WORDS(bits)		(((bits) + BITS_PER_WORD - 1) / BITS_PER_WORD)

/*
 * A chunk.  alloc_map has a bit per PCPU_MIN_ALLOC_SIZE piece of a unit,
 * set while the piece is allocated; bound_map has a bit set at the first
 * piece of every allocation, so an allocation runs from its bound bit up
 * to the next bound bit or the first free piece (its size is not stored).
 */
struct pcpu_chunk {
	struct list_head list;		/* on pcpu_chunks, the first chunk first */
	unsigned long base;		/* pointer-space address of offset 0 */
	unsigned int start_bit;		/* first piece the allocator may give (the first chunk's static data lies below) */
	unsigned int nr_used;		/* pieces allocated */
	void *vm;			/* dynamic chunks: vmap address of unit 0; NULL for the first chunk */
	struct page **pages;		/* dynamic chunks: unit 0's pages, then unit 1's, ... */
	unsigned long *alloc_map;
	unsigned long *bound_map;
};

/*
 * pcpu_lock: the chunk list, every chunk's maps and nr_used, and
 * pcpu_nr_dyn_pages.  A leaf lock: nothing else is taken inside it (a new
 * chunk's pages, mapping and record are had with it dropped).
 */
static DEFINE_SPINLOCK(pcpu_lock);
static struct list_head pcpu_chunks = LIST_HEAD_INIT(pcpu_chunks);
static struct pcpu_chunk pcpu_first_chunk;
static unsigned long pcpu_unit_size;		/* bytes; a whole number of pages */
static unsigned int pcpu_unit_bits;		/* pieces per unit */
static unsigned int pcpu_nr_units;		/* possible CPUs at boot; 0 until the first chunk exists */
static unsigned long pcpu_nr_dyn_pages;		/* pages of the dynamic chunks */

static bool map_test(const unsigned long *map, unsigned int bit)
{
	return map[bit / BITS_PER_WORD] & (1UL << (bit % BITS_PER_WORD));
}

static void map_set(unsigned long *map, unsigned int bit)
{
	map[bit / BITS_PER_WORD] |= 1UL << (bit % BITS_PER_WORD);
}

static void map_clear(unsigned long *map, unsigned int bit)
{
	map[bit / BITS_PER_WORD] &= ~(1UL << (bit % BITS_PER_WORD));
}

/* ---- the first chunk ---------------------------------------------------------- */

/* Linux's unit size for size bytes of static data (mm/percpu.c, pcpu_build_alloc_info). */
static unsigned long first_unit_size(size_t size)
{
	unsigned long sum = ALIGN((unsigned long)size + PERCPU_DYNAMIC_RESERVE, PAGE_SIZE);

	return sum > PCPU_MIN_UNIT_SIZE ? sum : PCPU_MIN_UNIT_SIZE;
}

/* The first chunk's record; its maps from memblock.  Returns 0 or -ENOMEM. */
static int __init setup_first_chunk(void *start, size_t size)
{
	unsigned long words = MAP_WORDS(pcpu_unit_bits);
	struct pcpu_chunk *c = &pcpu_first_chunk;

	c->alloc_map = memblock_alloc(2 * words * sizeof(unsigned long), sizeof(unsigned long));
	if (!c->alloc_map)
		return -ENOMEM;
	c->bound_map = c->alloc_map + words;
	c->base = (unsigned long)start;
	c->start_bit = (unsigned int)(ALIGN((unsigned long)size, PCPU_MIN_ALLOC_SIZE) / PCPU_MIN_ALLOC_SIZE);
	c->nr_used = 0;
	c->vm = NULL;
	c->pages = NULL;
	INIT_LIST_HEAD(&pcpu_chunks);
	list_add(&c->list, &pcpu_chunks);
	pcpu_nr_dyn_pages = 0;
	return 0;
}

int __init pcpu_embed_first_chunk(void *start, size_t size, unsigned int nr_cpus)
{
	unsigned long unit = first_unit_size(size);
	char *base;

	if (!nr_cpus || nr_cpus > NR_CPUS) {
		pr_err("percpu: %u CPUs asked for, 1..%u possible; areas for 1\n", nr_cpus, NR_CPUS);
		nr_cpus = 1;
	}
	pcpu_nr_units = 0;
	base = memblock_alloc(unit * nr_cpus, PAGE_SIZE);
	pcpu_unit_size = unit;
	pcpu_unit_bits = (unsigned int)(unit / PCPU_MIN_ALLOC_SIZE);
	if (!base || setup_first_chunk(start, size)) {
		pr_err("percpu: no memory for %u areas of %lu bytes; CPU 0 keeps the static copy\n", nr_cpus, unit);
		return -ENOMEM;
	}
	for (unsigned int cpu = 0; cpu < nr_cpus; cpu++) {
		memcpy(base + cpu * unit, start, size);
		__per_cpu_offset[cpu] = (unsigned long)(base + cpu * unit) - (unsigned long)start;
	}
	pcpu_nr_units = nr_cpus;
	/* Linux's figures: static size, reserved room (none: no modules), dynamic room, unit size. */
	pr_info("percpu: Embedded %lu pages/cpu s%lu r0 d%lu u%lu\n", unit >> PAGE_SHIFT, (unsigned long)size,
		unit - (unsigned long)size, unit);
	return 0;
}

unsigned long pcpu_nr_pages(void)
{
	return (pcpu_unit_size >> PAGE_SHIFT) * pcpu_nr_units + pcpu_nr_dyn_pages;
}

/* ---- the allocation map -------------------------------------------------------- */

/* The first run of bits free pieces starting at a multiple of align_bits; -1 if none. */
static int find_fit(const struct pcpu_chunk *c, unsigned int bits, unsigned int align_bits)
{
	unsigned int i = ALIGN(c->start_bit, align_bits);

	while (i + bits <= pcpu_unit_bits) {
		unsigned int run = 0;

		while (run < bits && !map_test(c->alloc_map, i + run))
			run++;
		if (run == bits)
			return (int)i;
		i = ALIGN(i + run + 1, align_bits);
	}
	return -1;
}

/* Called with pcpu_lock held: first fit over the chunks in list order; the pointer or 0. */
static unsigned long alloc_area(unsigned int bits, unsigned int align_bits)
{
	struct pcpu_chunk *c;

	for (struct list_head *l = pcpu_chunks.next; l != &pcpu_chunks; l = l->next) {
		int bit;

		c = list_entry(l, struct pcpu_chunk, list);
		bit = find_fit(c, bits, align_bits);
		if (bit < 0)
			continue;
		for (unsigned int i = 0; i < bits; i++)
			map_set(c->alloc_map, (unsigned int)bit + i);
		map_set(c->bound_map, (unsigned int)bit);
		c->nr_used += bits;
		return c->base + (unsigned long)bit * PCPU_MIN_ALLOC_SIZE;
	}
	return 0;
}

/* Called with pcpu_lock held: the chunk whose pointer space holds addr, or NULL. */
static struct pcpu_chunk *chunk_of(unsigned long addr)
{
	for (struct list_head *l = pcpu_chunks.next; l != &pcpu_chunks; l = l->next) {
		struct pcpu_chunk *c = list_entry(l, struct pcpu_chunk, list);

		if (addr - c->base < pcpu_unit_size)
			return c;
	}
	return NULL;
}

/*
 * Called with pcpu_lock held: free the allocation starting at addr and
 * return its chunk, or NULL (nothing changed) if no allocation starts there.
 */
static struct pcpu_chunk *free_area(unsigned long addr)
{
	struct pcpu_chunk *c = chunk_of(addr);
	unsigned long off;
	unsigned int bit;

	if (!c)
		return NULL;
	off = addr - c->base;
	bit = (unsigned int)(off / PCPU_MIN_ALLOC_SIZE);
	if (off % PCPU_MIN_ALLOC_SIZE || bit < c->start_bit || !map_test(c->bound_map, bit))
		return NULL;
	map_clear(c->bound_map, bit);
	do {
		map_clear(c->alloc_map, bit);
		c->nr_used--;
		bit++;
	} while (bit < pcpu_unit_bits && map_test(c->alloc_map, bit) && !map_test(c->bound_map, bit));
	return c;
}

/* ---- dynamic chunks -------------------------------------------------------------- */

static unsigned long chunk_pages(void)
{
	return (pcpu_unit_size >> PAGE_SHIFT) * pcpu_nr_units;
}

static void destroy_chunk(struct pcpu_chunk *c)
{
	unsigned long nr = chunk_pages();

	if (c->vm)
		vunmap(c->vm);
	for (unsigned long i = 0; c->pages && i < nr && c->pages[i]; i++)
		__free_page(c->pages[i]);
	if (c->vm)
		meminfo_account_other(-(long)nr);
	kfree(c->pages);
	kfree(c);
}

/*
 * A new, empty chunk: pages from the buddy allocator (highmem first, as
 * Linux's percpu-vm takes them), mapped together by vmap so that unit c
 * lies c * unit_size after unit 0.  NULL if anything runs out.
 */
static struct pcpu_chunk *create_chunk(void)
{
	unsigned long words = MAP_WORDS(pcpu_unit_bits), nr = chunk_pages();
	struct pcpu_chunk *c = kzalloc(sizeof(*c) + 2 * words * sizeof(unsigned long), GFP_KERNEL);

	if (!c)
		return NULL;
	c->alloc_map = (unsigned long *)(c + 1);
	c->bound_map = c->alloc_map + words;
	c->pages = kzalloc(nr * sizeof(struct page *), GFP_KERNEL);
	for (unsigned long i = 0; c->pages && i < nr; i++) {
		c->pages[i] = alloc_page(GFP_KERNEL | __GFP_HIGHMEM | __GFP_ZERO);
		if (!c->pages[i])
			break;
	}
	if (c->pages && c->pages[nr - 1])
		c->vm = vmap(c->pages, (unsigned int)nr, 0);
	if (!c->vm) {
		destroy_chunk(c);
		return NULL;
	}
	meminfo_account_other((long)nr);
	c->base = (unsigned long)c->vm - __per_cpu_offset[0];
	return c;
}

/*
 * Zero [off, off + size) of CPU cpu's copy.  A dynamic chunk's pages are
 * reached through kmap_local, one page at a time, rather than through the
 * vmalloc mapping: the same code then runs over the host tests' fake RAM.
 * (Should this CPU hold all its kmap_local slots, the mapping does.)
 */
static void zero_copy(const struct pcpu_chunk *c, unsigned int cpu, unsigned long off, size_t size)
{
	unsigned long copy = c->base + __per_cpu_offset[cpu];

	while (c->pages && size) {
		unsigned long in = off & ~PAGE_MASK, n = min((unsigned long)size, PAGE_SIZE - in);
		char *va = kmap_local_page(c->pages[cpu * (pcpu_unit_size >> PAGE_SHIFT) + (off >> PAGE_SHIFT)]);

		if (!va)
			break;
		memset(va + in, 0, n);
		kunmap_local(va);
		off += n;
		size -= n;
	}
	if (size)
		memset((void *)(copy + off), 0, size);
}

/* ---- the interface ----------------------------------------------------------------- */

/*
 * Take a free area of bits pieces, making a new chunk when none has room;
 * 0 if none can be had.  Another CPU may have added a chunk while this one
 * made its own: the area is then looked for again first, and a chunk not
 * needed goes back at once (an empty chunk on the list would never be
 * freed).
 */
static unsigned long alloc_or_grow(unsigned int bits, unsigned int align_bits)
{
	struct pcpu_chunk *c = NULL;
	unsigned long addr;

	for (;;) {
		spin_lock(&pcpu_lock);
		addr = alloc_area(bits, align_bits);
		if (!addr && c) {
			list_add_tail(&c->list, &pcpu_chunks);
			pcpu_nr_dyn_pages += chunk_pages();
			addr = alloc_area(bits, align_bits);
			c = NULL;
		}
		spin_unlock(&pcpu_lock);
		if (addr)
			break;
		c = create_chunk();
		if (!c)
			return 0;
	}
	if (c)
		destroy_chunk(c);
	return addr;
}

void *__alloc_percpu(size_t size, size_t align)
{
	unsigned int bits, align_bits;
	struct pcpu_chunk *c;
	unsigned long addr;

	if (!size || size > pcpu_unit_size || align > PAGE_SIZE || (align & (align - 1))) {
		pr_warn("percpu: illegal size (%lu) or align (%lu) for percpu allocation\n", (unsigned long)size,
			(unsigned long)align);
		return NULL;
	}
	if (!pcpu_nr_units)
		return NULL;	/* setup_per_cpu_areas found no memory: it said so */
	bits = (unsigned int)((size + PCPU_MIN_ALLOC_SIZE - 1) / PCPU_MIN_ALLOC_SIZE);
	align_bits = align > PCPU_MIN_ALLOC_SIZE ? (unsigned int)(align / PCPU_MIN_ALLOC_SIZE) : 1;
	addr = alloc_or_grow(bits, align_bits);
	if (!addr)
		return NULL;
	spin_lock(&pcpu_lock);
	c = chunk_of(addr);
	spin_unlock(&pcpu_lock);
	/* The area is this caller's now: no lock needed to clear it. */
	for (unsigned int cpu = 0; cpu < pcpu_nr_units; cpu++)
		zero_copy(c, cpu, addr - c->base, size);
	return (void *)addr;
}

void free_percpu(void *ptr)
{
	struct pcpu_chunk *c;
	bool empty;

	if (!ptr)
		return;
	spin_lock(&pcpu_lock);
	c = free_area((unsigned long)ptr);
	empty = c && c != &pcpu_first_chunk && !c->nr_used;
	if (empty) {
		list_del(&c->list);
		pcpu_nr_dyn_pages -= chunk_pages();
	}
	spin_unlock(&pcpu_lock);
	if (!c)
		pr_warn("percpu: free_percpu of %p, which is not a percpu allocation; nothing freed\n", ptr);
	else if (empty)
		destroy_chunk(c);
}
