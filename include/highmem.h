/*
 * Kernel mappings of highmem pages (highmem/): the permanent pkmap window
 * below PAGE_OFFSET (kmap, kunmap; pkmap.c) and the short-lived, strictly
 * nested fixmap slots (kmap_local_page, kunmap_local, and the older names
 * kmap_atomic, kunmap_atomic; kmap_local.c).  A lowmem page needs neither:
 * every call hands back its linear address and uses no slot.
 *
 *   PKMAP_BASE                                   PAGE_OFFSET
 *   | slot 0 | slot 1 | ...              | slot 511 |  lowmem ...
 *   +--------+--------+------------------+----------+
 *   FIXADDR_START
 *   | scratch (page_alloc.c) .. +15 | local 0 .. local 15 | (unused) ...
 *   +-------------------------------+---------------------+
 */
#ifndef HIGHMEM_H
#define HIGHMEM_H

#include <mm.h>
#include <seq.h>

/* ---- permanent mappings (pkmap.c) ---- */

#define PKMAP_ADDR(nr)	(PKMAP_BASE + ((unsigned long)(nr) << PAGE_SHIFT))
#define PKMAP_NR(va)	(((unsigned long)(va) - PKMAP_BASE) >> PAGE_SHIFT)

_Static_assert(PKMAP_BASE + LAST_PKMAP * PAGE_SIZE == PAGE_OFFSET, "the pkmap window must end at PAGE_OFFSET");
_Static_assert((LAST_PKMAP & (LAST_PKMAP - 1)) == 0, "LAST_PKMAP must be a power of two");

/*
 * Forget every pkmap slot (nothing mapped, search cursor at slot 0, flush
 * counter 0).  Call once after the buddy allocator is up, before the first
 * kmap; the host tests call it after each boot.  Assumes the window holds
 * no mapping.
 */
void pkmap_init(void);

/*
 * A kernel address for page that stays valid until the matching kunmap.
 * Lowmem: its linear address, nothing is counted.  Highmem: the page's
 * pkmap slot, taking a new one if it has none (which may unmap every
 * unused slot and flush the window's TLB entries once).  When all
 * LAST_PKMAP slots have users, a task sleeps until a kunmap frees one, as
 * Linux's kmap does (so kmap may sleep: not with a spinlock held); any
 * other context (the idle context that runs the shell, a secondary CPU, a
 * task holding a spinlock) says so with one line and polls for up to a
 * second for a kunmap elsewhere, then returns NULL with a second line.
 * NULL also when no page table can be had for the slot.
 */
void *kmap(struct page *page);

/*
 * Drop one kmap reference.  Lowmem: nothing to do.  A highmem page with no
 * kmap reference is a bug: reported with its pfn, and nothing changes.
 * The slot stays mapped (count 1) until the next wrap of the search.
 */
void kunmap(struct page *page);

/*
 * The pkmap address of page while it holds a slot (in use or waiting for
 * the next flush), else NULL.  page_address() uses it for highmem pages.
 */
void *pkmap_page_address(const struct page *page);

/* Users of slot nr: -1 if the slot is free, 0 if mapped but unused, n > 0. */
int pkmap_slot_users(unsigned int nr);

/* The page in slot nr, or NULL if the slot is free. */
struct page *pkmap_slot_page(unsigned int nr);

/* TLB flushes of the whole window since pkmap_init (one per useful wrap). */
extern unsigned long pkmap_flushes;

/* /proc/pkmap: a header, then "slot vaddr pfn count" for each used slot. */
void pkmap_show(struct seq *s);

/* ---- temporary, nested mappings (kmap_local.c) ---- */

/* Sixteen slots after the 16 pages page_alloc.c's scratch mapping owns. */
#define KMAP_LOCAL_SLOTS	16
#define KMAP_LOCAL_BASE		(FIXADDR_START + 16 * PAGE_SIZE)
#define KMAP_LOCAL_END		(KMAP_LOCAL_BASE + KMAP_LOCAL_SLOTS * PAGE_SIZE)

_Static_assert(KMAP_LOCAL_END <= FIXADDR_END, "kmap_local slots must fit in the fixmap");

/*
 * Map page for a short use on this CPU.  Lowmem: its linear address, no
 * slot.  Highmem: the next fixmap slot (only this page's TLB entry is
 * flushed).  Mappings nest and must be undone newest first.  Returns NULL,
 * after a report, when 16 highmem mappings are already held, or when no
 * page table can be had.
 */
void *kmap_local_page(struct page *page);

/*
 * Undo the newest kmap_local_page.  An address outside the slots (a lowmem
 * page's) is a no-op.  Unmapping any slot but the newest, or one not
 * mapped, is a bug: reported with both addresses, and nothing changes.
 */
void kunmap_local(const void *addr);

/* Forget all local mappings, each CPU at its own first slot (pkmap_init at boot, host tests; assumes none are held). */
void kmap_local_reset(void);

/* Highmem local mappings now held (0 .. KMAP_LOCAL_SLOTS). */
unsigned int kmap_local_depth(void);

/*
 * The older names: with no scheduler and no preemption here, an atomic
 * mapping is exactly a local one.
 */
static inline void *kmap_atomic(struct page *page) { return kmap_local_page(page); }
static inline void kunmap_atomic(const void *addr) { kunmap_local(addr); }

#endif
