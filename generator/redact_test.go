package generator_test

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/smithygen/smithygen/generator/internal/golden/kitchensink"
	identity "github.com/smithygen/smithygen/output/chimesdkidentity"
)

const secret = "s3cr3t-VALUE-9f2c"

// TestRedaction prints values holding @sensitive members with every verb:
// the value never shows, the marker does, and what is not sensitive does.
func TestRedaction(t *testing.T) {
	in := &identity.CreateAppInstanceInput{
		Name:               ptr(secret),
		Metadata:           ptr(secret),
		ClientRequestToken: ptr("token-visible"),
		Tags:               []identity.Tag{{Key: ptr(secret), Value: ptr(secret)}},
	}
	k := &kitchensink.PutEverythingInput{Secret: ptr(secret), Str: ptr("visible"), Shape: &kitchensink.ShapeMemberLabel{Value: "lbl"}}
	values := map[string]any{"input": in, "input value": *in, "tags": in.Tags, "kitchen": k}
	for name, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			out := fmt.Sprintf(verb, v)
			if strings.Contains(out, secret) {
				t.Errorf("%s with %s leaks the sensitive value: %s", name, verb, out)
			}
			if !strings.Contains(out, "*** Sensitive Data Redacted ***") {
				t.Errorf("%s with %s shows no redaction marker: %s", name, verb, out)
			}
		}
	}
	if got := fmt.Sprint(in); !strings.Contains(got, "ClientRequestToken:token-visible") {
		t.Errorf("members that are not sensitive should print: %s", got)
	}
}

// TestRedactionInLogs logs the same values through slog's JSON and text
// handlers, at the top of a record and inside a group.
func TestRedactionInLogs(t *testing.T) {
	in := &identity.CreateAppInstanceInput{
		Name:               ptr(secret),
		Metadata:           ptr(secret),
		ClientRequestToken: ptr("token-visible"),
		Tags:               []identity.Tag{{Key: ptr(secret), Value: ptr(secret)}},
	}
	k := &kitchensink.PutEverythingInput{Secret: ptr(secret), Str: ptr("visible"), Shape: &kitchensink.ShapeMemberLabel{Value: "lbl"}}
	for name, newHandler := range map[string]func(io.Writer) slog.Handler{
		"json": func(w io.Writer) slog.Handler { return slog.NewJSONHandler(w, nil) },
		"text": func(w io.Writer) slog.Handler { return slog.NewTextHandler(w, nil) },
	} {
		var b strings.Builder
		log := slog.New(newHandler(&b))
		log.Info("x", "input", in, "value", *in, "kitchen", k, "tag", in.Tags[0])
		log.Info("x", slog.Group("g", "input", in), slog.Any("kitchen", *k))
		if strings.Contains(b.String(), secret) {
			t.Errorf("%s handler leaks the sensitive value:\n%s", name, b.String())
		}
		if strings.Count(b.String(), "*** Sensitive Data Redacted ***") < 12 || !strings.Contains(b.String(), "token-visible") {
			t.Errorf("%s handler: not every value logged as it prints:\n%s", name, b.String())
		}
	}
}

func ptr[T any](v T) *T { return &v }
