/*
 * The C string and memory functions the freestanding kernel needs (libfdt,
 * and the calls gcc emits for structure copies and clears).  Kernel only:
 * the host test build uses its C library.  Plain byte loops, except that
 * memcpy and memset move whole words once both ends are word aligned,
 * memcpy 32 bytes a turn and memset 64 bytes a turn (load- and
 * store-multiples) once they can.
 */
#include <string.h>
#include <stdint.h>

#define WORD_SIZE	sizeof(unsigned long)
#define WORD_ALIGNED(p)	(((uintptr_t)(p) & (WORD_SIZE - 1)) == 0)

/*
 * Even with -ffreestanding, gcc may recognise a copy or clear loop and
 * replace it with a call to memcpy or memset, which inside memcpy or
 * memset would recurse forever; this turns that transformation off.
 */
#define NO_LOOP_IDIOM __attribute__((optimize("no-tree-loop-distribute-patterns")))

/*
 * 32 bytes a turn, one 8-register load-multiple and store-multiple (ARM
 * ARM A8.8.58 LDM, A8.8.199 STM): a 4 KiB page copy (copy-on-write's)
 * takes about 520 instructions, 3,100 in a word loop.  Returns the bytes
 * left (< 32).
 */
static size_t memcpy_32(unsigned long **dp, const unsigned long **sp, size_t n)
{
	unsigned long *d = *dp;
	const unsigned long *s = *sp;
	size_t turns = n / 32;

	if (turns)
		__asm__ volatile("1:	ldmia	%1!, {r4-r10, r12}\n\t"
				 "stmia	%0!, {r4-r10, r12}\n\t"
				 "subs	%2, %2, #1\n\t"
				 "bne	1b"
				 : "+r"(d), "+r"(s), "+r"(turns)
				 :
				 : "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r12", "cc", "memory");
	*dp = d;
	*sp = s;
	return n & 31;
}

NO_LOOP_IDIOM void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (WORD_ALIGNED(d) && WORD_ALIGNED(s)) {
		unsigned long *dw = (unsigned long *)d;
		const unsigned long *sw = (const unsigned long *)s;

		n = memcpy_32(&dw, &sw, n);
		for (; n >= WORD_SIZE; n -= WORD_SIZE)
			*dw++ = *sw++;
		d = (unsigned char *)dw;
		s = (const unsigned char *)sw;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

/* Copies forwards when dst is below src and backwards otherwise, so overlap is safe. */
NO_LOOP_IDIOM void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d == s || n == 0)
		return dst;
	if (d < s) {
		while (n--)
			*d++ = *s++;
	} else {
		d += n;
		s += n;
		while (n--)
			*--d = *--s;
	}
	return dst;
}

/* n bytes of word (the fill byte in every lane) from d, 8-byte aligned, 64 a turn; returns the end. */
static unsigned long *memset_64(unsigned long *d, unsigned long word, size_t n)
{
	register unsigned long w4 __asm__("r4") = word, w5 __asm__("r5") = word, w6 __asm__("r6") = word;
	register unsigned long w7 __asm__("r7") = word, w8 __asm__("r8") = word, w9 __asm__("r9") = word;
	register unsigned long w10 __asm__("r10") = word, w12 __asm__("r12") = word;
	size_t turns = n / 64;

	/* Two store-multiples of eight registers a turn (ARM ARM A8.8.199 STM). */
	__asm__ volatile("1:	stmia	%0!, {r4-r10, r12}\n\t"
			 "stmia	%0!, {r4-r10, r12}\n\t"
			 "subs	%1, %1, #1\n\t"
			 "bne	1b"
			 : "+r"(d), "+r"(turns)
			 : "r"(w4), "r"(w5), "r"(w6), "r"(w7), "r"(w8), "r"(w9), "r"(w10), "r"(w12)
			 : "cc", "memory");
	return d;
}

/* The whole words of a clear from the word-aligned d; returns the bytes left (< a word). */
NO_LOOP_IDIOM static size_t memset_words(unsigned long **dp, unsigned char byte, size_t n)
{
	unsigned long word = byte * (~0UL / 0xff);	/* byte in every lane */
	unsigned long *dw = *dp;

	if (n >= 64 + WORD_SIZE && ((uintptr_t)dw & 4)) {
		*dw++ = word;
		n -= WORD_SIZE;
	}
	/*
	 * 64 bytes a turn in two 8-register store-multiples: a 4 KiB page
	 * clear (every anonymous write fault's) takes 260 instructions, 1,190
	 * with doubleword stores; mem_map's megabytes at boot a sixteenth of a
	 * word loop's.
	 */
	if (n >= 64 && !((uintptr_t)dw & 7)) {
		dw = memset_64(dw, word, n);
		n &= 63;
	}
	for (; n >= WORD_SIZE; n -= WORD_SIZE)
		*dw++ = word;
	*dp = dw;
	return n;
}

NO_LOOP_IDIOM void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	unsigned char byte = (unsigned char)c;

	while (n > 0 && !WORD_ALIGNED(d)) {
		*d++ = byte;
		n--;
	}
	if (n >= WORD_SIZE) {
		unsigned long *dw = (unsigned long *)d;

		n = memset_words(&dw, byte, n);
		d = (unsigned char *)dw;
	}
	while (n--)
		*d++ = byte;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n > 0; n--, p++, q++) {
		if (*p != *q)
			return *p < *q ? -1 : 1;
	}
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n > 0; n--, p++) {
		if (*p == (unsigned char)c)
			return (void *)p;
	}
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t maxlen)
{
	size_t n = 0;

	while (n < maxlen && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	while (*p && *p == *q) {
		p++;
		q++;
	}
	return *p < *q ? -1 : *p > *q;
}

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (; n > 0; n--, p++, q++) {
		if (*p != *q)
			return *p < *q ? -1 : 1;
		if (*p == '\0')
			break;
	}
	return 0;
}

/* As in C, the terminating NUL counts as part of the string: strchr(s, 0) finds it. */
char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (*s == '\0')
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *found = NULL;

	for (;; s++) {
		if (*s == (char)c)
			found = s;
		if (*s == '\0')
			return (char *)found;
	}
}
