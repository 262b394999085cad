/*
 * `lockdep-test` (kernel only; does something only with CONFIG_LOCKDEP, the
 * 3g-debug configuration): provokes each report of kernel/lockdep.c on
 * purpose, on locks of its own, and says how many reports it saw:
 *   1. AB then BA on two locks: a circular dependency (both stacks);
 *   2. C -> D, D -> E, then C taken holding E: a cycle through two edges;
 *   3. a lock taken in an interrupt handler (an SGI to this CPU), then with
 *      IRQs enabled: {IN-HARDIRQ-W} -> {HARDIRQ-ON-W};
 *   4. the reverse order on another lock: {HARDIRQ-ON-W} -> {IN-HARDIRQ-W};
 *   5. might_sleep() with a spinlock held, and once with none (silent).
 * The functions are noinline so that their names are the stacks' entries
 * the boot case looks for (tests/boot/cases_lockdep.py).
 */
#include <irq.h>
#include <lockdep.h>
#include <printk.h>
#include <shell.h>
#include <smp.h>
#include <spinlock.h>

#define LOCKDEP_TEST_SGI	14	/* free: SGI 0 wakes secondaries, the GIC self-test uses 15 */

static DEFINE_SPINLOCK(lockdep_test_a);
static DEFINE_SPINLOCK(lockdep_test_b);
static DEFINE_SPINLOCK(lockdep_test_c);
static DEFINE_SPINLOCK(lockdep_test_d);
static DEFINE_SPINLOCK(lockdep_test_e);
static DEFINE_SPINLOCK(lockdep_test_irq);	/* first in the handler, then with IRQs on */
static DEFINE_SPINLOCK(lockdep_test_irq2);	/* first with IRQs on, then in the handler */

static __attribute__((noinline)) void lockdep_test_nest(spinlock_t *outer, spinlock_t *inner)
{
	spin_lock(outer);
	spin_lock(inner);
	spin_unlock(inner);
	spin_unlock(outer);
}

/* The empty asm after each call keeps it a call (no tail call), so this function is on the stack. */
static __attribute__((noinline)) void lockdep_test_ab(void)
{
	lockdep_test_nest(&lockdep_test_a, &lockdep_test_b);
	__asm__ volatile("" ::: "memory");
}

static __attribute__((noinline)) void lockdep_test_ba(void)
{
	spin_lock(&lockdep_test_b);
	spin_lock(&lockdep_test_a);	/* the report: a was held when b was taken */
	spin_unlock(&lockdep_test_a);
	spin_unlock(&lockdep_test_b);
}

static __attribute__((noinline)) void lockdep_test_chain(void)
{
	lockdep_test_nest(&lockdep_test_c, &lockdep_test_d);
	lockdep_test_nest(&lockdep_test_d, &lockdep_test_e);
	lockdep_test_nest(&lockdep_test_e, &lockdep_test_c);	/* the report: c -> d -> e already */
	__asm__ volatile("" ::: "memory");
}

static volatile unsigned int lockdep_test_irqs;

static spinlock_t *lockdep_test_irq_lock;	/* the lock the SGI's handler takes */

static __attribute__((noinline)) void lockdep_test_irq_handler(unsigned int irq, void *dev)
{
	spinlock_t *lock = lockdep_test_irq_lock;

	spin_lock(lock);
	spin_unlock(lock);
	lockdep_test_irqs++;
}

/* Take lock in the handler of an SGI sent to this CPU; false if the SGI was not taken. */
static __attribute__((noinline)) bool lockdep_test_in_irq(spinlock_t *lock)
{
	unsigned int before = lockdep_test_irqs;

	/* An SGI is per CPU: installed once, let through on this CPU only. */
	lockdep_test_irq_lock = lock;
	if (request_percpu_irq(LOCKDEP_TEST_SGI, lockdep_test_irq_handler, "lockdep-test", NULL))
		return false;
	enable_percpu_irq(LOCKDEP_TEST_SGI);
	gic_send_sgi(1u << smp_processor_id(), LOCKDEP_TEST_SGI);
	for (int i = 0; i < 100 && lockdep_test_irqs == before; i++)
		arch_idle();	/* the tick wakes it too: a few rounds at most */
	disable_percpu_irq(LOCKDEP_TEST_SGI);
	free_irq(LOCKDEP_TEST_SGI, NULL);
	return lockdep_test_irqs != before;
}

static __attribute__((noinline)) void lockdep_test_irqs_on(spinlock_t *lock)
{
	local_irq_enable();
	spin_lock(lock);
	spin_unlock(lock);
	local_irq_disable();
}

static __attribute__((noinline)) void lockdep_test_sleep(void)
{
	might_sleep();			/* nothing held: no report */
	spin_lock(&lockdep_test_a);
	might_sleep();			/* the report */
	spin_unlock(&lockdep_test_a);
}

static int cmd_lockdep_test(int argc, char **argv)
{
	unsigned int before = lockdep_reports;
	bool irq_ok;

	if (!IS_ENABLED(CONFIG_LOCKDEP)) {
		kprintf("lockdep-test: this build has no CONFIG_LOCKDEP (SPLIT=3g-debug has it); nothing tested\n");
		return 1;
	}
	lockdep_test_ab();
	lockdep_test_ba();
	lockdep_test_chain();
	irq_ok = lockdep_test_in_irq(&lockdep_test_irq);
	lockdep_test_irqs_on(&lockdep_test_irq);
	lockdep_test_irqs_on(&lockdep_test_irq2);
	irq_ok = lockdep_test_in_irq(&lockdep_test_irq2) && irq_ok;
	lockdep_test_sleep();
	kprintf("lockdep-test: %u reports (5 expected)%s\n", lockdep_reports - before,
		irq_ok ? "" : "; the SGI never arrived");
	return lockdep_reports - before == 5 && irq_ok ? 0 : 1;
}
SHELL_CMD(lockdep_test, "lockdep-test", "",
	  "provoke each lockdep report on test locks (CONFIG_LOCKDEP: SPLIT=3g-debug)", cmd_lockdep_test);
