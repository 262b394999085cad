/*
 * /chosen linux,initrd-start and linux,initrd-end (kernel/bootfdt.c) on the
 * host: one-cell and two-cell values as U-Boot and QEMU write them, and
 * each bad pair reported on one "fdt: " line and dropped (the kernel then
 * boots without an initramfs).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <libfdt.h>
#include <bootfdt.h>
#include "host.h"

static char blob[4096] __attribute__((aligned(8)));
static struct bootfdt info;

#define OK(call) do {								\
		int err_ = (call);						\
		if (err_ < 0)							\
			fail_msg("%s failed: %s", #call, fdt_strerror(err_));	\
	} while (0)

enum { ABSENT = 0, ONE_CELL = 4, TWO_CELLS = 8 };

static void put(const char *name, u64 v, int len)
{
	fdt32_t cells[2] = { cpu_to_fdt32((u32)(v >> 32)), cpu_to_fdt32((u32)v) };

	if (len == ONE_CELL)
		OK(fdt_property(blob, name, &cells[1], 4));
	else if (len)
		OK(fdt_property(blob, name, cells, len));
}

/* A blob with 1 GiB at 0x60000000 and /chosen holding the two properties as given. */
static void scan(u64 start, int start_len, u64 end, int end_len)
{
	const fdt32_t reg[] = { cpu_to_fdt32(0x60000000), cpu_to_fdt32(0x40000000) };

	host_log_clear();
	OK(fdt_create(blob, sizeof(blob)));
	OK(fdt_finish_reservemap(blob));
	OK(fdt_begin_node(blob, ""));
	OK(fdt_begin_node(blob, "memory@60000000"));
	OK(fdt_property_string(blob, "device_type", "memory"));
	OK(fdt_property(blob, "reg", reg, sizeof(reg)));
	OK(fdt_end_node(blob));
	OK(fdt_begin_node(blob, "chosen"));
	put("linux,initrd-start", start, start_len);
	put("linux,initrd-end", end, end_len);
	OK(fdt_end_node(blob));
	OK(fdt_end_node(blob));
	OK(fdt_finish(blob));
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), 0);
}

static void expect_range(u64 start, u64 end)
{
	if (info.initrd_start != start || info.initrd_end != end)
		fail_msg("initrd is [0x%llx, 0x%llx), expected [0x%llx, 0x%llx)",
			 (unsigned long long)info.initrd_start, (unsigned long long)info.initrd_end,
			 (unsigned long long)start, (unsigned long long)end);
}

/* QEMU's -initrd (one cell each) and a two-cell pair both read as written; none at all is no initrd, silently. */
static void test_good_values(void **state)
{
	(void)state;
	scan(0x68000000, ONE_CELL, 0x68029ee8, ONE_CELL);
	host_log_expect_empty();
	expect_range(0x68000000, 0x68029ee8);
	scan(0x64000040, TWO_CELLS, 0x6402e550, TWO_CELLS);
	host_log_expect_empty();
	expect_range(0x64000040, 0x6402e550);
	scan(0, ABSENT, 0, ABSENT);
	host_log_expect_empty();
	expect_range(0, 0);
}

static void test_bad_values(void **state)
{
	(void)state;
	scan(0x68000000, ONE_CELL, 0, ABSENT);
	host_log_expect("fdt: /chosen linux,initrd-start 0x68000000 and -end 0x0 do not make a range; initrd ignored");
	expect_range(0, 0);
	scan(0x68010000, ONE_CELL, 0x68000000, ONE_CELL);
	host_log_expect("fdt: /chosen linux,initrd-start 0x68010000 and -end 0x68000000 do not make a range; "
			"initrd ignored");
	expect_range(0, 0);
	scan(0x68000000, 2, 0x68010000, ONE_CELL);	/* two bytes: neither one cell nor two */
	host_log_expect("fdt: /chosen/linux,initrd-start is 2 bytes, not one or two cells; initrd ignored",
			"fdt: /chosen linux,initrd-start 0x0 and -end 0x68010000 do not make a range; initrd ignored");
	expect_range(0, 0);
	scan(0xfffff000, TWO_CELLS, 0x100001000ULL, TWO_CELLS);	/* past the 32-bit physical space */
	host_log_expect("fdt: /chosen linux,initrd-start 0xfffff000 and -end 0x100001000 do not make a range; "
			"initrd ignored");
	expect_range(0, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_values),
		cmocka_unit_test(test_bad_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
