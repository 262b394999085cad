/*
 * The host's ticket lock for include/spinlock.h, on the compiler's atomics
 * (sequentially consistent), so host tests can run the locking code on real
 * threads; a waiter yields the host CPU instead of WFE.  Interrupts do not
 * exist on the host: the irq save and restore do nothing.
 */
#ifndef ASM_SPINLOCK_H
#define ASM_SPINLOCK_H

#include <types.h>

/* The C library's (its <sched.h> is hidden behind the kernel's include/sched.h). */
int sched_yield(void);

#define TICKET_SHIFT	16

typedef struct {
	u32 slock;	/* next ticket << 16 | now serving, as on ARM */
} arch_spinlock_t;

#define __ARCH_SPIN_LOCK_UNLOCKED	{ 0 }

static inline void arch_spin_lock(arch_spinlock_t *lock)
{
	u32 old = __atomic_fetch_add(&lock->slock, 1u << TICKET_SHIFT, __ATOMIC_SEQ_CST);
	u16 ticket = (u16)(old >> TICKET_SHIFT);

	while ((u16)__atomic_load_n(&lock->slock, __ATOMIC_SEQ_CST) != ticket)
		sched_yield();
}

static inline bool arch_spin_trylock(arch_spinlock_t *lock)
{
	u32 old = __atomic_load_n(&lock->slock, __ATOMIC_SEQ_CST);

	if ((u16)(old >> TICKET_SHIFT) != (u16)old)
		return false;
	return __atomic_compare_exchange_n(&lock->slock, &old, old + (1u << TICKET_SHIFT), false,
					   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

static inline void arch_spin_unlock(arch_spinlock_t *lock)
{
	u32 old, newval;

	/* Only "now serving" moves, so a ticket taken meanwhile is kept. */
	old = __atomic_load_n(&lock->slock, __ATOMIC_SEQ_CST);
	do
		newval = (old & 0xffff0000u) | (u16)(old + 1);
	while (!__atomic_compare_exchange_n(&lock->slock, &old, newval, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
}

static inline bool arch_spin_is_locked(const arch_spinlock_t *lock)
{
	u32 v = __atomic_load_n(&lock->slock, __ATOMIC_SEQ_CST);

	return (u16)(v >> TICKET_SHIFT) != (u16)v;
}

/* A waiter's pause between two attempts: let the holder's thread run. */
static inline void arch_spin_relax(void)
{
	sched_yield();
}

static inline unsigned long arch_irq_save(void)
{
	return 0;
}

static inline void arch_irq_restore(unsigned long flags)
{
	(void)flags;
}

/* The host's "CPU" always runs as the kernel's code does, with IRQs masked. */
static inline bool arch_irqs_disabled_flags(unsigned long flags)
{
	(void)flags;
	return true;
}

#endif
