/*
 * Secondary CPUs of the Cortex-A9 MPCore: the SCU, waking the secondaries
 * as Linux's vexpress platform code does (boot address in SYS_FLAGS, then
 * an SGI and an event), their entry in C, and the per-CPU mailboxes that
 * smp_call_function uses to hand them work.  head-smp.S is the assembly
 * half; per-CPU variables are include/percpu.h.
 *
 * Who holds the secondaries before the kernel wakes them, in each boot mode:
 *   direct   QEMU's secondary boot stub: WFI until an interrupt, then a
 *            jump to SYS_FLAGS if it is not zero (it enables its GIC CPU
 *            interface first, so the SGI wakes it);
 *   uboot, flash, tftp   scripts/nor-boot.S from the reset vector: WFE
 *            until SYS_FLAGS is not zero, as the board's boot monitor does;
 *            U-Boot itself only ever runs on CPU 0 (scripts/run-qemu).
 */
#include <arch.h>
#include <board.h>
#include <gfp.h>
#include <irq.h>
#include <ktime.h>
#include <memblock.h>
#include <mm.h>
#include <percpu.h>
#include <printk.h>
#include <sched.h>
#include <smp.h>
#include <spinlock.h>
#include <string.h>
#include <asm/hw.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <boards/vexpress-a9/board.h>

_Static_assert(offsetof(struct secondary_data, idmap_pgd) == SECONDARY_IDMAP_PGD &&
	       offsetof(struct secondary_data, pgd) == SECONDARY_PGD &&
	       offsetof(struct secondary_data, svc_sp) == SECONDARY_SVC_SP &&
	       offsetof(struct secondary_data, irq_sp) == SECONDARY_IRQ_SP &&
	       offsetof(struct secondary_data, fiq_sp) == SECONDARY_FIQ_SP &&
	       offsetof(struct secondary_data, abt_sp) == SECONDARY_ABT_SP &&
	       offsetof(struct secondary_data, und_sp) == SECONDARY_UND_SP &&
	       offsetof(struct secondary_data, percpu_offset) == SECONDARY_PERCPU_OFFSET,
	       "asm/smp.h's offsets must match struct secondary_data");

/* Cortex-A9 MPCore TRM r4p1, 1.5 "Private memory region": offsets from PERIPHBASE. */
#define SCU_CTRL	0x000		/* SCU Control Register (2.2.1): bit 0 enables the SCU */
#define SCU_CONFIG	0x004		/* SCU Configuration Register (2.2.2): bits [1:0] = CPUs - 1 */
#define SCU_CTRL_EN	(1u << 0)
#define SCU_CONFIG_NCPUS_MASK	0x3
#define GICC_BASE	0x0100		/* GIC CPU interface (dts: interrupt-controller@1e001000, 2nd reg) */
#define GICC_IAR	0x0c		/* GIC architecture v1, 4.4.4: interrupt acknowledge */
#define GICC_EOIR	0x10		/* 4.4.5: end of interrupt */
#define GIC_SPURIOUS	1023

/* V2M-P1 TRM 4.3 "Register summary": SYS_FLAGSCLR clears the bits written as 1. */
#define V2M_SYS_FLAGSCLR	0x34

#define MPIDR_CPU_MASK		0x3
#define SECONDARY_BOOT_TICKS	(board.counter_hz)	/* Linux waits 1 s for a secondary */
#define ETIMEDOUT		110	/* Linux's include/uapi/asm-generic/errno.h */

/*
 * Each secondary's stacks, the sizes CPU 0 has (vectors.S), in one block
 * taken from memblock at boot: reserved, outside MemTotal, as CPU 0's are
 * (they are in the image).
 */
#define SVC_STACK_SIZE	16384
#define IRQ_STACK_SIZE	4096
#define FIQ_STACK_SIZE	1024
#define ABT_STACK_SIZE	8192
#define UND_STACK_SIZE	8192
#define SECONDARY_STACKS_SIZE	ALIGN(SVC_STACK_SIZE + IRQ_STACK_SIZE + FIQ_STACK_SIZE + ABT_STACK_SIZE + \
				      UND_STACK_SIZE, PAGE_SIZE)
