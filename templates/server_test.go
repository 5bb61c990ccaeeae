package templates

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

func testExchange(maxBody int64, r *http.Request) *exchange {
	h := newHandler(nil, []HandlerOption{WithMaxBodyBytes(maxBody)})
	x := h.exchange.Get().(*exchange)
	x.w, x.r = httptest.NewRecorder(), r
	x.startRequest(new(requestContext))
	x.op = &operation{name: "Test"}
	return x
}

// trickle sends its bytes one Read at a time, then fails with err (io.EOF
// for a body that ends well).
type trickle struct {
	data []byte
	err  error
}

func (t *trickle) Read(p []byte) (int, error) {
	if len(t.data) == 0 {
		return 0, t.err
	}
	n := copy(p[:1], t.data)
	t.data = t.data[n:]
	return n, nil
}

// The body buffer grows with the bytes that arrive, whatever
// Content-Length announces, and never past the limit.
func TestReadBodyGrowsWithArrivals(t *testing.T) {
	for _, tt := range []struct {
		name      string
		announced int64
		sent      int
		maxCap    int
	}{
		{"announced 1 MiB, sent 1 byte", 1 << 20, 1, 512},
		{"announced 1 MiB, sent 10 KiB", 1 << 20, 10 << 10, 24 << 10},
		{"small body reserved whole", 100, 100, 101},
		{"unannounced", -1, 3000, 4096},
	} {
		r := httptest.NewRequest("POST", "/", nil)
		r.Body = io.NopCloser(&trickle{data: make([]byte, tt.sent), err: io.EOF})
		r.ContentLength = tt.announced
		x := testExchange(1<<20, r)
		if err := x.readBody(); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if len(x.body) != tt.sent || cap(x.body) > tt.maxCap {
			t.Errorf("%s: read %d bytes into a buffer of %d, want %d in at most %d", tt.name, len(x.body), cap(x.body), tt.sent, tt.maxCap)
		}
	}
}

func TestReadBodyLimit(t *testing.T) {
	const limit = 1000
	r := httptest.NewRequest("POST", "/", nil)
	r.Body = io.NopCloser(strings.NewReader(strings.Repeat("x", 5000)))
	r.ContentLength = -1
	x := testExchange(limit, r)
	var fe *frameworkError
	if err := x.readBody(); !errors.As(err, &fe) || fe.status != http.StatusRequestEntityTooLarge {
		t.Fatalf("err = %v, want 413", err)
	}
	if cap(x.body) > 2*limit { // size classes round up a little
		t.Errorf("buffer of %d bytes for a limit of %d", cap(x.body), limit)
	}
}

// A body that cannot be read is answered with a fixed message: the Go error
// may name addresses or internals.
func TestReadBodyErrorsSayNothingInternal(t *testing.T) {
	secret := "read tcp 127.0.0.1:35591->127.0.0.1:42136"
	for _, tt := range []struct {
		err    error
		status int
	}{
		{&os.PathError{Op: secret, Err: os.ErrDeadlineExceeded}, http.StatusRequestTimeout},
		{io.ErrUnexpectedEOF, http.StatusBadRequest},
		{errors.New(secret), http.StatusBadRequest},
	} {
		r := httptest.NewRequest("POST", "/", nil)
		r.Body = io.NopCloser(&trickle{data: []byte("{"), err: tt.err})
		var log strings.Builder
		h := newHandler(nil, []HandlerOption{WithLogger(slogText(&log))})
		rec := httptest.NewRecorder()
		x := h.exchange.Get().(*exchange)
		x.w, x.r, x.op = rec, r, &operation{name: "Test"}
		x.startRequest(new(requestContext))
		x.fail(x.readBody())
		if rec.Code != tt.status || strings.Contains(rec.Body.String(), "127.0.0.1") || strings.Contains(rec.Body.String(), tt.err.Error()) {
			t.Errorf("%v: answered %d %s", tt.err, rec.Code, rec.Body)
		}
		if !strings.Contains(log.String(), tt.err.Error()) {
			t.Errorf("%v: not logged: %s", tt.err, log.String())
		}
	}
}

// A pooled exchange keeps no large buffer, and nothing of the request.
func TestReleaseTrimsBuffers(t *testing.T) {
	r := httptest.NewRequest("POST", "/", strings.NewReader(`{"a":"`+strings.Repeat("x", 200<<10)+`"}`))
	x := testExchange(1<<20, r)
	if err := x.readBody(); err != nil {
		t.Fatal(err)
	}
	x.json.reset(x.body, 0)
	x.out.string(strings.Repeat("y", 200<<10))
	x.release()
	if cap(x.body) > maxPooledBuffer || cap(x.out.buf) > maxPooledBuffer || x.json.data != nil || x.json.text.Cap() > jsonTextChunk {
		t.Errorf("released exchange keeps body %d, out %d, json data %d bytes", cap(x.body), cap(x.out.buf), len(x.json.data))
	}
}

func slogText(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }
