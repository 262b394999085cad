/*
 * Demand paging and copy-on-write (Linux's mm/memory.c: handle_mm_fault
 * with its do_anonymous_page, do_read_fault and do_wp_page), and the
 * page-level helpers every address-space call goes through, so that the
 * counts stay in one place: a user PTE holds one reference to its page
 * (_refcount) and one map count (_mapcount); the zero page is never
 * counted.
 *
 *   fault, nothing mapped, anonymous private  read: the zero page, read-only
 *                                             write: a fresh zeroed page
 *   fault, nothing mapped, shared anonymous   a fresh zeroed page (the zero
 *                                             page would not be shared)
 *   fault, nothing mapped, file private       a page with the file's bytes, the
 *                                             rest of the last page zeroed;
 *                                             past that page: SIGBUS
 *   write on a read-only PTE, VMA writable    zero page: a fresh page; one
 *                                             reference: make it writable again;
 *                                             more (fork shared it): copy
 *   anything the VMA does not allow           SIGSEGV
 *
 * User pages are GFP_HIGHUSER_MOVABLE, zeroed and copied through
 * kmap_local: a highmem page has no lowmem alias to use.
 */
#include <gfp.h>
#include <highmem.h>
#include <initramfs.h>
#include <mm.h>
#include <mmu_context.h>
#include <rmap.h>
#include <sched.h>
#include <string.h>
#include "vma.h"

static struct page *zero_page;

void zero_page_init(void)
{
	if (!zero_page)
		zero_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	vma_cache_init();
}

void zero_page_reset(void)
{
	zero_page = NULL;
}

bool is_zero_page(const struct page *page)
{
	return page && page == zero_page;
}

unsigned long user_pages_in_use(void)
{
	return nr_anon_pages + user_page_table_pages() + (zero_page ? 1 : 0);
}

void put_page(struct page *page)
{
	__free_pages(page, 0);	/* drops one reference; the last one frees */
}

static struct page *alloc_user_page(void)
{
	return alloc_page(GFP_HIGHUSER_MOVABLE);
}

static struct page *alloc_zeroed_user_page(void)
{
	struct page *page = alloc_user_page();
	void *p;

	if (!page)
		return NULL;
	p = kmap_local_page(page);
	memset(p, 0, PAGE_SIZE);
	kunmap_local(p);
	return page;
}

/* ---- the counted map and unmap ---- */

static void count_map(struct vm_area_struct *vma, unsigned long va, struct page *page)
{
	struct mm_struct *mm = vma->vm_mm;

	if (is_zero_page(page)) {
		vm_events[PGZERO_MAPPED]++;
		return;
	}
	if (page->_mapcount++ == 0) {
		nr_anon_pages++;
		page_add_new_rmap(page, vma, va);
	}
	if (vma->vm_flags & VM_LOCKED)
		nr_mlock++;
	if (++mm->rss > mm->hiwater_rss)
		mm->hiwater_rss = mm->rss;
}

int install_page(struct vm_area_struct *vma, unsigned long va, struct page *page, bool write)
{
	unsigned int prot = (unsigned int)(vma->vm_flags & VM_ACCESS_FLAGS);

	if (!write)
		prot &= ~(unsigned int)VM_WRITE;
	if (user_map_page(vma->vm_mm, va, page, prot))
		return -ENOMEM;
	count_map(vma, va, page);
	return 0;
}

/* Undo what count_map counted and drop the PTE's reference. */
static void release_page(struct vm_area_struct *vma, struct page *page)
{
	if (is_zero_page(page))
		return;
	if (--page->_mapcount == 0) {
		nr_anon_pages--;
		page_remove_rmap(page);
	}
	if (vma->vm_flags & VM_LOCKED)
		nr_mlock--;
	vma->vm_mm->rss--;
	put_page(page);
}

static void zap_one(struct mm_struct *mm, unsigned long va, struct page *page, unsigned int pte_flags, void *vma)
{
	(void)pte_flags;
	user_unmap_page(mm, va);
	release_page(vma, page);
}

void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	walk_present(vma->vm_mm, start, end, zap_one, vma);
}

