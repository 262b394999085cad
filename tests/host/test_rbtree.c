/*
 * lib/rbtree.c: random inserts and erases checked against a shadow set
 * after every step (both red-black invariants and the parent links by
 * rb_check, the in-order walk both ways against the sorted shadow, the
 * height within the 2 log2(n + 1) bound a red-black tree guarantees).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <rbtree.h>
#include "host.h"

#define NODES	512
#define STEPS	20000

struct item {
	struct rb_node node;
	unsigned int key;
	bool in;
};

static struct item items[NODES];
static struct rb_root root;

static void insert(struct item *it)
{
	struct rb_node **link = &root.rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		link = it->key < rb_entry(parent, struct item, node)->key ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&it->node, parent, link);
	rb_insert_color(&it->node, &root);
	it->in = true;
}

static int height(const struct rb_node *n)
{
	int l, r;

	if (!n)
		return 0;
	l = height(n->rb_left);
	r = height(n->rb_right);
	return 1 + (l > r ? l : r);
}

/* Items are keyed by their index, so the shadow's order is the index order. */
static void check_against_shadow(void)
{
	struct rb_node *n = rb_first(&root);
	unsigned int count = 0, bound = 0;

	assert_true(rb_check(&root) >= 0);
	for (unsigned int i = 0; i < NODES; i++) {
		if (!items[i].in)
			continue;
		assert_non_null(n);
		assert_ptr_equal(rb_entry(n, struct item, node), &items[i]);
		n = rb_next(n);
		count++;
	}
	assert_null(n);
	n = rb_last(&root);
	for (int i = NODES - 1; i >= 0; i--) {
		if (!items[i].in)
			continue;
		assert_ptr_equal(rb_entry(n, struct item, node), &items[i]);
		n = rb_prev(n);
	}
	assert_null(n);
	while ((1u << bound) < count + 1)
		bound++;
	assert_true(height(root.rb_node) <= 2 * (int)bound);
}

static void test_random_inserts_and_erases(void **state)
{
	(void)state;
	host_rng_state = 0x13572468;
	root = RB_ROOT;
	for (unsigned int i = 0; i < NODES; i++)
		items[i] = (struct item){ .key = i };
	for (unsigned int step = 0; step < STEPS; step++) {
		struct item *it = &items[host_rnd() % NODES];

		if (it->in) {
			rb_erase(&it->node, &root);
			it->in = false;
		} else {
			insert(it);
		}
		if (step % 16 == 0 || step > STEPS - 64)
			check_against_shadow();
	}
}

/* Ascending inserts are the worst case for an unbalanced tree: height would be n. */
static void test_sorted_inserts_stay_balanced(void **state)
{
	(void)state;
	root = RB_ROOT;
	for (unsigned int i = 0; i < NODES; i++) {
		items[i] = (struct item){ .key = i };
		insert(&items[i]);
	}
	check_against_shadow();
	assert_true(height(root.rb_node) <= 18);	/* 2 log2(513) rounded up */
	for (unsigned int i = 0; i < NODES; i++) {	/* erase from the smallest up: the other worst case */
		rb_erase(&items[i].node, &root);
		items[i].in = false;
		if (i % 8 == 0)
			check_against_shadow();
	}
	assert_null(root.rb_node);
}

/* rb_check itself must see a broken tree: a red root, a red child of a red node, unequal black heights. */
static void test_check_catches_broken_trees(void **state)
{
	(void)state;
	root = RB_ROOT;
	for (unsigned int i = 0; i < 3; i++) {
		items[i] = (struct item){ .key = i };
		insert(&items[i]);
	}
	assert_int_equal(rb_check(&root), 1);	/* 1 black root, 2 red children */
	items[1].node.rb_red = true;		/* the root */
	assert_int_equal(rb_check(&root), -1);
	items[1].node.rb_red = false;
	items[0].node.rb_red = false;		/* one side one black more */
	assert_int_equal(rb_check(&root), -1);
	items[0].node.rb_red = true;
	assert_int_equal(rb_check(&root), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_inserts_and_erases),
		cmocka_unit_test(test_sorted_inserts_stay_balanced),
		cmocka_unit_test(test_check_catches_broken_trees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
