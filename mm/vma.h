/*
 * Private to the address-space files of mm/ (mmap.c, memory.c,
 * mprotect.c, mremap.c, madvise.c, mlock.c, mincore.c, msync.c, util.c,
 * task_mmu.c) and their host tests: VMA surgery, the page-level helpers
 * that keep the counters, and the counters themselves.
 */
#ifndef MM_VMA_H
#define MM_VMA_H

#include <mman.h>

/* ---- counters (util.c): pages, Linux's vmstat and meminfo meanings ---- */

enum vm_event_item { PGFAULT, PGMAJFAULT, PGCOW, PGZERO_MAPPED, NR_VM_EVENTS };
extern unsigned long vm_events[NR_VM_EVENTS];
extern unsigned long nr_anon_pages;	/* AnonPages: user pages mapped at least once */
extern unsigned long nr_mlock;		/* Mlocked: mappings of pages in VM_LOCKED VMAs */
extern long vm_committed_as;		/* Committed_AS: pages of every VM_ACCOUNT VMA */

/*
 * Linux's heuristic overcommit (vm.overcommit_memory 0) as 6.1's
 * __vm_enough_memory: refuse only a single request of more pages than
 * RAM and swap together (no swap here).  0 or -ENOMEM.
 */
int vm_enough_memory(unsigned long pages);
/* (totalram - hugetlb) * overcommit_ratio 50 / 100 + swap: /proc/meminfo's CommitLimit, in pages. */
unsigned long vm_commit_limit(void);
/* The top of the top-down search: STACK_TOP less Linux's minimum gap of 128 MiB. */
unsigned long mmap_base_default(void);

static inline unsigned long vma_pages(const struct vm_area_struct *v) { return (v->vm_end - v->vm_start) >> PAGE_SHIFT; }

/* A private mapping that may become writable: its pages are shared copy-on-write after fork. */
static inline bool is_cow_mapping(unsigned long flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/* ---- VMA surgery (mmap.c) ---- */

/* Into mm's tree and list, its size into mm's counters and Committed_AS; the range must be free. */
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma);
/* Out of both, its size out of the counters (its pages stay mapped: the caller's business). */
void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma);
/*
 * Cut vma at addr (strictly inside it): vma keeps [vm_start, addr), the
 * returned new VMA gets [addr, vm_end).  NULL (nothing changed) when mm
 * already has max_map_count VMAs or no memory is left.
 */
struct vm_area_struct *split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr);
/*
 * Join vma with its neighbours where they touch it and match it in
 * flags, file and offset (Linux's vma_merge rule for anonymous memory:
 * the same pgoff run); returns the VMA that now covers vma's range.
 */
struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm, struct vm_area_struct *vma);
/* A zeroed VMA from vm_area_cachep (made on first use), or NULL; vma_free(NULL) does nothing. */
struct vm_area_struct *vma_alloc(void);
void vma_free(struct vm_area_struct *vma);
/* A copy of orig (not linked anywhere) in orig's reverse-map family (mm/rmap.c), or NULL. */
struct vm_area_struct *vm_area_dup(const struct vm_area_struct *orig);
/* The cache made and its first slab taken (zero_page_init calls it before the first process). */
void vma_cache_init(void);
struct kmem_cache *vma_cache(void);
/* Forget the cache (the host tests' fresh machine each test). */
void vma_cache_reset(void);

/* ---- page level (memory.c) ---- */

/* Pages processes hold: AnonPages, user page tables, the zero page (meminfo_check's "processes" term). */
unsigned long user_pages_in_use(void);
/* Forget the zero page (the host tests' fresh machine each test; the kernel never calls this). */
void zero_page_reset(void);

/* Map page at va of vma: writable only if write; counts rss, _mapcount, AnonPages, Mlocked.  0 or -ENOMEM. */
int install_page(struct vm_area_struct *vma, unsigned long va, struct page *page, bool write);
/* Unmap every page of [start, end) inside vma, dropping the mapping's reference to each. */
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
/* Fault in every page of [start, end) as get_user_pages would (write for private writable VMAs).  0 or -ENOMEM. */
int populate_range(struct mm_struct *mm, unsigned long start, unsigned long end);
/*
 * Call fn for every present page of [start, end) (page aligned): the
 * arch layer's user_walk_present (include/mmu_context.h), which skips
 * where no second-level table exists.
 */
void walk_present(struct mm_struct *mm, unsigned long start, unsigned long end,
		  void (*fn)(struct mm_struct *mm, unsigned long va, struct page *page, unsigned int pte_flags, void *arg),
		  void *arg);
/*
 * fork: map every present page of src in dst (a copy of src's VMA, already
 * linked in its new mm) at the same address, taking a reference each.  In
 * a copy-on-write mapping both PTEs become read-only, so that the first
 * write on either side copies (do_wp_page); shared mappings keep sharing.
 * 0 or -ENOMEM (a page table could not be had).
 */
int copy_page_range(struct vm_area_struct *dst, struct vm_area_struct *src);
/* Set the PTEs of [start, end) inside vma for its vm_flags, keeping copy-on-write pages read-only. */
void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end);
/* The mlock count of vma's present pages, added (delta 1) or taken away (-1): for (un)locking a VMA. */
void account_mlock(struct vm_area_struct *vma, int delta);

/* ---- the lock calls (mlock.c) ---- */
/* Set or clear VM_LOCKED on [start, end), which must be mapped throughout.  0, -ENOMEM. */
int apply_vma_lock_flags(struct mm_struct *mm, unsigned long start, unsigned long end, bool lock);

#endif