void walk_present(struct mm_struct *mm, unsigned long start, unsigned long end,
		  void (*fn)(struct mm_struct *mm, unsigned long va, struct page *page, unsigned int pte_flags, void *arg),
		  void *arg)
{
	user_walk_present(mm, start, end, fn, arg);	/* the arch layer reads its tables in place */
}

/* ---- faults ---- */

/* ARM Linux's rule (arch/arm/mm/fault.c): a read is allowed by any access bit, since ARM pages are always readable. */
static bool access_permitted(const struct vm_area_struct *vma, unsigned int access)
{
	if (access & (VM_WRITE | VM_EXEC))
		return vma->vm_flags & access;
	return vma->vm_flags & VM_ACCESS_FLAGS;
}

/*
 * Before a fresh page goes into an anonymous VMA: its reverse-map family
 * (mm/rmap.c), made with the VMA's first page.  File VMAs have none.
 */
static int prepare_anon(struct vm_area_struct *vma)
{
	return vma->vm_file ? 0 : anon_vma_prepare(vma);
}

/* A fresh page in place of what is at va (the zero page, or a page to copy from: copy set). */
static int replace_page(struct vm_area_struct *vma, unsigned long va, struct page *old, bool copy)
{
	struct page *new;

	if (prepare_anon(vma))
		return -ENOMEM;
	new = copy ? alloc_user_page() : alloc_zeroed_user_page();
	if (!new)
		return -ENOMEM;
	if (copy) {
		void *dst = kmap_local_page(new);
		void *src = kmap_local_page(old);

		memcpy(dst, src, PAGE_SIZE);
		kunmap_local(src);
		kunmap_local(dst);
		vm_events[PGCOW]++;
	}
	user_unmap_page(vma->vm_mm, va);
	release_page(vma, old);
	if (install_page(vma, va, new, true)) {
		put_page(new);
		return -ENOMEM;
	}
	return 0;
}

/* A write on a present read-only PTE of a writable VMA. */
static int do_wp_page(struct vm_area_struct *vma, unsigned long va, struct page *page)
{
	if (is_zero_page(page))
		return replace_page(vma, va, page, false);
	/* Shared memory is written in place; a private page only this PTE holds needs no copy. */
	if ((vma->vm_flags & VM_SHARED) || page_ref_count(page) == 1)
		return user_protect_page(vma->vm_mm, va, (unsigned int)(vma->vm_flags & VM_ACCESS_FLAGS));
	return replace_page(vma, va, page, true);
}

/* The file's bytes for the page at va (the tail past EOF zeroed); -ENXIO past EOF's page: SIGBUS. */
static int do_file_page(struct vm_area_struct *vma, unsigned long va)
{
	unsigned long index = vma->vm_pgoff + ((va - vma->vm_start) >> PAGE_SHIFT);
	const struct ramfs_file *f = vma->vm_file;
	unsigned long off = index << PAGE_SHIFT, n;
	struct page *page;
	u8 *p;

	if (index >= PFN_UP(f->size))
		return -ENXIO;
	page = alloc_user_page();
	if (!page)
		return -ENOMEM;
	n = min((unsigned long)f->size - off, PAGE_SIZE);
	p = kmap_local_page(page);
	memcpy(p, (const u8 *)f->data + off, n);
	memset(p + n, 0, PAGE_SIZE - n);
	kunmap_local(p);
	if (install_page(vma, va, page, vma->vm_flags & VM_WRITE)) {
		put_page(page);
		return -ENOMEM;
	}
	return 0;
}

static int do_missing_page(struct vm_area_struct *vma, unsigned long va, unsigned int access)
{
	struct page *page;

	if (vma->vm_file)
		return do_file_page(vma, va);
	if (!(access & VM_WRITE) && !(vma->vm_flags & VM_SHARED) && zero_page)
		return install_page(vma, va, zero_page, false);
	if (anon_vma_prepare(vma))
		return -ENOMEM;
	page = alloc_zeroed_user_page();
	if (!page)
		return -ENOMEM;
	if (install_page(vma, va, page, vma->vm_flags & VM_WRITE)) {
		put_page(page);
		return -ENOMEM;
	}
	return 0;
}

