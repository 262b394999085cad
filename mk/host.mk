# Host unit tests: the mm/, highmem/ and boot-input sources, built as a
# 32-bit library with AddressSanitizer and UndefinedBehaviorSanitizer, linked
# with the shims in tests/host/ (fake arch layer, captured printk) and cmocka.
# Every tests/host/test_*.c is one test binary; every other tests/host/*.c is
# a shim linked into all of them.
#
# Needs: B, SRCROOT, and mk/libfdt.mk included first (LIBFDT_*).
# Targets: host-tests (build everything into $(B)/host/), host-check (run
# each binary with TAP output into $(B)/host/<name>.tap, print them all,
# fail at the end if any binary failed).

HOST_DIR       := $(B)/host
HOST_DEFCONFIG ?= configs/vexpress_3g_defconfig
HOST_AUTOCONF  := $(HOST_DIR)/include/generated/autoconf.h

HOST_CC        ?= gcc
HOST_SANITIZE  := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
HOST_LIBFDT_CFLAGS := -m32 -std=gnu11 -O1 -g -Wall -Wextra -Werror $(HOST_SANITIZE)
HOST_CFLAGS    := $(HOST_LIBFDT_CFLAGS) -I$(SRCROOT)/include -I$(HOST_DIR)/include $(LIBFDT_INC) -MMD -MP
HOST_LDFLAGS   := -m32 $(HOST_SANITIZE)
HOST_LDLIBS    := -lcmocka

# Sources, relative to SRCROOT.
host_rel = $(patsubst $(SRCROOT)/%,%,$(wildcard $(addprefix $(SRCROOT)/,$(1))))
HOST_LIB_SRCS  := $(filter-out mm/cmd_%.c highmem/cmd_%.c,$(call host_rel,mm/*.c highmem/*.c)) \
		  arch/arm/lowmem.c kernel/bootfdt.c kernel/cmdline.c kernel/line_edit.c lib/seq.c
HOST_TEST_SRCS := $(call host_rel,tests/host/test_*.c)
HOST_SHIM_SRCS := $(filter-out $(HOST_TEST_SRCS),$(call host_rel,tests/host/*.c))

HOST_LIB_OBJS  := $(addprefix $(HOST_DIR)/obj/,$(HOST_LIB_SRCS:.c=.o))
HOST_SHIM_OBJS := $(addprefix $(HOST_DIR)/obj/,$(HOST_SHIM_SRCS:.c=.o))
HOST_TEST_OBJS := $(addprefix $(HOST_DIR)/obj/,$(HOST_TEST_SRCS:.c=.o))
HOST_LIB       := $(HOST_DIR)/libvxmm-host.a
HOST_TESTS     := $(patsubst tests/host/%.c,$(HOST_DIR)/%,$(HOST_TEST_SRCS))

.PHONY: host-tests host-check
# Reached only through pattern rules, these would count as intermediate and be deleted.
.SECONDARY: $(HOST_SHIM_OBJS) $(HOST_TEST_OBJS)

host-tests: $(HOST_TESTS)

# Kconfig writes include/config/ and include/generated/ relative to the
# current folder (kconfig-frontends 4.11), so it runs inside $(HOST_DIR);
# srctree lets any `source` lines in Kconfig resolve against the repo.
$(HOST_AUTOCONF): $(SRCROOT)/$(HOST_DEFCONFIG) $(wildcard $(SRCROOT)/Kconfig)
	@mkdir -p $(HOST_DIR)/include/config $(HOST_DIR)/include/generated
	cd $(HOST_DIR) && srctree=$(abspath $(SRCROOT)) KCONFIG_CONFIG=.config \
		kconfig-conf --defconfig=$(abspath $(SRCROOT)/$(HOST_DEFCONFIG)) $(abspath $(SRCROOT)/Kconfig) >/dev/null
	cd $(HOST_DIR) && srctree=$(abspath $(SRCROOT)) KCONFIG_CONFIG=.config \
		KCONFIG_AUTOHEADER=include/generated/autoconf.h KCONFIG_AUTOCONFIG=include/config/auto.conf \
		kconfig-conf --silentoldconfig $(abspath $(SRCROOT)/Kconfig)
	@touch $@

$(HOST_DIR)/obj/%.o: $(SRCROOT)/%.c | $(HOST_AUTOCONF) $(LIBFDT_SRC_DONE)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -c $< -o $@

$(HOST_LIB): $(HOST_LIB_OBJS) $(LIBFDT_HOST_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(HOST_DIR)/test_%: $(HOST_DIR)/obj/tests/host/test_%.o $(HOST_SHIM_OBJS) $(HOST_LIB)
	$(HOST_CC) $(HOST_LDFLAGS) -o $@ $< $(HOST_SHIM_OBJS) $(HOST_LIB) $(HOST_LDLIBS)

# A binary that dies (a sanitizer report, a crash) may leave no "not ok"
# line; one is added then, so a TAP count never misses the failure.
host-check: host-tests
	@failed=0; \
	for t in $(HOST_TESTS); do \
		name=$${t##*/}; tap=$(HOST_DIR)/$$name.tap; \
		CMOCKA_MESSAGE_OUTPUT=TAP $$t > $$tap 2>&1; rc=$$?; \
		if [ $$rc -ne 0 ]; then \
			failed=$$((failed + 1)); \
			grep -q '^not ok' $$tap || \
				echo "not ok $$(($$(grep -cE '^(not )?ok ' $$tap) + 1)) - $$name exited with status $$rc (see above)" >> $$tap; \
		fi; \
		echo "# $$name"; cat $$tap; \
	done; \
	if [ $$failed -ne 0 ]; then echo "host-check: $$failed of $(words $(HOST_TESTS)) test binaries failed"; exit 1; fi; \
	echo "host-check: all $(words $(HOST_TESTS)) test binaries passed"

-include $(HOST_LIB_OBJS:.o=.d) $(HOST_SHIM_OBJS:.o=.d) $(HOST_TEST_OBJS:.o=.d)
