// SPDX-License-Identifier: GPL-2.0
/*
 * kvm_run: runs an rtvmx test payload (ELF64) under KVM, in the state
 * rtvmx's RTVMX_BOOT_64BIT_FLAT gives it, so the bench compares the same
 * image on both hypervisors. What a user of KVM would have: the in-kernel
 * LAPIC, I/O APIC and PIC (KVM_CREATE_IRQCHIP), CPUID as KVM supports it
 * plus the timing leaf 0x40000010, and a userspace VMM for the rest: the
 * console UART at 0x3f8, the exit port 0xf4 and the 4 KiB MMIO test
 * register file at 0xd0000000, each an exit to this program.
 *
 *   kvm_run [--cpu N] [--mem MiB] [--arg N] [--until TEXT] IMAGE
 *
 * The console goes to stdout. Ends when the guest writes v to port 0xf4
 * (exit status v; "exit_code: (v << 1) | 1" on stderr, as rtvmx), when a
 * console line equals TEXT (status 0), on a triple fault (status 113) or on
 * an exit it does not handle (status 116). Prints the exits by reason.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <linux/kvm.h>

#define GDT_GPA		0x1000
#define PML4_GPA	0x2000
#define PDPT_GPA	0x3000
#define PD_GPA		0x4000		/* four page directories: 4 GiB in 2 MiB pages */
#define TEST_MMIO_GPA	0xd0000000ULL
#define TEST_MMIO_SIZE	0x1000
#define COM1		0x3f8
#define EXIT_PORT	0xf4
#define PTE_P		1ULL
#define PTE_RW		2ULL
#define PTE_PS		0x80ULL
#define STATUS_TRIPLE_FAULT	113
#define STATUS_UNKNOWN_EXIT	116

static uint8_t *ram;
static size_t ram_size = 16 << 20;
static uint8_t test_mmio[TEST_MMIO_SIZE];
static unsigned long exits[64];
static char line[256];
static size_t line_len;
static const char *until;

static void die(const char *what)
{
	fprintf(stderr, "kvm_run: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void fail(const char *path, const char *why)
{
	fprintf(stderr, "kvm_run: %s: %s\n", path, why);
	exit(1);
}

/* PT_LOAD segments at p_paddr, as rtvmx run loads them; returns e_entry. */
static uint64_t load_elf(const char *path)
{
	struct stat st;
	Elf64_Ehdr *eh;
	Elf64_Phdr *ph;
	uint64_t entry;
	uint8_t *img;
	int fd, i;

	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st))
		die(path);
	img = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (img == MAP_FAILED)
		die(path);
	eh = (Elf64_Ehdr *)img;
	if ((size_t)st.st_size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_machine != EM_X86_64)
		fail(path, "not an ELF64 x86-64 image");
	for (i = 0; i < eh->e_phnum; i++) {
		ph = (Elf64_Phdr *)(img + eh->e_phoff + i * eh->e_phentsize);
		if (ph->p_type != PT_LOAD)
			continue;
		if (ph->p_paddr + ph->p_memsz > ram_size || ph->p_offset + ph->p_filesz > (size_t)st.st_size)
			fail(path, "a segment lies outside guest RAM or the file");
		memcpy(ram + ph->p_paddr, img + ph->p_offset, ph->p_filesz);
	}
	entry = eh->e_entry;
	munmap(img, st.st_size);
	close(fd);
	return entry;
}

/* The GDT and identity-mapped page tables of rtvmx's 64-bit boot state (module/boot_state.c). */
static void build_tables(void)
{
	uint64_t *gdt = (uint64_t *)(ram + GDT_GPA), *pml4 = (uint64_t *)(ram + PML4_GPA);
	uint64_t *pdpt = (uint64_t *)(ram + PDPT_GPA), *pd = (uint64_t *)(ram + PD_GPA);
	unsigned int i;

	gdt[1] = 0x00af9b000000ffffULL;	/* 0x08: 64-bit code */
	gdt[2] = 0x00cf93000000ffffULL;	/* 0x10: data */
	gdt[3] = 0x00008b0000000067ULL;	/* 0x18: busy TSS at 0 */
	pml4[0] = PDPT_GPA | PTE_P | PTE_RW;
	for (i = 0; i < 4; i++)
		pdpt[i] = (PD_GPA + i * 0x1000) | PTE_P | PTE_RW;
	for (i = 0; i < 4 * 512; i++)
		pd[i] = ((uint64_t)i << 21) | PTE_P | PTE_RW | PTE_PS;
}

