package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"unicode/utf8"

	identity "github.com/smithygen/smithygen/output/chimesdkidentity"
)

// seedBody is the CreateAppInstance request of the benchmarks: Name,
// Metadata, token and two tags, as the AWS SDK sends it.
const seedBody = `{"ClientRequestToken":"token-0123456789","Metadata":"{\"team\":\"blue\"}","Name":"my-instance","Tags":[{"Key":"env","Value":"prod"},{"Key":"owner","Value":"ops"}]}`

// discardWriter is a ResponseWriter that keeps nothing, so that the
// benchmarks measure the handler rather than the recorder.
type discardWriter struct {
	h      http.Header
	status int
	n      int
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) WriteHeader(status int)      { w.status = status }
func (w *discardWriter) Write(b []byte) (int, error) { w.n += len(b); return len(b), nil }
func (w *discardWriter) reset() {
	clear(w.h)
	w.status, w.n = 0, 0
}

// replayRequest is one request that can be served again and again.
type replayRequest struct {
	req  *http.Request
	body *bytes.Reader
	data []byte
}

func newReplayRequest(method, target, body string) *replayRequest {
	rr := &replayRequest{data: []byte(body)}
	rr.body = bytes.NewReader(rr.data)
	rr.req, _ = http.NewRequest(method, target, io.NopCloser(rr.body))
	rr.req.Header.Set("Content-Type", "application/json")
	rr.req.ContentLength = int64(len(body))
	return rr
}

func (rr *replayRequest) next() *http.Request {
	rr.body.Reset(rr.data)
	return rr.req
}

// noopIdentity answers CreateAppInstance at once.
type noopIdentity struct{ identity.UnimplementedService }

var createOutput = &identity.CreateAppInstanceOutput{AppInstanceArn: ptr("arn:aws:chime:us-east-1:123456789012:app-instance/abc")}

func (noopIdentity) CreateAppInstance(context.Context, *identity.CreateAppInstanceInput) (*identity.CreateAppInstanceOutput, error) {
	return createOutput, nil
}

func ptr[T any](v T) *T { return &v }

// BenchmarkRequestPath is the generated handler serving the seed request
// in process: route, decode, fill the token, validate, call a no-op
// service, encode the 201 response.
func BenchmarkRequestPath(b *testing.B) {
	h := identity.NewHandler(noopIdentity{})
	serve(b, h)
}

// BenchmarkRequestPathBaseline does the same work the usual way:
// encoding/json into tagged structs, regexp validation, encoding/json out.
func BenchmarkRequestPathBaseline(b *testing.B) {
	serve(b, baselineHandler{})
}

func serve(b *testing.B, h http.Handler) {
	rr := newReplayRequest("POST", "http://localhost/app-instances", seedBody)
	w := &discardWriter{h: http.Header{}}
	h.ServeHTTP(w, rr.next())
	if w.status != http.StatusCreated {
		b.Fatalf("status %d", w.status)
	}
	settle()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w.reset()
		h.ServeHTTP(w, rr.next())
	}
	if w.status != http.StatusCreated {
		b.Fatalf("status %d", w.status)
	}
}

// The baseline: what a careful hand-written server does with the standard
// library.

type baselineTag struct {
	Key   *string `json:"Key"`
	Value *string `json:"Value"`
}

type baselineInput struct {
	Name               *string       `json:"Name"`
	Metadata           *string       `json:"Metadata"`
	ClientRequestToken *string       `json:"ClientRequestToken"`
	Tags               []baselineTag `json:"Tags"`
}

type baselineOutput struct {
	AppInstanceArn *string `json:"AppInstanceArn,omitempty"`
}

var (
	baselineNamePattern  = regexp.MustCompile(`^[\x{0009}\x{000A}\x{000D}\x{0020}-\x{007E}\x{0085}\x{00A0}-\x{D7FF}\x{E000}-\x{FFFD}\x{1000}0-\x{10FF}FF]*$`)
	baselineTokenPattern = regexp.MustCompile(`^[-_a-zA-Z0-9]*$`)
)

type baselineHandler struct{}

func (baselineHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != "POST" || r.URL.Path != "/app-instances" {
		http.NotFound(w, r)
		return
	}
	var in baselineInput
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		http.Error(w, err.Error(), 400)
		return
	}
	if err := in.validate(); err != nil {
		http.Error(w, err.Error(), 400)
		return
	}
	out, _ := noopIdentity{}.CreateAppInstance(r.Context(), nil)
	body, _ := json.Marshal(baselineOutput{AppInstanceArn: out.AppInstanceArn})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	w.Write(body)
}

// validate builds error paths only on failure, as a careful hand-written
// validator would.
func (in *baselineInput) validate() error {
	var errs []string
	check := func(path func() string, s *string, min, max int, re *regexp.Regexp) {
		if s == nil {
			errs = append(errs, path()+" is required")
			return
		}
		if n := utf8.RuneCountInString(*s); n < min || n > max {
			errs = append(errs, fmt.Sprintf("%s has length %d", path(), n))
		}
		if re != nil && !re.MatchString(*s) {
			errs = append(errs, path()+" does not match")
		}
	}
	constPath := func(s string) func() string { return func() string { return s } }
	check(constPath("/Name"), in.Name, 1, 256, baselineNamePattern)
	if in.Metadata != nil {
		check(constPath("/Metadata"), in.Metadata, 0, 1024, nil)
	}
	check(constPath("/ClientRequestToken"), in.ClientRequestToken, 2, 64, baselineTokenPattern)
	if n := len(in.Tags); n < 1 || n > 50 {
		errs = append(errs, "/Tags has a bad length")
	}
	for i, t := range in.Tags {
		check(func() string { return fmt.Sprintf("/Tags/%d/Key", i) }, t.Key, 1, 128, nil)
		check(func() string { return fmt.Sprintf("/Tags/%d/Value", i) }, t.Value, 0, 256, nil)
	}
	if len(errs) > 0 {
		return errors.New(strings.Join(errs, "; "))
	}
	return nil
}

// BenchmarkRequestPathMiddleware is BenchmarkRequestPath with one
// middleware that only calls the next: the cost of the hook itself.
func BenchmarkRequestPathMiddleware(b *testing.B) {
	empty := func(next identity.Invoker) identity.Invoker {
		return func(ctx context.Context, inv *identity.Invocation) (any, error) { return next(ctx, inv) }
	}
	h := identity.NewHandler(noopIdentity{}, identity.WithMiddleware(empty))
	serve(b, h)
}

// settle collects the heap and gives its free memory back to the system
// before a benchmark starts, so that what earlier benchmarks of the same
// process left behind (the generator's hundreds of megabytes) neither
// paces the collector nor keeps the scavenger busy during this one.
func settle() { debug.FreeOSMemory() }
