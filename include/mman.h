/*
 * A process's user mappings (mm/mmap.c): anonymous, eagerly populated
 * ranges recorded as VMAs, the heap that brk moves, and the teardown at
 * exit.  Every function works on the given mm, which need not be the
 * current one (exec builds a new image before it runs).
 */
#ifndef MMAN_H
#define MMAN_H

#include <sched.h>

/*
 * Record [start, end) (page aligned, inside user space, overlapping no
 * other VMA nor the heap) with VM_* flags and map a fresh zeroed page at
 * each of its pages.  Returns 0; -EINVAL for a bad range, -ENOMEM when
 * the VMA table is full or pages run out (nothing is left mapped then).
 */
int mmap_anon(struct mm_struct *mm, unsigned long start, unsigned long end, unsigned int vm_flags);

/* The page mapped at va in mm (for exec, which fills pages before the process runs); NULL if none. */
struct page *mm_page_at(const struct mm_struct *mm, unsigned long va);

/* Unmap and free every user page (VMAs and heap) and the page tables: the end of a process's memory. */
void exit_mmap(struct mm_struct *mm);

#endif
