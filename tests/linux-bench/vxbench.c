// SPDX-License-Identifier: GPL-2.0
/*
 * vxbench: the operations vxmm's `bench` command times (kernel/cmd_bench.c,
 * highmem/cmd_bench_highmem.c, mm/cmd_bench_mm.c), timed the same way in
 * Debian's Linux 6.1, so that `make bench` can set the two side by side.
 *
 * Loaded by the initramfs scripts/linux-bench makes, under QEMU's -icount
 * shift=0,sleep=off: one guest instruction is one nanosecond of guest time,
 * so ktime_get_ns() differences are instruction counts.
 *
 * The rule is vxmm's: each figure is the mean over the same loop count as
 * vxmm's (20000 pairs, 5000 for order 10, 40 * LAST_PKMAP kmaps, 64
 * vmallocs), less an empty timed loop of the same length, after one untimed
 * warm-up where vxmm has one.  Not the best of several runs.  Timer ticks
 * (HZ=250) land inside the loops as they would in any kernel with its
 * interrupts on; they add about 0.1% (an order-0 pair measured 638.6 so
 * and 638.0 with interrupts off around the loop).
 *
 * Prints "vxbench: <name> <value>" (two decimals, the names vxmm's bench
 * prints), "vxbench-iterations: <name> <n>", and "vxbench: done" last;
 * scripts/linux-bench reads them out of the kernel log.  It stays loaded
 * (busybox's insmod would load it a second time if init failed: it falls
 * back from finit_module to init_module on any error).
 */
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/vmalloc.h>

#define ALLOC_ITERATIONS	20000
#define ALLOC10_ITERATIONS	5000
#define KMALLOC_ITERATIONS	20000
#define VMALLOC_ITERATIONS	64
#define VMALLOC_BENCH_SIZE	(1024 * 1024UL)
#define KMAP_PAGES		(2 * LAST_PKMAP)
#define KMAP_ITERATIONS		(40 * LAST_PKMAP)
#define KMAP_LOCAL_ITERATIONS	20000
#define MEMSET_ITERATIONS	20000
#define NONE			(~0ULL)

static struct page *kmap_pages[KMAP_PAGES];

/* An empty timed loop, shaped like the measured ones. */
static noinline u64 empty_loop_ns(u32 iterations)
{
	u64 t0 = ktime_get_ns();
	u32 i;

	for (i = 0; i < iterations; i++)
		barrier();
	return ktime_get_ns() - t0;
}

/* Instructions per iteration, times 100, less the empty loop (vxmm's bench_per_op_x100). */
static u64 per_op_x100(u64 ns, u32 iterations)
{
	u64 empty = empty_loop_ns(iterations);

	return div_u64((ns > empty ? ns - empty : 0) * 100, iterations);
}

static void report(const char *name, u64 v, u32 iterations)
{
	if (v == NONE)
		pr_info("vxbench: %s n/a\n", name);
	else
		pr_info("vxbench: %s %llu.%02llu\n", name, div_u64(v, 100), v - div_u64(v, 100) * 100);
	if (iterations)
		pr_info("vxbench-iterations: %s %u\n", name, iterations);
}

static u64 alloc_free(unsigned int order, u32 iterations)
{
	u64 t0 = ktime_get_ns(), ns;
	u32 i;

	for (i = 0; i < iterations; i++) {
		struct page *p = alloc_pages(GFP_KERNEL, order);

		if (!p)
			return NONE;
		__free_pages(p, order);
	}
	ns = ktime_get_ns() - t0;
	return per_op_x100(ns, iterations);
}

static __always_inline bool kmalloc_loop(size_t size, u32 iterations)
{
	u32 i;

	for (i = 0; i < iterations; i++) {
		void *p = kmalloc(size, GFP_KERNEL);

		if (!p)
			return false;
		kfree(p);
	}
	return true;
}

static __always_inline u64 kmalloc_kfree(size_t size)
{
	u64 t0, ns;

	if (!kmalloc_loop(size, 1))
		return NONE;
	t0 = ktime_get_ns();
	if (!kmalloc_loop(size, KMALLOC_ITERATIONS))
		return NONE;
	ns = ktime_get_ns() - t0;
	return per_op_x100(ns, KMALLOC_ITERATIONS);
}

static bool vmalloc_loop(u32 iterations)
{
	u32 i;

	for (i = 0; i < iterations; i++) {
		void *p = vmalloc(VMALLOC_BENCH_SIZE);

		if (!p)
			return false;
		vfree(p);
	}
	return true;
}

static u64 vmalloc_1m(void)
{
	u64 t0, ns;

	if (!vmalloc_loop(1))
		return NONE;
	t0 = ktime_get_ns();
	if (!vmalloc_loop(VMALLOC_ITERATIONS))
		return NONE;
	ns = ktime_get_ns() - t0;
	return per_op_x100(ns, VMALLOC_ITERATIONS);
}

/*
 * kmalloc with a constant size, as nearly every caller in Linux passes
 * (sizeof a struct): the size class is chosen at compile time and the call
 * goes straight to the cache (kmalloc_trace).  With a size only known at
 * run time (__kmalloc) each pair costs about 25 instructions more: 243
 * against 218 here under -icount.
 */