static unsigned long secondary_stacks[NR_CPUS];	/* lowmem address of each secondary's block, 0: none */

struct secondary_data secondary_data;
volatile int secondary_pen = -1;
volatile unsigned long cpu_online_mask = 1;
unsigned int nr_cpu_ids = 1;

/*
 * One mailbox per CPU: fn is set by the caller, cleared by the CPU once
 * fn(arg) returned.  The caller raises IPI_CALL_FUNC, whose handler runs
 * fn, so fn runs in interrupt context (IRQs masked, it must not sleep, as
 * in Linux) whether the CPU was idle in WFI or running a task in User
 * mode; a caller waiting for the call to finish waits in WFE for the SEV.
 */
struct smp_mailbox {
	void (*volatile fn)(void *);
	void *volatile arg;
} __aligned(32);
static struct smp_mailbox mailbox[NR_CPUS];

/* The CPU a secondary must not come up as (smp_hang_cpu=, a test of the -110 path), or -1. */
static int smp_hang_cpu = -1;
static unsigned int smp_max_cpus = NR_CPUS;

static void mmio_write(unsigned long va, u32 v)
{
	*(volatile u32 *)va = v;
}

static u32 mmio_read(unsigned long va)
{
	return *(volatile u32 *)va;
}

static inline void sev(void)
{
	__asm__ volatile("dsb\n\tsev" ::: "memory");
}

static inline void wfe(void)
{
	__asm__ volatile("wfe" ::: "memory");
}

static u32 read_mpidr(void)
{
	u32 v;

	__asm__ volatile("mrc p15, 0, %0, c0, c0, 5" : "=r"(v));
	return v;
}

DEFINE_PER_CPU(unsigned int, cpu_number);

extern char __per_cpu_start[], __per_cpu_end[];

void __init setup_per_cpu_areas(void)
{
	unsigned int cpu;

	if (pcpu_embed_first_chunk(__per_cpu_start, __per_cpu_end - __per_cpu_start, nr_cpu_ids))
		nr_cpu_ids = 1;
	for_each_possible_cpu(cpu) {
		per_cpu(cpu_number, cpu) = cpu;
		if (cpu)
			secondary_stacks[cpu] = (unsigned long)memblock_alloc(SECONDARY_STACKS_SIZE, PAGE_SIZE);
	}
	set_my_cpu_offset(__per_cpu_offset[0]);
}

/* The lockup check's clock (lib/spinlock_debug.c): the board's 24 MHz counter. */
u32 spin_debug_ticks(void)
{
	return board.counter();
}

u32 spin_debug_ticks_per_sec(void)
{
	return board.counter_hz;
}

unsigned int num_online_cpus(void)
{
	return (unsigned int)__builtin_popcountl(cpu_online_mask);
}

/* Clean [va, va + size) to the point of coherency, for a reader with its caches off. */
static void clean_dcache_poc(const void *va, unsigned long size)
{
	unsigned long p = (unsigned long)va & ~31UL, end = (unsigned long)va + size;

	for (; p < end; p += 32)
		__asm__ volatile("mcr p15, 0, %0, c7, c10, 1" :: "r"(p) : "memory");	/* DCCMVAC */
	__asm__ volatile("dsb" ::: "memory");
}

/* The words of the command line this file reads: maxcpus=<n>, nosmp, smp_hang_cpu=<n>. */
static void parse_smp_args(void)
{
	const char *p = boot_command_line;

	while (*p) {
		while (*p == ' ')
			p++;
		if (!strncmp(p, "maxcpus=", 8))
			smp_max_cpus = (unsigned int)(p[8] - '0') <= 9 ? (unsigned int)(p[8] - '0') : NR_CPUS;
		else if (!strncmp(p, "nosmp", 5) && (p[5] == ' ' || !p[5]))
			smp_max_cpus = 0;
		else if (!strncmp(p, "smp_hang_cpu=", 13) && p[13] >= '0' && p[13] <= '9')
			smp_hang_cpu = p[13] - '0';
		while (*p && *p != ' ')
			p++;
	}
}

