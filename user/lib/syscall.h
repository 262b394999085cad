/*
 * The Linux ARM EABI system-call convention (Linux's
 * Documentation/arm/ and arch/arm/include/uapi/asm/unistd.h): `svc #0`,
 * the call number in r7, arguments in r0-r6, the result in r0, a value in
 * [-4095, -1] being -errno.  Numbers are Linux's, so these programs run on
 * Linux too.
 */
#ifndef USER_SYSCALL_H
#define USER_SYSCALL_H

#include "../../include/uapi/unistd.h"

#define EFAULT	14
#define ENOSYS	38

static inline long syscall6(long nr, long a, long b, long c, long d, long e, long f)
{
	register long r0 __asm__("r0") = a;
	register long r1 __asm__("r1") = b;
	register long r2 __asm__("r2") = c;
	register long r3 __asm__("r3") = d;
	register long r4 __asm__("r4") = e;
	register long r5 __asm__("r5") = f;
	register long r7 __asm__("r7") = nr;

	__asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7) : "memory");
	return r0;
}

static inline long syscall3(long nr, long a, long b, long c)
{
	register long r0 __asm__("r0") = a;
	register long r1 __asm__("r1") = b;
	register long r2 __asm__("r2") = c;
	register long r7 __asm__("r7") = nr;

	__asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
	return r0;
}

#define syscall0(nr)		syscall3(nr, 0, 0, 0)
#define syscall1(nr, a)		syscall3(nr, (long)(a), 0, 0)
#define syscall2(nr, a, b)	syscall3(nr, (long)(a), (long)(b), 0)
#define syscall4(nr, a, b, c, d)	syscall6(nr, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define syscall5(nr, a, b, c, d, e)	syscall6(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

#endif
