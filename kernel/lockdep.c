/*
 * Lock dependency checking (include/lockdep.h): lock classes, each CPU's
 * held-lock stack, the graph of "A held when B taken" edges with the stack
 * that first took each, the hard-IRQ usage of each class, and the reports
 * in Linux's words (kernel/locking/lockdep.c prints the same headings).
 * The spinlock side (owner CPU, recursion, wrong-CPU release) is
 * kernel/spinlock_debug.c's; the stack walk is the architecture's.
 *
 * graph_lock, a bare arch lock taken with IRQs masked, protects the
 * classes and the edges; a CPU's held stack is its own.  While lockdep
 * works on a CPU it does not check itself (the CPU's recursion flag), and
 * it prints only after dropping graph_lock (printk's lock is a bare one).
 */
#include <arch.h>
#include <kallsyms.h>
#include <lockdep.h>
#include <printk.h>
#include <smp.h>
#include <spinlock.h>
#include <string.h>
#include <asm/stacktrace.h>

/* Table sizes: the debug configuration's; one entry each otherwise (nothing is recorded then). */
#define LOCKDEP_ON		IS_ENABLED(CONFIG_LOCKDEP)
#define MAX_CLASSES		(LOCKDEP_ON ? 128 : 1)
#define MAX_EDGES		(LOCKDEP_ON ? 512 : 1)
#define MAX_HELD		(LOCKDEP_ON ? 16 : 1)
#define TRACE_DEPTH		8
#define CLASS_HASH_SIZE		256	/* power of two, twice MAX_CLASSES */

struct lock_trace {
	unsigned int nr;
	unsigned long entries[TRACE_DEPTH];
};

/* Usage bits, Linux's names: taken in a hard-IRQ handler; taken with IRQs enabled. */
#define USED_IN_HARDIRQ		0
#define ENABLED_HARDIRQ		1
static const char *const usage_names[2] = { "IN-HARDIRQ-W", "HARDIRQ-ON-W" };

struct lock_class {
	const char *name;		/* the key: the lock's name pointer */
	unsigned int usage;		/* 1 << USED_IN_HARDIRQ | 1 << ENABLED_HARDIRQ */
	struct lock_trace usage_trace[2];	/* where each usage was first seen */
	int first_edge;			/* edges from this class: index, -1 ends */
};

struct lock_edge {
	unsigned short from, to;	/* class indexes */
	int next;			/* the next edge from the same class */
	struct lock_trace trace;	/* the stack that first took `to` holding `from` */
};

struct held_lock {
	struct spinlock *lock;
	unsigned short class;
	unsigned long ip;		/* where it was taken */
};

struct lockdep_cpu {
	unsigned int depth;
	unsigned int hardirq;		/* interrupt handlers running (0 or 1: they do not nest) */
	bool recursion;			/* lockdep itself is running on this CPU */
	bool overflow_reported;
	struct held_lock held[MAX_HELD];
};

/*
 * By CPU number rather than DEFINE_PER_CPU: a lock may be taken before
 * setup_per_cpu_areas, when every CPU's offset is still 0 (only CPU 0 runs
 * then in the kernel, but the host tests' threads play several CPUs).
 */
static struct lockdep_cpu lockdep_cpus[NR_CPUS];

static struct lockdep_cpu *this_lockdep_cpu(void)
{
	return &lockdep_cpus[smp_processor_id()];
}
static arch_spinlock_t graph_lock = __ARCH_SPIN_LOCK_UNLOCKED;
static struct lock_class classes[MAX_CLASSES];
static unsigned int nr_classes;
static struct lock_edge edges[MAX_EDGES];
static unsigned int nr_edges;
static unsigned short class_hash[CLASS_HASH_SIZE];	/* class index + 1; 0 is empty */
static bool classes_full_reported, edges_full_reported;
unsigned int lockdep_reports;

/* Breadth-first search state for a cycle check (under graph_lock). */
static int bfs_parent_edge[MAX_CLASSES];
static unsigned short bfs_queue[MAX_CLASSES];

void lockdep_reset(void)
{
	memset(classes, 0, sizeof(classes));
	memset(class_hash, 0, sizeof(class_hash));
	nr_classes = nr_edges = lockdep_reports = 0;
	classes_full_reported = edges_full_reported = false;
	memset(lockdep_cpus, 0, sizeof(lockdep_cpus));
}

static void save_trace(struct lock_trace *t, unsigned long fp)
{
	t->nr = arch_stack_walk(fp, t->entries, TRACE_DEPTH, PAGE_OFFSET);
}

