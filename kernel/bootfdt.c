/*
 * bootfdt: read what the kernel needs from the device tree blob (memory
 * banks, reserved ranges, bootargs, model) with libfdt, and nothing else.
 * Order, as for any boot input: check the whole blob first (header, then
 * fdt_check_full over the structure), then read node by node, reporting
 * every problem on one "fdt: " line and dropping only the offending data.
 * Turning banks and reservations into memblock calls is the caller's job.
 *
 * Addresses in the blob may be 64-bit (#address-cells = 2); this kernel's
 * physical space is 32-bit, so every range is held to end at or below
 * 0xffffffff, the same rule memblock applies.
 */
#include <bootfdt.h>
#include <printk.h>
#include <string.h>
#include <libfdt.h>

#define PHYS_LIMIT	0xffffffffULL	/* exclusive end of a usable range */
#define FIRST_VERSION	16		/* leaf node names; see check_blob */

#define report(info, level, ...)					\
	do {								\
		(info)->nr_problems++;					\
		printk(level "fdt: " __VA_ARGS__);			\
	} while (0)
#define fdt_err(info, ...)	report(info, KERN_ERR, __VA_ARGS__)
#define fdt_warn(info, ...)	report(info, KERN_WARNING, __VA_ARGS__)

/* Where a list of ranges comes from, for reports: "/memory@60000000", "/memreserve/". */
struct source {
	const char *what;	/* "bank" or "entry" */
	char path[64];
};

bool bootfdt_has_magic(const void *p)
{
	const u8 *b = p;

	return b[0] == 0xd0 && b[1] == 0x0d && b[2] == 0xfe && b[3] == 0xed;
}

static u64 read_cells(const u8 *p, u32 cells)
{
	u64 v = 0;

	while (cells--) {
		v = (v << 32) | ((u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3]);
		p += 4;
	}
	return v;
}

/* Is there a blob at all, and is all of it readable? */
static int check_blob_size(const void *fdt, size_t max_size, struct bootfdt *info)
{
	if (!fdt || max_size < 4) {
		fdt_err(info, "no blob (only %lu bytes readable); not used\n", (unsigned long)max_size);
		return -FDT_ERR_TRUNCATED;
	}
	if (!bootfdt_has_magic(fdt)) {
		fdt_err(info, "bad magic 0x%08lx (expected 0xd00dfeed); not used\n",
			(unsigned long)read_cells(fdt, 1));
		return -FDT_ERR_BADMAGIC;
	}
	if (max_size < sizeof(struct fdt_header)) {
		fdt_err(info, "blob is truncated (only %lu bytes readable, less than its header); not used\n",
			(unsigned long)max_size);
		return -FDT_ERR_TRUNCATED;
	}
	if (fdt_totalsize(fdt) > max_size) {
		fdt_err(info, "blob is truncated (totalsize %lu but only %lu bytes readable); not used\n",
			(unsigned long)fdt_totalsize(fdt), (unsigned long)max_size);
		return -FDT_ERR_TRUNCATED;
	}
	return 0;
}

/*
 * Is its version one we read, and are its blocks where libfdt can load
 * them?  True if not (reported, *err the reason); otherwise *err is
 * fdt_check_header's result, for the structure check to report.
 */
static bool blob_layout_refused(const void *fdt, struct bootfdt *info, int *err)
{
	/*
	 * Versions before 16 (older than dtc's output since 2007) store full
	 * paths as node names; with no '/' in the root's name, libfdt's
	 * fdt_check_full (U-Boot 2023.01) follows a NULL name.  Only 16 and 17
	 * are read.
	 */
	*err = fdt_check_header(fdt);
	if (*err == -FDT_ERR_BADVERSION || (*err == 0 && fdt_version(fdt) < FIRST_VERSION)) {
		fdt_err(info, "version %lu (last compatible %lu) is not one this kernel reads (%d..%d); not used\n",
			(unsigned long)fdt_version(fdt), (unsigned long)fdt_last_comp_version(fdt),
			FIRST_VERSION, FDT_LAST_SUPPORTED_VERSION);
		*err = -FDT_ERR_BADVERSION;
		return true;
	}
	/*
	 * The spec aligns the reservation block to 8 bytes and the structure
	 * block to 4; libfdt reads both with plain loads and checks neither,
	 * and an LDRD at a misaligned address faults even with SCTLR.A clear.
	 */
	if (*err == 0 && (fdt_off_mem_rsvmap(fdt) % 8 || fdt_off_dt_struct(fdt) % 4)) {
		fdt_err(info, "misaligned blocks (reservations at 0x%lx, structure at 0x%lx; need 8 and 4 byte alignment); not used\n",
			(unsigned long)fdt_off_mem_rsvmap(fdt), (unsigned long)fdt_off_dt_struct(fdt));
		*err = -FDT_ERR_BADLAYOUT;
		return true;
	}
	return false;
}

