# vxmm: a memory-management kernel for the Versatile Express Cortex-A9.
# `make run` and `make test` do everything; `make help` lists the rest.

SRCROOT := $(CURDIR)

# ---- What the user chooses ---------------------------------------------------
SPLIT      ?= 3g
MEM        ?= 1024
CPUS       ?= 4
BOOT       ?= uboot
BOOTARGS   ?=
DTB        ?=
QEMU_EXTRA ?=
INITRD     ?=
PROMPT     ?=
B          ?= build
O          ?= $(B)/$(SPLIT)
DEFCONFIG  ?= vexpress_$(SPLIT)_defconfig
JOBS       ?= 2

ifeq ($(wildcard configs/vexpress_$(SPLIT)_defconfig),)
$(error SPLIT=$(SPLIT): use 3g, 2g, 1g or 3g-nohighmem (or any <name> with a configs/vexpress_<name>_defconfig))
endif

CROSS_COMPILE ?= arm-none-eabi-
CROSS_CC      := $(CROSS_COMPILE)gcc
CROSS_OBJCOPY := $(CROSS_COMPILE)objcopy

DEPS_STAMP := $(B)/.deps-installed

.PHONY: all run test help deps kernel images menuconfig savedefconfig clean distclean \
	boot-tests selftests check-layering
all: kernel images

# ---- Dependencies: every package comes through scripts/install-deps -------------
$(DEPS_STAMP): scripts/install-deps
	@scripts/install-deps
	@mkdir -p $(@D) && touch $@
deps: $(DEPS_STAMP)

# ---- Configuration (kconfig-frontends) -------------------------------------------
KCONF_ENV = KCONFIG_CONFIG=$(abspath $(O))/.config \
	KCONFIG_AUTOHEADER=$(abspath $(O))/include/generated/autoconf.h \
	KCONFIG_AUTOCONFIG=$(abspath $(O))/include/config/auto.conf

$(O)/.config: | $(DEPS_STAMP)
	@mkdir -p $(O)
	cd $(O) && $(KCONF_ENV) kconfig-conf --defconfig=$(SRCROOT)/configs/$(DEFCONFIG) $(SRCROOT)/Kconfig >/dev/null

%_defconfig: | $(DEPS_STAMP)
	@test -f configs/$@ || { echo "no configs/$@; choose one of: $$(ls configs)"; exit 1; }
	@mkdir -p $(O)
	cd $(O) && $(KCONF_ENV) kconfig-conf --defconfig=$(SRCROOT)/configs/$@ $(SRCROOT)/Kconfig

menuconfig: $(O)/.config
	cd $(O) && $(KCONF_ENV) kconfig-mconf $(SRCROOT)/Kconfig

savedefconfig: $(O)/.config
	cd $(O) && $(KCONF_ENV) kconfig-conf --savedefconfig=$(abspath $(O))/defconfig $(SRCROOT)/Kconfig
	@echo "wrote $(O)/defconfig"

# A Kconfig newer than the .config (a new symbol) takes the new symbols' defaults
# (olddefconfig) rather than asking on a terminal that a build may not have.
$(O)/include/generated/autoconf.h: $(O)/.config Kconfig
	@mkdir -p $(O)/include/generated $(O)/include/config
	cd $(O) && $(KCONF_ENV) kconfig-conf --olddefconfig $(SRCROOT)/Kconfig > /dev/null
	cd $(O) && $(KCONF_ENV) kconfig-conf --silentoldconfig $(SRCROOT)/Kconfig

VERSION := $(shell git describe --always --dirty 2>/dev/null || echo unknown)
$(O)/include/generated/version.h: FORCE | $(O)/include/generated/autoconf.h
	@printf '#define VXMM_VERSION "%s"\n' "$(VERSION)" > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@
FORCE:

