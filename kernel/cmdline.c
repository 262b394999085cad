/*
 * The kernel command line: split into words, recognise the few parameters
 * this kernel has (mem=, vmalloc=, loglevel=, quiet, selftest, bench,
 * stress=) and fill a struct boot_params.  Acting on them (sizing vmalloc,
 * setting the console level) is left to the code that owns each; only
 * mem=, which ARM Linux applies in its parser (early_mem), is turned into
 * memblock calls here (cmdline_apply_mem).
 *
 * Every bad value is reported on one "cmdline: " line and the parameter is
 * then treated as absent, so an earlier good value of the same key stays:
 * like Linux, the last good occurrence of a key wins.  mem= is the
 * exception, as in Linux: every good one counts (cmdline_apply_mem).
 */
#include <arch.h>
#include <cmdline.h>
#include <memblock.h>
#include <printk.h>
#include <string.h>

#define WORD_SHOWN	"%.64s"		/* how much of a bad word a report quotes */

#define report(p, ...)							\
	do {								\
		(p)->nr_problems++;					\
		pr_warn("cmdline: " __VA_ARGS__);			\
	} while (0)

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

/*
 * The number part of memparse.  Returns false when there is no digit or the
 * value does not fit 64 bits; *overflow tells the two apart.
 */
static bool parse_u64(const char *s, u64 *out, const char **end, bool *overflow)
{
	unsigned int base = 10;
	u64 v = 0;
	const char *p = s;

	*overflow = false;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && digit_value(p[2]) < 16) {
		base = 16;
		p += 2;
	} else if (p[0] == '0') {
		base = 8;
	}
	if (digit_value(*p) >= (int)base)
		return false;
	for (; digit_value(*p) < (int)base; p++) {
		unsigned int d = (unsigned int)digit_value(*p);

		if (v > (UINT64_MAX - d) / base)
			*overflow = true;
		v = v * base + d;
	}
	*out = v;
	*end = p;
	return !*overflow;
}

/* Like cmdline_memparse, also saying whether a failure was an overflow. */
static bool memparse(const char *s, u64 *out, const char **end, bool *overflow)
{
	const char *p;
	unsigned int shift = 0;
	u64 v;

	if (!parse_u64(s, &v, &p, overflow))
		return false;
	switch (*p) {
	case 'G': case 'g':
		shift = 30;
		p++;
		break;
	case 'M': case 'm':
		shift = 20;
		p++;
		break;
	case 'K': case 'k':
		shift = 10;
		p++;
		break;
	}
	if (shift && v > (UINT64_MAX >> shift)) {
		*overflow = true;
		return false;
	}
	if (end)
		*end = p;
	else if (*p != '\0')
		return false;
	*out = v << shift;
	return true;
}

bool cmdline_memparse(const char *s, u64 *out, const char **end)
{
	bool overflow;

	if (!s)
		return false;
	return memparse(s, out, end, &overflow);
}

/*
 * mem=<size>[@<start>]: each one is kept, in order (cmdline_apply_mem
 * acts on them all, as Linux's early_mem does).  A size below one page
 * leaves nothing after arm_add_memory's rounding: refused here.
 */
static void parse_mem(const char *val, struct boot_params *p)
{
	const char *rest;
	u64 size, start = MEM_START_PHYS_OFFSET;
	bool overflow;

	if (!memparse(val, &size, &rest, &overflow) || (*rest != '\0' && *rest != '@')) {
		report(p, "mem=" WORD_SHOWN " is not %s; ignored\n", val,
		       overflow ? "a size that fits 64 bits" : "a size (<n>[K|M|G][@<start>])");
		return;
	}
	if (*rest == '@' && !memparse(rest + 1, &start, NULL, &overflow)) {
		report(p, "mem=" WORD_SHOWN " has a bad start address after '@'; ignored\n", val);
		return;
	}
	if (size < PAGE_SIZE) {
		report(p, "mem=" WORD_SHOWN " is less than one page (4K); ignored\n", val);
		return;
	}
	if (p->nr_mem == CMDLINE_MAX_MEM) {
		report(p, "mem=" WORD_SHOWN " is more than %d mem= parameters; ignored\n", val, CMDLINE_MAX_MEM);
		return;
	}
	p->mem[p->nr_mem].size = size;
	p->mem[p->nr_mem].start = start;
	p->nr_mem++;
}

