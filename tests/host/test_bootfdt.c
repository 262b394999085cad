/*
 * The device tree reader on the host.  Each scenario builds its blob here
 * with libfdt's sequential-write API (some then damaged on purpose), scans
 * it, and checks both what was kept and the exact "fdt: " lines reported.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <libfdt.h>
#include <bootfdt.h>
#include "host.h"

#define RAM	0x60000000U
#define M	0x100000U
#define NONE	(-1)		/* leave a #-cells property out */

static char blob[16384] __attribute__((aligned(8)));
static struct bootfdt info;

#define OK(call) do {								\
		int err_ = (call);						\
		if (err_ < 0)							\
			fail_msg("%s failed: %s", #call, fdt_strerror(err_));	\
	} while (0)

static int setup(void **state)
{
	(void)state;
	memset(&info, 0x5a, sizeof(info));	/* bootfdt_scan must set every field */
	host_log_clear();
	return 0;
}

/* Header and root: memreserve entries (pairs; count n), root cells (NONE to omit) and model. */
static void begin(const u64 *rsv, unsigned int n, int ac, int sc, const char *model)
{
	unsigned int i;

	OK(fdt_create(blob, sizeof(blob)));
	for (i = 0; i < n; i++)
		OK(fdt_add_reservemap_entry(blob, rsv[2 * i], rsv[2 * i + 1]));
	OK(fdt_finish_reservemap(blob));
	OK(fdt_begin_node(blob, ""));
	if (ac != NONE)
		OK(fdt_property_u32(blob, "#address-cells", (u32)ac));
	if (sc != NONE)
		OK(fdt_property_u32(blob, "#size-cells", (u32)sc));
	if (model)
		OK(fdt_property_string(blob, "model", model));
}

/* A memory node whose reg is the given cells (already in #address/#size-cells layout). */
static void memory_node(const char *name, const u32 *cells, unsigned int n)
{
	fdt32_t reg[64];
	unsigned int i;

	assert_true(n <= ARRAY_SIZE(reg));
	for (i = 0; i < n; i++)
		reg[i] = cpu_to_fdt32(cells[i]);
	OK(fdt_begin_node(blob, name));
	OK(fdt_property_string(blob, "device_type", "memory"));
	OK(fdt_property(blob, "reg", reg, (int)(n * 4)));
	OK(fdt_end_node(blob));
}

/* /chosen with bootargs given as raw bytes (so they can lack their NUL). */
static void chosen(const char *bytes, int len)
{
	OK(fdt_begin_node(blob, "chosen"));
	OK(fdt_property(blob, "bootargs", bytes, len));
	OK(fdt_end_node(blob));
}

static size_t finish(void)
{
	OK(fdt_end_node(blob));
	OK(fdt_finish(blob));
	return fdt_totalsize(blob);
}

static void expect_bank(unsigned int i, phys_addr_t base, phys_addr_t size)
{
	if (i >= info.nr_banks)
		fail_msg("bank %u missing: only %u banks", i, info.nr_banks);
	if (info.banks[i].base != base || info.banks[i].size != size)
		fail_msg("bank %u is [0x%08x+0x%08x], expected [0x%08x+0x%08x]", i,
			 info.banks[i].base, info.banks[i].size, base, size);
}

static void expect_reserved(unsigned int i, phys_addr_t base, phys_addr_t size)
{
	if (i >= info.nr_reserved)
		fail_msg("reserved range %u missing: only %u", i, info.nr_reserved);
	if (info.reserved[i].base != base || info.reserved[i].size != size)
		fail_msg("reserved %u is [0x%08x+0x%08x], expected [0x%08x+0x%08x]", i,
			 info.reserved[i].base, info.reserved[i].size, base, size);
}