/*
 * Header checks, in the order that gives the most useful report: is there
 * a blob at all, is all of it readable, is its version one we read,
 * and is the structure sound end to end.
 */
static int check_blob(const void *fdt, size_t max_size, struct bootfdt *info)
{
	int err = check_blob_size(fdt, max_size, info);

	if (err || blob_layout_refused(fdt, info, &err))
		return err;
	if (err == 0)
		err = fdt_check_full(fdt, max_size);
	if (err) {
		fdt_err(info, "blob fails the structure check (%s); not used (totalsize 0x%lx, structure block [0x%lx-0x%lx), strings block [0x%lx-0x%lx))\n",
			fdt_strerror(err), (unsigned long)fdt_totalsize(fdt),
			(unsigned long)fdt_off_dt_struct(fdt),
			(unsigned long)(fdt_off_dt_struct(fdt) + fdt_size_dt_struct(fdt)),
			(unsigned long)fdt_off_dt_strings(fdt),
			(unsigned long)(fdt_off_dt_strings(fdt) + fdt_size_dt_strings(fdt)));
		return err;
	}
	return 0;
}

/*
 * src->path = prefix + node name.  The name is the blob's text: a control
 * character in it (a newline above all) would split a report into lines
 * that look like the kernel's own, so each is shown as '?'.
 */