/* vmalloc=<size>: kept as given; the zone code clamps it to what fits. */
static void parse_vmalloc(const char *val, struct boot_params *p)
{
	u64 size;
	bool overflow;

	if (!memparse(val, &size, NULL, &overflow)) {
		report(p, "vmalloc=" WORD_SHOWN " is not %s; ignored\n", val,
		       overflow ? "a size that fits 64 bits" : "a size (<n>[K|M|G])");
		return;
	}
	if (size == 0) {
		report(p, "vmalloc=0 leaves no vmalloc space; ignored\n");
		return;
	}
	p->vmalloc_size = size;
}

/* loglevel=<0..15>: decimal; levels above 8 behave like 8 (show everything). */
static void parse_loglevel(const char *val, struct boot_params *p)
{
	int level = 0;
	const char *s = val;

	if (*s < '0' || *s > '9') {
		report(p, "loglevel=" WORD_SHOWN " is not a number; ignored\n", val);
		return;
	}
	for (; *s >= '0' && *s <= '9'; s++) {
		level = level * 10 + (*s - '0');
		if (level > 15)
			break;
	}
	if (level > 15) {
		report(p, "loglevel=" WORD_SHOWN " is out of range 0..15; ignored\n", val);
		return;
	}
	if (*s != '\0') {
		report(p, "loglevel=" WORD_SHOWN " is not a number; ignored\n", val);
		return;
	}
	p->loglevel = min(level, CONSOLE_LOGLEVEL_ALL);
}

static void parse_selftest(const char *val, struct boot_params *p)
{
	size_t len = strlen(val);

	if (len >= sizeof(p->selftest_filter)) {
		report(p, "selftest=" WORD_SHOWN " is longer than %u characters; truncated\n",
		       val, (unsigned int)sizeof(p->selftest_filter) - 1);
		len = sizeof(p->selftest_filter) - 1;
	}
	memcpy(p->selftest_filter, val, len);
	p->selftest_filter[len] = '\0';
	p->selftest = true;
}

/* A number as parse_u64 reads it that fits 32 bits; *end points past it. */
static bool parse_u32(const char *s, u32 *out, const char **end)
{
	u64 v;
	bool overflow;

	if (!parse_u64(s, &v, end, &overflow) || v > 0xffffffffULL)
		return false;
	*out = (u32)v;
	return true;
}

/*
 * stress=<n>[s][,<seed>]: n operations, or n seconds with the "s" suffix,
 * n from 1 to 2^32 - 1; the seed is any 32-bit value, 0 allowed.  Both
 * are read as parse_u64 reads numbers (decimal, 0x hex, 0 octal).
 */
static void parse_stress(const char *val, struct boot_params *p)
{
	const char *rest;
	u32 count, seed = 1;
	bool seconds = false;

	if (!parse_u32(val, &count, &rest) || count == 0)
		goto bad;
	if (*rest == 's') {
		seconds = true;
		rest++;
	}
	if (*rest == ',' && !parse_u32(rest + 1, &seed, &rest))
		goto bad;
	if (*rest != '\0')
		goto bad;
	p->stress_count = count;
	p->stress_seconds = seconds;
	p->stress_seed = seed;
	return;
bad:
	report(p, "stress=" WORD_SHOWN " is not a count (stress=<n>[s][,<seed>], n from 1); ignored\n", val);
}

struct param {
	const char *key;
	void (*parse)(const char *val, struct boot_params *p);
	const char *usage;
};

static const struct param params[] = {
	{ "mem", parse_mem, "mem=<size>[@<start>]" },
	{ "vmalloc", parse_vmalloc, "vmalloc=<size>" },
	{ "loglevel", parse_loglevel, "loglevel=<0..15>" },
	{ "selftest", parse_selftest, NULL },	/* also valid alone */
	{ "stress", parse_stress, "stress=<n>[s][,<seed>]" },
};

