/*
 * Intrusive doubly linked lists, as Linux's <linux/list.h> names them: a
 * struct list_head sits inside the object, and list_entry gets the object
 * back.  A list is a ring through its head: an empty list's head points to
 * itself both ways.  Adding and deleting are O(1).
 */
#ifndef LIST_H
#define LIST_H

#include <types.h>

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name)	{ &(name), &(name) }

static inline void INIT_LIST_HEAD(struct list_head *h) { h->next = h; h->prev = h; }
static inline bool list_empty(const struct list_head *h) { return h->next == h; }

/* Link n between two neighbours, prev and next (each link read before any is written). */
static inline void __list_add(struct list_head *n, struct list_head *prev, struct list_head *next)
{
	next->prev = n;
	n->next = next;
	n->prev = prev;
	prev->next = n;
}

/* Insert n right after h: at the front of the list whose head is h. */
static inline void list_add(struct list_head *n, struct list_head *h)
{
	__list_add(n, h, h->next);
}

/* Insert n right before h: at the back of the list whose head is h. */
static inline void list_add_tail(struct list_head *n, struct list_head *h)
{
	__list_add(n, h->prev, h);
}

/* Unlink n and leave its links as they were (Linux's __list_del_entry): for a caller that reuses them at once. */
static inline void __list_del_entry(struct list_head *n)
{
	struct list_head *next = n->next, *prev = n->prev;

	next->prev = prev;
	prev->next = next;
}

/* Unlink n; its links are cleared, so a second list_del faults instead of corrupting a list. */
static inline void list_del(struct list_head *n)
{
	__list_del_entry(n);
	n->next = n->prev = NULL;
}

/* Unlink n and make it an empty list of its own (Linux's list_del_init): safe to test or delete again. */
static inline void list_del_init(struct list_head *n)
{
	__list_del_entry(n);
	INIT_LIST_HEAD(n);
}

/* Move n from whatever list it is on to the front (list_move) or back (list_move_tail) of h. */
static inline void list_move(struct list_head *n, struct list_head *h)
{
	list_del(n);
	list_add(n, h);
}

static inline void list_move_tail(struct list_head *n, struct list_head *h)
{
	list_del(n);
	list_add_tail(n, h);
}

#define list_entry(ptr, type, member)		container_of(ptr, type, member)
#define list_first_entry(head, type, member)	list_entry((head)->next, type, member)
#define list_last_entry(head, type, member)	list_entry((head)->prev, type, member)

#endif
