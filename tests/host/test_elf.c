/*
 * The ELF validator (kernel/elf.c) on the host: a good static executable
 * passes with the entry, AT_PHDR and end computed by hand here; every kind
 * of malformed file is refused with -ENOEXEC and a phrase naming the
 * problem.
 *
 * The good file, built by build_good():
 *
 *   file offset 0     0x34        0x74              0x1000     0x1100
 *               | ehdr | 2 phdrs  | ...             | data     |
 *   segment 0: PT_LOAD R+X, offset 0,      vaddr 0x10000, filesz 0x1000, memsz 0x1000
 *   segment 1: PT_LOAD R+W, offset 0x1000, vaddr 0x11000, filesz 0x100,  memsz 0x3000 (bss)
 *   entry 0x10078, in segment 0
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <elf.h>
#include "host.h"

#define TASK_SIZE_3G	0xbf000000UL
#define FILE_SIZE	0x1100

static union {
	u8 bytes[FILE_SIZE];
	Elf32_Ehdr ehdr;
} file;
static Elf32_Phdr *ph;
static struct elf_image img;
static char why[160];

static int build_good(void **state)
{
	Elf32_Ehdr *e = &file.ehdr;

	(void)state;
	memset(&file, 0, sizeof(file));
	memcpy(e->e_ident, "\177ELF", 4);
	e->e_ident[EI_CLASS] = ELFCLASS32;
	e->e_ident[EI_DATA] = ELFDATA2LSB;
	e->e_ident[EI_VERSION] = EV_CURRENT;
	e->e_type = ET_EXEC;
	e->e_machine = EM_ARM;
	e->e_version = EV_CURRENT;
	e->e_entry = 0x10078;
	e->e_phoff = sizeof(Elf32_Ehdr);
	e->e_flags = 0x05000200;		/* EABI version 5, soft-float */
	e->e_ehsize = sizeof(Elf32_Ehdr);
	e->e_phentsize = sizeof(Elf32_Phdr);
	e->e_phnum = 2;
	ph = (Elf32_Phdr *)(file.bytes + e->e_phoff);
	ph[0] = (Elf32_Phdr){ PT_LOAD, 0, 0x10000, 0x10000, 0x1000, 0x1000, PF_R | PF_X, 0x1000 };
	ph[1] = (Elf32_Phdr){ PT_LOAD, 0x1000, 0x11000, 0x11000, 0x100, 0x3000, PF_R | PF_W, 0x1000 };
	return 0;
}

static int check(size_t size)
{
	return elf_check(file.bytes, size, TASK_SIZE_3G, &img, why, sizeof(why));
}

static void expect_refused(size_t size, const char *phrase)
{
	int err = check(size);

	if (err != -ENOEXEC || !strstr(why, phrase))
		fail_msg("expected -ENOEXEC with \"%s\", got %d \"%s\"", phrase, err, why);
}

static void test_good_file(void **state)
{
	(void)state;
	assert_int_equal(check(FILE_SIZE), 0);
	assert_int_equal(img.entry, 0x10078);
	/* The headers lie at file offset 0x34, inside segment 0, which maps offset 0 at 0x10000. */
	assert_int_equal(img.phdr_vaddr, 0x10000 + 0x34);
	assert_int_equal(img.end, 0x11000 + 0x3000);
	assert_string_equal(why, "");
}

static void test_truncated(void **state)
{
	(void)state;
	expect_refused(20, "shorter than an ELF header");
	/* Long enough for the header, not for its two program headers (0x34 + 64 bytes). */
	expect_refused(0x34 + 40, "program headers at 0x34 run past the end");
}

static void test_bad_ident(void **state)
{
	(void)state;
	file.ehdr.e_ident[1] = 'X';
	expect_refused(FILE_SIZE, "no ELF magic");
	build_good(NULL);
	file.ehdr.e_ident[EI_CLASS] = 2;	/* ELFCLASS64 */
	expect_refused(FILE_SIZE, "not ELF32");
	build_good(NULL);
	file.ehdr.e_machine = 3;		/* EM_386 */
	expect_refused(FILE_SIZE, "not ARM");
	build_good(NULL);
	file.ehdr.e_type = ET_DYN;
	expect_refused(FILE_SIZE, "not a static executable");
	build_good(NULL);
	file.ehdr.e_flags = 0;
	expect_refused(FILE_SIZE, "OABI");
}

static void test_phdr_table(void **state)
{
	(void)state;
	file.ehdr.e_phentsize = 40;
	expect_refused(FILE_SIZE, "program header size 40");
	build_good(NULL);
	file.ehdr.e_phnum = 0;
	expect_refused(FILE_SIZE, "0 program headers");
	build_good(NULL);
	/* phoff near 4 GiB: phoff + phnum * 32 must not wrap into "inside the file". */
	file.ehdr.e_phoff = 0xfffffff0;
	expect_refused(FILE_SIZE, "run past the end");
}

