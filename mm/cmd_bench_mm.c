/*
 * Benchmarks of the allocators above the buddy allocator (kernel only,
 * left out of the host build; see include/bench.h): kmalloc + kfree pairs
 * of 64 and 4096 bytes, and vmalloc + vfree of 1 MiB.  Each is timed in the
 * steady state: one untimed pair first, so the slab or the page tables the
 * first pair creates are already there.
 */
#include <bench.h>
#include <slab.h>
#include <vmalloc.h>

#define KMALLOC_ITERATIONS	20000
#define VMALLOC_ITERATIONS	64
#define VMALLOC_BENCH_SIZE	(1024 * 1024UL)

/* False if a kmalloc failed. */
static bool kmalloc_kfree_loop(size_t size, unsigned int iterations)
{
	for (unsigned int i = 0; i < iterations; i++) {
		void *p = kmalloc(size, GFP_KERNEL);

		if (!p)
			return false;
		kfree(p);
	}
	return true;
}

static u64 kmalloc_kfree(size_t size)
{
	u32 t0, ticks;

	if (!kmalloc_kfree_loop(size, 1))
		return BENCH_NONE;
	t0 = bench_start();
	if (!kmalloc_kfree_loop(size, KMALLOC_ITERATIONS))
		return BENCH_NONE;
	ticks = bench_now() - t0;
	return bench_per_op_x100(ticks, KMALLOC_ITERATIONS);
}

static u64 kmalloc64_insns(void) { return kmalloc_kfree(64); }
static u64 kmalloc4096_insns(void) { return kmalloc_kfree(4096); }
BENCH(kmalloc64_insns, kmalloc64_insns, KMALLOC_ITERATIONS);
BENCH(kmalloc4096_insns, kmalloc4096_insns, KMALLOC_ITERATIONS);

static bool vmalloc_vfree_loop(unsigned int iterations)
{
	for (unsigned int i = 0; i < iterations; i++) {
		void *p = vmalloc(VMALLOC_BENCH_SIZE);

		if (!p)
			return false;
		vfree(p);
	}
	return true;
}

static u64 vmalloc_1m_insns(void)
{
	u32 t0, ticks;

	if (!vmalloc_vfree_loop(1))
		return BENCH_NONE;
	t0 = bench_start();
	if (!vmalloc_vfree_loop(VMALLOC_ITERATIONS))
		return BENCH_NONE;
	ticks = bench_now() - t0;
	return bench_per_op_x100(ticks, VMALLOC_ITERATIONS);
}
BENCH(vmalloc_1m_insns, vmalloc_1m_insns, VMALLOC_ITERATIONS);
