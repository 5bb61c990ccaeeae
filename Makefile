# smithygen: two commands do everything on a fresh machine with Go:
#   make generate   regenerate the golden packages (output/ and the others)
#   make test       vet, lint and test everything, real AWS SDK clients included
#   make build      build bin/smithygen, stamped with its version
#   make boto3      the seeds' own client, boto3, against both generated servers

GO          ?= go
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
SMITHYGEN   := $(GO) run ./cmd/smithygen

# VERSION is what `make build` stamps into the binary (smithygen -version):
# the release tag git describes, else the newest release in CHANGELOG.md.
VERSION     ?= $(shell git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null || sed -n 's/^\#\# \[\(v[0-9][^]]*\)\].*/\1/p' CHANGELOG.md | head -n 1)

.PHONY: generate test check lint unit e2e boto3 bench fuzz build corpus

build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o bin/smithygen ./cmd/smithygen

# GOLDENS lists the committed generated packages: model, then directory,
# then the flags, if any, that smithygen needs for that model.
GOLDENS     := generator/testdata/goldens.txt

generate:
	@grep -v '^#' $(GOLDENS) | while read model dir flags; do \
		echo "smithygen -model $$model -out $$dir $$flags"; $(SMITHYGEN) -model $$model -out $$dir $$flags || exit 1; \
	done

# check fails when a golden package is not what its model generates.
check:
	@grep -v '^#' $(GOLDENS) | while read model dir flags; do \
		$(SMITHYGEN) -model $$model -out $$dir $$flags -check || exit 1; \
	done

test: check lint unit e2e

unit:
	$(GO) test ./...

# e2e is a module of its own, so that the AWS SDKs it tests against are not
# dependencies of smithygen.
e2e:
	cd e2e && $(GO) test

# boto3 runs e2e/boto3, Python unittests that call both generated servers
# with boto3, as the seeds do. It needs Debian's python3-boto3 in the system
# python and installs it when make runs as root (CI); PYTHON picks another.
boto3:
	GO=$(GO) scripts/boto3.sh

# corpus generates a package from every model of CORPUS (by default every
# restJson1 model AWS publishes), builds and vets them all in one module,
# and prints each model that fails and a summary. Not part of test: the
# models live outside the repository.
CORPUS      ?= ../shared/models/aws-restjson1
corpus:
	$(GO) run ./internal/corpus/cmd -dir $(CORPUS)

# bench runs every benchmark beside its baseline, enough times for benchstat,
# and writes BENCHMARKS.md. Benchmarks are measurements, not tests.
# The test binaries are built once and run one at a time, never side by
# side (go test runs packages in parallel, which would measure one against
# the other). The generator benchmarks run BENCHCOUNT times in one process,
# so that all but the first find the heap grown by the ones before, as a
# generator run in a long-lived process would. The request-path, encoding
# and event benchmarks then run in BENCHCOUNT rounds of one run each: a
# slow spell of the machine weighs on a benchmark and on its baseline
# alike.
# The generator benchmarks write to a temp dir on tmpfs when there is one:
# creating files on this VM's ext4 (mounted with online discard) costs about
# a millisecond each and varies from run to run, which would measure the
# disk rather than smithygen.
BENCHCOUNT  ?= 10
BENCHTMPDIR ?= $(if $(wildcard /dev/shm),/dev/shm,$(TMPDIR))
BENCHBIN    := $(CURDIR)/bin/bench
BENCHRUN    := -test.run '^$$' -test.benchmem
bench:
	@mkdir -p $(BENCHBIN)
	$(GO) test -c -o $(BENCHBIN)/bench.test ./bench
	$(GO) test -c -o $(BENCHBIN)/chimesdkidentity.test ./output/chimesdkidentity
	$(GO) test -c -o $(BENCHBIN)/templates.test ./templates
	cd bench && TMPDIR=$(BENCHTMPDIR) $(BENCHBIN)/bench.test $(BENCHRUN) -test.bench '^BenchmarkGenerate' -test.count $(BENCHCOUNT) >../bench.out
	@set -e; for i in $$(seq $(BENCHCOUNT)); do \
		echo "round $$i of $(BENCHCOUNT)"; \
		(cd bench && $(BENCHBIN)/bench.test $(BENCHRUN) -test.bench '^Benchmark(RequestPath|HTTPLoopback|EventStream)') >>bench.out; \
		(cd output/chimesdkidentity && $(BENCHBIN)/chimesdkidentity.test $(BENCHRUN) -test.bench .) >>bench.out; \
		(cd templates && $(BENCHBIN)/templates.test $(BENCHRUN) -test.bench '^BenchmarkEvent(Write|Read|Decode)$$') >>bench.out; \
	done
	$(GO) run ./bench/report -in bench.out -out BENCHMARKS.md -tmpdir "$(BENCHTMPDIR)"
	rm -f bench.out

lint:
	@unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	cd e2e && $(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	cd e2e && $(GO) run $(STATICCHECK) ./...

# fuzz runs each fuzz target of conformance/, and the event-stream frame
# decoder's in templates/, for FUZZTIME. A new interesting
# input is minimized for at most 100 runs rather than the default minute:
# the test binary holds three generated servers, and minutes spent
# minimizing would leave a short run hardly any time to fuzz. Crashers land
# in <package>/testdata/fuzz/<target>/, where `go test` replays them.
FUZZTIME    ?= 60s
FUZZTARGETS := FuzzIdentityHandler FuzzChimeHandler FuzzRestJSONHandler FuzzModelLoad ./templates:FuzzEventStreamDecode
fuzz:
	GO=$(GO) scripts/fuzz.sh $(FUZZTIME) $(FUZZTARGETS)
