package e2e

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"

	chimesrv "github.com/smithygen/smithygen/output/chime"
	idsrv "github.com/smithygen/smithygen/output/chimesdkidentity"
)

// These tests speak HTTP to the generated handlers directly, to cover what
// well-behaved SDK clients never send  and the exact shape of what
// the server answers.

// rawFake implements a few identity operations and records their inputs.
type rawFake struct {
	idsrv.UnimplementedService
	mu        sync.Mutex
	created   []*idsrv.CreateAppInstanceInput
	described []string
	listed    []*idsrv.ListAppInstancesInput
	deleted   []string
	endpoints []*idsrv.UpdateAppInstanceUserEndpointInput
	describe  *idsrv.DescribeAppInstanceOutput
}

func (f *rawFake) CreateAppInstance(_ context.Context, in *idsrv.CreateAppInstanceInput) (*idsrv.CreateAppInstanceOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.created = append(f.created, in)
	return &idsrv.CreateAppInstanceOutput{AppInstanceArn: aws.String(appInstanceArn)}, nil
}

func (f *rawFake) DescribeAppInstance(_ context.Context, in *idsrv.DescribeAppInstanceInput) (*idsrv.DescribeAppInstanceOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.described = append(f.described, aws.ToString(in.AppInstanceArn))
	if f.describe != nil {
		return f.describe, nil
	}
	return &idsrv.DescribeAppInstanceOutput{AppInstance: &idsrv.AppInstance{AppInstanceArn: in.AppInstanceArn}}, nil
}

func (f *rawFake) ListAppInstances(_ context.Context, in *idsrv.ListAppInstancesInput) (*idsrv.ListAppInstancesOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.listed = append(f.listed, in)
	return nil, nil // a nil output is an output with no members
}

func (f *rawFake) DeleteAppInstance(_ context.Context, in *idsrv.DeleteAppInstanceInput) (*idsrv.DeleteAppInstanceOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.deleted = append(f.deleted, aws.ToString(in.AppInstanceArn))
	return &idsrv.DeleteAppInstanceOutput{}, nil
}

func (f *rawFake) UpdateAppInstanceUserEndpoint(_ context.Context, in *idsrv.UpdateAppInstanceUserEndpointInput) (*idsrv.UpdateAppInstanceUserEndpointOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.endpoints = append(f.endpoints, in)
	return &idsrv.UpdateAppInstanceUserEndpointOutput{AppInstanceUserArn: in.AppInstanceUserArn, EndpointId: in.EndpointId}, nil
}

// calls counts every call the fake received.
func (f *rawFake) calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.created) + len(f.described) + len(f.listed) + len(f.deleted) + len(f.endpoints)
}

// legacyRawFake implements LogoutUser, an operation of legacy Chime that is
// a POST without a modeled body: the AWS SDK for Go v1 sends it "{}".
type legacyRawFake struct {
	chimesrv.UnimplementedService
	mu     sync.Mutex
	logout []*chimesrv.LogoutUserInput
}

func (f *legacyRawFake) LogoutUser(_ context.Context, in *chimesrv.LogoutUserInput) (*chimesrv.LogoutUserOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.logout = append(f.logout, in)
	return &chimesrv.LogoutUserOutput{}, nil
}

// rawRequest describes one request; a nil header map sends no headers.
type rawRequest struct {
	method, target string
	header         map[string]string
	body           io.Reader
}

// jsonHeader is what a JSON request carries.
var jsonHeader = map[string]string{"Content-Type": "application/json"}

func serveRaw(h http.Handler, r rawRequest) *httptest.ResponseRecorder {
	req := httptest.NewRequest(r.method, r.target, r.body)
	for k, v := range r.header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func body(s string) io.Reader { return strings.NewReader(s) }

// decodeBody parses the response body as one JSON object.
func decodeBody(t *testing.T, rec *httptest.ResponseRecorder) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
		t.Fatalf("response body %q is not a JSON object: %v", rec.Body.String(), err)
	}
	return m
}

