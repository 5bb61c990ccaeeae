package conformance

import (
	"log/slog"
	"testing"

	"github.com/smithygen/smithygen/conformance/internal/restjsonfull"
)

// restJSONDeviations are the cases of Smithy's restJson1 suite where
// smithygen keeps its SPEC against the test, each with the reason.
var restJSONDeviations = map[string]string{
	"RestJsonEndpointTraitWithHostLabel": "sends a JSON body without Content-Type to an operation with a JSON body, " +
		"which RestJsonWithBodyExpectsApplicationJsonContentTypeNoHeaders and SPEC §4 answer with 415",
	"RestJsonOmitsEmptyListQueryValues": "expects empty lists from a request without query parameters; " +
		"the wire carries nothing, and a list absent from the request is absent (nil) in the input",
	"RestJsonServerPopulatesDefaultsInResponseWhenMissingInParams": "a member with @default is a plain Go value (SPEC §2): " +
		"an output built without it holds the zero value, which is sent as set",
	"RestJsonServerPopulatesNestedDefaultValuesWhenMissingInInResponseParams": "a member with @default is a plain Go value (SPEC §2): " +
		"an output built without it holds the zero value, which is sent as set",
}

// restJSONNotForServers are the cases that do not apply to a server
// although they do not say appliesTo: client, with the reason.
var restJSONNotForServers = map[string]string{
	"SDKAppliedContentEncoding_restJson1": "request compression: checks that a client compresses the body; " +
		"the test gives no body to send",
	"SDKAppendedGzipAfterProvidedEncoding_restJson1": "request compression: checks that a client compresses the body; " +
		"the test gives no body to send",
}

// TestRestJSONProtocol runs every httpRequestTests and httpResponseTests
// case of Smithy's restJson1 suite that applies to a server.
func TestRestJSONProtocol(t *testing.T) {
	s := loadSuite(t, "testdata/restjson-full.json", "aws.protocoltests.restjson#RestJson")
	rec := &restjsonfullRecorder{}
	target := protocolTarget{
		handler: restjsonfull.NewHandler(rec),
		respond: func(fn func(out any) error) {
			rec.input = nil
			rec.respond = func(out any) error {
				if err := readStreams(rec.input); err != nil {
					return err
				}
				return fn(out)
			}
		},
		input: func() any { return rec.input },
		types: goTypes{unions: restjsonfullUnions, errors: restjsonfullErrors},
	}
	runProtocolSuite(t, s, target, restJSONDeviations, restJSONNotForServers)
}

// eventStreamDeviations are the eventStreamTests cases where smithygen
// keeps its SPEC against the test, each with the reason.
var eventStreamDeviations = map[string]string{}

// TestRestJSONEventStreams runs every eventStreamTests case of Smithy's
// restJson1 suite that applies to a server.
func TestRestJSONEventStreams(t *testing.T) {
	cases := loadEventStreamCases(t, "testdata/restjson-full.json", "aws.protocoltests.restjson#RestJson")
	if len(cases) == 0 {
		t.Fatal("no eventStreamTests in the suite")
	}
	rec := &restjsonfullRecorder{}
	target := eventStreamTarget{
		// Malformed streams are logged; the cases check what the service sees.
		handler: restjsonfull.NewHandler(rec, restjsonfull.WithLogger(slog.New(slog.DiscardHandler))),
		respond: func(fn func(out any) error) { rec.input, rec.respond = nil, fn },
		input:   func() any { return rec.input },
		service: rec,
		types:   goTypes{unions: restjsonfullUnions, errors: restjsonfullErrors},
	}
	runEventStreamSuite(t, cases, target, eventStreamDeviations)
}
