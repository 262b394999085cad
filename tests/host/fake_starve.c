/*
 * Fault injection by starvation (host.h): the page allocator is made to
 * fail by holding every block it will give, not by a hook in page_alloc.c,
 * so the failure a test sees is the allocator's own "no page".
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include <mm.h>
#include "host.h"

struct held_block {
	struct page *page;
	unsigned int order;
};

static struct held_block *held;
static size_t nr_held, held_cap;

static void hold(struct page *page, unsigned int order)
{
	if (nr_held == held_cap) {
		held_cap = held_cap ? held_cap * 2 : 1024;
		held = realloc(held, held_cap * sizeof(*held));
		if (!held) {
			fprintf(stderr, "fake_starve: out of host memory\n");
			abort();
		}
	}
	held[nr_held].page = page;
	held[nr_held].order = order;
	nr_held++;
}

unsigned long host_starve(gfp_t gfp)
{
	unsigned long pages = 0;

	gfp &= ~__GFP_ZERO;	/* starving need not touch the memory */
	for (int order = MAX_ORDER - 1; order >= 0; order--) {
		struct page *p;

		while ((p = alloc_pages(gfp, (unsigned int)order))) {
			hold(p, (unsigned int)order);
			pages += 1UL << order;
		}
	}
	return pages;
}

void host_unstarve(void)
{
	while (nr_held) {
		nr_held--;
		__free_pages(held[nr_held].page, held[nr_held].order);
	}
}

int host_unstarve_teardown(void **state)
{
	host_unstarve();
	return host_ram_teardown(state);
}
