// Package conformance holds the tests of what a generated server answers on
// the wire, over HTTP, for input no well-behaved client sends:
//
//   - smithy_test.go replays Smithy's restJson1 malformed-request and
//     validation protocol tests against internal/restjson, generated from
//     testdata/restjson.json, a model with the same shapes, constraints and
//     bindings as those tests;
//   - hostile_test.go sends broken, oversized and adversarial requests to
//     the two generated AWS services in output/;
//   - sensitive_test.go checks that @sensitive values reach neither
//     responses nor logs;
//   - fuzz_test.go fuzzes the handlers of both services and the model
//     loader (`make fuzz`).
//
// The package has only tests; it is part of the main module so that
// `go test ./...` runs them.
package conformance
