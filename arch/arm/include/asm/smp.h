/*
 * What the boot CPU hands a secondary through memory (smp.c writes it,
 * head-smp.S reads it, with the MMU off for the first two words).  Usable
 * from assembly: the offsets are checked against the structure in smp.c.
 */
#ifndef ASM_SMP_H
#define ASM_SMP_H

#define SECONDARY_IDMAP_PGD	0	/* physical: kernel table + identity section of head-smp.S */
#define SECONDARY_PGD		4	/* physical: the kernel's own table */
#define SECONDARY_SVC_SP	8	/* stack tops, virtual */
#define SECONDARY_IRQ_SP	12
#define SECONDARY_FIQ_SP	16
#define SECONDARY_ABT_SP	20
#define SECONDARY_UND_SP	24
#define SECONDARY_PERCPU_OFFSET	28	/* TPIDRPRW: the CPU's per-CPU area minus the section's address */

#ifndef __ASSEMBLER__
#include <types.h>

struct secondary_data {
	u32 idmap_pgd;
	u32 pgd;
	unsigned long svc_sp, irq_sp, fiq_sp, abt_sp, und_sp;
	unsigned long percpu_offset;
};

extern struct secondary_data secondary_data;
/* The CPU number allowed out of head-smp.S's pen; -1: none. */
extern volatile int secondary_pen;

void secondary_startup(void);
void secondary_start_kernel(unsigned int cpu);
#endif

#endif
