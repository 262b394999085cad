/*
 * What a task switch carries besides the core registers (arch/arm/vfp.S):
 * the VFP/NEON register file and the user TLS register.  VFP state is
 * switched eagerly, at every switch between two tasks: simpler than
 * Linux's lazy switching (FPEXC.EN off and a trap on first use), and the
 * cost is 33 loads and stores a switch.
 */
#ifndef ASM_THREAD_H
#define ASM_THREAD_H

#include <types.h>

struct vfp_state;

#define FPEXC_EN	(1u << 30)	/* FPEXC.EN: VFP enabled (ARM ARM B6.1.51) */

/* Give user mode the VFP: CPACR.cp10/cp11 full access, FPEXC.EN.  Call once before the first process. */
void vfp_init(void);

/* True when the VFP has 32 double registers (MVFR0.A_SIMD_registers is 2), as the A9's NEON unit does. */
bool vfp_has_d32(void);

/* Save and load d0-d31 (d0-d15 without D32) and FPSCR. */
void vfp_save(struct vfp_state *s);
void vfp_load(const struct vfp_state *s);

/* TPIDRURO (ARM ARM B4.1.150): read-only to user mode, where the C library keeps its thread pointer. */
static inline void set_tls_register(unsigned long v)
{
	__asm__ volatile("mcr p15, 0, %0, c13, c0, 3" : : "r"(v) : "memory");
}

#endif
