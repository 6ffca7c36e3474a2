/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The MMIO bus: guest-physical regions, each backed by a device model's
 * read/write callbacks. Devices (the test register file now; LAPIC, IOAPIC
 * and HPET later) register their regions while the VM is created; the
 * emulator's read_mem/write_mem callbacks then route accesses through it.
 *
 * A fixed array, filled before the VM runs and only read afterwards: the
 * exit path neither allocates nor locks. An access is handed to the one
 * region that holds all of it; one that straddles a region's end, or falls
 * outside every region, is refused with -EFAULT. Device callbacks run on the
 * vCPU's exit path with interrupts off and must not sleep.
 */
#ifndef EMUL_MMIO_BUS_H
#define EMUL_MMIO_BUS_H

#include "emul_host.h"

#define MMIO_BUS_MAX_REGIONS	8

struct mmio_ops {
	/*
	 * @offset is relative to the region's base; @size is 1 to 8 (an operand
	 * size, or part of one that the emulator split at a page boundary).
	 * Reads fill @val (little-endian, zero-extended); writes take the low
	 * @size bytes of @val. Return 0, or -Exxx to stop the VM.
	 */
	int (*read)(void *opaque, u64 offset, unsigned int size, u64 *val);
	int (*write)(void *opaque, u64 offset, unsigned int size, u64 val);
};

struct mmio_region {
	u64 base;
	u64 size;
	const struct mmio_ops *ops;
	void *opaque;
};

struct mmio_bus {
	struct mmio_region regions[MMIO_BUS_MAX_REGIONS];
	unsigned int nr;
};

void mmio_bus_init(struct mmio_bus *bus);

/*
 * Adds [@base, @base + @size). Returns 0, -EINVAL for an empty or wrapping
 * range or missing callbacks, -EBUSY when it overlaps a region already there,
 * or -ENOSPC when the bus is full.
 */
int mmio_bus_register(struct mmio_bus *bus, u64 base, u64 size, const struct mmio_ops *ops,
		      void *opaque);

/* The region that holds [@gpa, @gpa + @len), or NULL. */
const struct mmio_region *mmio_bus_find(const struct mmio_bus *bus, u64 gpa, unsigned int len);

/*
 * One access of @len (1 to 8) little-endian bytes at @buf. Returns 0,
 * -EFAULT when no region holds it, -EINVAL for a bad @len, or the device's
 * error.
 */
int mmio_bus_read(const struct mmio_bus *bus, u64 gpa, void *buf, unsigned int len);
int mmio_bus_write(const struct mmio_bus *bus, u64 gpa, const void *buf, unsigned int len);

#endif
