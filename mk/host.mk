# Host unit tests: the mm/, highmem/ and boot-input sources, built as a
# 32-bit library with AddressSanitizer and UndefinedBehaviorSanitizer, linked
# with the shims in tests/host/ (fake arch layer, captured printk) and cmocka.
# Every tests/host/test_*.c is one test binary; every other tests/host/*.c is
# a shim linked into all of them.
#
# The whole set is built once per host configuration (HOST_CONFIGS), each in
# $(B)/host/<name>/ from configs/vexpress_<name>_defconfig or, for a
# configuration only the host tests use, configs/host_<name>_defconfig:
#   3g            3G/1G with highmem (the kernel's default)
#   2g            2G/2G: 1 GiB is all lowmem
#   3g-nohighmem  3G/1G without CONFIG_HIGHMEM
#   3g-debug      3G/1G with CONFIG_DEBUG_MM, CONFIG_SLAB_DEBUG, CONFIG_DEBUG_SPINLOCK and CONFIG_LOCKDEP
#   3g-sparse     3G/1G with SPARSEMEM
#
# Needs: B, SRCROOT, and mk/libfdt.mk included first (LIBFDT_*).
# Targets: host-tests (build everything), host-check (run each binary of each
# configuration under a HOST_TIMEOUT-second limit, default 300, with TAP
# output into $(B)/host/<name>/host-<name>-<test>.tap, print them all, fail
# at the end if any binary failed).
# HOST_DIR, HOST_AUTOCONF and HOST_LIB name the 3g configuration, which the
# fuzz and bench-host builds share.

HOST_CONFIGS   ?= 3g 2g 1g 3g-nohighmem 3g-debug 3g-sparse
HOST_TIMEOUT   ?= 300
HOST_DIR       := $(B)/host/3g
HOST_AUTOCONF  := $(HOST_DIR)/include/generated/autoconf.h

HOST_CC        ?= gcc
HOST_SANITIZE  := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
HOST_LIBFDT_CFLAGS := -m32 -std=gnu11 -O1 -g -Wall -Wextra -Werror $(HOST_SANITIZE)
# Each configuration adds -I<its folder>/include for generated/autoconf.h.
HOST_CFLAGS    := $(HOST_LIBFDT_CFLAGS) -I$(SRCROOT)/include -I$(SRCROOT)/tests/host/include $(LIBFDT_INC) -MMD -MP
HOST_LDFLAGS   := -m32 $(HOST_SANITIZE)
HOST_LDLIBS    := -lcmocka -lpthread