/* Everything read from a sound blob, and nothing said. */
static void test_good_blob(void **state)
{
	static const u64 rsv[] = { 0x9ff00000, 0x100000 };
	static const u32 reg[] = { RAM, 0x40000000 };
	static const u32 vram[] = { 0x9f000000, 0x800000 };
	size_t size;

	(void)state;
	begin(rsv, 1, 1, 1, "V2P-CA9");
	memory_node("memory@60000000", reg, 2);
	OK(fdt_begin_node(blob, "reserved-memory"));
	OK(fdt_property_u32(blob, "#address-cells", 1));
	OK(fdt_property_u32(blob, "#size-cells", 1));
	OK(fdt_begin_node(blob, "vram@9f000000"));
	OK(fdt_property(blob, "reg", (fdt32_t[]){ cpu_to_fdt32(vram[0]), cpu_to_fdt32(vram[1]) }, 8));
	OK(fdt_end_node(blob));
	OK(fdt_end_node(blob));
	chosen("console=ttyAMA0 mem=512M", 25);
	size = finish();

	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), 0);
	host_log_expect_empty();
	assert_int_equal(info.nr_problems, 0);
	assert_int_equal(info.totalsize, size);
	assert_int_equal(info.addr_cells, 1);
	assert_int_equal(info.size_cells, 1);
	assert_string_equal(info.model, "V2P-CA9");
	assert_int_equal(info.nr_banks, 1);
	expect_bank(0, RAM, 0x40000000);
	assert_int_equal(info.nr_reserved, 2);
	expect_reserved(0, 0x9ff00000, 0x100000);
	expect_reserved(1, 0x9f000000, 0x800000);
	assert_string_equal(info.bootargs, "console=ttyAMA0 mem=512M");
	assert_true(bootfdt_has_magic(blob));
}

/*
 * Without #address-cells/#size-cells Linux's defaults apply, 1 and 1
 * (OF_ROOT_NODE_*_CELLS_DEFAULT), not the specification's 2 and 1: reg is
 * 2 cells per bank.  Read as 2/1, these 4 cells would be one bank at
 * 0x6000000020000000 (outside 32 bits) and a partial entry.
 */
static void test_default_cells(void **state)
{
	static const u32 reg[] = { RAM, 0x20000000, 0x80000000, 0x10000000 };

	(void)state;
	begin(NULL, 0, NONE, NONE, NULL);
	memory_node("memory", reg, 4);
	finish();
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), 0);
	host_log_expect_empty();
	assert_int_equal(info.addr_cells, 1);
	assert_int_equal(info.size_cells, 1);
	assert_string_equal(info.model, "");
	assert_string_equal(info.bootargs, "");
	assert_int_equal(info.nr_banks, 2);
	expect_bank(0, RAM, 0x20000000);
	expect_bank(1, 0x80000000, 0x10000000);
}

/* Only #size-cells missing: it is 1, and #address-cells = <2> still reads 3 cells per bank. */
static void test_default_size_cells(void **state)
{
	static const u32 reg[] = { 0, RAM, 0x20000000 };

	(void)state;
	begin(NULL, 0, 2, NONE, NULL);
	memory_node("memory", reg, 3);
	finish();
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), 0);
	host_log_expect_empty();
	assert_int_equal(info.addr_cells, 2);
	assert_int_equal(info.size_cells, 1);
	assert_int_equal(info.nr_banks, 1);
	expect_bank(0, RAM, 0x20000000);
}

/* A minimal valid blob: 1 GiB at RAM, cells 1/1. */
static size_t plain_blob(void)
{
	static const u32 reg[] = { RAM, 0x40000000 };

	begin(NULL, 0, 1, 1, NULL);
	memory_node("memory@60000000", reg, 2);
	return finish();
}

static void set_header(unsigned int field_offset, u32 value)
{
	fdt32_t v = cpu_to_fdt32(value);

	memcpy(blob + field_offset, &v, 4);
}

/* Damage to the header or blocks: the blob is not used, with one line saying why. */
static void test_bad_magic(void **state)
{
	(void)state;
	plain_blob();
	set_header(offsetof(struct fdt_header, magic), 0xfeedd00d);
	assert_false(bootfdt_has_magic(blob));
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), -FDT_ERR_BADMAGIC);
	host_log_expect("fdt: bad magic 0xfeedd00d (expected 0xd00dfeed); not used");
	assert_int_equal(info.nr_problems, 1);
	assert_int_equal(info.nr_banks, 0);
}

