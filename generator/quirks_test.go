package generator_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/smithygen/smithygen/generator"
	qk "github.com/smithygen/smithygen/generator/internal/golden/quirks"
	"github.com/smithygen/smithygen/model"
)

// quirks serves the quirks package: shapes the AWS models use that once
// gave packages that did not compile.
type quirks struct {
	qk.UnimplementedService
	status int32
}

func (q *quirks) PutNote(_ context.Context, in *qk.PutNoteInput) (*qk.PutNoteOutput, error) {
	return &qk.PutNoteOutput{Name: in.Name, Secret: in.Secret}, nil
}

func (q *quirks) GetNote(context.Context, *qk.GetNoteInput) (*qk.GetNoteOutput, error) {
	return nil, errors.New("disk on fire")
}

func (q *quirks) Wrap(_ context.Context, in *qk.WrapInput) (*qk.WrapOutput, error) {
	name := "n"
	return &qk.WrapOutput{Status: q.status, Note: &qk.Note{Name: &name}}, nil
}

// TestBuiltinValidationException: an operation that models no error fit
// to report invalid input answers with the built-in ValidationException,
// and generating it warns, naming the operations.
func TestBuiltinValidationException(t *testing.T) {
	h := qk.NewHandler(&quirks{})
	resp, out := kitchenDo(t, h, "POST", "/notes", "application/json", `{"Name": "toolong"}`)
	want := `{"message":"1 validation error detected. Value with length 7 at '/Name' failed to satisfy constraint: Member must have length between 1 and 5, inclusive"}`
	if resp.StatusCode != 400 || resp.Header.Get("X-Amzn-ErrorType") != "ValidationException" || out != want {
		t.Errorf("got %d %s %s, want 400 ValidationException %s", resp.StatusCode, resp.Header.Get("X-Amzn-ErrorType"), out, want)
	}
	resp, out = kitchenDo(t, h, "POST", "/wrap", "application/json", `{"Labels": {"": "x"}}`)
	if resp.StatusCode != 400 || resp.Header.Get("X-Amzn-ErrorType") != "ValidationException" || !strings.Contains(out, "at '/Labels'") {
		t.Errorf("map key: got %d %s %s", resp.StatusCode, resp.Header.Get("X-Amzn-ErrorType"), out)
	}

	m, err := model.LoadFile("testdata/quirks.json")
	if err != nil {
		t.Fatal(err)
	}
	var warnings []string
	if _, err := generator.Generate(m, generator.Options{Package: "quirks", Warn: func(msg string) { warnings = append(warnings, msg) }}); err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || !strings.HasSuffix(warnings[0], "ValidationException (400) unless -validation-error names one: PutNote, Subscribe, Wrap") {
		t.Errorf("warnings = %q", warnings)
	}
	warnings = nil
	if _, err := generator.Generate(m, generator.Options{Package: "quirks", ValidationError: "BadRequestException", Warn: func(msg string) { warnings = append(warnings, msg) }}); err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 0 {
		t.Errorf("with -validation-error: warnings = %q", warnings)
	}
}

// TestServerErrorWithoutMessage: an unmodeled failure is the modeled
// server error even when that error has no message member.
func TestServerErrorWithoutMessage(t *testing.T) {
	resp, out := kitchenDo(t, qk.NewHandler(&quirks{}), "GET", "/notes/abc", "", "")
	if resp.StatusCode != 500 || resp.Header.Get("X-Amzn-ErrorType") != "InternalFailure" || out != "{}" {
		t.Errorf("got %d %s %s", resp.StatusCode, resp.Header.Get("X-Amzn-ErrorType"), out)
	}
}

// TestResponseCodeWithDefault: an @httpResponseCode member with @default
// is a plain int32; zero leaves the operation's code.
func TestResponseCodeWithDefault(t *testing.T) {
	for _, c := range []struct{ set, want int32 }{{0, 200}, {201, 201}} {
		resp, out := kitchenDo(t, qk.NewHandler(&quirks{status: c.set}), "POST", "/wrap", "application/json", `{}`)
		if int32(resp.StatusCode) != c.want || out != `{"Note":{"Name":"n"}}` {
			t.Errorf("Status %d: got %d %s", c.set, resp.StatusCode, out)
		}
	}
}

// TestSharedOutputShape: two operations with one output shape get a type
// each, and the shape, nested in another output too, a type of its own.
func TestSharedOutputShape(t *testing.T) {
	var _ qk.Service = &quirks{}
	var get qk.GetNoteOutput = qk.GetNoteOutput(qk.PutNoteOutput{})
	var _ qk.Note = qk.Note(get)
	resp, out := kitchenDo(t, qk.NewHandler(&quirks{}), "POST", "/notes", "application/json", `{"Name": "a", "Secret": {"Text": "hush"}}`)
	if resp.StatusCode != http.StatusOK || out != `{"Name":"a","Secret":{"Text":"hush"}}` {
		t.Errorf("got %d %s", resp.StatusCode, out)
	}
}

// TestUnionRedaction: a union member holding a @sensitive value, itself or
// inside a structure, prints without it.
func TestUnionRedaction(t *testing.T) {
	digits := "1234"
	for _, v := range []qk.Secret{&qk.SecretMemberText{Value: "hush"}, &qk.SecretMemberPin{Value: qk.Pin{Digits: &digits}}} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			if s := fmt.Sprintf(verb, v); strings.Contains(s, "hush") || strings.Contains(s, "1234") {
				t.Errorf("%s of %T = %s", verb, v, s)
			}
		}
	}
}

// TestEventStreamUnimplemented: an event-stream operation is declared, its
// errors too, and answers 501 like any other when the service does not
// implement it.
func TestEventStreamUnimplemented(t *testing.T) {
	var _ qk.Events = &qk.EventsMemberOverheated{Value: qk.Overheated{}}
	var _ error = &qk.Overheated{}
	resp, out := kitchenDo(t, qk.NewHandler(&quirks{}), "POST", "/subscribe?topic=a", "", "")
	if resp.StatusCode != http.StatusNotImplemented || resp.Header.Get("X-Amzn-ErrorType") != "NotImplemented" || !strings.Contains(out, "Subscribe") {
		t.Errorf("got %d %s %s", resp.StatusCode, resp.Header.Get("X-Amzn-ErrorType"), out)
	}
}
