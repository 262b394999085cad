/*
 * Fuzz target: memblock operation sequences, checked after every step
 * against the invariants of memblock.h and against a shadow model.
 *
 * The model is deliberately unlike memblock.c: each set is the 32-bit line
 * cut at breakpoints into segments, each segment in or out of the set.  An
 * operation paints [base, end) in or out; the regions memblock must hold are
 * then the maximal runs of "in" segments.
 *
 *   breakpoints:  0      b1     b2        b3    b4            2^32
 *   segments:     |  out |  in  |   in    | out |     in      |
 *   regions:             [---------------)      [------------)
 *
 * Each input is a list of operations (add, remove, reserve, free, cap,
 * alloc, set_current_limit, a burst of adds to fill the table, queries),
 * their values drawn from the bytes with a bias towards edges: the page
 * grid near RAM, the top of the 32-bit space, and existing region ends.
 */
#include <stdlib.h>
#include <string.h>

#include <memblock.h>
#include <arch.h>
#include "fuzz.h"
#include "host.h"

#define SPACE_END	0x100000000ULL	/* end of the model's line */
#define PHYS_MAX	0xffffffffULL	/* exclusive end of what memblock can hold */
#define RAM_BASE	0x60000000U
#define MAX_OPS		400
#define MAX_POINTS	(2 * MEMBLOCK_MAX_REGIONS + 8)

struct model {
	unsigned int n;			/* breakpoints; point[0] = 0, point[n - 1] = 2^32 */
	u64 point[MAX_POINTS];
	bool in[MAX_POINTS];		/* segment [point[i], point[i + 1]) is in the set */
};

static struct model mem_model, res_model;
static u64 model_limit;			/* memblock.current_limit as the model sees it */

static void model_reset(struct model *m)
{
	m->n = 2;
	m->point[0] = 0;
	m->point[1] = SPACE_END;
	m->in[0] = false;
}

static void model_split(struct model *m, u64 x)
{
	unsigned int i;

	for (i = 0; i < m->n && m->point[i] < x; i++)
		;
	if (i < m->n && m->point[i] == x)
		return;
	if (m->n >= MAX_POINTS)
		fuzz_fail("model out of breakpoints");
	memmove(&m->point[i + 1], &m->point[i], (m->n - i) * sizeof(m->point[0]));
	memmove(&m->in[i], &m->in[i - 1], (m->n - i) * sizeof(m->in[0]));
	m->point[i] = x;
	m->n++;
}

/* Paint [lo, hi) in or out, then drop breakpoints between equal segments. */
static void model_paint(struct model *m, u64 lo, u64 hi, bool in)
{
	unsigned int i, k;

	model_split(m, lo);
	model_split(m, hi);
	for (i = 0; i + 1 < m->n; i++)
		if (m->point[i] >= lo && m->point[i + 1] <= hi)
			m->in[i] = in;
	for (i = 1, k = 1; i + 1 < m->n; i++) {
		if (m->in[i] == m->in[k - 1])
			continue;
		m->point[k] = m->point[i];
		m->in[k] = m->in[i];
		k++;
	}
	m->point[k] = SPACE_END;
	m->n = k + 1;
}

static unsigned int model_regions(const struct model *m)
{
	unsigned int i, r = 0;

	for (i = 0; i + 1 < m->n; i++)
		r += m->in[i];
	return r;
}

static bool model_has(const struct model *m, u64 x)
{
	unsigned int i;

	for (i = 0; i + 1 < m->n; i++)
		if (x >= m->point[i] && x < m->point[i + 1])
			return m->in[i];
	return false;
}

/* True if any of [lo, hi) is in the set. */
static bool model_meets(const struct model *m, u64 lo, u64 hi)
{
	unsigned int i;

	for (i = 0; i + 1 < m->n; i++)
		if (m->in[i] && m->point[i] < hi && m->point[i + 1] > lo)
			return true;
	return false;
}

/* ---- invariants and agreement with the model ---- */