static void test_truncated(void **state)
{
	size_t size;

	(void)state;
	size = plain_blob();
	assert_int_equal(bootfdt_scan(blob, size - 1, &info), -FDT_ERR_TRUNCATED);
	host_log_expect("fdt: blob is truncated (totalsize ");
	assert_true(host_log_contains(" but only "));

	/* Fewer bytes than a header, and no blob at all. */
	host_log_clear();
	assert_int_equal(bootfdt_scan(blob, 20, &info), -FDT_ERR_TRUNCATED);
	host_log_expect("fdt: blob is truncated (only 20 bytes readable, less than its header); not used");
	host_log_clear();
	assert_int_equal(bootfdt_scan(NULL, 4096, &info), -FDT_ERR_TRUNCATED);
	host_log_expect("fdt: no blob (only 4096 bytes readable); not used");
}

static void test_wrong_version(void **state)
{
	(void)state;
	plain_blob();
	set_header(offsetof(struct fdt_header, version), 1);
	set_header(offsetof(struct fdt_header, last_comp_version), 1);
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), -FDT_ERR_BADVERSION);
	host_log_expect("fdt: version 1 (last compatible 1) is not one this kernel reads (16..17); not used");

	host_log_clear();
	plain_blob();
	set_header(offsetof(struct fdt_header, last_comp_version), 18);
	set_header(offsetof(struct fdt_header, version), 18);
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), -FDT_ERR_BADVERSION);
	host_log_expect("fdt: version 18 (last compatible 18) is not one this kernel reads (16..17); not used");

	/*
	 * Versions 2..15 pass libfdt's header check, but their node names are
	 * full paths and fdt_check_full follows a NULL name when the root's has
	 * no '/' (found by tests/fuzz/fuzz_fdt): refused before that.
	 */
	host_log_clear();
	plain_blob();
	set_header(offsetof(struct fdt_header, version), 9);
	set_header(offsetof(struct fdt_header, last_comp_version), 3);
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), -FDT_ERR_BADVERSION);
	host_log_expect("fdt: version 9 (last compatible 3) is not one this kernel reads (16..17); not used");
}

/* The structure block said to start past the end of the blob. */
static void test_offsets_past_end(void **state)
{
	size_t size;

	(void)state;
	size = plain_blob();
	set_header(offsetof(struct fdt_header, off_dt_struct), (u32)size + 0x100);
	assert_true(bootfdt_scan(blob, sizeof(blob), &info) < 0);
	host_log_expect("fdt: blob fails the structure check (FDT_ERR_TRUNCATED); not used");
	assert_int_equal(info.nr_banks, 0);
}

/*
 * Block offsets that break the spec's alignment (reservations 8, structure 4)
 * are refused before libfdt reads through them (found by tests/fuzz/fuzz_fdt:
 * misaligned loads in fdt_next_tag).  The blob is shifted so the damaged
 * offset still points at the real block.
 */
static void test_misaligned_blocks(void **state)
{
	size_t size;
	u32 off;

	(void)state;
	size = plain_blob();
	off = fdt_off_dt_struct(blob);
	memmove(blob + off + 2, blob + off, size - off);
	set_header(offsetof(struct fdt_header, off_dt_struct), off + 2);
	set_header(offsetof(struct fdt_header, off_dt_strings), fdt_off_dt_strings(blob) + 2);
	set_header(offsetof(struct fdt_header, totalsize), (u32)size + 2);
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), -FDT_ERR_BADLAYOUT);
	host_log_expect("fdt: misaligned blocks (reservations at 0x30, structure at 0x");

	host_log_clear();
	size = plain_blob();
	set_header(offsetof(struct fdt_header, off_mem_rsvmap), 0x34);
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), -FDT_ERR_BADLAYOUT);
	host_log_expect("fdt: misaligned blocks (reservations at 0x34, structure at 0x");
	assert_int_equal(info.nr_banks, 0);
}

