package conformance

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"testing"
	"time"
)

// A frame codec of the tests' own for application/vnd.amazon.eventstream:
// the tests build request streams and read response streams with it, so
// that they do not check the generated code with the code it runs.
//
//	prelude:  total length (u32) | headers length (u32) | CRC32 of those 8 bytes
//	headers:  name length (u8) | name | value type (u8) | value, repeated
//	payload
//	trailer:  CRC32 of everything before it

// frameHeaderType is a header value type as the wire numbers it.
type frameHeaderType byte

const (
	frameTrue      frameHeaderType = 0
	frameFalse     frameHeaderType = 1
	frameByte      frameHeaderType = 2
	frameShort     frameHeaderType = 3
	frameInt       frameHeaderType = 4
	frameLong      frameHeaderType = 5
	frameBytes     frameHeaderType = 6
	frameString    frameHeaderType = 7
	frameTimestamp frameHeaderType = 8
	frameUUID      frameHeaderType = 9
)

// frameIntSize is the size of the fixed-size values.
var frameIntSize = map[frameHeaderType]int{frameByte: 1, frameShort: 2, frameInt: 4, frameLong: 8, frameTimestamp: 8, frameUUID: 16}

// frameHeader is one header: bool, int64 (byte to long), []byte (bytes,
// uuid), string or time.Time, as typ says.
type frameHeader struct {
	name  string
	typ   frameHeaderType
	value any
}

// frame is one message of a stream.
type frame struct {
	headers []frameHeader
	payload []byte
}

func (f frame) header(name string) (frameHeader, bool) {
	for _, h := range f.headers {
		if h.name == name {
			return h, true
		}
	}
	return frameHeader{}, false
}

func stringHeader(name, v string) frameHeader { return frameHeader{name, frameString, v} }

// encode appends the message to dst.
func (f frame) encode(dst []byte) []byte {
	var hs []byte
	for _, h := range f.headers {
		hs = append(hs, byte(len(h.name)))
		hs = append(hs, h.name...)
		hs = append(hs, byte(h.typ))
		switch v := h.value.(type) {
		case bool:
		case int64:
			var b [8]byte
			binary.BigEndian.PutUint64(b[:], uint64(v))
			hs = append(hs, b[8-frameIntSize[h.typ]:]...) // the low bytes
		case time.Time:
			hs = binary.BigEndian.AppendUint64(hs, uint64(v.UnixMilli()))
		case string:
			hs = binary.BigEndian.AppendUint16(hs, uint16(len(v)))
			hs = append(hs, v...)
		case []byte:
			if h.typ == frameBytes {
				hs = binary.BigEndian.AppendUint16(hs, uint16(len(v)))
			}
			hs = append(hs, v...)
		}
	}
	start := len(dst)
	total := 12 + len(hs) + len(f.payload) + 4
	dst = binary.BigEndian.AppendUint32(dst, uint32(total))
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(hs)))
	dst = binary.BigEndian.AppendUint32(dst, crc32.ChecksumIEEE(dst[start:]))
	dst = append(dst, hs...)
	dst = append(dst, f.payload...)
	return binary.BigEndian.AppendUint32(dst, crc32.ChecksumIEEE(dst[start:]))
}

// decodeFrames splits a response body into its messages, checking both
// checksums of each.
func decodeFrames(body []byte) ([]frame, error) {
	var out []frame
	for len(body) > 0 {
		if len(body) < 16 {
			return out, fmt.Errorf("message %d: %d bytes left, less than a prelude and trailer", len(out), len(body))
		}
		total := int(binary.BigEndian.Uint32(body))
		hlen := int(binary.BigEndian.Uint32(body[4:]))
		if crc32.ChecksumIEEE(body[:8]) != binary.BigEndian.Uint32(body[8:]) {
			return out, fmt.Errorf("message %d: prelude checksum", len(out))
		}
		if total < 16+hlen || total > len(body) {
			return out, fmt.Errorf("message %d: total length %d, headers %d, %d bytes left", len(out), total, hlen, len(body))
		}
		msg := body[:total]
		if crc32.ChecksumIEEE(msg[:total-4]) != binary.BigEndian.Uint32(msg[total-4:]) {
			return out, fmt.Errorf("message %d: message checksum", len(out))
		}
		hs, err := decodeHeaders(msg[12 : 12+hlen])
		if err != nil {
			return out, fmt.Errorf("message %d: %w", len(out), err)
		}
		out = append(out, frame{headers: hs, payload: msg[12+hlen : total-4]})
		body = body[total:]
	}
	return out, nil
}

var errShortHeader = errors.New("header runs past the headers section")

func decodeHeaders(b []byte) ([]frameHeader, error) {
	var out []frameHeader
	take := func(n int) ([]byte, error) {
		if len(b) < n {
			return nil, errShortHeader
		}
		v := b[:n]
		b = b[n:]
		return v, nil
	}
	for len(b) > 0 {
		n, err := take(1)
		if err != nil {
			return nil, err
		}
		name, err := take(int(n[0]))
		if err != nil {
			return nil, err
		}
		t, err := take(1)
		if err != nil {
			return nil, err
		}
		h := frameHeader{name: string(name), typ: frameHeaderType(t[0])}
		switch h.typ {
		case frameTrue, frameFalse:
			h.value = h.typ == frameTrue
		case frameByte, frameShort, frameInt, frameLong, frameTimestamp, frameUUID:
			v, err := take(frameIntSize[h.typ])
			if err != nil {
				return nil, err
			}
			var x int64
			switch h.typ {
			case frameByte:
				x = int64(int8(v[0]))
			case frameShort:
				x = int64(int16(binary.BigEndian.Uint16(v)))
			case frameInt:
				x = int64(int32(binary.BigEndian.Uint32(v)))
			default:
				x = int64(binary.BigEndian.Uint64(v))
			}
			switch h.typ {
			case frameTimestamp:
				h.value = time.UnixMilli(x).UTC()
			case frameUUID:
				h.value = bytes.Clone(v)
			default:
				h.value = x
			}
		case frameBytes, frameString:
			l, err := take(2)
			if err != nil {
				return nil, err
			}
			v, err := take(int(binary.BigEndian.Uint16(l)))
			if err != nil {
				return nil, err
			}
			if h.typ == frameString {
				h.value = string(v)
			} else {
				h.value = bytes.Clone(v)
			}
		default:
			return nil, fmt.Errorf("header %q: value type %d", h.name, h.typ)
		}
		out = append(out, h)
	}
	return out, nil
}

// TestFrameCodec checks the tests' codec against the bytes of every event
// of Smithy's suite: each decodes to the event's headers and body and
// encodes back to the same bytes.
func TestFrameCodec(t *testing.T) {
	cases := loadEventStreamCases(t, "testdata/restjson-full.json", "aws.protocoltests.restjson#RestJson")
	n := 0
	for _, c := range cases {
		for i, e := range c.Events {
			if e.Bytes == nil {
				continue
			}
			n++
			frames, err := decodeFrames(e.Bytes)
			if err != nil || len(frames) != 1 {
				t.Errorf("%s event %d: %d messages, %v", c.ID, i, len(frames), err)
				continue
			}
			checkFrame(t, i, e, frames[0])
			if got := frames[0].encode(nil); !bytes.Equal(got, e.Bytes) {
				t.Errorf("%s event %d: encoded again\n%x\nwant\n%x", c.ID, i, got, e.Bytes)
			}
		}
	}
	if n == 0 {
		t.Fatal("no event bytes in the suite")
	}
}
