/*
 * The small system calls a C library makes at start-up and a shell makes
 * now and then, with Linux's semantics: the identity calls (everyone is
 * root), getrandom, prctl's name, resource limits, set_robust_list,
 * reboot, sched_yield, personality, umask and sysinfo.
 */
#include <board.h>
#include <mm.h>
#include <printk.h>
#include <reboot.h>
#include <sched.h>
#include <string.h>
#include <syscall.h>
#include <ktime.h>
#include <uaccess.h>

#define ESRCH		3
#define EINVAL		22

/* getuid, getgid, geteuid, getegid and their 32-bit forms: the one user is root. */
long sys_getuid(const struct syscall_args *a)
{
	return 0;
}

/* getresuid32 / getresgid32(real, effective, saved): three zeros. */
long sys_getresuid(const struct syscall_args *a)
{
	static const u32 zero;

	for (int i = 0; i < 3; i++)
		if (copy_to_user((void *)a->arg[i], &zero, sizeof(zero)))
			return -EFAULT;
	return 0;
}

/* sched_yield: the caller goes to the back of the run queue on its way back to user mode. */
long sys_sched_yield(const struct syscall_args *a)
{
	current->need_resched = true;
	return 0;
}

/* sync: nothing waits to be written; every file lives in RAM (the initramfs). */
long sys_sync(const struct syscall_args *a)
{
	return 0;
}

/* personality(persona): only Linux's own (PER_LINUX 0) exists here; 0xffffffff only asks. */
long sys_personality(const struct syscall_args *a)
{
	if (a->arg[0] != 0xffffffff && a->arg[0] != 0)
		return -EINVAL;
	return 0;
}

long sys_umask(const struct syscall_args *a)
{
	unsigned int old = task_umask(current);

	task_set_umask(current, (unsigned int)a->arg[0]);
	return old;
}

/* set_robust_list(head, len): len must be sizeof(struct robust_list_head), 12 on 32-bit ARM. */
long sys_set_robust_list(const struct syscall_args *a)
{
	if (a->arg[1] != 12)
		return -EINVAL;
	current->robust_list = a->arg[0];
	return 0;
}

/* Linux's PR_SET_NAME / PR_GET_NAME (include/uapi/linux/prctl.h) on current->comm. */
#define PR_SET_NAME	15
#define PR_GET_NAME	16

static long prctl_set_name(const char *uname)
{
	char comm[TASK_COMM_LEN];
	unsigned int n = 0;

	/* Byte by byte: the name may end just before an unmapped page. */
	while (n < TASK_COMM_LEN - 1) {
		if (copy_from_user(&comm[n], uname + n, 1))
			return -EFAULT;
		if (!comm[n])
			break;
		n++;
	}
	comm[n] = '\0';
	memcpy(current->comm, comm, sizeof(comm));
	return 0;
}

long sys_prctl(const struct syscall_args *a)
{
	switch (a->arg[0]) {
	case PR_SET_NAME:
		return prctl_set_name((const char *)a->arg[1]);
	case PR_GET_NAME:
		return copy_to_user((void *)a->arg[1], current->comm, TASK_COMM_LEN) ? -EFAULT : 0;
	default:
		return -EINVAL;
	}
}

/*
 * reboot(magic1, magic2, cmd, arg) as Linux's kernel/reboot.c: the magic
 * numbers checked, then the command (reboot_decode); the board restarts
 * through its SYS_CFG registers, as the shell's `reboot` does.
 */
long sys_reboot(const struct syscall_args *a)
{
	switch (reboot_decode((u32)a->arg[0], (u32)a->arg[1], (u32)a->arg[2])) {
	case REBOOT_RESTART:
		pr_notice("reboot: Restarting system\n");
		board.reboot();
	case REBOOT_POWER_OFF:
		pr_notice("reboot: Power down\n");
		board.poweroff();
	case REBOOT_CAD:
		return 0;
	case REBOOT_NO_SUSPEND:
		return -ENOSYS;
	case REBOOT_INVALID:
	default:
		return -EINVAL;
	}
}