/* The strings block cut by one byte: the last property name loses its NUL. */
static void test_unterminated_name(void **state)
{
	(void)state;
	plain_blob();
	set_header(offsetof(struct fdt_header, size_dt_strings), fdt_size_dt_strings(blob) - 1);
	assert_true(bootfdt_scan(blob, sizeof(blob), &info) < 0);
	host_log_expect("fdt: blob fails the structure check (");
	assert_int_equal(info.nr_banks, 0);
}

/*
 * Node-level problems: each one line, the bad entry dropped, the rest kept.
 *   reg: [RAM, +512M)  [0x80000000, +0)  -> bank 1 has size 0
 */
static void test_zero_size_bank(void **state)
{
	static const u32 reg[] = { RAM, 0x20000000, 0x80000000, 0 };

	(void)state;
	begin(NULL, 0, 1, 1, NULL);
	memory_node("memory@60000000", reg, 4);
	finish();
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), 0);
	host_log_expect("fdt: /memory@60000000 bank 1 has size 0; ignored");
	assert_int_equal(info.nr_problems, 1);
	assert_int_equal(info.nr_banks, 1);
	expect_bank(0, RAM, 0x20000000);
}

/* Ten 16 MiB banks, 32 MiB apart: the first 8 kept, one line for the other 2. */
static void test_too_many_banks(void **state)
{
	u32 reg[20];
	unsigned int i;

	(void)state;
	for (i = 0; i < 10; i++) {
		reg[2 * i] = RAM + i * 32 * M;
		reg[2 * i + 1] = 16 * M;
	}
	begin(NULL, 0, 1, 1, NULL);
	memory_node("memory@60000000", reg, 20);
	finish();
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), 0);
	host_log_expect("fdt: 2 memory banks beyond the first 8 dropped");
	assert_int_equal(info.nr_banks, BOOTFDT_MAX_BANKS);
	expect_bank(7, RAM + 7 * 32 * M, 16 * M);
}

/*
 * 64-bit cells:
 *   bank 0 [0xf0000000, 0x110000000)  reaches past 4 GiB: clipped at 0xffffffff
 *   bank 1 [0x100000000, +256M)       entirely above: ignored
 */
static void test_bank_past_4g(void **state)
{
	static const u32 reg[] = { 0, 0xf0000000, 0, 0x20000000, 1, 0, 0, 0x10000000 };

	(void)state;
	begin(NULL, 0, 2, 2, NULL);
	memory_node("memory@f0000000", reg, 8);
	finish();
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), 0);
	host_log_expect("fdt: /memory@f0000000 bank 0 [0xf0000000-0x10fffffff] reaches past the 32-bit physical space; clipped to [0xf0000000-0xfffffffe]",
			"fdt: /memory@f0000000 bank 1 at 0x100000000 lies outside the 32-bit physical space; ignored");
	assert_int_equal(info.nr_banks, 1);
	expect_bank(0, 0xf0000000, 0x0fffffff);
}

/*
 * Overlaps with earlier banks lose the overlapping part only:
 *   bank 0:  [RAM,      RAM+512M)
 *   bank 1:        [RAM+256M,        RAM+768M)   -> [RAM+512M, RAM+768M)
 *   node 2:  [RAM-16M,                       RAM+1G)  covers both
 *            -> [RAM-16M, RAM) and [RAM+768M, RAM+1G)
 */
static void test_overlapping_banks(void **state)
{
	static const u32 reg[] = { RAM, 512 * M, RAM + 256 * M, 512 * M };
	static const u32 reg2[] = { RAM - 16 * M, 1040 * M };

	(void)state;
	begin(NULL, 0, 1, 1, NULL);
	memory_node("memory@60000000", reg, 4);
	memory_node("memory@5f000000", reg2, 2);
	finish();
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), 0);
	host_log_expect("fdt: /memory@60000000 bank 1 [0x70000000-0x8fffffff] overlaps an earlier bank; the overlap is dropped",
			"fdt: /memory@5f000000 bank 0 [0x5f000000-0x9fffffff] overlaps an earlier bank; the overlap is dropped");
	assert_int_equal(info.nr_banks, 4);
	expect_bank(0, RAM, 512 * M);
	expect_bank(1, RAM + 512 * M, 256 * M);
	expect_bank(2, RAM - 16 * M, 16 * M);
	expect_bank(3, RAM + 768 * M, 256 * M);
}

