//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

import (
	"context"
	"errors"
	"io"
	"net/http"
	"slices"
	"time"
)

// eventStreamReader reads the messages of an event stream from a request
// body, one at a time, as the service asks for them. Memory follows the
// bytes that arrive: a message is checked against the limit by its prelude
// before anything is allocated for it, its buffer grows as it arrives and
// is reused for the next one.
//
// A signed stream (X-Amz-Content-Sha256: STREAMING-AWS4-HMAC-SHA256-EVENTS,
// as the AWS SDKs send) carries each message as the payload of an envelope
// with :date and :chunk-signature headers, and ends with an envelope
// without payload. The reader unwraps envelopes and, with WithSigV4,
// verifies each signature in the chain that starts from the request's.
type eventStreamReader struct {
	body  io.Reader
	limit int
	buf   []byte
	// msg is the message as read: the envelope when signed. inner is the
	// message an envelope carries.
	msg, inner eventMessage
	signed     bool
	// chain verifies signatures; nil when they are not checked.
	chain *eventSignatureChain
	// rc interrupts a read that waits on the client when the caller's
	// context ends; requestDone is the request's own Done channel, whose
	// end interrupts reads anyway. rc is nil outside a handler.
	rc          *http.ResponseController
	requestDone <-chan struct{}
	// err ends the stream: io.EOF at its end, or the first failure.
	err error
}

// newEventStreamReader reads the event stream of x's request. It keeps
// nothing of x.
func newEventStreamReader(x *exchange) *eventStreamReader {
	r := &eventStreamReader{
		body:   x.r.Body,
		limit:  x.h.opts.eventMessageLimit(),
		signed: x.r.Header.Get("X-Amz-Content-Sha256") == sigv4Events,
		buf:    getEventBuffer(),
	}
	if x.w != nil {
		r.rc = http.NewResponseController(x.w)
		r.requestDone = x.r.Context().Done()
	}
	if seed := sigv4SeedFrom(x.ctx); seed != nil {
		r.chain = newEventSignatureChain(seed)
	}
	if r.body == nil {
		r.body = http.NoBody
	}
	return r
}

// Errors of a stream that is well framed but not what a stream should be.
var (
	errEventNotSigned  = &eventStreamError{code: "InvalidSignatureException", msg: "a message of the signed event stream is not signed: it lacks :date or :chunk-signature"}
	errEventUnended    = &eventStreamError{code: "InvalidSignatureException", msg: "the signed event stream ended without its final, empty message", cause: io.ErrUnexpectedEOF}
	errEventNoProgress = errors.New("the request body returned no data too many times")
)

// next returns the next message, and io.EOF after the last one. The
// message is valid until the next call. When ctx ends while next waits for
// the client, next returns ctx.Err() and the stream is over: the read is
// cut short by a deadline on the connection. After an error, next returns
// it again.
func (r *eventStreamReader) next(ctx context.Context) (*eventMessage, error) {
	if r.err != nil {
		return nil, r.err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if done := ctx.Done(); done != nil && done != r.requestDone && r.rc != nil {
		// A context of the caller's own: the request's needs no help,
		// net/http ends the reads of a request whose client is gone.
		stop := context.AfterFunc(ctx, func() { _ = r.rc.SetReadDeadline(time.Now()) })
		defer func() {
			if !stop() {
				// The deadline is set: for nothing, if the read was
				// done in time.
				_ = r.rc.SetReadDeadline(time.Time{})
			}
		}()
	}
	m, err := r.read()
	if err != nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	if err != nil {
		r.err = err
		r.release()
		return nil, err
	}
	return m, nil
}

func (r *eventStreamReader) read() (*eventMessage, error) {
	if err := r.readMessage(); err != nil {
		if err == io.EOF && r.chain != nil {
			// A stream cut short must not pass for a whole one: only
			// the signed final message ends it.
			return nil, errEventUnended
		}
		return nil, err
	}
	if !r.signed {
		return &r.msg, nil
	}
	env := &r.msg
	if _, ok := env.header(":chunk-signature"); !ok {
		return nil, errEventNotSigned
	}
	if _, ok := env.header(":date"); !ok {
		return nil, errEventNotSigned
	}
	if r.chain != nil {
		if err := r.chain.verify(env); err != nil {
			return nil, err
		}
	}
	if len(env.payload) == 0 {
		return nil, io.EOF
	}
	if err := r.inner.decode(env.payload, r.limit); err != nil {
		return nil, err
	}
	return &r.inner, nil
}

// readMessage reads one message into r.buf and decodes it into r.msg:
// io.EOF when the body ends before a message starts, errEventTruncated
// when it ends inside one.
func (r *eventStreamReader) readMessage() error {
	buf := slices.Grow(r.buf[:0], eventPreludeLen)
	buf, err := r.fill(buf, eventPreludeLen)
	if err != nil {
		if err == io.EOF && len(buf) == 0 {
			return io.EOF
		}
		return err
	}
	p, err := decodeEventPrelude(buf, r.limit)
	if err != nil {
		return err
	}
	buf, err = r.fill(buf, p.total)
	r.buf = buf
	if err != nil {
		return err
	}
	return r.msg.decode(buf, r.limit)
}

// fill reads into buf until it holds n bytes, growing it as bytes arrive
// rather than by what the prelude announces.
func (r *eventStreamReader) fill(buf []byte, n int) ([]byte, error) {
	empty := 0
	for len(buf) < n {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, min(max(2*cap(buf), 512), n)-len(buf))
		}
		k, err := r.body.Read(buf[len(buf):min(cap(buf), n)])
		buf = buf[:len(buf)+k]
		switch {
		case len(buf) >= n:
			return buf, nil
		case err == io.EOF && len(buf) == 0:
			return buf, io.EOF
		case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
			return buf, errEventTruncated
		case err != nil:
			return buf, err
		case k == 0:
			if empty++; empty > 100 {
				return buf, errEventNoProgress
			}
		}
	}
	return buf, nil
}

// close ends the stream early, when the service stops reading: later calls
// of next return io.EOF.
func (r *eventStreamReader) close() {
	if r.err == nil {
		r.err = io.EOF
	}
	r.release()
}

// release gives the buffer back once the stream is over.
func (r *eventStreamReader) release() {
	if r.buf != nil {
		putEventBuffer(r.buf)
		r.buf = nil
		r.msg, r.inner = eventMessage{}, eventMessage{}
	}
}
