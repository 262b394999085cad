# make stress: the memory stress run (kernel/cmd_stress.c) booted directly in
# both splits with the stress= boot argument, which powers off when done.
# Each split's console log goes to $(B)/stress/<split>.log; the target fails
# unless both end with "0 errors, buddyinfo back to boot state: yes".
#
#   STRESS_SECONDS  guest seconds per split (default 120)
#   STRESS_OPS      a number of operations instead (overrides STRESS_SECONDS)
#   STRESS_SEED     the random seed (default 1): the same seed and count repeat a run
#   STRESS_MEM      RAM given to QEMU in MiB (default 1024)
STRESS_SECONDS ?= 120
STRESS_OPS     ?=
STRESS_SEED    ?= 1
STRESS_MEM     ?= 1024
STRESS_ARG      = stress=$(if $(STRESS_OPS),$(STRESS_OPS),$(STRESS_SECONDS)s),$(STRESS_SEED)
# Wall-clock limit per split: the guest's time plus boot, or an hour for a count.
STRESS_TIMEOUT  = $(if $(STRESS_OPS),3600,$(shell echo $$(( $(STRESS_SECONDS) * 2 + 120 ))))

.PHONY: stress
stress: | $(DEPS_STAMP)
	@for s in 3g 2g; do $(MAKE) -s SPLIT=$$s kernel $(B)/$$s/uImage $(B)/$$s/vexpress-v2p-ca9.dtb || exit 1; done
	@mkdir -p $(B)/stress
	@failed=0; \
	for s in 3g 2g; do \
		log=$(B)/stress/$$s.log; \
		echo "stress: $$s split, $(STRESS_ARG), $(STRESS_MEM) MiB (log: $$log)"; \
		O=$(B)/$$s UBOOT= BOOT=direct MEM=$(STRESS_MEM) BOOTARGS="$(STRESS_ARG)" DTB= QEMU_EXTRA=-no-reboot \
			timeout $(STRESS_TIMEOUT) $(SRCROOT)/scripts/run-qemu < /dev/null > $$log 2>&1; \
		grep -E 'stress: ' $$log | sed 's/^\[[ 0-9.]*\] //'; \
		if grep -qE 'stress: [0-9]+ operations, 0 errors, buddyinfo back to boot state: yes' $$log; then \
			echo "stress: $$s split passed"; \
		else \
			echo "stress: $$s split FAILED (see $$log)"; failed=1; \
		fi; \
	done; \
	exit $$failed