static void test_segment_outside_file(void **state)
{
	(void)state;
	ph[1].p_filesz = 0x101;			/* one byte past the 0x1100-byte file */
	expect_refused(FILE_SIZE, "segment 1: file bytes [0x1000+0x101] run past the end");
	build_good(NULL);
	ph[1].p_offset = 0xfffff000;		/* offset + filesz wraps 32 bits */
	ph[1].p_vaddr = 0x11000;
	expect_refused(FILE_SIZE, "segment 1: file bytes");
}

static void test_filesz_over_memsz(void **state)
{
	(void)state;
	ph[1].p_memsz = 0x80;
	expect_refused(FILE_SIZE, "segment 1: p_filesz 0x100 > p_memsz 0x80");
}

static void test_huge_memsz(void **state)
{
	(void)state;
	/* 0x11000 + 0xbefef001 = 0xbf000001: one byte past TASK_SIZE. */
	ph[1].p_memsz = 0xbefef001;
	expect_refused(FILE_SIZE, "segment 1: [0x11000+0xbefef001] is outside user space");
	ph[1].p_memsz = 0xbefef000;		/* ends exactly at TASK_SIZE: allowed */
	assert_int_equal(check(FILE_SIZE), 0);
	ph[1].p_memsz = 0xffffffff;		/* vaddr + memsz wraps 32 bits */
	expect_refused(FILE_SIZE, "outside user space");
}

static void test_overlap(void **state)
{
	(void)state;
	ph[1].p_vaddr = 0x10000;		/* the same page as segment 0 */
	ph[1].p_offset = 0x1000;
	expect_refused(FILE_SIZE, "segments 0 [0x10000+0x1000] and 1 [0x10000+0x3000] share a page");
	build_good(NULL);
	/* Segment 1 at 0x10fff (offset 0xfff, congruent) starts in segment 0's last page. */
	ph[1].p_vaddr = 0x10fff;
	ph[1].p_offset = 0xfff;
	expect_refused(FILE_SIZE, "share a page");
}

static void test_entry(void **state)
{
	(void)state;
	file.ehdr.e_entry = 0x11010;		/* inside segment 1, which is not executable */
	expect_refused(FILE_SIZE, "entry point 0x11010 is not inside an executable segment");
	file.ehdr.e_entry = 0x20000;		/* inside no segment */
	expect_refused(FILE_SIZE, "entry point 0x20000");
	file.ehdr.e_entry = 0x10fff;		/* the last byte of segment 0 */
	assert_int_equal(check(FILE_SIZE), 0);
}

static void test_interp_and_no_load(void **state)
{
	(void)state;
	ph[1].p_type = PT_INTERP;
	expect_refused(FILE_SIZE, "dynamically linked");
	build_good(NULL);
	ph[0].p_type = 6;			/* PT_PHDR */
	ph[1].p_type = 6;
	expect_refused(FILE_SIZE, "no PT_LOAD");
}

static void test_misaligned_offset(void **state)
{
	(void)state;
	ph[1].p_offset = 0x1010;		/* vaddr 0x11000 and offset 0x1010 differ within a page */
	ph[1].p_filesz = 0xf0;
	expect_refused(FILE_SIZE, "differ within a page");
}

/* 1G/3G: TASK_SIZE 0x3f000000, so a segment at 0x3f000000 is kernel space there. */
static void test_task_size_1g(void **state)
{
	(void)state;
	ph[1].p_vaddr = 0x3f000000;
	assert_int_equal(elf_check(file.bytes, FILE_SIZE, 0x3f000000UL, &img, why, sizeof(why)), -ENOEXEC);
	assert_non_null(strstr(why, "outside user space [0, 0x3f000000)"));
	assert_int_equal(check(FILE_SIZE), 0);	/* fine below 3G/1G's 0xbf000000 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_good_file, build_good),
		cmocka_unit_test_setup(test_truncated, build_good),
		cmocka_unit_test_setup(test_bad_ident, build_good),
		cmocka_unit_test_setup(test_phdr_table, build_good),
		cmocka_unit_test_setup(test_segment_outside_file, build_good),
		cmocka_unit_test_setup(test_filesz_over_memsz, build_good),
		cmocka_unit_test_setup(test_huge_memsz, build_good),
		cmocka_unit_test_setup(test_overlap, build_good),
		cmocka_unit_test_setup(test_entry, build_good),
		cmocka_unit_test_setup(test_interp_and_no_load, build_good),
		cmocka_unit_test_setup(test_misaligned_offset, build_good),
		cmocka_unit_test_setup(test_task_size_1g, build_good),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
