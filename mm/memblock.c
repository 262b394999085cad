/*
 * memblock: the boot-time record of physical memory (the "memory" set, from
 * the device tree) and of what is taken (the "reserved" set: kernel image,
 * page tables, DTB, early allocations).  This file owns both region tables
 * and the early top-down allocator; handing the free ranges to the buddy
 * allocator is page_alloc.c's business.
 *
 * Invariants of each set, after every call:
 *   - regions are sorted by base, none is empty, none overlaps another, and
 *     none touches another with the same flags (those are merged into one;
 *     only NOMAP, in "memory", keeps touching regions apart);
 *   - base + size never wraps: every region ends at or below 0xffffffff;
 *   - total_size is the sum of the sizes.
 */
#include <memblock.h>
#include <arch.h>
#include <printk.h>
#include <seq.h>
#include <string.h>

#define PHYS_ADDR_MAX	((phys_addr_t)~0U)	/* exclusive end of what a region can cover */

struct memblock memblock = {
	.current_limit = PHYS_ADDR_MAX,
	.memory.name = "memory",
	.reserved.name = "reserved",
};

void memblock_reset(void)
{
	memset(&memblock, 0, sizeof(memblock));
	memblock.current_limit = PHYS_ADDR_MAX;
	memblock.memory.name = "memory";
	memblock.reserved.name = "reserved";
}

static phys_addr_t region_end(const struct memblock_region *r)
{
	return r->base + r->size;
}

/*
 * The end of [base, base + size) clipped to PHYS_ADDR_MAX, warning when
 * something is cut off.  Returns 0, or -EINVAL if nothing is left (size 0,
 * or base at PHYS_ADDR_MAX).
 */
static int clipped_end(const struct memblock_type *type, phys_addr_t base, phys_addr_t size,
		       phys_addr_t *end)
{
	if (size > PHYS_ADDR_MAX - base) {
		pr_warn("memblock: %s [0x%08x + 0x%08x] reaches past 0xffffffff; clipped to end there\n",
			type->name, (unsigned int)base, (unsigned int)size);
		size = PHYS_ADDR_MAX - base;
	}
	if (size == 0)
		return -EINVAL;
	*end = base + size;
	return 0;
}

static void delete_regions(struct memblock_type *type, unsigned int i, unsigned int n)
{
	memmove(&type->regions[i], &type->regions[i + n],
		(type->cnt - i - n) * sizeof(type->regions[0]));
	type->cnt -= n;
}

static void insert_region(struct memblock_type *type, unsigned int i,
			  phys_addr_t base, phys_addr_t size, unsigned int flags)
{
	memmove(&type->regions[i + 1], &type->regions[i],
		(type->cnt - i) * sizeof(type->regions[0]));
	type->regions[i].base = base;
	type->regions[i].size = size;
	type->regions[i].flags = flags;
	type->cnt++;
}

static void recount(struct memblock_type *type)
{
	unsigned int i;

	type->total_size = 0;
	for (i = 0; i < type->cnt; i++)
		type->total_size += type->regions[i].size;
}

/*
 * Adding and marking rebuild the set into a scratch table, so that a
 * result too large for the region table leaves the set unchanged: pieces
 * are emitted in address order, each merged with the one before it when
 * the two touch and carry the same flags.
 */
static struct {
	unsigned int cnt;
	struct memblock_region regions[2 * MEMBLOCK_MAX_REGIONS + 1];
} scratch;

static void emit(phys_addr_t base, phys_addr_t end, unsigned int flags)
{
	struct memblock_region *last = scratch.cnt ? &scratch.regions[scratch.cnt - 1] : NULL;

	if (end <= base)
		return;
	if (last && region_end(last) == base && last->flags == flags) {
		last->size = end - last->base;
		return;
	}
	scratch.regions[scratch.cnt++] = (struct memblock_region){ base, end - base, flags };
}

static int commit(struct memblock_type *type)
{
	if (scratch.cnt > MEMBLOCK_MAX_REGIONS)
		return -ENOSPC;
	memcpy(type->regions, scratch.regions, scratch.cnt * sizeof(type->regions[0]));
	type->cnt = scratch.cnt;
	recount(type);
	return 0;
}

/*
 * Merge [base, end) into the set: the parts no region covers yet become
 * MEMBLOCK_NONE, and the regions it meets keep their flags.  With all
 * flags equal, the regions it overlaps or touches collapse into one:
 *
 *        r0             r2
 *   ... [----)  [---)  [------)  ...        existing
 *          [=================)              new range
 *        [-------------------)              result, one region
 */
static int add_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end, cur;
	unsigned int i;

	if (clipped_end(type, base, size, &end))
		return -EINVAL;
	scratch.cnt = 0;
	cur = base;
	for (i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];

		if (r->base > cur && cur < end)
			emit(cur, min(r->base, end), MEMBLOCK_NONE);
		emit(r->base, region_end(r), r->flags);
		cur = max(cur, region_end(r));
	}
	if (cur < end)
		emit(cur, end, MEMBLOCK_NONE);
	return commit(type);
}

