/*
 * The fragmentation indexes (mm/extfrag.c) against figures worked out by
 * hand from Linux 6.1's formulas (mm/vmstat.c: unusable_free_index and
 * __fragmentation_index), for free lists set by hand, and the layout of
 * the two views (Linux's extfrag/unusable_index and extfrag_index).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mm_boot.h"
#include "../../mm/internal.h"

static struct zone *normal = &node_zones[ZONE_NORMAL];

/* 4 blocks of order 0, 1 of order 2, 2 of order 3: 24 free pages in 7 blocks. */
static int setup(void **state)
{
	(void)state;
	zones_reset();
	normal->present_pages = 1024;
	normal->free_area[0].nr_free = 4;
	normal->free_area[2].nr_free = 1;
	normal->free_area[3].nr_free = 2;
	return 0;
}

/*
 * Unusable index = (free pages - pages in blocks of >= order) * 1000 / free pages:
 *   order 0: (24 - 24) * 1000 / 24 = 0
 *   order 1: pages in order >= 1 blocks = 4 + 16 = 20: 4000 / 24 = 166
 *   order 2: the same 20 pages: 166
 *   order 3: 16 pages: 8000 / 24 = 333
 *   order 4 and up: no block: 1000
 */
static void test_unusable_by_hand(void **state)
{
	static const int want[MAX_ORDER] = { 0, 166, 166, 333, 1000, 1000, 1000, 1000, 1000, 1000, 1000 };
	struct contig_page_info info;

	(void)state;
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		extfrag_fill(normal, o, &info);
		assert_int_equal(info.free_pages, 24);
		assert_int_equal(info.free_blocks_total, 7);
		assert_int_equal(unusable_free_index(o, &info), want[o]);
	}
	extfrag_fill(normal, 1, &info);
	assert_int_equal(info.free_blocks_suitable, 10);	/* 1 order-2 = 2, 2 order-3 = 8, in order-1 blocks */
}

/*
 * Fragmentation index = 1000 - (1000 + free pages * 1000 / requested) / total blocks,
 * -1000 when a block of the order exists:
 *   order 4:  requested 16:   24000 / 16 = 1500;  2500 / 7 = 357: 643
 *   order 5:  requested 32:   750;  1750 / 7 = 250: 750
 *   order 6:  requested 64:   375;  1375 / 7 = 196: 804
 *   order 7:  requested 128:  187;  1187 / 7 = 169: 831
 *   order 8:  requested 256:  93;   1093 / 7 = 156: 844
 *   order 9:  requested 512:  46;   1046 / 7 = 149: 851
 *   order 10: requested 1024: 23;   1023 / 7 = 146: 854
 */
static void test_fragmentation_by_hand(void **state)
{
	static const int want[MAX_ORDER] = { -1000, -1000, -1000, -1000, 643, 750, 804, 831, 844, 851, 854 };
	struct contig_page_info info;

	(void)state;
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		extfrag_fill(normal, o, &info);
		assert_int_equal(fragmentation_index(o, &info), want[o]);
	}
}

static void test_empty_zone(void **state)
{
	struct contig_page_info info;

	(void)state;
	memset(normal->free_area, 0, sizeof(normal->free_area));
	extfrag_fill(normal, 3, &info);
	assert_int_equal(unusable_free_index(3, &info), 1000);	/* nothing free: nothing usable */
	assert_int_equal(fragmentation_index(3, &info), 0);	/* fails for lack of memory, not of order */
}

static void test_views(void **state)
{
	char buf[512];
	struct seq s;

	(void)state;
	seq_init(&s, buf, sizeof(buf));
	unusable_index_show(&s);
	assert_string_equal(buf, "Node 0, zone   Normal 0.000 0.166 0.166 0.333 1.000 1.000 1.000 1.000 "
				 "1.000 1.000 1.000 \n");
	seq_init(&s, buf, sizeof(buf));
	extfrag_index_show(&s);
	assert_string_equal(buf, "Node 0, zone   Normal -1.000 -1.000 -1.000 -1.000  0.643  0.750  0.804  "
				 "0.831  0.844  0.851  0.854 \n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_unusable_by_hand, setup),
		cmocka_unit_test_setup(test_fragmentation_by_hand, setup),
		cmocka_unit_test_setup(test_empty_zone, setup),
		cmocka_unit_test_setup(test_views, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
