/* The host's TPIDRPRW (tests/host/include/asm/percpu.h): each thread's own per-CPU offset. */
__thread unsigned long host_my_cpu_offset;
