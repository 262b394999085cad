/*
 * Path lookup (fs/namei.c) over a tree of inodes built here:
 *
 *   /                      loop1 -> loop2, loop2 -> loop1
 *   +-- etc/               chain0 -> chain1 -> ... -> chain40 -> /etc/motd
 *   |   +-- motd
 *   |   +-- sub/inner
 *   |   +-- link -> motd           (relative to /etc)
 *   |   +-- abs -> /etc/motd
 *   |   +-- dirlink -> sub
 *   |   +-- up -> ..
 *   +-- loops, chains
 *
 * Each case names the path, the flags and what Linux's path_lookupat
 * gives for it: the inode, or the errno (ENOENT, ENOTDIR, ELOOP,
 * ENAMETOOLONG).  MAXSYMLINKS is Linux's 40.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <fs.h>
#include "host.h"

#define CHAIN	41	/* chain0 .. chain40: chain0 needs 41 links, chain1 exactly 40 */

static struct inode root, etc, motd, sub, inner, link_, abs_, dirlink, up, loop1, loop2;
static struct inode chain[CHAIN];
static char chain_names[CHAIN][24], chain_targets[CHAIN][24];
static struct nameidata nd;
static struct path rootp = { &root, 0 };

static void node(struct inode *i, struct inode *dir, const char *name, u32 mode, const char *target)
{
	memset(i, 0, sizeof(*i));
	i->rf.name = name;
	i->rf.mode = mode;
	if (target) {
		i->rf.data = target;
		i->rf.size = strlen(target);
	}
	inode_add_child(dir, i);
}

static int build_tree(void **state)
{
	(void)state;
	memset(&root, 0, sizeof(root));
	root.rf = (struct ramfs_file){ "", S_IFDIR | 0755, NULL, 0 };
	root.parent = &root;
	node(&etc, &root, "etc", S_IFDIR | 0755, NULL);
	node(&motd, &etc, "motd", S_IFREG | 0644, NULL);
	node(&sub, &etc, "sub", S_IFDIR | 0755, NULL);
	node(&inner, &sub, "inner", S_IFREG | 0644, NULL);
	node(&link_, &etc, "link", S_IFLNK | 0777, "motd");
	node(&abs_, &etc, "abs", S_IFLNK | 0777, "/etc/motd");
	node(&dirlink, &etc, "dirlink", S_IFLNK | 0777, "sub");
	node(&up, &etc, "up", S_IFLNK | 0777, "..");
	node(&loop1, &root, "loop1", S_IFLNK | 0777, "loop2");
	node(&loop2, &root, "loop2", S_IFLNK | 0777, "loop1");
	for (int i = 0; i < CHAIN; i++) {
		snprintf(chain_names[i], sizeof(chain_names[i]), "chain%d", i);
		if (i + 1 < CHAIN)
			snprintf(chain_targets[i], sizeof(chain_targets[i]), "chain%d", i + 1);
		else
			snprintf(chain_targets[i], sizeof(chain_targets[i]), "/etc/motd");
		node(&chain[i], &root, chain_names[i], S_IFLNK | 0777, chain_targets[i]);
	}
	return 0;
}

/* Look name up from cwd; the inode, or NULL with *err. */
static struct inode *lookup(struct inode *cwd, const char *name, unsigned int flags, int *err)
{
	struct path c = { cwd, 0 }, out = { NULL, 0 };

	*err = path_lookupat(&rootp, &c, name, flags, &out, &nd);
	return *err ? NULL : out.inode;
}

#define assert_finds(cwd, path_, flags, want) do {				\
	int err_;								\
	struct inode *got_ = lookup(cwd, path_, flags, &err_);			\
	if (got_ != (want))							\
		fail_msg("%s: got %s (err %d), want %s", path_,			\
			 got_ ? got_->rf.name : "nothing", err_, (want)->rf.name); \
} while (0)

#define assert_fails(cwd, path_, flags, want_err) do {			\
	int err_;								\
	struct inode *got_ = lookup(cwd, path_, flags, &err_);			\
	if (err_ != (want_err))							\
		fail_msg("%s: got err %d (%s), want %d", path_, err_,		\
			 got_ ? got_->rf.name : "no inode", want_err);		\
} while (0)