// checkError asserts an error response: status, X-Amzn-ErrorType, a JSON
// content type, and a body that is a JSON object, which it returns.
func checkError(t *testing.T, rec *httptest.ResponseRecorder, status int, errType string) map[string]any {
	t.Helper()
	if rec.Code != status {
		t.Errorf("status = %d, want %d (body %s)", rec.Code, status, rec.Body)
	}
	if got := rec.Header().Get("X-Amzn-ErrorType"); got != errType {
		t.Errorf("X-Amzn-ErrorType = %q, want %q", got, errType)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	return decodeBody(t, rec)
}

// checkFrameworkError asserts an error that no operation models: its body
// carries a message, which the AWS SDKs read as "message".
func checkFrameworkError(t *testing.T, rec *httptest.ResponseRecorder, status int, errType string) string {
	t.Helper()
	m := checkError(t, rec, status, errType)
	msg, _ := m["message"].(string)
	if msg == "" || len(m) != 1 {
		t.Errorf("body = %s, want one non-empty \"message\"", rec.Body)
	}
	return msg
}

// checkBadRequest asserts Chime's validation error: 400 BadRequestException
// with exactly {"Code":"BadRequest","Message":...}; it returns the message.
func checkBadRequest(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	m := checkError(t, rec, http.StatusBadRequest, "BadRequestException")
	msg, _ := m["Message"].(string)
	if m["Code"] != "BadRequest" || msg == "" || len(m) != 2 {
		t.Errorf("body = %s, want {\"Code\":\"BadRequest\",\"Message\":...}", rec.Body)
	}
	return msg
}

// checkSuccess asserts a success response and, when want is not "", its
// exact JSON body.
func checkSuccess(t *testing.T, rec *httptest.ResponseRecorder, status int, want string) {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status = %d, want %d (body %s)", rec.Code, status, rec.Body)
	}
	if et := rec.Header().Get("X-Amzn-ErrorType"); et != "" {
		t.Errorf("a success carries X-Amzn-ErrorType %q", et)
	}
	if want == "" {
		if rec.Body.Len() != 0 {
			t.Errorf("body = %q, want none", rec.Body)
		}
		if ct := rec.Header().Get("Content-Type"); ct != "" {
			t.Errorf("Content-Type = %q without a body", ct)
		}
		return
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	var got, exp any
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatalf("body %q: %v", rec.Body, err)
	}
	if err := json.Unmarshal([]byte(want), &exp); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(exp, got); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	if strings.Contains(rec.Body.String(), "null") {
		t.Errorf("body %s holds null; absent members must be omitted", rec.Body)
	}
}

const validCreate = `{"Name":"n","ClientRequestToken":"token-0123456789"}`

func TestRawMalformedJSON(t *testing.T) {
	cases := []struct {
		name, body string
		says       []string // what the message must mention: where, and what is wrong
	}{
		{"invalid JSON", `{"Name": }`, []string{"/Name"}},
		{"trailing comma", `{"Name":"n",}`, []string{"JSON"}},
		{"single quotes", `{'Name': "n"}`, []string{"JSON"}},
		{"truncated JSON", `{"Name":"n","ClientRequestToken":"tok`, []string{"/ClientRequestToken", "end"}},
		{"truncated after a member", `{"Name":"n",`, []string{"end"}},
		{"number for a string", `{"Name":5,"ClientRequestToken":"token-0123456789"}`, []string{"/Name", "string", "number"}},
		{"object for a list", `{"Name":"n","ClientRequestToken":"token-0123456789","Tags":{}}`, []string{"/Tags", "array"}},
		{"number in a list item", `{"Name":"n","ClientRequestToken":"token-0123456789","Tags":[{"Key":1,"Value":"v"}]}`, []string{"/Tags/0/Key", "string"}},
		{"array body", `[{"Name":"n"}]`, []string{"object", "array"}},
		{"number body", `10`, []string{"object", "number"}},
		{"garbage after the object", validCreate + `abc`, []string{"after"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fake := &rawFake{}
			rec := serveRaw(idsrv.NewHandler(fake), rawRequest{"POST", "/app-instances", jsonHeader, body(c.body)})
			msg := checkBadRequest(t, rec)
			for _, want := range c.says {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q does not mention %q", msg, want)
				}
			}
			if strings.Contains(msg, "validation error") {
				t.Errorf("message %q reports malformed input as a constraint violation", msg)
			}
			if fake.calls() != 0 {
				t.Error("the service was called with malformed input")
			}
		})
	}
}