/* Under graph_lock: the class named name, made on first sight; -1 when the table is full. */
static int class_of(const char *name)
{
	unsigned int h = (unsigned int)(((unsigned long)name >> 2) * 2654435761u) % CLASS_HASH_SIZE;

	for (unsigned int probe = 0; probe < CLASS_HASH_SIZE; probe++, h = (h + 1) % CLASS_HASH_SIZE) {
		if (class_hash[h] && classes[class_hash[h] - 1].name == name)
			return class_hash[h] - 1;
		if (class_hash[h])
			continue;
		if (nr_classes == MAX_CLASSES)
			break;
		classes[nr_classes].name = name;
		classes[nr_classes].first_edge = -1;
		class_hash[h] = (unsigned short)(++nr_classes);
		return (int)nr_classes - 1;
	}
	return -1;
}

static const char *class_name(unsigned int c)
{
	return classes[c].name ? classes[c].name : "(unnamed)";
}

/* ---- printing ------------------------------------------------------------------ */

static void print_trace(const struct lock_trace *t)
{
	char sym[KSYM_SYMBOL_LEN];

	for (unsigned int i = 0; i < t->nr; i++)
		pr_warn("       %s\n", sprint_symbol(sym, t->entries[i]));
}

static void print_current_stack(unsigned long fp)
{
	struct lock_trace now;

	save_trace(&now, fp);
	pr_warn("\nstack backtrace:\nCPU: %u\n", smp_processor_id());
	print_trace(&now);
}

static void print_lock_at(const char *what, unsigned int c, unsigned long ip)
{
	char sym[KSYM_SYMBOL_LEN];

	pr_warn("%s (%s), at: %s\n", what, class_name(c), sprint_symbol(sym, ip));
}

static void print_held_locks(const struct lockdep_cpu *ld)
{
	pr_warn("%u lock%s held by CPU%u:\n", ld->depth, ld->depth == 1 ? "" : "s", smp_processor_id());
	for (unsigned int i = 0; i < ld->depth; i++) {
		char what[16];

		snprintf(what, sizeof(what), " #%u:", i);
		print_lock_at(what, ld->held[i].class, ld->held[i].ip);
	}
}

/* ---- the circular-dependency check ------------------------------------------------- */

/* A cycle's report: the path of edges from the new lock back to the held one. */
struct cycle {
	unsigned int held, taken;	/* classes: held when taken */
	unsigned long held_ip, taken_ip;
	unsigned int nr;
	int path[MAX_CLASSES];		/* edge indexes, taken -> ... -> held */
};

/* Under graph_lock: is there a path of edges from class `from` to class `to`?  Fills cy->path. */
static bool find_path(unsigned int from, unsigned int to, struct cycle *cy)
{
	unsigned int head = 0, tail = 0;

	for (unsigned int c = 0; c < nr_classes; c++)
		bfs_parent_edge[c] = -2;	/* not reached */
	bfs_parent_edge[from] = -1;
	bfs_queue[tail++] = (unsigned short)from;
	while (head < tail) {
		unsigned int c = bfs_queue[head++];

		for (int e = classes[c].first_edge; e >= 0; e = edges[e].next) {
			unsigned int n = edges[e].to;

			if (bfs_parent_edge[n] != -2)
				continue;
			bfs_parent_edge[n] = e;
			if (n == to) {
				cy->nr = 0;
				for (int pe = e; pe >= 0; pe = bfs_parent_edge[edges[pe].from])
					cy->path[cy->nr++] = pe;
				return true;
			}
			bfs_queue[tail++] = (unsigned short)n;
		}
	}
	return false;
}

/* Under graph_lock: the edge from -> to, made if new (with the stack at fp); false if it existed. */
static bool add_edge(unsigned int from, unsigned int to, unsigned long fp)
{
	struct lock_edge *e;

	for (int i = classes[from].first_edge; i >= 0; i = edges[i].next)
		if (edges[i].to == to)
			return false;
	if (nr_edges == MAX_EDGES) {
		edges_full_reported = true;
		return false;
	}
	e = &edges[nr_edges];
	e->from = (unsigned short)from;
	e->to = (unsigned short)to;
	e->next = classes[from].first_edge;
	save_trace(&e->trace, fp);
	classes[from].first_edge = (int)nr_edges++;
	return true;
}

