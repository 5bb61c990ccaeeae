package generator_test

import (
	"strings"
	"testing"

	"github.com/smithygen/smithygen/generator"
	"github.com/smithygen/smithygen/model"
)

// service wraps shapes into a model with one service whose operations are
// ops; every operation gets a BadRequest error to report invalid input.
func service(ops string, shapes string) string {
	return `{"smithy": "2.0", "shapes": {
		"a#S": {"type": "service", "operations": [` + ops + `]},
		"a#BadRequestException": {"type": "structure", "members": {"Message": {"target": "smithy.api#String"}},
			"traits": {"smithy.api#error": "client", "smithy.api#httpError": 400}},
		` + shapes + `}}`
}

// TestGenerationErrors: models the generator must refuse, each with a
// message that names the shape and says why.
func TestGenerationErrors(t *testing.T) {
	cases := []struct {
		name, src string
		opts      generator.Options
		want      string
	}{
		{"operation name collision", service(`{"target": "a#Op"}, {"target": "b#op"}`, `
			"a#Op": {"type": "operation", "traits": {"smithy.api#http": {"method": "POST", "uri": "/a"}}},
			"b#op": {"type": "operation", "traits": {"smithy.api#http": {"method": "POST", "uri": "/b"}}}`), generator.Options{},
			"shape b#op: its Go name Op is that of operation a#Op too"},
		{"route conflict", service(`{"target": "a#One"}, {"target": "a#Two"}`, `
			"a#One": {"type": "operation", "traits": {"smithy.api#http": {"method": "GET", "uri": "/things/{id}"}}, "input": {"target": "a#OneIn"}, "errors": [{"target": "a#BadRequestException"}]},
			"a#Two": {"type": "operation", "traits": {"smithy.api#http": {"method": "GET", "uri": "/things/{name}"}}, "input": {"target": "a#TwoIn"}, "errors": [{"target": "a#BadRequestException"}]},
			"a#OneIn": {"type": "structure", "members": {"id": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}, "smithy.api#httpLabel": {}}}}},
			"a#TwoIn": {"type": "structure", "members": {"name": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}, "smithy.api#httpLabel": {}}}}}`),
			generator.Options{}, "shape a#Two: its route GET /things/{name} conflicts with that of a#One (GET /things/{id})"},
		{"unknown validation error", service(`{"target": "a#Op"}`, `
			"a#Op": {"type": "operation", "input": {"target": "a#In"}, "traits": {"smithy.api#http": {"method": "POST", "uri": "/op"}}},
			"a#In": {"type": "structure", "members": {"x": {"target": "smithy.api#String"}}}`),
			generator.Options{ValidationError: "Nope"}, `-validation-error "Nope" is not an error shape`},
		{"unknown operation", service(`{"target": "a#Op"}`, `
			"a#Op": {"type": "operation", "traits": {"smithy.api#http": {"method": "POST", "uri": "/op"}}}`),
			generator.Options{Operations: []string{"Nope"}}, `unknown operation "Nope" in -ops; the service's only operation is Op`},
		{"no @http", service(`{"target": "a#Op"}`, `"a#Op": {"type": "operation"}`), generator.Options{},
			"shape a#Op: the operation has no @http trait"},
		{"bad pattern", service(`{"target": "a#Op"}`, `
			"a#Op": {"type": "operation", "input": {"target": "a#In"}, "errors": [{"target": "a#BadRequestException"}], "traits": {"smithy.api#http": {"method": "POST", "uri": "/op"}}},
			"a#In": {"type": "structure", "members": {"x": {"target": "a#Str"}}},
			"a#Str": {"type": "string", "traits": {"smithy.api#pattern": "^[a-z"}}`), generator.Options{},
			"shape a#Str: @pattern cannot be used"},
		{"sensitive with LogValue member", service(`{"target": "a#Op"}`, `
			"a#Op": {"type": "operation", "input": {"target": "a#In"}, "errors": [{"target": "a#BadRequestException"}], "traits": {"smithy.api#http": {"method": "POST", "uri": "/op"}}},
			"a#In": {"type": "structure", "members": {"LogValue": {"target": "smithy.api#String"}, "secret": {"target": "a#Secret"}}},
			"a#Secret": {"type": "string", "traits": {"smithy.api#sensitive": {}}}`), generator.Options{},
			"shape a#In: it has a member named LogValue and holds @sensitive values"},
		{"label without member", service(`{"target": "a#Op"}`, `
			"a#Op": {"type": "operation", "traits": {"smithy.api#http": {"method": "GET", "uri": "/x/{id}"}}}`), generator.Options{},
			"URI label {id} has no @httpLabel member"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := model.Load("m.json", []byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			if c.opts.Package == "" {
				c.opts.Package = "p"
			}
			_, err = generator.Generate(m, c.opts)
			if err == nil {
				t.Fatal("generated a package from a model it must refuse")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %q, want it to contain %q", err, c.want)
			}
			if !strings.HasPrefix(err.Error(), "m.json") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

// TestSelectOperations: -ops generates exactly the operations named and the
// shapes they reach.
func TestSelectOperations(t *testing.T) {
	m, err := model.LoadFile("../model/testdata/aws/2024-06/chime.json")
	if err != nil {
		t.Fatal(err)
	}
	files, err := generator.Generate(m, generator.Options{Package: "c", Operations: []string{"CreateAppInstance", "ListAccounts"}})
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	var all string
	for _, f := range files {
		if strings.HasPrefix(f.Name, "api_op_") {
			ops = append(ops, f.Name)
		}
		all += string(f.Content)
	}
	if strings.Join(ops, " ") != "api_op_CreateAppInstance.go api_op_ListAccounts.go" {
		t.Errorf("operation files = %v", ops)
	}
	for _, want := range []string{"type Tag struct", "type Account struct", "type AccountType string"} {
		if !strings.Contains(all, want) {
			t.Errorf("the subset lacks %q", want)
		}
	}
	for _, unwanted := range []string{"CreateMeetingInput", "type Meeting struct", "DeleteAccount"} {
		if strings.Contains(all, unwanted) {
			t.Errorf("the subset has %q, which neither operation reaches", unwanted)
		}
	}
}
