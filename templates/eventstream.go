//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"io"
	"time"
)

// The event-stream wire format (application/vnd.amazon.eventstream), which
// Smithy event streams travel in. A message is
//
//	prelude:  total length (u32) | headers length (u32) | CRC32 of the 8 bytes before
//	headers:  name length (u8) | name | value type (u8) | value, repeated
//	payload:  the rest
//	trailer:  CRC32 (IEEE) of everything before it
//
// all integers big-endian. The limits are those AWS's own decoders
// enforce, so that a message this package accepts or writes is one an AWS
// SDK accepts too.

const (
	eventPreludeLen = 12
	// eventMinMessage is the size of a message without headers or
	// payload: prelude and trailer.
	eventMinMessage = eventPreludeLen + 4
	// eventMaxHeaders is the largest headers section: 128 KiB.
	eventMaxHeaders = 128 << 10
	// eventMaxHeaderValue is the longest string or bytes header value:
	// its length is a u16, and the format allows only 15 bits of it.
	eventMaxHeaderValue = 1<<15 - 1
	// eventMaxPayload is the largest payload: 16 MiB.
	eventMaxPayload = 16 << 20
	// eventMaxMessage is the largest message there can be.
	eventMaxMessage = eventMinMessage + eventMaxHeaders + eventMaxPayload
	// defaultEventMessageLimit is the largest message a request's event
	// stream may carry unless WithEventMessageLimit says otherwise: the
	// default of WithMaxBodyBytes, applied to each message rather than
	// to the whole body.
	defaultEventMessageLimit = 1 << 20
)

// WithEventMessageLimit limits the size of each message of an event stream
// in a request (prelude, headers, payload and checksum; for signed streams
// the signed envelope around it): a larger message ends the stream with an
// error. The default is 1 MiB; the most the format allows, about 16 MiB,
// is the most n can raise it to. WithMaxBodyBytes does not apply to event
// streams, which may run for as long as the client sends.
func WithEventMessageLimit(n int) HandlerOption {
	return func(o *handlerOptions) { o.maxEventMessage = min(max(n, eventMinMessage), eventMaxMessage) }
}

// eventMessageLimit is the per-message limit of request event streams.
func (o *handlerOptions) eventMessageLimit() int {
	if o.maxEventMessage == 0 {
		return defaultEventMessageLimit
	}
	return o.maxEventMessage
}

// eventHeaderKind is the type of a header value, as the wire numbers it.
type eventHeaderKind uint8

const (
	eventBoolTrue  eventHeaderKind = 0
	eventBoolFalse eventHeaderKind = 1
	eventByte      eventHeaderKind = 2
	eventShort     eventHeaderKind = 3
	eventInt       eventHeaderKind = 4
	eventLong      eventHeaderKind = 5
	eventBytes     eventHeaderKind = 6
	eventString    eventHeaderKind = 7
	eventTimestamp eventHeaderKind = 8 // milliseconds since the epoch, int64
	eventUUID      eventHeaderKind = 9
)

// eventHeader is one header of a message.
type eventHeader struct {
	name string
	kind eventHeaderKind
	// num holds the integer kinds and the timestamp (in milliseconds).
	num int64
	// str holds a string value.
	str string
	// data holds a bytes or UUID value. In a decoded message it aliases
	// the frame: bytesValue copies it.
	data []byte
}

// eventMessage is one message of an event stream. A decoded message
// aliases the frame it was decoded from (payload and bytes values): it is
// valid until the buffer is reused, which for eventStreamReader is the
// next call of next.
type eventMessage struct {
	headers []eventHeader
	payload []byte
	// seen holds the strings of headers decoded before (event types,
	// mostly), so that a stream of like messages decodes without
	// allocating. It survives reset.
	seen []string
}

// reset empties the message, keeping its storage.
func (m *eventMessage) reset() {
	clear(m.headers) // drop references to old values
	m.headers = m.headers[:0]
	m.payload = m.payload[:0]
}

// header returns the first header named name.
func (m *eventMessage) header(name string) (eventHeader, bool) {
	for _, h := range m.headers {
		if h.name == name {
			return h, true
		}
	}
	return eventHeader{}, false
}

// headerString returns the value of the string header named name; "" when
// there is none or it is not a string.
func (m *eventMessage) headerString(name string) string {
	h, _ := m.header(name)
	s, _ := h.stringValue()
	return s
}

// set replaces the header named h.name, or adds it.
func (m *eventMessage) set(h eventHeader) {
	for i := range m.headers {
		if m.headers[i].name == h.name {
			m.headers[i] = h
			return
		}
	}
	m.headers = append(m.headers, h)
}

