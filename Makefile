# Goldseam's build, test and measurement entry points. A newcomer needs two:
#   make run    install what is missing, build, and open Goldseam
#   make test   the whole test suite (what CI runs)
# Others: make build, make bench, make clean.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

# WebKitGTK 4.1: Debian 12, Ubuntu 22.04+ and newer distributions ship it; 4.0 is going away.
export GOFLAGS := -tags=webkit2_41
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X github.com/goldseam/goldseam/internal/buildinfo.Version=$(VERSION)
WAILS := go tool wails
XVFB := xvfb-run -a -s "-screen 0 1280x860x24"
APP := build/bin/goldseam
ART := build/test-artifacts

.PHONY: run build deps deps-system deps-node bindings frontend test test-copy test-go test-frontend test-e2e test-window test-reliability reliability bench clean

## Setup ------------------------------------------------------------------

deps: deps-system deps-node

deps-system:
	scripts/deps.sh system

deps-node: deps-system
	scripts/deps.sh node

## Build ------------------------------------------------------------------

# The typed JavaScript bindings of the bound Go services (frontend/wailsjs, not committed).
bindings:
	$(WAILS) generate module -tags webkit2_41 >/dev/null

frontend: deps-node bindings
	cd frontend && npm run build --silent

build: frontend
	$(WAILS) build -s -skipbindings -m -nosyncgomod -trimpath -tags webkit2_41 -ldflags "$(LDFLAGS)" >/dev/null
	@echo "built $(APP)"

run: build
	./$(APP)

## Test -------------------------------------------------------------------

test: deps
	$(MAKE) test-copy
	$(MAKE) test-go
	$(MAKE) test-frontend
	$(MAKE) test-e2e
	$(MAKE) test-window
	@echo "make test: all green"

test-go: bindings
	go vet ./...
	go vet -tags e2e .
	go test -race -count=1 ./...
	# The crash loops kill child processes at random moments; they skip under -race (too slow
	# to reach 100 runs), so they run here once more without it.
	go test -count=1 -run SIGKILL ./...

# No sentence of the program's source articles may appear in the app (the check lives
# beside the project, where the articles are; CI without it says so and goes on).
SEEDCHECK := ../shared/tools/seedcheck.py
test-copy:
	@if [ -f $(SEEDCHECK) ]; then python3 $(SEEDCHECK) .; else echo "seedcheck: $(SEEDCHECK) is not here; skipped"; fi

test-frontend: bindings
	cd frontend && npm run check --silent && npm test --silent

test-e2e: frontend
	cd frontend && npm run e2e --silent

test-window: build
	$(XVFB) scripts/window-smoke.sh $(APP)
	scripts/cli-smoke.sh $(APP)

# The reliability trials a few times each (the long run is make reliability).
test-reliability: build
	$(XVFB) go run ./scripts/reliability -quick

## Measure ----------------------------------------------------------------

# Every fault, attack and bad-input trial at full length (about half an hour; run as root:
# it mounts a small tmpfs to fill). Prints RELIABILITY lines, writes docs/reliability.md.
reliability: deps build
	$(XVFB) go run ./scripts/reliability

bench: deps build
	scripts/empty-wails-app.sh
	go build -o build/tools/winprobe ./scripts/winprobe
	$(XVFB) go run ./scripts/bench

clean:
	rm -rf build/bin build/test-artifacts build/tools build/bench frontend/dist/assets frontend/dist/index.html frontend/wailsjs