func TestRawNullMember(t *testing.T) {
	fake := &rawFake{}
	h := idsrv.NewHandler(fake)
	// null is the same as absent: an optional member stays nil.
	rec := serveRaw(h, rawRequest{"POST", "/app-instances", jsonHeader,
		body(`{"Name":"n","Metadata":null,"Tags":null,"ClientRequestToken":"token-0123456789"}`)})
	checkSuccess(t, rec, http.StatusCreated, `{"AppInstanceArn":"`+appInstanceArn+`"}`)
	if len(fake.created) != 1 {
		t.Fatalf("the service was called %d times, want 1", len(fake.created))
	}
	if in := fake.created[0]; in.Metadata != nil || in.Tags != nil {
		t.Errorf("null members decoded as Metadata=%v Tags=%v, want absent", in.Metadata, in.Tags)
	}

	// A required member that is null is missing.
	rec = serveRaw(h, rawRequest{"POST", "/app-instances", jsonHeader,
		body(`{"Name":null,"ClientRequestToken":"token-0123456789"}`)})
	const want = "1 validation error detected. Value at '/Name' failed to satisfy constraint: Member must not be null"
	if msg := checkBadRequest(t, rec); msg != want {
		t.Errorf("Message =\n%s\nwant\n%s", msg, want)
	}

	// A null idempotency token is absent too, so the server fills it.
	rec = serveRaw(h, rawRequest{"POST", "/app-instances", jsonHeader, body(`{"Name":"n","ClientRequestToken":null}`)})
	checkSuccess(t, rec, http.StatusCreated, `{"AppInstanceArn":"`+appInstanceArn+`"}`)
	if tok := aws.ToString(fake.created[len(fake.created)-1].ClientRequestToken); !isUUID(tok) {
		t.Errorf("ClientRequestToken = %q, want a fresh UUID", tok)
	}
}

// TestRawNullBody follows Smithy's RestJsonTechnicallyValidJsonBody: a body
// that is valid JSON but not an object, null included, is malformed, even
// where every body member is optional.
func TestRawNullBody(t *testing.T) {
	fake := &rawFake{}
	h := idsrv.NewHandler(fake)
	const target = "/app-instance-users/arn%3Aaws%3Achime%3Aus-east-1%3A123%3Aapp-instance%2Fabc%2Fuser%2Fu/endpoints/e1"
	rec := serveRaw(h, rawRequest{"PUT", target, jsonHeader, body(`null`)})
	msg := checkBadRequest(t, rec)
	if !strings.Contains(msg, "null") {
		t.Errorf("message %q does not say what was wrong", msg)
	}
	if fake.calls() != 0 {
		t.Error("the service was called with a null body")
	}
	// The same operation with an empty object is fine.
	rec = serveRaw(h, rawRequest{"PUT", target, jsonHeader, body(`{}`)})
	checkSuccess(t, rec, http.StatusOK, `{"AppInstanceUserArn":"arn:aws:chime:us-east-1:123:app-instance/abc/user/u","EndpointId":"e1"}`)

	// Where a member is required, null is malformed as well, not a
	// missing-member violation.
	rec = serveRaw(h, rawRequest{"POST", "/app-instances", jsonHeader, body(`null`)})
	if msg := checkBadRequest(t, rec); strings.Contains(msg, "validation error") {
		t.Errorf("message %q treats a null body as an empty one", msg)
	}
}

func TestRawUnknownMembersIgnored(t *testing.T) {
	fake := &rawFake{}
	rec := serveRaw(idsrv.NewHandler(fake), rawRequest{"POST", "/app-instances", jsonHeader,
		body(`{"Future":{"a":[1,2,{"b":null}]},"Name":"n","Other":"x","ClientRequestToken":"token-0123456789","Tags":[{"Key":"k","Value":"v","Extra":true}]}`)})
	checkSuccess(t, rec, http.StatusCreated, `{"AppInstanceArn":"`+appInstanceArn+`"}`)
	want := []*idsrv.CreateAppInstanceInput{{
		Name:               aws.String("n"),
		ClientRequestToken: aws.String("token-0123456789"),
		Tags:               []idsrv.Tag{{Key: aws.String("k"), Value: aws.String("v")}},
	}}
	if diff := cmp.Diff(want, fake.created); diff != "" {
		t.Errorf("decoded input (-want +got):\n%s", diff)
	}
}

