package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// Smithy's restJson1 protocol tests (testdata/restjson-full.json, see
// testdata/README.md) run against the server generated from that model,
// conformance/internal/restjsonfull, as Smithy's "HTTP protocol compliance
// tests" documentation says a server runs them:
//
//   - httpRequestTests: the request is sent to the handler, which must
//     call the operation with an input equal to params.
//   - httpResponseTests: the operation returns params (as its output, or
//     as the error the test is attached to); the response must have the
//     code, the headers and the body of the test. JSON bodies are compared
//     as JSON.
//
// Cases for clients only are skipped, saying why (go test -v lists them);
// cases where smithygen keeps its SPEC against the test are in
// knownDeviations, and fail if they start passing.

// protocolCase is one httpRequestTests or httpResponseTests entry.
type protocolCase struct {
	ID             string            `json:"id"`
	Protocol       string            `json:"protocol"`
	Method         string            `json:"method"`
	URI            string            `json:"uri"`
	Host           string            `json:"host"`
	QueryParams    []string          `json:"queryParams"`
	Headers        map[string]string `json:"headers"`
	ForbidHeaders  []string          `json:"forbidHeaders"`
	RequireHeaders []string          `json:"requireHeaders"`
	Body           *string           `json:"body"`
	BodyMediaType  string            `json:"bodyMediaType"`
	Params         json.RawMessage   `json:"params"`
	Code           int               `json:"code"`
	AppliesTo      string            `json:"appliesTo"`
	Tags           []string          `json:"tags"`

	op       string // the operation the case runs through
	errShape string // for a response test of an error: its shape name
}

// suite is the cases of one service, read from its JSON AST.
type suite struct {
	requests, responses []protocolCase
	// trigger is, per operation, a request that reaches it: its first
	// request test, or its method and URI with every label filled.
	trigger map[string]protocolCase
}

type astShape struct {
	Type       string                     `json:"type"`
	Operations []struct{ Target string }  `json:"operations"`
	Errors     []struct{ Target string }  `json:"errors"`
	Traits     map[string]json.RawMessage `json:"traits"`
}

func loadSuite(t *testing.T, path, service string) *suite {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var ast struct {
		Shapes map[string]astShape `json:"shapes"`
	}
	if err := json.Unmarshal(data, &ast); err != nil {
		t.Fatal(err)
	}
	s := &suite{trigger: map[string]protocolCase{}}
	cases := func(sh astShape, trait string) []protocolCase {
		var cs []protocolCase
		if raw, ok := sh.Traits[trait]; ok {
			if err := json.Unmarshal(raw, &cs); err != nil {
				t.Fatalf("%s: %v", trait, err)
			}
		}
		return cs
	}
	errorsSeen := map[string]bool{}
	for _, o := range ast.Shapes[service].Operations {
		op := ast.Shapes[o.Target]
		name := shapeName(o.Target)
		for _, c := range cases(op, "smithy.test#httpRequestTests") {
			c.op = name
			s.requests = append(s.requests, c)
			if _, ok := s.trigger[name]; !ok && c.AppliesTo != "client" {
				s.trigger[name] = c
			}
		}
		if _, ok := s.trigger[name]; !ok {
			s.trigger[name] = minimalRequest(t, op)
		}
		for _, c := range cases(op, "smithy.test#httpResponseTests") {
			c.op = name
			s.responses = append(s.responses, c)
		}
		for _, e := range op.Errors {
			if errorsSeen[e.Target] {
				continue
			}
			errorsSeen[e.Target] = true
			for _, c := range cases(ast.Shapes[e.Target], "smithy.test#httpResponseTests") {
				c.op, c.errShape = name, shapeName(e.Target)
				s.responses = append(s.responses, c)
			}
		}
	}
	return s
}

func shapeName(id string) string { return id[strings.IndexByte(id, '#')+1:] }

var labelRE = regexp.MustCompile(`\{[^}]*\}`)

// minimalRequest reaches an operation without request tests: its @http
// method and URI, each label "1".
func minimalRequest(t *testing.T, op astShape) protocolCase {
	var h struct{ Method, URI string }
	if err := json.Unmarshal(op.Traits["smithy.api#http"], &h); err != nil {
		t.Fatal(err)
	}
	return protocolCase{Method: h.Method, URI: labelRE.ReplaceAllString(h.URI, "1")}
}

// httpRequest builds the request a case describes.
func (c protocolCase) httpRequest() *http.Request {
	uri := c.URI
	if len(c.QueryParams) > 0 {
		sep := "?"
		if strings.Contains(uri, "?") {
			sep = "&"
		}
		uri += sep + strings.Join(c.QueryParams, "&")
	}
	var body io.Reader = http.NoBody
	if c.Body != nil && *c.Body != "" {
		body = strings.NewReader(*c.Body)
	}
	r := httptest.NewRequestWithContext(context.Background(), c.Method, "http://localhost"+uri, body)
	for k, v := range c.Headers {
		r.Header.Set(k, v)
	}
	return r
}

// skipReason says why a case does not apply to a server, or "".
func (c protocolCase) skipReason(notForServers map[string]string) string {
	if c.AppliesTo == "client" {
		return "appliesTo: client"
	}
	return notForServers[c.ID]
}

