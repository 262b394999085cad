# Debugging with GDB: `make debug` boots QEMU halted with its GDB server on
# 127.0.0.1:$(GDB_PORT) and opens gdb-multiarch on $(O)/vmlinux with
# scripts/gdb/gdbinit (the mm-* commands of scripts/gdb/vxmm.py, the kernel's
# symbols also at its physical load address).  Every run variable works as
# with `make run` (SPLIT, BOOT, MEM, BOOTARGS, DTB, QEMU_EXTRA).
#
# Needs: O, B, BOOT, SRCROOT, RUN_QEMU_ENV and RUN_QEMU_DEPS (mk/images.mk).

GDB_PORT ?= 1234

.PHONY: debug debug-console
debug: $(O)/vmlinux $(RUN_QEMU_DEPS)
	@$(RUN_QEMU_ENV) GDB_PORT=$(GDB_PORT) $(SRCROOT)/scripts/debug

# The kernel's serial console of a running `make debug`, for another terminal.
debug-console:
	@GDB_PORT=$(GDB_PORT) $(SRCROOT)/scripts/debug console