// paddedCreate is a valid CreateAppInstance body of exactly n bytes: unknown
// members are ignored, so one holds the padding.
func paddedCreate(n int) string {
	const head, tail = `{"Name":"n","ClientRequestToken":"token-0123456789","Pad":"`, `"}`
	return head + strings.Repeat("x", n-len(head)-len(tail)) + tail
}

// unsized hides the length of a body, as a chunked request does.
type unsized struct{ r io.Reader }

func (u unsized) Read(p []byte) (int, error) { return u.r.Read(p) }

func TestRawBodyTooLarge(t *testing.T) {
	const mib = 1 << 20
	t.Run("default limit", func(t *testing.T) {
		fake := &rawFake{}
		h := idsrv.NewHandler(fake)
		rec := serveRaw(h, rawRequest{"POST", "/app-instances", jsonHeader, body(paddedCreate(mib + 1))})
		checkFrameworkError(t, rec, http.StatusRequestEntityTooLarge, "RequestEntityTooLargeException")
		// Without a Content-Length the limit applies while reading.
		rec = serveRaw(h, rawRequest{"POST", "/app-instances", jsonHeader, unsized{body(paddedCreate(mib + 1))}})
		checkFrameworkError(t, rec, http.StatusRequestEntityTooLarge, "RequestEntityTooLargeException")
		if fake.calls() != 0 {
			t.Error("the service was called with an oversized body")
		}
		rec = serveRaw(h, rawRequest{"POST", "/app-instances", jsonHeader, unsized{body(paddedCreate(mib))}})
		checkSuccess(t, rec, http.StatusCreated, `{"AppInstanceArn":"`+appInstanceArn+`"}`)
	})
	t.Run("WithMaxBodyBytes", func(t *testing.T) {
		fake := &rawFake{}
		h := idsrv.NewHandler(fake, idsrv.WithMaxBodyBytes(200))
		rec := serveRaw(h, rawRequest{"POST", "/app-instances", jsonHeader, body(paddedCreate(201))})
		checkFrameworkError(t, rec, http.StatusRequestEntityTooLarge, "RequestEntityTooLargeException")
		rec = serveRaw(h, rawRequest{"POST", "/app-instances", jsonHeader, unsized{body(paddedCreate(201))}})
		checkFrameworkError(t, rec, http.StatusRequestEntityTooLarge, "RequestEntityTooLargeException")
		if fake.calls() != 0 {
			t.Error("the service was called with an oversized body")
		}
		rec = serveRaw(h, rawRequest{"POST", "/app-instances", jsonHeader, body(paddedCreate(200))})
		checkSuccess(t, rec, http.StatusCreated, `{"AppInstanceArn":"`+appInstanceArn+`"}`)
	})
}

func TestRawContentType(t *testing.T) {
	cases := []struct {
		name   string
		header map[string]string
		status int
	}{
		{"missing", nil, http.StatusUnsupportedMediaType},
		{"text/plain", map[string]string{"Content-Type": "text/plain"}, http.StatusUnsupportedMediaType},
		{"form", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, http.StatusUnsupportedMediaType},
		{"unparsable", map[string]string{"Content-Type": "application/json;;"}, http.StatusUnsupportedMediaType},
		{"application/json", jsonHeader, http.StatusCreated},
		{"with charset", map[string]string{"Content-Type": "application/json; charset=utf-8"}, http.StatusCreated},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fake := &rawFake{}
			rec := serveRaw(idsrv.NewHandler(fake), rawRequest{"POST", "/app-instances", c.header, body(validCreate)})
			if c.status != http.StatusUnsupportedMediaType {
				checkSuccess(t, rec, c.status, `{"AppInstanceArn":"`+appInstanceArn+`"}`)
				return
			}
			checkFrameworkError(t, rec, c.status, "UnsupportedMediaTypeException")
			if fake.calls() != 0 {
				t.Error("the service was called")
			}
		})
	}
}

