package templates

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// eventVectors reads testdata/eventstream/vectors.txt: name -> message.
func eventVectors(t testing.TB) map[string][]byte {
	t.Helper()
	return eventHexFile(t, "vectors.txt")
}

// eventHexFile reads a file of testdata/eventstream: name, then bytes in
// hex, on each line.
func eventHexFile(t testing.TB, name string) map[string][]byte {
	t.Helper()
	f, err := os.Open("testdata/eventstream/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	vectors := map[string][]byte{}
	s := bufio.NewScanner(f)
	s.Buffer(nil, 1<<20)
	for s.Scan() {
		line := s.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, h, _ := strings.Cut(line, " ")
		b, err := hex.DecodeString(h)
		if err != nil {
			t.Fatalf("vector %s: %v", name, err)
		}
		vectors[name] = b
	}
	return vectors
}

// shownHeader is a header as the tests compare it.
type shownHeader struct {
	Name string
	Kind eventHeaderKind
	Num  int64
	Str  string
	Data []byte
}

func showHeaders(m *eventMessage) []shownHeader {
	var out []shownHeader
	for _, h := range m.headers {
		out = append(out, shownHeader{h.name, h.kind, h.num, h.str, h.data})
	}
	return out
}

func allHeadersMessage() *eventMessage {
	m := &eventMessage{payload: []byte(`{"x":1}`)}
	m.setBool("true", true)
	m.setBool("false", false)
	m.setByte("byte", -3)
	m.setShort("short", -12345)
	m.setInt("int", -2000000000)
	m.setLong("long", -9000000000000000000)
	m.setBytes("bytes", []byte{0, 0xff, 0x10})
	m.setString("string", "héllo")
	m.setTimestamp("timestamp", time.UnixMilli(1700000000123))
	m.setUUID("uuid", [16]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
	return m
}

func TestEventVectors(t *testing.T) {
	vectors := eventVectors(t)
	want := map[string]*eventMessage{
		"empty":        {},
		"payload-only": {payload: []byte("{'foo':'bar'}")},
		"string-header": {
			headers: []eventHeader{{name: "content-type", kind: eventString, str: "application/json"}},
			payload: []byte("{'foo':'bar'}"),
		},
		"int-header": {
			headers: []eventHeader{{name: "event-id", kind: eventInt, num: 0xA00C}},
			payload: []byte("{'foo':'bar'}"),
		},
		"all-headers": allHeadersMessage(),
	}
	for name, m := range want {
		t.Run(name, func(t *testing.T) {
			frame, ok := vectors[name]
			if !ok {
				t.Fatal("no such vector")
			}
			got, err := decodeEventMessage(frame, eventMaxMessage)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(showHeaders(m), showHeaders(&got)); diff != "" {
				t.Errorf("headers (-want +got):\n%s", diff)
			}
			if !bytes.Equal(got.payload, m.payload) {
				t.Errorf("payload = %q, want %q", got.payload, m.payload)
			}
			enc, err := appendEventMessage(nil, m)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(enc, frame) {
				t.Errorf("encoded\n%x\nwant\n%x", enc, frame)
			}
		})
	}
}

func TestEventHeaderValues(t *testing.T) {
	m := allHeadersMessage()
	frame, err := appendEventMessage(nil, m)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeEventMessage(frame, len(frame))
	if err != nil {
		t.Fatal(err)
	}
	get := func(name string) eventHeader {
		h, ok := got.header(name)
		if !ok {
			t.Fatalf("no header %q", name)
		}
		return h
	}
	if v, ok := get("true").boolValue(); !ok || !v {
		t.Errorf("true = %v, %v", v, ok)
	}
	if v, ok := get("false").boolValue(); !ok || v {
		t.Errorf("false = %v, %v", v, ok)
	}
	if v, ok := get("byte").byteValue(); !ok || v != -3 {
		t.Errorf("byte = %v, %v", v, ok)
	}
	if v, ok := get("short").shortValue(); !ok || v != -12345 {
		t.Errorf("short = %v, %v", v, ok)
	}
	if v, ok := get("int").intValue(); !ok || v != -2000000000 {
		t.Errorf("int = %v, %v", v, ok)
	}
	if v, ok := get("long").longValue(); !ok || v != -9000000000000000000 {
		t.Errorf("long = %v, %v", v, ok)
	}
	if v, ok := get("string").stringValue(); !ok || v != "héllo" {
		t.Errorf("string = %q, %v", v, ok)
	}
	if v, ok := get("timestamp").timestampValue(); !ok || !v.Equal(time.UnixMilli(1700000000123)) || v.Location() != time.UTC {
		t.Errorf("timestamp = %v, %v", v, ok)
	}
	if v, ok := get("uuid").uuidValue(); !ok || v != [16]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15} {
		t.Errorf("uuid = %x, %v", v, ok)
	}
	b, ok := get("bytes").bytesValue()
	if !ok || !bytes.Equal(b, []byte{0, 0xff, 0x10}) {
		t.Errorf("bytes = %x, %v", b, ok)
	}
	b[0] = 'x' // a copy: the frame stays as it was
	if b2, _ := get("bytes").bytesValue(); b2[0] != 0 {
		t.Error("bytesValue returned the frame's own bytes")
	}
	// Each getter refuses the other kinds.
	if _, ok := get("int").longValue(); ok {
		t.Error("an int header read as a long")
	}
	if _, ok := get("bytes").stringValue(); ok {
		t.Error("a bytes header read as a string")
	}
	if _, ok := get("string").bytesValue(); ok {
		t.Error("a string header read as bytes")
	}
	if _, ok := get("long").timestampValue(); ok {
		t.Error("a long header read as a timestamp")
	}
	if _, ok := got.header("absent"); ok {
		t.Error("found a header that is not there")
	}
	if got.headerString("string") != "héllo" || got.headerString("int") != "" {
		t.Error("headerString")
	}
}

func TestEventSetReplaces(t *testing.T) {
	var m eventMessage
	m.setString("a", "1")
	m.setInt("b", 2)
	m.setString("a", "3")
	if diff := cmp.Diff([]shownHeader{{Name: "a", Kind: eventString, Str: "3"}, {Name: "b", Kind: eventInt, Num: 2}}, showHeaders(&m)); diff != "" {
		t.Error(diff)
	}
}

// frame builds a message from its parts with correct checksums, whatever
// the parts say.
func frame(total, headersLen uint32, headers, payload []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, total)
	b = binary.BigEndian.AppendUint32(b, headersLen)
	b = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
	b = append(b, headers...)
	b = append(b, payload...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

// withHeaders is a well-formed message with the raw headers section h.
func withHeaders(h []byte) []byte {
	return frame(uint32(16+len(h)), uint32(len(h)), h, nil)
}

func TestEventDecodeMalformed(t *testing.T) {
	good := eventVectors(t)["string-header"]
	flip := func(i int) []byte {
		b := bytes.Clone(good)
		b[i] ^= 1
		return b
	}
	long := make([]byte, 2+eventMaxHeaderValue+1)
	binary.BigEndian.PutUint16(long, eventMaxHeaderValue+1)
	tests := []struct {
		name  string
		frame []byte
		limit int
		want  error
	}{
		{"empty input", nil, 0, errEventTruncated},
		{"short prelude", good[:11], 0, errEventTruncated},
		{"prelude crc", flip(8), 0, errEventPreludeCRC},
		{"length without its crc", flip(3), 0, errEventPreludeCRC},
		{"message crc", flip(len(good) - 1), 0, errEventMessageCRC},
		{"payload changed", flip(len(good) - 5), 0, errEventMessageCRC},
		{"truncated", good[:len(good)-1], 0, errEventTruncated},
		{"trailing bytes", append(bytes.Clone(good), 0), 0, errEventLength},
		{"total below minimum", frame(15, 0, nil, nil), 0, errEventLength},
		{"headers past the end", frame(16, 1, nil, nil), 0, errEventLength},
		{"headers length wraps", frame(16, 0xffffffff, nil, nil), 0, errEventLength},
		{"over the limit", good, len(good) - 1, errEventTooLarge},
		{"announced over the limit", frame(0xffffffff, 0, nil, nil), 0, errEventTooLarge},
		{"headers too long", frame(eventMaxMessage, eventMaxHeaders+1, nil, nil), 0, errEventHeadersTooLong},
		{"payload too long", frame(eventMaxMessage, 0, nil, nil), 0, errEventPayloadTooLong},
		{"header type 10", withHeaders([]byte{1, 'a', 10}), 0, errEventHeaderType},
		{"header type 255", withHeaders([]byte{1, 'a', 255}), 0, errEventHeaderType},
		{"empty header name", withHeaders([]byte{0, 0}), 0, errEventHeaderName},
		{"name past the section", withHeaders([]byte{5, 'a', 'b'}), 0, errEventHeaderOverrun},
		{"no type byte", withHeaders([]byte{1, 'a'}), 0, errEventHeaderOverrun},
		{"int past the section", withHeaders([]byte{1, 'a', 4, 0, 0}), 0, errEventHeaderOverrun},
		{"uuid past the section", withHeaders([]byte{1, 'a', 9, 1, 2, 3}), 0, errEventHeaderOverrun},
		{"string without length", withHeaders([]byte{1, 'a', 7, 0}), 0, errEventHeaderOverrun},
		{"string past the section", withHeaders([]byte{1, 'a', 7, 0, 3, 'x'}), 0, errEventHeaderOverrun},
		{"bytes value too long", withHeaders(append([]byte{1, 'a', 6}, long...)), 0, errEventHeaderValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			limit := tt.limit
			if limit == 0 {
				limit = eventMaxMessage
			}
			m, err := decodeEventMessage(tt.frame, limit)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error = %v, want %v", err, tt.want)
			}
			if len(m.headers) != 0 || len(m.payload) != 0 {
				t.Errorf("a failed decode left %d headers, %d payload bytes", len(m.headers), len(m.payload))
			}
		})
	}
	if !errors.Is(errEventTruncated, io.ErrUnexpectedEOF) {
		t.Error("a truncated message is not an io.ErrUnexpectedEOF")
	}
}

