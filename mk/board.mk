# Images for a real Versatile Express (V2M-P1 motherboard, CoreTile Express A9x4):
#   make board-nor   $(O)/board-nor/nor0.img, nor1.img: whole NOR flash banks in the
#                    layout BOOT=flash boots under QEMU (scripts/mknor)
#   make board-sd    $(O)/board-sd/: what to copy onto the motherboard's configuration
#                    microSD so that its MCC writes the same layout into NOR flash
#                    (scripts/mkboard-sd, docs/real-board.md)
# Variables: BOOTARGS (as for run); BOARD_BOOT = auto (default: SD/MMC card if it holds
# uImage and the DTB, else NOR), flash, sd or tftp; for tftp, SERVERIP and IPADDR
# (IPADDR=dhcp to ask a DHCP server), passed to scripts/mkenv.

BOARD_BOOT ?= auto
BOARD_NOR  = $(O)/board-nor
BOARD_SD   = $(O)/board-sd
BOARD_ENV  = UBOOT=$(UBOOT_ELF) SERVERIP="$(SERVERIP)" IPADDR="$(IPADDR)"

.PHONY: board-nor board-sd

# Always rebuilt: BOOTARGS and BOARD_BOOT live only on the command line.
board-nor: $(O)/uImage $(O)/vexpress-v2p-ca9.dtb $(UBOOT_ELF)
	@echo "board-nor: writing $(BOARD_NOR)/nor0.img and nor1.img (BOARD_BOOT=$(BOARD_BOOT))"
	@start=$$(date +%s%N); \
	rm -rf $(BOARD_NOR) && mkdir -p $(BOARD_NOR) && \
	$(BOARD_ENV) $(SRCROOT)/scripts/mkenv $(BOARD_NOR)/env.img $(BOARD_BOOT) "$(BOOTARGS)" && \
	UBOOT=$(UBOOT_ELF) $(SRCROOT)/scripts/mknor $(BOARD_NOR) $(O)/uImage $(O)/vexpress-v2p-ca9.dtb \
		$(BOARD_NOR)/env.img && \
	echo "board-nor: done in $$(( ($$(date +%s%N) - start) / 1000000 )) ms"

board-sd: board-nor
	@echo "board-sd: writing $(BOARD_SD)/ for the V2M-P1 configuration microSD"
	@start=$$(date +%s%N); \
	UBOOT=$(UBOOT_ELF) $(SRCROOT)/scripts/mkboard-sd $(BOARD_SD) $(BOARD_NOR) $(O)/uImage \
		$(O)/vexpress-v2p-ca9.dtb && \
	echo "board-sd: done in $$(( ($$(date +%s%N) - start) / 1000000 )) ms"
