package generator_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	ks "github.com/smithygen/smithygen/generator/internal/golden/kitchensink"
)

// kitchen records what the kitchen-sink service receives.
type kitchen struct {
	ks.UnimplementedService
	put  *ks.PutEverythingInput
	list *ks.ListWidgetsInput
	blob *ks.GetBlobInput
}

func (k *kitchen) PutEverything(_ context.Context, in *ks.PutEverythingInput) (*ks.PutEverythingOutput, error) {
	k.put = in
	status := int32(202)
	return &ks.PutEverythingOutput{
		Status:   &status,
		Color:    ks.ColorDarkGreen,
		Prefixed: map[string]string{"a": "1"},
		Echo:     &ks.Everything{Str: in.Str, Shape: in.Shape, Level: in.Level, Epoch: in.Epoch},
	}, nil
}

func (k *kitchen) ListWidgets(_ context.Context, in *ks.ListWidgetsInput) (*ks.ListWidgetsOutput, error) {
	k.list = in
	return &ks.ListWidgetsOutput{}, nil
}

func (k *kitchen) GetBlob(_ context.Context, in *ks.GetBlobInput) (*ks.GetBlobOutput, error) {
	k.blob = in
	text := "hello"
	return &ks.GetBlobOutput{Text: &text}, nil
}

func kitchenDo(t *testing.T, h http.Handler, method, target, contentType, body string, header ...string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	out, _ := io.ReadAll(rec.Result().Body)
	return rec.Result(), string(out)
}

// TestKitchenSinkBindings drives the bindings the AWS models do not use:
// greedy labels, prefix headers, @jsonName, unions, intEnums, @default,
// @httpResponseCode, raw payloads and media-type headers.
func TestKitchenSinkBindings(t *testing.T) {
	k := &kitchen{}
	h := ks.NewHandler(k)

	body := `{"string":"Widget 1","shape":{"circle":{"radius":2.5}},"level":10,"epoch":1700000000.5,"defaultName":null}`
	resp, out := kitchenDo(t, h, "PUT", "/everything/my-bucket/a/b%2Fc.txt?mode=full", "application/json", body,
		"X-Meta-Owner", "ops", "X-Count", "3", "X-Encoded", "eyJhIjoxfQ==")
	if resp.StatusCode != 202 {
		t.Fatalf("status %d: %s", resp.StatusCode, out)
	}
	in := k.put
	if *in.Bucket != "my-bucket" || *in.Key != "a/b/c.txt" {
		t.Errorf("labels = %q, %q", *in.Bucket, *in.Key)
	}
	if *in.Str != "Widget 1" || *in.Count != 3 || *in.Encoded != `{"a":1}` || in.Meta["owner"] != "ops" {
		t.Errorf("members = %q %d %q %v", *in.Str, *in.Count, *in.Encoded, in.Meta)
	}
	if in.Defaulted != 7 || in.DefaultName != "none" || in.Level != ks.LevelHigh {
		t.Errorf("defaults and intEnum = %d %q %d", in.Defaulted, in.DefaultName, in.Level)
	}
	if c, ok := in.Shape.(*ks.ShapeMemberCircle); !ok || *c.Value.Radius != 2.5 {
		t.Errorf("union = %#v", in.Shape)
	}
	if want := time.Unix(1700000000, 5e8).UTC(); !in.Epoch.Equal(want) {
		t.Errorf("epoch = %v, want %v", in.Epoch, want)
	}
	if in.RequestId == nil || len(*in.RequestId) != 36 {
		t.Errorf("the idempotency token was not filled: %v", in.RequestId)
	}
	if resp.Header.Get("X-Color") != "dark-green" || resp.Header.Get("X-Out-a") != "1" {
		t.Errorf("response headers = %v", resp.Header)
	}
	var echo map[string]any
	if err := json.Unmarshal([]byte(out), &echo); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"echo": map[string]any{
		"string": "Widget 1", "shape": map[string]any{"circle": map[string]any{"radius": 2.5}},
		"level": 10.0, "epoch": 1700000000.5,
		// A member with a default is a plain value: the service left it
		// zero, and a value is always sent.
		"defaulted": 0.0,
	}}
	if diff := cmp.Diff(want, echo); diff != "" {
		t.Errorf("response body (-want +got):\n%s", diff)
	}

	if resp, out := kitchenDo(t, h, "GET", "/widgets?color=red&color=dark-green", "", ""); resp.StatusCode != 200 {
		t.Fatalf("ListWidgets: %d %s", resp.StatusCode, out)
	}
	if k.list.PageLimit != 25 || len(k.list.Colors) != 2 || k.list.Colors[1] != ks.ColorDarkGreen {
		t.Errorf("ListWidgets input = %+v", k.list)
	}

	// Look-arounds: ^(?!aws:)[a-z:]*(?<!:)$, and a pattern whose class holds
	// a raw line break.
	for target, want := range map[string]int{
		"/widgets?prefix=ab:c": 200, "/widgets?prefix=": 200, "/widgets?prefix=aws": 200,
		"/widgets?prefix=aws:c": 400, "/widgets?prefix=ab:": 400,
		"/widgets?owner=me": 200, "/widgets?owner=a%0Ab": 400, "/widgets?owner=a%E2%80%A8b": 400,
	} {
		if resp, out := kitchenDo(t, h, "GET", target, "", ""); resp.StatusCode != want {
			t.Errorf("GET %s: %d %s, want %d", target, resp.StatusCode, out, want)
		}
	}

	resp, out = kitchenDo(t, h, "POST", "/blobs/7", "application/octet-stream", "\x00\x01raw")
	if resp.StatusCode != 200 || out != "hello" || resp.Header.Get("Content-Type") != "text/plain" {
		t.Errorf("GetBlob: %d %q %q", resp.StatusCode, out, resp.Header.Get("Content-Type"))
	}
	if string(k.blob.Data) != "\x00\x01raw" || *k.blob.Id != 7 {
		t.Errorf("GetBlob input = %q %d", k.blob.Data, *k.blob.Id)
	}
}

// TestKitchenSinkUnionErrors: a union with no member, several, or an
// unknown one is malformed input.
func TestKitchenSinkUnionErrors(t *testing.T) {
	h := ks.NewHandler(&kitchen{})
	for body, want := range map[string]string{
		`{"string":"W","shape":{}}`:                       "exactly one member, found none",
		`{"string":"W","shape":{"label":"a","square":2}}`: "exactly one member, found several",
		`{"string":"W","shape":{"triangle":3}}`:           `unknown union member \"triangle\"`,
	} {
		resp, out := kitchenDo(t, h, "PUT", "/everything/b/k?mode=full", "application/json", body)
		if resp.StatusCode != 400 || resp.Header.Get("X-Amzn-ErrorType") != "ValidationException" || !strings.Contains(out, want) {
			t.Errorf("%s: %d %s %s", body, resp.StatusCode, resp.Header.Get("X-Amzn-ErrorType"), out)
		}
	}
}
