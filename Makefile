# SPDX-License-Identifier: GPL-2.0
#
# ophoton: every entry point.  "make help" lists them.

SHELL := /bin/bash
TOP := $(CURDIR)
KDIR ?= $(shell $(TOP)/tools/vm/kdir.sh 2>/dev/null)
# The stock VM boots the kernel the module was built for: the version in
# the KDIR path (/lib/modules/V/build, /usr/src/linux-headers-V).
OPHOTON_KVER ?= $(or $(patsubst /lib/modules/%/build,%,$(filter /lib/modules/%/build,$(KDIR))),$(patsubst /usr/src/linux-headers-%,%,$(filter /usr/src/linux-headers-%,$(KDIR))),$(shell $(TOP)/tools/vm/kdir.sh kver 2>/dev/null))
export OPHOTON_KVER

VM := $(TOP)/tools/vm/run.sh
DEBUG_BUILD := $(TOP)/build/debug
# Results of the test lanes, as TAP, read by .ci/run.
RESULTS ?= $(TOP)/build/results

all: module ophotonctl

help:
	@echo "make              build driver/ophoton.ko and tools/ophotonctl/ophotonctl"
	@echo "make deps         install the Debian packages everything needs"
	@echo "make demo         boot the stock kernel VM and show ophoton working"
	@echo "make check        lint, host unit tests, kselftests in the stock kernel VMs (6.1, 6.12)"
	@echo "make check-debug  kselftests and a kmemleak scan in the debug kernel VM"
	@echo "make vm           a shell in the stock kernel VM with ophoton loaded"
	@echo "make vm-debug     the same on the debug kernel"
	@echo "make lint         checkpatch --strict, W=1 + sparse, kernel-doc"
	@echo "make bench        benchmarks (tools/bench/)"
	@echo "make reliability  long fuzz, stress, lifecycle and failslab runs on the debug kernel"
	@echo "make htmldocs     the documentation as HTML in build/htmldocs (Sphinx, warnings fatal)"
	@echo "make install      install the module, ophotonctl, man pages, completion, header"
	@echo "                  (PREFIX=/usr/local, DESTDIR=); make uninstall removes them"
	@echo "make dkms-install the module under DKMS (make dkms-uninstall)"
	@echo "make deb          Debian packages in build/deb: ophoton-dkms, ophotonctl, ophoton-dev"
	@echo "make kselftests-6.12  the kselftests alone, on Debian 12's 6.12 kernel (module-6.12 builds it)"
	@echo "make KDIR=...     build against another kernel tree"

deps:
	@$(TOP)/tools/deps.sh

kdir-check:
	@test -n "$(KDIR)" || { echo "no kernel headers found: run 'make deps' or set KDIR" >&2; exit 1; }

module: kdir-check
	$(MAKE) -C $(KDIR) M=$(TOP) modules

ophotonctl:
	$(MAKE) -C tools/ophotonctl

selftests:
	$(MAKE) -C selftests/ophoton

lint: kdir-check
	@mkdir -p $(RESULTS)
	@$(TOP)/tools/lint.sh $(KDIR) | tee $(RESULTS)/lint.tap; exit $${PIPESTATUS[0]}

host-test:
	@mkdir -p $(RESULTS)
	@$(MAKE) -s -C tools/ophotonctl tests
	@$(MAKE) -s -C tools/ophotonctl check 2>&1 | tee $(RESULTS)/host.tap; exit $${PIPESTATUS[0]}
	@$(TOP)/tools/spec-check.py | tee $(RESULTS)/spec.tap; exit $${PIPESTATUS[0]}
	@$(TOP)/tools/gen-nl.py --check | tee $(RESULTS)/nlgen.tap; exit $${PIPESTATUS[0]}
	@$(TOP)/tools/gen-tables.py --check | tee $(RESULTS)/tables.tap; exit $${PIPESTATUS[0]}
	@$(TOP)/tools/ophotonctl/gen-proto.py --check | tee $(RESULTS)/proto.tap; exit $${PIPESTATUS[0]}
	@$(TOP)/tools/ophotonctl/gen-man.py --check | tee $(RESULTS)/man.tap; exit $${PIPESTATUS[0]}
	@$(MAKE) -s -C driver/model/tests check 2>&1 | tee $(RESULTS)/model.tap; exit $${PIPESTATUS[0]}