static void set_segment(struct kvm_segment *s, uint16_t sel, uint8_t type, bool code)
{
	memset(s, 0, sizeof(*s));
	s->selector = sel;
	s->limit = 0xffffffff;
	s->type = type;
	s->present = 1;
	s->s = 1;
	s->g = 1;
	s->l = code;
	s->db = !code;
}

static void set_state(int vcpu, uint64_t entry, uint64_t arg)
{
	struct kvm_sregs sr;
	struct kvm_regs r;

	if (ioctl(vcpu, KVM_GET_SREGS, &sr))
		die("KVM_GET_SREGS");
	set_segment(&sr.cs, 0x08, 11, true);
	set_segment(&sr.ds, 0x10, 3, false);
	sr.es = sr.fs = sr.gs = sr.ss = sr.ds;
	memset(&sr.tr, 0, sizeof(sr.tr));
	sr.tr.selector = 0x18;
	sr.tr.limit = 0x67;
	sr.tr.type = 11;
	sr.tr.present = 1;
	sr.gdt.base = GDT_GPA;
	sr.gdt.limit = 0x27;
	sr.idt.base = 0;
	sr.idt.limit = 0;
	sr.cr0 = 0x80010033;	/* PG, WP, NE, ET, MP, PE */
	sr.cr3 = PML4_GPA;
	sr.cr4 = 0x620;		/* PAE, OSFXSR, OSXMMEXCPT */
	sr.efer = 0xd01;	/* SCE, LME, LMA, NXE */
	if (ioctl(vcpu, KVM_SET_SREGS, &sr))
		die("KVM_SET_SREGS");
	memset(&r, 0, sizeof(r));
	r.rip = entry;
	r.rsp = ram_size;
	r.rdi = arg;
	r.rflags = 2;
	if (ioctl(vcpu, KVM_SET_REGS, &r))
		die("KVM_SET_REGS");
}

/* What KVM supports, plus a hypervisor leaf range ending at the timing leaf 0x40000010. */
static void set_cpuid(int kvm, int vcpu)
{
	struct kvm_cpuid2 *c;
	struct kvm_cpuid_entry2 *e;
	int tsc_khz, n = 256;

	c = calloc(1, sizeof(*c) + (n + 2) * sizeof(*e));
	if (!c)
		die("calloc");
	c->nent = n;
	if (ioctl(kvm, KVM_GET_SUPPORTED_CPUID, c))
		die("KVM_GET_SUPPORTED_CPUID");
	tsc_khz = ioctl(vcpu, KVM_GET_TSC_KHZ, 0);
	if (tsc_khz <= 0)
		die("KVM_GET_TSC_KHZ");
	for (e = c->entries; e < c->entries + c->nent; e++)
		if (e->function == 0x40000000)
			break;
	if (e == c->entries + c->nent)
		c->nent++;
	*e = (struct kvm_cpuid_entry2){ .function = 0x40000000, .eax = 0x40000010,
					.ebx = 0x4b4d564b, .ecx = 0x564b4d56, .edx = 0x4d };
	e = &c->entries[c->nent++];
	/* EAX: TSC kHz; EBX: the LAPIC timer's clock, KVM's 1 ns bus cycle. */
	*e = (struct kvm_cpuid_entry2){ .function = 0x40000010, .eax = tsc_khz, .ebx = 1000000 };
	if (ioctl(vcpu, KVM_SET_CPUID2, c))
		die("KVM_SET_CPUID2");
	free(c);
}

static void print_exits(void);

static void console_putc(char ch)
{
	putchar(ch);
	if (ch == '\n') {
		line[line_len] = 0;
		if (until && !strcmp(line, until)) {
			print_exits();
			exit(0);
		}
		line_len = 0;
	} else if (line_len < sizeof(line) - 1) {
		line[line_len++] = ch;
	}
}

static void print_exits(void)
{
	unsigned int i;

	for (i = 0; i < sizeof(exits) / sizeof(exits[0]); i++)
		if (exits[i])
			fprintf(stderr, "kvm_exits.%u: %lu\n", i, exits[i]);
}

