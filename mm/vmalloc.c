/*
 * The vmalloc window: which virtual ranges of [vmalloc_start, VMALLOC_END)
 * are taken (an AVL tree of areas), vmalloc/vfree over single pages,
 * vmap/vunmap, ioremap/iounmap, /proc/vmallocinfo and the fault helper.
 * Page tables are arch's (arch_map_range makes L2 tables on demand and
 * never frees them); pages are the buddy allocator's.
 *
 * The tree.  Areas are kept in an AVL tree keyed by start address.  Each
 * node also caches the free gap just below it (from the end of the previous
 * area, or vmalloc_start, to its start) and the largest such gap in its
 * subtree.  A sentinel node at VMALLOC_END, always present, owns the gap
 * above the last area, so every free byte belongs to exactly one node's gap.
 * Lookup, insert, erase and first-fit search (descend left while the left
 * subtree has a big enough gap) are all O(log n):
 *
 *   vmalloc_start        A              B                  VMALLOC_END
 *   |<--- gap(A) --->|[  A  ][g]|<-gap(B)->|[ B ][g]|<- gap(tail) ->| tail
 *
 * The page tables are the record of which pages a vmalloc area owns: vfree
 * asks arch_query for each page, so an area needs no page array however
 * large it is.  Bookkeeping nodes come from whole lowmem pages carved here
 * (slab is not required), and a page goes back as soon as its last node
 * is free.
 *
 * vmap_area_lock (Linux's name) covers the tree, the node pages and the
 * counters.  Mapping and unmapping pages happen outside it: an area being
 * freed stays in the tree, marked VM_FREEING, until its pages are unmapped,
 * so nobody is given its addresses meanwhile.  Lock order: vmap_area_lock,
 * then the page allocator's.
 */
#include <vmalloc.h>
#include <memblock.h>
#include <kallsyms.h>
#include <printk.h>
#include <spinlock.h>
#include <string.h>

#define VM_FREEING	0x80000000u	/* being unmapped by vfree, vunmap or iounmap: no longer the caller's */

static DEFINE_SPINLOCK(vmap_area_lock);

struct vm_area {
	unsigned long addr;		/* first byte */
	unsigned long size;		/* bytes, guard page included (early areas: exact) */
	unsigned long nr_pages;		/* vmalloc: pages the area owns */
	phys_addr_t phys_addr;		/* ioremap and early areas: first physical byte */
	bool has_phys;			/* phys_addr is set (0 is a valid physical address) */
	unsigned int flags;		/* VM_* */
	const void *caller;
	const char *name;		/* early areas */
	/* tree links and the cached gaps described above */
	struct vm_area *left, *right;
	int height;
	unsigned long gap;
	unsigned long max_gap;
};

static struct vm_area *root;
static struct vm_area tail;		/* the sentinel at VMALLOC_END */
static unsigned long pages_used, areas_used, node_pages;

static inline unsigned long area_end(const struct vm_area *a) { return a->addr + a->size; }

/* ---- bookkeeping nodes, carved from whole pages ---- */

/*
 * A node page: this header, then NODES_PER_PAGE nodes.  Free nodes are
 * linked through ->left.  A page is on pages_with_room while it has a free
 * node, and goes back to the buddy allocator when used drops to 0.
 */
struct node_page {
	struct list_head link;
	struct vm_area *free;
	unsigned int used;
};

#define NODES_PER_PAGE	((PAGE_SIZE - sizeof(struct node_page)) / sizeof(struct vm_area))

static struct list_head pages_with_room;

static struct vm_area *node_alloc(void)
{
	struct node_page *np;
	struct vm_area *n;

	if (list_empty(&pages_with_room)) {
		np = (struct node_page *)__get_free_page(GFP_KERNEL);
		if (!np)
			return NULL;
		node_pages++;
		np->free = NULL;
		np->used = 0;
		n = (struct vm_area *)(np + 1);
		for (unsigned long i = 0; i < NODES_PER_PAGE; i++) {
			n[i].left = np->free;
			np->free = &n[i];
		}
		list_add(&np->link, &pages_with_room);
	}
	np = list_entry(pages_with_room.next, struct node_page, link);
	n = np->free;
	np->free = n->left;
	np->used++;
	if (!np->free)
		list_del(&np->link);
	memset(n, 0, sizeof(*n));
	return n;
}

