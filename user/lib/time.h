/*
 * Time and the small system calls (user/lib/time.c): the structures and
 * constants of Linux's 32-bit ARM ABI, written here from Linux's
 * include/uapi headers, and wrappers that return -errno as the kernel does.
 */
#ifndef USER_TIME_H
#define USER_TIME_H

#include "syscall.h"

#define EPERM		1
#define ESRCH		3
#define EINTR		4
#define EINVAL		22
#define EOPNOTSUPP	95

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7
#define TIMER_ABSTIME		1

struct timespec32 { int tv_sec; int tv_nsec; };			/* clock_gettime, nanosleep */
struct timespec64 { long long tv_sec; long long tv_nsec; };	/* the _time64 calls */
struct timeval32 { int tv_sec; int tv_usec; };
struct tms { long utime, stime, cutime, cstime; };

struct sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char _f[8];
};

struct rlimit { unsigned long rlim_cur, rlim_max; };
struct rlimit64 { unsigned long long rlim_cur, rlim_max; };
#define RLIMIT_STACK	3
#define RLIMIT_CORE	4
#define RLIMIT_NOFILE	7
#define RLIM_NLIMITS	16

#define PR_SET_NAME	15
#define PR_GET_NAME	16
#define GRND_NONBLOCK	1
#define GRND_RANDOM	2
#define GRND_INSECURE	4

long clock_gettime32(int clk, struct timespec32 *ts);
long clock_gettime64(int clk, struct timespec64 *ts);
long clock_getres32(int clk, struct timespec32 *ts);
long clock_getres64(int clk, struct timespec64 *ts);
long nanosleep32(const struct timespec32 *req, struct timespec32 *rem);
long clock_nanosleep32(int clk, int flags, const struct timespec32 *req, struct timespec32 *rem);
long clock_nanosleep64(int clk, int flags, const struct timespec64 *req, struct timespec64 *rem);
long gettimeofday32(struct timeval32 *tv, void *tz);
long times(struct tms *buf);

/* CLOCK_MONOTONIC in milliseconds and nanoseconds (clock_gettime64). */
long long monotonic_ns(void);

#endif
