/*
 * Lock dependency checking (CONFIG_LOCKDEP, the 3g-debug configuration), in
 * the spirit of Linux's lockdep (kernel/locking/lockdep.c): every spinlock
 * belongs to a class, its name (the DEFINE_SPINLOCK or spin_lock_init
 * argument); each CPU keeps the stack of locks it holds; taking lock B
 * while holding A records the edge A -> B with the stack that first did
 * so.  kernel/lockdep.c reports, each once:
 *   - a new edge that closes a cycle ("WARNING: possible circular locking
 *     dependency detected"): the locks, the recorded stacks of the chain's
 *     edges, and the current stack;
 *   - a class taken both in hard-IRQ context and with IRQs enabled
 *     ("WARNING: inconsistent lock state", "inconsistent {IN-HARDIRQ-W} ->
 *     {HARDIRQ-ON-W} usage." or the reverse): the stack that registered
 *     the first usage and the current one;
 *   - might_sleep() with a spinlock held or in an interrupt handler ("BUG:
 *     sleeping function called from invalid context at <file>:<line>").
 * Without CONFIG_LOCKDEP every call here is empty and costs nothing.
 * Stacks are return addresses symbolised by kallsyms (asm/stacktrace.h).
 */
#ifndef LOCKDEP_H
#define LOCKDEP_H

#include <config.h>
#include <types.h>

struct spinlock;

/* Called by kernel/spinlock_debug.c: before waiting for lock (fp: the taker's frame), and after a trylock got it. */
void lockdep_acquire(struct spinlock *lock, unsigned long fp);
void lockdep_acquired_trylock(struct spinlock *lock, unsigned long fp);
/* Before lock is released by this CPU; a lock this CPU does not hold is ignored (spinlock_debug reports it). */
void lockdep_release(struct spinlock *lock);

/* Around an interrupt handler (arch/arm/gic.c's handle_irq): what "in hard-IRQ context" means. */
void __lockdep_hardirq_enter(void);
void __lockdep_hardirq_exit(void);

static inline void lockdep_hardirq_enter(void)
{
	if (IS_ENABLED(CONFIG_LOCKDEP))
		__lockdep_hardirq_enter();
}

static inline void lockdep_hardirq_exit(void)
{
	if (IS_ENABLED(CONFIG_LOCKDEP))
		__lockdep_hardirq_exit();
}

/*
 * True if the caller may sleep here: this CPU holds no spinlock and is not
 * in an interrupt handler.  Otherwise reports the "BUG: sleeping function
 * called from invalid context at file:line" block (the locks held, the
 * stack) and returns false.  Always true without CONFIG_LOCKDEP.
 */
bool __might_sleep(const char *file, int line);

static inline bool lockdep_sleep_allowed(const char *file, int line)
{
	return !IS_ENABLED(CONFIG_LOCKDEP) || __might_sleep(file, line);
}

/* Linux's annotation: a function that may sleep says so where it might. */
#define might_sleep()	((void)lockdep_sleep_allowed(__FILE__, __LINE__))

/* Spinlocks this CPU holds as lockdep counts them (0 without CONFIG_LOCKDEP). */
unsigned int lockdep_depth(void);

/* Reports made since boot (the host tests and lockdep-test count them). */
extern unsigned int lockdep_reports;

/* Forget every class, edge and held lock (host tests, between tests). */
void lockdep_reset(void);

#endif
