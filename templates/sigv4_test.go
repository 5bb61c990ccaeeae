package templates

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// The context every test of AWS's SigV4 suite shares
// (testdata/sigv4/README.md).
const (
	suiteKey    = "AKIDEXAMPLE"
	suiteSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	suiteRegion = "us-east-1"
)

var suiteTime = time.Date(2015, 8, 30, 12, 36, 0, 0, time.UTC)

type sigv4Vector struct {
	Name      string
	Normalize bool
	Header    sigv4Signed
	Query     sigv4Signed
}

type sigv4Signed struct {
	Request, Canonical, Signature string
}

func loadSigV4Vectors(t *testing.T) []sigv4Vector {
	t.Helper()
	data, err := os.ReadFile("testdata/sigv4/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vs []sigv4Vector
	if err := json.Unmarshal(data, &vs); err != nil {
		t.Fatal(err)
	}
	return vs
}

// suiteVerifier verifies as the suite signs: for the service "service",
// with the path encoded once.
func suiteVerifier(now time.Time) *sigv4Verifier {
	return &sigv4Verifier{
		region:  suiteRegion,
		service: "service",
		secretFor: func(_ context.Context, id string) (string, bool) {
			return suiteSecret, id == suiteKey
		},
		now: func() time.Time { return now },
	}
}

// parseSuiteRequest reads a request of the suite as a server receives it:
// the suite writes paths unencoded, a client sends them percent-encoded;
// a header line that starts with white space continues the one before.
func parseSuiteRequest(t *testing.T, text string) (*http.Request, []byte) {
	t.Helper()
	head, body, _ := strings.Cut(text, "\n\n")
	lines := strings.Split(head, "\n")
	method, target, _ := strings.Cut(lines[0], " ")
	target = strings.TrimSuffix(target, " HTTP/1.1")
	rawPath, rawQuery, _ := strings.Cut(target, "?")
	path := uriEncode(rawPath, false)
	r := &http.Request{
		Method:        method,
		URL:           &url.URL{Path: rawPath, RawQuery: rawQuery},
		RequestURI:    path + "?" + rawQuery,
		Header:        http.Header{},
		ContentLength: int64(len(body)),
	}
	var last string
	for _, line := range lines[1:] {
		if line[0] == ' ' || line[0] == '\t' {
			vs := r.Header[last]
			vs[len(vs)-1] += " " + strings.TrimSpace(line)
			continue
		}
		k, v, _ := strings.Cut(line, ":")
		if strings.EqualFold(k, "Host") {
			r.Host = v
			continue
		}
		last = http.CanonicalHeaderKey(k)
		r.Header.Add(last, v)
	}
	return r, []byte(body)
}

func bodyHash(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// AWS's published suite: each request verifies, and its canonical request
// and signature are the suite's.
func TestSigV4Suite(t *testing.T) {
	v := suiteVerifier(suiteTime)
	for _, vec := range loadSigV4Vectors(t) {
		for _, form := range []struct {
			name string
			sigv4Signed
		}{{"header", vec.Header}, {"query", vec.Query}} {
			t.Run(vec.Name+"/"+form.name, func(t *testing.T) {
				r, body := parseSuiteRequest(t, form.Request)
				a, err := v.authenticate(context.Background(), r)
				if err != nil {
					t.Fatalf("authenticate: %v", err)
				}
				path := requestPath(r)
				if vec.Normalize {
					path = normalizePath(path)
				}
				a.omitToken = vec.Name == "post-sts-header-after" && form.name == "query"
				canonical := a.canonicalRequest(r, path, bodyHash(body))
				if diff := cmp.Diff(form.Canonical, canonical); diff != "" {
					t.Errorf("canonical request (-suite +ours):\n%s", diff)
				}
				if got := hex.EncodeToString(a.sign(canonical)); got != form.Signature {
					t.Errorf("signature %s, suite %s", got, form.Signature)
				}
				if err := a.verify(r, body, false, false); err != nil {
					t.Errorf("verify: %v", err)
				}
			})
		}
	}
}

func sigv4Code(err error) string {
	var fe *frameworkError
	if errors.As(err, &fe) {
		return fe.code
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

// check authenticates and verifies a request of an operation without the
// aws.auth#unsignedPayload trait, returning the error code of the first
// failure.
func (v *sigv4Verifier) check(r *http.Request, body []byte) string {
	return v.checkOp(r, body, false)
}

func (v *sigv4Verifier) checkOp(r *http.Request, body []byte, unsignedPayload bool) string {
	a, err := v.authenticate(context.Background(), r)
	if err == nil {
		err = a.verify(r, body, unsignedPayload, false)
	}
	return sigv4Code(err)
}

// Every way a suite request can be wrong fails with the code AWS uses.
func TestSigV4Failures(t *testing.T) {
	vecs := loadSigV4Vectors(t)
	var post sigv4Vector
	for _, v := range vecs {
		if v.Name == "post-x-www-form-urlencoded" {
			post = v
		}
	}
	const (
		invalid = "InvalidSignatureException"
		unknown = "UnrecognizedClientException"
		missing = "MissingAuthenticationTokenException"
	)
	for _, form := range []sigv4Signed{post.Header, post.Query} {
		presigned := strings.Contains(form.Request, "X-Amz-Signature=")
		tests := []struct {
			name string
			now  time.Time
			edit func(r *http.Request, body []byte) []byte
			want string
		}{
			{"as signed", suiteTime, nil, ""},
			{"4 minutes later", suiteTime.Add(4 * time.Minute), nil, ""},
			{"signed 6 minutes in the future", suiteTime.Add(-6 * time.Minute), nil, invalid},
			{"body changed", suiteTime, func(_ *http.Request, b []byte) []byte { return []byte(strings.ToUpper(string(b))) }, invalid},
			{"signature changed", suiteTime, func(r *http.Request, b []byte) []byte {
				if presigned {
					r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "X-Amz-Signature=8", "X-Amz-Signature=9", 1)
				} else {
					r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "Signature=d", "Signature=e", 1))
				}
				return b
			}, invalid},
			{"signed header changed", suiteTime, func(r *http.Request, b []byte) []byte {
				r.Header.Set("Content-Type", "application/json")
				return b
			}, invalid},
			{"unknown key", suiteTime, func(r *http.Request, b []byte) []byte {
				if presigned {
					r.URL.RawQuery = strings.Replace(r.URL.RawQuery, suiteKey, "AKIDOTHER", 1)
				} else {
					r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), suiteKey, "AKIDOTHER", 1))
				}
				return b
			}, unknown},
			{"no signature", suiteTime, func(r *http.Request, b []byte) []byte {
				r.Header.Del("Authorization")
				r.URL.RawQuery = ""
				return b
			}, missing},
		}
		if presigned {
			tests = append(tests, struct {
				name string
				now  time.Time
				edit func(r *http.Request, body []byte) []byte
				want string
			}{"after X-Amz-Expires", suiteTime.Add(3601 * time.Second), nil, invalid})
		} else {
			tests = append(tests, struct {
				name string
				now  time.Time
				edit func(r *http.Request, body []byte) []byte
				want string
			}{"6 minutes later", suiteTime.Add(6 * time.Minute), nil, invalid})
		}
		for _, tt := range tests {
			name := "header/" + tt.name
			if presigned {
				name = "query/" + tt.name
			}
			t.Run(name, func(t *testing.T) {
				r, body := parseSuiteRequest(t, form.Request)
				if tt.edit != nil {
					body = tt.edit(r, body)
				}
				if got := suiteVerifier(tt.now).check(r, body); got != tt.want {
					t.Errorf("got %q, want %q", got, tt.want)
				}
			})
		}
	}
}