# The documentation (Documentation/index.rst), with Debian's python3-sphinx;
# any warning fails the build.  The netlink tables are generated from the
# YNL spec and the uapi header while it runs.
SPHINXBUILD ?= sphinx-build
htmldocs:
	@command -v $(SPHINXBUILD) >/dev/null || \
		{ echo "htmldocs: no $(SPHINXBUILD): install python3-sphinx (make deps)" >&2; exit 1; }
	$(SPHINXBUILD) -W --keep-going -b html Documentation build/htmldocs

# The same build as a test of "make check", read from scratch (-E) so that
# a warning in an unchanged page is not hidden by Sphinx's cache.
docs-test:
	@mkdir -p $(RESULTS) $(TOP)/build
	@if $(SPHINXBUILD) -E -W --keep-going -b html Documentation $(TOP)/build/htmldocs \
			>$(TOP)/build/htmldocs.log 2>&1; then \
		printf 'TAP version 13\n1..1\nok 1 htmldocs: sphinx-build -W\n' | tee $(RESULTS)/docs.tap; \
	else \
		{ printf 'TAP version 13\n1..1\nnot ok 1 htmldocs: sphinx-build -W\n'; \
		  grep -iE 'warning|error' $(TOP)/build/htmldocs.log | head -n 40 | sed 's/^/# /'; } | \
			tee $(RESULTS)/docs.tap; \
		exit 1; \
	fi

vm-selftest: kdir-check
	@mkdir -p $(RESULTS)
	@$(TOP)/tools/vm/selftest.sh $(KDIR) | tee $(RESULTS)/vm-selftest.tap; exit $${PIPESTATUS[0]}

# YNL, a client of the spec rather than of a kernel, runs in the 6.12 and
# debug lanes: make check leaves it out here (OPHOTON_YNL_HERE=1 keeps it).
kselftests: all selftests
	@mkdir -p $(RESULTS)
	@ynl=elsewhere; \
	if [ "$${OPHOTON_YNL_HERE:-0}" = 1 ]; then ynl=$$($(TOP)/tools/vm/ynl.sh) || exit 1; fi; \
	OPHOTON_VM_ENV="OPHOTON_YNL=$$ynl" \
		$(VM) --kernel stock -- $(TOP)/tools/vm/kselftests.sh 2>&1 | tee $(RESULTS)/kselftests.tap; \
	exit $${PIPESTATUS[0]}

# $(call tree_build,KDIR,DIR): the module built against KDIR in DIR, a copy
# of its sources: an M= build before 6.13 writes its objects next to them.
tree_build = mkdir -p $(2) && \
	rsync -a --delete --exclude='*.mod.c' --include='*/' --include='Kbuild' \
		--include='*.[ch]' --exclude='*' Kbuild driver uapi $(2)/ && \
	$(MAKE) -C $(1) M=$(2) modules

# The debug lane builds the module in its own tree.
debug-module: ophotonctl selftests
	@dk=$$($(TOP)/tools/vm/debug-kernel.sh) || exit 1; \
	$(call tree_build,$$dk,$(DEBUG_BUILD))

# The kernel Debian 13 and RHEL 10 ship, which Debian 12 carries too: the
# module built for Debian's newest 6.12 in its own tree, and the same
# kselftests in a VM booting that kernel.
K612_KDIR = $(shell OPHOTON_KSERIES=6.12 $(TOP)/tools/vm/kdir.sh 2>/dev/null)
K612_KVER = $(shell OPHOTON_KSERIES=6.12 $(TOP)/tools/vm/kdir.sh kver 2>/dev/null)
K612_BUILD := $(TOP)/build/k6.12

