package templates

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// streamOp is an operation whose input payload is streamed: the service
// reads the body and returns the read error, if any, as its own.
func streamOp(read *string) operation {
	return operation{
		name: "Put", method: "POST", uri: "/things/{id}?x=1", rawBody: true, payloadType: "*/*", streamsBody: true,
		serve: func(x *exchange) {
			var body io.ReadCloser
			serveOperation(x,
				func(x *exchange, _ *struct{}) error { body = x.requestStream(); return nil },
				func(*struct{}) error { return nil },
				func(ctx context.Context, _ *struct{}) (*struct{}, error) {
					b, err := io.ReadAll(body)
					*read = string(b)
					return nil, err
				},
				func(x *exchange, _ *struct{}) {})
		},
	}
}

// A streamed body under WithSigV4: UNSIGNED-PAYLOAD is taken as it is; a
// hash is checked as the service reads, the end of a body that differs
// answering 403; without the header the body is read whole and checked
// first; aws-chunked signing answers 400.
func TestHandlerSigV4Stream(t *testing.T) {
	var read string
	v := suiteVerifier(time.Now())
	v.service = signingName
	v.doubleEncode = true
	h := newHandler([]operation{streamOp(&read)}, []HandlerOption{WithSigV4(suiteRegion, v.secretFor), WithMaxBodyBytes(64)})
	body := []byte(`streamed bytes`)
	for _, tt := range []struct {
		name                    string
		claimed, signedAs, sent string
		status                  int
		errType                 string
	}{
		{"unsigned payload", sigv4Unsigned, sigv4Unsigned, string(body), 200, ""},
		{"hash", bodyHash(body), bodyHash(body), string(body), 200, ""},
		{"hash, body changed", bodyHash(body), bodyHash(body), "streamed bytez", 403, "InvalidSignatureException"},
		{"hash not signed", bodyHash(body), bodyHash(nil), string(body), 403, "InvalidSignatureException"},
		{"no header", "", bodyHash(body), string(body), 200, ""},
		{"no header, body changed", "", bodyHash(body), "streamed bytez", 403, "InvalidSignatureException"},
		{"no header, over the limit", "", bodyHash(body), strings.Repeat("x", 65), 413, "RequestEntityTooLargeException"},
		{"aws-chunked", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", string(body), 400, "InvalidRequestException"},
		{"not a hash", "abc", "abc", string(body), 403, "InvalidSignatureException"},
	} {
		read = ""
		r := signedTestRequest(t, v, body, tt.claimed, tt.signedAs)
		r.Body = io.NopCloser(strings.NewReader(tt.sent))
		r.ContentLength = int64(len(tt.sent))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if rec.Code != tt.status || rec.Header().Get("X-Amzn-ErrorType") != tt.errType {
			t.Errorf("%s: %d %s %s, want %d %s", tt.name, rec.Code, rec.Header().Get("X-Amzn-ErrorType"), rec.Body, tt.status, tt.errType)
		}
		if tt.status == 200 && read != string(body) {
			t.Errorf("%s: the service read %q", tt.name, read)
		}
	}
}

// A signed stream reports a body that differs at its end, and only there.
func TestRequestStreamHash(t *testing.T) {
	r := httptest.NewRequest("PUT", "/", strings.NewReader("abc"))
	s := newRequestStream(r)
	sum := [32]byte{}
	s.expectSHA256(sum[:])
	b, err := io.ReadAll(s)
	if string(b) != "abc" || !errors.Is(err, errPayloadHash) {
		t.Errorf("read %q, %v", b, err)
	}
	if _, err := s.Read(make([]byte, 1)); !errors.Is(err, errPayloadHash) {
		t.Errorf("read after the end: %v", err)
	}
	var me modeledError
	if !errors.As(err, &me) || me.HTTPStatusCode() != http.StatusForbidden {
		t.Errorf("%v is not a 403", err)
	}
}
