package model

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLoadAWSModels(t *testing.T) {
	cases := []struct {
		file    string
		service ShapeID
		ops     int
	}{
		{"testdata/aws/2024-06/chime-sdk-identity.json", "com.amazonaws.chimesdkidentity#ChimeIdentityService", 30},
		{"testdata/aws/2024-06/chime.json", "com.amazonaws.chime#UCBuzzConsoleService", 191},
		{"testdata/aws/2025-04/chime-sdk-identity.json", "com.amazonaws.chimesdkidentity#ChimeIdentityService", 30},
		{"testdata/aws/2025-04/chime.json", "com.amazonaws.chime#UCBuzzConsoleService", 62},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			m, err := LoadFile(c.file)
			if err != nil {
				t.Fatal(err)
			}
			svc, err := m.Service("")
			if err != nil {
				t.Fatal(err)
			}
			if svc.ID != c.service {
				t.Errorf("service = %s, want %s", svc.ID, c.service)
			}
			if n := len(m.Operations(svc)); n != c.ops {
				t.Errorf("%d operations, want %d", n, c.ops)
			}
		})
	}
}

func TestCreateAppInstanceIR(t *testing.T) {
	m, err := LoadFile("testdata/aws/2024-06/chime-sdk-identity.json")
	if err != nil {
		t.Fatal(err)
	}
	op := m.Shape("com.amazonaws.chimesdkidentity#CreateAppInstance")
	if op == nil || op.Type != Operation {
		t.Fatalf("CreateAppInstance = %+v", op)
	}
	if got, want := *op.Traits.HTTP(), (HTTP{Method: "POST", URI: "/app-instances", Code: 201}); got != want {
		t.Errorf("@http = %+v, want %+v", got, want)
	}
	svc, _ := m.Service("")
	if n := len(m.OperationErrors(svc, op)); n != 8 {
		t.Errorf("%d errors, want 8", n)
	}
	in := m.Shape(op.Input)
	var names []string
	for _, mem := range in.Members {
		names = append(names, mem.Name)
	}
	if diff := cmp.Diff([]string{"Name", "Metadata", "ClientRequestToken", "Tags"}, names); diff != "" {
		t.Errorf("members, in model order (-want +got):\n%s", diff)
	}
	token := in.MemberNamed("ClientRequestToken")
	traits := m.MemberTraits(token)
	if !traits.Required() || !traits.IdempotencyToken() {
		t.Error("ClientRequestToken should be required and an idempotency token")
	}
	if p, _ := traits.Pattern(); p != "^[-_a-zA-Z0-9]*$" {
		t.Errorf("pattern = %q", p)
	}
	l := traits.Length()
	if min, _ := l.Min.Int64(); min != 2 {
		t.Errorf("length min = %v", l.Min)
	}
	if !m.MemberTraits(in.MemberNamed("Name")).Sensitive() {
		t.Error("Name targets a @sensitive shape")
	}
	closure := m.Closure([]ShapeID{op.Input})
	for _, id := range []ShapeID{"com.amazonaws.chimesdkidentity#Tag", "com.amazonaws.chimesdkidentity#TagList", "com.amazonaws.chimesdkidentity#TagKey"} {
		if closure[id] == nil {
			t.Errorf("closure lacks %s", id)
		}
	}
}

func TestDeprecatedAndPrelude(t *testing.T) {
	m, err := LoadFile("testdata/aws/2024-06/chime.json")
	if err != nil {
		t.Fatal(err)
	}
	d := m.Shape("com.amazonaws.chime#CreateAppInstance").Traits.Deprecated()
	if d == nil || !strings.Contains(d.Message, "Chime SDK") {
		t.Errorf("deprecation = %+v", d)
	}
	for _, id := range []ShapeID{"smithy.api#String", "smithy.api#Unit", "smithy.api#PrimitiveInteger"} {
		if s := m.Shape(id); s == nil || !s.Prelude {
			t.Errorf("prelude shape %s missing", id)
		}
	}
}

// TestBadModels: each broken model is refused with the file, the shape and
// the line and column of the fault.
func TestBadModels(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"invalid JSON", "{\"smithy\": \"2.0\",\n \"shapes\": {,}}", "bad.json:2:13: invalid JSON"},
		{"not an object", `[1]`, "bad.json:1:1: a Smithy JSON AST must be an object"},
		{"no version", `{"shapes": {}}`, `missing "smithy" version`},
		{"unknown version", `{"smithy": "3.0", "shapes": {}}`, `bad.json:1:12: unsupported Smithy version "3.0"`},
		{"unknown shape type", "{\"smithy\": \"2.0\",\n\"shapes\": {\"a#B\": {\"type\": \"thing\"}}}", `bad.json:2:12: shape a#B: unknown shape type "thing"`},
		{"missing target", "{\"smithy\": \"2.0\", \"shapes\": {\n\"a#B\": {\"type\": \"structure\", \"members\": {\n\"x\": {\"target\": \"a#Nope\"}}}}}",
			`bad.json:3:1: shape a#B$x: member targets "a#Nope", which does not exist`},
		{"missing operation", `{"smithy": "2.0", "shapes": {"a#S": {"type": "service", "operations": [{"target": "a#Op"}]}}}`,
			`shape a#S: refers to "a#Op", which does not exist`},
		{"relative shape ID", `{"smithy": "2.0", "shapes": {"B": {"type": "string"}}}`, "shape B: not an absolute shape ID"},
		{"list without member", `{"smithy": "2.0", "shapes": {"a#L": {"type": "list"}}}`, "shape a#L: a list needs a member"},
		{"apply to nothing", `{"smithy": "2.0", "shapes": {"a#X": {"type": "apply", "traits": {"smithy.api#sensitive": {}}}}}`,
			"shape a#X: apply targets a shape that does not exist"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load("bad.json", []byte(c.src))
			if err == nil {
				t.Fatal("loaded a broken model")
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("error is a %T, not a *model.Error", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %q, want it to contain %q", err, c.want)
			}
		})
	}
}