static void set_path(struct source *src, const char *prefix, const char *name)
{
	char *c;

	snprintf(src->path, sizeof(src->path), "%s%s", prefix, name);
	for (c = src->path; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
}

/* #address-cells or #size-cells of node: absent gives dflt; only 1 or 2 accepted. */
static bool get_cells(const void *fdt, int node, const char *path, const char *name,
		      u32 dflt, u32 *out, struct bootfdt *info)
{
	int len;
	const u8 *prop = fdt_getprop(fdt, node, name, &len);

	if (!prop) {
		*out = dflt;
		return true;
	}
	if (len != 4) {
		fdt_warn(info, "%s %s is %d bytes long (expected 4); its reg entries are not read\n",
			 path, name, len);
		return false;
	}
	*out = (u32)read_cells(prop, 1);
	if (*out != 1 && *out != 2) {
		fdt_warn(info, "%s %s is %lu (only 1 or 2 supported); its reg entries are not read\n",
			 path, name, (unsigned long)*out);
		return false;
	}
	return true;
}

/* True for a string property equal to str (terminated within its length). */
static bool prop_is(const void *fdt, int node, const char *name, const char *str)
{
	int len;
	const char *val = fdt_getprop(fdt, node, name, &len);

	return val && (size_t)len == strlen(str) + 1 && memcmp(val, str, (size_t)len) == 0;
}

static bool node_enabled(const void *fdt, int node)
{
	return !fdt_getprop(fdt, node, "status", NULL) || prop_is(fdt, node, "status", "okay") ||
	       prop_is(fdt, node, "status", "ok");
}

/*
 * Validate one reg entry [base, base + size) as read from the blob and hold
 * it to the 32-bit space.  Returns false (after a report) if nothing of it
 * is usable.
 */
static bool check_range(const struct source *src, unsigned int idx, u64 base, u64 *size,
			struct bootfdt *info)
{
	u64 end = base + *size;

	if (*size == 0) {
		fdt_warn(info, "%s %s %u has size 0; ignored\n", src->path, src->what, idx);
		return false;
	}
	if (base >= PHYS_LIMIT) {
		fdt_warn(info, "%s %s %u at 0x%llx lies outside the 32-bit physical space; ignored\n",
			 src->path, src->what, idx, (unsigned long long)base);
		return false;
	}
	if (end > PHYS_LIMIT || end < base) {
		fdt_warn(info, "%s %s %u [0x%llx-0x%llx] reaches past the 32-bit physical space; clipped to [0x%llx-0x%llx]\n",
			 src->path, src->what, idx, (unsigned long long)base,
			 (unsigned long long)(end - 1), (unsigned long long)base, PHYS_LIMIT - 1);
		*size = PHYS_LIMIT - base;
	}
	return true;
}

/*
 * Add [base, end) minus every bank already known.  Overlap cases against
 * one earlier bank B:
 *
 *   B:        [-------)
 *   new:   [--------------)   ->  [--)       [---)   (two pieces)
 *   new:        [---)         ->  nothing
 *   new:   [------)           ->  [--)
 */
static void add_bank(u64 base, u64 end, unsigned int *dropped, struct bootfdt *info)
{
	struct { u64 base, end; } piece[BOOTFDT_MAX_BANKS + 1];
	unsigned int nr = 1, known = info->nr_banks, i, k;

	piece[0].base = base;
	piece[0].end = end;
	for (k = 0; k < known; k++) {
		u64 bbase = info->banks[k].base, bend = bbase + info->banks[k].size;

		for (i = 0; i < nr; ) {
			u64 pb = piece[i].base, pe = piece[i].end;

			if (pb >= bbase && pe <= bend) {
				piece[i] = piece[--nr];	/* swallowed: look at the moved one next */
				continue;
			}
			if (pb < bbase && pe > bend) {
				piece[i].end = bbase;
				piece[nr].base = bend;	/* at most known + 1 pieces: fits */
				piece[nr].end = pe;
				nr++;
			} else if (pb < bbase && pe > bbase) {
				piece[i].end = bbase;
			} else if (pb < bend && pe > bend) {
				piece[i].base = bend;
			}
			i++;
		}
	}
	for (i = 0; i < nr; i++) {
		if (info->nr_banks == BOOTFDT_MAX_BANKS) {
			(*dropped)++;
			continue;
		}
		info->banks[info->nr_banks].base = (phys_addr_t)piece[i].base;
		info->banks[info->nr_banks].size = (phys_addr_t)(piece[i].end - piece[i].base);
		info->nr_banks++;
	}
}

static bool overlaps_bank(u64 base, u64 end, const struct bootfdt *info)
{
	unsigned int k;

	for (k = 0; k < info->nr_banks; k++) {
		u64 bbase = info->banks[k].base;

		if (base < bbase + info->banks[k].size && end > bbase)
			return true;
	}
	return false;
}

/* True if [base, end) holds every bank (and there is one): nothing left to run in. */
static bool covers_all_banks(u64 base, u64 end, const struct bootfdt *info)
{
	unsigned int k;

	for (k = 0; k < info->nr_banks; k++) {
		u64 bbase = info->banks[k].base;

		if (bbase < base || bbase + info->banks[k].size > end)
			return false;
	}
	return info->nr_banks > 0;
}

/*
 * Record reservation idx of src, [base, base + size) (already checked), or
 * count it in *dropped when the table is full.  One that holds every bank
 * would leave nothing to run in: reported and ignored.
 */
static void add_reserved(const struct source *src, unsigned int idx, u64 base, u64 size, bool nomap,
			 unsigned int *dropped, struct bootfdt *info)
{
	if (covers_all_banks(base, base + size, info)) {
		fdt_warn(info, "%s %s %u [0x%llx-0x%llx] covers all memory; ignored\n",
			 src->path, src->what, idx, (unsigned long long)base,
			 (unsigned long long)(base + size - 1));
	} else if (info->nr_reserved == BOOTFDT_MAX_RESERVED) {
		(*dropped)++;
	} else {
		info->reserved[info->nr_reserved].base = (phys_addr_t)base;
		info->reserved[info->nr_reserved].size = (phys_addr_t)size;
		info->reserved[info->nr_reserved].nomap = nomap;
		info->nr_reserved++;
	}
}

/* What a reg property describes: RAM, a reservation, or a no-map reservation. */
enum reg_kind { REG_MEMORY, REG_RESERVED, REG_NOMAP };

/* The reg property of a node, split into entries of ac + sc cells. */
static void read_reg(const void *fdt, int node, const struct source *src, u32 ac, u32 sc,
		     enum reg_kind kind, unsigned int *dropped, struct bootfdt *info)
{
	int len;
	const u8 *reg = fdt_getprop(fdt, node, "reg", &len);
	size_t entry = 4 * (ac + sc);
	unsigned int i, n;

	if (!reg || len == 0) {
		fdt_warn(info, "%s has no reg; ignored\n", src->path);
		return;
	}
	n = (unsigned int)((size_t)len / entry);
	if ((size_t)len % entry)
		fdt_warn(info, "%s reg is %d bytes, not a multiple of %lu; the last %lu bytes are ignored\n",
			 src->path, len, (unsigned long)entry, (unsigned long)((size_t)len % entry));

	for (i = 0; i < n; i++, reg += entry) {
		u64 base = read_cells(reg, ac), size = read_cells(reg + 4 * ac, sc);

		if (!check_range(src, i, base, &size, info))
			continue;
		if (kind != REG_MEMORY) {
			add_reserved(src, i, base, size, kind == REG_NOMAP, dropped, info);
			continue;
		}
		if (overlaps_bank(base, base + size, info))
			fdt_warn(info, "%s bank %u [0x%llx-0x%llx] overlaps an earlier bank; the overlap is dropped\n",
				 src->path, i, (unsigned long long)base, (unsigned long long)(base + size - 1));
		add_bank(base, base + size, dropped, info);
	}
}

static bool is_memory_node(const void *fdt, int node)
{
	const char *name = fdt_get_name(fdt, node, NULL);

	if (prop_is(fdt, node, "device_type", "memory"))
		return true;
	return name && (strcmp(name, "memory") == 0 || strncmp(name, "memory@", 7) == 0);
}

static void scan_memory(const void *fdt, struct bootfdt *info)
{
	struct source src = { .what = "bank" };
	unsigned int dropped = 0;
	bool cells_ok;
	int node;

	/*
	 * Both read, so that both are reported when both are bad.  Absent,
	 * they are 1 and 1: Linux's OF_ROOT_NODE_ADDR_CELLS_DEFAULT and
	 * OF_ROOT_NODE_SIZE_CELLS_DEFAULT (the devicetree specification's
	 * defaults are 2 and 1, but Linux is what reads these blobs).
	 */
	cells_ok = get_cells(fdt, 0, "/", "#address-cells", 1, &info->addr_cells, info);
	if (!get_cells(fdt, 0, "/", "#size-cells", 1, &info->size_cells, info))
		cells_ok = false;

	fdt_for_each_subnode(node, fdt, 0) {
		if (!is_memory_node(fdt, node) || !node_enabled(fdt, node))
			continue;
		set_path(&src, "/", fdt_get_name(fdt, node, NULL));
		if (cells_ok)
			read_reg(fdt, node, &src, info->addr_cells, info->size_cells, REG_MEMORY, &dropped, info);
	}
	if (dropped)
		fdt_warn(info, "%u memory banks beyond the first %d dropped\n", dropped, BOOTFDT_MAX_BANKS);
	if (info->nr_banks == 0)
		fdt_err(info, "no usable memory bank found\n");
}

static void scan_memreserve(const void *fdt, unsigned int *dropped, struct bootfdt *info)
{
	struct source src = { .what = "entry", .path = "/memreserve/" };
	int i, n = fdt_num_mem_rsv(fdt);	/* >= 0: fdt_check_full walked it */

	for (i = 0; i < n; i++) {
		uint64_t base, size;

		if (fdt_get_mem_rsv(fdt, i, &base, &size) != 0)
			break;
		if (check_range(&src, (unsigned int)i, base, &size, info))
			add_reserved(&src, (unsigned int)i, base, size, false, dropped, info);
	}
}

/*
 * Children of /reserved-memory with a reg; dynamic ("size" only) ones are
 * not supported.  A child with no-map is kept out of the linear map and
 * the allocators (Linux's early_init_dt_reserve_memory marks it NOMAP).
 * Absent cells default to the root's, which Linux reads the children with.
 */
static void scan_reserved_memory(const void *fdt, unsigned int *dropped, struct bootfdt *info)
{
	struct source src = { .what = "entry" };
	int parent = fdt_path_offset(fdt, "/reserved-memory"), node;
	u32 ac, sc;

	if (parent < 0)
		return;
	if (!get_cells(fdt, parent, "/reserved-memory", "#address-cells", info->addr_cells, &ac, info) ||
	    !get_cells(fdt, parent, "/reserved-memory", "#size-cells", info->size_cells, &sc, info))
		return;
	fdt_for_each_subnode(node, fdt, parent) {
		bool nomap = fdt_getprop(fdt, node, "no-map", NULL) != NULL;

		if (!node_enabled(fdt, node))
			continue;
		set_path(&src, "/reserved-memory/", fdt_get_name(fdt, node, NULL));
		read_reg(fdt, node, &src, ac, sc, nomap ? REG_NOMAP : REG_RESERVED, dropped, info);
	}
}

/* A string property copied into buf, or "" with a report if it is not a terminated string. */
static void copy_string(const void *fdt, int node, const char *path, const char *name,
			char *buf, size_t size, struct bootfdt *info)
{
	int len;
	const char *val = fdt_getprop(fdt, node, name, &len);
	size_t n;

	buf[0] = '\0';
	if (!val || len == 0)
		return;
	if (!memchr(val, '\0', (size_t)len)) {
		fdt_warn(info, "%s%s is not NUL-terminated within its %d bytes; ignored\n",
			 path, name, len);
		return;
	}
	n = strlen(val);
	if (n >= size) {
		fdt_warn(info, "%s%s is %lu bytes long, more than %lu; truncated\n",
			 path, name, (unsigned long)n, (unsigned long)size - 1);
		n = size - 1;
	}
	memcpy(buf, val, n);
	buf[n] = '\0';
}

/* One linux,initrd-* value: one or two cells, whatever #address-cells says (as Linux reads it). */
static bool initrd_cell(const void *fdt, int node, const char *name, u64 *out, struct bootfdt *info)
{
	int len;
	const u8 *val = fdt_getprop(fdt, node, name, &len);

	if (!val)
		return false;
	if (len != 4 && len != 8) {
		fdt_warn(info, "/chosen/%s is %d bytes, not one or two cells; initrd ignored\n", name, len);
		return false;
	}
	*out = read_cells(val, (u32)len / 4);
	return true;
}

/* /chosen linux,initrd-start and -end (U-Boot's bootm and QEMU's -initrd write them): both, start < end. */
static void scan_initrd(const void *fdt, int chosen, struct bootfdt *info)
{
	u64 start = 0, end = 0;
	bool has_start = initrd_cell(fdt, chosen, "linux,initrd-start", &start, info);
	bool has_end = initrd_cell(fdt, chosen, "linux,initrd-end", &end, info);

	if (!has_start && !has_end)
		return;
	if (!has_start || !has_end || start >= end || end > 0x100000000ULL) {
		fdt_warn(info, "/chosen linux,initrd-start 0x%llx and -end 0x%llx do not make a range; initrd ignored\n",
			 (unsigned long long)start, (unsigned long long)end);
		return;
	}
	info->initrd_start = start;
	info->initrd_end = end;
}

int __init bootfdt_scan(const void *fdt, size_t max_size, struct bootfdt *info)
{
	unsigned int dropped = 0;
	int err, chosen;

	memset(info, 0, sizeof(*info));
	err = check_blob(fdt, max_size, info);
	if (err)
		return err;
	info->totalsize = fdt_totalsize(fdt);

	copy_string(fdt, 0, "/", "model", info->model, sizeof(info->model), info);
	scan_memory(fdt, info);
	scan_memreserve(fdt, &dropped, info);
	scan_reserved_memory(fdt, &dropped, info);
	if (dropped)
		fdt_warn(info, "%u reserved ranges beyond the first %d dropped\n",
			 dropped, BOOTFDT_MAX_RESERVED);
	chosen = fdt_path_offset(fdt, "/chosen");
	if (chosen >= 0) {
		copy_string(fdt, chosen, "/chosen/", "bootargs", info->bootargs,
			    sizeof(info->bootargs), info);
		scan_initrd(fdt, chosen, info);
	}
	return 0;
}