static void check_type(const struct memblock_type *t, const struct model *m)
{
	u64 sum = 0;
	unsigned int i, r = 0;

	fuzz_check(t->cnt <= MEMBLOCK_MAX_REGIONS, "%s.cnt %u", t->name, t->cnt);
	for (i = 0; i < t->cnt; i++) {
		const struct memblock_region *g = &t->regions[i];
		u64 end = (u64)g->base + g->size;

		fuzz_check(g->size != 0, "%s[%u] at 0x%x is empty", t->name, i, g->base);
		fuzz_check(end <= PHYS_MAX, "%s[%u] [0x%x + 0x%x] reaches past 0xffffffff", t->name, i, g->base, g->size);
		if (i > 0)
			fuzz_check((u64)t->regions[i - 1].base + t->regions[i - 1].size < g->base,
				   "%s[%u] and [%u] out of order, overlapping or touching", t->name, i - 1, i);
		sum += g->size;
	}
	fuzz_check(sum == t->total_size, "%s.total_size 0x%x, regions add up to 0x%llx", t->name, t->total_size, sum);

	for (i = 0; i + 1 < m->n; i++) {
		if (!m->in[i])
			continue;
		fuzz_check(r < t->cnt, "%s: model has more regions than %u", t->name, t->cnt);
		fuzz_check(t->regions[r].base == m->point[i] &&
			   (u64)t->regions[r].base + t->regions[r].size == m->point[i + 1],
			   "%s[%u] is [0x%x + 0x%x], model says [0x%llx-0x%llx)", t->name, r,
			   t->regions[r].base, t->regions[r].size, m->point[i], m->point[i + 1]);
		r++;
	}
	fuzz_check(r == t->cnt, "%s has %u regions, model %u", t->name, t->cnt, r);
}

/* Bytes in memory and not reserved, by the model. */
static u64 model_free_bytes(void)
{
	u64 total = 0;

	for (unsigned int i = 0; i + 1 < mem_model.n; i++) {
		if (!mem_model.in[i])
			continue;
		for (unsigned int j = 0; j + 1 < res_model.n; j++) {
			u64 lo = mem_model.point[i] > res_model.point[j] ? mem_model.point[i] : res_model.point[j];
			u64 hi = mem_model.point[i + 1] < res_model.point[j + 1] ? mem_model.point[i + 1] : res_model.point[j + 1];

			if (!res_model.in[j] && hi > lo)
				total += hi - lo;
		}
	}
	return total;
}

/*
 * memblock_next_free_range walks ascending, disjoint ranges that are free
 * and maximal (the bytes just outside are not free), and together they are
 * all the free memory.
 */
static void check_free_ranges(void)
{
	unsigned long idx = 0;
	phys_addr_t start, end;
	u64 next = 0, total = 0;

	while (memblock_next_free_range(&idx, &start, &end)) {
		fuzz_check(start < end && start >= next, "free range %lu [0x%x-0x%x) empty or out of order",
			   idx, start, end);
		fuzz_check(model_has(&mem_model, start) && model_has(&mem_model, end - 1ULL) &&
			   !model_meets(&res_model, start, end),
			   "free range [0x%x-0x%x) is not free memory", start, end);
		fuzz_check(start == 0 || !model_has(&mem_model, start - 1ULL) || model_has(&res_model, start - 1ULL),
			   "free range [0x%x-0x%x) could start lower", start, end);
		fuzz_check(!model_has(&mem_model, end) || model_has(&res_model, end),
			   "free range [0x%x-0x%x) could end higher", start, end);
		total += end - start;
		next = end;
		fuzz_check(idx <= 2 * MEMBLOCK_MAX_REGIONS + 1, "free range walk does not end");
	}
	fuzz_check(total == model_free_bytes(), "free ranges add up to 0x%llx, free memory is 0x%llx",
		   total, model_free_bytes());
}

static void check_all(bool all)
{
	check_type(&memblock.memory, &mem_model);
	check_type(&memblock.reserved, &res_model);
	fuzz_check(memblock.current_limit == model_limit, "current_limit 0x%x, expected 0x%llx",
		   memblock.current_limit, model_limit);
	fuzz_check(memblock_phys_mem_size() == memblock.memory.total_size, "memblock_phys_mem_size");
	fuzz_check(memblock_reserved_size() == memblock.reserved.total_size, "memblock_reserved_size");
	if (memblock.memory.cnt) {
		const struct memblock_region *last = &memblock.memory.regions[memblock.memory.cnt - 1];

		fuzz_check(memblock_start_of_DRAM() == memblock.memory.regions[0].base, "start_of_DRAM");
		fuzz_check(memblock_end_of_DRAM() == last->base + last->size, "end_of_DRAM");
	} else {
		fuzz_check(memblock_start_of_DRAM() == 0 && memblock_end_of_DRAM() == 0, "DRAM bounds of nothing");
	}
	/* The walk costs cnt^3 (fine at boot, slow here): when small, or at the end. */
	if (all || memblock.memory.cnt * memblock.reserved.cnt <= 64)
		check_free_ranges();
}