/*
 *   memory:      [RAM, RAM+1G)
 *   memreserve:  [RAM, RAM+1G)    covers it all: ignored, the kernel could not run
 *                [RAM+1M, +1M)    kept
 */
static void test_memreserve_covering_everything(void **state)
{
	static const u64 rsv[] = { RAM, 0x40000000, RAM + M, M };
	static const u32 reg[] = { RAM, 0x40000000 };

	(void)state;
	begin(rsv, 2, 1, 1, NULL);
	memory_node("memory@60000000", reg, 2);
	finish();
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), 0);
	host_log_expect("fdt: /memreserve/ entry 0 [0x60000000-0x9fffffff] covers all memory; ignored");
	assert_int_equal(info.nr_reserved, 1);
	expect_reserved(0, RAM + M, M);
}

/* Root cells other than 1 or 2, or of the wrong length: no bank can be read. */
static void test_bad_cells(void **state)
{
	static const u32 reg[] = { 0, 0, RAM, 0x40000000 };

	(void)state;
	begin(NULL, 0, 3, 1, NULL);
	memory_node("memory@60000000", reg, 4);
	finish();
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), 0);
	host_log_expect("fdt: / #address-cells is 3 (only 1 or 2 supported); its reg entries are not read",
			"fdt: no usable memory bank found");
	assert_int_equal(info.nr_banks, 0);

	host_log_clear();
	OK(fdt_create(blob, sizeof(blob)));
	OK(fdt_finish_reservemap(blob));
	OK(fdt_begin_node(blob, ""));
	OK(fdt_property(blob, "#size-cells", "\0\0", 2));
	memory_node("memory@60000000", reg + 2, 2);
	finish();
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), 0);
	host_log_expect("fdt: / #size-cells is 2 bytes long (expected 4); its reg entries are not read",
			"fdt: no usable memory bank found");
}

/* bootargs: too long is truncated to 1023 bytes; without its NUL it is not used. */
static void test_bootargs_problems(void **state)
{
	static const u32 reg[] = { RAM, 0x40000000 };
	char args[1500];

	(void)state;
	memset(args, 'a', sizeof(args) - 1);
	args[sizeof(args) - 1] = '\0';
	begin(NULL, 0, 1, 1, NULL);
	memory_node("memory@60000000", reg, 2);
	chosen(args, sizeof(args));
	finish();
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), 0);
	host_log_expect("fdt: /chosen/bootargs is 1499 bytes long, more than 1023; truncated");
	assert_int_equal(strlen(info.bootargs), BOOTFDT_CMDLINE_SIZE - 1);

	host_log_clear();
	begin(NULL, 0, 1, 1, NULL);
	memory_node("memory@60000000", reg, 2);
	chosen("console=ttyAMA0", 15);		/* the NUL left out */
	finish();
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), 0);
	host_log_expect("fdt: /chosen/bootargs is not NUL-terminated within its 15 bytes; ignored");
	assert_string_equal(info.bootargs, "");
	assert_int_equal(info.nr_banks, 1);
}

/* A reg whose length is not a whole number of entries: the whole entries are kept. */
static void test_reg_partial_entry(void **state)
{
	static const u32 reg[] = { RAM, 0x20000000, 0x80000000 };

	(void)state;
	begin(NULL, 0, 1, 1, NULL);
	memory_node("memory@60000000", reg, 3);
	finish();
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), 0);
	host_log_expect("fdt: /memory@60000000 reg is 12 bytes, not a multiple of 8; the last 4 bytes are ignored");
	assert_int_equal(info.nr_banks, 1);
	expect_bank(0, RAM, 0x20000000);
}

/*
 * Which nodes count as memory: device_type "memory" whatever the name, or a
 * name memory / memory@...; status "disabled" ones are skipped; a node with
 * no usable bank at all is reported once.
 */
