# make busybox-initramfs: Debian's busybox-static (armhf, fetched by scripts/linux-ref into
# $(B)/linux-ref at the first run) as an initramfs for vxmm (scripts/busybox-initramfs):
# $(B)/busybox/initramfs.cpio and its U-Boot ramdisk image initramfs.uimg.  Then
# `make run INITRD=$(B)/busybox/initramfs.cpio` boots into busybox's shell.
.PHONY: busybox-initramfs
busybox-initramfs: | $(DEPS_STAMP)
	@B=$(B) scripts/busybox-initramfs