// The credential scope must name the region and the service of the
// verifier.
func TestSigV4Scope(t *testing.T) {
	r, body := parseSuiteRequest(t, loadSigV4Vectors(t)[0].Header.Request)
	v := suiteVerifier(suiteTime)
	v.region = "eu-west-1"
	if got := v.check(r, body); got != "InvalidSignatureException" {
		t.Errorf("other region: %q", got)
	}
	v = suiteVerifier(suiteTime)
	v.service = "chime"
	if got := v.check(r, body); got != "InvalidSignatureException" {
		t.Errorf("other service: %q", got)
	}
}

// Services other than S3 sign the path as sent escaped once more.
func TestSigV4DoubleEncoding(t *testing.T) {
	a := &sigv4Auth{v: &sigv4Verifier{doubleEncode: true}, signedHeaders: "host"}
	r := &http.Request{Method: "GET", Host: "h", Header: http.Header{}}
	got := a.canonicalRequest(r, "/app-instances/arn%3Aaws%3Achime%3Aus-east-1%3A1%3Aapp-instance%2Fa b", "x")
	want := "GET\n/app-instances/arn%253Aaws%253Achime%253Aus-east-1%253A1%253Aapp-instance%252Fa%20b\n\nhost:h\n\nhost\nx"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Error(diff)
	}
}

// An unsigned payload is accepted where AWS allows it, when the client
// says so and signs that choice; a payload hash that is not the body's is
// refused.
func TestSigV4PayloadHash(t *testing.T) {
	v := suiteVerifier(suiteTime)
	body := []byte(`{"Name":"n"}`)
	const invalid = "InvalidSignatureException"
	for _, tt := range []struct {
		claimed, signedAs string
		unsignedOK        bool
		want              string
	}{
		{"", bodyHash(body), false, ""},
		{bodyHash(body), bodyHash(body), false, ""},
		{sigv4Unsigned, sigv4Unsigned, true, ""},
		{sigv4Unsigned, sigv4Unsigned, false, invalid},
		{sigv4Unsigned, bodyHash(body), true, invalid},
		{bodyHash(nil), bodyHash(nil), true, invalid},
	} {
		r := signedTestRequest(t, v, body, tt.claimed, tt.signedAs)
		if got := v.checkOp(r, body, tt.unsignedOK); got != tt.want {
			t.Errorf("x-amz-content-sha256 %q signed as %q, unsigned payload allowed %v: got %q, want %q", tt.claimed, tt.signedAs, tt.unsignedOK, got, tt.want)
		}
	}
}