func TestRawOperationWithoutBody(t *testing.T) {
	const arnPath = "/app-instances/arn%3Aaws%3Achime%3Aus-east-1%3A123%3Aapp-instance%2Fabc"
	describeOK := `{"AppInstance":{"AppInstanceArn":"arn:aws:chime:us-east-1:123:app-instance/abc"}}`
	accepted := []struct {
		name   string
		method string
		header map[string]string
		body   string
		status int
		want   string
	}{
		{"GET no body", "GET", nil, "", http.StatusOK, describeOK},
		// What the AWS SDK for Go v1 sends for every operation.
		{"GET {} as JSON", "GET", jsonHeader, "{}", http.StatusOK, describeOK},
		{"GET { } as JSON", "GET", jsonHeader, " {\n} ", http.StatusOK, describeOK},
		{"GET empty body as JSON", "GET", jsonHeader, "", http.StatusOK, describeOK},
		{"DELETE {} as JSON", "DELETE", jsonHeader, "{}", http.StatusNoContent, ""},
		// A body without Content-Type means nothing there (SPEC §4).
		{"GET {} without a type", "GET", nil, "{}", http.StatusOK, describeOK},
	}
	for _, c := range accepted {
		t.Run(c.name, func(t *testing.T) {
			fake := &rawFake{}
			rec := serveRaw(idsrv.NewHandler(fake), rawRequest{c.method, arnPath, c.header, body(c.body)})
			checkSuccess(t, rec, c.status, c.want)
			if fake.calls() != 1 {
				t.Errorf("the service was called %d times, want 1", fake.calls())
			}
		})
	}
	rejected := []struct {
		name   string
		header map[string]string
		body   string
	}{
		{"members as JSON", jsonHeader, `{"AppInstanceArn":"x"}`},
		{"array as JSON", jsonHeader, `[]`},
		{"text", map[string]string{"Content-Type": "text/plain"}, "hello"},
		{"{} as text", map[string]string{"Content-Type": "text/plain"}, "{}"},
	}
	for _, c := range rejected {
		t.Run(c.name, func(t *testing.T) {
			fake := &rawFake{}
			rec := serveRaw(idsrv.NewHandler(fake), rawRequest{"GET", arnPath, c.header, body(c.body)})
			checkFrameworkError(t, rec, http.StatusUnsupportedMediaType, "UnsupportedMediaTypeException")
			if fake.calls() != 0 {
				t.Error("the service was called")
			}
		})
	}
}

// TestRawLegacyPostWithoutBody covers a POST whose input is all labels, which
// only legacy Chime has: v1 sends it "{}" as application/json.
func TestRawLegacyPostWithoutBody(t *testing.T) {
	const target = "/accounts/acc-1/users/user-1?operation=logout"
	fake := &legacyRawFake{}
	h := chimesrv.NewHandler(fake)
	rec := serveRaw(h, rawRequest{"POST", target, jsonHeader, body("{}")})
	checkSuccess(t, rec, http.StatusNoContent, "")
	rec = serveRaw(h, rawRequest{"POST", target, nil, nil})
	checkSuccess(t, rec, http.StatusNoContent, "")
	want := []*chimesrv.LogoutUserInput{
		{AccountId: aws.String("acc-1"), UserId: aws.String("user-1")},
		{AccountId: aws.String("acc-1"), UserId: aws.String("user-1")},
	}
	if diff := cmp.Diff(want, fake.logout); diff != "" {
		t.Errorf("decoded inputs (-want +got):\n%s", diff)
	}

	rec = serveRaw(h, rawRequest{"POST", target, jsonHeader, body(`{"AccountId":"other"}`)})
	checkFrameworkError(t, rec, http.StatusUnsupportedMediaType, "UnsupportedMediaTypeException")
	rec = serveRaw(h, rawRequest{"POST", target, map[string]string{"Content-Type": "application/octet-stream"}, body("\x00\x01")})
	checkFrameworkError(t, rec, http.StatusUnsupportedMediaType, "UnsupportedMediaTypeException")
	if len(fake.logout) != 2 {
		t.Error("the service was called with a body it does not take")
	}
}