/*
 * The CPUs there are, from the SCU; before setup_per_cpu_areas, which makes
 * one area for each.  Also reads the command line's SMP words.
 */
void __init smp_setup_processor_ids(void)
{
	u32 cfg = mmio_read(A9_PRIV_VIRT + SCU_CONFIG);

	nr_cpu_ids = (cfg & SCU_CONFIG_NCPUS_MASK) + 1;
	if (nr_cpu_ids > NR_CPUS)
		nr_cpu_ids = NR_CPUS;
	parse_smp_args();
}

/* Linux's store_cpu_topology line, for a Cortex-A9 without MT (thread -1) in cluster 0. */
static void print_topology(unsigned int cpu)
{
	pr_info("CPU%u: thread -1, cpu %u, socket 0, mpidr %x\n", cpu, read_mpidr() & MPIDR_CPU_MASK, read_mpidr());
}

/* Take and end the SGIs pending at this CPU's interface (the boot wake-up), before any handler is on. */
static void ack_wakeups(void)
{
	for (;;) {
		u32 irq = mmio_read(A9_PRIV_VIRT + GICC_BASE + GICC_IAR);

		if ((irq & 0x3ff) == GIC_SPURIOUS)
			return;
		mmio_write(A9_PRIV_VIRT + GICC_BASE + GICC_EOIR, irq);
	}
}

static void run_mailbox(unsigned int cpu)
{
	struct smp_mailbox *mb = &mailbox[cpu];
	void (*fn)(void *) = mb->fn;

	if (!fn)
		return;
	__asm__ volatile("dmb" ::: "memory");
	fn(mb->arg);
	__asm__ volatile("dmb" ::: "memory");
	mb->fn = NULL;
	sev();
}

static volatile bool cpus_stopping;

/* Linux's ipi_cpu_stop: this CPU takes no further part, interrupts masked, until the power goes. */
static void __noreturn ipi_cpu_stop(unsigned int cpu)
{
	pr_emerg("CPU%u: stopping\n", cpu);
	__atomic_fetch_and(&cpu_online_mask, ~(1UL << cpu), __ATOMIC_SEQ_CST);
	sev();
	for (;;)
		__asm__ volatile("dsb\n\twfi" ::: "memory");
}

/* The one handler of every IPI (a per-CPU interrupt, include/irq.h), called with IRQs masked. */
static void ipi_handler(unsigned int irq, void *dev)
{
	unsigned int cpu = smp_processor_id();

	switch (irq) {
	case IPI_RESCHEDULE:
		scheduler_ipi();
		break;
	case IPI_CALL_FUNC:
		run_mailbox(cpu);
		break;
	case IPI_CPU_STOP:
		ipi_cpu_stop(cpu);
	default:
		break;		/* IPI_WAKEUP: waking was all it had to do */
	}
}

static void ipi_enable_this_cpu(void)
{
	for (unsigned int ipi = 0; ipi < NR_IPI; ipi++)
		enable_percpu_irq(ipi);
}

/* The IPI handlers, once; then the boot CPU lets them through (each secondary does in its start). */
static void __init ipi_init(void)
{
	for (unsigned int ipi = 0; ipi < NR_IPI; ipi++)
		if (request_percpu_irq(ipi, ipi_handler, "IPI", NULL))
			pr_err("smp: IPI%u has no handler: that kind of cross-CPU request is lost\n", ipi);
	ipi_enable_this_cpu();
}

void smp_send_reschedule(unsigned int cpu)
{
	if (cpu_online(cpu))
		gic_send_sgi(1u << cpu, IPI_RESCHEDULE);
}