/*
 * sysinfo(info): Linux's struct sysinfo for 32-bit ARM (64 bytes).  As
 * Linux's do_sysinfo, sizes are in bytes with mem_unit 1 when RAM in bytes
 * fits in an unsigned long, else in pages with mem_unit PAGE_SIZE.
 */
struct sysinfo {
	s32 uptime;
	u32 loads[3];
	u32 totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	u16 procs, pad;
	u32 totalhigh, freehigh, mem_unit;
	char _f[8];
};
_Static_assert(sizeof(struct sysinfo) == 64, "Linux's 32-bit struct sysinfo");

long sys_sysinfo(const struct syscall_args *a)
{
	u64 up = ktime_get_ns();
	struct sysinfo si = {
		.uptime = (s32)(up / NSEC_PER_SEC + (up % NSEC_PER_SEC ? 1 : 0)),	/* rounded up, as Linux */
		.totalram = totalram_pages(), .freeram = nr_free_pages(),
		.totalhigh = totalhigh_pages(), .freehigh = nr_free_highpages(),
		.procs = 1, .mem_unit = PAGE_SIZE,
	};

	if (((u64)si.totalram << PAGE_SHIFT) <= 0xffffffffULL) {
		si.totalram <<= PAGE_SHIFT;
		si.freeram <<= PAGE_SHIFT;
		si.totalhigh <<= PAGE_SHIFT;
		si.freehigh <<= PAGE_SHIFT;
		si.mem_unit = 1;
	}
	return copy_to_user((void *)a->arg[0], &si, sizeof(si)) ? -EFAULT : 0;
}

/*
 * getrandom(buf, count, flags): bytes from xorshift64* (Marsaglia; Vigna's
 * multiplier), seeded at the first call from the clocks.  NOT
 * cryptographic: it only spares programs that ask (a C library's hash
 * seeds, AT_RANDOM-like uses) from failing.  Flags as Linux 6.1 accepts.
 */
#define GRND_NONBLOCK	0x0001
#define GRND_RANDOM	0x0002
#define GRND_INSECURE	0x0004
#define RANDOM_CHUNK	256

static u64 prng_state;

static u64 prng_next(void)
{
	if (!prng_state)
		prng_state = (ktime_get_real_ns() ^ (ktime_get_ns() << 17)) | 1;
	prng_state ^= prng_state >> 12;
	prng_state ^= prng_state << 25;
	prng_state ^= prng_state >> 27;
	return prng_state * 0x2545f4914f6cdd1dULL;
}

