/*
 * Shared by the mm host tests: bring the physical memory core up the way
 * the kernel's boot sequence does, over the fake RAM of fake_arch.c, and
 * take snapshots of /proc views for comparison.  Header-only so every
 * test binary gets its own copy.
 */
#ifndef MM_BOOT_H
#define MM_BOOT_H

#include <stdio.h>
#include <string.h>
#include <mm.h>
#include <gfp.h>
#include <memblock.h>
#include <seq.h>
#include "host.h"

#define MiB		(1024UL * 1024UL)
#define RAM_BASE	0x60000000UL

/*
 * The small machine most tests use: 64 MiB with vmalloc=976M, the largest
 * reserve 3G/1G allows, so lowmem is the first 32 MiB:
 *   0x60000000 [L][kernel]..free..[mem_map] 0x62000000 ..free.. 0x64000000
 *              Normal (8192 pages)          HighMem (8192 pages)
 */
#define SMALL_RAM	(64 * MiB)
#define SMALL_VMALLOC	(976 * MiB)
#define SMALL_FIRST	0x60000UL
#define SMALL_LOW_END	0x62000UL
#define SMALL_END	0x64000UL

/*
 * Whether the small machine has highmem in this host configuration: lowmem
 * ends at Linux's arm vmalloc_min, VMALLOC_END (0xff800000) less the
 * vmalloc reserve and the 8 MiB VMALLOC_OFFSET, so only 3G/1G puts part of
 * the 64 MiB above it (2G/2G keeps all of it, and the 1 GiB machine too).
 * The pkmap and kmap_local tests build their pages above the limit
 * themselves, so they need only SMALL_ABOVE_LOWMEM.
 */
#define SMALL_LOWMEM_LIMIT_PA	(0xff800000UL - SMALL_VMALLOC - 8 * MiB - PAGE_OFFSET + RAM_BASE)
#define SMALL_ABOVE_LOWMEM	(RAM_BASE + SMALL_RAM > SMALL_LOWMEM_LIMIT_PA)
#define SMALL_HAS_HIGHMEM	(IS_ENABLED(CONFIG_HIGHMEM) && SMALL_ABOVE_LOWMEM)

/*
 * Skip the running test unless cond holds, saying why as a TAP comment:
 * for a test that means nothing in this host configuration (mk/host.mk
 * builds several).  cmocka prints "not ok <n> # SKIP <name>", which
 * make test counts as a skip.
 */
#define host_skip_unless(cond, why)						\
	do {									\
		if (!(cond)) {							\
			print_message("# skipped: %s\n", why);			\
			skip();							\
		}								\
	} while (0)

/* The boot reservations of this kernel: early L1 table plus image. */
#define KERNEL_RESV_BASE	0x60004000UL
#define KERNEL_RESV_END		0x60123000UL

/*
 * The small machine in the configuration being built, by Linux's rule
 * for the lowmem limit: lowmem ends where VMALLOC_END - vmalloc= - 8 MiB
 * falls in physical memory (PAGE_OFFSET is RAM_BASE), or at the end of
 * RAM; without CONFIG_HIGHMEM the RAM above it is dropped.
 *   3G/1G: lowmem ends at 0x62000 (SMALL_LOW_END), HighMem 0x62000-0x64000;
 *   2G/2G: 0xff800000 - 976M - 8M = 0xc2000000 -> phys 0xa2000000, past
 *          the end of RAM: all 64 MiB are lowmem, HighMem is empty.
 * Normal's managed pages: lowmem less the kernel's reservation and
 * mem_map (one struct page per pfn of RAM, from memblock, in lowmem;
 * under SPARSEMEM one per pfn of the one 256 MiB section, 0x60000000-
 * 0x6fffffff, that the small machine's RAM lies in).
 */
static inline unsigned long small_low_end_pfn(void)
{
	unsigned long bound = PFN_DOWN(VMALLOC_END - SMALL_VMALLOC - SZ_8M - PAGE_OFFSET + RAM_BASE);

	return bound < SMALL_END ? bound : SMALL_END;
}

static inline unsigned long small_ram_end_pfn(void)
{
	return IS_ENABLED(CONFIG_HIGHMEM) ? SMALL_END : small_low_end_pfn();
}

static inline unsigned long small_normal_managed(void)
{
	unsigned long pages = IS_ENABLED(CONFIG_SPARSEMEM) ? 0x10000000 / PAGE_SIZE : small_ram_end_pfn() - SMALL_FIRST;
	unsigned long map = PFN_UP(pages * sizeof(struct page));

	return small_low_end_pfn() - SMALL_FIRST - PFN_DOWN(KERNEL_RESV_END - KERNEL_RESV_BASE) - map;
}

static inline unsigned long small_high_managed(void) { return small_ram_end_pfn() - small_low_end_pfn(); }

/*
 * memblock holds [RAM_BASE, RAM_BASE + ram) with the kernel reserved;
 * then the boot sequence of include/mm.h runs to the buddy allocator.
 */
static inline void mm_boot(unsigned long ram, u64 vmalloc_arg)
{
	host_arch_reset();
	host_ram_setup(RAM_BASE, ram);
	memblock_reset();
	memblock_add(RAM_BASE, ram);
	memblock_reserve(KERNEL_RESV_BASE, KERNEL_RESV_END - KERNEL_RESV_BASE);
	host_log_clear();
	zones_reset();
	adjust_lowmem_bounds(RAM_BASE, vmalloc_arg);
	mem_map_init();
	zones_init();
	buddy_feed_all();
}

struct mm_snapshot {
	char text[2048];
};

/*
 * /proc/buddyinfo after drain_all_pages(): the free lists then hold every
 * free page, so two snapshots are equal exactly when the same pages are
 * free in the same blocks, whatever sat on the pcp lists.
 */
static inline void mm_snap_buddyinfo(struct mm_snapshot *snap)
{
	struct seq s;

	drain_all_pages();
	seq_init(&s, snap->text, sizeof(snap->text));
	buddyinfo_show(&s);
}

/* Compare the current /proc/buddyinfo (pcp lists drained) with an earlier snapshot. */
#define assert_buddyinfo_equal(snap)					\
	do {								\
		struct mm_snapshot now_;				\
		mm_snap_buddyinfo(&now_);				\
		assert_string_equal(now_.text, (snap)->text);		\
	} while (0)

#endif