/* ---- values from the input, biased towards edges ---- */

static u64 model_point(struct fuzz_in *in)
{
	const struct model *m = fuzz_u8(in) & 1 ? &res_model : &mem_model;

	return m->point[fuzz_u8(in) % m->n];
}

static phys_addr_t pick_addr(struct fuzz_in *in)
{
	switch (fuzz_u8(in) % 8) {
	case 0:  return fuzz_u32(in);
	case 1:  return RAM_BASE + (fuzz_bytes(in, 2) << 12);
	case 2:  return (phys_addr_t)(PHYS_MAX - fuzz_bytes(in, 2));
	case 3:  return fuzz_bytes(in, 2);
	case 4:
	case 5:  return (phys_addr_t)(model_point(in) + (s8)fuzz_u8(in));
	case 6:  return RAM_BASE + fuzz_u8(in) * (phys_addr_t)SZ_1M;
	default: return (phys_addr_t)fuzz_u8(in) << 24;
	}
}

static phys_addr_t pick_size(struct fuzz_in *in, phys_addr_t base)
{
	switch (fuzz_u8(in) % 6) {
	case 0:  return fuzz_u32(in);
	case 1:  return fuzz_bytes(in, 2) << 12;
	case 2:  return fuzz_u8(in);
	case 3:  return (phys_addr_t)(model_point(in) - base);	/* up to a region edge */
	case 4:  return fuzz_u8(in) * (phys_addr_t)SZ_1M;
	default: return (phys_addr_t)(PHYS_MAX - base + (s8)fuzz_u8(in));
	}
}

/* ---- operations and what the model expects of them ---- */

/* add_range / remove_range: expected result, model updated on success. */
static int model_change(struct model *m, phys_addr_t base, phys_addr_t size, bool in)
{
	struct model next = *m;
	u64 end = (u64)base + size;

	if (end > PHYS_MAX)
		end = PHYS_MAX;
	if (size == 0 || end <= base)
		return -EINVAL;
	model_paint(&next, base, end, in);
	if (model_regions(&next) > MEMBLOCK_MAX_REGIONS)
		return -ENOSPC;
	*m = next;
	return 0;
}

static void do_change(int op, phys_addr_t base, phys_addr_t size)
{
	static const char *const names[] = { "add", "remove", "reserve", "free" };
	struct model *m = op < 2 ? &mem_model : &res_model;
	int want = model_change(m, base, size, op % 2 == 0);
	int got;

	switch (op) {
	case 0:  got = memblock_add(base, size); break;
	case 1:  got = memblock_remove(base, size); break;
	case 2:  got = memblock_reserve(base, size); break;
	default: got = memblock_free(base, size); break;
	}
	fuzz_check(got == want, "memblock_%s(0x%x, 0x%x) returned %d, expected %d",
		   names[op], base, size, got, want);
}

static void do_cap(phys_addr_t limit)
{
	memblock_cap_memory(limit);
	if (limit < PHYS_MAX) {
		model_paint(&mem_model, limit, PHYS_MAX, false);
		model_paint(&res_model, limit, PHYS_MAX, false);
	}
}

/*
 * The highest address a >= PAGE_SIZE with a % align == 0 and [a, a + size)
 * free and below the limit; 0 when there is none.
 */
