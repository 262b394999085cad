/*
 * Proactive compaction's fragmentation score (mm/compaction.c) against
 * figures worked out by hand from Linux 6.1's formulas (mm/compaction.c:
 * extfrag_for_order, fragmentation_score_zone_weighted,
 * fragmentation_score_node, fragmentation_score_wmark), for free lists set
 * by hand in both zones.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <compaction.h>

#include "mm_boot.h"
#include "../../mm/internal.h"

static struct zone *normal = &node_zones[ZONE_NORMAL], *highmem = &node_zones[ZONE_HIGHMEM];

/*
 * Normal: 196608 present pages; free 1000 of order 0, 100 of order 3, 10 of
 * order 9, 20 of order 10.  HighMem: 65536 present; free 30000 of order 0,
 * 2 of order 10.
 */
static int setup(void **state)
{
	(void)state;
	zones_reset();
	compaction_reset();
	normal->present_pages = 196608;
	normal->free_area[0].nr_free = 1000;
	normal->free_area[3].nr_free = 100;
	normal->free_area[9].nr_free = 10;
	normal->free_area[10].nr_free = 20;
	highmem->present_pages = 65536;
	highmem->free_area[0].nr_free = 30000;
	highmem->free_area[10].nr_free = 2;
	return 0;
}

/*
 * extfrag_for_order(9) = (free - pages in blocks of order >= 9) * 100 / free:
 *   Normal:  free 1000 + 800 + 5120 + 20480 = 27400, in order >= 9: 25600:
 *            1800 * 100 / 27400 = 6 (6.57)
 *   HighMem: free 30000 + 2048 = 32048, in order >= 9: 2048:
 *            30000 * 100 / 32048 = 93 (93.6)
 */
static void test_zone_scores(void **state)
{
	(void)state;
	assert_int_equal(fragmentation_score_zone(normal), 6);
	assert_int_equal(fragmentation_score_zone(highmem), 93);
}

/*
 * Weighted by present pages over the node's (196608 + 65536 = 262144) + 1:
 *   Normal:  196608 * 6 / 262145 = 4 (4.49)
 *   HighMem: 65536 * 93 / 262145 = 23 (23.2)
 *   node: 4 + 23 = 27 (not the plain sum 99, nor the mean 49)
 */
static void test_weighted_node_score(void **state)
{
	(void)state;
	assert_int_equal(fragmentation_score_zone_weighted(normal), 4);
	assert_int_equal(fragmentation_score_zone_weighted(highmem), 23);
	assert_int_equal(fragmentation_score_node(), 27);
}

/* A zone with nothing free scores 0 (Linux's extfrag_for_order), and an empty zone is not counted. */
static void test_nothing_free_scores_zero(void **state)
{
	(void)state;
	memset(highmem->free_area, 0, sizeof(highmem->free_area));
	assert_int_equal(fragmentation_score_zone(highmem), 0);
	assert_int_equal(fragmentation_score_node(), 4);
	highmem->present_pages = 0;
	/* Normal alone: 196608 * 6 / (196608 + 1) = 5 (5.99) */
	assert_int_equal(fragmentation_score_node(), 5);
}

/*
 * Linux's marks: low = max(100 - proactiveness, 5), high = min(low + 10, 100):
 *   proactiveness   0: 100, 100     20: 80, 90     90: 10, 20
 *   proactiveness  95:   5,  15     97:  5, 15    100:  5, 15
 */
static void test_marks(void **state)
{
	static const struct { unsigned int p, low, high; } table[] = {
		{ 0, 100, 100 }, { 20, 80, 90 }, { 90, 10, 20 }, { 95, 5, 15 }, { 97, 5, 15 }, { 100, 5, 15 },
	};

	(void)state;
	assert_int_equal(sysctl_compaction_proactiveness, 20);	/* Linux's default */
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		assert_int_equal(compaction_proactiveness_set(table[i].p), 0);
		assert_int_equal(fragmentation_score_wmark(true), table[i].low);
		assert_int_equal(fragmentation_score_wmark(false), table[i].high);
	}
}

/* Linux's proc_dointvec_minmax range 0..100: anything else is -EINVAL with one line, and the value stays. */
static void test_proactiveness_range(void **state)
{
	(void)state;
	host_log_clear();
	assert_int_equal(compaction_proactiveness_set(101), -EINVAL);
	host_log_expect("compaction: compaction_proactiveness 101 refused (0..100): -EINVAL, it stays 20");
	host_log_clear();
	assert_int_equal(compaction_proactiveness_set(-1), -EINVAL);
	host_log_expect("compaction: compaction_proactiveness -1 refused (0..100): -EINVAL, it stays 20");
	host_log_clear();
	assert_int_equal(sysctl_compaction_proactiveness, 20);
	assert_int_equal(compaction_proactiveness_set(0), 0);
	assert_int_equal(sysctl_compaction_proactiveness, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_zone_scores, setup),
		cmocka_unit_test_setup(test_weighted_node_score, setup),
		cmocka_unit_test_setup(test_nothing_free_scores_zero, setup),
		cmocka_unit_test_setup(test_marks, setup),
		cmocka_unit_test_setup(test_proactiveness_range, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
