/*
 * Lock checking.  The `percpu` branch writes the real header (lockdep in
 * the debug configuration); until it lands, might_sleep is a no-op.
 */
#ifndef LOCKDEP_H
#define LOCKDEP_H

static inline void might_sleep(void) {}

#endif