/*
 * Set flag on the memory inside [base, end): each region it meets is cut
 * in up to three pieces, the middle one flagged.
 *
 *   region:   [----------------)
 *   range:         [=====)
 *   result:   [---)[fffff)[----)
 */
static int set_flag(struct memblock_type *type, phys_addr_t base, phys_addr_t size, unsigned int flag)
{
	phys_addr_t end;
	unsigned int i;

	if (clipped_end(type, base, size, &end))
		return -EINVAL;
	scratch.cnt = 0;
	for (i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];
		phys_addr_t lo = max(r->base, base), hi = min(region_end(r), end);

		if (lo >= hi) {
			emit(r->base, region_end(r), r->flags);
			continue;
		}
		emit(r->base, lo, r->flags);
		emit(lo, hi, r->flags | flag);
		emit(hi, region_end(r), r->flags);
	}
	return commit(type);
}

/*
 * Cut [base, end) out of the set.  Each region meets the range in one of
 * five ways:
 *
 *   range:            [=========)
 *   outside:  [--)                      [--)   kept
 *   left:          [------)                    trimmed to [r.base, base)
 *   inside:              [---)                 deleted
 *   right:                   [------)          trimmed to [end, r.end)
 *   around:     [---------------------)        split in two: needs a slot
 */
static int remove_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end;
	unsigned int i;

	if (clipped_end(type, base, size, &end))
		return -EINVAL;

	/* Only a region reaching past both ends needs a new slot; check first. */
	for (i = 0; i < type->cnt; i++) {
		struct memblock_region *r = &type->regions[i];

		if (r->base < base && region_end(r) > end && type->cnt >= MEMBLOCK_MAX_REGIONS)
			return -ENOSPC;
	}

	for (i = 0; i < type->cnt; ) {
		struct memblock_region *r = &type->regions[i];
		phys_addr_t rbase = r->base, rend = region_end(r);

		if (rend <= base || rbase >= end) {
			i++;
		} else if (rbase < base && rend > end) {
			r->size = base - rbase;
			insert_region(type, i + 1, end, rend - end, r->flags);
			i += 2;
		} else if (rbase < base) {
			r->size = base - rbase;
			i++;
		} else if (rend > end) {
			r->base = end;
			r->size = rend - end;
			i++;
		} else {
			delete_regions(type, i, 1);
		}
	}
	recount(type);
	return 0;
}

int memblock_add(phys_addr_t base, phys_addr_t size)
{
	return add_range(&memblock.memory, base, size);
}

int memblock_remove(phys_addr_t base, phys_addr_t size)
{
	return remove_range(&memblock.memory, base, size);
}

int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	return add_range(&memblock.reserved, base, size);
}

int memblock_free(phys_addr_t base, phys_addr_t size)
{
	return remove_range(&memblock.reserved, base, size);
}

int memblock_mark_nomap(phys_addr_t base, phys_addr_t size)
{
	return set_flag(&memblock.memory, base, size, MEMBLOCK_NOMAP);
}

void memblock_cap_memory(phys_addr_t limit)
{
	/* Cutting up to the top can never split a region, so these cannot fail. */
	if (limit >= PHYS_ADDR_MAX)
		return;
	remove_range(&memblock.memory, limit, PHYS_ADDR_MAX - limit);
	remove_range(&memblock.reserved, limit, PHYS_ADDR_MAX - limit);
}

void memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

/*
 * The k-th free range (memory minus reserved) in ascending order.  Free
 * ranges are the gaps the reserved regions leave inside each memory region
 * that is not NOMAP (Linux's for_each_free_mem_range skips those too):
 *
 *   memory:    [-------------------------)  [---------)
 *   reserved:       [---)   [-----)               [-------)
 *   free:      [---)    [--)       [-----)  [----)
 *
 * A rescan per call is quadratic, but the tables hold at most 128 entries
 * and this runs a handful of times at boot.
 */
static bool nth_free_range(unsigned long k, phys_addr_t *start, phys_addr_t *end)
{
	const struct memblock_type *mem = &memblock.memory, *res = &memblock.reserved;
	unsigned long seen = 0;
	unsigned int i, j;

	for (i = 0; i < mem->cnt; i++) {
		phys_addr_t cur = mem->regions[i].base;
		phys_addr_t mend = region_end(&mem->regions[i]);

		if (mem->regions[i].flags & MEMBLOCK_NOMAP)
			continue;
		for (j = 0; j < res->cnt && cur < mend; j++) {
			const struct memblock_region *r = &res->regions[j];

			if (region_end(r) <= cur)
				continue;
			if (r->base >= mend)
				break;
			if (r->base > cur && seen++ == k) {
				*start = cur;
				*end = r->base;
				return true;
			}
			cur = max(cur, region_end(r));
		}
		if (cur < mend && seen++ == k) {
			*start = cur;
			*end = mend;
			return true;
		}
	}
	return false;
}