module-6.12:
	@test -n "$(K612_KDIR)" || { echo "no 6.12 kernel headers with their image: run 'make deps'" >&2; exit 1; }
	@$(call tree_build,$(K612_KDIR),$(K612_BUILD))

kselftests-6.12: ophotonctl selftests module-6.12
	@mkdir -p $(RESULTS)
	@ynl=$$($(TOP)/tools/vm/ynl.sh) || exit 1; \
	OPHOTON_KVER=$(K612_KVER) OPHOTON_VM_ENV="OPHOTON_KO=$(K612_BUILD)/driver/ophoton.ko OPHOTON_YNL=$$ynl" \
		$(VM) --kernel stock -- $(TOP)/tools/vm/kselftests.sh 2>&1 | tee $(RESULTS)/kselftests-6.12.tap; \
	exit $${PIPESTATUS[0]}

kselftests-debug: debug-module
	@mkdir -p $(RESULTS)
	@ynl=$$($(TOP)/tools/vm/ynl.sh) || exit 1; \
	OPHOTON_VM_ENV="OPHOTON_KO=$(DEBUG_BUILD)/driver/ophoton.ko OPHOTON_FUZZ_COUNT=200000 OPHOTON_FUZZ_SECONDS=1500 OPHOTON_STRESS_SECONDS=30 OPHOTON_LARGE_GPUS=8192 OPHOTON_YNL=$$ynl" \
		$(VM) --kernel debug --timeout 3600 -- $(TOP)/tools/vm/kselftests.sh 2>&1 | \
		tee $(RESULTS)/kselftests-debug.tap; exit $${PIPESTATUS[0]}

# The long forms on the debug kernel: 10^6 fuzzed messages, five minutes of
# stress, 50 lifecycle cycles, every allocation failure point, the largest
# fabric new_device accepts (65,536 GPUs) through every long operation;
# one summary.
reliability: deps debug-module
	@mkdir -p $(RESULTS)
	@mkdir -p $(RESULTS)/reliability
	@OPHOTON_VM_ENV="OPHOTON_KO=$(DEBUG_BUILD)/driver/ophoton.ko OPHOTON_FUZZ_COUNT=300000 OPHOTON_FUZZ_SECONDS=1200 OPHOTON_STRESS_SECONDS=300 OPHOTON_CYCLES=50 OPHOTON_LARGE_GPUS=65536" \
		$(VM) --kernel debug --mem 8192 --timeout 6600 --results $(RESULTS)/reliability -- \
		$(TOP)/tools/vm/reliability.sh 2>&1 | tee $(RESULTS)/reliability.log; \
	rc=$${PIPESTATUS[0]}; \
	echo "  splats:    $$(cat $(RESULTS)/reliability/splats 2>/dev/null || echo unknown) (kernel reports on the console: BUG, WARNING, KASAN, UBSAN, lockdep, kmemleak, RCU stall, Call Trace)" | \
		tee -a $(RESULTS)/reliability.log; \
	exit $$rc

# The model's figures natively; then, in one boot of the stock-kernel VM
# (TCG here, so slower), the same binary and ophoton.ko over netlink beside
# the kernel's own netlink paths (tools/bench/vm-bench.sh): one table, CSV
# in build/bench/; then the scale series plotted into Documentation/.
# Measures, never gates on a target.
bench: deps all
	@$(MAKE) -s -C tools/bench all
	@mkdir -p $(TOP)/build/bench
	@echo "== model, native"
	@$(TOP)/tools/bench/model_bench $(TOP)/build/bench/model_native.csv
	@$(VM) --kernel stock --results $(TOP)/build/bench --timeout 1800 -- \
		$(TOP)/tools/bench/vm-bench.sh $(TOP)/build/bench | \
		tee $(TOP)/build/bench/bench.log; exit $${PIPESTATUS[0]}
	@$(TOP)/tools/bench/plot.sh $(TOP)/build/bench $(TOP)/Documentation/bench-scale.svg

