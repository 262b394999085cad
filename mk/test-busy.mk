# `make test-busy`: `make test` with every core kept busy by other processes
# (scripts/test-busy; BUSY_LOADS, TEST_BUSY_RUNS).
.PHONY: test-busy
test-busy: | $(DEPS_STAMP)
	@scripts/test-busy