func TestRawAccept(t *testing.T) {
	cases := []struct {
		accept string
		ok     bool
	}{
		{"text/html", false},
		{"text/html, application/xml", false},
		{"application/json;q=0", false},
		{"application/json", true},
		{"*/*", true},
		{"application/*", true},
		{"text/html, application/json;q=0.5", true},
		{"", true},
	}
	for _, c := range cases {
		t.Run(c.accept, func(t *testing.T) {
			fake := &rawFake{}
			header := map[string]string{"Content-Type": "application/json"}
			if c.accept != "" {
				header["Accept"] = c.accept
			}
			rec := serveRaw(idsrv.NewHandler(fake), rawRequest{"POST", "/app-instances", header, body(validCreate)})
			if c.ok {
				checkSuccess(t, rec, http.StatusCreated, `{"AppInstanceArn":"`+appInstanceArn+`"}`)
				return
			}
			checkFrameworkError(t, rec, http.StatusNotAcceptable, "NotAcceptableException")
			if fake.calls() != 0 {
				t.Error("the service was called")
			}
		})
	}
}

func TestRawRouting(t *testing.T) {
	h := idsrv.NewHandler(&rawFake{})
	for _, target := range []string{"/", "/nope", "/app-instances/a/b/c/d", "/app-instance", "/tags/x"} {
		t.Run("404 "+target, func(t *testing.T) {
			rec := serveRaw(h, rawRequest{"GET", target, nil, nil})
			checkFrameworkError(t, rec, http.StatusNotFound, "UnknownOperationException")
		})
	}
	cases := []struct {
		method, target, allow string
	}{
		{"PUT", "/app-instances", "GET, POST"},
		{"PATCH", "/app-instances/arn%3Aaws%3Achime%3Aus-east-1%3A123%3Aapp-instance%2Fabc", "DELETE, GET, PUT"},
		// GET /tags is ListTagsForResource; POST /tags needs its literal.
		{"DELETE", "/tags?operation=tag-resource", "GET, POST"},
		{"POST", "/tags", "GET"},
	}
	for _, c := range cases {
		t.Run("405 "+c.method+" "+c.target, func(t *testing.T) {
			rec := serveRaw(h, rawRequest{c.method, c.target, nil, nil})
			checkFrameworkError(t, rec, http.StatusMethodNotAllowed, "MethodNotAllowedException")
			if got := rec.Header().Get("Allow"); got != c.allow {
				t.Errorf("Allow = %q, want %q", got, c.allow)
			}
		})
	}
}