static void node_free(struct vm_area *n)
{
	struct node_page *np = (struct node_page *)((unsigned long)n & PAGE_MASK);

	if (!np->free)
		list_add(&np->link, &pages_with_room);
	n->left = np->free;
	np->free = n;
	if (--np->used == 0) {
		list_del(&np->link);
		node_pages--;
		free_page((unsigned long)np);
	}
}

/* ---- the AVL tree ---- */

static int height(const struct vm_area *n) { return n ? n->height : 0; }
static unsigned long max_gap(const struct vm_area *n) { return n ? n->max_gap : 0; }

static void update(struct vm_area *n)
{
	int hl = height(n->left), hr = height(n->right);
	unsigned long gl = max_gap(n->left), gr = max_gap(n->right);

	n->height = 1 + max(hl, hr);
	n->max_gap = max(n->gap, max(gl, gr));
}

static struct vm_area *rotate_right(struct vm_area *n)
{
	struct vm_area *l = n->left;

	n->left = l->right;
	l->right = n;
	update(n);
	update(l);
	return l;
}

static struct vm_area *rotate_left(struct vm_area *n)
{
	struct vm_area *r = n->right;

	n->right = r->left;
	r->left = n;
	update(n);
	update(r);
	return r;
}

/* Recompute n and restore |height(left) - height(right)| <= 1. */
static struct vm_area *balance(struct vm_area *n)
{
	int bf;

	update(n);
	bf = height(n->left) - height(n->right);
	if (bf > 1) {
		if (height(n->left->left) < height(n->left->right))
			n->left = rotate_left(n->left);
		return rotate_right(n);
	}
	if (bf < -1) {
		if (height(n->right->right) < height(n->right->left))
			n->right = rotate_right(n->right);
		return rotate_left(n);
	}
	return n;
}

static struct vm_area *tree_insert(struct vm_area *t, struct vm_area *n)
{
	if (!t)
		return n;
	if (n->addr < t->addr)
		t->left = tree_insert(t->left, n);
	else
		t->right = tree_insert(t->right, n);
	return balance(t);
}

static struct vm_area *tree_remove_min(struct vm_area *t, struct vm_area **min)
{
	if (!t->left) {
		*min = t;
		return t->right;
	}
	t->left = tree_remove_min(t->left, min);
	return balance(t);
}

static struct vm_area *tree_erase(struct vm_area *t, unsigned long addr)
{
	struct vm_area *l, *r, *m;

	if (addr < t->addr) {
		t->left = tree_erase(t->left, addr);
	} else if (addr > t->addr) {
		t->right = tree_erase(t->right, addr);
	} else {
		l = t->left;
		r = t->right;
		if (!r)
			return l;
		r = tree_remove_min(r, &m);
		m->left = l;
		m->right = r;
		return balance(m);
	}
	return balance(t);
}

/* Recompute the cached values on the path to addr (after its gap changed). */
static void tree_refresh(struct vm_area *t, unsigned long addr)
{
	if (!t)
		return;
	if (addr < t->addr)
		tree_refresh(t->left, addr);
	else if (addr > t->addr)
		tree_refresh(t->right, addr);
	update(t);
}

/* The area with the highest start <= va, or NULL. */
static struct vm_area *find_floor(unsigned long va)
{
	struct vm_area *t = root, *best = NULL;

	while (t) {
		if (t->addr <= va) {
			best = t;
			t = t->right;
		} else {
			t = t->left;
		}
	}
	return best;
}

/* The area with the lowest start >= va (the sentinel for any va <= VMALLOC_END). */
static struct vm_area *find_ceil(unsigned long va)
{
	struct vm_area *t = root, *best = NULL;

