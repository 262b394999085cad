/*
 * `kmap-test` (kernel only): kmap when every pkmap slot is taken, and
 * unmapping from the wrong context.
 *   1. All 512 slots pinned (kmap without kunmap); CPU 1 kunmaps one of the
 *      pages after a delay (smp_call_function_single, no wait) while CPU 0's
 *      next kmap waits: it must come back, after the kunmap, with that slot.
 *   2. kunmap of a page that is not kmapped, kunmap_local of a slot that is
 *      not this CPU's newest, and kunmap_local on CPU 1 of CPU 0's slot:
 *      one line each, nothing changed, and the kernel goes on.
 * The shell runs in the idle context, which cannot sleep: its kmap polls
 * (highmem/pkmap.c); a task's would sleep on pkmap_map_wait.
 */
#include <gfp.h>
#include <highmem.h>
#include <printk.h>
#include <shell.h>
#include <smp.h>
#include <spinlock.h>

#define KT_PAGES	(LAST_PKMAP + 1)
#define KT_VICTIM	100		/* the page CPU 1 lets go */
#define KT_DELAY_DIV	20		/* its delay: 1/20 s */

static struct page *kt_page[KT_PAGES];
static volatile bool kt_unmapped;

/* On CPU 1: wait, then let go of one pinned page. */
static void kt_delayed_kunmap(void *arg)
{
	u32 start = spin_debug_ticks();

	while (spin_debug_ticks() - start < spin_debug_ticks_per_sec() / KT_DELAY_DIV)
		;
	kunmap(arg);
	kt_unmapped = true;
}

static void kt_release(unsigned int n, bool mapped)
{
	for (unsigned int i = 0; i < n; i++) {
		if (mapped && i != KT_VICTIM)
			kunmap(kt_page[i]);
		__free_page(kt_page[i]);
	}
}

/* KT_PAGES highmem pages into kt_page[]; false (all given back, and said why) if there are not so many. */
static bool kt_take_pages(void)
{
	for (unsigned int n = 0; n < KT_PAGES; n++) {
		kt_page[n] = alloc_page(GFP_HIGHUSER);
		if (!kt_page[n] || !PageHighMem(kt_page[n])) {
			if (kt_page[n])
				__free_page(kt_page[n]);
			kt_release(n, false);
			kprintf("kmap-test: skipped the wait: not %d free highmem pages\n", KT_PAGES);
			return false;
		}
	}
	return true;
}

/* Part 1; the number of problems, or -1 when this machine cannot run it (said why). */
static int kt_wait_for_slot(void)
{
	void *victim_va, *va;
	int errors = 0;
	u32 t0;

	if (!kt_take_pages())
		return -1;
	for (unsigned int i = 0; i < LAST_PKMAP; i++)
		if (!kmap(kt_page[i])) {
			kprintf("kmap-test: kmap %u of %d returned NULL: a slot is held elsewhere\n", i, LAST_PKMAP);
			errors++;
		}
	victim_va = page_address(kt_page[KT_VICTIM]);
	kt_unmapped = false;
	if (smp_call_function_single(1, kt_delayed_kunmap, kt_page[KT_VICTIM], false)) {
		kprintf("kmap-test: CPU 1 cannot take the call\n");
		kunmap(kt_page[KT_VICTIM]);
		errors++;
	}
	t0 = spin_debug_ticks();
	va = kmap(kt_page[LAST_PKMAP]);
	t0 = spin_debug_ticks() - t0;
	if (!kt_unmapped || va != victim_va) {
		kprintf("kmap-test: the waiting kmap returned %p (the freed slot is %p, kunmap %s)\n", va, victim_va,
			kt_unmapped ? "done" : "not done yet");
		errors++;
	} else {
		kprintf("kmap-test: kmap waited %lu ms for CPU 1's kunmap and got its slot %lu back\n",
			(unsigned long)(t0 * 1000ULL / spin_debug_ticks_per_sec()), PKMAP_NR(va));
	}
	smp_call_wait(1);
	if (va)
		kunmap(kt_page[LAST_PKMAP]);
	kt_release(LAST_PKMAP, true);
	__free_page(kt_page[LAST_PKMAP]);
	return errors;
}

/* On CPU 1: unmap CPU 0's newest local mapping, which is not CPU 1's to unmap. */
static void kt_kunmap_local_elsewhere(void *va)
{
	kunmap_local(va);
}

/* Part 2: three mistakes, each refused; true if the mappings are as they were afterwards. */
static bool kt_wrong_context(void)
{
	struct page *p = alloc_page(GFP_HIGHUSER), *q = alloc_page(GFP_HIGHUSER);
	bool ok = p && q;
	void *a, *b;

	if (ok) {
		kunmap(p);				/* never kmapped */
		a = kmap_local_page(p);
		b = kmap_local_page(q);
		kunmap_local(a);			/* not the newest */
		ok = kmap_local_depth() == 2 || !PageHighMem(p);
		kunmap_local(b);
		if (num_online_cpus() > 1)
			smp_call_function_single(1, kt_kunmap_local_elsewhere, a, true);	/* another CPU */
		ok = ok && (kmap_local_depth() == 1 || !PageHighMem(p));
		kunmap_local(a);
		ok = ok && kmap_local_depth() == 0;
	}
	if (p)
		__free_page(p);
	if (q)
		__free_page(q);
	return ok;
}

static int cmd_kmap_test(int argc, char **argv)
{
	int errors = 0, waited;

	if (num_online_cpus() < 2)
		kprintf("kmap-test: skipped the wait: it needs a second CPU to kunmap\n");
	else if ((waited = kt_wait_for_slot()) > 0)
		errors += waited;
	if (!kt_wrong_context()) {
		kprintf("kmap-test: a refused unmap changed the local mappings\n");
		errors++;
	}
	kprintf("kmap-test: %d errors\n", errors);
	return errors ? 1 : 0;
}
SHELL_CMD(kmap_test, "kmap-test", "",
	  "kmap with every pkmap slot taken (CPU 1 frees one), and unmaps from the wrong context", cmd_kmap_test);
