/*
 * A process's user mappings (mm/mmap.c): anonymous, eagerly populated
 * ranges recorded as VMAs, the heap that brk moves, and the teardown at
 * exit.  Every function works on the given mm, which need not be the
 * current one (exec builds a new image before it runs).
 */
#ifndef MMAN_H
#define MMAN_H

#include <sched.h>

struct page;

/*
 * Record [start, end) (page aligned, inside user space, overlapping no
 * other VMA nor the heap) as anonymous memory with VM_* flags; its pages
 * come on first touch (handle_mm_fault).  Returns 0; -EINVAL for a bad
 * range, -ENOMEM when the VMA table is full.
 */
int mmap_anon(struct mm_struct *mm, unsigned long start, unsigned long end, unsigned int vm_flags);

/* The VM_* flags of the VMA (or the heap, read/write) holding addr; 0 if none does. */
unsigned int vma_flags_at(const struct mm_struct *mm, unsigned long addr);

/* ---- demand paging (mm/memory.c) ---- */

/* The shared zero page, taken once before the first process runs (without it, reads get fresh pages). */
void zero_page_init(void);
bool is_zero_page(const struct page *page);

/*
 * A fault at addr in mm wanting access (one VM_* flag): map what belongs
 * there (see mm/memory.c).  Returns 0 when the access can be retried,
 * -EFAULT when addr is in no VMA or the VMA forbids the access, -ENOMEM
 * when no page can be had.
 */
int handle_mm_fault(struct mm_struct *mm, unsigned long addr, unsigned int access);

/*
 * The page of its own at va in mm, made (zeroed, with the VMA's access)
 * if absent or the zero page: exec writes file bytes into it.  NULL if va
 * is in no VMA or no page can be had.
 */
struct page *get_user_page(struct mm_struct *mm, unsigned long va);

/* Unmap and free every user page (VMAs and heap) and the page tables: the end of a process's memory. */
void exit_mmap(struct mm_struct *mm);

#endif