	while (t) {
		if (t->addr >= va) {
			best = t;
			t = t->left;
		} else {
			t = t->right;
		}
	}
	return best;
}

/* Lowest address of a free gap of at least size bytes, or 0. */
static unsigned long first_fit(unsigned long size)
{
	struct vm_area *t = root;

	while (t && t->max_gap >= size) {
		if (max_gap(t->left) >= size)
			t = t->left;
		else if (t->gap >= size)
			return t->addr - t->gap;
		else
			t = t->right;
	}
	return 0;
}

/* Insert n, whose [addr, addr + size) lies inside a free gap. */
static void link_area(struct vm_area *n)
{
	struct vm_area *next = find_ceil(n->addr);

	n->gap = n->addr - (next->addr - next->gap);
	n->left = n->right = NULL;
	n->height = 1;
	n->max_gap = n->gap;
	root = tree_insert(root, n);
	next->gap = next->addr - area_end(n);
	tree_refresh(root, next->addr);
	areas_used++;
}

/* Take n out of the tree; its range and gap join the next area's gap. */
static void unlink_area(struct vm_area *n)
{
	struct vm_area *next = find_ceil(n->addr + 1);

	next->gap = next->addr - (n->addr - n->gap);
	root = tree_erase(root, n->addr);
	tree_refresh(root, next->addr);
	areas_used--;
}

/* A new area of size bytes (guard page included) at the lowest free address; takes vmap_area_lock. */
static struct vm_area *alloc_area(unsigned long size, unsigned int flags, const void *caller)
{
	struct vm_area *a = NULL;
	unsigned long addr, irqflags;

	spin_lock_irqsave(&vmap_area_lock, irqflags);
	addr = root ? first_fit(size) : 0;
	if (addr)
		a = node_alloc();
	if (a) {
		a->addr = addr;
		a->size = size;
		a->flags = flags;
		a->caller = caller;
		link_area(a);
	}
	spin_unlock_irqrestore(&vmap_area_lock, irqflags);
	return a;
}

/* Forget a (its pages unmapped already); takes vmap_area_lock. */
static void free_area(struct vm_area *a)
{
	unsigned long irqflags;

	spin_lock_irqsave(&vmap_area_lock, irqflags);
	if (a->flags & VM_ALLOC)
		pages_used -= a->nr_pages;
	unlink_area(a);
	node_free(a);
	spin_unlock_irqrestore(&vmap_area_lock, irqflags);
}

void vmalloc_init(void)
{
	INIT_LIST_HEAD(&pages_with_room);
	memset(&tail, 0, sizeof(tail));
	tail.addr = VMALLOC_END;
	tail.gap = VMALLOC_END - vmalloc_start;
	tail.max_gap = tail.gap;
	tail.height = 1;
	root = &tail;
	pages_used = 0;
	areas_used = 0;
	node_pages = 0;
}

int vmalloc_reserve_early(unsigned long va, unsigned long size, const char *name)
{
	struct vm_area *next, *a;
	unsigned int flags;
	phys_addr_t pa;

	if (!root || (va | size) & ~PAGE_MASK || !size || va < vmalloc_start || va >= VMALLOC_END ||
	    size > VMALLOC_END - va) {
		pr_err("vmalloc: early area %s at 0x%08lx size 0x%lx refused: not page aligned or outside "
		       "[0x%08lx-0x%08lx)\n", name, va, size, vmalloc_start, VMALLOC_END);
		return -EINVAL;
	}
	next = find_ceil(va);
	if (next->addr - next->gap > va || va + size > next->addr) {
		pr_err("vmalloc: early area %s [0x%08lx-0x%08lx] refused: overlaps another area\n",
		       name, va, va + size);
		return -EINVAL;
	}
	a = node_alloc();
	if (!a)
		return -ENOMEM;
	a->addr = va;
	a->size = size;
	a->flags = VM_IOREMAP | VM_EARLY;
	a->name = name;
	if (arch_query(va, &pa, &flags)) {
		a->phys_addr = pa;
		a->has_phys = true;
	}
	link_area(a);
	return 0;
}

