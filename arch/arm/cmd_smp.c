/*
 * /proc/cpuinfo: one block per online CPU in Linux 6.1's ARM format
 * (arch/arm/kernel/setup.c, c_show), the identification fields read from
 * the CPU's own MIDR, then the machine lines.  BogoMIPS is Linux's figure
 * for its delay loop: loops per second / 500000, measured once here
 * against the board's counter.
 */
#include <board.h>
#include <shell.h>
#include <percpu.h>
#include <smp.h>

#define MIDR_IMPLEMENTER(m)	((m) >> 24)		/* ARM ARM B4.1.105 */
#define MIDR_VARIANT(m)		(((m) >> 20) & 0xf)
#define MIDR_PARTNUM(m)		(((m) >> 4) & 0xfff)
#define MIDR_REVISION(m)	((m) & 0xf)
#define CALIBRATE_LOOPS		(1u << 20)

static u32 read_midr(void)
{
	u32 v;

	__asm__ volatile("mrc p15, 0, %0, c0, c0, 0" : "=r"(v));
	return v;
}

/* Hundredths of BogoMIPS: the loop Linux's __delay runs (subs, bhi), timed. */
static unsigned long bogomips_x100(void)
{
	static unsigned long cached;
	u32 n = CALIBRATE_LOOPS, start, ticks;

	if (cached)
		return cached;
	start = board.counter();
	__asm__ volatile("1: subs %0, %0, #1\n\tbhi 1b" : "+r"(n) : : "cc");
	ticks = board.counter() - start;
	if (!ticks)
		ticks = 1;
	cached = (unsigned long)((u64)CALIBRATE_LOOPS * board.counter_hz / ticks / 5000);
	return cached;
}

static void cpuinfo_show(struct seq *s)
{
	unsigned int cpu;
	unsigned long bogo = bogomips_x100();
	u32 midr = read_midr();		/* the four cores are identical (dts: /cpus) */

	for_each_online_cpu(cpu) {
		seq_printf(s, "processor\t: %u\n", cpu);
		seq_printf(s, "model name\t: ARMv7 Processor rev %u (v7l)\n", MIDR_REVISION(midr));
		seq_printf(s, "BogoMIPS\t: %lu.%02lu\n", bogo / 100, bogo % 100);
		seq_printf(s, "Features\t: half thumb fastmult vfp edsp neon vfpv3 tls vfpd32 \n");
		seq_printf(s, "CPU implementer\t: 0x%02x\n", MIDR_IMPLEMENTER(midr));
		seq_printf(s, "CPU architecture: 7\n");
		seq_printf(s, "CPU variant\t: 0x%x\n", MIDR_VARIANT(midr));
		seq_printf(s, "CPU part\t: 0x%03x\n", MIDR_PARTNUM(midr));
		seq_printf(s, "CPU revision\t: %u\n\n", MIDR_REVISION(midr));
	}
	seq_printf(s, "Hardware\t: ARM-Versatile Express\n");
	seq_printf(s, "Revision\t: 0000\n");
	seq_printf(s, "Serial\t\t: 0000000000000000\n");
}
PROC_FILE(cpuinfo, "cpuinfo", cpuinfo_show);

/*
 * `smp-test`: every online CPU, at once, reads its own number three ways
 * (MPIDR, smp_processor_id through its per-CPU area, the slot of its
 * kmap_local stack) and writes a per-CPU variable; CPU 0 then reads every
 * CPU's copy through per_cpu().  One "ok -" or "not ok -" line per check.
 */
static DEFINE_PER_CPU(u32, smp_test_word);
static u32 smp_test_mpidr_cpu[NR_CPUS];

static void smp_test_cpu(void *arg)
{
	u32 mpidr;

	(void)arg;
	__asm__ volatile("mrc p15, 0, %0, c0, c0, 5" : "=r"(mpidr));
	smp_test_mpidr_cpu[smp_processor_id()] = mpidr & 3;	/* Cortex-A9 TRM 4.3.5: CPU ID in [1:0] */
	this_cpu_write(smp_test_word, 0x5a000000u | (mpidr & 3));
}

static int cmd_smp_test(int argc, char **argv)
{
	unsigned int cpu, bad = 0;

	(void)argc;
	(void)argv;
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		smp_test_mpidr_cpu[cpu] = ~0u;
		per_cpu(smp_test_word, cpu) = 0;
	}
	on_each_cpu(smp_test_cpu, NULL);
	for_each_online_cpu(cpu) {
		bool id_ok = smp_test_mpidr_cpu[cpu] == cpu, word_ok = per_cpu(smp_test_word, cpu) == (0x5a000000u | cpu);

		kprintf("%s - CPU%u: smp_processor_id matches MPIDR\n", id_ok ? "ok" : "not ok", cpu);
		kprintf("%s - CPU%u: its per-CPU copy holds what it wrote (0x%08x)\n", word_ok ? "ok" : "not ok", cpu,
			per_cpu(smp_test_word, cpu));
		bad += !id_ok + !word_ok;
	}
	kprintf("smp-test: %u CPUs, %u problems\n", num_online_cpus(), bad);
	return bad ? 1 : 0;
}
SHELL_CMD(smp_test, "smp-test", "", "each CPU checks its number and its per-CPU copy", cmd_smp_test);
