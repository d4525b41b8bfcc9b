# rngcert — the README's commands. `make demo` and `make test` do all set-up on a fresh
# Debian machine (they install libgsl-dev and friends when missing).

SWIFT ?= swift
ARCH := $(shell uname -m)
# Release builds: exclusivity checks off and a CPU target with popcnt (the package itself
# stays free of unsafe flags). The binary runs where it is built, so the CPU level follows
# this machine: haswell (AVX2, BMI2, POPCNT) when it has them, else nehalem (SSE4.2, POPCNT).
OPT_FLAGS := -Xswiftc -enforce-exclusivity=unchecked
ifeq ($(ARCH),x86_64)
CPU := $(shell grep -qw avx2 /proc/cpuinfo 2>/dev/null && grep -qw bmi2 /proc/cpuinfo && echo haswell || echo nehalem)
OPT_FLAGS += -Xswiftc -target-cpu -Xswiftc $(CPU)
endif
RELEASE := -c release $(OPT_FLAGS)
BIN = $(shell $(SWIFT) build $(RELEASE) --show-bin-path)/rngcert

DEMO_INPUT := Fixtures/demo/demo-input.bin
DEMO_OUT := Reports/demo

.PHONY: deps test-deps build demo test bench fuzz reports clean print-bin

deps:
	@scripts/install-deps

test-deps:
	@scripts/install-deps --test

build: deps
	$(SWIFT) build $(RELEASE) --product rngcert

# The demo signs with its own key (made on first use, kept out of git) and ends by
# verifying what it wrote: signature, data hash and a full re-run.
demo: build
	@mkdir -p $(DEMO_OUT)
	@test -f $(DEMO_OUT)/demo-key.key || $(BIN) keygen --out $(DEMO_OUT)/demo-key
	$(BIN) assess $(DEMO_INPUT) --out $(DEMO_OUT) --force --sign-key $(DEMO_OUT)/demo-key.key
	$(BIN) verify $(DEMO_OUT) --key $(DEMO_OUT)/demo-key.pub --data $(DEMO_INPUT) --rerun

# One release build with testing enabled; it also builds the rngcert binary that the
# end-to-end tests run.
test: test-deps
	$(SWIFT) test $(RELEASE) -Xswiftc -enable-testing

bench: build
	scripts/bench

# libFuzzer targets (Fuzz/), each for FUZZ_SECONDS seconds (default 60).
fuzz: deps
	scripts/fuzz

# Signed example reports in Reports/examples/ from Fixtures/, each verified after writing.
reports: build
	scripts/example-reports $(BIN)

print-bin:
	@echo $(BIN)

clean:
	rm -rf .build
