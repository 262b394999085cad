/*
 * The reverse map of anonymous user pages: the anon_vma of each VMA
 * family, the page's record of it, and rmap_walk (include/rmap.h says
 * the design and why it differs from Linux's anon_vma_chain).  Page
 * migration (mm/migrate.c) is its user; mm/memory.c and mm/mmap.c keep
 * it up to date.
 */
#include <mm.h>
#include <mmu_context.h>
#include <printk.h>
#include <rmap.h>
#include <slab.h>
#include "vma.h"

static struct kmem_cache *anon_vma_cachep;

struct kmem_cache *anon_vma_cache(void)
{
	return anon_vma_cachep;
}

static struct anon_vma *anon_vma_alloc(void)
{
	if (!anon_vma_cachep)
		anon_vma_init();
	return anon_vma_cachep ? kmem_cache_alloc(anon_vma_cachep, GFP_KERNEL) : NULL;
}

void anon_vma_init(void)
{
	if (anon_vma_cachep)
		return;
	anon_vma_cachep = kmem_cache_create("anon_vma", sizeof(struct anon_vma), 0, 0, NULL);
	/* Its first slab before any process, as vma_cache_init does, for the same reason. */
	if (anon_vma_cachep)
		kmem_cache_free(anon_vma_cachep, kmem_cache_alloc(anon_vma_cachep, GFP_KERNEL));
}

void anon_vma_cache_reset(void)
{
	anon_vma_cachep = NULL;
}

static void anon_vma_link(struct vm_area_struct *vma, struct anon_vma *av)
{
	vma->anon_vma = av;
	list_add_tail(&vma->anon_vma_node, &av->vmas);
}

int __anon_vma_prepare(struct vm_area_struct *vma)
{
	struct anon_vma *av = anon_vma_alloc();

	if (!av)
		return -ENOMEM;
	INIT_LIST_HEAD(&av->vmas);
	anon_vma_link(vma, av);
	return 0;
}

void anon_vma_clone(struct vm_area_struct *dst, const struct vm_area_struct *src)
{
	INIT_LIST_HEAD(&dst->anon_vma_node);
	dst->anon_vma = NULL;
	if (src->anon_vma)
		anon_vma_link(dst, src->anon_vma);
}

void unlink_anon_vma(struct vm_area_struct *vma)
{
	struct anon_vma *av = vma->anon_vma;

	if (!av)
		return;
	list_del(&vma->anon_vma_node);
	vma->anon_vma = NULL;
	if (list_empty(&av->vmas))
		kmem_cache_free(anon_vma_cachep, av);
}

void anon_vma_merge(struct vm_area_struct *a, const struct vm_area_struct *b)
{
	if (!a->anon_vma && b->anon_vma)
		anon_vma_link(a, b->anon_vma);
}

/* Where page would be mapped in vma by its index, or 0 if outside (user address 0 is never mapped: MMAP_MIN_ADDR). */
static unsigned long vma_address(const struct page *page, const struct vm_area_struct *vma)
{
	unsigned long pgoff = page->index;

	if (pgoff < vma->vm_pgoff || pgoff - vma->vm_pgoff >= vma_pages(vma))
		return 0;
	return vma->vm_start + ((pgoff - vma->vm_pgoff) << PAGE_SHIFT);
}

unsigned int rmap_walk(struct page *page,
		       bool (*fn)(struct page *page, struct vm_area_struct *vma, unsigned long va, void *arg),
		       void *arg)
{
	struct anon_vma *av = page_anon_vma(page);
	unsigned int visited = 0;

	if (!av)
		return 0;
	/* fn may rewrite the PTE (migration), never the list: a plain walk. */
	for (struct list_head *l = av->vmas.next; l != &av->vmas; l = l->next) {
		struct vm_area_struct *vma = list_entry(l, struct vm_area_struct, anon_vma_node);
		unsigned long va = vma_address(page, vma);
		unsigned int flags;

		if (!va || user_page_at(vma->vm_mm, va, &flags) != page)
			continue;
		visited++;
		if (!fn(page, vma, va, arg))
			break;
	}
	return visited;
}