/* ---- pages in and out ---- */

static void free_pfns(unsigned long pfn, unsigned long nr)
{
	for (unsigned long i = 0; i < nr; i++)
		__free_page(pfn_to_page(pfn + i));
}

/* Map nr pages from pfn at va; on failure the pages are freed. */
static int map_run(unsigned long va, unsigned long pfn, unsigned long nr)
{
	int err = arch_map_range(va, PFN_PHYS(pfn), nr << PAGE_SHIFT, ARCH_MAP_CACHED | ARCH_MAP_NX);

	if (err)
		free_pfns(pfn, nr);
	return err;
}

#define RELEASE_BATCH	64

/*
 * Unmap the first nr pages at addr, flush them from the TLB and free them,
 * RELEASE_BATCH pages at a time (the frames are read back from the page
 * table before the entries are cleared, and freed only after the flush).
 * pfns holds only the frames found, so no pfn value stands for "none":
 * pfn 0 is a page like any other.
 */
static void release_pages(unsigned long addr, unsigned long nr)
{
	unsigned long pfns[RELEASE_BATCH], found;

	for (unsigned long done = 0; done < nr;) {
		unsigned long n = min(nr - done, (unsigned long)RELEASE_BATCH);
		unsigned long va = addr + (done << PAGE_SHIFT);

		found = 0;
		for (unsigned long i = 0; i < n; i++) {
			unsigned int flags;
			phys_addr_t pa;

			if (arch_query(va + (i << PAGE_SHIFT), &pa, &flags) && pfn_valid(PFN_DOWN(pa)))
				pfns[found++] = PFN_DOWN(pa);
			else
				pr_err("vmalloc: page 0x%08lx of area 0x%08lx is not mapped to RAM\n",
				       va + (i << PAGE_SHIFT), addr);
		}
		arch_unmap_range(va, n << PAGE_SHIFT);
		arch_flush_tlb_range(va, n << PAGE_SHIFT);
		for (unsigned long i = 0; i < found; i++)
			__free_page(pfn_to_page(pfns[i]));
		done += n;
	}
}

/*
 * Back nr pages at addr with single pages from gfp, mapping runs of
 * consecutive frames with one arch_map_range call each.  On failure
 * everything mapped so far is released and false returned.
 */
static bool populate(unsigned long addr, unsigned long nr, gfp_t gfp)
{
	unsigned long mapped = 0, run_pfn = 0, run = 0;

	while (mapped + run < nr) {
		struct page *p = alloc_page(gfp);

		if (!p) {
			free_pfns(run_pfn, run);
			goto fail;
		}
		if (run && page_to_pfn(p) == run_pfn + run) {
			run++;
			continue;
		}
		if (run && map_run(addr + (mapped << PAGE_SHIFT), run_pfn, run)) {
			__free_page(p);
			goto fail;
		}
		mapped += run;
		run_pfn = page_to_pfn(p);
		run = 1;
	}
	if (map_run(addr + (mapped << PAGE_SHIFT), run_pfn, run))
		goto fail;
	return true;
fail:
	release_pages(addr, mapped);
	return false;
}

static void *vmalloc_caller(unsigned long size, gfp_t gfp, const void *caller)
{
	struct vm_area *a;
	unsigned long nr;

	if (!size || size > VMALLOC_END - vmalloc_start)
		return NULL;
	nr = ALIGN(size, PAGE_SIZE) >> PAGE_SHIFT;
	a = alloc_area((nr + 1) << PAGE_SHIFT, VM_ALLOC, caller);
	if (!a)
		return NULL;
	if (!populate(a->addr, nr, gfp)) {
		free_area(a);
		return NULL;
	}
	spin_lock(&vmap_area_lock);
	a->nr_pages = nr;
	pages_used += nr;
	spin_unlock(&vmap_area_lock);
	return (void *)a->addr;
}

void *vmalloc(unsigned long size)
{
	return vmalloc_caller(size, GFP_HIGHUSER, __builtin_return_address(0));
}

