package generator_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	bs "github.com/smithygen/smithygen/generator/internal/golden/blobstreams"
)

// blobStore serves the blobstreams golden package: each operation hands
// what it receives to the test.
type blobStore struct {
	bs.UnimplementedService
	putObject func(in *bs.PutObjectInput) (*bs.PutObjectOutput, error)
	putBlock  func(in *bs.PutBlockInput) error
	putNote   func(in *bs.PutNoteInput) error
	getObject func() (*bs.GetObjectOutput, error)
}

func (s *blobStore) PutObject(_ context.Context, in *bs.PutObjectInput) (*bs.PutObjectOutput, error) {
	return s.putObject(in)
}

func (s *blobStore) PutBlock(_ context.Context, in *bs.PutBlockInput) (*bs.PutBlockOutput, error) {
	return nil, s.putBlock(in)
}

func (s *blobStore) PutNote(_ context.Context, in *bs.PutNoteInput) (*bs.PutNoteOutput, error) {
	return nil, s.putNote(in)
}

func (s *blobStore) GetObject(context.Context, *bs.GetObjectInput) (*bs.GetObjectOutput, error) {
	return s.getObject()
}

// waitFor guards the test against a handler that blocks: it fails rather
// than hangs.
func waitFor[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("no %s", what)
		panic("unreachable")
	}
}

