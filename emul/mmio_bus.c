// SPDX-License-Identifier: GPL-2.0
/* The MMIO bus: a fixed table of regions, searched linearly (see mmio_bus.h). */
#include "mmio_bus.h"

void mmio_bus_init(struct mmio_bus *bus)
{
	memset(bus, 0, sizeof(*bus));
}

/* [a, a + alen) and [b, b + blen) share a byte; neither range wraps. */
static bool ranges_overlap(u64 a, u64 alen, u64 b, u64 blen)
{
	return a < b + blen && b < a + alen;
}

int mmio_bus_register(struct mmio_bus *bus, u64 base, u64 size, const struct mmio_ops *ops,
		      void *opaque)
{
	struct mmio_region *r;
	unsigned int i;

	if (!size || base + size - 1 < base || !ops || !ops->read || !ops->write)
		return -EINVAL;
	for (i = 0; i < bus->nr; i++)
		if (ranges_overlap(base, size, bus->regions[i].base, bus->regions[i].size))
			return -EBUSY;
	if (bus->nr == MMIO_BUS_MAX_REGIONS)
		return -ENOSPC;
	r = &bus->regions[bus->nr++];
	r->base = base;
	r->size = size;
	r->ops = ops;
	r->opaque = opaque;
	return 0;
}

const struct mmio_region *mmio_bus_find(const struct mmio_bus *bus, u64 gpa, unsigned int len)
{
	const struct mmio_region *r;
	unsigned int i;

	if (!len || gpa + len - 1 < gpa)
		return NULL;
	for (i = 0; i < bus->nr; i++) {
		r = &bus->regions[i];
		if (len <= r->size && gpa >= r->base && gpa - r->base <= r->size - len)
			return r;
	}
	return NULL;
}

int mmio_bus_read(const struct mmio_bus *bus, u64 gpa, void *buf, unsigned int len)
{
	const struct mmio_region *r;
	u8 *p = buf;
	unsigned int i;
	u64 val = 0;
	int ret;

	if (!len || len > 8)
		return -EINVAL;
	r = mmio_bus_find(bus, gpa, len);
	if (!r)
		return -EFAULT;
	ret = r->ops->read(r->opaque, gpa - r->base, len, &val);
	if (ret)
		return ret;
	for (i = 0; i < len; i++)
		p[i] = val >> (8 * i);
	return 0;
}

int mmio_bus_write(const struct mmio_bus *bus, u64 gpa, const void *buf, unsigned int len)
{
	const struct mmio_region *r;
	const u8 *p = buf;
	unsigned int i;
	u64 val = 0;

	if (!len || len > 8)
		return -EINVAL;
	r = mmio_bus_find(bus, gpa, len);
	if (!r)
		return -EFAULT;
	for (i = 0; i < len; i++)
		val |= (u64)p[i] << (8 * i);
	return r->ops->write(r->opaque, gpa - r->base, len, val);
}
