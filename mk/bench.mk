# make bench: deterministic instruction counts under QEMU -icount (scripts/bench),
# the same operations on the host under callgrind (make bench-host), and in Debian's
# Linux 6.1 with user/ubench on both kernels (scripts/linux-bench, run by scripts/bench).
# make bench also rewrites README.md's generated bench block (scripts/readme-figures);
# make readme-figures measures everything README.md shows and rewrites both blocks.
.PHONY: bench bench-host readme-figures
bench: bench-host | $(DEPS_STAMP)
	@$(MAKE) -s SPLIT=3g kernel images initramfs
	@$(MAKE) -s SPLIT=2g kernel images
	@B=$(B) scripts/bench
	@B=$(B) scripts/readme-figures --only bench

readme-figures:
	@$(MAKE) -s bench
	@$(MAKE) -s compare

# ---- bench-host: tests/bench/host_bench.c under valgrind --tool=callgrind ----
# The host library again, but -O2 and without sanitizers (ASan and valgrind
# do not mix), with the host tests' shims (fake arch layer, captured printk)
# and the host tests' configuration ($(HOST_AUTOCONF): 3G/1G).  The FDT
# reader is left out: the benchmark boots from memblock calls, as the
# host tests do.
BENCH_HOST_DIR    := $(B)/bench-host
BENCH_HOST_CFLAGS := -m32 -fno-pie -std=gnu11 -O2 -g -Wall -Wextra -I$(SRCROOT)/include -I$(SRCROOT)/tests/host/include -I$(HOST_DIR)/include -MMD -MP
BENCH_HOST_SRCS   := $(filter-out kernel/bootfdt.c,$(HOST_LIB_SRCS)) $(HOST_SHIM_SRCS)
BENCH_HOST_OBJS   := $(addprefix $(BENCH_HOST_DIR)/obj/,$(BENCH_HOST_SRCS:.c=.o))
BENCH_HOST_LIB    := $(BENCH_HOST_DIR)/libvxmm-bench.a
BENCH_HOST_BIN    := $(BENCH_HOST_DIR)/host_bench

$(BENCH_HOST_DIR)/obj/%.o: $(SRCROOT)/%.c | $(HOST_AUTOCONF)
	@mkdir -p $(@D)
	$(HOST_CC) $(BENCH_HOST_CFLAGS) -c $< -o $@

$(BENCH_HOST_LIB): $(BENCH_HOST_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BENCH_HOST_BIN): $(BENCH_HOST_DIR)/obj/tests/bench/host_bench.o $(BENCH_HOST_LIB)
	$(HOST_CC) -m32 -no-pie -o $@ $< $(BENCH_HOST_LIB) -lcmocka

# Writes $(BENCH_HOST_DIR)/host_callgrind.json, which scripts/bench folds into results.json.
bench-host: $(BENCH_HOST_BIN) | $(DEPS_STAMP)
	@python3 $(SRCROOT)/tests/bench/callgrind.py $(BENCH_HOST_BIN) $(BENCH_HOST_DIR)

-include $(BENCH_HOST_OBJS:.o=.d) $(BENCH_HOST_DIR)/obj/tests/bench/host_bench.d
