package templates

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
)

// FuzzEventStreamDecode feeds arbitrary bytes to the event-stream decoder,
// as one message and as a request body of messages, plain and in signed
// envelopes. Nothing may panic; every failure is an eventStreamError (or
// io.EOF at a clean end); and whatever is accepted encodes back to the
// bytes it came from. `make fuzz` runs it with the conformance targets.
func FuzzEventStreamDecode(f *testing.F) {
	for _, v := range eventVectors(f) {
		f.Add(v)
		f.Add(append(bytes.Clone(v), v...))
		f.Add(v[:len(v)/2])
	}
	f.Add(eventHexFile(f, "signed.txt")["sdk-signed"])
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := decodeEventMessage(data, eventMaxMessage)
		if err == nil {
			checkReencodes(t, &m, data)
		} else {
			checkEventError(t, err)
		}
		for _, header := range []http.Header{nil, {"X-Amz-Content-Sha256": {sigv4Events}}} {
			r := testEventReader(bytes.NewReader(data), header, 64<<10)
			for range 1000 {
				m, err := r.next(context.Background())
				if err == io.EOF {
					break
				}
				if err != nil {
					checkEventError(t, err)
					break
				}
				if header == nil {
					// A message read from a plain stream is a frame of
					// the body: it must encode to a part of it.
					enc, err := appendEventMessage(nil, m)
					if err != nil {
						t.Fatalf("the reader accepted a message that does not encode: %v", err)
					}
					if !bytes.Contains(data, enc) {
						t.Fatalf("the reader returned a message that is not in the body")
					}
				}
			}
		}
	})
}

func checkReencodes(t *testing.T, m *eventMessage, data []byte) {
	t.Helper()
	enc, err := appendEventMessage(nil, m)
	if err != nil {
		t.Fatalf("decoded a message that does not encode: %v", err)
	}
	if !bytes.Equal(enc, data) {
		t.Fatalf("decoded and encoded again:\n%x\nwas\n%x", enc, data)
	}
}

func checkEventError(t *testing.T, err error) {
	t.Helper()
	var e *eventStreamError
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an eventStreamError", err, err)
	}
}