// signedTestRequest signs a POST with the verifier's own canonical form:
// for tests of what surrounds it, the suite having shown that form right.
func signedTestRequest(t testing.TB, v *sigv4Verifier, body []byte, contentSHA256, payloadHash string) *http.Request {
	t.Helper()
	r := httptest.NewRequest("POST", "/things/a%2Fb?x=1", strings.NewReader(string(body)))
	r.Header.Set("Content-Type", "application/json")
	date := v.now().UTC().Format(sigv4TimeFormat)
	r.Header.Set("X-Amz-Date", date)
	signed := "content-type;host;x-amz-date"
	if contentSHA256 != "" {
		r.Header.Set("X-Amz-Content-Sha256", contentSHA256)
		signed = "content-type;host;x-amz-content-sha256;x-amz-date"
	}
	a := &sigv4Auth{v: v, secret: suiteSecret, date: date, scope: date[:8] + "/" + v.region + "/" + v.service + "/aws4_request", signedHeaders: signed}
	a.query, _ = parseQueryPairs(r.URL.RawQuery)
	sig := a.sign(a.canonicalRequest(r, requestPath(r), payloadHash))
	r.Header.Set("Authorization", sigv4Algorithm+" Credential="+suiteKey+"/"+a.scope+", SignedHeaders="+signed+", Signature="+hex.EncodeToString(sig))
	return r
}

func TestNormalizePath(t *testing.T) {
	for in, want := range map[string]string{
		"/":                        "/",
		"//":                       "/",
		"/example/..":              "/",
		"/./example/":              "/example/",
		"/a//b/../c":               "/a/c",
		"/example1/example2/../..": "/",
	} {
		if got := normalizePath(in); got != want {
			t.Errorf("normalizePath(%q) = %q, want %q", in, got, want)
		}
	}
}

// Through the handler: an unsigned request is refused before it is
// decoded, a signed one reaches the hooks that follow and the service with
// its access key in the context; without WithSigV4 nothing is checked.
func TestHandlerSigV4(t *testing.T) {
	var gotKey, hookKey string
	var gotOK bool
	ops := []operation{{
		name: "Put", method: "POST", uri: "/things/{id}?x=1", hasBody: true,
		serve: func(x *exchange) {
			serveOperation(x,
				func(*exchange, *struct{}) error { return nil },
				func(*struct{}) error { return nil },
				func(ctx context.Context, _ *struct{}) (*struct{}, error) {
					gotKey, gotOK = AccessKeyIDFromContext(ctx)
					return nil, nil
				},
				func(x *exchange, _ *struct{}) {})
		},
	}}
	now := time.Now()
	v := suiteVerifier(now)
	v.service = signingName
	v.doubleEncode = true
	body := []byte(`{"Name":"n"}`)
	// Given first, the hook still runs after the signature is verified.
	after := WithRequestHook(func(ctx context.Context, _ *IncomingRequest) (context.Context, error) {
		hookKey, _ = AccessKeyIDFromContext(ctx)
		return ctx, nil
	})
	h := newHandler(ops, []HandlerOption{after, WithSigV4(suiteRegion, v.secretFor)})

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, signedTestRequest(t, v, body, "", bodyHash(body)))
	if rec.Code != http.StatusOK || gotKey != suiteKey || !gotOK || hookKey != suiteKey {
		t.Errorf("signed: %d %s, key %q %v, the hook after saw %q", rec.Code, rec.Body, gotKey, gotOK, hookKey)
	}

	gotKey, gotOK = "", false
	rec = httptest.NewRecorder()
	r := httptest.NewRequest("POST", "/things/a%2Fb?x=1", strings.NewReader(string(body)))
	r.Header.Set("Content-Type", "application/json")
	h.ServeHTTP(rec, r)
	if rec.Code != http.StatusForbidden || rec.Header().Get("X-Amzn-ErrorType") != "MissingAuthenticationTokenException" || gotOK {
		t.Errorf("unsigned: %d %s %s", rec.Code, rec.Header().Get("X-Amzn-ErrorType"), rec.Body)
	}

	rec = httptest.NewRecorder()
	newHandler(ops, nil).ServeHTTP(rec, httptest.NewRequest("POST", "/things/a?x=1", nil))
	if rec.Code != http.StatusOK || gotOK {
		t.Errorf("without WithSigV4: %d %s, key %q %v", rec.Code, rec.Body, gotKey, gotOK)
	}
}

// BenchmarkSigV4 is what WithSigV4 adds to a request: parsing, the
// canonical request, the body's hash and five HMACs.
func BenchmarkSigV4(b *testing.B) {
	v := suiteVerifier(time.Now())
	v.doubleEncode = true
	body := []byte(`{"Name":"my-instance","Metadata":"{\"team\":\"blue\"}","ClientRequestToken":"token-0123456789","Tags":[{"Key":"env","Value":"prod"}]}`)
	r := signedTestRequest(b, v, body, "", bodyHash(body))
	b.ReportAllocs()
	for b.Loop() {
		if code := v.check(r, body); code != "" {
			b.Fatal(code)
		}
	}
}