static noinline u64 kmalloc64(void) { return kmalloc_kfree(64); }
static noinline u64 kmalloc4096(void) { return kmalloc_kfree(4096); }

/* KMAP_PAGES highmem pages (GFP_HIGHUSER prefers ZONE_HIGHMEM); false, nothing held, if not. */
static bool get_pages(void)
{
	unsigned int i;

	for (i = 0; i < KMAP_PAGES; i++) {
		kmap_pages[i] = alloc_page(GFP_HIGHUSER);
		if (!kmap_pages[i] || !PageHighMem(kmap_pages[i])) {
			if (kmap_pages[i])
				__free_page(kmap_pages[i]);
			while (i--)
				__free_page(kmap_pages[i]);
			return false;
		}
	}
	return true;
}

static void put_pages(void)
{
	unsigned int i;

	for (i = 0; i < KMAP_PAGES; i++)
		__free_page(kmap_pages[i]);
}

/*
 * As vxmm's: 2 * LAST_PKMAP distinct pages in turn, so every kmap takes a
 * new pkmap slot and every LAST_PKMAP kmaps pay one wrap
 * (flush_all_zero_pkmaps); one untimed pass first reaches the steady state.
 */
static void kmap_loop(u32 iterations)
{
	u32 i;

	for (i = 0; i < iterations; i++) {
		struct page *page = kmap_pages[i % KMAP_PAGES];

		kmap(page);
		kunmap(page);
	}
}

static u64 kmap_kunmap(void)
{
	u64 t0, ns;

	if (!get_pages())
		return NONE;
	kmap_loop(KMAP_PAGES);
	t0 = ktime_get_ns();
	kmap_loop(KMAP_ITERATIONS);
	ns = ktime_get_ns() - t0;
	put_pages();
	return per_op_x100(ns, KMAP_ITERATIONS);
}

/*
 * The same page each time: after the first, kmap finds it still mapped
 * (the cheap path, a count up and down); the figure issue 16 quotes as
 * Linux's "kmap+kunmap" (310) is this one.
 */
static u64 kmap_kunmap_mapped(void)
{
	u64 t0, ns;
	u32 i;

	if (!get_pages())
		return NONE;
	kmap_loop(KMAP_PAGES);
	t0 = ktime_get_ns();
	for (i = 0; i < KMAP_ITERATIONS; i++) {
		kmap(kmap_pages[0]);
		kunmap(kmap_pages[0]);
	}
	ns = ktime_get_ns() - t0;
	put_pages();
	return per_op_x100(ns, KMAP_ITERATIONS);
}

static u64 kmap_local(void)
{
	u64 t0, ns;
	u32 i;

	if (!get_pages())
		return NONE;
	kunmap_local(kmap_local_page(kmap_pages[0]));
	t0 = ktime_get_ns();
	for (i = 0; i < KMAP_LOCAL_ITERATIONS; i++)
		kunmap_local(kmap_local_page(kmap_pages[i % KMAP_PAGES]));
	ns = ktime_get_ns() - t0;
	put_pages();
	return per_op_x100(ns, KMAP_LOCAL_ITERATIONS);
}

/* memset of one lowmem page: what zeroing adds to an allocation. */
static u64 memset_4k(void)
{
	void *buf = (void *)__get_free_page(GFP_KERNEL);
	u64 t0, ns;
	u32 i;

	if (!buf)
		return NONE;
	memset(buf, 0, PAGE_SIZE);
	t0 = ktime_get_ns();
	for (i = 0; i < MEMSET_ITERATIONS; i++) {
		memset(buf, 0, PAGE_SIZE);
		barrier();
	}
	ns = ktime_get_ns() - t0;
	free_page((unsigned long)buf);
	return per_op_x100(ns, MEMSET_ITERATIONS);
}

/* In issue 16's order, which is also the order of vxmm's figures in make bench's table. */
static int __init vxbench_init(void)
{
	pr_info("vxbench: init_on_alloc %d\n", want_init_on_alloc(GFP_KERNEL) ? 1 : 0);
	report("alloc_free_order0_pcp_insns", alloc_free(0, ALLOC_ITERATIONS), ALLOC_ITERATIONS);
	report("alloc_free_order3_insns", alloc_free(3, ALLOC_ITERATIONS), ALLOC_ITERATIONS);
	report("alloc_free_order10_insns", alloc_free(10, ALLOC10_ITERATIONS), ALLOC10_ITERATIONS);
	report("kmalloc64_insns", kmalloc64(), KMALLOC_ITERATIONS);
	report("kmalloc4096_insns", kmalloc4096(), KMALLOC_ITERATIONS);
	report("kmap_kunmap_insns", kmap_kunmap(), KMAP_ITERATIONS);
	report("kmap_kunmap_mapped_insns", kmap_kunmap_mapped(), KMAP_ITERATIONS);
	report("kmap_local_insns", kmap_local(), KMAP_LOCAL_ITERATIONS);
	report("vmalloc_1m_insns", vmalloc_1m(), VMALLOC_ITERATIONS);
	report("memset_4k_insns", memset_4k(), MEMSET_ITERATIONS);
	pr_info("vxbench: done\n");
	return 0;
}
module_init(vxbench_init);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("vxmm's bench operations, timed in Linux for make bench");