func (m *eventMessage) setBool(name string, v bool) {
	kind := eventBoolFalse
	if v {
		kind = eventBoolTrue
	}
	m.set(eventHeader{name: name, kind: kind})
}

func (m *eventMessage) setByte(name string, v int8) {
	m.set(eventHeader{name: name, kind: eventByte, num: int64(v)})
}

func (m *eventMessage) setShort(name string, v int16) {
	m.set(eventHeader{name: name, kind: eventShort, num: int64(v)})
}

func (m *eventMessage) setInt(name string, v int32) {
	m.set(eventHeader{name: name, kind: eventInt, num: int64(v)})
}

func (m *eventMessage) setLong(name string, v int64) {
	m.set(eventHeader{name: name, kind: eventLong, num: v})
}

// setBytes sets a bytes header; m keeps v until it is encoded.
func (m *eventMessage) setBytes(name string, v []byte) {
	m.set(eventHeader{name: name, kind: eventBytes, data: v})
}

func (m *eventMessage) setString(name, v string) {
	m.set(eventHeader{name: name, kind: eventString, str: v})
}

// setTimestamp sets a timestamp header, which has millisecond precision:
// finer parts of t are dropped.
func (m *eventMessage) setTimestamp(name string, t time.Time) {
	m.set(eventHeader{name: name, kind: eventTimestamp, num: t.UnixMilli()})
}

func (m *eventMessage) setUUID(name string, v [16]byte) {
	m.set(eventHeader{name: name, kind: eventUUID, data: v[:]})
}

// The value getters report false when the header is of another kind.

func (h eventHeader) boolValue() (bool, bool) {
	return h.kind == eventBoolTrue, h.kind == eventBoolTrue || h.kind == eventBoolFalse
}

func (h eventHeader) byteValue() (int8, bool) { return int8(h.num), h.kind == eventByte }

func (h eventHeader) shortValue() (int16, bool) { return int16(h.num), h.kind == eventShort }

func (h eventHeader) intValue() (int32, bool) { return int32(h.num), h.kind == eventInt }

func (h eventHeader) longValue() (int64, bool) { return h.num, h.kind == eventLong }

func (h eventHeader) stringValue() (string, bool) { return h.str, h.kind == eventString }

// bytesValue returns a copy of a bytes value, which the caller may keep.
func (h eventHeader) bytesValue() ([]byte, bool) {
	if h.kind != eventBytes {
		return nil, false
	}
	return bytes.Clone(h.data), true
}

// timestampValue returns a timestamp value in UTC.
func (h eventHeader) timestampValue() (time.Time, bool) {
	if h.kind != eventTimestamp {
		return time.Time{}, false
	}
	return time.UnixMilli(h.num).UTC(), true
}

func (h eventHeader) uuidValue() ([16]byte, bool) {
	var v [16]byte
	if h.kind != eventUUID || len(h.data) != 16 {
		return v, false
	}
	copy(v[:], h.data)
	return v, true
}

// eventStreamError is a message that breaks the format or its limits, in
// either direction. Its text is fixed, fit to send to the client; code is
// the :error-code it is reported with.
type eventStreamError struct {
	code string
	msg  string
	// cause is what errors.Is sees through it: io.ErrUnexpectedEOF for a
	// stream that ends inside a message.
	cause error
}

func (e *eventStreamError) Error() string { return e.msg }
func (e *eventStreamError) Unwrap() error { return e.cause }

func malformedEvent(msg string) *eventStreamError {
	return &eventStreamError{code: "SerializationException", msg: msg}
}

// The errors of the codec. They are values so that tests and callers can
// tell them apart with errors.Is.
var (
	errEventTruncated      = &eventStreamError{code: "SerializationException", msg: "the event stream ended inside a message", cause: io.ErrUnexpectedEOF}
	errEventPreludeCRC     = malformedEvent("an event stream message has a bad prelude checksum")
	errEventMessageCRC     = malformedEvent("an event stream message has a bad message checksum")
	errEventLength         = malformedEvent("an event stream message has inconsistent lengths")
	errEventTooLarge       = malformedEvent("an event stream message is larger than this server accepts")
	errEventHeadersTooLong = malformedEvent("the headers of an event stream message are longer than 128 KiB")
	errEventPayloadTooLong = malformedEvent("the payload of an event stream message is longer than 16 MiB")
	errEventHeaderType     = malformedEvent("an event stream message has a header of unknown type")
	errEventHeaderOverrun  = malformedEvent("a header of an event stream message runs past the headers section")
	errEventHeaderName     = malformedEvent("an event stream message has a header with an empty name or one longer than 255 bytes")
	errEventHeaderValue    = malformedEvent("an event stream message has a header value longer than 32767 bytes")
	errEventHeaderUUID     = malformedEvent("an event stream message has a UUID header that is not 16 bytes")
)

