/*
 * reboot(2)'s decision (kernel/reboot.c) on the host, against Linux's
 * include/uapi/linux/reboot.h numbers written out here: both magics
 * checked, every command mapped as Linux's kernel/reboot.c maps it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <reboot.h>
#include "host.h"

static const u32 good_magic2[] = { 0x28121969, 0x05121996, 0x16041998, 0x20112000 };

static void test_commands(void **state)
{
	static const struct { u32 cmd; enum reboot_action act; } t[] = {
		{ 0x01234567, REBOOT_RESTART }, { 0xa1b2c3d4, REBOOT_RESTART },
		{ 0x4321fedc, REBOOT_POWER_OFF }, { 0xcdef0123, REBOOT_POWER_OFF },
		{ 0x89abcdef, REBOOT_CAD }, { 0x00000000, REBOOT_CAD },
		{ 0xd000fce2, REBOOT_NO_SUSPEND }, { 0x45584543, REBOOT_INVALID }, { 0x12345678, REBOOT_INVALID },
	};

	(void)state;
	for (unsigned int m = 0; m < ARRAY_SIZE(good_magic2); m++)
		for (unsigned int i = 0; i < ARRAY_SIZE(t); i++)
			assert_int_equal(reboot_decode(0xfee1dead, good_magic2[m], t[i].cmd), t[i].act);
}

static void test_bad_magic(void **state)
{
	(void)state;
	assert_int_equal(reboot_decode(0xfee1deae, 0x28121969, 0x4321fedc), REBOOT_INVALID);
	assert_int_equal(reboot_decode(0, 0x28121969, 0x01234567), REBOOT_INVALID);
	assert_int_equal(reboot_decode(0xfee1dead, 0x28121968, 0x4321fedc), REBOOT_INVALID);
	assert_int_equal(reboot_decode(0xfee1dead, 0, 0x01234567), REBOOT_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_bad_magic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
