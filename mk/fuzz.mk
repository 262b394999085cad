# Fuzzing: libFuzzer targets over the boot-input readers and the memory
# core, built with clang for 32-bit x86 (-m32, the same address width as the
# host tests and the kernel) with AddressSanitizer and UBSan, over the same
# fake arch and printk shims as the host tests.  One target per
# tests/fuzz/fuzz_<name>.c; seed inputs in tests/fuzz/corpus/<name>/, plus
# the DTBs compiled at build time from dts/ and tests/fuzz/dts/.
#
# Needs: B, SRCROOT, mk/libfdt.mk (LIBFDT_*), mk/host.mk (HOST_LIB_SRCS,
# HOST_AUTOCONF) included first.
# Targets: fuzz-targets (build into $(B)/fuzz/), fuzz (run each target for
# FUZZ_SECONDS, default 60; new inputs go to $(B)/fuzz/<name>/corpus,
# crashes to $(B)/fuzz/<name>/crash-*), fuzz-<name> (one target only).
# FUZZ_TARGETS picks a subset, FUZZ_FLAGS adds libFuzzer options.

FUZZ_DIR      := $(B)/fuzz
FUZZ_CC       ?= clang
FUZZ_SECONDS  ?= 60
FUZZ_FLAGS    ?=
FUZZ_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
# No -Werror: the gcc host build enforces warnings; clang's extra ones in
# code others are editing must not stop the fuzzers from building.
FUZZ_BASE_CFLAGS := -m32 -std=gnu11 -O1 -g -Wall -Wextra -Wno-unused-parameter \
	$(FUZZ_SANITIZE) -fsanitize=fuzzer-no-link
FUZZ_CFLAGS   := $(FUZZ_BASE_CFLAGS) -I$(SRCROOT)/include -I$(SRCROOT)/tests/host/include -I$(HOST_DIR)/include \
	-I$(SRCROOT)/tests/host $(LIBFDT_INC) -MMD -MP
FUZZ_LDFLAGS  := -m32 $(FUZZ_SANITIZE) -fsanitize=fuzzer -L$(FUZZ_DIR)/lib32

# libFuzzer is C++ and clang links it with -lstdc++.  Debian 12 has the
# 32-bit libstdc++ runtime (lib32stdc++6, pulled in by gcc-multilib) but not
# the libstdc++.so link that only lib32stdc++-12-dev carries; a private
# link to the runtime in the build folder stands in for it.
FUZZ_LIBSTDCXX := $(firstword $(wildcard /usr/lib32/libstdc++.so.6 /usr/lib/i386-linux-gnu/libstdc++.so.6))

FUZZ_NAMES    := $(patsubst tests/fuzz/fuzz_%.c,%,$(call host_rel,tests/fuzz/fuzz_*.c))
FUZZ_TARGETS  ?= $(FUZZ_NAMES)
FUZZ_BINS     := $(addprefix $(FUZZ_DIR)/fuzz_,$(FUZZ_NAMES))

# The host library's sources and the host shims it needs, plus the fuzz support
# file (cmocka's failure hooks as abort(), so libFuzzer keeps the input).
FUZZ_LIB_SRCS := $(HOST_LIB_SRCS) tests/host/fake_arch.c tests/host/fake_printk.c tests/host/fake_smp.c \
	tests/host/fake_mm_user.c tests/host/fake_wait.c tests/host/fake_kallsyms.c tests/host/fake_kthread.c \
	tests/fuzz/support.c
FUZZ_LIB_OBJS := $(addprefix $(FUZZ_DIR)/obj/,$(FUZZ_LIB_SRCS:.c=.o))
FUZZ_FDT_OBJS := $(addprefix $(FUZZ_DIR)/libfdt/,$(LIBFDT_HOST_SRCS:.c=.o))
FUZZ_LIB      := $(FUZZ_DIR)/libvxmm-fuzz.a

