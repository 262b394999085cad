/*
 * CONFIG_DEBUG_SPINLOCK's checks (include/spinlock.h): the owner CPU kept
 * in every lock, and one "BUG: spinlock ..." line for each misuse, in
 * Linux's words (kernel/locking/spinlock_debug.c prints the same kinds).
 * The clock for the lockup check is the architecture's (spin_debug_ticks).
 */
#include <lockdep.h>
#include <printk.h>
#include <smp.h>
#include <spinlock.h>

static void spin_bug(const spinlock_t *lock, const char *what)
{
	pr_emerg("BUG: spinlock %s on CPU#%u, lock %s, .owner_cpu: %d\n", what, smp_processor_id(),
		 lock->name ? lock->name : "(unnamed)", lock->owner_cpu);
}

/* Spin with trylock, so that a wait of more than a second can be reported (once). */
static void spin_wait_reported(spinlock_t *lock)
{
	u32 start = spin_debug_ticks();
	bool reported = false;

	while (!arch_spin_trylock(&lock->raw)) {
		if (!reported && spin_debug_ticks() - start > spin_debug_ticks_per_sec()) {
			spin_bug(lock, "lockup suspected");
			reported = true;
		}
		arch_spin_relax();
	}
}

/*
 * noinline: lockdep walks the stack from this function's frame, whose
 * return address is the lock's taker (spin_lock is inline).
 */
__attribute__((noinline)) void spin_lock_debug(spinlock_t *lock)
{
	int self = (int)smp_processor_id();

	if (lock->owner_cpu == self && spin_is_locked(lock)) {
		spin_bug(lock, "recursion");
		return;		/* already held here: waiting would never end */
	}
	lockdep_acquire(lock, (unsigned long)__builtin_frame_address(0));	/* before waiting: a deadlock would never return */
	spin_wait_reported(lock);
	lock->owner_cpu = self;
}

__attribute__((noinline)) bool spin_trylock_debug(spinlock_t *lock)
{
	if (!arch_spin_trylock(&lock->raw))
		return false;
	lock->owner_cpu = (int)smp_processor_id();
	lockdep_acquired_trylock(lock, (unsigned long)__builtin_frame_address(0));
	return true;
}

void spin_unlock_debug(spinlock_t *lock)
{
	if (!spin_is_locked(lock)) {
		spin_bug(lock, "already unlocked");
		return;
	}
	if (lock->owner_cpu != (int)smp_processor_id())
		spin_bug(lock, "wrong CPU");
	lockdep_release(lock);
	lock->owner_cpu = -1;
	arch_spin_unlock(&lock->raw);
}

void spin_assert_failed(const spinlock_t *lock, const char *file, int line)
{
	pr_emerg("BUG: spinlock %s not held at %s:%d (assert_spin_locked)\n",
		 lock->name ? lock->name : "(unnamed)", file, line);
}