# Fragments: libfdt (both builds), U-Boot and the images, the host tests.
include mk/libfdt.mk
include mk/images.mk
include mk/host.mk
# Any further fragment (debugging, fuzzing, benchmarks, board images) adds its own targets.
include $(filter-out mk/libfdt.mk mk/images.mk mk/host.mk,$(sort $(wildcard mk/*.mk)))

# ---- The kernel -------------------------------------------------------------------
KERNEL_SRCS := $(filter-out arch/arm/kernel.lds.S,$(wildcard arch/arm/*.S arch/arm/*.c \
	boards/vexpress-a9/*.c kernel/*.c mm/*.c highmem/*.c lib/*.c fs/*.c))
KERNEL_OBJS := $(patsubst %,$(O)/obj/%.o,$(basename $(KERNEL_SRCS)))

KERNEL_CFLAGS = -mcpu=cortex-a9 -marm -mfloat-abi=soft \
	-std=gnu11 -O2 -g -ffreestanding -ffunction-sections -fdata-sections -fno-common -fno-pie -fno-stack-protector \
	-fno-omit-frame-pointer -fno-strict-aliasing \
	-Wall -Wextra -Werror -Wno-unused-parameter \
	-nostdinc -isystem $(shell $(CROSS_CC) -print-file-name=include) \
	-I include -I include/libc -I arch/arm/include -I . -I $(O)/include $(LIBFDT_INC) \
	-MMD -MP
KERNEL_ASFLAGS = -mcpu=cortex-a9 -marm -I include -I arch/arm/include -I . -I $(O)/include -MMD -MP

$(O)/obj/%.o: %.c $(O)/include/generated/autoconf.h | $(DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CROSS_CC) $(KERNEL_CFLAGS) -c $< -o $@

$(O)/obj/%.o: %.S $(O)/include/generated/autoconf.h | $(DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  AS      $<"
	@$(CROSS_CC) $(KERNEL_ASFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(O)/obj/kernel/main.o $(O)/obj/kernel/cmd_core.o: $(O)/include/generated/version.h
$(O)/obj/kernel/bootfdt.o: $(LIBFDT_SRC_DONE)

$(O)/kernel.lds: arch/arm/kernel.lds.S $(O)/include/generated/autoconf.h
	@$(CROSS_CC) -E -P -x c -I $(O)/include $< -o $@

# Linked twice for the symbol table (scripts/mksyms, kernel/kallsyms.c):
# first with an empty table, then with the table of the first link.  The
# table sits in .rodata after all text, so it cannot move a function; the
# table of the final link must equal the one linked in, or the build fails.
link_vmlinux = $(CROSS_CC) -nostdlib -static -Wl,--gc-sections -Wl,--fatal-warnings -Wl,--no-warn-rwx-segments \
	-Wl,-T,$(O)/kernel.lds -Wl,-Map,$(1).map -o $(1) $(KERNEL_OBJS) $(LIBFDT_KERNEL_OBJS) $(2) -lgcc
mksyms_obj = scripts/mksyms $(1) > $(2).S && $(CROSS_CC) $(KERNEL_ASFLAGS) -c $(2).S -o $(2).o

$(O)/vmlinux: $(KERNEL_OBJS) $(LIBFDT_KERNEL_OBJS) $(O)/kernel.lds scripts/mksyms
	@echo "  LD      $@"
	@$(call mksyms_obj,--empty,$(O)/kallsyms0)
	@$(call link_vmlinux,$(O)/vmlinux.0,$(O)/kallsyms0.o)
	@$(call mksyms_obj,$(CROSS_COMPILE)nm $(O)/vmlinux.0,$(O)/kallsyms)
	@$(call link_vmlinux,$@,$(O)/kallsyms.o)
	@scripts/mksyms $(CROSS_COMPILE)nm $@ > $(O)/kallsyms.check.S
	@cmp -s $(O)/kallsyms.S $(O)/kallsyms.check.S || \
		{ echo "kallsyms: function addresses moved between the two links (diff $(O)/kallsyms.S $(O)/kallsyms.check.S)"; \
		  rm -f $@; exit 1; }

# The image file runs up to _end (.bss included as zeros), so a blob
# appended to it lands exactly where head.S looks.
$(O)/Image: $(O)/vmlinux
	@$(CROSS_OBJCOPY) -O binary --set-section-flags .bss=alloc,load,contents $< $@
	@echo "  IMAGE   $@ ($$(stat -c %s $@) bytes)"

kernel: $(O)/Image

-include $(KERNEL_OBJS:.o=.d)


# ---- Running ----------------------------------------------------------------------
run: kernel images
	@$(RUN_QEMU_ENV) scripts/run-qemu

# ---- Tests ------------------------------------------------------------------------
# Every suite writes TAP into $(B)/results/; scripts/tap-summary adds them up
# and prints the one closing line.
check-layering:
	@scripts/check-layering

test: | $(DEPS_STAMP)
	@scripts/test-all

help:
	@sed -n 's/^## \{0,1\}//p' $(SRCROOT)/docs/make-help.txt

clean:
	rm -rf $(O)

distclean:
	rm -rf $(B)
