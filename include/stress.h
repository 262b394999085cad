/*
 * The memory stress run (kernel/cmd_stress.c): a long seeded random mix of
 * buddy, slab/kmalloc, vmalloc, vmap and kmap operations, every byte
 * handed out filled with a pattern and checked before it is given back,
 * with the allocators' own invariant checks run along the way.  The
 * `stress` shell command and the `stress=<n>[s][,<seed>]` boot argument
 * start it; `make stress` runs it for minutes in both splits.
 */
#ifndef STRESS_H
#define STRESS_H

#include <types.h>

/*
 * Run count operations (or count seconds of guest time if seconds) from
 * seed, free everything, and print
 * "stress: <ops> operations, <errors> errors, buddyinfo back to boot state: yes|no".
 * Returns the number of errors, plus one if buddyinfo did not come back.
 */
unsigned long stress_run(u32 count, bool seconds, u32 seed);

#endif
