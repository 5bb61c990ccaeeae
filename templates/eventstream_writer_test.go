package templates

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// splitEventFrames cuts a response body into its messages and decodes them.
func splitEventFrames(t *testing.T, body []byte) []eventMessage {
	t.Helper()
	var msgs []eventMessage
	for len(body) > 0 {
		p, err := decodeEventPrelude(body, eventMaxMessage)
		if err != nil {
			t.Fatalf("message %d: %v", len(msgs), err)
		}
		m, err := decodeEventMessage(body[:p.total], eventMaxMessage)
		if err != nil {
			t.Fatalf("message %d: %v", len(msgs), err)
		}
		msgs = append(msgs, m)
		body = body[p.total:]
	}
	return msgs
}

// flushCounter is a ResponseRecorder that counts flushes.
type flushCounter struct {
	*httptest.ResponseRecorder
	flushes int
}

func (f *flushCounter) Flush() {
	f.flushes++
	f.ResponseRecorder.Flush()
}

func newTestEventWriter(t *testing.T, status int) (*eventStreamWriter, *flushCounter, *bytes.Buffer) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	h := newHandler(nil, []HandlerOption{WithLogger(logger)})
	rec := &flushCounter{ResponseRecorder: httptest.NewRecorder()}
	r := httptest.NewRequest("POST", "/", nil)
	x := &exchange{h: h, w: rec, r: r, op: &operation{name: "Stream"}, status: status}
	x.startRequest(new(requestContext))
	w := newEventStreamWriter(x)
	t.Cleanup(w.close)
	return w, rec, &logs
}

func jsonEvent(payload string) func(m *eventMessage) error {
	return func(m *eventMessage) error {
		m.payload = append(m.payload, payload...)
		return nil
	}
}