static void test_memory_node_selection(void **state)
{
	const fdt32_t dram[] = { cpu_to_fdt32(RAM), cpu_to_fdt32(256 * M) };
	const fdt32_t sram[] = { cpu_to_fdt32(0x48000000), cpu_to_fdt32(32 * M) };
	const fdt32_t off[] = { cpu_to_fdt32(0x80000000), cpu_to_fdt32(256 * M) };

	(void)state;
	begin(NULL, 0, 1, 1, NULL);
	OK(fdt_begin_node(blob, "dram"));
	OK(fdt_property_string(blob, "device_type", "memory"));
	OK(fdt_property(blob, "reg", dram, sizeof(dram)));
	OK(fdt_end_node(blob));
	OK(fdt_begin_node(blob, "memory@48000000"));	/* named only */
	OK(fdt_property(blob, "reg", sram, sizeof(sram)));
	OK(fdt_end_node(blob));
	OK(fdt_begin_node(blob, "memory@80000000"));
	OK(fdt_property_string(blob, "status", "disabled"));
	OK(fdt_property(blob, "reg", off, sizeof(off)));
	OK(fdt_end_node(blob));
	OK(fdt_begin_node(blob, "memoryless"));		/* not memory */
	OK(fdt_property(blob, "reg", off, sizeof(off)));
	OK(fdt_end_node(blob));
	finish();
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), 0);
	host_log_expect_empty();
	assert_int_equal(info.nr_banks, 2);
	expect_bank(0, RAM, 256 * M);
	expect_bank(1, 0x48000000, 32 * M);

	host_log_clear();
	begin(NULL, 0, 1, 1, NULL);
	OK(fdt_begin_node(blob, "memory"));
	OK(fdt_end_node(blob));
	finish();
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), 0);
	host_log_expect("fdt: /memory has no reg; ignored", "fdt: no usable memory bank found");

	/*
	 * Control characters in a node name are shown as '?', so a report stays
	 * one line (found by tests/fuzz/fuzz_fdt's one-line-per-problem check).
	 */
	host_log_clear();
	begin(NULL, 0, 1, 1, NULL);
	OK(fdt_begin_node(blob, "mem\nory@0"));
	OK(fdt_property_string(blob, "device_type", "memory"));
	OK(fdt_end_node(blob));
	finish();
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), 0);
	host_log_expect("fdt: /mem?ory@0 has no reg; ignored", "fdt: no usable memory bank found");
	assert_int_equal(info.nr_problems, 2);
}

/* /reserved-memory children: with reg kept, without reg (dynamic) reported, size 0 reported. */
static void test_reserved_memory_children(void **state)
{
	static const u32 reg[] = { RAM, 0x40000000 };
	const fdt32_t cma[] = { cpu_to_fdt32(0x98000000), cpu_to_fdt32(64 * M) };
	const fdt32_t empty[] = { cpu_to_fdt32(0x90000000), cpu_to_fdt32(0) };

	(void)state;
	begin(NULL, 0, 1, 1, NULL);
	memory_node("memory@60000000", reg, 2);
	OK(fdt_begin_node(blob, "reserved-memory"));
	OK(fdt_property_u32(blob, "#address-cells", 1));
	OK(fdt_property_u32(blob, "#size-cells", 1));
	OK(fdt_begin_node(blob, "cma@98000000"));
	OK(fdt_property(blob, "reg", cma, sizeof(cma)));
	OK(fdt_end_node(blob));
	OK(fdt_begin_node(blob, "pool"));
	OK(fdt_property_u32(blob, "size", 0x100000));
	OK(fdt_end_node(blob));
	OK(fdt_begin_node(blob, "nothing@90000000"));
	OK(fdt_property(blob, "reg", empty, sizeof(empty)));
	OK(fdt_end_node(blob));
	OK(fdt_end_node(blob));
	finish();
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), 0);
	host_log_expect("fdt: /reserved-memory/pool has no reg; ignored",
			"fdt: /reserved-memory/nothing@90000000 entry 0 has size 0; ignored");
	assert_int_equal(info.nr_reserved, 1);
	expect_reserved(0, 0x98000000, 64 * M);
	assert_int_equal(info.nr_problems, 2);
}