func TestRawLabelDecodedOnce(t *testing.T) {
	cases := []struct {
		target, want string
	}{
		{"/app-instances/arn%3Aaws%3Achime%3Aus-east-1%3A123%3Aapp-instance%2Fabc", "arn:aws:chime:us-east-1:123:app-instance/abc"},
		// Lower-case escapes and unescaped ':' are the same value.
		{"/app-instances/arn:aws:chime:us-east-1:123:app-instance%2fabc", "arn:aws:chime:us-east-1:123:app-instance/abc"},
		// Decoding twice would turn %2541 into 'A'.
		{"/app-instances/arn%3Aaws%3Achime%3Aus-east-1%3A123%3Aapp-instance%2Fx%2541", "arn:aws:chime:us-east-1:123:app-instance/x%41"},
	}
	for _, c := range cases {
		t.Run(c.target, func(t *testing.T) {
			fake := &rawFake{}
			rec := serveRaw(idsrv.NewHandler(fake), rawRequest{"GET", c.target, nil, nil})
			want, _ := json.Marshal(map[string]any{"AppInstance": map[string]string{"AppInstanceArn": c.want}})
			checkSuccess(t, rec, http.StatusOK, string(want))
			if diff := cmp.Diff([]string{c.want}, fake.described); diff != "" {
				t.Errorf("AppInstanceArn (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRawQuery(t *testing.T) {
	fake := &rawFake{}
	h := idsrv.NewHandler(fake)
	for _, v := range []string{"abc", "1.5", "99999999999", ""} {
		t.Run("max-results="+v, func(t *testing.T) {
			rec := serveRaw(h, rawRequest{"GET", "/app-instances?max-results=" + v, nil, nil})
			if msg := checkBadRequest(t, rec); !strings.Contains(msg, "max-results") {
				t.Errorf("message %q does not name the parameter", msg)
			}
		})
	}
	t.Run("out of range", func(t *testing.T) {
		rec := serveRaw(h, rawRequest{"GET", "/app-instances?max-results=51", nil, nil})
		const want = "1 validation error detected. Value 51 at '/MaxResults' failed to satisfy constraint: Member must be between 1 and 50, inclusive"
		if msg := checkBadRequest(t, rec); msg != want {
			t.Errorf("Message =\n%s\nwant\n%s", msg, want)
		}
	})
	if fake.calls() != 0 {
		t.Fatal("the service was called with a bad query")
	}
	rec := serveRaw(h, rawRequest{"GET", "/app-instances?max-results=7&next-token=a%2Bb+c", nil, nil})
	checkSuccess(t, rec, http.StatusOK, `{}`)
	want := []*idsrv.ListAppInstancesInput{{MaxResults: aws.Int32(7), NextToken: aws.String("a+b c")}}
	if diff := cmp.Diff(want, fake.listed); diff != "" {
		t.Errorf("decoded input (-want +got):\n%s", diff)
	}
}

func TestRawSuccessResponses(t *testing.T) {
	fake := &rawFake{}
	h := idsrv.NewHandler(fake)
	const arnPath = "/app-instances/arn%3Aaws%3Achime%3Aus-east-1%3A123%3Aapp-instance%2Fabc"

	// @http code 201, with a body.
	rec := serveRaw(h, rawRequest{"POST", "/app-instances", jsonHeader, body(validCreate)})
	checkSuccess(t, rec, http.StatusCreated, `{"AppInstanceArn":"`+appInstanceArn+`"}`)

	// 204 and an output without members: no body, no Content-Type.
	rec = serveRaw(h, rawRequest{"DELETE", arnPath, nil, nil})
	checkSuccess(t, rec, http.StatusNoContent, "")

	// A nil output from the service is an empty one.
	rec = serveRaw(h, rawRequest{"GET", "/app-instances", nil, nil})
	checkSuccess(t, rec, http.StatusOK, `{}`)

	// Absent members are omitted, set ones kept, timestamps epoch seconds.
	fake.describe = &idsrv.DescribeAppInstanceOutput{AppInstance: &idsrv.AppInstance{
		AppInstanceArn:   aws.String(appInstanceArn),
		Name:             aws.String(""),
		CreatedTimestamp: aws.Time(time.Unix(1700000000, 500e6)),
	}}
	rec = serveRaw(h, rawRequest{"GET", arnPath, nil, nil})
	checkSuccess(t, rec, http.StatusOK, `{"AppInstance":{"AppInstanceArn":"`+appInstanceArn+`","Name":"","CreatedTimestamp":1700000000.5}}`)

	fake.describe = &idsrv.DescribeAppInstanceOutput{}
	rec = serveRaw(h, rawRequest{"GET", arnPath, nil, nil})
	checkSuccess(t, rec, http.StatusOK, `{}`)
}

func TestRawUnimplemented(t *testing.T) {
	h := idsrv.NewHandler(idsrv.UnimplementedService{})
	rec := serveRaw(h, rawRequest{"POST", "/app-instances", jsonHeader, body(validCreate)})
	checkFrameworkError(t, rec, http.StatusNotImplemented, "NotImplemented")
	rec = serveRaw(h, rawRequest{"GET", "/app-instances", nil, nil})
	checkFrameworkError(t, rec, http.StatusNotImplemented, "NotImplemented")
	// Input is still validated first: a bad request is the client's fault
	// whether or not the operation exists yet.
	rec = serveRaw(h, rawRequest{"POST", "/app-instances", jsonHeader, body(`{"Name":""}`)})
	checkBadRequest(t, rec)

	lh := chimesrv.NewHandler(chimesrv.UnimplementedService{})
	rec = serveRaw(lh, rawRequest{"POST", "/accounts/acc-1/users/user-1?operation=logout", jsonHeader, body("{}")})
	checkFrameworkError(t, rec, http.StatusNotImplemented, "NotImplemented")
}
