/*
 * Page migration (Linux's mm/migrate.c for anonymous pages): a movable
 * page's mappings are taken down (each PTE cleared, its TLB entry flushed
 * on every CPU), its contents copied, and the same PTEs set again to the
 * new page with the permissions they had.  Taking the PTEs down first, as
 * Linux's migration entries do, means nothing can write the old page
 * while it is copied.  Who may call this is include/compaction.h's rule.
 */
#include <compaction.h>
#include <gfp.h>
#include <highmem.h>
#include <mm.h>
#include <mmu_context.h>
#include <printk.h>
#include <rmap.h>
#include <string.h>

unsigned long compact_events[NR_COMPACT_EVENTS];

/* One PTE taken down: where it was and what it allowed. */
struct migration_site {
	struct mm_struct *mm;
	unsigned long va;
	unsigned int vm_flags;
};

struct unmap_ctx {
	struct migration_site site[MIGRATE_MAX_MAPPINGS];
	unsigned int n;
};

enum migrate_result page_movability(const struct page *page)
{
	if (page->flags != PG_head || page->order || page->_mapcount <= 0)
		return MIGRATE_NOT_USER;
	if (!PageAnon(page))
		return MIGRATE_FILE;
	if (page->_refcount != page->_mapcount)
		return MIGRATE_PINNED;
	if (page->_mapcount > MIGRATE_MAX_MAPPINGS)
		return MIGRATE_BUSY;
	return MIGRATE_DONE;
}

/* rmap_walk's callback: remember the PTE, then clear it (user_unmap_page flushes it from every CPU's TLB). */
static bool unmap_one(struct page *page, struct vm_area_struct *vma, unsigned long va, void *arg)
{
	struct unmap_ctx *c = arg;
	struct migration_site *s;

	(void)page;
	if (c->n == MIGRATE_MAX_MAPPINGS)
		return false;
	s = &c->site[c->n++];
	s->mm = vma->vm_mm;
	s->va = va;
	user_page_at(s->mm, va, &s->vm_flags);
	user_unmap_page(s->mm, va);
	return true;
}

/* Set every PTE in c to page again.  The tables are there (the entries were just cleared), so this cannot fail. */
static void remap_all(const struct unmap_ctx *c, struct page *page)
{
	for (unsigned int i = 0; i < c->n; i++)
		if (user_map_page(c->site[i].mm, c->site[i].va, page, c->site[i].vm_flags))
			pr_err("migrate: cannot map pfn 0x%lx at 0x%lx again\n", page_to_pfn(page), c->site[i].va);
}

static void copy_page_contents(struct page *dst, struct page *src)
{
	void *d = kmap_local_page(dst);
	void *s = kmap_local_page(src);

	memcpy(d, s, PAGE_SIZE);
	kunmap_local(s);
	kunmap_local(d);
}

/* The counts and the reverse map from page to new; page is left with one reference, unmapped. */
static void move_page_state(struct page *new, struct page *page)
{
	new->_mapcount = page->_mapcount;
	new->_refcount = page->_refcount;
	new->mapping = page->mapping;
	new->index = page->index;
	page->_mapcount = 0;
	page_remove_rmap(page);
	page->_refcount = 1;
}

enum migrate_result migrate_page(struct page *new, struct page *page)
{
	enum migrate_result why = page_movability(page);
	struct unmap_ctx c;

	if (why != MIGRATE_DONE)
		return why;
	c.n = 0;
	rmap_walk(page, unmap_one, &c);
	if (c.n != (unsigned int)page->_mapcount) {
		/* A broken reverse map: put back what was taken, leave the page where it is. */
		pr_err("migrate: pfn 0x%lx has _mapcount %d but the reverse map found %u PTEs; not moved\n",
		       page_to_pfn(page), page->_mapcount, c.n);
		remap_all(&c, page);
		return MIGRATE_BUSY;
	}
	copy_page_contents(new, page);
	remap_all(&c, new);
	move_page_state(new, page);
	put_page(page);
	return MIGRATE_DONE;
}

unsigned long migrate_pages(struct page **pages, unsigned long n, struct page *(*get_new)(void *priv),
			    void (*put_new)(struct page *page, void *priv), void *priv, struct migrate_stats *st)
{
	unsigned long moved = 0;

	for (unsigned long i = 0; i < n; i++) {
		enum migrate_result r = page_movability(pages[i]);
		struct page *new = NULL;

		if (r == MIGRATE_DONE) {
			new = get_new(priv);
			r = new ? migrate_page(new, pages[i]) : MIGRATE_NO_TARGET;
		}
		if (new && r != MIGRATE_DONE)
			put_new(new, priv);
		st->count[r]++;
		if (r == MIGRATE_DONE)
			moved++;
		compact_events[r == MIGRATE_DONE ? PGMIGRATE_SUCCESS : PGMIGRATE_FAIL]++;
	}
	return moved;
}
