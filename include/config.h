/*
 * Configuration: the header kconfig generates for this build, plus
 * IS_ENABLED() so both branches of a configuration choice always compile.
 */
#ifndef CONFIG_H
#define CONFIG_H

#include <generated/autoconf.h>

#define __CFG_ARG_PLACEHOLDER_1 0,
#define __cfg_take_second(ignored, val, ...) val
#define __cfg_is_defined(x) ___cfg_is_defined(x)
#define ___cfg_is_defined(val) ____cfg_is_defined(__CFG_ARG_PLACEHOLDER_##val)
#define ____cfg_is_defined(arg1_or_junk) __cfg_take_second(arg1_or_junk 1, 0, 0)

/* 1 if CONFIG_x is set to y, else 0; usable in C expressions and #if. */
#define IS_ENABLED(option) __cfg_is_defined(option)

#endif
