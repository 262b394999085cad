# User programs (user/) and the default initramfs.  Every user/*.c is one
# static Linux EABI executable, linked with the small C library layer in
# user/lib/ (every user/lib/*.c, each area's wrappers in a file of its
# own); they are the same for every split (linked at 0x10000, below
# every TASK_SIZE), so they are built once into $(B)/user/.  The initramfs
# $(B)/user/initramfs.cpio holds /init (user/init.c) and /bin/<name> for
# every program; $(B)/user/initramfs.uimg is the same archive as a U-Boot
# ramdisk image for `bootm <kernel> <ramdisk> <fdt>`.
# Needs: B, SRCROOT, CROSS_CC.  Adds itself to `all`.

USER_DIR   := $(B)/user
USER_PROGS := $(notdir $(basename $(wildcard $(SRCROOT)/user/*.c)))
USER_LIB   := user/lib/crt0.S $(sort $(wildcard user/lib/*.c))
USER_HDRS  := $(wildcard user/lib/*.h)
USER_BINS  := $(addprefix $(USER_DIR)/,$(USER_PROGS))
USER_FLOAT  = -mfloat-abi=soft
USER_CFLAGS = -mcpu=cortex-a9 -marm $(USER_FLOAT) -O2 -g -std=gnu11 -ffreestanding -nostdlib -static \
	-fno-pie -no-pie -fno-stack-protector -Wall -Wextra -Werror -Wno-unused-parameter \
	-fno-unwind-tables -fno-asynchronous-unwind-tables \
	-Wl,--build-id=none -Wl,-T,user/lib/user.lds -Wl,--no-warn-rwx-segments
INITRAMFS  := $(USER_DIR)/initramfs.cpio
# user/*.sh: files for execve's tests (`#!` scripts and bad executables), as /bin/<name>.sh with their git modes.
USER_SCRIPTS := $(notdir $(wildcard $(SRCROOT)/user/*.sh))

# user/vfp.c tests the VFP/NEON registers: it and its copy of the library are built hard-float (Debian armhf's ABI).
$(USER_DIR)/vfp: USER_FLOAT = -mfloat-abi=hard -mfpu=neon

.PHONY: user initramfs
user: $(USER_BINS)
initramfs: $(INITRAMFS) $(USER_DIR)/initramfs.uimg
all: initramfs

$(USER_DIR)/%: user/%.c $(USER_LIB) $(USER_HDRS) user/lib/user.lds
	@mkdir -p $(@D)
	@echo "  USER    $@"
	@$(CROSS_CC) $(USER_CFLAGS) -o $@ $(USER_LIB) $< -lgcc

$(INITRAMFS): $(USER_BINS) $(addprefix user/,$(USER_SCRIPTS)) scripts/mkcpio.py
	@scripts/mkcpio.py $@ bin/ init=$(USER_DIR)/init $(foreach p,$(USER_PROGS),bin/$(p)=$(USER_DIR)/$(p)) \
		$(foreach s,$(USER_SCRIPTS),bin/$(s)=user/$(s))
	@echo "  CPIO    $@ ($$(stat -c %s $@) bytes)"

$(USER_DIR)/initramfs.uimg: $(INITRAMFS)
	@mkimage -A arm -O linux -T ramdisk -C none -n initramfs -d $< $@ > /dev/null

