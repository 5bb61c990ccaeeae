package smithyidl

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// convert runs the converter over files and returns the JSON AST decoded.
func convert(t *testing.T, files ...string) map[string]any {
	t.Helper()
	c := New()
	for i, f := range files {
		if err := c.AddFile("f"+string(rune('0'+i))+".smithy", []byte(f)); err != nil {
			t.Fatal(err)
		}
	}
	ast, err := c.Build()
	if err != nil {
		t.Fatal(err)
	}
	data, err := ast.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func shape(t *testing.T, ast map[string]any, id string) any {
	t.Helper()
	s, ok := ast["shapes"].(map[string]any)[id]
	if !ok {
		t.Fatalf("no shape %s", id)
	}
	return s
}

func jsonOf(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

const sample = `$version: "2.0"
$operationInputSuffix: "Request"

metadata tags = ["a"]

namespace ex.one

use ex.two#Shared
use smithy.test#httpRequestTests

/// A service.
/// Second line.
@title("Ex")
service Svc {
    version: "2024-01-01"
    operations: [Op, GetThing]
    errors: [Oops]
}

@http(method: "POST", uri: "/op", code: 200)
operation Op {
    input := @sensitive {
        @required
        @httpHeader("X-A")
        a: String

        /// Counted.
        n: Integer = 1
        s: Shared
    }
    output := {}
    errors: [Oops]
}

apply Op @httpRequestTests([{id: "A", protocol: restJson1, params: {a: "x"}}])
apply Op @httpRequestTests([{id: "B", body: """
    {
        "a": "\u0041"
    }"""}])

@readonly
operation GetThing for Thing {
    input: GetThingInput
}

resource Thing {
    identifiers: {thingId: String}
    read: GetThing
}

structure GetThingInput for Thing with [Base] {
    @httpLabel
    @required
    $thingId
    $base
}

@mixin
structure Base {
    base: Timestamp
}

@error("client")
structure Oops {}

enum Color {
    RED
    GREEN = "green"
}

intEnum Level {
    LOW = 1
}

list Names {
    member: String
}

@sparse
map Things {
    key: String
    value: Names
}

union U {
    nothing: Unit
    name: String
}

apply U$name @documentation("The name.")
`

const other = `$version: "2.0"
namespace ex.two

string Shared
`

func TestConvert(t *testing.T) {
	ast := convert(t, sample, other)
	checks := map[string]string{
		"ex.one#Svc": `{"type": "service", "version": "2024-01-01",
			"operations": [{"target": "ex.one#Op"}, {"target": "ex.one#GetThing"}],
			"errors": [{"target": "ex.one#Oops"}],
			"traits": {"smithy.api#documentation": "A service.\nSecond line.", "smithy.api#title": "Ex"}}`,
		"ex.one#Op": `{"type": "operation", "input": {"target": "ex.one#OpRequest"}, "output": {"target": "ex.one#OpOutput"},
			"errors": [{"target": "ex.one#Oops"}],
			"traits": {"smithy.api#http": {"method": "POST", "uri": "/op", "code": 200},
				"smithy.test#httpRequestTests": [
					{"id": "A", "protocol": "restJson1", "params": {"a": "x"}},
					{"id": "B", "body": "{\n    \"a\": \"A\"\n}"}]}}`,
		"ex.one#OpRequest": `{"type": "structure", "members": {
				"a": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}, "smithy.api#httpHeader": "X-A"}},
				"n": {"target": "smithy.api#Integer", "traits": {"smithy.api#documentation": "Counted.", "smithy.api#default": 1}},
				"s": {"target": "ex.two#Shared"}},
			"traits": {"smithy.api#input": {}, "smithy.api#sensitive": {}}}`,
		"ex.one#OpOutput": `{"type": "structure", "members": {}, "traits": {"smithy.api#output": {}}}`,
		"ex.one#GetThingInput": `{"type": "structure", "mixins": [{"target": "ex.one#Base"}], "members": {
				"thingId": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
				"base": {"target": "smithy.api#Timestamp"}}}`,
		"ex.one#Thing": `{"type": "resource", "identifiers": {"thingId": {"target": "smithy.api#String"}}, "read": {"target": "ex.one#GetThing"}}`,
		"ex.one#Color": `{"type": "enum", "members": {
				"RED": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "RED"}},
				"GREEN": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "green"}}}}`,
		"ex.one#Level":  `{"type": "intEnum", "members": {"LOW": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}}}}`,
		"ex.one#Names":  `{"type": "list", "member": {"target": "smithy.api#String"}}`,
		"ex.one#Things": `{"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "ex.one#Names"}, "traits": {"smithy.api#sparse": {}}}`,
		"ex.one#U": `{"type": "union", "members": {"nothing": {"target": "smithy.api#Unit"},
				"name": {"target": "smithy.api#String", "traits": {"smithy.api#documentation": "The name."}}}}`,
		"ex.two#Shared": `{"type": "string"}`,
	}
	for id, want := range checks {
		if diff := cmp.Diff(jsonOf(t, want), shape(t, ast, id)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", id, diff)
		}
	}
	if diff := cmp.Diff(jsonOf(t, `{"tags": ["a"]}`), ast["metadata"]); diff != "" {
		t.Errorf("metadata (-want +got):\n%s", diff)
	}
}

// Member order is kept as written: it is the order of the generated
// struct fields and of the test cases.
func TestConvertKeepsOrder(t *testing.T) {
	c := New()
	if err := c.AddFile("a.smithy", []byte("$version: \"2.0\"\nnamespace n\nstructure S { z: String, a: String, m: String }\n")); err != nil {
		t.Fatal(err)
	}
	ast, err := c.Build()
	if err != nil {
		t.Fatal(err)
	}
	data, _ := ast.JSON()
	z, a, m := strings.Index(string(data), `"z"`), strings.Index(string(data), `"a"`), strings.Index(string(data), `"m"`)
	if !(z < a && a < m) {
		t.Errorf("members out of order:\n%s", data)
	}
}

func TestDropDangling(t *testing.T) {
	c := New()
	src := "$version: \"2.0\"\nnamespace n\nservice S { operations: [A, B] }\noperation A {}\n"
	if err := c.AddFile("a.smithy", []byte(src)); err != nil {
		t.Fatal(err)
	}
	ast, err := c.Build()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"n#B"}, ast.DropDangling()); diff != "" {
		t.Errorf("dropped (-want +got):\n%s", diff)
	}
}

func TestErrorsNamePosition(t *testing.T) {
	for src, want := range map[string]string{
		"namespace n\nstructure S {\n  a String\n}\n":          "x.smithy:3:5: expected ':'",
		"namespace n\nstructure S { a: String }\napply T @x\n": "x.smithy:3:7: apply to n#T, which is not defined",
		"namespace n\nstring S\nstring S\n":                    "x.smithy:3:8: shape n#S is already defined at x.smithy:2:8",
		"namespace n\n@a(\"x)\n":                               "x.smithy:2:4: unterminated string",
	} {
		c := New()
		err := c.AddFile("x.smithy", []byte(src))
		if err == nil {
			_, err = c.Build()
		}
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: error %v, want prefix %q", src, err, want)
		}
	}
}