/* Plain names: slashes, ".", "..", relative to the cwd. */
static void test_plain_names(void **state)
{
	(void)state;
	assert_finds(&root, "/", 0, &root);
	assert_finds(&root, "//etc///motd", 0, &motd);
	assert_finds(&root, "/etc/.", 0, &etc);
	assert_finds(&root, "/etc/./sub/../motd", 0, &motd);
	assert_finds(&root, "/..", 0, &root);		/* the root's parent is the root */
	assert_finds(&root, "/../../etc", 0, &etc);
	assert_finds(&etc, "motd", 0, &motd);
	assert_finds(&sub, "../motd", 0, &motd);
	assert_finds(&sub, ".", 0, &sub);
	assert_finds(&sub, "/etc", 0, &etc);		/* absolute ignores the cwd */
	assert_finds(&root, "/etc/sub/", 0, &sub);
}

static void test_errors(void **state)
{
	char name[NAME_MAX + 3], path[PATH_MAX + 10];

	(void)state;
	assert_fails(&root, "", 0, -ENOENT);
	assert_fails(&root, "/nope", 0, -ENOENT);
	assert_fails(&root, "/nope/motd", 0, -ENOENT);
	assert_fails(&root, "/etc/motd/x", 0, -ENOTDIR);
	assert_fails(&root, "/etc/motd/", 0, -ENOTDIR);
	assert_fails(&root, "/etc/motd/.", 0, -ENOTDIR);
	assert_fails(&root, "/etc/motd", LOOKUP_DIRECTORY, -ENOTDIR);
	memset(name, 'a', NAME_MAX + 1);
	name[0] = '/';
	name[NAME_MAX + 2] = '\0';			/* "/" and 256 letters */
	assert_fails(&root, name, 0, -ENAMETOOLONG);
	name[NAME_MAX + 1] = '\0';			/* exactly 255: a fine name that is not there */
	assert_fails(&root, name, 0, -ENOENT);
	memset(path, '/', sizeof(path));
	path[PATH_MAX] = '\0';				/* 4096 bytes without the NUL */
	assert_fails(&root, path, 0, -ENAMETOOLONG);
	path[PATH_MAX - 1] = '\0';			/* 4095: "/" repeated is the root */
	assert_finds(&root, path, 0, &root);
}

/* Links: followed in the middle always, at the end with LOOKUP_FOLLOW or a trailing slash. */
static void test_symlinks(void **state)
{
	(void)state;
	assert_finds(&root, "/etc/link", LOOKUP_FOLLOW, &motd);
	assert_finds(&root, "/etc/link", 0, &link_);
	assert_finds(&root, "/etc/abs", LOOKUP_FOLLOW, &motd);
	assert_finds(&root, "/etc/dirlink/inner", 0, &inner);
	assert_finds(&root, "/etc/dirlink/", 0, &sub);	/* the slash makes it a directory lookup */
	assert_finds(&root, "/etc/dirlink", 0, &dirlink);
	assert_fails(&root, "/etc/link/", 0, -ENOTDIR);	/* followed to a file, which is no directory */
	assert_finds(&root, "/etc/up/etc/motd", 0, &motd);	/* ".." from /etc, where the link is */
	assert_finds(&sub, "../link", LOOKUP_FOLLOW, &motd);
}

static void test_loops(void **state)
{
	(void)state;
	assert_fails(&root, "/loop1", LOOKUP_FOLLOW, -ELOOP);
	assert_finds(&root, "/loop1", 0, &loop1);	/* not followed: the link itself */
	assert_fails(&root, "/loop1/x", 0, -ELOOP);
	assert_finds(&root, "/chain1", LOOKUP_FOLLOW, &motd);	/* 40 links: the limit */
	assert_fails(&root, "/chain0", LOOKUP_FOLLOW, -ELOOP);	/* 41 */
}

static void test_readdir_and_readlink(void **state)
{
	static const char *const want[] = { "motd", "sub", "link", "abs", "dirlink", "up" };
	struct path p = { &etc, 0 }, l = { &abs_, 0 };
	struct dir_entry e;
	char buf[5];
	unsigned int i;

	(void)state;
	for (i = 0; inode_readdir(&p, i, &e) == 0; i++) {
		assert_true(i < 6);
		assert_string_equal(e.name, want[i]);
	}
	assert_int_equal(i, 6);
	assert_int_equal(inode_readlink(&l, buf, sizeof(buf)), 9);	/* its full length ... */
	assert_string_equal(buf, "/etc");				/* ... cut to the buffer */
	l.inode = &motd;
	assert_int_equal(inode_readlink(&l, buf, sizeof(buf)), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_plain_names, build_tree),
		cmocka_unit_test_setup(test_errors, build_tree),
		cmocka_unit_test_setup(test_symlinks, build_tree),
		cmocka_unit_test_setup(test_loops, build_tree),
		cmocka_unit_test_setup(test_readdir_and_readlink, build_tree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