// The service reads the body as it arrives: it has the first bytes before
// the client has sent the rest, and a body far over the body size limit
// passes whole.
func TestStreamedInputIsNotBuffered(t *testing.T) {
	const first, total = 100, 4 << 20
	head := make(chan string, 1)
	store := &blobStore{putObject: func(in *bs.PutObjectInput) (*bs.PutObjectOutput, error) {
		buf := make([]byte, first)
		if _, err := io.ReadFull(in.Body, buf); err != nil {
			return nil, err
		}
		head <- string(buf)
		n, err := io.Copy(io.Discard, in.Body)
		n += first
		return &bs.PutObjectOutput{Size: &n}, err
	}}
	h := bs.NewHandler(store, bs.WithMaxBodyBytes(1024))
	pr, pw := io.Pipe()
	req := httptest.NewRequest("PUT", "/objects/big", pr)
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	go func() { h.ServeHTTP(rec, req); close(done) }()
	if _, err := pw.Write([]byte(strings.Repeat("a", first))); err != nil {
		t.Fatal(err)
	}
	if got := waitFor(t, head, "first bytes in the service"); got != strings.Repeat("a", first) {
		t.Fatalf("first bytes %q", got)
	}
	chunk := make([]byte, 64<<10)
	for sent := first; sent < total; sent += len(chunk) {
		if _, err := pw.Write(chunk[:min(len(chunk), total-sent)]); err != nil {
			t.Fatal(err)
		}
	}
	_ = pw.Close()
	waitFor(t, done, "response")
	if rec.Code != 201 || rec.Body.String() != fmt.Sprintf(`{"size":%d}`, total) {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
}

// closeRecorder is a request body that notes when it is closed.
type closeRecorder struct {
	io.Reader
	closed bool
}

func (c *closeRecorder) Close() error { c.closed = true; return nil }

// The other members are bound and validated before the service runs; the
// stream's own @length is not checked; an empty body is an empty stream,
// not nil; the handler closes the body once the service has returned.
func TestStreamedInputBindingAndClose(t *testing.T) {
	var seen *bs.PutObjectInput
	var read string
	store := &blobStore{putObject: func(in *bs.PutObjectInput) (*bs.PutObjectOutput, error) {
		seen = in
		b, err := io.ReadAll(in.Body)
		read = string(b)
		return nil, err
	}}
	h := bs.NewHandler(store)
	do := func(body io.Reader, header ...string) *httptest.ResponseRecorder {
		seen, read = nil, ""
		req := httptest.NewRequest("PUT", "/objects/k", body)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	if rec := do(strings.NewReader("x"), "X-Checksum", "not hex"); rec.Code != 400 || seen != nil {
		t.Errorf("bad header: %d %s, service called: %v", rec.Code, rec.Body, seen != nil)
	}
	long := strings.Repeat("z", 40) // over the blob's @length max of 16
	body := &closeRecorder{Reader: strings.NewReader(long)}
	if rec := do(body, "Content-Type", "image/png"); rec.Code != 201 || read != long {
		t.Errorf("long body: %d %s, read %q", rec.Code, rec.Body, read)
	}
	if !body.closed {
		t.Error("the request body was not closed")
	}
	if rec := do(http.NoBody); rec.Code != 201 || seen == nil || seen.Body == nil || read != "" {
		t.Errorf("empty body: %d %s, body %v", rec.Code, rec.Body, seen)
	}
	if s := fmt.Sprint(seen); s != "{Key:k Body:<stream>}" {
		t.Errorf("printed %s", s)
	}
}

// printing never reads the stream.
func TestStreamPrintsAsPlaceholder(t *testing.T) {
	r := strings.NewReader("secret bytes")
	in := bs.PutBlockInput{Data: io.NopCloser(r)}
	for _, s := range []string{fmt.Sprint(in), fmt.Sprintf("%#v", in), fmt.Sprint(bs.GetObjectOutput{Body: r})} {
		if strings.Contains(s, "secret") {
			t.Errorf("printed %s", s)
		}
	}
	if r.Len() != len("secret bytes") {
		t.Error("printing read the stream")
	}
}

// @requiresLength: a body of unknown length answers 411; one with a
// Content-Length is served.
func TestStreamRequiresLength(t *testing.T) {
	var read string
	store := &blobStore{putBlock: func(in *bs.PutBlockInput) error {
		b, err := io.ReadAll(in.Data)
		read = string(b)
		return err
	}}
	h := bs.NewHandler(store)
	req := httptest.NewRequest("PUT", "/blocks/3", io.MultiReader(strings.NewReader("abc")))
	req.ContentLength = -1 // chunked
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 411 || rec.Header().Get("X-Amzn-ErrorType") != "LengthRequiredException" || read != "" {
		t.Errorf("chunked: %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
	req = httptest.NewRequest("PUT", "/blocks/3", strings.NewReader("abc"))
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 || read != "abc" {
		t.Errorf("with length: %d %s, read %q", rec.Code, rec.Body, read)
	}
}

// A @mediaType on the streamed blob is the Content-Type it takes.
func TestStreamMediaType(t *testing.T) {
	store := &blobStore{putNote: func(in *bs.PutNoteInput) error { _, err := io.Copy(io.Discard, in.Text); return err }}
	h := bs.NewHandler(store)
	for ct, want := range map[string]int{"text/plain; charset=utf-8": 200, "application/json": 415, "": 415} {
		req := httptest.NewRequest("POST", "/notes", strings.NewReader("hi"))
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("Content-Type %q: %d %s, want %d", ct, rec.Code, rec.Body, want)
		}
	}
}

// closingReader notes when it is closed.
type closingReader struct {
	io.Reader
	closed chan struct{}
}

func (c *closingReader) Close() error { close(c.closed); return nil }

// failingWriter is a client that has gone away.
type failingWriter struct{ header http.Header }

func (w *failingWriter) Header() http.Header       { return w.header }
func (w *failingWriter) WriteHeader(int)           {}
func (w *failingWriter) Write([]byte) (int, error) { return 0, errors.New("connection reset") }

// The output stream is copied to the response, with its length when the
// reader knows it, and closed after, also when the client has gone away.
func TestStreamedOutput(t *testing.T) {
	var out *bs.GetObjectOutput
	h := bs.NewHandler(&blobStore{getObject: func() (*bs.GetObjectOutput, error) { return out, nil }})
	get := func() *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/objects/k", nil))
		return rec
	}
	out = &bs.GetObjectOutput{Body: strings.NewReader("known length")}
	if rec := get(); rec.Body.String() != "known length" || rec.Header().Get("Content-Length") != "12" || rec.Header().Get("Content-Type") != "application/octet-stream" {
		t.Errorf("strings.Reader: %v %q", rec.Header(), rec.Body)
	}
	c := &closingReader{Reader: io.MultiReader(strings.NewReader("streamed")), closed: make(chan struct{})}
	ct := "text/csv"
	out = &bs.GetObjectOutput{Body: c, ContentType: &ct}
	if rec := get(); rec.Body.String() != "streamed" || rec.Header().Get("Content-Length") != "" || rec.Header().Get("Content-Type") != ct {
		t.Errorf("stream: %v %q", rec.Header(), rec.Body)
	}
	waitFor(t, c.closed, "Close after the copy")
	out = &bs.GetObjectOutput{}
	if rec := get(); rec.Code != 200 || rec.Body.Len() != 0 || rec.Header().Get("Content-Length") != "0" {
		t.Errorf("nil stream: %d %v %q", rec.Code, rec.Header(), rec.Body)
	}
	c = &closingReader{Reader: strings.NewReader("lost"), closed: make(chan struct{})}
	out = &bs.GetObjectOutput{Body: c}
	h.ServeHTTP(&failingWriter{header: http.Header{}}, httptest.NewRequest("GET", "/objects/k", nil))
	waitFor(t, c.closed, "Close after a failed write")
}
