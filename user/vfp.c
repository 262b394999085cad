/*
 * VFP/NEON registers for user space (built hard-float, Debian armhf's
 * ABI: mk/user.mk): all 32 double registers and FPSCR keep their values
 * while another process loads different ones and runs (fork, then the
 * parent sleeps in wait4), and across a signal handler that clobbers
 * them all (the frame's VFP block, restored by sigreturn).  Each scenario
 * is one asm block, so the compiler cannot touch the registers between
 * the load and the store.
 */
#include "lib/procs.h"
#include "lib/ulib.h"

#define HWCAP_VFP	(1 << 6)	/* Linux's arch/arm/include/uapi/asm/hwcap.h */
#define HWCAP_VFPD32	(1 << 19)
#define FPSCR_P		0xa3c00000u	/* N, C, DN, FZ, RMode = round towards zero */
#define FPSCR_Q		0x50400000u	/* Z, V, RMode = round towards +infinity */

static unsigned long long p[32], q[32], out[32];
static unsigned int fpscr_out;

#define LOAD_ALL(src, fpscr)	"vldmia " src ", {d0-d15}\n\tadd r1, " src ", #128\n\tvldmia r1, {d16-d31}\n\t" \
				"vmsr fpscr, " fpscr "\n\t"
#define STORE_ALL(dst, fpscr)	"vstmia " dst ", {d0-d15}\n\tadd r1, " dst ", #128\n\tvstmia r1, {d16-d31}\n\t" \
				"vmrs r1, fpscr\n\tstr r1, [" fpscr "]\n\t"
#define VFP_CLOBBERS	"d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9", "d10", "d11", "d12", "d13", \
			"d14", "d15", "d16", "d17", "d18", "d19", "d20", "d21", "d22", "d23", "d24", "d25", \
			"d26", "d27", "d28", "d29", "d30", "d31"

/*
 * Fork; the child loads q and exits 0; the parent loads p only after the
 * fork (so only the switch can save it), sleeps in wait4(-1) while the
 * child runs, and stores what it has.
 */
static void fork_and_wait(void)
{
	__asm__ volatile(
		"mov r7, #2\n\tsvc #0\n\t"			/* fork */
		"cmp r0, #0\n\tbne 1f\n\t"
		LOAD_ALL("%[q]", "%[fq]")
		"mov r0, #0\n\tmov r7, #1\n\tsvc #0\n"		/* exit(0) */
		"1:\n\t"
		LOAD_ALL("%[p]", "%[fp]")
		"mvn r0, #0\n\tmov r1, #0\n\tmov r2, #0\n\tmov r3, #0\n\t"
		"mov r7, #114\n\tsvc #0\n\t"			/* wait4(-1, NULL, 0, NULL) */
		STORE_ALL("%[o]", "%[fo]")
		: : [p] "r"(p), [q] "r"(q), [o] "r"(out), [fp] "r"(FPSCR_P), [fq] "r"(FPSCR_Q), [fo] "r"(&fpscr_out)
		: "r0", "r1", "r2", "r3", "r7", "cc", "memory", VFP_CLOBBERS);
}

static void clobber_handler(int sig)
{
	__asm__ volatile(LOAD_ALL("%[q]", "%[fq]") : : [q] "r"(q), [fq] "r"(FPSCR_Q) : "r1", "memory", VFP_CLOBBERS);
}

/* Load p, kill(self, SIGUSR1): the handler loads q; after sigreturn store what we have. */
static void signal_and_return(long pid)
{
	__asm__ volatile(
		LOAD_ALL("%[p]", "%[fp]")
		"mov r0, %[pid]\n\tmov r1, #10\n\tmov r7, #37\n\tsvc #0\n\t"	/* kill(pid, SIGUSR1) */
		STORE_ALL("%[o]", "%[fo]")
		: : [p] "r"(p), [o] "r"(out), [fp] "r"(FPSCR_P), [fo] "r"(&fpscr_out), [pid] "r"(pid)
		: "r0", "r1", "r7", "cc", "memory", VFP_CLOBBERS);
}

static int equal_to_p(void)
{
	int n = 0;

	for (int i = 0; i < 32; i++)
		n += out[i] == p[i];
	return n;
}

int main(int argc, char **argv, char **envp)
{
	volatile double x = 1048576.0, y = 1.25;
	unsigned long hwcap = getauxval(AT_HWCAP);

	check((hwcap & (HWCAP_VFP | HWCAP_VFPD32)) == (HWCAP_VFP | HWCAP_VFPD32), "AT_HWCAP has VFP and VFPD32",
	      (long)hwcap, HWCAP_VFP | HWCAP_VFPD32);
	check(x * y == 1310720.0, "hard-float arithmetic: 2^20 * 1.25", 0, 0);
	for (int i = 0; i < 32; i++) {
		p[i] = 0x4000000000000000ull + 0x0101010101ull * (i + 1);
		q[i] = 0xc000000000000000ull + 0x0202020202ull * (i + 1);
	}
	fork_and_wait();
	check(equal_to_p() == 32, "d0-d31 survive another process running with other values", equal_to_p(), 32);
	check(fpscr_out == FPSCR_P, "FPSCR survives it too", fpscr_out, FPSCR_P);
	sigaction_simple(SIGUSR1, clobber_handler, 0, 0);
	signal_and_return(getpid());
	check(equal_to_p() == 32, "d0-d31 survive a handler that loads other values", equal_to_p(), 32);
	check(fpscr_out == FPSCR_P, "FPSCR survives the handler", fpscr_out, FPSCR_P);
	printf("vfp: %s\n", checks_failed ? "FAILED" : "all passed");
	return checks_failed ? 1 : 0;
}