// TestEveryLoadError: independent errors are reported together, in the
// order of their positions.
func TestEveryLoadError(t *testing.T) {
	src := `{"smithy": "2.0", "shapes": {
		"a#L": {"type": "list"},
		"a#S": {"type": "structure", "members": {"x": {"target": "a#Nope"}}},
		"a#X": {"type": "apply", "traits": {"smithy.api#sensitive": {}}}}}`
	_, err := Load("bad.json", []byte(src))
	var errs Errors
	if !errors.As(err, &errs) || len(errs) != 3 {
		t.Fatalf("error = %v, want the list, the member and the apply reported", err)
	}
	if !strings.HasPrefix(errs[0].Error(), "bad.json:2:3: shape a#L") || !strings.HasPrefix(errs[1].Error(), "bad.json:3:44: shape a#S$x") ||
		!strings.HasPrefix(errs[2].Error(), "bad.json:4:10: shape a#X") {
		t.Errorf("errors = %q", errs)
	}
}

func TestServiceChoice(t *testing.T) {
	src := `{"smithy": "2.0", "shapes": {
		"a#One": {"type": "service"}, "a#Two": {"type": "service"}}}`
	m, err := Load("two.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Service(""); err == nil || !strings.Contains(err.Error(), "a#One, a#Two") {
		t.Errorf("error = %v, want the list of services", err)
	}
	if s, err := m.Service("a#Two"); err != nil || s.ID != "a#Two" {
		t.Errorf("Service(a#Two) = %v, %v", s, err)
	}
	if _, err := m.Service("a#Three"); err == nil {
		t.Error("found a service that does not exist")
	}
}

// TestResourcesAndMixins: operations bound through nested resources belong
// to the service, and mixin members are copied into the shapes using them.
func TestResourcesAndMixins(t *testing.T) {
	src := `{"smithy": "2.0", "shapes": {
		"a#S": {"type": "service", "operations": [{"target": "a#Ping"}], "resources": [{"target": "a#R"}]},
		"a#R": {"type": "resource", "read": {"target": "a#Get"}, "resources": [{"target": "a#Child"}]},
		"a#Child": {"type": "resource", "operations": [{"target": "a#Poke"}], "list": {"target": "a#List"}},
		"a#Ping": {"type": "operation"}, "a#Get": {"type": "operation"}, "a#Poke": {"type": "operation"}, "a#List": {"type": "operation"},
		"a#Base": {"type": "structure", "members": {"id": {"target": "smithy.api#String"}}, "traits": {"smithy.api#mixin": {}}},
		"a#Thing": {"type": "structure", "mixins": [{"target": "a#Base"}], "members": {"name": {"target": "smithy.api#String"}}}
	}}`
	m, err := Load("r.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	svc, _ := m.Service("")
	var names []string
	for _, op := range m.Operations(svc) {
		names = append(names, op.ID.Name())
	}
	if diff := cmp.Diff([]string{"Get", "List", "Ping", "Poke"}, names); diff != "" {
		t.Errorf("operations (-want +got):\n%s", diff)
	}
	thing := m.Shape("a#Thing")
	if len(thing.Members) != 2 || thing.Members[0].Name != "id" || thing.Members[0].Container != thing {
		t.Errorf("mixin members not applied: %+v", thing.Members)
	}
}

// TestSmithy1 checks the 1.0 to 2.0 upgrade: sets, @enum strings, and
// non-optional numbers without @box.
func TestSmithy1(t *testing.T) {
	src := `{"smithy": "1.0", "shapes": {
		"a#Set": {"type": "set", "member": {"target": "smithy.api#String"}},
		"a#Mode": {"type": "string", "traits": {"smithy.api#enum": [{"value": "fast", "name": "FAST"}, {"value": "slow-ish"}]}},
		"a#Count": {"type": "integer"},
		"a#Boxed": {"type": "integer", "traits": {"smithy.api#box": {}}}
	}}`
	m, err := Load("v1.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if !m.Shape("a#Set").Traits.UniqueItems() {
		t.Error("a set should have unique items")
	}
	mode := m.Shape("a#Mode")
	if mode.Type != Enum || len(mode.Members) != 2 || mode.Members[1].Name != "SLOW_ISH" {
		t.Errorf("enum = %+v", mode)
	}
	if _, ok := m.Shape("a#Count").Traits.Default(); !ok {
		t.Error("an unboxed integer has a default of 0 in 1.0")
	}
	if _, ok := m.Shape("a#Boxed").Traits.Default(); ok {
		t.Error("a boxed integer has no default")
	}
}
