# libfdt, taken from Debian's U-Boot source package (scripts/dtc/libfdt),
# built twice: for the kernel (freestanding, include/libc for its string.h,
# stdlib.h and limits.h) and for the 32-bit host test library.
#
# Needs: B (top build folder), O (this configuration's build folder),
# SRCROOT (repo root), CROSS_CC, KERNEL_CFLAGS.
# Gives: LIBFDT_INC (the -I for libfdt.h), LIBFDT_KERNEL_OBJS,
# LIBFDT_HOST_OBJS, LIBFDT_SRC_DONE (a prerequisite for anything that
# includes libfdt.h, e.g. kernel/bootfdt.o), LIBFDT_KERNEL_CFLAGS.

UBOOT_SRC_DIR   := $(B)/u-boot/src
LIBFDT_SRC_DONE := $(UBOOT_SRC_DIR)/.done
LIBFDT_DIR      := $(UBOOT_SRC_DIR)/u-boot/scripts/dtc/libfdt
LIBFDT_INC      := -I$(LIBFDT_DIR)

# The reader only: no sequential-write, read-write or overlay code in the kernel.
LIBFDT_KERNEL_SRCS := fdt.c fdt_ro.c fdt_strerror.c fdt_wip.c fdt_addresses.c
# The host tests also build blobs, with the sequential-write and read-write API.
LIBFDT_HOST_SRCS   := $(LIBFDT_KERNEL_SRCS) fdt_sw.c fdt_rw.c

LIBFDT_KERNEL_OBJS := $(addprefix $(O)/libfdt/,$(LIBFDT_KERNEL_SRCS:.c=.o))
LIBFDT_HOST_OBJS   := $(addprefix $(B)/host/libfdt/,$(LIBFDT_HOST_SRCS:.c=.o))

# fdt.c defines fdt_ro_probe_() as returning int32_t while libfdt_internal.h
# declares it int.  U-Boot's own types make int32_t an int; gcc's
# freestanding <stdint.h> for arm-none-eabi makes it a long, so the two
# clash.  For libfdt's own objects only, give int32_t the type U-Boot
# assumes (same size and ABI on ARM).  No other warning needs silencing.
LIBFDT_KERNEL_CFLAGS := -I$(SRCROOT)/include/libc $(LIBFDT_INC) \
	-U__INT32_TYPE__ -D__INT32_TYPE__=int \
	-U__UINT32_TYPE__ '-D__UINT32_TYPE__=unsigned int'

# The U-Boot build (another fragment) unpacks into the same folder; both
# name the .done file, so whichever runs first fetches it for both.
$(LIBFDT_SRC_DONE):
	$(SRCROOT)/scripts/fetch-uboot-src $(UBOOT_SRC_DIR)

$(O)/libfdt/%.o: $(LIBFDT_SRC_DONE) $(wildcard $(SRCROOT)/include/libc/*.h)
	@mkdir -p $(@D)
	$(CROSS_CC) $(KERNEL_CFLAGS) $(LIBFDT_KERNEL_CFLAGS) -c $(LIBFDT_DIR)/$*.c -o $@

# HOST_CC and HOST_CFLAGS come from mk/host.mk; libfdt needs no project headers.
$(B)/host/libfdt/%.o: $(LIBFDT_SRC_DONE)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_LIBFDT_CFLAGS) $(LIBFDT_INC) -c $(LIBFDT_DIR)/$*.c -o $@
