# smithygen: two commands do everything on a fresh machine with Go:
#   make generate   regenerate output/ from the models in model/testdata/aws
#   make test       vet, lint and test everything, real AWS SDK clients included

GO          ?= go
MODELS      := model/testdata/aws/2024-06
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
SMITHYGEN   := $(GO) run ./cmd/smithygen

.PHONY: generate test check lint unit e2e bench fuzz

generate:
	$(SMITHYGEN) -model $(MODELS)/chime-sdk-identity.json -out output/chimesdkidentity
	$(SMITHYGEN) -model $(MODELS)/chime.json -out output/chime
	$(SMITHYGEN) -model generator/testdata/kitchensink.json -out generator/internal/golden/kitchensink
	$(SMITHYGEN) -model generator/testdata/legacy10.json -out generator/internal/golden/legacy10

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

lint:
	$(GO) vet ./...
	cd e2e && $(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	cd e2e && $(GO) run $(STATICCHECK) ./...
