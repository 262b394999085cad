/*
 * The vmalloc checks (kernel only): `vmalloc-test` at the shell and the
 * self-test vmalloc_every_byte write every byte of vmalloc areas of many
 * sizes; further self-tests check guard pages and vmap of highmem pages.
 * ioremap's test needs a board device and so lives in
 * arch/arm/ktest_ioremap.c.
 */
#include <highmem.h>
#include <printk.h>
#include <selftest.h>
#include <shell.h>
#include <string.h>
#include <vmalloc.h>

static const unsigned long test_sizes[] = {
	1, 100, PAGE_SIZE - 1, PAGE_SIZE, PAGE_SIZE + 1, 3 * PAGE_SIZE + 5, SZ_64K, SZ_1M + 123, 3 * SZ_1M,
};
#define BIG_SIZE	(64 * SZ_1M)

struct exercise {
	unsigned long errors;
	unsigned long pages;
	unsigned long highmem;
};

static u8 pattern(unsigned long i, unsigned int area)
{
	return (u8)(i * 7 + area * 31 + (i >> PAGE_SHIFT));
}

static __printf(2, 3) void exercise_error(struct exercise *ex, const char *fmt, ...)
{
	char line[128];
	va_list ap;

	if (ex->errors++ >= 5)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	kprintf("vmalloc-test: %s\n", line);
}

/* Every page of [p, p + size) mapped to RAM, the guard page after it not. */
static void check_mapping(struct exercise *ex, const u8 *p, unsigned long size)
{
	unsigned long pages = ALIGN(size, PAGE_SIZE) >> PAGE_SHIFT;

	for (unsigned long i = 0; i < pages; i++) {
		struct page *page = vmalloc_to_page(p + (i << PAGE_SHIFT));

		if (!page)
			exercise_error(ex, "page %lu of 0x%08lx is not mapped", i, (unsigned long)p);
		else
			ex->highmem += PageHighMem(page);
	}
	if (vmalloc_to_page(p + (pages << PAGE_SHIFT)))
		exercise_error(ex, "guard page after 0x%08lx is mapped (%lu pages)", (unsigned long)p, pages);
	ex->pages += pages;
}

/* The small areas: all allocated, all written, all checked, freed odd ones first. */
static void exercise_small(struct exercise *ex)
{
	u8 *areas[ARRAY_SIZE(test_sizes)];

	for (unsigned int a = 0; a < ARRAY_SIZE(test_sizes); a++) {
		areas[a] = (a & 1) ? vzalloc(test_sizes[a]) : vmalloc(test_sizes[a]);
		if (!areas[a]) {
			exercise_error(ex, "cannot allocate %lu bytes (area %u)", test_sizes[a], a);
			continue;
		}
		check_mapping(ex, areas[a], test_sizes[a]);
		for (unsigned long i = 0; (a & 1) && i < test_sizes[a]; i++)
			if (areas[a][i])
				exercise_error(ex, "vzalloc byte %lu of 0x%08lx is not zero", i, (unsigned long)areas[a]);
		for (unsigned long i = 0; i < test_sizes[a]; i++)
			areas[a][i] = pattern(i, a);
	}
	for (unsigned int a = 0; a < ARRAY_SIZE(test_sizes); a++)
		for (unsigned long i = 0; areas[a] && i < test_sizes[a]; i++)
			if (areas[a][i] != pattern(i, a))
				exercise_error(ex, "byte %lu of area 0x%08lx changed", i, (unsigned long)areas[a]);
	for (unsigned int a = 1; a < ARRAY_SIZE(test_sizes); a += 2)
		vfree(areas[a]);
	for (unsigned int a = 0; a < ARRAY_SIZE(test_sizes); a += 2)
		vfree(areas[a]);
}

/* One area of 64 MiB written end to end a word at a time, then read back. */
static void exercise_big(struct exercise *ex)
{
	u32 *w = vmalloc(BIG_SIZE);

	if (!w) {
		exercise_error(ex, "cannot allocate %lu bytes (the big area)", BIG_SIZE);
		return;
	}
	check_mapping(ex, (const u8 *)w, BIG_SIZE);
	for (unsigned long i = 0; i < BIG_SIZE / 4; i++)
		w[i] = (u32)(i * 2654435761u);
	for (unsigned long i = 0; i < BIG_SIZE / 4; i++)
		if (w[i] != (u32)(i * 2654435761u))
			exercise_error(ex, "word %lu of the 64 MiB area 0x%08lx changed", i, (unsigned long)w);
	vfree(w);
}

