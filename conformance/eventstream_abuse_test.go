package conformance

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/smithygen/smithygen/conformance/internal/restjsonfull"
)

// Hostile event streams, sent to DuplexStream of Smithy's restJson1 suite:
// a service that sends back every event it receives. Each test bounds
// memory (bytes allocated, heap growth), never time; a malformed stream
// ends the input with an error and the output with an error message.

// eventEcho serves DuplexStream by sending back each event it receives.
type eventEcho struct {
	restjsonfull.UnimplementedService
	started  atomic.Int64 // streams being read
	received atomic.Int64 // events received, over all streams
	ended    chan error   // how each input stream ended: nil at its end
}

func newEventEcho() *eventEcho { return &eventEcho{ended: make(chan error, 100)} }

func (s *eventEcho) DuplexStream(_ context.Context, in *restjsonfull.DuplexStreamInput) (*restjsonfull.DuplexStreamOutput, error) {
	return &restjsonfull.DuplexStreamOutput{Stream: func(ctx context.Context, w *restjsonfull.EventStreamWriter) error {
		s.started.Add(1)
		for {
			ev, err := in.Stream.Recv(ctx)
			if err != nil {
				if err == io.EOF {
					err = nil
				}
				s.ended <- err
				return err
			}
			s.received.Add(1)
			if err := w.Send(ctx, ev); err != nil {
				s.ended <- err
				return err
			}
		}
	}}, nil
}

func (s *eventEcho) handler() http.Handler {
	return restjsonfull.NewHandler(s, restjsonfull.WithLogger(slog.New(slog.DiscardHandler)))
}

// duplexRequest is a DuplexStream request whose body is stream.
func duplexRequest(ctx context.Context, stream []byte) *http.Request {
	r := httptest.NewRequestWithContext(ctx, "POST", "http://localhost/DuplexStream", bytes.NewReader(stream))
	r.Header.Set("Content-Type", "application/vnd.amazon.eventstream")
	return r
}

// tinyEvent is the smallest event of the union: a one-byte string payload.
func tinyEvent(i int) []byte {
	return frame{
		headers: []frameHeader{
			stringHeader(":message-type", "event"),
			stringHeader(":event-type", "stringPayload"),
			stringHeader(":content-type", "text/plain"),
		},
		payload: []byte{byte('a' + i%26)},
	}.encode(nil)
}

// allocated returns the bytes allocated while fn runs: a bound on the heap
// it can have held at once.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// serveStream sends a DuplexStream request and decodes the response
// stream.
func serveStream(t *testing.T, h http.Handler, stream []byte) (response, []frame) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), requestTimeout)
	defer cancel()
	resp := serveRequest(t, h, duplexRequest(ctx, stream))
	if resp.status != http.StatusOK {
		t.Fatalf("answered %d %s, want 200 and a stream", resp.status, resp.body)
	}
	frames, err := decodeFrames(resp.body)
	if err != nil {
		t.Fatalf("response stream: %v", err)
	}
	return resp, frames
}

// wantErrorEnd checks that a response stream echoed n events and then
// ended with an error message, and that the input stream ended with an
// error.
func wantErrorEnd(t *testing.T, s *eventEcho, frames []frame, n int) {
	t.Helper()
	if got := s.received.Load(); got != int64(n) {
		t.Errorf("the service received %d events, want %d", got, n)
	}
	if len(frames) != n+1 {
		t.Fatalf("%d messages in the response, want %d events and an error message", len(frames), n)
	}
	last := frames[n]
	if mt, _ := last.header(":message-type"); mt.value != "error" {
		t.Errorf("last message of type %v, want error", mt.value)
	}
	if code, _ := last.header(":error-code"); code.value == nil || code.value == "" {
		t.Errorf("error message without :error-code")
	}
	select {
	case err := <-s.ended:
		if err == nil {
			t.Errorf("the input stream ended cleanly, want an error")
		}
	default:
		t.Errorf("the input stream did not end")
	}
}

// A message announcing 4 GiB is refused from its prelude: the server
// allocates nothing like it, and the stream ends with an error message.
func TestAbuseEventStreamHugeMessage(t *testing.T) {
	s := newEventEcho()
	h := s.handler()
	prelude := binary.BigEndian.AppendUint32(nil, 0xFFFFFFF0) // total length
	prelude = binary.BigEndian.AppendUint32(prelude, 64)      // headers length
	prelude = binary.BigEndian.AppendUint32(prelude, crc32.ChecksumIEEE(prelude))
	stream := append(tinyEvent(0), prelude...)
	stream = append(stream, bytes.Repeat([]byte{'x'}, 64<<10)...)
	var frames []frame
	n := allocated(func() { _, frames = serveStream(t, h, stream) })
	t.Logf("a message announcing 4 GiB: %d KiB allocated", n>>10)
	if n > 4<<20 {
		t.Errorf("a message announcing 4 GiB cost %d KiB of allocations, want under 4 MiB", n>>10)
	}
	wantErrorEnd(t, s, frames, 1)
}

