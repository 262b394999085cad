/*
 * The descriptor table (fs/file.c) over the host's kmalloc: lowest free
 * fd first, growth past the first 64 slots up to RLIMIT_NOFILE's 1024
 * (then EMFILE), dup/dup2/dup3 with Linux's errors and dup2 closing what
 * newfd held, close-on-exec kept per fd and applied at exec, fork taking a
 * reference per file, and the last reference calling release once.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <file.h>
#include <sched.h>
#include <slab.h>
#include "mm_boot.h"

#define FILES	4

static int released[FILES];
static struct inode ino = { .rf = { "f", S_IFREG | 0644, NULL, 0 } };

/* Which file was released: file i has private_data &released[i]. */
static void count_release(struct file *f)
{
	(*(int *)f->private_data)++;
}

static const struct file_operations test_fops = { .release = count_release };

static struct file *new_file(int i)
{
	struct path p = { &ino, 0 };
	struct file *f = alloc_file(&p, O_RDONLY, &test_fops);

	assert_non_null(f);
	f->private_data = &released[i];
	return f;
}

/* Install a new file i at the lowest free fd; returns the fd. */
static int open_file(struct files_struct *files, int i, bool cloexec)
{
	int fd = alloc_fd(files, 0, cloexec);

	assert_true(fd >= 0);
	fd_install(files, (unsigned int)fd, new_file(i));
	return fd;
}

/* The file at fd, without keeping a reference (the fd holds one). */
static struct file *peek(struct files_struct *files, unsigned int fd)
{
	struct file *f = fget_files(files, fd);

	if (f)
		fput(f);
	return f;
}

static int boot(void **state)
{
	(void)state;
	mm_boot(SMALL_RAM, SMALL_VMALLOC);
	slab_reset();
	kmalloc_init();
	memset(released, 0, sizeof(released));
	return 0;
}

static void test_lowest_free_first(void **state)
{
	struct files_struct *files = files_alloc();

	(void)state;
	assert_int_equal(open_file(files, 0, false), 0);
	assert_int_equal(open_file(files, 0, false), 1);
	assert_int_equal(open_file(files, 0, false), 2);
	assert_int_equal(close_fd(files, 1), 0);
	assert_int_equal(released[0], 1);
	assert_int_equal(open_file(files, 0, false), 1);	/* the hole is filled first */
	assert_int_equal(close_fd(files, 7), -EBADF);
	assert_int_equal(close_fd(files, 5000), -EBADF);
	assert_int_equal(alloc_fd(files, 10, false), 10);	/* F_DUPFD's lower bound */
	assert_null(fget_files(files, 10));			/* reserved, not open */
	put_unused_fd(files, 10);
	assert_int_equal(alloc_fd(files, 0, false), 3);
	files_free(files);
	assert_int_equal(released[0], 4);			/* 0, 1 (twice), 2: 3 was never filled */
}

/* 1024 fds: 0..1023 succeed, the table grows under them, the next is EMFILE; the files stay where they were. */
static void test_growth_and_emfile(void **state)
{
	struct files_struct *files = files_alloc();
	struct file *first;
	int fd;

	(void)state;
	assert_int_equal(files->max_fds, NR_OPEN_DEFAULT);
	assert_int_equal(open_file(files, 0, false), 0);
	first = peek(files, 0);
	for (int want = 1; want < RLIMIT_NOFILE_DEFAULT; want++) {
		fd = do_dup(files, 0, 0, false);
		if (fd != want)
			fail_msg("dup number %d gave %d", want, fd);
	}
	assert_int_equal(files->max_fds, RLIMIT_NOFILE_DEFAULT);
	assert_int_equal(do_dup(files, 0, 0, false), -EMFILE);
	assert_int_equal(alloc_fd(files, 0, false), -EMFILE);
	assert_ptr_equal(peek(files, 0), first);
	assert_int_equal(first->f_count, RLIMIT_NOFILE_DEFAULT);	/* one reference per fd */
	files_free(files);
	assert_int_equal(released[0], 1);
}

