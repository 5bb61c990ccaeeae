package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// request is one HTTP request of a test table.
type request struct {
	method  string
	uri     string // path and query, already percent-encoded
	headers map[string]string
	body    string
}

// response is what a handler answered.
type response struct {
	status  int
	errType string // X-Amzn-ErrorType
	header  http.Header
	body    []byte
}

// requestTimeout bounds every request of the tests: a handler that loops or
// blocks on hostile input fails the test instead of hanging it.
const requestTimeout = 5 * time.Second

// serve sends req to h and returns the response, failing the test if the
// handler panics (the server must turn every panic into a 500) or does not
// answer within requestTimeout.
func serve(t testing.TB, h http.Handler, req request) response {
	t.Helper()
	var body io.Reader = http.NoBody
	if req.body != "" {
		body = strings.NewReader(req.body)
	}
	ctx, cancel := context.WithTimeout(context.Background(), requestTimeout)
	defer cancel()
	r := httptest.NewRequestWithContext(ctx, req.method, "http://localhost"+req.uri, body)
	for k, v := range req.headers {
		r.Header.Set(k, v)
	}
	return serveRequest(t, h, r)
}

// serveRequest is serve for a request built by the caller.
func serveRequest(t testing.TB, h http.Handler, r *http.Request) response {
	t.Helper()
	rec := httptest.NewRecorder()
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		h.ServeHTTP(rec, r)
	}()
	select {
	case p := <-done:
		if p != nil {
			t.Fatalf("%s %s: the handler panicked: %v", r.Method, r.URL, p)
		}
	case <-r.Context().Done():
		t.Fatalf("%s %s: no answer within %v", r.Method, r.URL, requestTimeout)
	}
	return response{status: rec.Code, errType: rec.Header().Get("X-Amzn-ErrorType"), header: rec.Header(), body: rec.Body.Bytes()}
}

// errorBody is the JSON body of an error response, as the generated
// ValidationException and the framework errors write it. The AWS services'
// errors spell the members Message and Code.
type errorBody struct {
	Message   *string      `json:"message"`
	FieldList []fieldEntry `json:"fieldList"`
	// Chime's errors.
	UpperMessage *string `json:"Message"`
	Code         *string `json:"Code"`
}

type fieldEntry struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

// message returns the error's message, however the shape spells it.
func (b errorBody) message() string {
	switch {
	case b.Message != nil:
		return *b.Message
	case b.UpperMessage != nil:
		return *b.UpperMessage
	}
	return ""
}

// decodeError parses an error response strictly: it must be one JSON
// object with a Content-Type of application/json.
func decodeError(t testing.TB, resp response) errorBody {
	t.Helper()
	if ct := resp.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("error response with Content-Type %q, want application/json; body %s", ct, resp.body)
	}
	var b errorBody
	d := json.NewDecoder(bytes.NewReader(resp.body))
	d.DisallowUnknownFields()
	if err := d.Decode(&b); err != nil {
		t.Errorf("error body %s: %v", resp.body, err)
	}
	return b
}
