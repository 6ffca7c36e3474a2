# SPDX-License-Identifier: GPL-2.0
# rtvmx: thin wrapper around Kbuild (the module), userspace/ (the CLI) and
# selftests/ (tests and the emulated VMX test machine).

# Headers to build against: the running kernel's, else the newest installed
# generic Debian headers (flavours such as -rt and -cloud are left out).
newest_generic_headers = $(lastword $(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | \
	grep -Ev -- '-(rt|cloud)-amd64$$' | sort -V))
KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) $(newest_generic_headers))

# The emulated machine boots the kernel Debian's linux-image-amd64 stands for,
# so its module is built against that kernel's headers.
vm_kver = $(shell dpkg-query -W -f='$${Depends}' linux-image-amd64 2>/dev/null | \
	sed -E 's/^linux-image-([^ ,]+).*/\1/')
VM_KDIR ?= /usr/src/linux-headers-$(vm_kver)

BUILD ?= $(CURDIR)/build
W ?= 1

.PHONY: all module cli selftests unit build-matrix deps matrix-deps image demo check-system test \
	bench print-vm-kdir clean

all: module cli selftests

module:
	@test -d "$(KDIR)" || { echo "no kernel headers found: install linux-headers-amd64 or pass KDIR=" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=$(W) modules

cli:
	$(MAKE) -C userspace

selftests:
	$(MAKE) -C selftests O=$(BUILD)/selftests

unit:
	$(MAKE) -C userspace unit
	$(MAKE) -C selftests check
	$(MAKE) -C rt_sched unit
	$(MAKE) -C emul unit

# Build the module against each given headers tree, in a scratch copy per tree.
# Default: every installed Debian 6.1 and 6.12 tree, generic and -rt.
MATRIX_KDIRS ?= $(shell ls -d /usr/src/linux-headers-6.1.*-amd64 /usr/src/linux-headers-6.12.*-amd64 2>/dev/null | \
	grep -v -- '-cloud-amd64$$')
build-matrix:
	@selftests/build_matrix.sh $(BUILD)/matrix $(MATRIX_KDIRS)

deps:
	bash selftests/vm/deps.sh

matrix-deps: deps
	selftests/build_matrix.sh --install all

print-vm-kdir:
	@echo $(VM_KDIR)

image: KDIR = $(VM_KDIR)
image: all
	selftests/vm/mkimage.sh --ko rtvmx.ko --cli userspace/rtvmx --tests $(BUILD)/selftests \
		--mode $(or $(MODE),test) --out $(BUILD)/vm $(if $(APPEND),--append "$(APPEND)")

# The README's demo: boot the emulated machine, show VMX on the reserved CPU.
demo: deps
	$(MAKE) image MODE=demo
	selftests/vm/run.sh --mode demo --iso $(BUILD)/vm/rtvmx-demo.iso --out $(BUILD)/vm/demo

# TESTS="run/msr.sh run/hello.sh" boots the machine for those tests only.
check-system:
	$(MAKE) image MODE=test $(if $(TESTS),APPEND="rtvmx_tests=$(shell echo $(TESTS) | tr ' ' ,)")
	selftests/vm/run.sh --mode test --iso $(BUILD)/vm/rtvmx-test.iso --out $(BUILD)/vm/test

# rtvmx beside KVM, the same payloads in one boot of the emulated machine:
# a table, build/bench/results.json, report.md and plots, and the change
# against selftests/bench/baseline.json (copy results.json there to move it).
bench:
	bash selftests/vm/deps.sh gnuplot-nox
	$(MAKE) image MODE=bench
	selftests/vm/run.sh --mode bench --iso $(BUILD)/vm/rtvmx-bench.iso --out $(BUILD)/vm/bench
	selftests/bench/report.sh $(BUILD)/vm/bench/serial.log $(BUILD)/bench selftests/bench/baseline.json

# Every tier, with one summary line at the end.
test: deps
	selftests/run_tiers.sh

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null || true
	$(MAKE) -C userspace clean
	rm -rf $(BUILD)
