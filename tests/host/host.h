/*
 * What the host test shims offer the tests: the captured kernel log
 * (fake_printk.c), the RAM stand-in and the record of every mapping and TLB
 * flush (fake_arch.c), and panic catching.  Tests include this after
 * cmocka.h; the code under test never sees it.
 */
#ifndef HOST_H
#define HOST_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <types.h>
#include <gfp.h>
#include "../../mm/internal.h"

/* ---- the log: every printk, kprintf and kputs, level prefixes removed ---- */

const char *host_log(void);
void host_log_clear(void);
bool host_log_contains(const char *needle);
/* How many times needle occurs in the log. */
unsigned int host_log_count(const char *needle);
/* Number of complete lines in the log. */
unsigned int host_log_lines(void);

/*
 * Fail the test unless the log holds exactly one line per needle, line i
 * containing needle i; on failure the whole log is shown.
 *   host_log_expect("fdt: /memory bank 1 has size 0; ignored");
 */
#define host_log_expect(...)	host_log_expect_(__FILE__, __LINE__, __VA_ARGS__, (const char *)NULL)
void host_log_expect_(const char *file, int line, ...);

/* Fail the test, showing the log, if anything was printed. */
#define host_log_expect_empty()	host_log_expect_(__FILE__, __LINE__, (const char *)NULL)

/* ---- CPUs (fake_smp.c): the calling thread becomes CPU cpu, with that CPU's per-CPU offset ---- */

void host_set_cpu(unsigned int cpu);
/* Per-CPU variables with a copy per CPU (NR_CPUS of them, nr_cpu_ids too), and back to one. */
void host_percpu_setup(void);
/* What user_mappings_stable() answers (tests/host/fake_mm_user.c): true unless a test says otherwise. */
extern bool host_user_mappings_stable;
void host_percpu_teardown(void);

/* ---- panic: longjmps to host_panic_jmp if set, otherwise fails the test ---- */

extern jmp_buf *host_panic_jmp;
extern char host_panic_msg[256];

/*
 * True if running stmt panicked (the message is then in host_panic_msg).
 * Usage: assert_true(HOST_PANICS(free_pages(x, 3)));
 */
#define HOST_PANICS(stmt)						\
	({								\
		jmp_buf host_jb_;					\
		bool host_panicked_ = false;				\
		host_panic_jmp = &host_jb_;				\
		if (setjmp(host_jb_) == 0) {				\
			stmt;						\
		} else {						\
			host_panicked_ = true;				\
		}							\
		host_panic_jmp = NULL;					\
		host_panicked_;						\
	})

/* ---- RAM: a host buffer standing in for [base, base + size) ---- */

/*
 * Back physical [base, base + size) with zeroed host memory (mmap'd, so
 * large sizes cost only what is touched) and point arch_pv_delta at it.
 * Replaces any earlier RAM; returns the host address of base, or fails the
 * test.
 */
void *host_ram_setup(phys_addr_t base, size_t size);
void host_ram_release(void);
/*
 * A seeded xorshift32 generator for the randomised tests: set
 * host_rng_state to a non-zero seed, and host_rnd() gives the same
 * sequence on every run.
 */
extern u32 host_rng_state;
u32 host_rnd(void);

/* fake_wait.c: sleep_on runs host_sleep_hook (if set) and returns; both calls counted. */
extern void (*host_sleep_hook)(void);
extern unsigned int host_sleeps, host_wakeups;

/* The same as a cmocka group or test teardown. */
int host_ram_teardown(void **state);

/*
 * Make the fixmap's first 32 pages (page_alloc.c's scratch page,
 * kmap_local's slots) real in this process: a RAM page mapped there by the
 * code under test is then readable and writable at its kernel address.
 * Call first thing in main (it may re-exec the binary once, without
 * address randomisation, to get the window); false, with a line on
 * stderr, if the window cannot be had.
 */
bool host_fixmap_reserve(char **argv);
bool host_fixmap_backed(void);

/*
 * Skip the current test, saying why on a TAP comment line first (cmocka's
 * skip() takes no reason):  host_skip("no highmem in this configuration");
 */
#define host_skip(reason)						\
	do {								\
		print_message("# skipped: %s\n", (reason));		\
		skip();							\
	} while (0)

/* ---- starving the page allocator (fake_starve.c) ---- */

/*
 * Take every block an allocation with gfp can get, largest orders first,
 * so that the next such allocation fails for want of memory; returns the
 * pages taken.  host_unstarve gives them all back, newest first.  The
 * watermarks stay in force: GFP_KERNEL stops at the min mark, as the
 * allocations under test do.
 */
unsigned long host_starve(gfp_t gfp);
void host_unstarve(void);
/* host_unstarve, then host_ram_teardown: the teardown of a test that starves. */
int host_unstarve_teardown(void **state);

/* ---- the fake MMU: mappings in a two-level table, operations recorded ---- */

enum host_op_kind { HOST_OP_MAP, HOST_OP_UNMAP, HOST_OP_FLUSH_PAGE, HOST_OP_FLUSH_RANGE, HOST_OP_FLUSH_ALL };

struct host_op {
	enum host_op_kind kind;
	unsigned long va;
	phys_addr_t pa;		/* map only */
	unsigned long size;	/* map, unmap, flush range; PAGE_SIZE for flush page */
	unsigned int flags;	/* map only */
	int result;		/* map only: what arch_map_range returned */
};

#define HOST_OPS_MAX	4096

struct host_arch_stats {
	unsigned int maps, unmaps, queries;
	unsigned int flush_page, flush_range, flush_all;
	unsigned int mapped_pages;	/* currently mapped */
	unsigned int nr_ops;		/* recorded in host_ops (stops at HOST_OPS_MAX) */
};

extern struct host_arch_stats host_arch;
extern struct host_op host_ops[HOST_OPS_MAX];

/* Unmap everything and zero the counters and the record. */
void host_arch_reset(void);
/*
 * Let the next n valid arch_map_range calls succeed and make the one after
 * fail with -ENOMEM (then back to normal); n < 0 cancels.
 */
void host_arch_fail_map_after(int n);

#endif