static void print_cycle(const struct cycle *cy, unsigned long fp)
{
	pr_warn("\n======================================================\n");
	pr_warn("WARNING: possible circular locking dependency detected\n");
	pr_warn("------------------------------------------------------\n");
	pr_warn("CPU%u is trying to acquire lock:\n", smp_processor_id());
	print_lock_at("", cy->taken, cy->taken_ip);
	pr_warn("\nbut this CPU is already holding lock:\n");
	print_lock_at("", cy->held, cy->held_ip);
	pr_warn("\nwhich lock already depends on the new lock.\n\n");
	pr_warn("the existing dependency chain (in reverse order) is:\n");
	for (unsigned int i = cy->nr; i-- > 0;) {
		const struct lock_edge *e = &edges[cy->path[i]];

		pr_warn("\n-> #%u (%s) -> (%s), first taken so at:\n", i, class_name(e->from), class_name(e->to));
		print_trace(&e->trace);
	}
	pr_warn("\n Possible unsafe locking scenario:\n\n");
	pr_warn("       CPU0                    CPU1\n       ----                    ----\n");
	pr_warn("  lock(%s);\n", class_name(cy->held));
	pr_warn("                               lock(%s);\n", class_name(cy->taken));
	pr_warn("                               lock(%s);\n", class_name(cy->held));
	pr_warn("  lock(%s);\n\n *** DEADLOCK ***\n", class_name(cy->taken));
	print_current_stack(fp);
}

/*
 * Under graph_lock: an edge from every lock this CPU holds to class c.
 * Returns true (with cy filled) if one of them closes a cycle; the edge is
 * kept all the same, so the same pair is reported once.
 */
static bool check_deps(struct lockdep_cpu *ld, unsigned int c, unsigned long ip, unsigned long fp,
		       struct cycle *cy)
{
	for (unsigned int i = 0; i < ld->depth; i++) {
		unsigned int h = ld->held[i].class;
		bool cycle;

		if (h == c)
			continue;	/* two locks of one class (the zones', the caches'): no order between them */
		cycle = find_path(c, h, cy);
		if (!add_edge(h, c, fp) || !cycle)
			continue;
		cy->held = h;
		cy->taken = c;
		cy->held_ip = ld->held[i].ip;
		cy->taken_ip = ip;
		return true;
	}
	return false;
}

/* ---- hard-IRQ usage ------------------------------------------------------------------ */

/*
 * Under graph_lock: note the usage this acquisition makes of class c.
 * Returns the usage it conflicts with (USED_IN_HARDIRQ or ENABLED_HARDIRQ),
 * newly, or -1.
 */
static int check_usage(struct lockdep_cpu *ld, unsigned int c, bool irqs_on, unsigned long fp)
{
	int now = ld->hardirq ? USED_IN_HARDIRQ : irqs_on ? ENABLED_HARDIRQ : -1;
	struct lock_class *cls = &classes[c];

	if (now < 0 || (cls->usage & (1u << now)))
		return -1;
	cls->usage |= 1u << now;
	save_trace(&cls->usage_trace[now], fp);
	return (cls->usage & (1u << (1 - now))) ? 1 - now : -1;
}

static void print_usage_bug(unsigned int c, int was, unsigned long ip, unsigned long fp)
{
	pr_warn("\n================================\n");
	pr_warn("WARNING: inconsistent lock state\n");
	pr_warn("--------------------------------\n");
	pr_warn("inconsistent {%s} -> {%s} usage.\n", usage_names[was], usage_names[1 - was]);
	pr_warn("CPU%u %s takes:\n", smp_processor_id(),
		was == USED_IN_HARDIRQ ? "with IRQs enabled" : "in hard-IRQ context");
	print_lock_at("", c, ip);
	pr_warn("{%s} state was registered at:\n", usage_names[was]);
	print_trace(&classes[c].usage_trace[was]);
	pr_warn("\n Possible unsafe locking scenario:\n\n       CPU0\n       ----\n");
	pr_warn("  lock(%s);\n  <Interrupt>\n    lock(%s);\n\n *** DEADLOCK ***\n", class_name(c), class_name(c));
	print_current_stack(fp);
}

/* ---- the hooks ------------------------------------------------------------------------- */

/* A report decided under graph_lock, printed after it. */
struct pending {
	bool cycle;
	int usage_was;		/* -1: no usage report; -2: the class table is full */
	unsigned int class;
	unsigned long ip;
	struct cycle cy;
};

static struct pending pending_report[NR_CPUS];	/* each CPU its own: too large for a stack frame */

static void push_held(struct lockdep_cpu *ld, struct spinlock *lock, unsigned int c, unsigned long ip)
{
	if (ld->depth == MAX_HELD) {
		if (!ld->overflow_reported)
			pr_warn("lockdep: more than %d locks held on CPU%u; the rest are not checked\n", MAX_HELD,
				smp_processor_id());
		ld->overflow_reported = true;
		return;
	}
	ld->held[ld->depth].lock = lock;
	ld->held[ld->depth].class = (unsigned short)c;
	ld->held[ld->depth].ip = ip;
	ld->depth++;
}

