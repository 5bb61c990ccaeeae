package bench

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"net/http"
	"testing"

	bedrock "github.com/smithygen/smithygen/output/bedrockruntime"
)

// The event-stream benchmarks stream b.N small ConverseStream text deltas
// in one response, as a model answering token by token does: ns/op and
// allocs/op are per event. The client is in process and drains the body at
// once (a ResponseWriter that counts and flushes), so what is measured is
// the handler: encoding each event and its frame, writing and flushing it.

// converseStreamBody is a minimal ConverseStream request.
const converseStreamBody = `{"messages":[{"role":"user","content":[{"text":"Say hello."}]}]}`

// deltaText is the text of each delta: a token or so.
const deltaText = "tok"

// flushWriter is a discardWriter that can be flushed, as the writer of a
// streamed response must.
type flushWriter struct {
	discardWriter
	flushes int
	keep    *bytes.Buffer // the body, when a test wants it
}

func (w *flushWriter) Flush() { w.flushes++ }

func (w *flushWriter) Write(b []byte) (int, error) {
	if w.keep != nil {
		w.keep.Write(b)
	}
	return w.discardWriter.Write(b)
}

// deltaStreamer answers ConverseStream with events text deltas.
type deltaStreamer struct {
	bedrock.UnimplementedService
	events int
}

var deltaEvent = &bedrock.ConverseStreamOutput_MemberContentBlockDelta{Value: bedrock.ContentBlockDeltaEvent{
	ContentBlockIndex: ptr(int32(0)),
	Delta:             &bedrock.ContentBlockDeltaMemberText{Value: deltaText},
}}

func (s *deltaStreamer) ConverseStream(context.Context, *bedrock.ConverseStreamInput) (*bedrock.ConverseStreamOutput, error) {
	return &bedrock.ConverseStreamOutput{Stream: func(ctx context.Context, w *bedrock.ConverseStreamOutput_Writer) error {
		for range s.events {
			if err := w.Send(ctx, deltaEvent); err != nil {
				return err
			}
		}
		return nil
	}}, nil
}

// deltasByHand is the limit: a handler that writes the same frames itself,
// each built in one reused buffer with a constant payload.
type deltasByHand struct{ events int }

func (h deltasByHand) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/vnd.amazon.eventstream")
	w.WriteHeader(http.StatusOK)
	flusher := w.(http.Flusher)
	payload := []byte(`{"contentBlockIndex":0,"delta":{"text":"` + deltaText + `"}}`)
	var frame []byte
	for range h.events {
		frame = appendDeltaFrame(frame[:0], payload)
		if _, err := w.Write(frame); err != nil {
			return
		}
		flusher.Flush()
	}
}

// appendDeltaFrame appends one contentBlockDelta event message: prelude
// (total length, headers length, their CRC32), three string headers, the
// payload and the CRC32 of all that.
func appendDeltaFrame(dst, payload []byte) []byte {
	start := len(dst)
	dst = append(dst, make([]byte, 12)...)
	headersStart := len(dst)
	dst = appendStringHeader(dst, ":message-type", "event")
	dst = appendStringHeader(dst, ":event-type", "contentBlockDelta")
	dst = appendStringHeader(dst, ":content-type", "application/json")
	headersLen := len(dst) - headersStart
	dst = append(dst, payload...)
	total := len(dst) - start + 4
	binary.BigEndian.PutUint32(dst[start:], uint32(total))
	binary.BigEndian.PutUint32(dst[start+4:], uint32(headersLen))
	binary.BigEndian.PutUint32(dst[start+8:], crc32.ChecksumIEEE(dst[start:start+8]))
	return binary.BigEndian.AppendUint32(dst, crc32.ChecksumIEEE(dst[start:]))
}

func appendStringHeader(dst []byte, name, value string) []byte {
	dst = append(dst, byte(len(name)))
	dst = append(dst, name...)
	dst = append(dst, 7) // string
	dst = binary.BigEndian.AppendUint16(dst, uint16(len(value)))
	return append(dst, value...)
}

// streamEvents serves one ConverseStream request to h, writing to w.
func streamEvents(tb testing.TB, h http.Handler, w *flushWriter) {
	rr := newReplayRequest("POST", "http://localhost/model/anthropic.claude-v2/converse-stream", converseStreamBody)
	h.ServeHTTP(w, rr.next())
	if w.status != http.StatusOK {
		tb.Fatalf("status %d", w.status)
	}
}

// BenchmarkEventStreamConverse streams text deltas through the generated
// handler: the service sends them one by one with Send.
func BenchmarkEventStreamConverse(b *testing.B) {
	svc := &deltaStreamer{}
	benchmarkEvents(b, bedrock.NewHandler(svc), func(n int) { svc.events = n })
}

// BenchmarkEventStreamConverseByHand writes the same frames by hand.
func BenchmarkEventStreamConverseByHand(b *testing.B) {
	h := &deltasByHand{}
	benchmarkEvents(b, h, func(n int) { h.events = n })
}

func benchmarkEvents(b *testing.B, h http.Handler, setEvents func(int)) {
	w := &flushWriter{discardWriter: discardWriter{h: http.Header{}}}
	setEvents(b.N)
	settle()
	b.ReportAllocs()
	b.ResetTimer()
	streamEvents(b, h, w)
	b.StopTimer()
	if w.flushes < b.N {
		b.Fatalf("%d flushes for %d events", w.flushes, b.N)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// The limit writes exactly what the handler writes, or it would not be the
// limit of the same work.
func TestEventStreamByHandSameFrames(t *testing.T) {
	svc := &deltaStreamer{events: 3}
	generated := &flushWriter{discardWriter: discardWriter{h: http.Header{}}, keep: new(bytes.Buffer)}
	streamEvents(t, bedrock.NewHandler(svc), generated)
	byHand := &flushWriter{discardWriter: discardWriter{h: http.Header{}}, keep: new(bytes.Buffer)}
	streamEvents(t, deltasByHand{events: 3}, byHand)
	if !bytes.Equal(generated.keep.Bytes(), byHand.keep.Bytes()) {
		t.Errorf("the handler wrote\n%q\nby hand\n%q", generated.keep.Bytes(), byHand.keep.Bytes())
	}
	if ct := generated.h.Get("Content-Type"); ct != byHand.h.Get("Content-Type") {
		t.Errorf("Content-Type %q", ct)
	}
}