int handle_mm_fault(struct mm_struct *mm, unsigned long addr, unsigned int access)
{
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	unsigned long va = addr & PAGE_MASK;
	unsigned int pte_flags;
	struct page *page;

	vm_events[PGFAULT]++;
	if (!vma || !access_permitted(vma, access))
		return -EFAULT;
	page = user_page_at(mm, va, &pte_flags);
	if (!page)
		return do_missing_page(vma, va, access);
	if ((access & VM_WRITE) && !(pte_flags & VM_WRITE))
		return do_wp_page(vma, va, page);
	return 0;	/* already there with the access asked for */
}

struct page *get_user_page(struct mm_struct *mm, unsigned long va)
{
	struct vm_area_struct *vma = vma_lookup(mm, va);
	unsigned int pte_flags;
	struct page *page;

	va &= PAGE_MASK;
	if (!vma)
		return NULL;
	page = user_page_at(mm, va, &pte_flags);
	if (page && !is_zero_page(page))
		return page;
	if (page) {
		user_unmap_page(mm, va);
		release_page(vma, page);
	}
	if (prepare_anon(vma))
		return NULL;
	page = alloc_zeroed_user_page();
	if (!page)
		return NULL;
	if (install_page(vma, va, page, vma->vm_flags & VM_WRITE)) {
		put_page(page);
		return NULL;
	}
	return page;
}

int populate_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	for (struct vm_area_struct *v = find_vma(mm, start); v && v->vm_start < end; v = v->vm_next) {
		bool write = (v->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE;

		if (!(v->vm_flags & VM_ACCESS_FLAGS))
			continue;	/* PROT_NONE: nothing to fault in, as Linux's populate skips it */
		for (unsigned long va = max(start, v->vm_start); va < min(end, v->vm_end); va += PAGE_SIZE)
			if (handle_mm_fault(mm, va, write ? VM_WRITE : VM_READ) == -ENOMEM)
				return -ENOMEM;
	}
	return 0;
}

/* ---- fork ---- */

struct copy_ctx {
	struct vm_area_struct *dst, *src;
	int err;
};

static void copy_one(struct mm_struct *src_mm, unsigned long va, struct page *page, unsigned int pte_flags,
		     void *arg)
{
	struct copy_ctx *c = arg;

	if (c->err)
		return;
	if (is_cow_mapping(c->src->vm_flags) && (pte_flags & VM_WRITE)) {
		pte_flags &= ~(unsigned int)VM_WRITE;
		user_protect_page(src_mm, va, pte_flags);
	}
	if (user_map_page(c->dst->vm_mm, va, page, pte_flags)) {
		c->err = -ENOMEM;
		return;
	}
	if (!is_zero_page(page))
		get_page(page);
	count_map(c->dst, va, page);
}

int copy_page_range(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	struct copy_ctx c = { dst, src, 0 };

	walk_present(src->vm_mm, src->vm_start, src->vm_end, copy_one, &c);
	return c.err;
}

/* ---- protection changes and mlock counts ---- */

static void protect_one(struct mm_struct *mm, unsigned long va, struct page *page, unsigned int pte_flags,
			void *arg)
{
	const struct vm_area_struct *vma = arg;
	unsigned int prot = (unsigned int)(vma->vm_flags & VM_ACCESS_FLAGS);

	/*
	 * Write access stays off where a write must still fault: the zero
	 * page, and a private page that was read-only (it may be shared
	 * copy-on-write; the fault reuses it if not).
	 */
	if (is_zero_page(page) || (!(vma->vm_flags & VM_SHARED) && !(pte_flags & VM_WRITE)))
		prot &= ~(unsigned int)VM_WRITE;
	if (prot != pte_flags)
		user_protect_page(mm, va, prot);
}

void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	walk_present(vma->vm_mm, start, end, protect_one, vma);
}

static void mlock_one(struct mm_struct *mm, unsigned long va, struct page *page, unsigned int pte_flags, void *arg)
{
	(void)mm;
	(void)va;
	(void)pte_flags;
	if (!is_zero_page(page))
		nr_mlock += (unsigned long)(long)*(int *)arg;
}

void account_mlock(struct vm_area_struct *vma, int delta)
{
	walk_present(vma->vm_mm, vma->vm_start, vma->vm_end, mlock_one, &delta);
}
