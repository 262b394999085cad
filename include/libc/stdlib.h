/*
 * Freestanding <stdlib.h> for the kernel build.  libfdt includes it but
 * calls nothing from it; it only needs NULL and size_t.
 */
#ifndef LIBC_STDLIB_H
#define LIBC_STDLIB_H

#include <stddef.h>

#endif
