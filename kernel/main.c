/*
 * start_kernel: the boot sequence, one step per line, from the first C
 * code to the shell.  Each subsystem's own file explains its step.  As in
 * Linux, start_kernel is boot-only code (.init.text) and hands over to
 * rest_init, which frees .init and runs what follows boot.
 */
#include <arch.h>
#include <bench.h>
#include <board.h>
#include <cmdline.h>
#include <console.h>
#include <gfp.h>
#include <highmem.h>
#include <init.h>
#include <irq.h>
#include <percpu.h>
#include <smp.h>
#include <memblock.h>
#include <mm.h>
#include <printk.h>
#include <sched.h>
#include <selftest.h>
#include <shell.h>
#include <stress.h>
#include <ktime.h>
#include <vmalloc.h>
#include <slab.h>
#include <asm/mmu.h>
#include <asm/setup.h>
#include <generated/version.h>

static struct boot_params boot_params;

/* The SVC stack and the exception modes' stacks (vectors.S): all the stacks there are. */
static const struct kernel_stack kernel_stacks[] = {
	{ "SVC", (unsigned long)svc_stack_base, (unsigned long)svc_stack_top },
	{ "IRQ", (unsigned long)irq_stack_base, (unsigned long)irq_stack_top },
	{ "FIQ", (unsigned long)irq_stack_top, (unsigned long)fiq_stack_top },
	{ "ABT", (unsigned long)fiq_stack_top, (unsigned long)abt_stack_top },
	{ "UND", (unsigned long)abt_stack_top, (unsigned long)und_stack_top },
};

static const struct kernel_sections kernel_sections = {
	.text_start = (unsigned long)_text, .text_end = (unsigned long)_etext,
	.rodata_start = (unsigned long)__start_rodata, .rodata_end = (unsigned long)__end_rodata,
	.init_start = (unsigned long)__init_begin, .init_end = (unsigned long)__init_end,
	.data_start = (unsigned long)_sdata, .data_end = (unsigned long)_edata,
	.bss_start = (unsigned long)__bss_start, .bss_end = (unsigned long)__bss_stop,
	.stacks = kernel_stacks, .nr_stacks = ARRAY_SIZE(kernel_stacks),
};

void start_kernel(void);

/*
 * Linux's free_initmem: once nothing in .init can run again, its pages go
 * to the buddy allocator, counted as free_reserved_area counts them (the
 * start rounded up, the end down, to a page).  The mapping is made
 * writable and never-executable first, like the rest of lowmem.
 */
static void free_initmem(void)
{
	unsigned long start = ALIGN((unsigned long)__init_begin, PAGE_SIZE);
	unsigned long end = (unsigned long)__init_end & PAGE_MASK;
	unsigned long pages = 0;

	/* memblock stays readable (/proc/memblock, buddycheck): it must no longer call them reserved. */
	if (start < end && memblock_free(__pa((void *)start), end - start) != 0) {
		pr_warn("free_initmem: memblock's reserved table is full; .init stays reserved\n");
		start = end;
	}
	if (start < end) {
		mmu_release_init(start, end);
		pages = buddy_feed_range_pages(PFN_DOWN(__pa((void *)start)), PFN_DOWN(__pa((void *)end)));
	}
	pr_info("Freeing unused kernel image (initmem) memory: %luK\n", pages << (PAGE_SHIFT - 10));
}

/* After boot: never returns, and nothing it calls may be __init. */
static void __attribute__((noinline, noreturn)) rest_init(void)
{
	free_initmem();
	bench_boot_ticks = board.counter();
	if (boot_params.bench)
		bench_run();
	if (boot_params.selftest)
		selftest_run(boot_params.selftest_filter);
	if (boot_params.stress_count) {
		stress_run(boot_params.stress_count, boot_params.stress_seconds, boot_params.stress_seed);
		board.poweroff();
	}
	kernel_init_user();
	shell_run();
	panic("the shell returned");
}

/* The board's static device map, already mapped by paging_init, as areas of the vmalloc window. */
static void __init reserve_static_map(void)
{
	for (unsigned int i = 0; i < board.nr_iomap; i++) {
		const struct board_iomap *m = &board.iomap[i];

		int err = vmalloc_reserve_early(m->virt, m->size, m->name);

		if (err)
			panic("cannot reserve the static mapping %s at 0x%08lx in the vmalloc area (error %d)", m->name,
			      m->virt, err);
	}
}

void __init start_kernel(void)
{
	board.early_init();
	console_enable();
	pr_notice("Booting vxmm on physical CPU 0x0\n");
	pr_notice("vxmm version %s (%s split, PAGE_OFFSET 0x%08lx)\n", VXMM_VERSION, arm_split_name(),
		  PAGE_OFFSET);
	pr_info("Board: %s\n", board.name);
	setup_arch(&boot_params);
	smp_setup_processor_ids();
	/* memblock knows RAM and every reservation from here on. */
	zones_reset();
	adjust_lowmem_bounds(arm_boot_info.phys_offset, boot_params.vmalloc_size);
	paging_init();
	setup_per_cpu_areas();
	mem_map_init();
	zones_init();
	buddy_feed_all();
	/* The buddy allocator is usable from here on; memblock is done. */
	mem_init_print_info(&kernel_sections);
	kmalloc_init();
	/* kmalloc and kmem_cache_create are usable from here on. */
	pkmap_init();
	vmalloc_init();
	reserve_static_map();
	/* vmalloc, vmap and ioremap work from here on. */
	mem_print_layout(&kernel_sections);
	irq_init();
	time_init();
	console_irq_init();
	smp_init();
	/* Interrupts are taken from here on: in User mode and while the kernel waits (include/irq.h). */
	rest_init();
}