void *__vmalloc(unsigned long size, gfp_t gfp)
{
	return vmalloc_caller(size, gfp, __builtin_return_address(0));
}

void *vzalloc(unsigned long size)
{
	return vmalloc_caller(size, GFP_HIGHUSER | __GFP_ZERO, __builtin_return_address(0));
}

static const char *kind_name(unsigned int kind)
{
	return kind == VM_ALLOC ? "vmalloc" : kind == VM_MAP ? "vmap" : "ioremap";
}

/*
 * The area of this kind starting at va, now marked VM_FREEING for the
 * caller to unmap and free_area; or NULL after saying why not.  Takes
 * vmap_area_lock.
 */
static struct vm_area *find_own(unsigned long va, unsigned int kind, const char *who)
{
	struct vm_area *a;
	const char *why;
	unsigned long irqflags;

	spin_lock_irqsave(&vmap_area_lock, irqflags);
	a = find_floor(va);
	if (va < vmalloc_start || va >= VMALLOC_END)
		why = "outside the vmalloc window";
	else if (!a || va >= area_end(a))
		why = "no area there";
	else if (a->addr != va)
		why = "not the start of an area";
	else if (a->flags & VM_EARLY)
		why = "a static mapping";
	else if (a->flags & VM_FREEING)
		why = "being freed already";
	else if (!(a->flags & kind))
		why = a->flags & VM_ALLOC ? "a vmalloc area" : a->flags & VM_MAP ? "a vmap area" : "an ioremap area";
	else
		why = NULL;
	if (!why)
		a->flags |= VM_FREEING;
	spin_unlock_irqrestore(&vmap_area_lock, irqflags);
	if (!why)
		return a;
	pr_err("vmalloc: %s(0x%08lx) refused: %s\n", who, va, why);
	return NULL;
}

void vfree(const void *addr)
{
	struct vm_area *a;

	if (!addr)
		return;
	a = find_own((unsigned long)addr, VM_ALLOC, "vfree");
	if (!a)
		return;
	release_pages(a->addr, a->nr_pages);
	free_area(a);
}

/* Unmap an area that does not own its pages, flush it and forget it. */
static void unmap_area(struct vm_area *a)
{
	unsigned long mapped = a->size - PAGE_SIZE;

	arch_unmap_range(a->addr, mapped);
	arch_flush_tlb_range(a->addr, mapped);
	free_area(a);
}

void *vmap(struct page **pages, unsigned int count, unsigned int map_flags)
{
	struct vm_area *a;

	if (!pages || !count || count >= (VMALLOC_END - vmalloc_start) >> PAGE_SHIFT)
		return NULL;
	/* The pages are RAM, also mapped cacheable in lowmem or by kmap: no Device alias (ARM ARM A3.5.7). */
	if (map_flags & ARCH_MAP_DEVICE) {
		pr_err("vmap: device attributes for RAM pages refused (mismatched memory attributes)\n");
		return NULL;
	}
	if (!map_flags)
		map_flags = ARCH_MAP_CACHED | ARCH_MAP_NX;
	a = alloc_area(((unsigned long)count + 1) << PAGE_SHIFT, VM_MAP, __builtin_return_address(0));
	if (!a)
		return NULL;
	for (unsigned int i = 0; i < count; i++) {
		if (arch_map_range(a->addr + ((unsigned long)i << PAGE_SHIFT), page_to_phys(pages[i]),
				   PAGE_SIZE, map_flags)) {
			a->size = ((unsigned long)i + 1) << PAGE_SHIFT;	/* what is mapped, plus the guard */
			unmap_area(a);
			return NULL;
		}
	}
	return (void *)a->addr;
}

void vunmap(const void *addr)
{
	struct vm_area *a;

	if (!addr)
		return;
	a = find_own((unsigned long)addr, VM_MAP, "vunmap");
	if (a)
		unmap_area(a);
}

