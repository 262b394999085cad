/*
 * The byte ring of a pipe (fs/pipe_ring.c): PIPE_SIZE bytes, Linux's
 * default of 16 pages, read in the order written.  head counts bytes ever
 * written and tail bytes ever read (both wrap modulo 2^32), so
 * head - tail is the fill and no slot is wasted telling full from empty.
 * Pure: the pipe file (fs/pipe.c) adds the waiting and the user copies,
 * the host tests drive the ring directly.
 */
#ifndef PIPE_H
#define PIPE_H

#include <types.h>

#define PIPE_SIZE	(16 * 4096)	/* Linux's PIPE_DEF_BUFFERS pages */
#define PIPE_BUF	4096		/* writes up to this size are atomic (POSIX) */

struct pipe_ring {
	u8 *buf;		/* PIPE_SIZE bytes */
	u32 head, tail;
};

static inline u32 pipe_ring_used(const struct pipe_ring *r) { return r->head - r->tail; }
static inline u32 pipe_ring_room(const struct pipe_ring *r) { return PIPE_SIZE - pipe_ring_used(r); }

/*
 * The readable bytes that lie contiguously from the tail, at most n:
 * *p points at them.  The reader copies them out, then consumes.
 */
size_t pipe_ring_peek(const struct pipe_ring *r, size_t n, const u8 **p);
void pipe_ring_consume(struct pipe_ring *r, size_t n);

/* The free bytes that lie contiguously from the head, at most n: *p points at them.  Fill, then commit. */
size_t pipe_ring_space(struct pipe_ring *r, size_t n, u8 **p);
void pipe_ring_commit(struct pipe_ring *r, size_t n);

/* Copy in or out as much as fits or is there (both segments of a wrap): the bytes moved. */
size_t pipe_ring_write(struct pipe_ring *r, const void *src, size_t n);
size_t pipe_ring_read(struct pipe_ring *r, void *dst, size_t n);

#endif
