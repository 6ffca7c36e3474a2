// SPDX-License-Identifier: GPL-2.0
/*
 * guest-sim: runs an rtvmx test guest as a host process, to check the guest
 * library and payloads without VMX. The guest's RAM is mapped at its
 * guest-physical addresses [SIM_RAM_START, SIM_RAM_END), the stack at the
 * top as in RTVMX_BOOT_64BIT_FLAT; what rtvmx would emulate traps at CPL 3
 * and is emulated here from the signal handler:
 *   IN/OUT (#GP, SIGSEGV)   the 16550 at 0x3f8 (stdin/stdout) and the exit port
 *   VMCALL (#UD, SIGILL)    RTVMX_HC_SHUTDOWN
 *   MOV to/from CR4, XSETBV ignored (the host has set XCR0 already)
 *   CPUID                   filtered as rtvmx does, where the CPU can fault
 *                           on CPUID (ARCH_SET_CPUID); else the host's
 *   UD2, HLT, any other fault: reported and the process exits with the status
 *                           "rtvmx run" would have (113, 115, 1).
 * With --test-mmio the test device's page (RTVMX_TEST_MMIO_GPA) is plain
 * memory: a payload's own checks run, rtvmx's MMIO emulation does not.
 * usage: guest-sim [--arg N] [--test-mmio] IMAGE.elf   (exit status as "rtvmx run")
 */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/ucontext.h>
#include <linux/rtvmx.h>

#define SIM_RAM_START	0x100000UL
#define SIM_RAM_END	0x1000000UL	/* 16 MiB, the default "rtvmx run" RAM */
#define COM1		0x3f8
#define STATUS_TRIPLE_FAULT	113
#define STATUS_EPT_VIOLATION	115

static struct {
	uint8_t lcr, mcr, scr, ier, dll, dlm;
	int loop_byte;		/* -1: none */
	int in_byte;		/* the next stdin byte, -1: none, -2: end */
} uart = { .loop_byte = -1, .in_byte = -1 };
static bool cpuid_faulting;

static void die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));
static void die(int status, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (write(STDERR_FILENO, buf, n < (int)sizeof(buf) ? n : (int)sizeof(buf) - 1) < 0)
		_exit(1);
	_exit(status);
}

/* Blocks for a byte only when the guest reads RBR with none there. */
static bool uart_peek(bool wait)
{
	unsigned char c;
	ssize_t n;

	if (uart.in_byte != -1)
		return uart.in_byte >= 0;
	if (!wait) {
		fcntl(STDIN_FILENO, F_SETFL, O_NONBLOCK);
		n = read(STDIN_FILENO, &c, 1);
		fcntl(STDIN_FILENO, F_SETFL, 0);
		if (n < 0 && errno == EAGAIN)
			return false;
	} else {
		n = read(STDIN_FILENO, &c, 1);
	}
	uart.in_byte = n == 1 ? c : -2;
	return n == 1;
}

static uint8_t uart_in(unsigned int reg)
{
	int c;

	switch (reg) {
	case 0:
		if (uart.lcr & 0x80)
			return uart.dll;
		if (uart.loop_byte >= 0) {
			c = uart.loop_byte;
			uart.loop_byte = -1;
			return c;
		}
		if (!uart_peek(true))
			die(1, "guest-sim: the guest reads console input after its end\n");
		c = uart.in_byte;
		uart.in_byte = -1;
		return c;
	case 1:
		return uart.lcr & 0x80 ? uart.dlm : uart.ier;
	case 2:
		return 0x01;
	case 3:
		return uart.lcr;
	case 4:
		return uart.mcr;
	case 5:
		return 0x60 | (uart.loop_byte >= 0 || (!(uart.mcr & 0x10) && uart_peek(false)));
	case 6:
		return 0xb0;
	default:
		return uart.scr;
	}
}

static void uart_out(unsigned int reg, uint8_t v)
{
	switch (reg) {
	case 0:
		if (uart.lcr & 0x80)
			uart.dll = v;
		else if (uart.mcr & 0x10)
			uart.loop_byte = v;
		else if (write(STDOUT_FILENO, &v, 1) != 1)
			_exit(1);
		break;
	case 1:
		if (uart.lcr & 0x80)
			uart.dlm = v;
		else
			uart.ier = v & 0x0f;
		break;
	case 3:
		uart.lcr = v;
		break;
	case 4:
		uart.mcr = v & 0x1f;
		break;
	case 7:
		uart.scr = v;
		break;
	}
}