// eventHeadersLen is the encoded size of hs, checked against the limits.
func eventHeadersLen(hs []eventHeader) (int, error) {
	n := 0
	for i := range hs {
		h := &hs[i]
		if len(h.name) == 0 || len(h.name) > 255 {
			return 0, errEventHeaderName
		}
		n += 1 + len(h.name) + 1
		switch h.kind {
		case eventBoolTrue, eventBoolFalse:
		case eventByte:
			n++
		case eventShort:
			n += 2
		case eventInt:
			n += 4
		case eventLong, eventTimestamp:
			n += 8
		case eventBytes:
			if len(h.data) > eventMaxHeaderValue {
				return 0, errEventHeaderValue
			}
			n += 2 + len(h.data)
		case eventString:
			if len(h.str) > eventMaxHeaderValue {
				return 0, errEventHeaderValue
			}
			n += 2 + len(h.str)
		case eventUUID:
			if len(h.data) != 16 {
				return 0, errEventHeaderUUID
			}
			n += 16
		default:
			return 0, errEventHeaderType
		}
	}
	if n > eventMaxHeaders {
		return 0, errEventHeadersTooLong
	}
	return n, nil
}

// appendEventHeaders appends the encoded headers; eventHeadersLen must
// have accepted them.
func appendEventHeaders(dst []byte, hs []eventHeader) []byte {
	for i := range hs {
		h := &hs[i]
		dst = append(dst, byte(len(h.name)))
		dst = append(dst, h.name...)
		dst = append(dst, byte(h.kind))
		switch h.kind {
		case eventByte:
			dst = append(dst, byte(h.num))
		case eventShort:
			dst = binary.BigEndian.AppendUint16(dst, uint16(h.num))
		case eventInt:
			dst = binary.BigEndian.AppendUint32(dst, uint32(h.num))
		case eventLong, eventTimestamp:
			dst = binary.BigEndian.AppendUint64(dst, uint64(h.num))
		case eventBytes:
			dst = binary.BigEndian.AppendUint16(dst, uint16(len(h.data)))
			dst = append(dst, h.data...)
		case eventString:
			dst = binary.BigEndian.AppendUint16(dst, uint16(len(h.str)))
			dst = append(dst, h.str...)
		case eventUUID:
			dst = append(dst, h.data...)
		}
	}
	return dst
}

// appendEventMessage appends m, encoded, to dst. It fails, leaving dst as
// it was, when m breaks a limit of the format.
func appendEventMessage(dst []byte, m *eventMessage) ([]byte, error) {
	headersLen, err := eventHeadersLen(m.headers)
	if err != nil {
		return dst, err
	}
	if len(m.payload) > eventMaxPayload {
		return dst, errEventPayloadTooLong
	}
	total := eventMinMessage + headersLen + len(m.payload)
	start := len(dst)
	dst = binary.BigEndian.AppendUint32(dst, uint32(total))
	dst = binary.BigEndian.AppendUint32(dst, uint32(headersLen))
	dst = binary.BigEndian.AppendUint32(dst, crc32.ChecksumIEEE(dst[start:]))
	dst = appendEventHeaders(dst, m.headers)
	dst = append(dst, m.payload...)
	return binary.BigEndian.AppendUint32(dst, crc32.ChecksumIEEE(dst[start:])), nil
}

// eventPrelude is the start of a message, read before the rest of it.
type eventPrelude struct {
	total, headersLen int
}

// decodeEventPrelude checks the first 12 bytes of a message against its
// checksum, the format's limits and limit, the largest message the caller
// takes: all there is to check before reading or allocating the rest.
func decodeEventPrelude(b []byte, limit int) (eventPrelude, error) {
	if len(b) < eventPreludeLen {
		return eventPrelude{}, errEventTruncated
	}
	if crc32.ChecksumIEEE(b[:8]) != binary.BigEndian.Uint32(b[8:12]) {
		return eventPrelude{}, errEventPreludeCRC
	}
	total := uint64(binary.BigEndian.Uint32(b[0:4]))
	headersLen := uint64(binary.BigEndian.Uint32(b[4:8]))
	switch {
	case total < eventMinMessage || headersLen > total-eventMinMessage:
		return eventPrelude{}, errEventLength
	case total > uint64(limit):
		return eventPrelude{}, errEventTooLarge
	case headersLen > eventMaxHeaders:
		return eventPrelude{}, errEventHeadersTooLong
	case total-eventMinMessage-headersLen > eventMaxPayload:
		return eventPrelude{}, errEventPayloadTooLong
	}
	return eventPrelude{total: int(total), headersLen: int(headersLen)}, nil
}

