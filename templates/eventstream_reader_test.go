package templates

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
)

// testEvent encodes an event message whose payload is its number.
func testEvent(t testing.TB, n int) []byte {
	var m eventMessage
	m.setString(":message-type", "event")
	m.setString(":event-type", "Number")
	m.payload = []byte(strconv.Itoa(n))
	b, err := appendEventMessage(nil, &m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func testEventReader(body io.Reader, header http.Header, limit int) *eventStreamReader {
	h := newHandler(nil, []HandlerOption{WithEventMessageLimit(limit)})
	r := httptest.NewRequest("POST", "/", nil)
	r.Body = io.NopCloser(body)
	for k, v := range header {
		r.Header[k] = v
	}
	x := &exchange{h: h, r: r, ctx: context.Background()}
	return newEventStreamReader(x)
}

// readAll reads every message's payload up to the first error.
func readAll(r *eventStreamReader) ([]string, error) {
	var got []string
	for {
		m, err := r.next(context.Background())
		if err != nil {
			return got, err
		}
		got = append(got, string(m.payload))
	}
}

func TestEventStreamReader(t *testing.T) {
	var body []byte
	for i := range 5 {
		body = append(body, testEvent(t, i)...)
	}
	for _, tt := range []struct {
		name string
		body io.Reader
	}{
		{"whole", bytes.NewReader(body)},
		{"a byte at a time", &trickle{data: body, err: io.EOF}},
		{"EOF with the last bytes", &eofWithData{data: body}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := testEventReader(tt.body, nil, 1<<20)
			got, err := readAll(r)
			if err != io.EOF {
				t.Fatalf("error %v, want io.EOF", err)
			}
			if want := []string{"0", "1", "2", "3", "4"}; !slicesEqual(got, want) {
				t.Errorf("payloads %q, want %q", got, want)
			}
			if _, err := r.next(context.Background()); err != io.EOF {
				t.Errorf("after the end: %v", err)
			}
		})
	}
}

func slicesEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// eofWithData returns all its data with io.EOF in one Read.
type eofWithData struct{ data []byte }

func (e *eofWithData) Read(p []byte) (int, error) {
	n := copy(p, e.data)
	e.data = e.data[n:]
	if len(e.data) == 0 {
		return n, io.EOF
	}
	return n, nil
}

// countingReader counts the bytes read from it.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func TestEventStreamReaderMalformed(t *testing.T) {
	good := testEvent(t, 7)
	badCRC := bytes.Clone(good)
	badCRC[len(badCRC)-1] ^= 1
	fail := errors.New("connection reset")
	tests := []struct {
		name string
		body io.Reader
		want error
	}{
		{"empty body", bytes.NewReader(nil), io.EOF},
		{"half a prelude", bytes.NewReader(good[:6]), errEventTruncated},
		{"half a message", bytes.NewReader(good[:len(good)-2]), errEventTruncated},
		{"second message cut", bytes.NewReader(append(bytes.Clone(good), good[:20]...)), errEventTruncated},
		{"bad message crc", bytes.NewReader(badCRC), errEventMessageCRC},
		{"read error", io.MultiReader(bytes.NewReader(good[:20]), &trickle{err: fail}), fail},
		{"no progress", zeroReader{}, errEventNoProgress},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := testEventReader(tt.body, nil, 1<<20)
			_, err := readAll(r)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if _, again := r.next(context.Background()); again != err {
				t.Errorf("next after an error: %v", again)
			}
		})
	}
}

type zeroReader struct{}

func (zeroReader) Read([]byte) (int, error) { return 0, nil }

// A message over the limit is refused on its prelude: the rest is
// neither read nor allocated.
func TestEventStreamReaderLimit(t *testing.T) {
	var m eventMessage
	m.payload = make([]byte, 100_000)
	big, _ := appendEventMessage(nil, &m)
	body := &countingReader{r: bytes.NewReader(big)}
	r := testEventReader(body, nil, 50_000)
	if _, err := r.next(context.Background()); !errors.Is(err, errEventTooLarge) {
		t.Fatalf("error %v", err)
	}
	if body.n > 4<<10 {
		t.Errorf("read %d bytes of a message refused by its prelude", body.n)
	}
	// A prelude that announces 1 MiB and stops costs what arrived.
	announced := frame(1<<20, 0, nil, nil)[:eventPreludeLen]
	r = testEventReader(bytes.NewReader(append(announced, make([]byte, 100)...)), nil, 2<<20)
	if err := r.readMessage(); !errors.Is(err, errEventTruncated) {
		t.Fatalf("error %v", err)
	}
	if cap(r.buf) > 8<<10 {
		t.Errorf("buffer of %d bytes for 112 that arrived", cap(r.buf))
	}
}

// The buffer is reused: reading many messages allocates nothing per
// message once it has grown.
func TestEventStreamReaderReuse(t *testing.T) {
	msg := testEvent(t, 12345)
	body := bytes.Repeat(msg, 1000)
	r := testEventReader(bytes.NewReader(body), nil, 1<<20)
	ctx := context.Background()
	r.next(ctx)
	allocs := testing.AllocsPerRun(500, func() {
		if _, err := r.next(ctx); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per message", allocs)
	}
}

func TestEventStreamReaderContext(t *testing.T) {
	r := testEventReader(bytes.NewReader(testEvent(t, 1)), nil, 1<<20)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.next(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v", err)
	}
	// The context is the caller's, not the stream's: the stream goes on.
	if m, err := r.next(context.Background()); err != nil || string(m.payload) != "1" {
		t.Errorf("next after a cancelled call: %v", err)
	}
}

func TestEventStreamReaderClose(t *testing.T) {
	r := testEventReader(bytes.NewReader(testEvent(t, 1)), nil, 1<<20)
	r.close()
	if _, err := r.next(context.Background()); err != io.EOF {
		t.Errorf("next after close: %v", err)
	}
}

func BenchmarkEventRead(b *testing.B) {
	var m eventMessage
	m.setString(":message-type", "event")
	m.setString(":event-type", "AudioEvent")
	m.setString(":content-type", "application/octet-stream")
	m.payload = make([]byte, 3200) // 100 ms of 16 kHz 16-bit audio
	msg, _ := appendEventMessage(nil, &m)
	body := bytes.NewReader(nil)
	r := testEventReader(body, nil, 1<<20)
	ctx := context.Background()
	b.SetBytes(int64(len(msg)))
	b.ReportAllocs()
	for b.Loop() {
		body.Reset(msg)
		if _, err := r.next(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// The request path leaves an event-stream body to the reader, and takes
// no other media type for it.
func TestCheckRequestInputEvents(t *testing.T) {
	for _, tt := range []struct {
		contentType string
		ok          bool
	}{
		{"", true},
		{"application/vnd.amazon.eventstream", true},
		{"application/json", false},
	} {
		body := &countingReader{r: bytes.NewReader(testEvent(t, 1))}
		r := httptest.NewRequest("POST", "/", nil)
		r.Body = io.NopCloser(body)
		if tt.contentType != "" {
			r.Header.Set("Content-Type", tt.contentType)
		}
		x := testExchange(1, r) // a body limit the stream would break
		x.op.inputEvents = true
		err := x.checkRequest()
		if (err == nil) != tt.ok {
			t.Errorf("Content-Type %q: %v", tt.contentType, err)
		}
		if body.n != 0 {
			t.Errorf("Content-Type %q: the request path read %d bytes of the stream", tt.contentType, body.n)
		}
	}
}