static void test_dup2_semantics(void **state)
{
	struct files_struct *files = files_alloc();
	int a = open_file(files, 0, false), b = open_file(files, 1, false);
	struct file *fa = peek(files, (unsigned int)a);

	(void)state;
	assert_int_equal(do_dup3(files, (unsigned int)a, (unsigned int)b, 0, false), b);
	assert_int_equal(released[1], 1);			/* what newfd held is closed */
	assert_ptr_equal(peek(files, (unsigned int)b), fa);
	assert_int_equal(fa->f_count, 2);			/* fds a and b */
	assert_int_equal(do_dup3(files, (unsigned int)a, (unsigned int)a, 0, false), a);	/* dup2 onto itself */
	assert_int_equal(do_dup3(files, (unsigned int)a, (unsigned int)a, 0, true), -EINVAL);	/* dup3 */
	assert_int_equal(do_dup3(files, (unsigned int)a, 9, 1, true), -EINVAL);		/* a flag not O_CLOEXEC */
	assert_int_equal(do_dup3(files, 40, 9, 0, false), -EBADF);
	assert_int_equal(do_dup3(files, 40, 40, 0, false), -EBADF);
	assert_int_equal(do_dup3(files, (unsigned int)a, RLIMIT_NOFILE_DEFAULT, 0, false), -EBADF);
	assert_int_equal(do_dup3(files, (unsigned int)a, 200, O_CLOEXEC, true), 200);	/* grows the table */
	assert_true(get_close_on_exec(files, 200));
	assert_int_equal(do_dup(files, 40, 0, false), -EBADF);
	assert_int_equal(do_dup(files, (unsigned int)a, RLIMIT_NOFILE_DEFAULT, false), -EINVAL);
	files_free(files);
	assert_int_equal(released[0], 1);
}

/* FD_CLOEXEC belongs to the fd, not the file: exec closes exactly the marked fds. */
static void test_cloexec(void **state)
{
	struct fs_struct fs = { { &ino, 0 }, { &ino, 0 } };
	struct task_struct t = { .fs = &fs };
	int keep, drop, dup_keep;

	(void)state;
	t.files = files_alloc();
	keep = open_file(t.files, 0, false);
	drop = open_file(t.files, 1, true);
	dup_keep = do_dup(t.files, (unsigned int)drop, 0, false);
	assert_false(get_close_on_exec(t.files, (unsigned int)keep));
	assert_true(get_close_on_exec(t.files, (unsigned int)drop));
	assert_false(get_close_on_exec(t.files, (unsigned int)dup_keep));
	set_close_on_exec(t.files, (unsigned int)keep, true);
	set_close_on_exec(t.files, (unsigned int)keep, false);
	files_exec(&t);
	assert_non_null(peek(t.files, (unsigned int)keep));
	assert_null(peek(t.files, (unsigned int)drop));
	assert_non_null(peek(t.files, (unsigned int)dup_keep));
	assert_int_equal(released[1], 0);			/* still open through dup_keep */
	assert_int_equal(alloc_fd(t.files, 0, false), drop);	/* and its slot's bit is clear again */
	assert_false(get_close_on_exec(t.files, (unsigned int)drop));
	put_unused_fd(t.files, (unsigned int)drop);
	files_free(t.files);
	assert_int_equal(released[0] + released[1], 2);
}

/* fork shares every open file (one more reference each) and the bits; the last exit releases. */
static void test_fork_and_exit(void **state)
{
	struct fs_struct *pfs = kmalloc(sizeof(*pfs), GFP_KERNEL);
	struct task_struct parent = { .fs = pfs }, child = { 0 };
	int fd;

	(void)state;
	*pfs = (struct fs_struct){ { &ino, 0 }, { &ino, 0 } };
	parent.files = files_alloc();
	open_file(parent.files, 0, false);
	fd = open_file(parent.files, 1, true);
	do_dup3(parent.files, 0, 100, 0, false);
	assert_int_equal(files_fork(&child, &parent), 0);
	assert_ptr_equal(peek(child.files, 100), peek(parent.files, 100));
	assert_int_equal(peek(child.files, 0)->f_count, 4);	/* fds 0 and 100 in each table */
	assert_true(get_close_on_exec(child.files, (unsigned int)fd));
	assert_ptr_equal(child.fs->pwd.inode, &ino);
	files_exit(&child);
	assert_null(child.files);
	assert_int_equal(released[0] + released[1], 0);		/* the parent still has them */
	files_exit(&parent);
	assert_int_equal(released[0], 1);
	assert_int_equal(released[1], 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_lowest_free_first, boot, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_growth_and_emfile, boot, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_dup2_semantics, boot, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_cloexec, boot, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_fork_and_exit, boot, host_ram_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