long sys_getrandom(const struct syscall_args *a)
{
	char *ubuf = (char *)a->arg[0];
	unsigned long count = a->arg[1], flags = a->arg[2], done = 0;
	u8 chunk[RANDOM_CHUNK];

	if (flags & ~(unsigned long)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_RANDOM | GRND_INSECURE)) == (GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if (count > 0x7ffff000)		/* Linux's MAX_RW_COUNT */
		count = 0x7ffff000;
	while (done < count) {
		unsigned long n = min(count - done, (unsigned long)RANDOM_CHUNK);

		for (unsigned long i = 0; i < n; i += 8) {
			u64 r = prng_next();

			memcpy(chunk + i, &r, min(n - i, (unsigned long)8));
		}
		if (copy_to_user(ubuf + done, chunk, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return (long)done;
}

/*
 * Resource limits.  The values are Linux 6.1's INIT_RLIMITS
 * (include/asm-generic/resource.h), with RLIMIT_NPROC and
 * RLIMIT_SIGPENDING at max_threads / 2 as Linux's fork_init sets them.
 * They are kept for the system, not per process, until tasks carry their
 * own (one process runs at a time).
 */
#define RLIM_NLIMITS	16
#define RLIMIT_NPROC	6
#define RLIMIT_SIGPENDING	11
#define RLIM64_INFINITY	(~0ULL)

struct rlimit64 {
	u64 rlim_cur, rlim_max;
};

#define INF	RLIM64_INFINITY
static struct rlimit64 rlimits[RLIM_NLIMITS] = {
	{ INF, INF },				/* RLIMIT_CPU */
	{ INF, INF },				/* RLIMIT_FSIZE */
	{ INF, INF },				/* RLIMIT_DATA */
	{ 8 * 1024 * 1024, INF },		/* RLIMIT_STACK: _STK_LIM */
	{ 0, INF },				/* RLIMIT_CORE */
	{ INF, INF },				/* RLIMIT_RSS */
	{ 0, 0 },				/* RLIMIT_NPROC: set at first use */
	{ 1024, 4096 },				/* RLIMIT_NOFILE: INR_OPEN_CUR, INR_OPEN_MAX */
	{ 8 * 1024 * 1024, 8 * 1024 * 1024 },	/* RLIMIT_MEMLOCK: MLOCK_LIMIT */
	{ INF, INF },				/* RLIMIT_AS */
	{ INF, INF },				/* RLIMIT_LOCKS */
	{ 0, 0 },				/* RLIMIT_SIGPENDING: set at first use */
	{ 819200, 819200 },			/* RLIMIT_MSGQUEUE: MQ_BYTES_MAX */
	{ 0, 0 },				/* RLIMIT_NICE */
	{ 0, 0 },				/* RLIMIT_RTPRIO */
	{ INF, INF },				/* RLIMIT_RTTIME */
};
#undef INF
static bool rlimits_ready;

static struct rlimit64 *rlimit_of(unsigned long resource)
{
	if (resource >= RLIM_NLIMITS)
		return NULL;
	if (!rlimits_ready) {
		/* Linux's set_max_threads: RAM / (8 * THREAD_SIZE) threads, half of them each. */
		u64 half = (u64)totalram_pages() * PAGE_SIZE / (8 * THREAD_SIZE) / 2;

		rlimits[RLIMIT_NPROC] = (struct rlimit64){ half, half };
		rlimits[RLIMIT_SIGPENDING] = (struct rlimit64){ half, half };
		rlimits_ready = true;
	}
	return &rlimits[resource];
}

/* ugetrlimit(resource, rlim): struct rlimit of two unsigned longs, infinity clamped to ~0UL. */
long sys_ugetrlimit(const struct syscall_args *a)
{
	struct rlimit64 *r = rlimit_of(a->arg[0]);
	u32 out[2];

	if (!r)
		return -EINVAL;
	out[0] = r->rlim_cur > 0xffffffffULL ? 0xffffffff : (u32)r->rlim_cur;
	out[1] = r->rlim_max > 0xffffffffULL ? 0xffffffff : (u32)r->rlim_max;
	return copy_to_user((void *)a->arg[1], out, sizeof(out)) ? -EFAULT : 0;
}

/*
 * prlimit64(pid, resource, new, old), in Linux's order of checks: new
 * read (-EFAULT), pid 0 or the caller's own (-ESRCH), resource and
 * cur <= max (-EINVAL); the old value is written out after the new is set.
 */
long sys_prlimit64(const struct syscall_args *a)
{
	const void *unew = (const void *)a->arg[2];
	void *uold = (void *)a->arg[3];
	struct rlimit64 next, old, *r;

	if (unew && copy_from_user(&next, unew, sizeof(next)))
		return -EFAULT;
	if (a->arg[0] != 0 && (long)a->arg[0] != current->pid)
		return -ESRCH;
	r = rlimit_of(a->arg[1]);
	if (!r || (unew && next.rlim_cur > next.rlim_max))
		return -EINVAL;
	old = *r;
	if (unew)
		*r = next;	/* root may raise the hard limit too (CAP_SYS_RESOURCE) */
	return uold && copy_to_user(uold, &old, sizeof(old)) ? -EFAULT : 0;
}
