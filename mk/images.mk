# Boot images around the kernel: U-Boot, the uImage, the DTB, an SD card and the two
# NOR flash banks; and the variables that hand a configuration to scripts/run-qemu.
# Included by the top-level Makefile, which defines:
#   O        this configuration's build folder (e.g. build/3g); it builds $(O)/Image
#   B        the top build folder (build)
#   SRCROOT  the repository root
# This file defines no run or test targets; scripts/run-qemu builds its own per-run
# images, so the files here are for people who want them (no BOOTARGS in them).

UBOOT_DIR  = $(B)/u-boot
UBOOT_ELF  = $(UBOOT_DIR)/u-boot
UBOOT_BIN  = $(UBOOT_DIR)/u-boot.bin
DTS        = $(SRCROOT)/dts/vexpress-v2p-ca9.dts
# The load address is the board description's (boards/vexpress-a9/board.h:
# RAM start + TEXT_OFFSET), read from there so that it is written once.
BOARD_HEADER = $(SRCROOT)/boards/vexpress-a9/board.h
board_define = $(shell sed -n 's/^\#define $(1)[[:space:]]*\(0x[0-9a-fA-F]*\).*/\1/p' $(BOARD_HEADER))
KERNEL_LOAD_ADDR := $(shell printf '0x%08x' $$(( $(call board_define,BOARD_PHYS_OFFSET) + \
	$(call board_define,BOARD_TEXT_OFFSET) )))
ifneq ($(words $(call board_define,BOARD_PHYS_OFFSET) $(call board_define,BOARD_TEXT_OFFSET)),2)
$(error $(BOARD_HEADER) must define BOARD_PHYS_OFFSET and BOARD_TEXT_OFFSET as hex numbers)
endif
# mkimage allows 32 characters; "kernel 3g" for build/3g.
UIMAGE_NAME = kernel $(notdir $(O))

IMAGE_FILES = $(O)/uImage $(O)/vexpress-v2p-ca9.dtb $(O)/sd.img $(O)/nor0.img $(O)/nor1.img

# The assignments that pass this configuration to scripts/run-qemu:
#   $(RUN_QEMU_ENV) $(SRCROOT)/scripts/run-qemu
# and the files that run needs first (U-Boot only when BOOT is not direct).
RUN_QEMU_ENV = O=$(O) UBOOT=$(UBOOT_ELF) BOOT=$(BOOT) MEM=$(MEM) CPUS=$(CPUS) \
	BOOTARGS="$(BOOTARGS)" DTB=$(DTB) INITRD=$(INITRD) QEMU_EXTRA="$(QEMU_EXTRA)" PROMPT="$(PROMPT)"
RUN_QEMU_DEPS = $(O)/uImage $(O)/vexpress-v2p-ca9.dtb \
	$(if $(filter direct,$(BOOT)),,$(UBOOT_ELF))

.PHONY: images
images: $(IMAGE_FILES) $(UBOOT_ELF)

# The U-Boot source is fetched once into $(UBOOT_DIR)/src. mk/libfdt.mk fetches the
# same folder for its libfdt; when it is included (first), its rule is the only one,
# so that a parallel make never runs two fetches into one folder.
UBOOT_SRC_DONE = $(UBOOT_DIR)/src/.done
ifneq ($(abspath $(LIBFDT_SRC_DONE)),$(abspath $(UBOOT_SRC_DONE)))
$(UBOOT_SRC_DONE):
	$(SRCROOT)/scripts/fetch-uboot-src $(UBOOT_DIR)/src
endif

# scripts/build-uboot skips a build that is up to date.
$(UBOOT_ELF): $(UBOOT_SRC_DONE) $(SRCROOT)/scripts/build-uboot
	$(SRCROOT)/scripts/build-uboot $(UBOOT_DIR)

$(O)/uImage: $(O)/Image $(BOARD_HEADER)
	mkimage -A arm -O linux -T kernel -C none -a $(KERNEL_LOAD_ADDR) -e $(KERNEL_LOAD_ADDR) \
		-n "$(UIMAGE_NAME)" -d $< $@ > /dev/null

# dtc warnings count as errors: the tree must compile clean.
$(O)/vexpress-v2p-ca9.dtb: $(DTS)
	@mkdir -p $(@D)
	dtc -I dts -O dtb -o $@ $< 2> $@.log || { cat $@.log; rm -f $@ $@.log; exit 1; }
	@if [ -s $@.log ]; then cat $@.log; rm -f $@ $@.log; exit 1; fi; rm -f $@.log

$(O)/sd.img: $(O)/uImage $(O)/vexpress-v2p-ca9.dtb $(SRCROOT)/scripts/mksd
	$(SRCROOT)/scripts/mksd $@ $(O)/uImage $(O)/vexpress-v2p-ca9.dtb

# The environment reads its size from U-Boot's .config, hence the U-Boot prerequisite.
# "auto": boot from the SD card when one with the files is inserted, else from NOR.
$(O)/env.img: $(UBOOT_ELF) $(SRCROOT)/scripts/mkenv
	UBOOT=$(UBOOT_ELF) $(SRCROOT)/scripts/mkenv $@ auto ""

# Flash 0 starts with scripts/nor-boot.S and u-boot.bin (scripts/build-uboot leaves it
# beside $(UBOOT_ELF)), so the CPU's reset vector runs U-Boot from flash.
$(O)/nor0.img $(O)/nor1.img &: $(O)/uImage $(O)/vexpress-v2p-ca9.dtb $(O)/env.img \
		$(UBOOT_ELF) $(SRCROOT)/scripts/mknor $(SRCROOT)/scripts/nor-boot.S
	UBOOT=$(UBOOT_ELF) $(SRCROOT)/scripts/mknor $(O) $(O)/uImage \
		$(O)/vexpress-v2p-ca9.dtb $(O)/env.img
