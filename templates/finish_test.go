package templates

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// An operation modeled with 204 may have output members bound to the body.
// When none is set, the response has no content and no headers describing
// any; when some are, it is a 200 that carries them.
func TestFinishWithoutContent(t *testing.T) {
	for _, status := range []int{http.StatusNoContent, http.StatusNotModified} {
		rec := httptest.NewRecorder()
		x := &exchange{w: rec, status: status}
		w := x.jsonBody()
		w.objectStart()
		w.objectEnd()
		x.finish()
		if rec.Code != status || rec.Body.Len() != 0 {
			t.Errorf("%d: answered %d with %q, want no content", status, rec.Code, rec.Body.String())
		}
		for _, h := range []string{"Content-Type", "Content-Length"} {
			if v := rec.Header().Get(h); v != "" {
				t.Errorf("%d: %s: %s on a response without content", status, h, v)
			}
		}
	}

	rec := httptest.NewRecorder()
	x := &exchange{w: rec, status: http.StatusNoContent}
	w := x.jsonBody()
	w.objectStart()
	w.key("Name")
	w.string("n")
	w.objectEnd()
	x.finish()
	if rec.Code != http.StatusOK || rec.Body.String() != `{"Name":"n"}` {
		t.Errorf("204 with members set: answered %d with %q, want 200 and the members", rec.Code, rec.Body.String())
	}

	rec = httptest.NewRecorder()
	x = &exchange{w: rec, status: http.StatusOK}
	x.jsonBody().objectStart()
	x.out.objectEnd()
	x.finish()
	if rec.Body.String() != "{}" || rec.Header().Get("Content-Type") != "application/json" {
		t.Errorf("200: answered %q with Content-Type %q", rec.Body.String(), rec.Header().Get("Content-Type"))
	}
}

// A raw payload is typed with its media type, unless an output member
// bound to Content-Type has set the header.
func TestRawBodyContentType(t *testing.T) {
	for _, set := range []string{"", "application/yaml"} {
		rec := httptest.NewRecorder()
		x := &exchange{w: rec, status: http.StatusOK}
		if set != "" {
			x.setHeader("Content-Type", set)
		}
		x.rawBody("application/octet-stream", []byte("openapi: 3.0.1"))
		x.finish()
		want := set
		if want == "" {
			want = "application/octet-stream"
		}
		if got := rec.Header().Get("Content-Type"); got != want || rec.Body.String() != "openapi: 3.0.1" {
			t.Errorf("member set to %q: Content-Type %q, body %q; want %q", set, got, rec.Body.String(), want)
		}
	}
}