/*
 * Linux's smp_send_stop on panic: IPI_CPU_STOP to every other online CPU,
 * and a bounded wait (1 s) for them to leave the online mask.  A CPU that
 * spins with IRQs masked does not stop; the panic goes on regardless.
 */
void smp_send_stop(void)
{
	unsigned int cpu, self = smp_processor_id(), others = 0;
	u32 start = board.counter();

	if (__atomic_exchange_n(&cpus_stopping, true, __ATOMIC_SEQ_CST))
		return;
	for_each_online_cpu(cpu)
		if (cpu != self)
			others |= 1u << cpu;
	if (!others)
		return;
	gic_send_sgi(others, IPI_CPU_STOP);
	while ((cpu_online_mask & others) && board.counter() - start < SECONDARY_BOOT_TICKS)
		;
	if (cpu_online_mask & others)
		pr_emerg("smp: failed to stop secondary CPUs %#lx\n", cpu_online_mask & others);
}

/* head-smp.S calls this on the CPU's own stacks, MMU on, IRQs masked. */
/*
 * head-smp.S calls this on the CPU's own stacks, MMU on, IRQs masked: its
 * GIC interface and IPIs, its tick, then it becomes this CPU's idle task
 * (kernel/sched.c), which runs tasks from the run queue.
 */
void secondary_start_kernel(unsigned int cpu)
{
	gic_cpu_init();
	ack_wakeups();		/* the boot SGI still pending under QEMU's stub */
	if ((int)cpu == smp_hang_cpu)
		for (;;)
			wfe();
	ipi_enable_this_cpu();
	print_topology(cpu);
	arch_timer_starting_cpu();
	__atomic_fetch_or(&cpu_online_mask, 1UL << cpu, __ATOMIC_SEQ_CST);
	sev();
	cpu_idle_loop();
}

/*
 * Wake the secondaries (Linux's vexpress smp_boot_secondary): SYS_FLAGS
 * cleared then set to head-smp.S's physical entry, one SGI for QEMU's stub
 * (gic_send_sgi from include/irq.h replaces this at merge) and one event
 * for scripts/nor-boot.S's pen.
 */
static void wake_secondaries(unsigned int cpu)
{
	unsigned long sysregs = V2M_VIRT(V2M_SYSREGS_PHYS);

	mmio_write(sysregs + V2M_SYS_FLAGSCLR, ~0u);
	mmio_write(sysregs + V2M_SYS_FLAGSSET, (u32)__pa((void *)secondary_startup));
	gic_send_sgi(1u << cpu, IPI_WAKEUP);	/* gic_send_sgi's dsb orders the SYS_FLAGS writes first */
	sev();
}

/* The kernel's table, plus head-smp.S's 1 MiB at its physical address; 16 KiB aligned. */
static u32 *make_idmap_pgd(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);
	phys_addr_t entry = __pa((void *)secondary_startup);
	u32 *pgd;

	if (!page)
		return NULL;
	pgd = page_address(page);
	memcpy(pgd, __va(arm_boot_info.pgd_phys), L1_TABLE_SIZE);
	pgd[entry >> SECTION_SHIFT] = (u32)(entry & SECTION_MASK) | PMD_TYPE_SECT | PMD_SECT_WBWA | PMD_SECT_KRW;
	clean_dcache_poc(pgd, L1_TABLE_SIZE);
	return pgd;
}

/* Stack tops for cpu in its block from setup_per_cpu_areas; -ENOMEM if it has none. */
static int alloc_secondary_stacks(unsigned int cpu, struct secondary_data *sd)
{
	unsigned long base = secondary_stacks[cpu];

	if (!base)
		return -ENOMEM;
	sd->svc_sp = base + SVC_STACK_SIZE;
	sd->irq_sp = sd->svc_sp + IRQ_STACK_SIZE;
	sd->fiq_sp = sd->irq_sp + FIQ_STACK_SIZE;
	sd->abt_sp = sd->fiq_sp + ABT_STACK_SIZE;
	sd->und_sp = sd->abt_sp + UND_STACK_SIZE;
	return 0;
}