/* True if [base, base + size) overlaps a bank of memblock.memory. */
static bool overlaps_ram(phys_addr_t base, unsigned long size)
{
	for (unsigned int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		if ((u64)base < (u64)r->base + r->size && (u64)base + size > r->base)
			return true;
	}
	return false;
}

void *ioremap(phys_addr_t phys, unsigned long size)
{
	phys_addr_t base = phys & PAGE_MASK;
	unsigned long off = phys - base, span;
	struct vm_area *a;

	if (!size || size > VMALLOC_END - vmalloc_start || (phys_addr_t)(phys + size - 1) < phys)
		return NULL;
	span = ALIGN(off + size, PAGE_SIZE);
	/* RAM is mapped cacheable already: a Device alias of it is unpredictable (ARM ARM A3.5.7). */
	if (overlaps_ram(base, span)) {
		pr_err("ioremap: [mem 0x%08llx-0x%08llx] is system RAM; refused\n", (unsigned long long)phys,
		       (unsigned long long)phys + size - 1);
		return NULL;
	}
	a = alloc_area(span + PAGE_SIZE, VM_IOREMAP, __builtin_return_address(0));
	if (!a)
		return NULL;
	if (arch_map_range(a->addr, base, span, ARCH_MAP_DEVICE | ARCH_MAP_NX)) {
		free_area(a);
		return NULL;
	}
	a->phys_addr = base;
	a->has_phys = true;
	return (void *)(a->addr + off);
}

void iounmap(const void *addr)
{
	struct vm_area *a;

	if (!addr)
		return;
	a = find_own((unsigned long)addr & PAGE_MASK, VM_IOREMAP, "iounmap");
	if (a)
		unmap_area(a);
}

/* ---- queries and reports ---- */

bool is_vmalloc_addr(const void *addr)
{
	unsigned long va = (unsigned long)addr;

	return va >= vmalloc_start && va < VMALLOC_END;
}

struct page *vmalloc_to_page(const void *addr)
{
	unsigned int flags;
	phys_addr_t pa;

	if (!is_vmalloc_addr(addr) || !arch_query((unsigned long)addr, &pa, &flags) || !pfn_valid(PFN_DOWN(pa)))
		return NULL;
	return pfn_to_page(PFN_DOWN(pa));
}

bool vmalloc_describe_fault(unsigned long va)
{
	struct vm_area *a;

	if (!root || va < vmalloc_start || va >= VMALLOC_END)
		return false;
	a = find_floor(va);
	if (!a || va >= area_end(a))
		return false;
	if (a->flags & VM_EARLY) {
		pr_emerg("vmalloc: fault inside the static mapping %s [0x%08lx-0x%08lx]\n",
			 a->name, a->addr, area_end(a));
		return true;
	}
	if (va >= area_end(a) - PAGE_SIZE)
		pr_emerg("vmalloc: fault in the guard page after [0x%08lx-0x%08lx] (%lu bytes, caller 0x%08lx)\n",
			 a->addr, area_end(a) - PAGE_SIZE, a->size - PAGE_SIZE, (unsigned long)a->caller);
	else
		pr_emerg("vmalloc: fault inside the %s area [0x%08lx-0x%08lx] (%lu bytes, caller 0x%08lx)\n",
			 kind_name(a->flags & (VM_ALLOC | VM_MAP | VM_IOREMAP)), a->addr, area_end(a) - PAGE_SIZE,
			 a->size - PAGE_SIZE, (unsigned long)a->caller);
	return true;
}

/*
 * One line per area, as Linux 6.1 prints them: start-end (the guard page
 * included), size, caller, then pages=, phys= and the kind.  The caller is
 * function+0xoffset/0xsize when the symbol table knows it (as Linux's %pS),
 * else its address; a static mapping shows its name.
 */