static void port_out(uint16_t port, uint8_t v)
{
	if (port == RTVMX_EXIT_PORT)
		_exit(((v << 1) | 1) & 0xff);
	if (port >= COM1 && port < COM1 + 8)
		uart_out(port - COM1, v);
}

static uint8_t port_in(uint16_t port)
{
	return port >= COM1 && port < COM1 + 8 ? uart_in(port - COM1) : 0xff;
}

/* ModRM r/m register (with REX.B) to its gregs slot. */
static int greg_of(unsigned int rm)
{
	static const int map[16] = {
		REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
		REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
	};

	return map[rm & 15];
}

static void emulate_cpuid(greg_t *r)
{
	uint32_t leaf = r[REG_RAX], a, b, c, d;

	if ((leaf & 0xffffff00) == RTVMX_CPUID_SIGNATURE) {
		bool sig = leaf == RTVMX_CPUID_SIGNATURE;

		a = sig ? RTVMX_CPUID_SIGNATURE : 0;
		b = sig ? 0x6d767472 : 0;
		c = sig ? 0x76747278 : 0;
		d = sig ? 0x7472786d : 0;
	} else {
		syscall(SYS_arch_prctl, ARCH_SET_CPUID, 1);
		asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d)
			     : "a"(leaf), "c"((uint32_t)r[REG_RCX]));
		syscall(SYS_arch_prctl, ARCH_SET_CPUID, 0);
		if (leaf == 1)
			c = (c & ~(1U << 5)) | (1U << 31);
	}
	r[REG_RAX] = a;
	r[REG_RBX] = b;
	r[REG_RCX] = c;
	r[REG_RDX] = d;
}

/* Emulates the instruction at RIP; its length, or 0 when it is not one of ours. */
static unsigned int emulate(greg_t *r)
{
	const uint8_t *p = (const uint8_t *)r[REG_RIP];
	unsigned int rex = (p[0] & 0xf0) == 0x40 ? p[0] : 0, n = rex ? 1 : 0;

	if (p[0] == 0xee) {			/* out %al, (%dx) */
		port_out(r[REG_RDX], r[REG_RAX]);
		return 1;
	}
	if (p[0] == 0xe6) {			/* out %al, $imm8 */
		port_out(p[1], r[REG_RAX]);
		return 2;
	}
	if (p[0] == 0xec || p[0] == 0xe4) {	/* in (%dx), %al; in $imm8, %al */
		r[REG_RAX] = (r[REG_RAX] & ~0xffUL) | port_in(p[0] == 0xec ? r[REG_RDX] : p[1]);
		return p[0] == 0xec ? 1 : 2;
	}
	if (p[0] == 0x0f && p[1] == 0x01 && p[2] == 0xc1) {	/* vmcall */
		if (r[REG_RAX] == RTVMX_HC_SHUTDOWN)
			_exit(r[REG_RDI] & 0xff);
		r[REG_RAX] = -ENOSYS;
		return 3;
	}
	if (p[0] == 0x0f && p[1] == 0x01 && p[2] == 0xd1)	/* xsetbv */
		return 3;
	if (p[0] == 0x0f && p[1] == 0xa2 && cpuid_faulting) {
		emulate_cpuid(r);
		return 2;
	}
	/* mov %crN, %reg (0f 20) and mov %reg, %crN (0f 22), mod = 11 */
	if (p[n] == 0x0f && (p[n + 1] == 0x20 || p[n + 1] == 0x22) && (p[n + 2] & 0xc0) == 0xc0) {
		if (p[n + 1] == 0x20)
			r[greg_of((p[n + 2] & 7) | (rex & 1) << 3)] = 0x406e0;
		return n + 3;
	}
	return 0;
}

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	greg_t *r = ((ucontext_t *)ctx)->uc_mcontext.gregs;
	const uint8_t *p = (const uint8_t *)r[REG_RIP];
	unsigned int len;

	if (p[0] == 0x0f && p[1] == 0x0b)
		die(STATUS_TRIPLE_FAULT, "guest-sim: ud2 without an IDT: triple fault at rip %#lx\n",
		    (unsigned long)r[REG_RIP]);
	if (p[0] == 0xf4)
		die(1, "guest-sim: hlt at rip %#lx: nothing would wake the guest\n",
		    (unsigned long)r[REG_RIP]);
	len = emulate(r);
	if (len) {
		r[REG_RIP] += len;
		return;
	}
	if (sig == SIGSEGV && si->si_code != SI_KERNEL)
		die(STATUS_EPT_VIOLATION, "guest-sim: access outside RAM at %p (rip %#lx)\n",
		    si->si_addr, (unsigned long)r[REG_RIP]);
	die(1, "guest-sim: signal %d at rip %#lx: %02x %02x %02x\n", sig,
	    (unsigned long)r[REG_RIP], p[0], p[1], p[2]);
}

