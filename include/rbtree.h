/*
 * A red-black tree of our own (lib/rbtree.c), intrusive as Linux's
 * lib/rbtree.c is: the node lives inside the caller's structure, the
 * caller walks down to the insertion point itself (it knows its keys),
 * links the new node there with rb_link_node and then calls
 * rb_insert_color to rebalance.  The tree keeps Linux's two invariants
 * (no red node has a red child; every path from a node down to a leaf
 * passes the same number of black nodes), so its height stays within
 * 2 log2(n + 1) and every walk is O(log n).
 */
#ifndef RBTREE_H
#define RBTREE_H

#include <stdbool.h>
#include <stddef.h>

/* rb_child[0] is rb_left, rb_child[1] rb_right: the rebalancing is written once for both sides. */
struct rb_node {
	struct rb_node *rb_parent;
	union {
		struct {
			struct rb_node *rb_left, *rb_right;
		};
		struct rb_node *rb_child[2];
	};
	bool rb_red;
};

struct rb_root {
	struct rb_node *rb_node;
};

#define RB_ROOT		((struct rb_root){ NULL })
#define rb_entry(ptr, type, member)	((type *)((char *)(ptr) - offsetof(type, member)))

/* Put node (not yet in any tree) at *link, the empty child slot of parent (NULL for the root). */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent, struct rb_node **link)
{
	node->rb_parent = parent;
	node->rb_left = node->rb_right = NULL;
	node->rb_red = true;
	*link = node;
}

/* Rebalance after rb_link_node. */
void rb_insert_color(struct rb_node *node, struct rb_root *root);

/* Take node out of the tree and rebalance. */
void rb_erase(struct rb_node *node, struct rb_root *root);

/* In-order neighbours and ends; NULL past either end or for an empty tree. */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

/*
 * Check both invariants and the parent links; returns the black height
 * (nodes from the root down to a leaf, leaf excluded), or -1 if anything
 * is broken.  For the tests and the self-checks.
 */
int rb_check(const struct rb_root *root);

#endif
