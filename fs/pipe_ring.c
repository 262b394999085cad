/*
 * The pipe's byte ring (include/pipe.h): where the next bytes go and come
 * from, in at most two contiguous pieces when they straddle the end of
 * the buffer.
 *
 *   buf: [....tail=====head......]      or      [===head.......tail====]
 *              used                              used (wrapped)
 */
#include <pipe.h>
#include <string.h>

size_t pipe_ring_peek(const struct pipe_ring *r, size_t n, const u8 **p)
{
	u32 off = r->tail % PIPE_SIZE;

	*p = r->buf + off;
	return min(n, (size_t)min(pipe_ring_used(r), PIPE_SIZE - off));
}

void pipe_ring_consume(struct pipe_ring *r, size_t n)
{
	r->tail += (u32)n;
}

size_t pipe_ring_space(struct pipe_ring *r, size_t n, u8 **p)
{
	u32 off = r->head % PIPE_SIZE;

	*p = r->buf + off;
	return min(n, (size_t)min(pipe_ring_room(r), PIPE_SIZE - off));
}

void pipe_ring_commit(struct pipe_ring *r, size_t n)
{
	r->head += (u32)n;
}

size_t pipe_ring_write(struct pipe_ring *r, const void *src, size_t n)
{
	size_t done = 0, k;
	u8 *p;

	while (done < n && (k = pipe_ring_space(r, n - done, &p))) {
		memcpy(p, (const u8 *)src + done, k);
		pipe_ring_commit(r, k);
		done += k;
	}
	return done;
}

size_t pipe_ring_read(struct pipe_ring *r, void *dst, size_t n)
{
	size_t done = 0, k;
	const u8 *p;

	while (done < n && (k = pipe_ring_peek(r, n - done, &p))) {
		memcpy((u8 *)dst + done, p, k);
		pipe_ring_consume(r, k);
		done += k;
	}
	return done;
}