func TestEventEncodeLimits(t *testing.T) {
	tests := []struct {
		name string
		set  func(m *eventMessage)
		want error
	}{
		{"empty name", func(m *eventMessage) { m.setInt("", 1) }, errEventHeaderName},
		{"long name", func(m *eventMessage) { m.setInt(strings.Repeat("n", 256), 1) }, errEventHeaderName},
		{"long string", func(m *eventMessage) { m.setString("s", strings.Repeat("v", eventMaxHeaderValue+1)) }, errEventHeaderValue},
		{"long bytes", func(m *eventMessage) { m.setBytes("b", make([]byte, eventMaxHeaderValue+1)) }, errEventHeaderValue},
		{"headers too long", func(m *eventMessage) {
			for i := range 5 {
				m.setString(string(rune('a'+i)), strings.Repeat("v", eventMaxHeaderValue))
			}
		}, errEventHeadersTooLong},
		{"payload too long", func(m *eventMessage) { m.payload = make([]byte, eventMaxPayload+1) }, errEventPayloadTooLong},
		{"unknown kind", func(m *eventMessage) { m.headers = append(m.headers, eventHeader{name: "x", kind: 10}) }, errEventHeaderType},
		{"short uuid", func(m *eventMessage) { m.headers = append(m.headers, eventHeader{name: "x", kind: eventUUID}) }, errEventHeaderUUID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m eventMessage
			tt.set(&m)
			dst := []byte("kept")
			got, err := appendEventMessage(dst, &m)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error = %v, want %v", err, tt.want)
			}
			if string(got) != "kept" {
				t.Errorf("dst = %q after a failed encode", got)
			}
		})
	}
	// The longest name and value the format allows go through.
	var m eventMessage
	m.setString(strings.Repeat("n", 255), strings.Repeat("v", eventMaxHeaderValue))
	b, err := appendEventMessage(nil, &m)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := decodeEventMessage(b, len(b)); err != nil {
		t.Fatal(err)
	}
}

