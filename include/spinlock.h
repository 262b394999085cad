/*
 * Spinlocks, with Linux's names: spin_lock/spin_unlock, the irqsave forms
 * (which also mask this CPU's IRQs, for locks an interrupt handler takes),
 * spin_trylock and assert_spin_locked.  The lock itself is the
 * architecture's (asm/spinlock.h: a ticket lock; the host's for host tests).
 *
 * With CONFIG_DEBUG_SPINLOCK every lock also records the CPU holding it,
 * and kernel/spinlock_debug.c reports, each with one "BUG: spinlock ..." line
 * naming the lock and the CPUs: taking a lock this CPU already holds
 * (recursion: it would never be granted, so it is not taken again), a
 * release by a CPU that does not hold it or of a lock nobody holds, and a
 * wait of more than a second (lockup suspected; the wait goes on).  With
 * CONFIG_LOCKDEP as well, every lock's name is its lockdep class, and the
 * order locks are taken in, their use in interrupt handlers and sleeping
 * with one held are checked (include/lockdep.h).
 *
 * Lock order, where one lock is taken inside another: written at the locks'
 * definitions (mm/page_alloc.c, mm/slab.c, mm/vmalloc.c, mm/percpu.c, highmem/pkmap.c).
 */
#ifndef SPINLOCK_H
#define SPINLOCK_H

#include <config.h>
#include <types.h>
#include <asm/spinlock.h>

typedef struct spinlock {
	arch_spinlock_t raw;
	/* CONFIG_DEBUG_SPINLOCK only: */
	int owner_cpu;		/* -1 when free */
	const char *name;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(lockname)	{ .raw = __ARCH_SPIN_LOCK_UNLOCKED, .owner_cpu = -1, .name = #lockname }
#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

/*
 * A lock in a structure: its name, and so its lockdep class, is the
 * argument as written ("&z->lock"), one per place that initialises locks,
 * as Linux keys a class by its spin_lock_init site.
 */
#define spin_lock_init(lock)	__spin_lock_init((lock), #lock)

static inline void __spin_lock_init(spinlock_t *lock, const char *name)
{
	*lock = (spinlock_t)__SPIN_LOCK_UNLOCKED(lock);
	lock->name = name;
}

/* The checked paths of CONFIG_DEBUG_SPINLOCK (kernel/spinlock_debug.c). */
u32 spin_debug_ticks(void);		/* a free-running clock: the architecture's */
u32 spin_debug_ticks_per_sec(void);
void spin_lock_debug(spinlock_t *lock);
void spin_unlock_debug(spinlock_t *lock);
bool spin_trylock_debug(spinlock_t *lock);
void spin_assert_failed(const spinlock_t *lock, const char *file, int line);

static inline void spin_lock(spinlock_t *lock)
{
	if (IS_ENABLED(CONFIG_DEBUG_SPINLOCK))
		spin_lock_debug(lock);
	else
		arch_spin_lock(&lock->raw);
}

static inline void spin_unlock(spinlock_t *lock)
{
	if (IS_ENABLED(CONFIG_DEBUG_SPINLOCK))
		spin_unlock_debug(lock);
	else
		arch_spin_unlock(&lock->raw);
}

/* True if the lock was free and is now held. */
static inline bool spin_trylock(spinlock_t *lock)
{
	if (IS_ENABLED(CONFIG_DEBUG_SPINLOCK))
		return spin_trylock_debug(lock);
	return arch_spin_trylock(&lock->raw);
}

static inline bool spin_is_locked(const spinlock_t *lock)
{
	return arch_spin_is_locked(&lock->raw);
}

/* Mask IRQs, then take the lock; flags gets the mask state to restore. */
#define spin_lock_irqsave(lock, flags)		\
	do {					\
		(flags) = arch_irq_save();	\
		spin_lock(lock);		\
	} while (0)

static inline void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	spin_unlock(lock);
	arch_irq_restore(flags);
}

/* A function whose contract says "called with lock held": says so when it is not held at all. */
#define assert_spin_locked(lock)						\
	do {									\
		if (unlikely(!spin_is_locked(lock)))				\
			spin_assert_failed((lock), __FILE__, __LINE__);		\
	} while (0)

#endif
