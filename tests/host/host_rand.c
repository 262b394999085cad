/*
 * The randomised host tests' generator: xorshift32, seeded through
 * host_rng_state, so every run draws the same sequence.
 */
#include "host.h"

u32 host_rng_state = 1;

u32 host_rnd(void)
{
	host_rng_state ^= host_rng_state << 13;
	host_rng_state ^= host_rng_state >> 17;
	host_rng_state ^= host_rng_state << 5;
	return host_rng_state;
}
