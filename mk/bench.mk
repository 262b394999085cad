# make bench: deterministic instruction counts under QEMU -icount (scripts/bench).
.PHONY: bench
bench: | $(DEPS_STAMP)
	@$(MAKE) -s SPLIT=3g kernel images
	@$(MAKE) -s SPLIT=2g kernel images
	@B=$(B) scripts/bench