/* Copies the PT_LOAD segments of @path to their guest-physical addresses; returns the entry. */
static unsigned long load(const char *path)
{
	const Elf64_Ehdr *eh;
	const Elf64_Phdr *ph;
	struct stat st;
	const char *img;
	int fd, i;

	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st))
		die(1, "guest-sim: %s: %s\n", path, strerror(errno));
	img = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (img == MAP_FAILED || st.st_size < (off_t)sizeof(*eh) || memcmp(img, ELFMAG, SELFMAG))
		die(1, "guest-sim: %s is not an ELF image\n", path);
	close(fd);
	eh = (const Elf64_Ehdr *)img;
	for (i = 0; i < eh->e_phnum; i++) {
		ph = (const Elf64_Phdr *)(img + eh->e_phoff) + i;
		if (ph->p_type != PT_LOAD || !ph->p_memsz)
			continue;
		if (ph->p_paddr < SIM_RAM_START || ph->p_paddr + ph->p_memsz > SIM_RAM_END)
			die(1, "guest-sim: segment at %#lx is outside the simulated RAM\n",
			    (unsigned long)ph->p_paddr);
		/* The RAM mapping is fresh: bss is zero already. */
		memcpy((void *)ph->p_paddr, img + ph->p_offset, ph->p_filesz);
	}
	if (eh->e_entry < SIM_RAM_START || eh->e_entry >= SIM_RAM_END)
		die(1, "guest-sim: entry %#lx is outside the simulated RAM\n",
		    (unsigned long)eh->e_entry);
	return eh->e_entry;
}

static void setup_signals(void)
{
	static char altstack[64 * 1024];
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	if (sigaltstack(&ss, NULL) || sigaction(SIGSEGV, &sa, NULL) ||
	    sigaction(SIGILL, &sa, NULL) || sigaction(SIGBUS, &sa, NULL))
		die(1, "guest-sim: signal setup: %s\n", strerror(errno));
}

/* Anonymous memory at @addr, or the simulator ends. */
static void map_at(unsigned long addr, unsigned long len, int prot, const char *what)
{
	void *p = mmap((void *)addr, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
		       -1, 0);

	if (p != (void *)addr)
		die(1, "guest-sim: cannot map the %s at %#lx: %s\n", what, addr, strerror(errno));
}

int main(int argc, char **argv)
{
	unsigned long arg = 0, entry;
	bool test_mmio = false;
	int i;

	for (i = 1; i < argc - 1; i++) {
		if (!strcmp(argv[i], "--arg") && i + 1 < argc - 1)
			arg = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--test-mmio"))
			test_mmio = true;
		else
			break;
	}
	if (argc < 2 || i != argc - 1)
		die(2, "usage: guest-sim [--arg N] [--test-mmio] IMAGE.elf\n");
	map_at(SIM_RAM_START, SIM_RAM_END - SIM_RAM_START, PROT_READ | PROT_WRITE | PROT_EXEC,
	       "guest RAM");
	if (test_mmio)
		map_at(RTVMX_TEST_MMIO_GPA, RTVMX_TEST_MMIO_SIZE, PROT_READ | PROT_WRITE,
		       "test device");
	entry = load(argv[argc - 1]);
	setup_signals();
	cpuid_faulting = !syscall(SYS_arch_prctl, ARCH_SET_CPUID, 0);
	if (!cpuid_faulting)
		fprintf(stderr, "guest-sim: no CPUID faulting: the guest sees the host's CPUID\n");
	/* RSP = top of RAM, RDI = arg, as RTVMX_BOOT_64BIT_FLAT. */
	asm volatile("mov %0, %%rsp\n\tjmp *%1" : : "r"(SIM_RAM_END), "r"(entry), "D"(arg));
	__builtin_unreachable();
}