# Sources, relative to SRCROOT.
host_rel = $(patsubst $(SRCROOT)/%,%,$(wildcard $(addprefix $(SRCROOT)/,$(1))))
HOST_LIB_SRCS  := $(filter-out mm/cmd_%.c highmem/cmd_%.c,$(call host_rel,mm/*.c highmem/*.c)) \
		  arch/arm/lowmem.c kernel/bootfdt.c kernel/cmdline.c kernel/line_edit.c lib/seq.c lib/rbtree.c \
		  kernel/spinlock_debug.c kernel/lockdep.c kernel/elf.c kernel/proc_rules.c fs/cpio.c fs/namei.c fs/file.c fs/pipe_ring.c \
		  kernel/time_calc.c kernel/reboot.c
HOST_TEST_SRCS := $(call host_rel,tests/host/test_*.c)
HOST_SHIM_SRCS := $(filter-out $(HOST_TEST_SRCS),$(call host_rel,tests/host/*.c))
HOST_TEST_NAMES := $(patsubst tests/host/%.c,%,$(HOST_TEST_SRCS))

host_defconfig = $(firstword $(wildcard $(SRCROOT)/configs/vexpress_$(1)_defconfig \
	$(SRCROOT)/configs/host_$(1)_defconfig) $(SRCROOT)/configs/no-such-configuration-$(1))

.PHONY: host-tests host-check

# Kconfig writes include/config/ and include/generated/ relative to the
# current folder (kconfig-frontends 4.11), so it runs inside the
# configuration's folder; srctree lets any `source` lines in Kconfig resolve
# against the repo.
define host_kconfig
	@mkdir -p $(1)/include/config $(1)/include/generated
	cd $(1) && srctree=$(abspath $(SRCROOT)) KCONFIG_CONFIG=.config \
		kconfig-conf --defconfig=$(abspath $(2)) $(abspath $(SRCROOT)/Kconfig) >/dev/null
	cd $(1) && srctree=$(abspath $(SRCROOT)) KCONFIG_CONFIG=.config \
		KCONFIG_AUTOHEADER=include/generated/autoconf.h KCONFIG_AUTOCONFIG=include/config/auto.conf \
		kconfig-conf --silentoldconfig $(abspath $(SRCROOT)/Kconfig)
	@touch $(1)/include/generated/autoconf.h
endef

# One configuration $(1): its autoconf.h, objects, library and test binaries.
define host_config
host_dir_$(1)   := $(B)/host/$(1)
host_conf_$(1)  := $$(host_dir_$(1))/include/generated/autoconf.h
host_lib_$(1)   := $$(host_dir_$(1))/libvxmm-host.a
host_objs_$(1)  := $$(addprefix $$(host_dir_$(1))/obj/,$$(HOST_LIB_SRCS:.c=.o))
host_shims_$(1) := $$(addprefix $$(host_dir_$(1))/obj/,$$(HOST_SHIM_SRCS:.c=.o))
host_tobjs_$(1) := $$(addprefix $$(host_dir_$(1))/obj/,$$(HOST_TEST_SRCS:.c=.o))
host_bins_$(1)  := $$(addprefix $$(host_dir_$(1))/,$$(HOST_TEST_NAMES))
HOST_ALL_TESTS  += $$(host_bins_$(1))
# Reached only through pattern rules, these would count as intermediate and be deleted.
.SECONDARY: $$(host_shims_$(1)) $$(host_tobjs_$(1))

$$(host_conf_$(1)): $$(call host_defconfig,$(1)) $$(wildcard $$(SRCROOT)/Kconfig)
	$$(call host_kconfig,$$(host_dir_$(1)),$$<)

$$(host_dir_$(1))/obj/%.o: $$(SRCROOT)/%.c | $$(host_conf_$(1)) $$(LIBFDT_SRC_DONE)
	@mkdir -p $$(@D)
	$$(HOST_CC) $$(HOST_CFLAGS) -I$$(host_dir_$(1))/include -c $$< -o $$@

$$(host_lib_$(1)): $$(host_objs_$(1)) $$(LIBFDT_HOST_OBJS)
	@rm -f $$@
	ar rcs $$@ $$^

$$(host_dir_$(1))/test_%: $$(host_dir_$(1))/obj/tests/host/test_%.o $$(host_shims_$(1)) $$(host_lib_$(1))
	$$(HOST_CC) $$(HOST_LDFLAGS) -o $$@ $$< $$(host_shims_$(1)) $$(host_lib_$(1)) $$(HOST_LDLIBS)

-include $$(host_objs_$(1):.o=.d) $$(host_shims_$(1):.o=.d) $$(host_tobjs_$(1):.o=.d)
endef

HOST_ALL_TESTS :=
$(foreach c,$(sort $(HOST_CONFIGS) 3g),$(eval $(call host_config,$(c))))
HOST_LIB       := $(host_lib_3g)

host-tests: $(HOST_ALL_TESTS)

# Each binary runs under timeout(1).  One that fails a test exits non-zero
# after its own "not ok" lines; one that hangs, or dies (a sanitizer report,
# a crash) with no "not ok" line, gets host-<configuration>-<test>.harness.tap
# with one failed test saying why, so a TAP count never misses it (its own
# TAP file is then short of its plan, which tap-summary reports as well).
# stdin is /dev/null, and every configuration's TAP files carry its name.
host-check: host-tests
	@failed=0; total=0; \
	for c in $(HOST_CONFIGS); do \
		for name in $(HOST_TEST_NAMES); do \
			t=$(B)/host/$$c/$$name; tap=$(B)/host/$$c/host-$$c-$$name.tap; total=$$((total + 1)); \
			rm -f $${tap%.tap}.harness.tap; \
			CMOCKA_MESSAGE_OUTPUT=TAP timeout -k 5 $(HOST_TIMEOUT) $$t < /dev/null > $$tap 2>&1; rc=$$?; \
			case $$rc in 0) why= ;; 124|137) why="timed out after $(HOST_TIMEOUT) s" ;; \
				*) why="exited with status $$rc (see $$tap)" ;; esac; \
			[ $$rc -eq 0 ] || failed=$$((failed + 1)); \
			if [ -n "$$why" ] && { [ $$rc -eq 124 ] || [ $$rc -eq 137 ] || ! grep -q '^not ok' $$tap; }; then \
				printf '1..1\nnot ok 1 - host %s/%s %s\n' $$c $$name "$$why" > $${tap%.tap}.harness.tap; \
			fi; \
			echo "# $$c/$$name"; cat $$tap $${tap%.tap}.harness.tap 2>/dev/null; \
		done; \
	done; \
	if [ $$failed -ne 0 ]; then echo "host-check: $$failed of $$total test binaries failed"; exit 1; fi; \
	echo "host-check: all $$total test binaries passed"
