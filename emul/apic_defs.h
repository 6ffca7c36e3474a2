/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interrupt-message fields shared by the LAPIC, the IOAPIC and the routing
 * layer: delivery modes (Intel SDM Vol. 3A 10.6.1, ICR bits 10:8; the same
 * encoding in LVT entries and in 82093AA redirection entries) and the
 * broadcast destinations.
 */
#ifndef EMUL_APIC_DEFS_H
#define EMUL_APIC_DEFS_H

#define APIC_DM_FIXED		0
#define APIC_DM_LOWEST		1
#define APIC_DM_SMI		2
#define APIC_DM_NMI		4
#define APIC_DM_INIT		5
#define APIC_DM_STARTUP		6
#define APIC_DM_EXTINT		7

#define APIC_BROADCAST_XAPIC	0xffu
#define APIC_BROADCAST_X2APIC	0xffffffffu

#endif
