/* Bad user pointers come back as -EFAULT, and the process carries on. */
#include "lib/ulib.h"

static int bad;

static void expect(const char *what, long got, long want)
{
	printf("efault: %s = %d%s\n", what, (int)got, got == want ? "" : " (WRONG)");
	bad += got != want;
}

int main(int argc, char **argv, char **envp)
{
	static char text[] = "efault: a good write\n";

	expect("write(unmapped 0x20000000)", write(1, (void *)0x20000000, 10), -EFAULT);
	expect("write(kernel 0xffff0000)", write(1, (void *)0xffff0000, 10), -EFAULT);
	expect("write(wrapping 0xfffffff0, 32)", write(1, (void *)0xfffffff0, 32), -EFAULT);
	expect("uname(NULL)", uname(0), -EFAULT);
	/* Mapped but read-only: our own text. */
	expect("uname(text)", uname((struct utsname *)(void *)main), -EFAULT);
	expect("write(good)", write(1, text, sizeof(text) - 1), sizeof(text) - 1);
	printf("efault: %s\n", bad ? "BAD" : "ok");
	return bad;
}
