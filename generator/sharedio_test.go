package generator_test

import (
	"strings"
	"testing"

	"github.com/smithygen/smithygen/generator"
	"github.com/smithygen/smithygen/model"
)

// TestSharedInputOutput: one structure as the input and output of an
// operation and the input of another gives each of them a struct of its
// own, and the structure itself stays a type for the member that targets
// it.
func TestSharedInputOutput(t *testing.T) {
	src := service(`{"target": "a#Get"}, {"target": "a#Put"}`, `
		"a#Get": {"type": "operation", "input": {"target": "a#IO"}, "output": {"target": "a#IO"},
			"errors": [{"target": "a#BadRequestException"}],
			"traits": {"smithy.api#http": {"method": "POST", "uri": "/get"}}},
		"a#Put": {"type": "operation", "input": {"target": "a#IO"}, "output": {"target": "a#Holder"},
			"errors": [{"target": "a#BadRequestException"}],
			"traits": {"smithy.api#http": {"method": "POST", "uri": "/put"}}},
		"a#IO": {"type": "structure", "members": {"Name": {"target": "smithy.api#String"}}},
		"a#Holder": {"type": "structure", "members": {"Inner": {"target": "a#IO"}}}`)
	m, err := model.Load("shared.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	files, err := generator.Generate(m, generator.Options{Package: "shared"})
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, f := range files {
		all.Write(f.Content)
	}
	for _, want := range []string{
		"type GetInput struct", "type GetOutput struct", "type PutInput struct", "type PutOutput struct",
		"type IO struct", "Inner *IO",
	} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("generated code lacks %q", want)
		}
	}
	if again, err := model.Load("shared.json", []byte(src)); err != nil || len(again.Shapes) != len(m.Shapes) {
		t.Errorf("the caller's model changed: %d shapes, want %d", len(m.Shapes), len(again.Shapes))
	}
}