func TestEventStreamWriter(t *testing.T) {
	w, rec, _ := newTestEventWriter(t, 0)
	rec.Header().Set("X-Amz-Meta", "kept") // an output header member
	ctx := context.Background()
	if err := w.writeEvent(ctx, "Chunk", "application/json", jsonEvent(`{"n":1}`)); err != nil {
		t.Fatal(err)
	}
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/vnd.amazon.eventstream" || rec.Header().Get("X-Amz-Meta") != "kept" {
		t.Fatalf("status %d, headers %v", rec.Code, rec.Header())
	}
	if rec.flushes != 2 { // the headers, then the message
		t.Errorf("%d flushes after the first message, want 2", rec.flushes)
	}
	err := w.writeEvent(ctx, "Blob", "application/octet-stream", func(m *eventMessage) error {
		m.setInt("n", 2)
		m.payload = append(m.payload, 0, 1, 2)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if rec.flushes != 3 {
		t.Errorf("%d flushes after two messages, want 3", rec.flushes)
	}
	e := &frameworkError{http.StatusBadRequest, "ThrottlingException", "slow down"}
	if err := w.writeException(ctx, "throttlingException", e); err != nil {
		t.Fatal(err)
	}
	if err := w.writeEvent(ctx, "Chunk", "application/json", jsonEvent(`{}`)); !errors.Is(err, errEventStreamClosed) {
		t.Errorf("write after an exception: %v", err)
	}
	msgs := splitEventFrames(t, rec.Body.Bytes())
	want := [][]shownHeader{
		{{Name: ":message-type", Kind: eventString, Str: "event"}, {Name: ":event-type", Kind: eventString, Str: "Chunk"}, {Name: ":content-type", Kind: eventString, Str: "application/json"}},
		{{Name: ":message-type", Kind: eventString, Str: "event"}, {Name: ":event-type", Kind: eventString, Str: "Blob"}, {Name: ":content-type", Kind: eventString, Str: "application/octet-stream"}, {Name: "n", Kind: eventInt, Num: 2}},
		{{Name: ":message-type", Kind: eventString, Str: "exception"}, {Name: ":exception-type", Kind: eventString, Str: "throttlingException"}, {Name: ":content-type", Kind: eventString, Str: "application/json"}},
	}
	if len(msgs) != len(want) {
		t.Fatalf("%d messages, want %d", len(msgs), len(want))
	}
	payloads := []string{`{"n":1}`, "\x00\x01\x02", `{"message":"slow down"}`}
	for i := range msgs {
		if diff := cmp.Diff(want[i], showHeaders(&msgs[i])); diff != "" {
			t.Errorf("message %d headers (-want +got):\n%s", i, diff)
		}
		if string(msgs[i].payload) != payloads[i] {
			t.Errorf("message %d payload %q, want %q", i, msgs[i].payload, payloads[i])
		}
	}
}

func TestEventStreamWriterStart(t *testing.T) {
	w, rec, _ := newTestEventWriter(t, http.StatusAccepted)
	if err := w.start(); err != nil {
		t.Fatal(err)
	}
	if err := w.start(); err != nil {
		t.Fatal(err)
	}
	if rec.Code != http.StatusAccepted || rec.Header().Get("Content-Type") != "application/vnd.amazon.eventstream" || rec.Body.Len() != 0 {
		t.Errorf("status %d, headers %v, %d bytes", rec.Code, rec.Header(), rec.Body.Len())
	}
	if _, ok := rec.Header()["Content-Length"]; ok {
		t.Error("a stream has a Content-Length")
	}
}

func TestEventStreamWriterFail(t *testing.T) {
	t.Run("internal", func(t *testing.T) {
		w, rec, logs := newTestEventWriter(t, 0)
		w.fail(context.Background(), errors.New("database password is hunter2"))
		msgs := splitEventFrames(t, rec.Body.Bytes())
		if len(msgs) != 1 {
			t.Fatalf("%d messages", len(msgs))
		}
		m := &msgs[0]
		if m.headerString(":message-type") != "error" || m.headerString(":error-code") != "InternalFailure" || m.headerString(":error-message") != "an internal error occurred" {
			t.Errorf("headers %v", showHeaders(m))
		}
		if strings.Contains(rec.Body.String(), "hunter2") {
			t.Error("the error's text went to the client")
		}
		if !strings.Contains(logs.String(), "hunter2") || !strings.Contains(logs.String(), "operation=Stream") || !strings.Contains(logs.String(), "request_id=") {
			t.Errorf("log: %s", logs)
		}
		if err := w.writeError(context.Background(), "X", "y"); !errors.Is(err, errEventStreamClosed) {
			t.Errorf("write after an error message: %v", err)
		}
	})
	t.Run("malformed input", func(t *testing.T) {
		w, rec, _ := newTestEventWriter(t, 0)
		w.fail(context.Background(), errEventMessageCRC)
		m := splitEventFrames(t, rec.Body.Bytes())[0]
		if m.headerString(":error-code") != "SerializationException" || m.headerString(":error-message") != errEventMessageCRC.msg {
			t.Errorf("headers %v", showHeaders(&m))
		}
	})
	t.Run("client gone", func(t *testing.T) {
		w, rec, logs := newTestEventWriter(t, 0)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := w.writeEvent(ctx, "Chunk", "application/json", jsonEvent(`{}`)); !errors.Is(err, context.Canceled) {
			t.Errorf("write with a cancelled context: %v", err)
		}
		w.fail(ctx, context.Canceled)
		if rec.Body.Len() != 0 {
			t.Errorf("%d bytes written to a client that is gone", rec.Body.Len())
		}
		if !strings.Contains(logs.String(), "level=INFO") {
			t.Errorf("log: %s", logs)
		}
	})
}

// brokenWriter fails every write, as a connection the client closed does.
type brokenWriter struct{ *httptest.ResponseRecorder }

var errBrokenPipe = errors.New("broken pipe")

func (brokenWriter) Write([]byte) (int, error) { return 0, errBrokenPipe }

func TestEventStreamWriterBroken(t *testing.T) {
	w, _, _ := newTestEventWriter(t, 0)
	w.w = brokenWriter{httptest.NewRecorder()}
	w.rc = http.NewResponseController(w.w)
	for range 2 {
		if err := w.writeEvent(context.Background(), "Chunk", "application/json", jsonEvent(`{}`)); !errors.Is(err, errBrokenPipe) {
			t.Errorf("error %v, want the write's", err)
		}
	}
}

func TestEventStreamWriterBuildError(t *testing.T) {
	w, rec, _ := newTestEventWriter(t, 0)
	bad := errors.New("bad event")
	if err := w.writeEvent(context.Background(), "Chunk", "application/json", func(*eventMessage) error { return bad }); err != bad {
		t.Errorf("error %v", err)
	}
	long := strings.Repeat("x", eventMaxHeaderValue+1)
	if err := w.writeEvent(context.Background(), long, "application/json", jsonEvent(`{}`)); !errors.Is(err, errEventHeaderValue) {
		t.Errorf("error %v", err)
	}
	// Nothing went out but the headers; the stream goes on.
	if rec.Body.Len() != 0 {
		t.Errorf("%d bytes written", rec.Body.Len())
	}
	if err := w.writeEvent(context.Background(), "Chunk", "application/json", jsonEvent(`{}`)); err != nil {
		t.Error(err)
	}
}

func TestEventStreamWriterClosed(t *testing.T) {
	w, _, _ := newTestEventWriter(t, 0)
	w.close()
	if err := w.writeEvent(context.Background(), "Chunk", "application/json", jsonEvent(`{}`)); !errors.Is(err, errEventStreamClosed) {
		t.Errorf("write after close: %v", err)
	}
	w.close() // twice is fine
}

func TestEventStreamWriterAllocs(t *testing.T) {
	w, rec, _ := newTestEventWriter(t, 0)
	ctx := context.Background()
	build := jsonEvent(`{"delta":{"text":"Hello"}}`)
	allocs := testing.AllocsPerRun(100, func() {
		rec.Body.Reset()
		if err := w.writeEvent(ctx, "contentBlockDelta", "application/json", build); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per event, want 0", allocs)
	}
}

// discardFlusher is the cheapest ResponseWriter that streams.
type discardFlusher struct{ h http.Header }

func (d discardFlusher) Header() http.Header       { return d.h }
func (discardFlusher) Write(b []byte) (int, error) { return len(b), nil }
func (discardFlusher) WriteHeader(int)             {}
func (discardFlusher) Flush()                      {}

func BenchmarkEventWrite(b *testing.B) {
	h := newHandler(nil, nil)
	r := httptest.NewRequest("POST", "/", nil)
	dw := discardFlusher{http.Header{}}
	x := &exchange{h: h, w: dw, r: r, op: &operation{name: "Stream"}}
	x.startRequest(new(requestContext))
	w := newEventStreamWriter(x)
	defer w.close()
	ctx := context.Background()
	build := jsonEvent(`{"contentBlockIndex":0,"delta":{"text":"Hello, world"}}`)
	b.ReportAllocs()
	for b.Loop() {
		if err := w.writeEvent(ctx, "contentBlockDelta", "application/json", build); err != nil {
			b.Fatal(err)
		}
	}
}