// Ten thousand one-byte events all arrive, in order, each costing a
// bounded number of bytes.
func TestAbuseEventStreamManyTinyMessages(t *testing.T) {
	const n = 10000
	s := newEventEcho()
	h := s.handler()
	var stream []byte
	for i := range n {
		stream = append(stream, tinyEvent(i)...)
	}
	var frames []frame
	total := allocated(func() { _, frames = serveStream(t, h, stream) })
	t.Logf("%d one-byte events: %d B allocated per event", n, total/n)
	if per := total / n; per > 4<<10 {
		t.Errorf("%d B allocated per event, want under 4 KiB", per)
	}
	if got := s.received.Load(); got != n {
		t.Fatalf("the service received %d events, want %d", got, n)
	}
	if len(frames) != n {
		t.Fatalf("%d events sent back, want %d", len(frames), n)
	}
	for i, f := range frames {
		if string(f.payload) != string(rune('a'+i%26)) {
			t.Fatalf("event %d sent back %q, want %q: out of order", i, f.payload, rune('a'+i%26))
		}
	}
	if err := <-s.ended; err != nil {
		t.Errorf("the input stream ended with %v, want its end", err)
	}
}

// A bad checksum in the middle of a stream ends it there: the events
// before it are received, none after, and the response ends with an error
// message.
func TestAbuseEventStreamBadChecksum(t *testing.T) {
	for _, tt := range []struct {
		name    string
		corrupt func(msg []byte)
	}{
		{"message checksum", func(msg []byte) { msg[len(msg)-1] ^= 1 }},
		{"prelude checksum", func(msg []byte) { msg[11] ^= 1 }},
		{"payload", func(msg []byte) { msg[len(msg)-5] ^= 1 }},
		{"headers length", func(msg []byte) { msg[7] ^= 1 }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := newEventEcho()
			var stream []byte
			for i := range 3 {
				stream = append(stream, tinyEvent(i)...)
			}
			bad := tinyEvent(3)
			tt.corrupt(bad)
			stream = append(stream, bad...)
			stream = append(stream, tinyEvent(4)...)
			_, frames := serveStream(t, s.handler(), stream)
			wantErrorEnd(t, s, frames, 3)
		})
	}
}

// A stream cut in the middle of a message ends with an error, not as if
// it were complete.
func TestAbuseEventStreamTruncated(t *testing.T) {
	s := newEventEcho()
	stream := append(tinyEvent(0), tinyEvent(1)[:20]...)
	_, frames := serveStream(t, s.handler(), stream)
	wantErrorEnd(t, s, frames, 1)
}

// Streams that stall in the middle of a message announcing 1 MiB cost the
// server little memory, and end when their clients go away.
func TestAbuseEventStreamStalled(t *testing.T) {
	const conns = 50
	s := newEventEcho()
	srv := httptest.NewServer(s.handler())
	t.Cleanup(srv.Close)
	addr := srv.Listener.Addr().String()

	big := frame{headers: tinyFrameHeaders(), payload: bytes.Repeat([]byte{'x'}, 1<<20-200)}.encode(nil)
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	clients := make([]io.Closer, 0, conns)
	for range conns {
		c := rawConn(t, addr)
		clients = append(clients, c)
		head := "POST /DuplexStream HTTP/1.1\r\nHost: localhost\r\n" +
			"Content-Type: application/vnd.amazon.eventstream\r\nTransfer-Encoding: chunked\r\n\r\n"
		body := append(tinyEvent(0), big[:100]...)
		if _, err := fmt.Fprintf(c, "%s%x\r\n%s\r\n", head, len(body), body); err != nil {
			t.Fatal(err)
		}
	}
	// Each stream is stalled once its first event has been received and
	// its reader has had a moment to wait for the rest of the second.
	for i := 0; s.received.Load() < conns && i < 500; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	if got := s.received.Load(); got < conns {
		t.Fatalf("only %d of %d streams received their first event", got, conns)
	}
	time.Sleep(200 * time.Millisecond)
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	grew := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("%d streams stalled in 1 MiB messages: heap grew %d KiB", conns, grew>>10)
	if grew > 8<<20 {
		t.Errorf("%d streams stalled in 1 MiB messages hold %d KiB of heap, want under 8 MiB", conns, grew>>10)
	}
	for _, c := range clients {
		c.Close()
	}
	timeout := time.After(requestTimeout)
	for i := range conns {
		select {
		case err := <-s.ended:
			if err == nil {
				t.Errorf("a stalled stream ended cleanly when its client went away")
			}
		case <-timeout:
			t.Fatalf("%d of %d stalled streams ended after their clients went away", i, conns)
		}
	}
}

func tinyFrameHeaders() []frameHeader {
	return []frameHeader{
		stringHeader(":message-type", "event"),
		stringHeader(":event-type", "blobPayload"),
		stringHeader(":content-type", "application/octet-stream"),
	}
}