/*
 * no-map: a /reserved-memory child with it is flagged for
 * memblock_mark_nomap, one without it, and /memreserve/, are plain
 * reservations.  The node's cells are absent: the root's (1/1) apply.
 *
 *   0x9ff00000 /memreserve/    0x7f000000 fb (no-map)    0x7e000000 buf
 */
static void test_reserved_memory_no_map(void **state)
{
	static const u64 rsv[] = { 0x9ff00000, 0x100000 };
	static const u32 reg[] = { RAM, 0x40000000 };
	const fdt32_t fb[] = { cpu_to_fdt32(0x7f000000), cpu_to_fdt32(8 * M) };
	const fdt32_t buf[] = { cpu_to_fdt32(0x7e000000), cpu_to_fdt32(1 * M) };

	(void)state;
	begin(rsv, 1, 1, 1, NULL);
	memory_node("memory@60000000", reg, 2);
	OK(fdt_begin_node(blob, "reserved-memory"));
	OK(fdt_property(blob, "ranges", "", 0));
	OK(fdt_begin_node(blob, "fb@7f000000"));
	OK(fdt_property(blob, "reg", fb, sizeof(fb)));
	OK(fdt_property(blob, "no-map", "", 0));
	OK(fdt_end_node(blob));
	OK(fdt_begin_node(blob, "buf@7e000000"));
	OK(fdt_property(blob, "reg", buf, sizeof(buf)));
	OK(fdt_end_node(blob));
	OK(fdt_end_node(blob));
	finish();
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), 0);
	host_log_expect_empty();
	assert_int_equal(info.nr_reserved, 3);
	expect_reserved(0, 0x9ff00000, 1 * M);
	assert_false(info.reserved[0].nomap);
	expect_reserved(1, 0x7f000000, 8 * M);
	assert_true(info.reserved[1].nomap);
	expect_reserved(2, 0x7e000000, 1 * M);
	assert_false(info.reserved[2].nomap);
}

/* A model longer than the field is truncated with a report. */
static void test_long_model(void **state)
{
	static const u32 reg[] = { RAM, 0x40000000 };
	char model[100];

	(void)state;
	memset(model, 'm', sizeof(model) - 1);
	model[sizeof(model) - 1] = '\0';
	begin(NULL, 0, 1, 1, model);
	memory_node("memory@60000000", reg, 2);
	finish();
	assert_int_equal(bootfdt_scan(blob, sizeof(blob), &info), 0);
	host_log_expect("fdt: /model is 99 bytes long, more than 63; truncated");
	assert_int_equal(strlen(info.model), 63);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_good_blob, setup),
		cmocka_unit_test_setup(test_default_cells, setup),
		cmocka_unit_test_setup(test_default_size_cells, setup),
		cmocka_unit_test_setup(test_reserved_memory_no_map, setup),
		cmocka_unit_test_setup(test_bad_magic, setup),
		cmocka_unit_test_setup(test_truncated, setup),
		cmocka_unit_test_setup(test_wrong_version, setup),
		cmocka_unit_test_setup(test_offsets_past_end, setup),
		cmocka_unit_test_setup(test_misaligned_blocks, setup),
		cmocka_unit_test_setup(test_unterminated_name, setup),
		cmocka_unit_test_setup(test_zero_size_bank, setup),
		cmocka_unit_test_setup(test_too_many_banks, setup),
		cmocka_unit_test_setup(test_bank_past_4g, setup),
		cmocka_unit_test_setup(test_overlapping_banks, setup),
		cmocka_unit_test_setup(test_memreserve_covering_everything, setup),
		cmocka_unit_test_setup(test_bad_cells, setup),
		cmocka_unit_test_setup(test_bootargs_problems, setup),
		cmocka_unit_test_setup(test_reg_partial_entry, setup),
		cmocka_unit_test_setup(test_memory_node_selection, setup),
		cmocka_unit_test_setup(test_reserved_memory_children, setup),
		cmocka_unit_test_setup(test_long_model, setup),
	};

	return cmocka_run_group_tests_name("bootfdt", tests, NULL, NULL);
}