/* Release cpu from the pen and wait for it a bounded time: 0, -ENOMEM or -ETIMEDOUT. */
static int boot_secondary(unsigned int cpu, u32 *idmap)
{
	u32 start;
	int err = alloc_secondary_stacks(cpu, &secondary_data);

	if (err)
		return err;
	secondary_data.idmap_pgd = (u32)__pa(idmap);
	secondary_data.pgd = (u32)arm_boot_info.pgd_phys;
	secondary_data.percpu_offset = __per_cpu_offset[cpu];
	clean_dcache_poc(&secondary_data, sizeof(secondary_data));
	secondary_pen = (int)cpu;
	clean_dcache_poc((const void *)&secondary_pen, sizeof(secondary_pen));
	wake_secondaries(cpu);
	start = board.counter();
	while (!cpu_online(cpu) && board.counter() - start < SECONDARY_BOOT_TICKS)
		wfe();
	secondary_pen = -1;
	clean_dcache_poc((const void *)&secondary_pen, sizeof(secondary_pen));
	/* A CPU that came up never returns its stacks; one that did not may still be using them. */
	return cpu_online(cpu) ? 0 : -ETIMEDOUT;
}

void __init smp_init(void)
{
	unsigned int cpu, max = smp_max_cpus < nr_cpu_ids ? smp_max_cpus : nr_cpu_ids;
	u32 *idmap;

	print_topology(0);
	ipi_init();
	mmio_write(A9_PRIV_VIRT + SCU_CTRL, mmio_read(A9_PRIV_VIRT + SCU_CTRL) | SCU_CTRL_EN);
	pr_info("smp: Bringing up secondary CPUs ...\n");
	idmap = max > 1 ? make_idmap_pgd() : NULL;
	if (max > 1 && !idmap)
		pr_err("smp: no memory for the secondaries' first page table; running on CPU 0 only\n");
	for (cpu = 1; idmap && cpu < max; cpu++) {
		int err = boot_secondary(cpu, idmap);

		if (err)
			pr_err("CPU%u: failed to boot: %d\n", cpu, err);
	}
	if (idmap)
		free_pages((unsigned long)idmap, 2);
	pr_info("smp: Brought up 1 node, %u CPU%s\n", num_online_cpus(), num_online_cpus() > 1 ? "s" : "");
}

int smp_call_function_single(unsigned int cpu, void (*fn)(void *), void *arg, bool wait)
{
	struct smp_mailbox *mb = &mailbox[cpu < NR_CPUS ? cpu : 0];

	if (!cpu_online(cpu) || cpu == smp_processor_id())
		return -EINVAL;
	if (mb->fn)
		return -EBUSY;
	mb->arg = arg;
	__asm__ volatile("dmb" ::: "memory");
	mb->fn = fn;
	gic_send_sgi(1u << cpu, IPI_CALL_FUNC);
	if (wait)
		smp_call_wait(cpu);
	return 0;
}

void smp_call_wait(unsigned int cpu)
{
	while (cpu < NR_CPUS && mailbox[cpu].fn)
		wfe();
	__asm__ volatile("dmb" ::: "memory");
}

void smp_call_function(void (*fn)(void *), void *arg)
{
	unsigned int cpu, self = smp_processor_id();

	for_each_online_cpu(cpu)
		if (cpu != self) {
			smp_call_wait(cpu);
			smp_call_function_single(cpu, fn, arg, false);
		}
	for_each_online_cpu(cpu)
		if (cpu != self)
			smp_call_wait(cpu);
}

void on_each_cpu(void (*fn)(void *), void *arg)
{
	unsigned int cpu, self = smp_processor_id();

	for_each_online_cpu(cpu)
		if (cpu != self) {
			smp_call_wait(cpu);
			smp_call_function_single(cpu, fn, arg, false);
		}
	fn(arg);
	for_each_online_cpu(cpu)
		if (cpu != self)
			smp_call_wait(cpu);
}
