/*
 * The C string and memory functions the freestanding kernel needs (libfdt,
 * and the calls gcc emits for structure copies and clears).  Kernel only:
 * the host test build uses its C library.  Plain byte loops, except that
 * memcpy and memset move whole words once both ends are word aligned,
 * memcpy 32 bytes a turn (both ends 8-byte aligned) and memset 64 bytes a
 * turn once they can.
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
 * 32 bytes a turn in doubleword loads and stores, both ends 8-byte
 * aligned: a 4 KiB page copy (copy-on-write's) takes about half the
 * instructions of a word loop.  Returns the bytes left (< 32).
 */
NO_LOOP_IDIOM static size_t memcpy_32(unsigned long **dp, const unsigned long **sp, size_t n)
{
	unsigned long long *d = (unsigned long long *)*dp;
	const unsigned long long *s = (const unsigned long long *)*sp;

	for (; n >= 32; n -= 32, d += 4, s += 4) {
		unsigned long long a = s[0], b = s[1], c = s[2], e = s[3];

		d[0] = a;
		d[1] = b;
		d[2] = c;
		d[3] = e;
	}
	*dp = (unsigned long *)d;
	*sp = (const unsigned long *)s;
	return n;
}

NO_LOOP_IDIOM void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (WORD_ALIGNED(d) && WORD_ALIGNED(s)) {
		unsigned long *dw = (unsigned long *)d;
		const unsigned long *sw = (const unsigned long *)s;

		if (!(((uintptr_t)dw | (uintptr_t)sw) & 7))
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
NO_LOOP_IDIOM static unsigned long *memset_64(unsigned long *d, unsigned long word, size_t n)
{
	unsigned long long dword = ((unsigned long long)word << 32) | word;
	unsigned long long *dd = (unsigned long long *)d;

	for (; n >= 64; n -= 64, dd += 8) {
		dd[0] = dword;
		dd[1] = dword;
		dd[2] = dword;
		dd[3] = dword;
		dd[4] = dword;
		dd[5] = dword;
		dd[6] = dword;
		dd[7] = dword;
	}
	return (unsigned long *)dd;
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
	 * 64 bytes a turn in doubleword stores (8-byte aligned now): large
	 * clears such as mem_map's megabytes at boot take a fifth of the
	 * instructions of a word loop.
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
