package generator_test

import (
	"maps"
	"regexp"
	"strings"
	"testing"

	"github.com/smithygen/smithygen/generator"
	"github.com/smithygen/smithygen/model"
)

// The signing name comes from the aws.auth#sigv4 trait, and an operation
// with aws.auth#unsignedPayload accepts signatures that leave the body out.
func TestSigV4Settings(t *testing.T) {
	src := strings.Replace(service(`{"target": "a#Put"}, {"target": "a#Get"}`, `
		"a#Put": {"type": "operation", "traits": {"smithy.api#http": {"method": "PUT", "uri": "/blob"}, "aws.auth#unsignedPayload": {}}},
		"a#Get": {"type": "operation", "traits": {"smithy.api#http": {"method": "GET", "uri": "/blob"}}}`),
		`"type": "service",`, `"type": "service", "traits": {"aws.auth#sigv4": {"name": "blobs"}},`, 1)
	m, err := model.Load("m.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	files, err := generator.Generate(m, generator.Options{Package: "p"})
	if err != nil {
		t.Fatal(err)
	}
	var svc string
	for _, f := range files {
		if f.Name == "service.go" {
			svc = string(f.Content)
		}
	}
	if !strings.Contains(svc, `const signingName = "blobs"`) {
		t.Errorf("service.go does not declare the signing name blobs:\n%s", svc)
	}
	unsigned := map[string]bool{}
	for _, entry := range regexp.MustCompile(`(?s)name:\s+"(\w+)".*?serve:`).FindAllStringSubmatch(svc, -1) {
		unsigned[entry[1]] = strings.Contains(entry[0], "unsignedPayload: true")
	}
	if want := map[string]bool{"Get": false, "Put": true}; !maps.Equal(unsigned, want) {
		t.Errorf("operations with unsignedPayload: %v, want %v\n%s", unsigned, want, svc)
	}
}
