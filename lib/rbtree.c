/*
 * The red-black tree of include/rbtree.h, as any textbook gives it
 * (Cormen et al., "Introduction to Algorithms", chapter 13), with NULL
 * leaves counted black.  Each fix-up is written once with a side d
 * (0 left, 1 right) and its mirror !d, instead of twice.
 */
#include <rbtree.h>

static bool is_red(const struct rb_node *n)
{
	return n && n->rb_red;
}

/* Make new take old's place under parent (or at the root). */
static void change_child(struct rb_node *old, struct rb_node *new, struct rb_node *parent,
			 struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else
		parent->rb_child[parent->rb_right == old] = new;
}

/*
 * Rotate x down to side d: its child on the other side, y, takes its
 * place, and y's inner child becomes x's.  (d = 0 is the left rotation.)
 */
static void rotate(struct rb_node *x, int d, struct rb_root *root)
{
	struct rb_node *y = x->rb_child[!d];

	x->rb_child[!d] = y->rb_child[d];
	if (y->rb_child[d])
		y->rb_child[d]->rb_parent = x;
	y->rb_parent = x->rb_parent;
	change_child(x, y, x->rb_parent, root);
	y->rb_child[d] = x;
	x->rb_parent = y;
}

void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *p;

	while ((p = node->rb_parent) && p->rb_red) {
		struct rb_node *g = p->rb_parent;	/* exists: a red node is never the root */
		int d = g->rb_right == p;		/* p is g's child on side d */
		struct rb_node *uncle = g->rb_child[!d];

		if (is_red(uncle)) {			/* recolour, and go on two levels up */
			p->rb_red = uncle->rb_red = false;
			g->rb_red = true;
			node = g;
			continue;
		}
		if (p->rb_child[!d] == node) {		/* inner grandchild: make it outer */
			rotate(p, d, root);
			node = p;
			p = node->rb_parent;
		}
		p->rb_red = false;
		g->rb_red = true;
		rotate(g, !d, root);
	}
	root->rb_node->rb_red = false;
}

/*
 * x (maybe a NULL leaf) under parent lacks one black on its path, after a
 * black node was taken out above it: borrow from or recolour its sibling.
 */
static void erase_fixup(struct rb_node *x, struct rb_node *parent, struct rb_root *root)
{
	while (x != root->rb_node && !is_red(x)) {
		int d = parent->rb_left != x;			/* x is parent's child on side d */
		struct rb_node *w = parent->rb_child[!d];	/* exists: that path has a black node */

		if (w->rb_red) {
			w->rb_red = false;
			parent->rb_red = true;
			rotate(parent, d, root);
			w = parent->rb_child[!d];
		}
		if (!is_red(w->rb_left) && !is_red(w->rb_right)) {
			w->rb_red = true;
			x = parent;
			parent = x->rb_parent;
			continue;
		}
		if (!is_red(w->rb_child[!d])) {
			w->rb_child[d]->rb_red = false;
			w->rb_red = true;
			rotate(w, !d, root);
			w = parent->rb_child[!d];
		}
		w->rb_red = parent->rb_red;
		parent->rb_red = false;
		w->rb_child[!d]->rb_red = false;
		rotate(parent, d, root);
		x = root->rb_node;
	}
	if (x)
		x->rb_red = false;
}

static struct rb_node *leftmost(struct rb_node *n)
{
	while (n && n->rb_left)
		n = n->rb_left;
	return n;
}

static struct rb_node *rightmost(struct rb_node *n)
{
	while (n && n->rb_right)
		n = n->rb_right;
	return n;
}

void rb_erase(struct rb_node *z, struct rb_root *root)
{
	struct rb_node *child, *parent, *y;
	bool red;

	if (!z->rb_left || !z->rb_right) {
		child = z->rb_left ? z->rb_left : z->rb_right;
		parent = z->rb_parent;
		red = z->rb_red;
		if (child)
			child->rb_parent = parent;
		change_child(z, child, parent, root);
	} else {
		y = leftmost(z->rb_right);		/* z's successor: no left child */
		red = y->rb_red;
		child = y->rb_right;
		parent = y;
		if (y->rb_parent != z) {
			parent = y->rb_parent;
			parent->rb_left = child;
			if (child)
				child->rb_parent = parent;
			y->rb_right = z->rb_right;
			z->rb_right->rb_parent = y;
		}
		y->rb_left = z->rb_left;
		z->rb_left->rb_parent = y;
		y->rb_parent = z->rb_parent;
		change_child(z, y, z->rb_parent, root);
		y->rb_red = z->rb_red;
	}
	if (!red)
		erase_fixup(child, parent, root);
}

struct rb_node *rb_first(const struct rb_root *root) { return leftmost(root->rb_node); }
struct rb_node *rb_last(const struct rb_root *root) { return rightmost(root->rb_node); }

struct rb_node *rb_next(const struct rb_node *n)
{
	if (n->rb_right)
		return leftmost(n->rb_right);
	while (n->rb_parent && n->rb_parent->rb_right == n)
		n = n->rb_parent;
	return n->rb_parent;
}

struct rb_node *rb_prev(const struct rb_node *n)
{
	if (n->rb_left)
		return rightmost(n->rb_left);
	while (n->rb_parent && n->rb_parent->rb_left == n)
		n = n->rb_parent;
	return n->rb_parent;
}

static int check_subtree(const struct rb_node *n, const struct rb_node *parent)
{
	int l, r;

	if (!n)
		return 0;
	if (n->rb_parent != parent || (n->rb_red && is_red(parent)))
		return -1;
	l = check_subtree(n->rb_left, n);
	r = check_subtree(n->rb_right, n);
	if (l < 0 || r < 0 || l != r)
		return -1;
	return l + !n->rb_red;
}

int rb_check(const struct rb_root *root)
{
	if (is_red(root->rb_node))
		return -1;
	return check_subtree(root->rb_node, NULL);
}
