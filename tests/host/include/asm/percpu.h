/*
 * The host's stand-in for TPIDRPRW (arch/arm/include/asm/percpu.h): one
 * offset per thread, so host tests may run "CPUs" as pthreads, each
 * setting its own offset.
 */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

/* A C name, so that ld marks the section's ends with __start_host_percpu and __stop_host_percpu. */
#define PER_CPU_SECTION_NAME	"host_percpu"

extern __thread unsigned long host_my_cpu_offset;
extern __thread unsigned int host_cpu_id;

/* smp_processor_id (include/smp.h): the thread's own number, set by host_set_cpu. */
#define arch_smp_processor_id()	host_cpu_id

static inline unsigned long __my_cpu_offset(void)
{
	return host_my_cpu_offset;
}

static inline void set_my_cpu_offset(unsigned long off)
{
	host_my_cpu_offset = off;
}

#endif