/* Port I/O the in-kernel devices leave to userspace: the console and the exit port. */
static void handle_io(struct kvm_run *run)
{
	uint8_t *data = (uint8_t *)run + run->io.data_offset;

	if (run->io.direction == KVM_EXIT_IO_OUT) {
		if (run->io.port == COM1)
			console_putc(data[0]);
		if (run->io.port == EXIT_PORT) {
			fflush(stdout);
			fprintf(stderr, "exit_code: %u\n", (data[0] << 1) | 1);
			print_exits();
			exit(data[0]);
		}
		return;
	}
	/* The UART's line status: transmitter empty, no data; everything else reads 0. */
	memset(data, 0, run->io.size * run->io.count);
	if (run->io.port == COM1 + 5)
		data[0] = 0x60;
}

static void handle_mmio(struct kvm_run *run)
{
	uint64_t off = run->mmio.phys_addr - TEST_MMIO_GPA;

	if (run->mmio.phys_addr < TEST_MMIO_GPA || off + run->mmio.len > TEST_MMIO_SIZE) {
		fprintf(stderr, "kvm_run: MMIO at %#llx outside the test device\n",
			(unsigned long long)run->mmio.phys_addr);
		exit(STATUS_UNKNOWN_EXIT);
	}
	if (run->mmio.is_write)
		memcpy(test_mmio + off, run->mmio.data, run->mmio.len);
	else
		memcpy(run->mmio.data, test_mmio + off, run->mmio.len);
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		die("sched_setaffinity");
}

int main(int argc, char **argv)
{
	struct kvm_userspace_memory_region region = { 0 };
	unsigned long arg = 0;
	struct kvm_run *run;
	int kvm, vm, vcpu, i, run_size, cpu = -1;
	uint64_t entry;

	for (i = 1; i < argc - 1; i += 2) {
		if (!strcmp(argv[i], "--cpu"))
			cpu = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--mem"))
			ram_size = strtoul(argv[i + 1], NULL, 0) << 20;
		else if (!strcmp(argv[i], "--arg"))
			arg = strtoul(argv[i + 1], NULL, 0);
		else if (!strcmp(argv[i], "--until"))
			until = argv[i + 1];
		else
			break;
	}
	if (i != argc - 1 || ram_size < (2 << 20) || ram_size > (1UL << 30)) {
		fprintf(stderr, "usage: kvm_run [--cpu N] [--mem MiB (2-1024)] [--arg N] [--until TEXT] IMAGE\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	if (cpu >= 0)
		pin(cpu);
	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		die("/dev/kvm");
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0)
		die("KVM_CREATE_VM");
	if (ioctl(vm, KVM_SET_TSS_ADDR, 0xfffbd000UL) || ioctl(vm, KVM_CREATE_IRQCHIP, 0))
		die("KVM_SET_TSS_ADDR/KVM_CREATE_IRQCHIP");
	ram = mmap(NULL, ram_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		   -1, 0);
	if (ram == MAP_FAILED)
		die("mmap");
	region.memory_size = ram_size;
	region.userspace_addr = (uintptr_t)ram;
	if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region))
		die("KVM_SET_USER_MEMORY_REGION");
	build_tables();
	entry = load_elf(argv[argc - 1]);
	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	if (vcpu < 0)
		die("KVM_CREATE_VCPU");
	run_size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	run = mmap(NULL, run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (run == MAP_FAILED)
		die("mmap kvm_run");
	set_cpuid(kvm, vcpu);
	set_state(vcpu, entry, arg);

	for (;;) {
		if (ioctl(vcpu, KVM_RUN, 0) && errno != EINTR)
			die("KVM_RUN");
		if (run->exit_reason < sizeof(exits) / sizeof(exits[0]))
			exits[run->exit_reason]++;
		switch (run->exit_reason) {
		case KVM_EXIT_IO:
			handle_io(run);
			break;
		case KVM_EXIT_MMIO:
			handle_mmio(run);
			break;
		case KVM_EXIT_INTR:
			break;
		case KVM_EXIT_SHUTDOWN:
			fprintf(stderr, "kvm_run: triple fault\n");
			print_exits();
			return STATUS_TRIPLE_FAULT;
		default:
			fprintf(stderr, "kvm_run: exit reason %u not handled\n", run->exit_reason);
			print_exits();
			return STATUS_UNKNOWN_EXIT;
		}
	}
}
