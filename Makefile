# rngcert — the README's commands. `make demo` and `make test` do all set-up on a fresh
# Debian machine (they install libgsl-dev and friends when missing).

SWIFT ?= swift
ARCH := $(shell uname -m)
# Release builds: exclusivity checks off and a CPU target with popcnt (package stays clean).
OPT_FLAGS := -Xswiftc -enforce-exclusivity=unchecked
ifeq ($(ARCH),x86_64)
OPT_FLAGS += -Xswiftc -target-cpu -Xswiftc x86-64-v2 -Xcc -mpopcnt
endif
RELEASE := -c release $(OPT_FLAGS)
BIN = $(shell $(SWIFT) build $(RELEASE) --show-bin-path)/rngcert

DEMO_INPUT := Fixtures/demo/demo-input.bin
DEMO_OUT := Reports/demo

.PHONY: deps test-deps build demo test bench reports clean

deps:
	@scripts/install-deps

test-deps:
	@scripts/install-deps --test

build: deps
	$(SWIFT) build $(RELEASE) --product rngcert

demo: build
	$(BIN) assess $(DEMO_INPUT) --out $(DEMO_OUT) --force

test: test-deps
	$(SWIFT) build $(RELEASE) --product rngcert
	$(SWIFT) test $(RELEASE) -Xswiftc -enable-testing

bench: build
	scripts/bench

clean:
	rm -rf .build