/*
 * Two passes: the first may leave second-level page tables behind (arch
 * never frees them), the second, over the same addresses, must give back
 * every page.  Returns the error count and prints one line if verbose.
 */
static unsigned long vmalloc_exercise(bool verbose)
{
	unsigned long start = nr_free_pages(), areas = vmalloc_nr_areas(), tables, after;
	struct exercise ex = { 0, 0, 0 };

	exercise_small(&ex);
	exercise_big(&ex);
	tables = start - nr_free_pages();
	ex.pages = ex.highmem = 0;
	start = nr_free_pages();
	exercise_small(&ex);
	exercise_big(&ex);
	after = nr_free_pages();
	if (after != start)
		exercise_error(&ex, "free pages %lu after, %lu before", after, start);
	if (vmalloc_nr_areas() != areas)
		exercise_error(&ex, "%lu areas after, %lu before", vmalloc_nr_areas(), areas);
	if (vmalloc_check())
		exercise_error(&ex, "vmalloc_check found problems");
	if (verbose)
		kprintf("vmalloc-test: %lu areas, %lu pages (%lu highmem) written and checked; "
			"free pages back to %lu (page tables kept %lu pages); %lu errors\n",
			(unsigned long)ARRAY_SIZE(test_sizes) + 1, ex.pages, ex.highmem, after, tables, ex.errors);
	return ex.errors;
}

static int cmd_vmalloc_test(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return vmalloc_exercise(true) ? 1 : 0;
}
SHELL_CMD(vmalloc_test, "vmalloc-test", "", "write and check vmalloc areas of many sizes and 64 MiB", cmd_vmalloc_test);

static int ktest_vmalloc_every_byte(void)
{
	KT_EXPECT(vmalloc_exercise(false) == 0, "vmalloc exercise failed (run vmalloc-test for details)");
	return 0;
}
KTEST(vmalloc_every_byte, ktest_vmalloc_every_byte);

/* Areas taken one after another sit a guard page apart, and the guard is never mapped. */
static int ktest_vmalloc_guard_pages(void)
{
	u8 *p[4];

	for (int i = 0; i < 4; i++)
		p[i] = vmalloc((unsigned long)(i + 1) * PAGE_SIZE);
	for (int i = 0; i < 4; i++) {
		KT_EXPECT(p[i] != NULL, "vmalloc of %d pages failed", i + 1);
		if (!p[i])
			continue;
		KT_EXPECT(vmalloc_to_page(p[i] + (i + 1) * PAGE_SIZE) == NULL, "guard page of area %d is mapped", i);
		if (i && p[i - 1])
			KT_EXPECT(p[i] >= p[i - 1] + (i + 1) * PAGE_SIZE, "area %d at %p is closer than a guard to %p",
				  i, p[i], p[i - 1]);
	}
	KT_EXPECT(vmalloc_check() == 0, "vmalloc_check found problems");
	for (int i = 0; i < 4; i++)
		vfree(p[i]);
	return 0;
}
KTEST(vmalloc_guard_pages, ktest_vmalloc_guard_pages);

/* Highmem pages put side by side with vmap read back what kmap_local wrote. */
static int ktest_vmalloc_vmap_highmem(void)
{
	struct page *pages[4];
	u32 *v;
	int n = 0;

	for (; n < 4; n++)
		if (!(pages[n] = alloc_page(GFP_HIGHUSER)))
			break;
	KT_EXPECT(n == 4, "only %d pages", n);
	v = n == 4 ? vmap(pages, 4, 0) : NULL;
	KT_EXPECT(v != NULL, "vmap failed");
	for (int i = 0; v && i < 4; i++) {
		u32 *k = kmap_local_page(pages[i]);

		k[1] = 0xabc00000u + (u32)i;
		kunmap_local(k);
		KT_EXPECT(v[i * PAGE_SIZE / 4 + 1] == 0xabc00000u + (u32)i, "page %d reads 0x%x", i,
			  v[i * PAGE_SIZE / 4 + 1]);
		KT_EXPECT(vmalloc_to_page(v + i * PAGE_SIZE / 4) == pages[i], "vmalloc_to_page of page %d", i);
	}
	vunmap(v);
	while (n--)
		__free_page(pages[n]);
	return 0;
}
KTEST(vmalloc_vmap_highmem, ktest_vmalloc_vmap_highmem);
