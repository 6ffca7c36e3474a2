/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The MMIO test device: a register file of REGFILE_SIZE bytes that reads back
 * what was written, at any offset and width (1 to 8 bytes, little-endian),
 * and counts the accesses. It drives the MMIO path's tests (uapi
 * RTVMX_VM_TEST_MMIO attaches one to a VM).
 */
#ifndef EMUL_REGFILE_H
#define EMUL_REGFILE_H

#include "emul_host.h"
#include "mmio_bus.h"

#define REGFILE_SIZE	4096

struct regfile {
	u8 regs[REGFILE_SIZE];
	u64 reads;		/* accesses, whatever their width */
	u64 writes;
};

/* The callbacks for mmio_bus_register(), with the struct regfile as opaque. */
extern const struct mmio_ops regfile_mmio_ops;

/* All registers zero, counts zero. */
void regfile_init(struct regfile *rf);

#endif
