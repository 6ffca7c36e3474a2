// SPDX-License-Identifier: GPL-2.0
/* The MMIO test device: a byte-addressed register file (see regfile.h). */
#include "regfile.h"

void regfile_init(struct regfile *rf)
{
	memset(rf, 0, sizeof(*rf));
}

static bool regfile_range_ok(u64 offset, unsigned int size)
{
	return size && size <= 8 && offset < REGFILE_SIZE && size <= REGFILE_SIZE - offset;
}

static int regfile_read(void *opaque, u64 offset, unsigned int size, u64 *val)
{
	struct regfile *rf = opaque;
	unsigned int i;

	if (!regfile_range_ok(offset, size))
		return -EINVAL;
	*val = 0;
	for (i = 0; i < size; i++)
		*val |= (u64)rf->regs[offset + i] << (8 * i);
	rf->reads++;
	return 0;
}

static int regfile_write(void *opaque, u64 offset, unsigned int size, u64 val)
{
	struct regfile *rf = opaque;
	unsigned int i;

	if (!regfile_range_ok(offset, size))
		return -EINVAL;
	for (i = 0; i < size; i++)
		rf->regs[offset + i] = val >> (8 * i);
	rf->writes++;
	return 0;
}

const struct mmio_ops regfile_mmio_ops = {
	.read = regfile_read,
	.write = regfile_write,
};