func TestWithEventMessageLimit(t *testing.T) {
	for _, tt := range []struct{ n, want int }{{0, eventMinMessage}, {100, 100}, {1 << 30, eventMaxMessage}} {
		var o handlerOptions
		WithEventMessageLimit(tt.n)(&o)
		if got := o.eventMessageLimit(); got != tt.want {
			t.Errorf("WithEventMessageLimit(%d): limit %d, want %d", tt.n, got, tt.want)
		}
	}
	var o handlerOptions
	if o.eventMessageLimit() != defaultEventMessageLimit {
		t.Error("the default limit")
	}
}

func BenchmarkEventEncode(b *testing.B) {
	m := allHeadersMessage()
	buf := make([]byte, 0, 1024)
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if buf, err = appendEventMessage(buf[:0], m); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEventDecode(b *testing.B) {
	var m eventMessage
	m.setString(":message-type", "event")
	m.setString(":event-type", "chunk")
	m.setString(":content-type", "application/json")
	m.payload = []byte(`{"bytes":"eyJ0eXBlIjoiY29udGVudF9ibG9ja19kZWx0YSJ9"}`)
	frame, _ := appendEventMessage(nil, &m)
	var got eventMessage
	b.ReportAllocs()
	for b.Loop() {
		if err := got.decode(frame, len(frame)); err != nil {
			b.Fatal(err)
		}
	}
}
