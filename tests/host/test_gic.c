/*
 * Which GIC register and bit belong to an interrupt ID (asm/gic.h), on
 * the host.  The expected values are the GIC v1 specification's rules
 * (ARM IHI 0048A 4.3) written out here for the IDs this board uses:
 * ISENABLER<n> holds IDs 32n..32n+31 one bit each, IPRIORITYR and
 * ITARGETSR one byte per ID four to a word, ICFGR two bits per ID.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "../../arch/arm/include/asm/gic.h"
#include "host.h"

/* id, enable-register offset, bit, byte-register offset, shift, cfg offset, cfg shift */
static const struct { unsigned int id, en_off; u32 en_bit; unsigned int byte_off, byte_shift, cfg_off, cfg_shift; } ids[] = {
	{ 0, 0x0, 0x1, 0x0, 0, 0x0, 0 },
	{ 15, 0x0, 0x8000, 0xc, 24, 0x0, 30 },
	{ 29, 0x0, 0x20000000, 0x1c, 8, 0x4, 26 },	/* the private timer's PPI */
	{ 31, 0x0, 0x80000000, 0x1c, 24, 0x4, 30 },
	{ 32, 0x4, 0x1, 0x20, 0, 0x8, 0 },		/* the first SPI */
	{ 34, 0x4, 0x4, 0x20, 16, 0x8, 4 },		/* SP804 timers 0/1: SPI 2 */
	{ 37, 0x4, 0x20, 0x24, 8, 0x8, 10 },		/* UART0: SPI 5 */
	{ 95, 0x8, 0x80000000, 0x5c, 24, 0x14, 30 },	/* the last of QEMU's 96 */
};

static void test_register_arithmetic(void **state)
{
	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(ids); i++) {
		assert_int_equal(gic_bit_reg(ids[i].id), ids[i].en_off);
		assert_int_equal(gic_bit_mask(ids[i].id), ids[i].en_bit);
		assert_int_equal(gic_byte_reg(ids[i].id), ids[i].byte_off);
		assert_int_equal(gic_byte_shift(ids[i].id), ids[i].byte_shift);
		assert_int_equal(gic_cfg_reg(ids[i].id), ids[i].cfg_off);
		assert_int_equal(gic_cfg_shift(ids[i].id), ids[i].cfg_shift);
	}
}

/* GICD_TYPER.ITLinesNumber N: 32 * (N + 1) IDs, never more than 1020. */
static void test_nr_irqs(void **state)
{
	(void)state;
	assert_int_equal(gic_nr_irqs(0x0), 32);
	assert_int_equal(gic_nr_irqs(0x2), 96);		/* QEMU's A9 MPCore: 64 SPIs */
	assert_int_equal(gic_nr_irqs(0xfc02), 96);	/* the other fields ignored */
	assert_int_equal(gic_nr_irqs(0x1f), 1020);
}

/* GICD_SGIR: target list in bits 23:16, filter 0, SGI ID in bits 3:0. */
static void test_sgir(void **state)
{
	(void)state;
	assert_int_equal(gic_sgir_value(0x1, 0), 0x00010000);
	assert_int_equal(gic_sgir_value(0xe, 1), 0x000e0001);
	assert_int_equal(gic_sgir_value(0x1ff, 0x1f), 0x00ff000f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_register_arithmetic),
		cmocka_unit_test(test_nr_irqs),
		cmocka_unit_test(test_sgir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