// protocolTarget is a generated server under test and what the suite
// needs to know of its types.
type protocolTarget struct {
	handler http.Handler
	// serve sets how the next operation answers and clears the recorded
	// input; input returns what the last operation got, nil if none ran.
	respond func(func(out any) error)
	input   func() any
	types   goTypes
}

// runProtocolSuite runs every case of s against target.
func runProtocolSuite(t *testing.T, s *suite, target protocolTarget, deviations, notForServers map[string]string) {
	for _, c := range s.requests {
		t.Run("request/"+c.ID, func(t *testing.T) {
			if r := c.skipReason(notForServers); r != "" {
				t.Skip(r)
			}
			deviation(t, deviations, c.ID, func(t testing.TB) {
				target.respond(func(any) error { return nil })
				resp := serveRequest(t, target.handler, c.httpRequest())
				got := target.input()
				if got == nil {
					t.Fatalf("the operation was not called: %d %s %s", resp.status, resp.errType, resp.body)
				}
				want := reflect.New(reflect.TypeOf(got).Elem())
				if err := target.types.fill(want.Elem(), c.Params); err != nil {
					t.Fatalf("params: %v", err)
				}
				if diff := diffValues(want.Interface(), got); diff != "" {
					t.Errorf("input (-params +decoded):\n%s", diff)
				}
			})
		})
	}
	for _, c := range s.responses {
		t.Run("response/"+c.ID, func(t *testing.T) {
			if r := c.skipReason(notForServers); r != "" {
				t.Skip(r)
			}
			deviation(t, deviations, c.ID, func(t testing.TB) {
				target.respond(func(out any) error {
					if c.errShape != "" {
						return target.types.newError(c.errShape, c.Params)
					}
					return target.types.fill(reflect.ValueOf(out).Elem(), c.Params)
				})
				resp := serveRequest(t, target.handler, s.trigger[c.op].httpRequest())
				checkResponse(t, c, resp)
			})
		})
	}
}

// deviation runs a case; a known deviation must fail, and is then skipped
// with its reason.
func deviation(t *testing.T, deviations map[string]string, id string, run func(t testing.TB)) {
	reason, known := deviations[id]
	if !known {
		run(t)
		return
	}
	r := &recordingT{TB: t}
	func() {
		defer func() {
			if p := recover(); p != nil && p != errStop {
				panic(p)
			}
		}()
		run(r)
	}()
	if !r.failed {
		t.Fatalf("known deviation passes now; remove it from the list: %s", reason)
	}
	t.Skipf("known deviation: %s (%s)", reason, strings.TrimSpace(r.log.String()))
}

var errStop = fmt.Errorf("stop")

// recordingT is a testing.TB that notes failures instead of reporting them.
type recordingT struct {
	testing.TB
	failed bool
	log    bytes.Buffer
}

func (r *recordingT) Helper() {}
func (r *recordingT) Errorf(format string, args ...any) {
	r.failed = true
	fmt.Fprintf(&r.log, format+"; ", args...)
}
func (r *recordingT) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	panic(errStop)
}
func (r *recordingT) Error(args ...any) { r.Errorf("%s", fmt.Sprint(args...)) }
func (r *recordingT) Fatal(args ...any) { r.Fatalf("%s", fmt.Sprint(args...)) }

// checkResponse compares a response with a response test.
func checkResponse(t testing.TB, c protocolCase, resp response) {
	t.Helper()
	if resp.status != c.Code {
		t.Errorf("status %d, want %d (body %s)", resp.status, c.Code, resp.body)
	}
	keys := make([]string, 0, len(c.Headers))
	for k := range c.Headers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		got, ok := resp.header[http.CanonicalHeaderKey(k)]
		if !ok {
			t.Errorf("header %s missing, want %q", k, c.Headers[k])
		} else if strings.Join(got, ", ") != c.Headers[k] {
			t.Errorf("header %s = %q, want %q", k, strings.Join(got, ", "), c.Headers[k])
		}
	}
	for _, k := range c.ForbidHeaders {
		if v := resp.header.Get(k); v != "" {
			t.Errorf("header %s = %q, want none", k, v)
		}
	}
	for _, k := range c.RequireHeaders {
		if _, ok := resp.header[http.CanonicalHeaderKey(k)]; !ok {
			t.Errorf("header %s missing", k)
		}
	}
	if c.Body == nil {
		return
	}
	if c.BodyMediaType == "application/json" || strings.HasSuffix(c.BodyMediaType, "+json") {
		if !jsonEqual([]byte(*c.Body), resp.body) {
			t.Errorf("body %s, want %s", resp.body, *c.Body)
		}
		return
	}
	if string(resp.body) != *c.Body {
		t.Errorf("body %q, want %q", resp.body, *c.Body)
	}
}

// jsonEqual compares two JSON texts as values; two empty texts are equal.
func jsonEqual(a, b []byte) bool {
	if len(bytes.TrimSpace(a)) == 0 || len(bytes.TrimSpace(b)) == 0 {
		return len(bytes.TrimSpace(a)) == len(bytes.TrimSpace(b))
	}
	var va, vb any
	if json.Unmarshal(a, &va) != nil || json.Unmarshal(b, &vb) != nil {
		return false
	}
	return diffValues(va, vb) == ""
}
