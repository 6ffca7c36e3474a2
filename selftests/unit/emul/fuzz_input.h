/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fuzzer's input layout, shared by the target and the seed writer:
 *
 *   0      config: bits 1:0 mode (0 real, 1 protected, 2 protected + paging,
 *          3 long mode), bit 2 PAE (or LA57 in long mode), bit 3 CPL 3,
 *          bit 4 SMEP, bit 5 SMAP, bit 6 EFLAGS.AC, bit 7 CR0.WP
 *   1      more: bit 0 EFER.NXE, bit 1 CR4.PSE, bit 2 EFLAGS.DF, bit 3 CS.D,
 *          bit 4 PDPTEs from registers, bits 7:5 A/D races to lose
 *   2      max_rep (0: the default)
 *   3      segments: bit 0 DS unusable, bit 1 SS expand-down, bit 2
 *          EFLAGS.VM, bit 3 CS limit 0xfff, bits 7:4 data segment limits
 *          shifted right by that much
 *   4-11   CR3
 *   12-19  RIP
 *   20-147 RAX..R15
 *   148-   guest RAM from address 0 (64 KiB, the rest zero); RAM repeats
 *          every 64 KiB of guest-physical space, so any page-table entry
 *          points somewhere the input controls
 */
#ifndef EMUL_TEST_FUZZ_INPUT_H
#define EMUL_TEST_FUZZ_INPUT_H

#define FZ_CONFIG	0
#define FZ_MORE		1
#define FZ_MAX_REP	2
#define FZ_SEGS		3
#define FZ_CR3		4
#define FZ_RIP		12
#define FZ_GPRS		20
#define FZ_RAM_IMAGE	148
#define FZ_RAM_SIZE	0x10000u
#define FZ_CODE		0x100u		/* seeds: RIP; CR3 is 0, a PDPT at 0x1000 */

#define FZ_MODE_REAL	0
#define FZ_MODE_PROT	1
#define FZ_MODE_PAGED	2
#define FZ_MODE_LONG	3

#endif
