/*
 * Fuzz target: bootfdt_scan() on arbitrary bytes, told that exactly the
 * input is readable.  The input sits in its own heap block of exactly that
 * size, so AddressSanitizer stops any read past it.  Whatever the blob, the
 * scan must not crash and must print one "fdt: " line per problem it counts;
 * when it accepts the blob (returns 0):
 *   - every bank is non-empty, ends at or below 0xffffffff and overlaps no
 *     other bank; there are at most BOOTFDT_MAX_BANKS of them;
 *   - every reserved range is non-empty and ends at or below 0xffffffff;
 *   - model and bootargs are NUL-terminated strings inside their arrays;
 *   - totalsize is no larger than the input.
 */
#include <stdlib.h>
#include <string.h>

#include <bootfdt.h>
#include "fuzz.h"
#include "host.h"

#define PHYS_END	0xffffffffULL	/* exclusive end of the 32-bit space, as bootfdt.c has it */

static void check_range(const char *kind, unsigned int i, const struct bootfdt_range *r)
{
	u64 end = (u64)r->base + r->size;

	fuzz_check(r->size != 0, "%s %u at 0x%x is empty", kind, i, r->base);
	fuzz_check(end <= PHYS_END, "%s %u [0x%x + 0x%x] reaches past 0xffffffff", kind, i, r->base, r->size);
}

static void check_info(const struct bootfdt *info, size_t size)
{
	unsigned int i, j;

	fuzz_check(info->totalsize <= size, "totalsize %u but only %zu bytes given", info->totalsize, size);
	fuzz_check(info->nr_banks <= BOOTFDT_MAX_BANKS, "%u banks", info->nr_banks);
	fuzz_check(info->nr_reserved <= BOOTFDT_MAX_RESERVED, "%u reserved ranges", info->nr_reserved);
	fuzz_check(memchr(info->model, '\0', sizeof(info->model)), "model not terminated");
	fuzz_check(memchr(info->bootargs, '\0', sizeof(info->bootargs)), "bootargs not terminated");

	for (i = 0; i < info->nr_banks; i++) {
		const struct bootfdt_range *a = &info->banks[i];

		check_range("bank", i, a);
		for (j = 0; j < i; j++) {
			const struct bootfdt_range *b = &info->banks[j];

			fuzz_check((u64)a->base >= (u64)b->base + b->size || (u64)b->base >= (u64)a->base + a->size,
				   "banks %u [0x%x + 0x%x] and %u [0x%x + 0x%x] overlap",
				   j, b->base, b->size, i, a->base, a->size);
		}
	}
	for (i = 0; i < info->nr_reserved; i++)
		check_range("reserved range", i, &info->reserved[i]);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static struct bootfdt info;	/* over 1 KiB: kept off the stack */
	void *blob = malloc(size ? size : 1);
	int err;

	if (!blob)
		return 0;
	memcpy(blob, data, size);
	host_log_clear();

	err = bootfdt_scan(blob, size, &info);

	fuzz_check(err <= 0, "bootfdt_scan returned %d", err);
	fuzz_check(host_log_lines() == info.nr_problems && fuzz_log_is_lines("fdt: "),
		   "%u problems counted; the log should be as many lines starting \"fdt: \"", info.nr_problems);
	if (err < 0)
		fuzz_check(info.nr_problems > 0, "blob refused (%d) without a report", err);
	else
		check_info(&info, size);
	free(blob);
	return 0;
}
