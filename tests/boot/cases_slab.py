"""Boot cases for slab (mm/slab.c) and /proc/zoneinfo (mm/zone.c), against
Linux 6.1 on this QEMU machine: /proc/slabinfo's kmalloc rows with Linux's
names, objperslab and pagesperslab, and /proc/zoneinfo's layout (every key, in
Linux's order and format) in each split."""

import re

GOOD_REJECT = [r"Kernel panic", r"Unable to handle", r"Internal error", r"slab: "]

# Debian's 6.1 armmp kernel on this machine, /proc/slabinfo: (name, objsize, objperslab, pagesperslab).
LINUX_KMALLOC = [
    ("kmalloc-8k", 8192, 4, 8), ("kmalloc-4k", 4096, 8, 8), ("kmalloc-2k", 2048, 16, 8),
    ("kmalloc-1k", 1024, 16, 4), ("kmalloc-512", 512, 16, 2), ("kmalloc-256", 256, 16, 1),
    ("kmalloc-192", 192, 21, 1), ("kmalloc-128", 128, 32, 1), ("kmalloc-64", 64, 64, 1),
]

# Linux 6.1's mm/vmstat.c vmstat_text: the node items (ARM, swap, no NUMA), then the zone items.
LINUX_NODE_STATS = """nr_inactive_anon nr_active_anon nr_inactive_file nr_active_file nr_unevictable
    nr_slab_reclaimable nr_slab_unreclaimable nr_isolated_anon nr_isolated_file workingset_nodes
    workingset_refault_anon workingset_refault_file workingset_activate_anon workingset_activate_file
    workingset_restore_anon workingset_restore_file workingset_nodereclaim nr_anon_pages nr_mapped
    nr_file_pages nr_dirty nr_writeback nr_writeback_temp nr_shmem nr_shmem_hugepages nr_shmem_pmdmapped
    nr_file_hugepages nr_file_pmdmapped nr_anon_transparent_hugepages nr_vmscan_write
    nr_vmscan_immediate_reclaim nr_dirtied nr_written nr_throttled_written nr_kernel_misc_reclaimable
    nr_foll_pin_acquired nr_foll_pin_released nr_kernel_stack nr_page_table_pages nr_sec_page_table_pages
    nr_swapcached""".split()
LINUX_ZONE_STATS = """nr_free_pages nr_zone_inactive_anon nr_zone_active_anon nr_zone_inactive_file
    nr_zone_active_file nr_zone_unevictable nr_zone_write_pending nr_mlock nr_bounce nr_zspages
    nr_free_cma""".split()
N = r"\d+"


CPUS = 4  # the boot cases' default (scripts/run-qemu's CPUS)


def zone_lines(name, node_stats, populated, nzones):
    """The lines of one zone block as Linux's zoneinfo_show_print prints them, as regexes."""
    lines = [re.escape("Node 0, zone %8s" % name)]
    if node_stats:
        lines.append(re.escape("  per-node stats"))
        lines += [re.escape("      %-12s " % k) + N for k in LINUX_NODE_STATS]
    for key in ("pages free    ", "      boost   ", "      min     ", "      low     ", "      high    ",
                "      spanned ", "      present ", "      managed ", "      cma     "):
        lines.append(re.escape("  %s " % key) + N)
    lines.append(re.escape("        protection: (") + ", ".join([N] * nzones) + re.escape(")"))
    if populated:
        lines += [re.escape("      %-12s " % k) + N for k in LINUX_ZONE_STATS]
        lines.append(re.escape("  pagesets"))
        # One block per online CPU, each with its threshold, as Linux 6.1 under CONFIG_SMP (CPUS=4: run-qemu's default).
        for cpu in range(CPUS):
            lines += [re.escape("    cpu: %d" % cpu),
                      re.escape("              count: ") + N, re.escape("              high:  ") + N,
                      re.escape("              batch: ") + N, re.escape("  vm stats threshold: ") + N]
        lines += [re.escape("  node_unreclaimable:  ") + N, re.escape("  start_pfn:           ") + N]
    return lines


def zoneinfo_expect(zones):
    """One pattern per line: the line, then (looked ahead) the line that must follow it, so that a
    missing, extra or misplaced key breaks the chain and names where."""
    lines = [re.escape("vxmm# cat /proc/zoneinfo")]
    for name, node_stats, populated in zones:
        lines += zone_lines(name, node_stats, populated, len(zones))
    lines.append(re.escape("vxmm# "))
    return [r"(?m)^%s\r?\n(?=%s)" % (lines[i], lines[i + 1]) for i in range(len(lines) - 1)]


def cases(Case, build):
    out = []
    for split in ("3g", "2g"):
        expect = [r"vxmm# cat /proc/slabinfo", r"slabinfo - version: 2.1"]
        expect += [r"\n%s +\d+ +\d+ +%d +%d +%d : tunables" % (re.escape(name), size, per, pages)
                   for name, size, per, pages in LINUX_KMALLOC]
        out.append(Case("%s/direct/slabinfo-kmalloc" % split, split=split,
                        stdin="kmalloc 1\ncat /proc/slabinfo\npoweroff\n",
                        expect=[r"0x[0-9a-f]{8} \(64 usable bytes\)"] + expect,
                        reject=GOOD_REJECT + [r"\nkmalloc-(8|16|32|96) "], order=True))
    # 3G/1G at 1 GiB: HighMem populated; 2G/2G: HighMem empty; no CONFIG_HIGHMEM: no HighMem zone.
    layouts = {
        "3g": [("Normal", True, True), ("HighMem", False, True), ("Movable", False, False)],
        "2g": [("Normal", True, True), ("HighMem", False, False), ("Movable", False, False)],
        "3g-nohighmem": [("Normal", True, True), ("Movable", False, False)],
    }
    for split, zones in layouts.items():
        out.append(Case("%s/direct/zoneinfo-layout" % split, split=split,
                        stdin="cat /proc/zoneinfo\npoweroff\n", expect=zoneinfo_expect(zones),
                        reject=GOOD_REJECT, order=True))
    return out