bool memblock_next_free_range(unsigned long *idx, phys_addr_t *start, phys_addr_t *end)
{
	if (!nth_free_range(*idx, start, end))
		return false;
	(*idx)++;
	return true;
}

phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align)
{
	unsigned long k, nr_free = 0;
	phys_addr_t start, end;

	if (size == 0 || align == 0 || (align & (align - 1)) != 0) {
		pr_err("memblock: refused allocation of 0x%x bytes aligned to 0x%x: %s\n",
		       (unsigned int)size, (unsigned int)align,
		       size == 0 ? "size 0" : "align not a power of two");
		return 0;
	}
	while (nth_free_range(nr_free, &start, &end))
		nr_free++;

	for (k = nr_free; k-- > 0; ) {
		phys_addr_t cand;

		nth_free_range(k, &start, &end);
		end = min(end, memblock.current_limit);
		if (end <= start || end - start < size)
			continue;
		cand = ALIGN_DOWN(end - size, align);
		/* Never the first page, as in Linux: 0 must keep meaning failure. */
		if (cand < max(start, (phys_addr_t)PAGE_SIZE))
			continue;
		if (memblock_reserve(cand, size) != 0)
			return 0;
		return cand;
	}
	return 0;
}

void *memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	phys_addr_t pa = memblock_phys_alloc(size, align);
	void *va;

	if (pa == 0)
		return NULL;
	va = __va(pa);
	memset(va, 0, size);
	return va;
}

phys_addr_t memblock_start_of_DRAM(void)
{
	return memblock.memory.cnt ? memblock.memory.regions[0].base : 0;
}

phys_addr_t memblock_end_of_DRAM(void)
{
	const struct memblock_type *mem = &memblock.memory;

	return mem->cnt ? region_end(&mem->regions[mem->cnt - 1]) : 0;
}

phys_addr_t memblock_phys_mem_size(void)
{
	return memblock.memory.total_size;
}

phys_addr_t memblock_reserved_size(void)
{
	return memblock.reserved.total_size;
}

/* True if [base, base + size) meets any region of type (size 0: the byte at base). */
static bool overlaps(const struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + max(size, (phys_addr_t)1);
	unsigned int i;

	if (end < base)
		end = PHYS_ADDR_MAX;
	for (i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];

		if (r->base < end && region_end(r) > base)
			return true;
	}
	return false;
}

bool memblock_is_memory(phys_addr_t addr)
{
	return overlaps(&memblock.memory, addr, 1);
}

bool memblock_is_map_memory(phys_addr_t addr)
{
	const struct memblock_type *mem = &memblock.memory;

	for (unsigned int i = 0; i < mem->cnt; i++)
		if (addr >= mem->regions[i].base && addr < region_end(&mem->regions[i]))
			return !(mem->regions[i].flags & MEMBLOCK_NOMAP);
	return false;
}

bool memblock_is_reserved(phys_addr_t addr)
{
	return overlaps(&memblock.reserved, addr, 1);
}

bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size)
{
	return overlaps(&memblock.reserved, base, size);
}

/* One line of the dump, to the log (s == NULL) or into s. */
static void __printf(2, 3) dump_line(struct seq *s, const char *fmt, ...)
{
	char line[96];
	va_list ap;

	va_start(ap, fmt);
	if (s) {
		seq_vprintf(s, fmt, ap);
	} else {
		vsnprintf(line, sizeof(line), fmt, ap);
		printk(KERN_INFO "%s", line);
	}
	va_end(ap);
}

static void dump_type(struct seq *s, const struct memblock_type *type)
{
	unsigned int i;

	dump_line(s, " %s.cnt  = 0x%x\n", type->name, type->cnt);
	for (i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];

		dump_line(s, " %s[0x%x]\t[0x%08x-0x%08x], 0x%08x bytes flags: 0x%x\n",
			  type->name, i, (unsigned int)r->base,
			  (unsigned int)(region_end(r) - 1), (unsigned int)r->size, r->flags);
	}
}

static void dump_all(struct seq *s)
{
	dump_line(s, "MEMBLOCK configuration:\n");
	dump_line(s, " memory size = 0x%08x reserved size = 0x%08x\n",
		  (unsigned int)memblock.memory.total_size,
		  (unsigned int)memblock.reserved.total_size);
	dump_type(s, &memblock.memory);
	dump_type(s, &memblock.reserved);
}

void memblock_dump(void)
{
	dump_all(NULL);
}

void memblock_show(struct seq *s)
{
	dump_all(s);
}

unsigned long memblock_pages_in(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pages = 0;

	for (unsigned int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];
		unsigned long s = max(PFN_UP(r->base), start_pfn);
		unsigned long e = min(PFN_DOWN((u64)r->base + r->size), end_pfn);

		if (e > s)
			pages += e - s;
	}
	return pages;
}