static u64 model_best_fit(phys_addr_t size, phys_addr_t align, bool *found)
{
	unsigned int i;

	*found = false;
	for (i = mem_model.n - 1; i-- > 0; ) {
		u64 s = mem_model.point[i], e = mem_model.point[i + 1];

		if (!mem_model.in[i])
			continue;
		/* free pieces of [s, e), top down */
		for (unsigned int j = res_model.n - 1; j-- > 0; ) {
			u64 fs = res_model.point[j], fe = res_model.point[j + 1];
			u64 cand;

			if (res_model.in[j])
				continue;
			fs = fs > s ? fs : s;
			fs = fs > PAGE_SIZE ? fs : PAGE_SIZE;	/* the first page is never handed out */
			fe = fe < e ? fe : e;
			fe = fe < model_limit ? fe : model_limit;
			if (fe <= fs || fe - fs < size)
				continue;
			cand = (fe - size) & ~((u64)align - 1);
			if (cand < fs)
				continue;
			*found = true;
			return cand;
		}
	}
	return 0;
}

static void do_alloc(phys_addr_t size, phys_addr_t align)
{
	struct model before = res_model;
	bool found = false;
	u64 want = 0;
	phys_addr_t got;

	if (size != 0 && align != 0 && (align & (align - 1)) == 0)
		want = model_best_fit(size, align, &found);
	got = memblock_phys_alloc(size, align);
	if (got == 0) {
		fuzz_check(!(found && want == 0 && memblock_is_reserved(0)),
			   "memblock_phys_alloc(0x%x, 0x%x) reserved [0x0-0x%x) but returned 0, which means failure",
			   size, align, size);
		/* nothing fits, or reserving the fit would overflow the table */
		fuzz_check(want == 0 || model_change(&res_model, (phys_addr_t)want, size, true) == -ENOSPC,
			   "memblock_phys_alloc(0x%x, 0x%x) failed; 0x%llx fits", size, align, want);
		res_model = before;
		return;
	}
	fuzz_check(got == want, "memblock_phys_alloc(0x%x, 0x%x) gave 0x%x, the highest fit is 0x%llx",
		   size, align, got, want);
	fuzz_check(model_change(&res_model, got, size, true) == 0, "allocation not reservable");
}

static void do_queries(struct fuzz_in *in)
{
	phys_addr_t a = pick_addr(in), size = pick_size(in, a);
	u64 end = (u64)a + (size ? size : 1);

	fuzz_check(memblock_is_memory(a) == model_has(&mem_model, a), "memblock_is_memory(0x%x)", a);
	fuzz_check(memblock_is_reserved(a) == model_has(&res_model, a), "memblock_is_reserved(0x%x)", a);
	fuzz_check(memblock_is_region_reserved(a, size) == model_meets(&res_model, a, end),
		   "memblock_is_region_reserved(0x%x, 0x%x)", a, size);
}

/* A burst of same-sized ranges at a fixed stride: reaches a full table quickly. */
static void do_burst(struct fuzz_in *in)
{
	int op = fuzz_u8(in) & 2;	/* add or reserve */
	unsigned int count = fuzz_u8(in) % 160;
	phys_addr_t base = pick_addr(in), size = (fuzz_u8(in) + 1) << 12;
	phys_addr_t stride = size + ((phys_addr_t)fuzz_u8(in) << 12);

	for (unsigned int i = 0; i < count; i++) {
		do_change(op, base + i * stride, size);
		check_type(op ? &memblock.reserved : &memblock.memory, op ? &res_model : &mem_model);
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fuzz_in in;
	unsigned int ops;

	memblock_reset();
	model_reset(&mem_model);
	model_reset(&res_model);
	model_limit = PHYS_MAX;
	fuzz_in_init(&in, data, size);

	for (ops = 0; in.left && ops < MAX_OPS; ops++) {
		u8 op = fuzz_u8(&in) % 10;
		phys_addr_t base, len;

		host_log_clear();
		switch (op) {
		case 0: case 1: case 2: case 3:
			base = pick_addr(&in);
			len = pick_size(&in, base);
			do_change(op, base, len);
			break;
		case 4:
			do_cap(pick_addr(&in));
			break;
		case 5:
			len = pick_size(&in, 0);
			base = fuzz_u8(&in);	/* align: a power of two, or anything */
			do_alloc(len, base < 224 ? (phys_addr_t)1 << (base % 32) : fuzz_u32(&in));
			break;
		case 6:
			base = pick_addr(&in);
			memblock_set_current_limit(base);
			model_limit = base;
			break;
		case 7:
			do_burst(&in);
			break;
		default:
			do_queries(&in);
			break;
		}
		check_all(false);
	}
	check_all(true);
	return 0;
}
