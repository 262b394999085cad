# make linux-compare: Debian's Linux 6.1 (scripts/linux-ref fetches and unpacks it into
# $(B)/linux-ref at the first run) and vxmm's 3G/1G build on the same QEMU machine, side by
# side (scripts/linux-compare): the table on the terminal and in
# $(B)/linux-compare/compare.txt, the figures in compare.json, the two address maps of each
# configuration in maps-<config>.svg.  Debian's kernel is 3G/1G, so only that split is compared.
# After the tables, user/ubench on both kernels (scripts/lib/ubench.py).
# LINUX_COMPARE_MEM: RAM sizes in MiB; LINUX_COMPARE_ARGS: argument sets separated by ';'
# (an empty one: no arguments).
LINUX_COMPARE_MEM  ?= 256 512 1024
LINUX_COMPARE_ARGS ?= ;vmalloc=128M
.PHONY: linux-compare
linux-compare: | $(DEPS_STAMP)
	@$(MAKE) -s SPLIT=3g kernel images initramfs
	@B=$(B) LINUX_COMPARE_MEM='$(LINUX_COMPARE_MEM)' LINUX_COMPARE_ARGS='$(LINUX_COMPARE_ARGS)' scripts/linux-compare
