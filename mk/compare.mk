# make compare: the 3G/1G, 2G/2G and 1G/3G splits side by side (scripts/compare), every
# figure read from the kernels' own output; the table on the terminal and in
# $(B)/compare/compare.txt, the figures in compare.json, the two address maps
# in splits.svg; then README.md's generated compare block (scripts/readme-figures).
# COMPARE_FLAGS=--quick boots only 256 and 1024 MiB (enough for README.md's table).
COMPARE_FLAGS ?=
.PHONY: compare
compare: | $(DEPS_STAMP)
	@$(MAKE) -s SPLIT=3g kernel images initramfs
	@$(MAKE) -s SPLIT=2g kernel images
	@$(MAKE) -s SPLIT=1g kernel images
	@B=$(B) scripts/compare $(COMPARE_FLAGS)
	@B=$(B) scripts/readme-figures --only compare
