/*
 * The ARM half of include/spinlock.h: a ticket lock on LDREX/STREX (ARM
 * ARM A3.4, exclusive access), as Linux's ARM spinlock is.  A CPU takes the
 * next ticket with one exclusive add to the high half-word, then waits in
 * WFE until the low half-word (now serving) reaches its ticket; unlock
 * moves "serving" on and wakes the waiters with SEV.  Tickets give the lock
 * in arrival order, so no CPU starves.
 *
 * Barriers: a DMB after taking the lock keeps the critical section's
 * accesses after it; a DMB before the release store keeps them before it;
 * a DSB before SEV makes the store visible before the others wake.
 */
#ifndef ASM_SPINLOCK_H
#define ASM_SPINLOCK_H

#include <types.h>

#define TICKET_SHIFT	16

typedef struct {
	volatile u32 slock;	/* next ticket << 16 | now serving */
} arch_spinlock_t;

#define __ARCH_SPIN_LOCK_UNLOCKED	{ 0 }

static inline void arch_spin_lock(arch_spinlock_t *lock)
{
	u32 old, newval, fail;

	__asm__ volatile(
		"1:	ldrex	%0, [%3]\n"
		"	add	%1, %0, %4\n"
		"	strex	%2, %1, [%3]\n"
		"	teq	%2, #0\n"
		"	bne	1b"
		: "=&r"(old), "=&r"(newval), "=&r"(fail)
		: "r"(&lock->slock), "I"(1 << TICKET_SHIFT)
		: "cc", "memory");
	while ((u16)(old >> TICKET_SHIFT) != (u16)old) {
		__asm__ volatile("wfe" ::: "memory");
		old = (old & 0xffff0000u) | (u16)lock->slock;
	}
	__asm__ volatile("dmb" ::: "memory");
}

/* Take the lock only if nobody holds it or waits for it; true if taken. */
static inline bool arch_spin_trylock(arch_spinlock_t *lock)
{
	u32 old, fail;

	do {
		__asm__ volatile("ldrex %0, [%1]" : "=&r"(old) : "r"(&lock->slock) : "memory");
		if ((u16)(old >> TICKET_SHIFT) != (u16)old) {
			__asm__ volatile("clrex" ::: "memory");
			return false;
		}
		__asm__ volatile("strex %0, %1, [%2]"
				 : "=&r"(fail) : "r"(old + (1u << TICKET_SHIFT)), "r"(&lock->slock) : "memory");
	} while (fail);
	__asm__ volatile("dmb" ::: "memory");
	return true;
}

static inline void arch_spin_unlock(arch_spinlock_t *lock)
{
	volatile u16 *serving = (volatile u16 *)&lock->slock;	/* little-endian: the low half-word */

	__asm__ volatile("dmb" ::: "memory");
	*serving = (u16)(*serving + 1);
	__asm__ volatile("dsb\n\tsev" ::: "memory");
}

static inline bool arch_spin_is_locked(const arch_spinlock_t *lock)
{
	u32 v = lock->slock;

	return (u16)(v >> TICKET_SHIFT) != (u16)v;
}

/*
 * A waiter's pause between two trylocks: WFE until an unlock's SEV.  An
 * unlock between the failed attempt and the WFE has set the event register
 * already, so the WFE returns at once and nothing is missed.
 */
static inline void arch_spin_relax(void)
{
	__asm__ volatile("wfe" ::: "memory");
}

/* CPSR.I: mask IRQs and return the old CPSR (include/irq.h's local_irq_save takes this over at merge). */
static inline unsigned long arch_irq_save(void)
{
	unsigned long flags;

	__asm__ volatile("mrs %0, cpsr\n\tcpsid i" : "=r"(flags) : : "memory", "cc");
	return flags;
}

static inline void arch_irq_restore(unsigned long flags)
{
	__asm__ volatile("msr cpsr_c, %0" : : "r"(flags) : "memory", "cc");
}

/* True if the CPSR value flags (from arch_irq_save) had IRQs masked: its I bit (ARM ARM B1.3.3). */
static inline bool arch_irqs_disabled_flags(unsigned long flags)
{
	return flags & 0x80;	/* CPSR.I */
}

#endif
