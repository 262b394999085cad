/*
 * The identity calls and the small ones a C library makes at start-up
 * (kernel/sys_misc.c), against Linux's values: root's ids, prctl's
 * 16-byte name, Linux's default resource limits, getrandom's flags,
 * sysinfo in bytes, set_robust_list's length, reboot's magic numbers,
 * umask's default 022.  Prints `ids: totalram N totalhigh N` for the boot
 * case to compare with /proc/meminfo.
 */
#include "lib/ulib.h"
#include "lib/time.h"

#define BAD_POINTER	((void *)0xffff0000)	/* the vector page: kernel only in every split */
#define RLIM_INFINITY	0xffffffffUL

/* Linux's include/uapi/linux/reboot.h */
#define MAGIC1		0xfee1dead
#define MAGIC2		672274793
#define CMD_CAD_OFF	0x00000000
#define CMD_CAD_ON	0x89abcdef
#define CMD_POWER_OFF	0x4321fedc
#define CMD_KEXEC	0x45584543
#define CMD_SW_SUSPEND	0xd000fce2

static int failures;

static void check(int ok, const char *what, long got)
{
	if (ok) {
		printf("ok - %s\n", what);
	} else {
		printf("not ok - %s: got %d\n", what, (int)got);
		failures++;
	}
}

static void id_checks(void)
{
	static const int nrs[] = { __NR_getuid, __NR_getgid, __NR_geteuid, __NR_getegid,
				   __NR_getuid32, __NR_getgid32, __NR_geteuid32, __NR_getegid32 };
	unsigned int r[3] = { 0x55, 0x55, 0x55 }, nonzero = 0;

	for (unsigned int i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++)
		nonzero += syscall0(nrs[i]) != 0;
	check(!nonzero, "getuid, getgid, geteuid, getegid and their 32 forms are all 0 (root)", nonzero);
	check(syscall3(__NR_getresuid32, (long)&r[0], (long)&r[1], (long)&r[2]) == 0 && !r[0] && !r[1] && !r[2],
	      "getresuid32 gives 0, 0, 0", r[0] | r[1] | r[2]);
	check(syscall3(__NR_getresgid32, (long)&r[0], (long)&r[1], (long)BAD_POINTER) == -EFAULT, "getresgid32 to a kernel address is EFAULT", 0);
}

static void prctl_checks(void)
{
	char name[16];

	memset(name, 'x', sizeof(name));
	check(syscall2(__NR_prctl, PR_SET_NAME, "a-very-long-process-name") == 0, "prctl(PR_SET_NAME) returns 0", 0);
	check(syscall2(__NR_prctl, PR_GET_NAME, name) == 0 && !strcmp(name, "a-very-long-pro"),
	      "prctl(PR_GET_NAME) gives the first 15 bytes", (long)name[0]);
	check(syscall2(__NR_prctl, PR_SET_NAME, BAD_POINTER) == -EFAULT, "prctl(PR_SET_NAME) from a kernel address is EFAULT", 0);
	check(syscall2(__NR_prctl, 9999, 0) == -EINVAL, "prctl option 9999 is EINVAL", 0);
}

static void rlimit_checks(void)
{
	struct rlimit r;
	struct rlimit64 old, lower = { 512, 4096 }, bad = { 8192, 4096 };

	check(syscall2(__NR_ugetrlimit, RLIMIT_STACK, &r) == 0 && r.rlim_cur == 8 * 1024 * 1024 &&
	      r.rlim_max == RLIM_INFINITY, "RLIMIT_STACK is 8 MiB / infinity", (long)r.rlim_cur);
	check(syscall2(__NR_ugetrlimit, RLIMIT_NOFILE, &r) == 0 && r.rlim_cur == 1024 && r.rlim_max == 4096,
	      "RLIMIT_NOFILE is 1024 / 4096", (long)r.rlim_cur);
	check(syscall2(__NR_ugetrlimit, RLIMIT_CORE, &r) == 0 && r.rlim_cur == 0 && r.rlim_max == RLIM_INFINITY,
	      "RLIMIT_CORE is 0 / infinity", (long)r.rlim_cur);
	check(syscall2(__NR_ugetrlimit, RLIM_NLIMITS, &r) == -EINVAL, "ugetrlimit of resource 16 is EINVAL", 0);
	check(syscall2(__NR_ugetrlimit, RLIMIT_STACK, BAD_POINTER) == -EFAULT, "ugetrlimit to a kernel address is EFAULT", 0);
	check(syscall4(__NR_prlimit64, 0, RLIMIT_NOFILE, &lower, &old) == 0 && old.rlim_cur == 1024 &&
	      old.rlim_max == 4096, "prlimit64 sets RLIMIT_NOFILE and gives the old 1024 / 4096", (long)old.rlim_cur);
	check(syscall4(__NR_prlimit64, getpid(), RLIMIT_NOFILE, 0, &old) == 0 && old.rlim_cur == 512,
	      "prlimit64 on its own pid reads the new soft limit 512", (long)old.rlim_cur);
	check(syscall4(__NR_prlimit64, 0, RLIMIT_NOFILE, &bad, 0) == -EINVAL, "prlimit64 with cur > max is EINVAL", 0);
	lower.rlim_cur = 1024;
	check(syscall4(__NR_prlimit64, 0, RLIMIT_NOFILE, &lower, 0) == 0, "prlimit64 restores 1024", 0);
	check(syscall4(__NR_prlimit64, 12345, RLIMIT_NOFILE, 0, &old) == -ESRCH, "prlimit64 on pid 12345 is ESRCH", 0);
}