# Seed DTBs: the board's tree and the small variants in tests/fuzz/dts/.
FUZZ_DTS      := $(SRCROOT)/dts/vexpress-v2p-ca9.dts $(wildcard $(SRCROOT)/tests/fuzz/dts/*.dts)
FUZZ_FDT_SEEDS := $(patsubst %.dts,$(FUZZ_DIR)/seeds/fdt/%.dtb,$(notdir $(FUZZ_DTS)))

.PHONY: fuzz fuzz-targets $(addprefix fuzz-,$(FUZZ_NAMES))
.SECONDARY: $(FUZZ_LIB_OBJS) $(FUZZ_FDT_OBJS)

fuzz-targets: $(FUZZ_BINS) $(FUZZ_FDT_SEEDS)

# mm/ and highmem/ run long loops (buddy_check walks every page, memblock's
# free-range walk is cubic) whose comparisons do not depend on input bytes
# directly: without comparison tracing there they run several times faster
# (buddy: from about 60 to about 260 inputs a second).
# The parsers keep it; it is what lets libFuzzer guess magic values.
FUZZ_NO_CMP := -fno-sanitize-coverage=trace-cmp
$(FUZZ_DIR)/obj/mm/%.o $(FUZZ_DIR)/obj/highmem/%.o: FUZZ_EXTRA := $(FUZZ_NO_CMP)
# The same for the two targets whose shadow models loop over every region or page.
$(FUZZ_DIR)/obj/tests/fuzz/fuzz_memblock.o $(FUZZ_DIR)/obj/tests/fuzz/fuzz_buddy.o: FUZZ_EXTRA := $(FUZZ_NO_CMP)

$(FUZZ_DIR)/obj/%.o: $(SRCROOT)/%.c | $(HOST_AUTOCONF) $(LIBFDT_SRC_DONE)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_EXTRA) -c $< -o $@

$(FUZZ_DIR)/libfdt/%.o: $(LIBFDT_SRC_DONE)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_BASE_CFLAGS) $(LIBFDT_INC) -c $(LIBFDT_DIR)/$*.c -o $@

$(FUZZ_LIB): $(FUZZ_LIB_OBJS) $(FUZZ_FDT_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_DIR)/lib32/libstdc++.so:
	@test -n "$(FUZZ_LIBSTDCXX)" || { echo "fuzz: no 32-bit libstdc++.so.6 (install lib32stdc++6)"; exit 1; }
	@mkdir -p $(@D)
	ln -sfn $(FUZZ_LIBSTDCXX) $@

$(FUZZ_DIR)/fuzz_%: $(FUZZ_DIR)/obj/tests/fuzz/fuzz_%.o $(FUZZ_LIB) | $(FUZZ_DIR)/lib32/libstdc++.so
	$(FUZZ_CC) $(FUZZ_LDFLAGS) -o $@ $< $(FUZZ_LIB)

vpath %.dts $(SRCROOT)/dts $(SRCROOT)/tests/fuzz/dts
$(FUZZ_DIR)/seeds/fdt/%.dtb: %.dts
	@mkdir -p $(@D)
	dtc -q -I dts -O dtb -o $@ $<

# Each target starts from its committed seeds (and the DTBs), keeps what it
# finds in $(FUZZ_DIR)/<name>/corpus, and a crash stops only that target.
fuzz: fuzz-targets
	@failed=""; \
	for t in $(FUZZ_TARGETS); do \
		$(MAKE) -s --no-print-directory fuzz-$$t FUZZ_SECONDS=$(FUZZ_SECONDS) || failed="$$failed $$t"; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz: crashes in:$$failed (inputs in $(FUZZ_DIR)/<name>/crash-*)"; exit 1; fi; \
	echo "fuzz: no crashes in $(FUZZ_SECONDS) s per target"

$(addprefix fuzz-,$(FUZZ_NAMES)): fuzz-%: $(FUZZ_DIR)/fuzz_% $(FUZZ_FDT_SEEDS)
	@mkdir -p $(FUZZ_DIR)/$*/corpus
	@echo "fuzz: $* for $(FUZZ_SECONDS) s (log in $(FUZZ_DIR)/$*/fuzz.log)"
	@seeds=$$(ls -d $(SRCROOT)/tests/fuzz/corpus/$* $(FUZZ_DIR)/seeds/$* 2>/dev/null); \
	$(FUZZ_DIR)/fuzz_$* -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
		-artifact_prefix=$(FUZZ_DIR)/$*/ $(FUZZ_FLAGS) \
		$(FUZZ_DIR)/$*/corpus $$seeds > $(FUZZ_DIR)/$*/fuzz.log 2>&1; rc=$$?; \
	grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::average_exec_per_sec|==[0-9]+==ERROR|SUMMARY)' \
		$(FUZZ_DIR)/$*/fuzz.log | sed 's/^/  /'; \
	if [ $$rc -ne 0 ]; then tail -n 40 $(FUZZ_DIR)/$*/fuzz.log; exit 1; fi

-include $(FUZZ_LIB_OBJS:.o=.d) $(patsubst %,$(FUZZ_DIR)/obj/tests/fuzz/fuzz_%.d,$(FUZZ_NAMES))
