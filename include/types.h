/*
 * Basic fixed-width types and the address kinds the kernel keeps apart:
 * phys_addr_t for physical addresses, unsigned long (or a pointer) for
 * virtual ones, unsigned long for page frame numbers.  The same header
 * serves the ARM kernel and the 32-bit host test build.
 */
#ifndef TYPES_H
#define TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/*
 * Spelled with the basic types (not uint32_t, which newlib makes a long on
 * ARM) so that one printf format ("%x" for u32) is right on both builds.
 */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;

_Static_assert(sizeof(u32) == 4 && sizeof(u64) == 8, "fixed-width types");

/* Non-LPAE ARMv7: physical addresses are 32 bits wide. */
typedef u32 phys_addr_t;

#define SZ_1K	0x00000400UL
#define SZ_4K	0x00001000UL
#define SZ_16K	0x00004000UL
#define SZ_64K	0x00010000UL
#define SZ_1M	0x00100000UL
#define SZ_2M	0x00200000UL
#define SZ_8M	0x00800000UL
#define SZ_16M	0x01000000UL
#define SZ_32M	0x02000000UL
#define SZ_256M	0x10000000UL
#define SZ_1G	0x40000000UL

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define ALIGN(x, a)		(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define min(a, b)		((a) < (b) ? (a) : (b))
#define max(a, b)		((a) > (b) ? (a) : (b))
#define BIT(n)			(1UL << (n))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define __unused	__attribute__((unused))
#define __noreturn	__attribute__((noreturn))
#define __packed	__attribute__((packed))
#define __aligned(n)	__attribute__((aligned(n)))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
/* Inlined whatever the compiler thinks of its size (Linux: a hot path that must not cost a call). */
#ifndef __always_inline		/* the host's C library defines it, with these very tokens */
# define __always_inline __inline __attribute__ ((__always_inline__))
#endif
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#define ENOMEM	12
#define EINVAL	22
#define EBUSY	16
#define ENOENT	2
#define ERANGE	34
#define ENOSPC	28

#endif
