/*
 * Path lookup over the inode tree, with Linux's rules (fs/namei.c's
 * path_lookupat): one component at a time from the root or the working
 * directory, symlinks expanded in place.  Also the tree's small helpers
 * (children, readlink, readdir) that do not depend on where the inodes
 * came from.  Allocates nothing, so the host tests drive it directly.
 */
#include <fs.h>
#include <string.h>

struct inode *inode_child(const struct inode *dir, const char *name, size_t len)
{
	for (struct inode *c = dir->children; c; c = c->next_sibling)
		if (!strncmp(c->rf.name, name, len) && c->rf.name[len] == '\0')
			return c;
	return NULL;
}

void inode_add_child(struct inode *dir, struct inode *child)
{
	struct inode **link = &dir->children;

	while (*link)
		link = &(*link)->next_sibling;
	*link = child;
	child->next_sibling = NULL;
	child->parent = dir;
}

int inode_readlink(const struct path *link, char *buf, size_t size)
{
	const struct inode *i = link->inode;
	size_t n;

	if (!S_ISLNK(inode_mode(i)))
		return -EINVAL;
	if (i->i_op && i->i_op->readlink)
		return i->i_op->readlink(link, buf, size);
	n = min(i->rf.size, size - 1);
	memcpy(buf, i->rf.data, n);
	buf[n] = '\0';
	return (int)i->rf.size;
}

int simple_readdir(const struct inode *dir, unsigned int idx, struct dir_entry *out)
{
	const struct inode *c;
	size_t n;

	for (c = dir->children; c && idx; c = c->next_sibling)
		idx--;
	if (!c)
		return -ENOENT;
	n = min(strlen(c->rf.name), (size_t)NAME_MAX);
	memcpy(out->name, c->rf.name, n);
	out->name[n] = '\0';
	out->ino = c->ino;
	out->mode = inode_mode(c);
	return 0;
}

int inode_readdir(const struct path *dir, unsigned int idx, struct dir_entry *out)
{
	if (dir->inode->i_op && dir->inode->i_op->readdir)
		return dir->inode->i_op->readdir(dir, idx, out);
	return simple_readdir(dir->inode, idx, out);
}

/* The entry name[0..len) of dir, "." and ".." included. */
static int lookup_one(const struct path *root, const struct path *dir, const char *name, size_t len,
		      struct path *out)
{
	struct inode *c;

	if (len == 1 && name[0] == '.') {
		*out = *dir;
		return 0;
	}
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		/* The root's ".." is the root itself, also for a chroot-like root. */
		out->inode = dir->inode == root->inode ? dir->inode : dir->inode->parent;
		out->pid = out->inode->i_op ? dir->pid : 0;
		return 0;
	}
	if (dir->inode->i_op && dir->inode->i_op->lookup)
		return dir->inode->i_op->lookup(dir, name, len, out);
	c = inode_child(dir->inode, name, len);
	if (!c)
		return -ENOENT;
	out->inode = c;
	out->pid = dir->pid;
	return 0;
}

/*
 * Replace the walk's remaining text by the link's target followed by the
 * rest: target "/" rest, built in the buffer the walk is not reading.
 * Returns the new text, or NULL with *err set.
 */
static const char *expand_link(const struct path *link, const char *rest, bool slash, struct nameidata *nd,
			       int *which, int *err)
{
	char *dst = nd->buf[*which ^ 1];
	size_t rlen = strlen(rest);
	bool sep = rlen || slash;	/* "l/" must stay a directory lookup after expansion */
	int tlen = inode_readlink(link, dst, PATH_MAX);

	if (tlen < 0) {
		*err = tlen;
		return NULL;
	}
	if (tlen == 0) {
		*err = -ENOENT;
		return NULL;
	}
	if ((size_t)tlen + 1 + rlen + 1 > PATH_MAX) {
		*err = -ENAMETOOLONG;
		return NULL;
	}
	if (sep)
		dst[tlen++] = '/';
	memmove(dst + tlen, rest, rlen + 1);
	*which ^= 1;
	return dst;
}

/* Walk state: the text left, the directory reached, how many links followed. */
struct walk {
	const char *p;
	struct path cur;
	int links, which;
	bool slash;	/* the last component was followed by a slash */
};

/* One component of w->p: 1 when the walk is over, 0 to go on, or -errno. */
static int walk_component(struct walk *w, const struct path *root, unsigned int flags, struct nameidata *nd)
{
	const char *s = w->p, *e, *rest;
	struct path next;
	size_t len;
	int err;

	while (*s == '/')
		s++;
	if (!*s)
		return 1;
	for (e = s; *e && *e != '/'; e++)
		;
	len = (size_t)(e - s);
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	if (!S_ISDIR(inode_mode(w->cur.inode)))
		return -ENOTDIR;
	for (rest = e; *rest == '/'; rest++)
		;
	err = lookup_one(root, &w->cur, s, len, &next);
	if (err)
		return err;
	w->slash = *e == '/';
	if (S_ISLNK(inode_mode(next.inode)) && (*rest || w->slash || (flags & LOOKUP_FOLLOW))) {
		if (++w->links > MAXSYMLINKS)
			return -ELOOP;
		w->p = expand_link(&next, rest, w->slash, nd, &w->which, &err);
		if (!w->p)
			return err;
		if (w->p[0] == '/')
			w->cur = *root;
		return 0;
	}
	w->cur = next;
	w->p = rest;
	return 0;
}

int path_lookupat(const struct path *root, const struct path *cwd, const char *name, unsigned int flags,
		  struct path *out, struct nameidata *nd)
{
	struct walk w = { name, name[0] == '/' ? *root : *cwd, 0, 1, false };
	int err;

	if (!name[0])
		return -ENOENT;
	if (strnlen(name, PATH_MAX) >= PATH_MAX)
		return -ENAMETOOLONG;
	while ((err = walk_component(&w, root, flags, nd)) == 0)
		;
	if (err < 0)
		return err;
	if ((w.slash || (flags & LOOKUP_DIRECTORY)) && !S_ISDIR(inode_mode(w.cur.inode)))
		return -ENOTDIR;
	*out = w.cur;
	return 0;
}
