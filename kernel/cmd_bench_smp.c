/*
 * Benchmarks with every online CPU running the same loop at once (issue
 * 14): the order-0 alloc/free pair and kmalloc-64, for the figures of one
 * CPU alone beside them.  Under -icount QEMU runs the CPUs in turn on one
 * host thread, and its clock counts the instructions of all of them: the
 * ticks of a run in which n CPUs do N pairs each are n * N pairs' worth.
 * So the figure is instructions per pair, the waits for a lock another CPU
 * holds included, directly comparable with the one-CPU figure.  CPUs that
 * are done halt in WFI, which QEMU does not count.
 */
#include <bench.h>
#include <gfp.h>
#include <slab.h>
#include <smp.h>

#define SMP_ITERATIONS	20000

struct smp_run {
	bool (*loop)(unsigned int iterations);
	unsigned int failed;	/* CPUs whose loop failed, counted atomically */
};

static bool order0_loop(unsigned int iterations)
{
	for (unsigned int i = 0; i < iterations; i++) {
		struct page *p = alloc_pages(GFP_KERNEL, 0);

		if (!p)
			return false;
		__free_pages(p, 0);
	}
	return true;
}

static bool kmalloc64_loop(unsigned int iterations)
{
	for (unsigned int i = 0; i < iterations; i++) {
		void *p = kmalloc(64, GFP_KERNEL);

		if (!p)
			return false;
		kfree(p);
	}
	return true;
}

static void smp_run_cpu(void *arg)
{
	struct smp_run *run = arg;

	if (!run->loop(SMP_ITERATIONS))
		__atomic_add_fetch(&run->failed, 1, __ATOMIC_RELAXED);
}

/* Instructions (x100) per pair with every online CPU looping, after one untimed run (the warm state). */
static u64 on_every_cpu(bool (*loop)(unsigned int iterations))
{
	struct smp_run warm = { loop, 0 }, run = { loop, 0 };
	unsigned int cpus = num_online_cpus();
	u32 t0, ticks;

	if (cpus < 2)
		return BENCH_NONE;
	on_each_cpu(smp_run_cpu, &warm);
	t0 = bench_start();
	on_each_cpu(smp_run_cpu, &run);
	ticks = bench_now() - t0;
	if (warm.failed || run.failed)
		return BENCH_NONE;
	return bench_per_op_x100(ticks, cpus * SMP_ITERATIONS);
}

static u64 alloc_free_order0_pcp_smp_insns(void) { return on_every_cpu(order0_loop); }
static u64 kmalloc64_smp_insns(void) { return on_every_cpu(kmalloc64_loop); }
static u64 bench_cpus(void) { return 100ULL * num_online_cpus(); }
BENCH(alloc_free_order0_pcp_smp_insns, alloc_free_order0_pcp_smp_insns, SMP_ITERATIONS);
BENCH(kmalloc64_smp_insns, kmalloc64_smp_insns, SMP_ITERATIONS);
BENCH(bench_cpus, bench_cpus, 0);