/* Under graph_lock: the checks of one acquisition, pushed onto the held stack; the class or -1. */
static int record_acquire(struct lockdep_cpu *ld, struct spinlock *lock, bool check, unsigned long flags,
			  unsigned long fp, struct pending *p)
{
	unsigned long ip = *(const unsigned long *)fp;	/* the taker's return address (asm/stacktrace.h) */
	int c = class_of(lock->name);

	if (c < 0)
		return -1;
	p->class = (unsigned int)c;
	p->ip = ip;
	p->usage_was = check_usage(ld, (unsigned int)c, !arch_irqs_disabled_flags(flags), fp);
	p->cycle = check && check_deps(ld, (unsigned int)c, ip, fp, &p->cy);
	push_held(ld, lock, (unsigned int)c, ip);
	return c;
}

static void acquire(struct spinlock *lock, unsigned long fp, bool check)
{
	struct lockdep_cpu *ld;
	struct pending *p;
	unsigned long flags;

	if (!LOCKDEP_ON)
		return;
	flags = arch_irq_save();
	ld = this_lockdep_cpu();
	if (ld->recursion) {
		arch_irq_restore(flags);
		return;
	}
	ld->recursion = true;
	p = &pending_report[smp_processor_id()];
	p->usage_was = -1;
	p->cycle = false;
	arch_spin_lock(&graph_lock);
	if (record_acquire(ld, lock, check, flags, fp, p) < 0 && !classes_full_reported) {
		classes_full_reported = true;
		p->usage_was = -2;
	}
	arch_spin_unlock(&graph_lock);
	if (p->usage_was == -2)
		pr_warn("lockdep: more than %d lock classes; %s and later ones are not checked\n", MAX_CLASSES,
			lock->name);
	if (p->usage_was >= 0)
		print_usage_bug(p->class, p->usage_was, p->ip, fp);
	if (p->cycle)
		print_cycle(&p->cy, fp);
	lockdep_reports += (p->usage_was >= 0) + p->cycle;
	ld->recursion = false;
	arch_irq_restore(flags);
}

void lockdep_acquire(struct spinlock *lock, unsigned long fp)
{
	acquire(lock, fp, true);
}

/* A trylock cannot wait, so it cannot deadlock: no edges to it, but it is held. */
void lockdep_acquired_trylock(struct spinlock *lock, unsigned long fp)
{
	acquire(lock, fp, false);
}

void lockdep_release(struct spinlock *lock)
{
	struct lockdep_cpu *ld;

	if (!LOCKDEP_ON)
		return;
	ld = this_lockdep_cpu();
	if (ld->recursion)
		return;
	/* Released in any order: take it out wherever it is. */
	for (unsigned int i = ld->depth; i-- > 0;)
		if (ld->held[i].lock == lock) {
			memmove(&ld->held[i], &ld->held[i + 1], (ld->depth - i - 1) * sizeof(ld->held[0]));
			ld->depth--;
			return;
		}
}

void __lockdep_hardirq_enter(void)
{
	this_lockdep_cpu()->hardirq++;
}

void __lockdep_hardirq_exit(void)
{
	this_lockdep_cpu()->hardirq--;
}

unsigned int lockdep_depth(void)
{
	return LOCKDEP_ON ? this_lockdep_cpu()->depth : 0;
}

/* ---- might_sleep ------------------------------------------------------------------------- */

/*
 * The big kernel lock (kernel/sched.c) is the one lock a task may sleep
 * with: schedule() gives it up and takes it back, as Linux 2.0's did.
 */
static bool sleepable_held(const struct held_lock *h)
{
	return !strcmp(h->lock->name, "kernel_lock");
}

/* Locks held on this CPU that forbid sleeping. */
static unsigned int atomic_depth(const struct lockdep_cpu *ld)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < ld->depth; i++)
		n += !sleepable_held(&ld->held[i]);
	return n;
}

bool __might_sleep(const char *file, int line)
{
	struct lockdep_cpu *ld = this_lockdep_cpu();
	unsigned long flags;

	if (!LOCKDEP_ON || (!atomic_depth(ld) && !ld->hardirq) || ld->recursion)
		return true;
	flags = arch_irq_save();
	ld->recursion = true;
	pr_err("BUG: sleeping function called from invalid context at %s:%d\n", file, line);
	pr_err("in_atomic(): 1, irqs_disabled(): %d, in hard-IRQ context: %u, CPU: %u\n",
	       arch_irqs_disabled_flags(flags), ld->hardirq, smp_processor_id());
	print_held_locks(ld);
	print_current_stack((unsigned long)__builtin_frame_address(0));
	lockdep_reports++;
	ld->recursion = false;
	arch_irq_restore(flags);
	return false;
}
