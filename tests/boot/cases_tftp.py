"""Boot cases for BOOT=tftp: U-Boot, started from NOR at the reset vector, fetches the
uImage and the DTB from QEMU's built-in TFTP server over the emulated LAN9118."""

TFTP_LINES = [r"U-Boot 20\d\d", r"TFTP from server 10\.0\.2\.2; our IP address is 10\.0\.2\.15",
              r"Filename 'uImage'", r"Bytes transferred = \d+",
              r"Filename 'vexpress-v2p-ca9\.dtb'", r"Bytes transferred = \d+",
              r"Starting kernel"]
REJECT = [r"Kernel panic", r"Unable to handle", r"Internal error", r"cmdline: ", r"TFTP error",
          r"Retry count exceeded", r"bad CRC"]


def cases(Case, build):
    out = []
    for split in ("3g", "2g"):
        expect = TFTP_LINES + [Case.version_line(split), r"vxmm# ", r"help\s+list the commands",
                               r"reboot: Power down"]
        out.append(Case("%s/tftp/help" % split, split=split, boot="tftp", stdin="help\npoweroff\n",
                        expect=expect, reject=REJECT, order=True))
    out.append(Case("3g/tftp/bootargs", boot="tftp", bootargs="vxmm.test=42 loglevel=7",
                    stdin="bootargs\npoweroff\n",
                    expect=TFTP_LINES + [Case.BOOTARGS_OUTPUT, r"reboot: Power down"],
                    reject=REJECT, order=True))
    # BOOT=flash now starts at the reset vector: the stub in flash 0 runs U-Boot, which
    # then boots the kernel at the flash address scripts/mknor documents.
    out.append(Case("3g/flash/reset-vector", boot="flash", stdin="poweroff\n",
                    expect=[r"U-Boot 20\d\d", r"Loading Environment from Flash\.\.\. OK",
                            r"Booting kernel from Legacy Image at 40400000",
                            r"Flattened Device Tree blob at 44000000", r"Starting kernel",
                            r"reboot: Power down"],
                    reject=REJECT, order=True))
    return out