static void show_area(struct seq *s, const struct vm_area *a)
{
	char sym[KSYM_SYMBOL_LEN];

	seq_printf(s, "0x%08lx-0x%08lx %7lu", a->addr, area_end(a), a->size);
	if (a->flags & VM_EARLY)
		seq_printf(s, " %s", a->name);
	else
		seq_printf(s, " %s", sprint_symbol(sym, (unsigned long)a->caller));
	if (a->nr_pages)
		seq_printf(s, " pages=%lu", a->nr_pages);
	if (a->has_phys)
		seq_printf(s, " phys=0x%08lx", (unsigned long)a->phys_addr);
	if (a->flags & VM_IOREMAP)
		seq_puts(s, " ioremap");
	if (a->flags & VM_ALLOC)
		seq_puts(s, " vmalloc");
	if (a->flags & VM_MAP)
		seq_puts(s, " vmap");
	seq_puts(s, "\n");
}

static void show_subtree(struct seq *s, const struct vm_area *t)
{
	if (!t)
		return;
	show_subtree(s, t->left);
	if (t != &tail)
		show_area(s, t);
	show_subtree(s, t->right);
}

void vmallocinfo_show(struct seq *s)
{
	unsigned long irqflags;

	spin_lock_irqsave(&vmap_area_lock, irqflags);
	show_subtree(s, root);
	spin_unlock_irqrestore(&vmap_area_lock, irqflags);
}

unsigned long vmalloc_nr_pages(void)
{
	return pages_used;
}

unsigned long vmalloc_nr_areas(void)
{
	return areas_used;
}

unsigned long vmalloc_nr_node_pages(void)
{
	return node_pages;
}

/* ---- the debug check ---- */

#define CHECK_REPORTS	5

struct check_state {
	unsigned long prev_end;
	unsigned long count;
	int problems;
};

static void check_problem(struct check_state *cs, const struct vm_area *a, const char *what)
{
	if (cs->problems++ < CHECK_REPORTS)
		pr_err("vmalloc_check: area at 0x%08lx size 0x%lx: %s\n", a->addr, a->size, what);
}

static void check_area(struct check_state *cs, const struct vm_area *a)
{
	unsigned int flags;
	phys_addr_t pa;

	if (a->addr < cs->prev_end)
		check_problem(cs, a, "overlaps the area before it");
	else if (a->gap != a->addr - cs->prev_end)
		check_problem(cs, a, "cached gap is wrong");
	if ((a->addr | a->size) & ~PAGE_MASK)
		check_problem(cs, a, "not page aligned");
	if (a != &tail && (a->addr < vmalloc_start || area_end(a) > VMALLOC_END || !a->size))
		check_problem(cs, a, "outside the window or empty");
	if (a != &tail && !(a->flags & VM_EARLY) && arch_query(area_end(a) - PAGE_SIZE, &pa, &flags))
		check_problem(cs, a, "guard page is mapped");
	cs->prev_end = area_end(a);
	cs->count++;
}

/* In-order walk; returns the subtree height. */
static int check_subtree(struct check_state *cs, const struct vm_area *t)
{
	int hl, hr;

	if (!t)
		return 0;
	hl = check_subtree(cs, t->left);
	check_area(cs, t);
	hr = check_subtree(cs, t->right);
	if (hl - hr > 1 || hr - hl > 1)
		check_problem(cs, t, "tree out of balance");
	if (t->height != 1 + max(hl, hr))
		check_problem(cs, t, "cached height is wrong");
	if (t->max_gap != max(t->gap, max(max_gap(t->left), max_gap(t->right))))
		check_problem(cs, t, "cached largest gap is wrong");
	return 1 + max(hl, hr);
}

int vmalloc_check(void)
{
	struct check_state cs = { .prev_end = vmalloc_start };
	unsigned long irqflags;

	if (!root)
		return 0;
	spin_lock_irqsave(&vmap_area_lock, irqflags);
	check_subtree(&cs, root);
	if (cs.prev_end != VMALLOC_END)
		check_problem(&cs, &tail, "the sentinel is not the last area");
	if (cs.count != areas_used + 1)
		check_problem(&cs, &tail, "area count is wrong");
	spin_unlock_irqrestore(&vmap_area_lock, irqflags);
	return cs.problems;
}