static void random_checks(void)
{
	unsigned char a[64], b[64];
	unsigned int zero = 0, same = 0;

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	check(syscall3(__NR_getrandom, (long)a, sizeof(a), 0) == 64, "getrandom of 64 bytes returns 64", 0);
	check(syscall3(__NR_getrandom, (long)b, sizeof(b), GRND_NONBLOCK) == 64, "getrandom with GRND_NONBLOCK returns 64", 0);
	for (unsigned int i = 0; i < sizeof(a); i++) {
		zero += !a[i];
		same += a[i] == b[i];
	}
	check(zero < 16 && same < 16, "two getrandom results are neither zeros nor alike", zero + same);
	check(syscall3(__NR_getrandom, (long)a, 8, GRND_RANDOM) == 8, "getrandom with GRND_RANDOM returns 8", 0);
	check(syscall3(__NR_getrandom, (long)a, 8, 0x8) == -EINVAL, "getrandom with flag 0x8 is EINVAL", 0);
	check(syscall3(__NR_getrandom, (long)a, 8, GRND_RANDOM | GRND_INSECURE) == -EINVAL,
	      "getrandom with GRND_RANDOM | GRND_INSECURE is EINVAL", 0);
	check(syscall3(__NR_getrandom, (long)BAD_POINTER, 8, 0) == -EFAULT, "getrandom to a kernel address is EFAULT", 0);
	check(syscall3(__NR_getrandom, (long)a, 0, 0) == 0, "getrandom of 0 bytes returns 0", 0);
}

static void sysinfo_checks(void)
{
	struct sysinfo si;

	memset(&si, 0xff, sizeof(si));
	check(syscall1(__NR_sysinfo, &si) == 0, "sysinfo returns 0", 0);
	check(si.mem_unit == 1, "sysinfo's mem_unit is 1 (sizes in bytes)", si.mem_unit);
	check(si.freeram <= si.totalram && si.freehigh <= si.totalhigh && si.totalhigh <= si.totalram,
	      "sysinfo: free <= total, highmem within RAM", (long)si.freeram);
	check(si.procs == 1 && si.uptime >= 1 && si.totalswap == 0, "sysinfo: 1 process, uptime >= 1 s, no swap", si.procs);
	check(syscall1(__NR_sysinfo, BAD_POINTER) == -EFAULT, "sysinfo to a kernel address is EFAULT", 0);
	printf("ids: totalram %u totalhigh %u\n", (unsigned int)si.totalram, (unsigned int)si.totalhigh);
}

static void small_checks(void)
{
	long head[3];

	check(syscall2(__NR_set_robust_list, head, 12) == 0, "set_robust_list of 12 bytes returns 0", 0);
	check(syscall2(__NR_set_robust_list, head, 24) == -EINVAL, "set_robust_list of 24 bytes is EINVAL", 0);
	check(syscall0(__NR_sched_yield) == 0, "sched_yield returns 0", 0);
	check(syscall1(__NR_personality, 0xffffffff) == 0, "personality(0xffffffff) is PER_LINUX (0)", 0);
	check(syscall1(__NR_umask, 077) == 022, "umask starts at 022", syscall1(__NR_umask, 077));
	check(syscall1(__NR_umask, 022) == 077, "umask gives back the mask set before", 0);
	check(syscall4(__NR_reboot, 0x12345678, MAGIC2, CMD_POWER_OFF, 0) == -EINVAL, "reboot with a bad magic1 is EINVAL", 0);
	check(syscall4(__NR_reboot, MAGIC1, 0x12345678, CMD_POWER_OFF, 0) == -EINVAL, "reboot with a bad magic2 is EINVAL", 0);
	check(syscall4(__NR_reboot, MAGIC1, MAGIC2, CMD_KEXEC, 0) == -EINVAL, "reboot(KEXEC) is EINVAL", 0);
	check(syscall4(__NR_reboot, MAGIC1, MAGIC2, CMD_SW_SUSPEND, 0) == -ENOSYS, "reboot(SW_SUSPEND) is ENOSYS", 0);
	check(syscall4(__NR_reboot, MAGIC1, MAGIC2, CMD_CAD_OFF, 0) == 0 &&
	      syscall4(__NR_reboot, MAGIC1, MAGIC2, CMD_CAD_ON, 0) == 0, "reboot(CAD_OFF) and (CAD_ON) return 0", 0);
}

int main(void)
{
	id_checks();
	prctl_checks();
	rlimit_checks();
	random_checks();
	sysinfo_checks();
	small_checks();
	printf("ids: %d failed\n", failures);
	return failures ? 1 : 0;
}