// decodeEventMessage decodes frame, which must be exactly one message of
// at most limit bytes. The message aliases frame.
func decodeEventMessage(frame []byte, limit int) (eventMessage, error) {
	var m eventMessage
	err := m.decode(frame, limit)
	return m, err
}

// decode is decodeEventMessage into m, reusing its storage.
func (m *eventMessage) decode(frame []byte, limit int) error {
	m.reset()
	p, err := decodeEventPrelude(frame, limit)
	if err != nil {
		return err
	}
	if len(frame) < p.total {
		return errEventTruncated
	}
	if len(frame) > p.total {
		return errEventLength
	}
	end := p.total - 4
	if crc32.ChecksumIEEE(frame[:end]) != binary.BigEndian.Uint32(frame[end:]) {
		return errEventMessageCRC
	}
	headersEnd := eventPreludeLen + p.headersLen
	if err := m.decodeHeaders(frame[eventPreludeLen:headersEnd]); err != nil {
		m.reset()
		return err
	}
	m.payload = frame[headersEnd:end]
	return nil
}

// decodeHeaders decodes a headers section whose length the prelude gave.
func (m *eventMessage) decodeHeaders(b []byte) error {
	for len(b) > 0 {
		nameLen := int(b[0])
		if nameLen == 0 {
			return errEventHeaderName
		}
		if len(b) < 1+nameLen+1 {
			return errEventHeaderOverrun
		}
		h := eventHeader{name: m.intern(b[1 : 1+nameLen]), kind: eventHeaderKind(b[1+nameLen])}
		b = b[1+nameLen+1:]
		var size int
		switch h.kind {
		case eventBoolTrue, eventBoolFalse:
		case eventByte:
			size = 1
		case eventShort:
			size = 2
		case eventInt:
			size = 4
		case eventLong, eventTimestamp:
			size = 8
		case eventUUID:
			size = 16
		case eventBytes, eventString:
			if len(b) < 2 {
				return errEventHeaderOverrun
			}
			n := int(binary.BigEndian.Uint16(b))
			if n > eventMaxHeaderValue {
				return errEventHeaderValue
			}
			b = b[2:]
			size = n
		default:
			return errEventHeaderType
		}
		if len(b) < size {
			return errEventHeaderOverrun
		}
		v := b[:size:size]
		b = b[size:]
		switch h.kind {
		case eventByte:
			h.num = int64(int8(v[0]))
		case eventShort:
			h.num = int64(int16(binary.BigEndian.Uint16(v)))
		case eventInt:
			h.num = int64(int32(binary.BigEndian.Uint32(v)))
		case eventLong, eventTimestamp:
			h.num = int64(binary.BigEndian.Uint64(v))
		case eventString:
			h.str = m.intern(v)
		case eventBytes, eventUUID:
			h.data = v
		}
		m.headers = append(m.headers, h)
	}
	return nil
}

// maxSeenStrings bounds eventMessage.seen.
const maxSeenStrings = 16

// intern returns b as a string: a common one, or one seen before, without
// allocating.
func (m *eventMessage) intern(b []byte) string {
	if s, ok := knownEventString(b); ok {
		return s
	}
	for _, s := range m.seen {
		if s == string(b) { // compiled without a conversion
			return s
		}
	}
	s := string(b)
	if len(m.seen) < maxSeenStrings && len(s) <= 64 {
		m.seen = append(m.seen, s)
	}
	return s
}

// knownEventString returns b as a string, without allocating, when it is
// one of the header names and values that nearly every message carries.
func knownEventString(b []byte) (string, bool) {
	switch string(b) { // compiled without a conversion
	case ":message-type":
		return ":message-type", true
	case ":event-type":
		return ":event-type", true
	case ":exception-type":
		return ":exception-type", true
	case ":content-type":
		return ":content-type", true
	case ":error-code":
		return ":error-code", true
	case ":error-message":
		return ":error-message", true
	case ":date":
		return ":date", true
	case ":chunk-signature":
		return ":chunk-signature", true
	case "event":
		return "event", true
	case "exception":
		return "exception", true
	case "error":
		return "error", true
	case "application/json":
		return "application/json", true
	case "application/octet-stream":
		return "application/octet-stream", true
	case "text/plain":
		return "text/plain", true
	}
	return "", false
}
