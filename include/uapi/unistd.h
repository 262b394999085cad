/*
 * Linux's ARM EABI system-call numbers (arch/arm/tools/syscall.tbl), the
 * ones this kernel implements: shared by the kernel's table
 * (include/syscall.h) and the user programs' library (user/lib/syscall.h),
 * so the two cannot disagree.  Plain defines, no includes: user/ is built
 * without the kernel's include path.
 */
#ifndef UAPI_UNISTD_H
#define UAPI_UNISTD_H

#define __NR_exit	1
#define __NR_write	4
#define __NR_getpid	20
#define __NR_brk	45
#define __NR_uname	122
#define __NR_exit_group	248

#endif
