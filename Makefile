# smithygen: two commands do everything on a fresh machine with Go:
#   make generate   regenerate output/ from the models in model/testdata/aws
#   make test       vet, lint and test everything, real AWS SDK clients included
#   make build      build bin/smithygen, stamped with its version

GO          ?= go
MODELS      := model/testdata/aws/2024-06
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
SMITHYGEN   := $(GO) run ./cmd/smithygen

# VERSION is what `make build` stamps into the binary (smithygen -version):
# the release tag git describes, else the newest release in CHANGELOG.md.
VERSION     ?= $(shell git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null || sed -n 's/^\#\# \[\(v[0-9][^]]*\)\].*/\1/p' CHANGELOG.md | head -n 1)

.PHONY: generate test check lint unit e2e bench fuzz build

build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o bin/smithygen ./cmd/smithygen

generate:
	$(SMITHYGEN) -model $(MODELS)/chime-sdk-identity.json -out output/chimesdkidentity
	$(SMITHYGEN) -model $(MODELS)/chime.json -out output/chime
	$(SMITHYGEN) -model generator/testdata/kitchensink.json -out generator/internal/golden/kitchensink
	$(SMITHYGEN) -model generator/testdata/legacy10.json -out generator/internal/golden/legacy10
	$(SMITHYGEN) -model generator/testdata/cycles.json -out generator/internal/golden/cycles
	$(SMITHYGEN) -model conformance/testdata/restjson.json -out conformance/internal/restjson
	$(SMITHYGEN) -model conformance/testdata/restjson-full.json -service aws.protocoltests.restjson#RestJson -validation-error smithy.framework#ValidationException -out conformance/internal/restjsonfull

# check fails when output/ is not what the models generate.
check:
	$(SMITHYGEN) -model $(MODELS)/chime-sdk-identity.json -out output/chimesdkidentity -check
	$(SMITHYGEN) -model $(MODELS)/chime.json -out output/chime -check

test: check lint unit e2e

unit:
	$(GO) test ./...

# e2e is a module of its own, so that the AWS SDKs it tests against are not
# dependencies of smithygen.
e2e:
	cd e2e && $(GO) test

# bench runs every benchmark beside its baseline, enough times for benchstat,
# and writes BENCHMARKS.md. Benchmarks are measurements, not tests.
# The generator benchmarks write to a temp dir on tmpfs when there is one:
# creating files on this VM's ext4 (mounted with online discard) costs about
# a millisecond each and varies from run to run, which would measure the
# disk rather than smithygen.
BENCHCOUNT  ?= 10
BENCHTMPDIR ?= $(if $(wildcard /dev/shm),/dev/shm,$(TMPDIR))
bench:
	TMPDIR=$(BENCHTMPDIR) $(GO) test -run '^$$' -bench . -benchmem -count $(BENCHCOUNT) ./bench ./output/chimesdkidentity | tee bench.out
	$(GO) run ./bench/report -in bench.out -out BENCHMARKS.md -tmpdir "$(BENCHTMPDIR)"
	rm -f bench.out

lint:
	@unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	cd e2e && $(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	cd e2e && $(GO) run $(STATICCHECK) ./...

# fuzz runs each fuzz target of conformance/ for FUZZTIME. A new interesting
# input is minimized for at most 100 runs rather than the default minute:
# the test binary holds three generated servers, and minutes spent
# minimizing would leave a short run hardly any time to fuzz. Crashers land
# in conformance/testdata/fuzz/<target>/, where `go test` replays them.
FUZZTIME    ?= 60s
FUZZTARGETS := FuzzIdentityHandler FuzzChimeHandler FuzzRestJSONHandler FuzzModelLoad
fuzz:
	GO=$(GO) scripts/fuzz.sh $(FUZZTIME) $(FUZZTARGETS)