/* One word, NUL-terminated: "key", "key=" or "key=value". */
static void parse_word(char *word, struct boot_params *p)
{
	char *eq = strchr(word, '=');
	unsigned int i;

	if (strcmp(word, "quiet") == 0) {
		p->quiet = true;
		return;
	}
	if (strcmp(word, "bench") == 0) {
		p->bench = true;
		return;
	}
	if (strcmp(word, "selftest") == 0) {
		p->selftest = true;
		p->selftest_filter[0] = '\0';
		return;
	}
	if (eq)
		*eq = '\0';
	for (i = 0; i < ARRAY_SIZE(params); i++) {
		const struct param *pm = &params[i];

		if (strcmp(word, pm->key) != 0)
			continue;
		if (!eq)
			report(p, "%s needs a value (%s); ignored\n", word, pm->usage);
		else if (eq[1] == '\0' && pm->usage)
			report(p, "%s= has no value (%s); ignored\n", word, pm->usage);
		else
			pm->parse(eq + 1, p);
		return;
	}
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void __init cmdline_parse(const char *cmdline, struct boot_params *p)
{
	static char word[CMDLINE_MAX];	/* boot is single-threaded; keeps 1 KiB off the stack */
	size_t len, i = 0;

	memset(p, 0, sizeof(*p));
	p->stress_seed = 1;
	p->loglevel = -1;
	if (!cmdline)
		return;

	len = strnlen(cmdline, CMDLINE_MAX);
	if (len >= CMDLINE_MAX) {
		len = CMDLINE_MAX - 1;
		report(p, "command line is longer than %u bytes; only the first %u are used\n",
		       CMDLINE_MAX - 1, CMDLINE_MAX - 1);
	}
	while (i < len) {
		size_t n = 0;

		while (i < len && is_space(cmdline[i]))
			i++;
		while (i < len && !is_space(cmdline[i]))
			word[n++] = cmdline[i++];
		if (n == 0)
			break;
		word[n] = '\0';
		parse_word(word, p);
	}
}

/* ---- mem=: ARM Linux 6.1's early_mem and arm_add_memory ---- */

#define PHYS_LIMIT	0xffffffffULL	/* ULONG_MAX, arm_add_memory's bound without LPAE */

/*
 * arm_add_memory: the start rounded up to a page (the size shrinking with
 * it), the range held to [phys_offset, PHYS_LIMIT], the size rounded down
 * to a page; added to memblock if a page is left.  The messages are
 * Linux's.
 */
static void __init add_mem_bank(u64 start, u64 size, phys_addr_t phys_offset)
{
	u64 aligned = ALIGN(start, (u64)PAGE_SIZE);

	if (start > PHYS_LIMIT || aligned > PHYS_LIMIT) {
		printk(KERN_CRIT "Ignoring memory at 0x%08llx outside 32-bit physical address space\n",
			(unsigned long long)start);
		return;
	}
	size = size < aligned - start ? 0 : size - (aligned - start);
	if (size > PHYS_LIMIT - aligned) {
		printk(KERN_CRIT "Truncating memory at 0x%08llx to fit in 32-bit physical address space\n",
			(unsigned long long)start);
		size = PHYS_LIMIT - aligned;
	}
	if (aligned < phys_offset) {
		u64 end = aligned + size;

		pr_info("Ignoring memory below PHYS_OFFSET: 0x%08llx-0x%08llx\n", (unsigned long long)aligned,
			(unsigned long long)min(end, (u64)phys_offset));
		if (end <= phys_offset)
			return;
		size = end - phys_offset;
		aligned = phys_offset;
	}
	size &= ~(u64)(PAGE_SIZE - 1);
	if (size)
		memblock_add((phys_addr_t)aligned, (phys_addr_t)size);
}

/* True if memblock.memory holds every page of [start, end). */
static bool __init memory_holds(phys_addr_t start, phys_addr_t end)
{
	for (phys_addr_t a = start & PAGE_MASK; a < end; a += PAGE_SIZE)
		if (!memblock_is_memory(a))
			return false;
	return true;
}

int __init cmdline_apply_mem(const struct boot_params *p, phys_addr_t phys_offset,
			     phys_addr_t kstart, phys_addr_t kend)
{
	static struct memblock_type dt_memory;	/* put back if the mem= banks miss the kernel */
	phys_addr_t dt_start = memblock_start_of_DRAM(), dt_end = memblock_end_of_DRAM();
	phys_addr_t end;

	if (!p->nr_mem)
		return 0;
	dt_memory = memblock.memory;
	/* The first mem= blows away the memory the device tree described. */
	if (dt_end > dt_start)
		memblock_remove(dt_start, dt_end - dt_start);
	for (unsigned int i = 0; i < p->nr_mem; i++)
		add_mem_bank(p->mem[i].start == MEM_START_PHYS_OFFSET ? phys_offset : p->mem[i].start,
			     p->mem[i].size, phys_offset);
	end = memblock_end_of_DRAM();
	if (end > dt_end) {
		pr_warn("cmdline: mem= reaches past the end of RAM the device tree describes (0x%08x); "
			"[mem 0x%08x-0x%08x] dropped\n", (unsigned int)dt_end, (unsigned int)dt_end,
			(unsigned int)(end - 1));
		memblock_remove(dt_end, end - dt_end);
	}
	if (!memory_holds(kstart, kend)) {
		pr_warn("cmdline: mem= leaves out the running kernel at 0x%08x-0x%08x; every mem= ignored, "
			"the device tree's memory kept\n", (unsigned int)kstart, (unsigned int)(kend - 1));
		memblock.memory = dt_memory;
		return -EINVAL;
	}
	return 0;
}