demo: deps all
	$(VM) --kernel stock -- $(TOP)/tools/demo.sh

# The two stock-kernel lanes, 6.1 and 6.12, run side by side: each VM
# waits on its fabrics' clocks as much as it computes.
check: deps
	@OPHOTON_PKG_612=later $(MAKE) -s lint host-test docs-test vm-selftest package-check; rc=$$?; \
	$(MAKE) -s -k -j2 --output-sync=target kselftests-then-pkg-6.12 kselftests-6.12 || rc=1; \
	exit $$rc

check-debug: deps
	@$(MAKE) -s kselftests-debug

vm: deps all
	$(VM) --kernel stock --interactive -- bash -c 'insmod $(TOP)/driver/ophoton.ko && exec bash -i'

vm-debug: deps debug-module
	$(VM) --kernel debug --interactive -- bash -c 'insmod $(DEBUG_BUILD)/driver/ophoton.ko && exec bash -i'

# Install what "make" built: the module into /lib/modules/$(OPHOTON_KVER)/
# updates, the kernel it was built for (the running one, `uname -r`, on a
# host with its headers; Debian's 6.1 here, see tools/vm/kdir.sh), then
# depmod; ophotonctl, the man pages, bash completion and the uapi header
# under PREFIX.  DESTDIR stages an install (no depmod then).  Nothing is
# built here: as root that would leave root's objects in the tree.  (The
# kernel's own depmod step skips itself, warning: Debian's headers have no
# System.map.)
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
INCLUDEDIR ?= $(PREFIX)/include
PKG_VERSION := $(shell sed -n 's/^\#define OPHOTON_VERSION "\(.*\)"/\1/p' $(TOP)/driver/version.h)
MANPAGES := $(wildcard Documentation/man/*.[1-9])
man_dest = $(DESTDIR)$(MANDIR)/man$(patsubst .%,%,$(suffix $(1)))/$(notdir $(1))
MOD_DEST = $(DESTDIR)/lib/modules/$(OPHOTON_KVER)/updates
INSTALLED = $(MOD_DEST)/driver/ophoton.ko $(DESTDIR)$(BINDIR)/ophotonctl \
	$(foreach m,$(MANPAGES),$(call man_dest,$(m))) \
	$(DESTDIR)$(BASHCOMPDIR)/ophotonctl $(DESTDIR)$(INCLUDEDIR)/linux/ophoton.h
# The directories install may have made, children first: uninstall removes
# those left empty.
INSTALLED_DIRS = $(MOD_DEST)/driver $(MOD_DEST) $(DESTDIR)$(INCLUDEDIR)/linux \
	$(DESTDIR)$(BASHCOMPDIR) $(patsubst %/,%,$(dir $(DESTDIR)$(BASHCOMPDIR))) \
	$(sort $(foreach m,$(MANPAGES),$(patsubst %/,%,$(dir $(call man_dest,$(m))))))

kver-check: kdir-check
	@test -n "$(OPHOTON_KVER)" || { echo "no kernel version for $(KDIR): set OPHOTON_KVER" >&2; exit 1; }

install: kver-check
	@for f in driver/ophoton.ko tools/ophotonctl/ophotonctl; do \
		test -e $$f || { echo "install: $$f is not built: run 'make' first" >&2; exit 1; }; \
	done
	$(MAKE) -C $(KDIR) M=$(TOP) KERNELRELEASE=$(OPHOTON_KVER) INSTALL_MOD_PATH=$(DESTDIR) \
		INSTALL_MOD_DIR=updates CONFIG_MODULE_SIG_ALL= DEPMOD=true modules_install
	install -D -m 0755 tools/ophotonctl/ophotonctl $(DESTDIR)$(BINDIR)/ophotonctl
	$(foreach m,$(MANPAGES),install -D -m 0644 $(m) $(call man_dest,$(m)) &&) true
	install -D -m 0644 tools/ophotonctl/ophotonctl.bash $(DESTDIR)$(BASHCOMPDIR)/ophotonctl
	install -D -m 0644 uapi/linux/ophoton.h $(DESTDIR)$(INCLUDEDIR)/linux/ophoton.h
	$(if $(DESTDIR),,depmod -a $(OPHOTON_KVER))

uninstall: kver-check
	rm -f $(INSTALLED)
	@for d in $(INSTALLED_DIRS); do \
		if [ -d $$d ]; then rmdir --ignore-fail-on-non-empty $$d; fi; \
	done
	$(if $(DESTDIR),,depmod -a $(OPHOTON_KVER))

# DKMS from this tree: the module's sources into /usr/src/ophoton-VERSION,
# then dkms add, build and install for $(OPHOTON_KVER).
DKMS_SRC = /usr/src/ophoton-$(PKG_VERSION)
DKMS_FILES = Kbuild $(wildcard driver/*.[ch] driver/model/*.[ch]) uapi/linux/ophoton.h

dkms-install: kver-check
	@command -v dkms >/dev/null || { echo "dkms-install: dkms is not installed (apt-get install dkms)" >&2; exit 1; }
	@if [ -n "$$(dkms status -m ophoton -v $(PKG_VERSION))" ]; then \
		echo "dkms-install: ophoton $(PKG_VERSION) is already in DKMS (the ophoton-dkms package, or run 'make dkms-uninstall')" >&2; \
		exit 1; \
	fi
	rm -rf $(DKMS_SRC)
	@for f in $(DKMS_FILES); do install -D -m 0644 $$f $(DKMS_SRC)/$$f || exit 1; done
	sed 's/#MODULE_VERSION#/$(PKG_VERSION)/' dkms.conf >$(DKMS_SRC)/dkms.conf
	dkms add -m ophoton -v $(PKG_VERSION)
	dkms install -m ophoton -v $(PKG_VERSION) -k $(OPHOTON_KVER)

dkms-uninstall:
	@command -v dkms >/dev/null || { echo "dkms-uninstall: dkms is not installed" >&2; exit 1; }
	@if [ -n "$$(dkms status -m ophoton -v $(PKG_VERSION))" ]; then \
		echo "dkms remove -m ophoton -v $(PKG_VERSION) --all"; \
		dkms remove -m ophoton -v $(PKG_VERSION) --all; \
	fi
	rm -rf $(DKMS_SRC)

# The Debian packages, built in build/deb (tools/pkg/deb.sh).
deb:
	@$(TOP)/tools/pkg/deb.sh

# The packaging test (tools/pkg/check.sh): make install, DKMS, the .deb
# packages and lintian, then dpkg -i, modprobe and autoload in the VM.
package-check: deps all
	@mkdir -p $(RESULTS)
	@$(TOP)/tools/pkg/check.sh | tee $(RESULTS)/package.tap; exit $${PIPESTATUS[0]}

# make check's package-check leaves the 6.12 dpkg VM for later
# (OPHOTON_PKG_612=later): it runs after the 6.1 kselftest lane, which is
# shorter than 6.12's by YNL, beside it.
kselftests-then-pkg-6.12: kselftests
	@mkdir -p $(RESULTS)
	@$(TOP)/tools/pkg/check.sh dpkg-6.12 | tee $(RESULTS)/package-6.12.tap; exit $${PIPESTATUS[0]}

clean:
	-$(MAKE) -C $(KDIR) M=$(TOP) clean
	$(MAKE) -C tools/ophotonctl clean
	$(MAKE) -C driver/model/tests clean
	-$(MAKE) -C selftests/ophoton clean
	rm -rf build

.PHONY: all help deps kdir-check module ophotonctl selftests lint host-test reliability \
	module-6.12 kselftests-6.12 kselftests-then-pkg-6.12 \
	vm-selftest kselftests debug-module kselftests-debug demo check bench \
	check-debug vm vm-debug clean kver-check install uninstall dkms-install \
	dkms-uninstall deb package-check htmldocs docs-test
