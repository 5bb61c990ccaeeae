//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
)

// eventStreamContentType is the Content-Type of a response that streams
// events.
var eventStreamContentType = []string{eventStreamMediaType}

// eventBuffers pools the buffers messages are encoded into and built in,
// so that writing a message allocates nothing.
var eventBuffers sync.Pool

func getEventBuffer() []byte {
	if b, ok := eventBuffers.Get().(*[]byte); ok {
		return (*b)[:0]
	}
	return make([]byte, 0, 4<<10)
}

func putEventBuffer(b []byte) {
	if cap(b) > 0 && cap(b) <= maxPooledBuffer {
		b = b[:0]
		eventBuffers.Put(&b)
	}
}

// errEventStreamClosed is what writing returns once the stream has ended:
// after an exception or error message, or once the operation is over.
var errEventStreamClosed = errors.New("the event stream has ended")

// eventStreamWriter writes the messages of an event stream to the response,
// each flushed as soon as it is written. The first message, or start,
// sends the status and headers. It is safe for concurrent use: messages go
// out whole, one at a time.
type eventStreamWriter struct {
	mu     sync.Mutex
	w      http.ResponseWriter
	rc     *http.ResponseController
	status int
	// Where failures are logged, with the operation and request ID.
	logger    *slog.Logger
	operation string
	requestID string
	started   bool
	// closed is set by an exception or error message, and by close.
	closed bool
	// err is the first failure to write: every later write returns it.
	err error
	// buf holds the encoded message; msg is the message that writeEvent
	// builds, with its payload buffer.
	buf []byte
	msg eventMessage
}

// newEventStreamWriter starts the event stream of x's response, with the
// status and headers x has so far (the output's header members). It keeps
// nothing of x, which goes back to its pool when the request is over while
// a stray goroutine of the service may still hold the writer.
func newEventStreamWriter(x *exchange) *eventStreamWriter {
	status := x.status
	if status == 0 {
		status = http.StatusOK
	}
	var op string
	if x.op != nil {
		op = x.op.name
	}
	return &eventStreamWriter{
		w:         x.w,
		rc:        http.NewResponseController(x.w),
		status:    status,
		logger:    x.h.opts.logger,
		operation: op,
		requestID: RequestIDFromContext(x.ctx),
		buf:       getEventBuffer(),
		msg:       eventMessage{payload: getEventBuffer()},
	}
}

// enableFullDuplex lets a bidirectional operation read its request while
// it writes its response over HTTP/1.1; HTTP/2 needs nothing, and does not
// support the call.
func (w *eventStreamWriter) enableFullDuplex() {
	_ = w.rc.EnableFullDuplex()
}

// start sends the status and headers, if they have not gone yet: a stream
// without events is a response without content.
func (w *eventStreamWriter) start() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.startLocked()
}

func (w *eventStreamWriter) startLocked() error {
	if w.started || w.err != nil {
		return w.err
	}
	w.started = true
	h := w.w.Header()
	h["Content-Type"] = eventStreamContentType
	h.Del("Content-Length")
	w.w.WriteHeader(w.status)
	if err := w.rc.Flush(); err != nil {
		w.err = err
	}
	return w.err
}

// writeMessage encodes m and writes it. It returns ctx.Err() once ctx is
// done, and the error of an earlier write that failed.
func (w *eventStreamWriter) writeMessage(ctx context.Context, m *eventMessage) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.writeLocked(ctx, m)
}

func (w *eventStreamWriter) writeLocked(ctx context.Context, m *eventMessage) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if w.closed {
		return errEventStreamClosed
	}
	if err := w.startLocked(); err != nil {
		return err
	}
	buf, err := appendEventMessage(w.buf[:0], m)
	w.buf = buf
	if err != nil {
		return err
	}
	if _, err := w.w.Write(buf); err != nil {
		w.err = err
		return err
	}
	if err := w.rc.Flush(); err != nil {
		w.err = err
	}
	return w.err
}

// writeEvent writes an event message of the type eventType (the name of
// the union member) whose payload is of contentType. build adds the
// event's own headers to m and sets m.payload; m.payload comes with a
// buffer to append to: m.payload = append(m.payload, ...).
func (w *eventStreamWriter) writeEvent(ctx context.Context, eventType, contentType string, build func(m *eventMessage) error) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return errEventStreamClosed
	}
	m := &w.msg
	m.reset()
	m.setString(":message-type", "event")
	m.setString(":event-type", eventType)
	m.setString(":content-type", contentType)
	if err := build(m); err != nil {
		return err
	}
	return w.writeLocked(ctx, m)
}

// writeException writes a modeled error of the stream, the union member
// exceptionType, and ends the stream.
func (w *eventStreamWriter) writeException(ctx context.Context, exceptionType string, e modeledError) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return errEventStreamClosed
	}
	m := &w.msg
	m.reset()
	m.setString(":message-type", "exception")
	m.setString(":exception-type", exceptionType)
	m.setString(":content-type", "application/json")
	j := jsonWriter{buf: m.payload}
	e.writeBody(&j)
	m.payload = j.buf
	err := w.writeLocked(ctx, m)
	w.closed = true
	return err
}

// writeError writes an error message, for failures that the model does
// not describe, and ends the stream. message must be fixed text: never the
// text of a Go error, which may tell the client what it should not know.
func (w *eventStreamWriter) writeError(ctx context.Context, code, message string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return errEventStreamClosed
	}
	m := &w.msg
	m.reset()
	m.setString(":message-type", "error")
	m.setString(":error-code", code)
	m.setString(":error-message", message)
	err := w.writeLocked(ctx, m)
	w.closed = true
	return err
}

// fail ends the stream with err, an error that is not one of the stream's
// modeled exceptions (those go out with writeException): a malformed
// message of the request's stream as what it is, anything else as an
// InternalFailure whose detail goes to the log only. When the client has
// gone away there is no one to tell, and nothing is written.
func (w *eventStreamWriter) fail(ctx context.Context, err error) {
	var malformed *eventStreamError
	switch {
	case errors.As(err, &malformed):
		w.log(ctx, slog.LevelWarn, "event stream failed", err)
		_ = w.writeError(ctx, malformed.code, malformed.msg)
	case ctx.Err() != nil:
		w.log(ctx, slog.LevelInfo, "event stream cancelled", err)
	default:
		w.log(ctx, slog.LevelError, "event stream failed", err)
		_ = w.writeError(ctx, "InternalFailure", "an internal error occurred")
	}
}

// close ends the stream: later writes return errEventStreamClosed. The
// response itself ends when the handler returns.
func (w *eventStreamWriter) close() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.closed = true
	if w.buf != nil {
		putEventBuffer(w.buf)
		putEventBuffer(w.msg.payload)
		w.buf, w.msg = nil, eventMessage{}
	}
}

func (w *eventStreamWriter) log(ctx context.Context, level slog.Level, msg string, err error) {
	w.logger.LogAttrs(ctx, level, msg, slog.String("error", err.Error()),
		slog.String("operation", w.operation), slog.String("request_id", w.requestID))
}
