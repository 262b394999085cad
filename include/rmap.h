/*
 * Reverse mapping of anonymous user pages (mm/rmap.c): from a struct page
 * to every (mm, virtual address) whose PTE maps it, as Linux's anon_vma,
 * in a simpler shape.
 *
 * One anon_vma per VMA family: the VMA that first faults an anonymous page
 * gets a fresh one, and every VMA made from it later (split_vma, fork's
 * copy, mremap's move: vm_area_dup) joins the same one, so every VMA that
 * can map one of the family's pages is on its list.  A page records its
 * family (page->mapping, with PAGE_MAPPING_ANON) and its linear index
 * (page->index = vm_pgoff + (address - vm_start) / PAGE_SIZE, which a
 * split, a move and a fork all preserve: include/mm_types.h).  rmap_walk
 * visits each VMA of the family, computes where the page would be in it,
 * and calls back only where that PTE really maps the page (after a
 * copy-on-write a child's PTE at the same address maps another page).
 *
 *   page --mapping--> anon_vma --vmas--> vma (parent) --vm_mm--> mm
 *                                   \--> vma (child)  --vm_mm--> mm
 *
 * Linux gives each process its own anon_vma chained to its parent's
 * (anon_vma_chain), so that a walk visits only the processes that can
 * still share the page; the family design visits every VMA forked from the
 * same ancestor, more than needed after many forks, never fewer.  Pages of
 * file mappings (private copies of ramfs bytes, mm/memory.c) get no
 * anon_vma: migration skips them.
 *
 * Locking: the anon_vma lists change only with the address spaces (mmap,
 * munmap, fork, exit), which the rules of kernel/sched.c serialise (one
 * process runs at a time, on CPU 0); rmap_walk runs under the same rules.
 */
#ifndef RMAP_H
#define RMAP_H

#include <mm_types.h>

#define PAGE_MAPPING_ANON	0x1UL

struct anon_vma {
	struct list_head vmas;		/* every VMA of the family, through vma->anon_vma_node */
};

/* Whether page is a mapped anonymous user page with a reverse map. */
static inline bool PageAnon(const struct page *page)
{
	return page->mapping & PAGE_MAPPING_ANON;
}

static inline struct anon_vma *page_anon_vma(const struct page *page)
{
	return PageAnon(page) ? (struct anon_vma *)(page->mapping & ~PAGE_MAPPING_ANON) : NULL;
}

/* The index a page at va of vma has (Linux's linear_page_index). */
static inline unsigned long linear_page_index(const struct vm_area_struct *vma, unsigned long va)
{
	return vma->vm_pgoff + ((va - vma->vm_start) >> PAGE_SHIFT);
}

/* Give vma an anon_vma of its own if it has none yet.  0 or -ENOMEM.  Inline: the fault path's test. */
int __anon_vma_prepare(struct vm_area_struct *vma);
static inline int anon_vma_prepare(struct vm_area_struct *vma)
{
	return likely(vma->anon_vma) ? 0 : __anon_vma_prepare(vma);
}
/* dst (a copy of src) joins src's family; dst's own list node is reset first. */
void anon_vma_clone(struct vm_area_struct *dst, const struct vm_area_struct *src);
/* vma leaves its family; the anon_vma is freed with its last VMA. */
void unlink_anon_vma(struct vm_area_struct *vma);
/* a takes b's range over (b goes next): a joins b's family if it had none (can_merge allows no other case). */
void anon_vma_merge(struct vm_area_struct *a, const struct vm_area_struct *b);
/* Whether a and b may become one VMA: at most one family between them (Linux's is_mergeable_anon_vma). */
static inline bool anon_vma_compatible(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	return !a->anon_vma || !b->anon_vma || a->anon_vma == b->anon_vma;
}

/*
 * The first mapping of page at va of vma (its _mapcount was 0): record
 * the family and index for an anonymous VMA, nothing (mapping 0) for a
 * file one.  vma must have its anon_vma (anon_vma_prepare) if anonymous.
 */
static inline void page_add_new_rmap(struct page *page, const struct vm_area_struct *vma, unsigned long va)
{
	if (vma->vm_file || !vma->anon_vma) {
		page->mapping = 0;
		return;
	}
	page->mapping = (unsigned long)vma->anon_vma | PAGE_MAPPING_ANON;
	page->index = linear_page_index(vma, va);
}
/* The last mapping of page went: forget the family. */
static inline void page_remove_rmap(struct page *page)
{
	page->mapping = 0;
}

/*
 * Call fn for every PTE that maps page (anonymous, mapped): with the VMA
 * and the user address.  fn returns false to stop the walk.  Returns the
 * number of PTEs visited.
 */
unsigned int rmap_walk(struct page *page,
		       bool (*fn)(struct page *page, struct vm_area_struct *vma, unsigned long va, void *arg),
		       void *arg);

/* The anon_vma cache made and its first slab taken (vma_cache_init calls it); reset forgets it (host tests). */
void anon_vma_init(void);
void anon_vma_cache_reset(void);
struct kmem_cache *anon_vma_cache(void);

#endif
