//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

import (
	"context"
	"errors"
	"io"
	"iter"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync"
)

// Serving event streams: the request path of operations whose input or
// output is an event stream, and what the generated UWriter and UReader
// types of every streamed union share.

// eventSource sends the events of an output: the service's stream
// function bound to the union's encoder. Nil sends none.
type eventSource func(ctx context.Context, w *eventStreamWriter) error

// serveEventsWith returns the serve function of an operation that streams
// events. attach gives the input its reader (nil when the input does not
// stream); encode writes the status and header members and returns the
// output's events (nil when the output does not stream, and encode writes
// a JSON body as for other operations).
func serveEventsWith[I, O any](decode func(*exchange, *I) error, validate func(*I) error, attach func(*exchange, *I, *eventStreamReader) *eventReceiverState,
	call func(context.Context, *I) (*O, error), encode func(*exchange, *O) eventSource, streamsOutput bool) func(*exchange) {
	return func(x *exchange) { serveEvents(x, decode, validate, attach, call, encode, streamsOutput) }
}

// serveEvents is serveOperation for event streams. The input's events are
// read while the service runs; the output's are sent after the service and
// the middleware return, once the initial response (status and headers)
// is out.
func serveEvents[I, O any](x *exchange, decode func(*exchange, *I) error, validate func(*I) error, attach func(*exchange, *I, *eventStreamReader) *eventReceiverState,
	call func(context.Context, *I) (*O, error), encode func(*exchange, *O) eventSource, streamsOutput bool) {
	in := &newCallState[I](x).in
	if err := x.checkRequest(); err != nil {
		x.fail(err)
		return
	}
	if len(x.h.opts.requestHooks) > 0 {
		ctx, err := x.runRequestHooks(x.ctx)
		if err != nil {
			x.fail(err)
			return
		}
		x.ctx = ctx
	}
	if err := decode(x, in); err != nil {
		x.fail(err)
		return
	}
	if err := validate(in); err != nil {
		x.fail(err)
		return
	}
	var received *eventReceiverState
	if attach != nil {
		if streamsOutput {
			// Over HTTP/1.1 net/http stops reading the request once the
			// response starts, unless told otherwise; HTTP/2 needs nothing.
			_ = http.NewResponseController(x.w).EnableFullDuplex()
		}
		r := newEventStreamReader(x)
		defer r.close()
		received = attach(x, in, r)
	}
	var out *O
	var err error
	if x.h.chain == nil {
		out, err = invoke(x.ctx, call, in)
	} else {
		out, err = invokeThrough(x, x.ctx, call, in)
	}
	if err != nil {
		x.fail(eventRequestError(err))
		return
	}
	if out == nil {
		out = new(O)
	}
	x.status = http.StatusOK
	events := encode(x, out)
	if !streamsOutput {
		x.finish()
		return
	}
	sendEvents(x, events, received)
}

// sendEvents sends the initial response, then the events of the stream,
// and ends the stream with an error message when the service's function
// fails or the request's stream was malformed.
func sendEvents(x *exchange, events eventSource, received *eventReceiverState) {
	w := newEventStreamWriter(x)
	defer w.close()
	ctx := x.ctx
	if err := w.start(); err != nil {
		w.log(ctx, slog.LevelInfo, "event stream not started", err)
		return
	}
	var err error
	if events != nil {
		err = runEvents(ctx, events, w)
	}
	if rerr := received.failure(); rerr != nil && (err == nil || errors.Is(err, rerr) || errors.Is(err, errEventStreamClosed)) {
		err = rerr
	}
	var modeled modeledError
	switch {
	case err == nil:
	case errors.Is(err, errEventStreamClosed):
		// An exception ended the stream, and the function returned
		// what a later Send said: all was said.
	case errors.As(err, &modeled) && !isEventStreamError(err):
		// The operation's validation error, from an event that breaks
		// the model's constraints: its message is the client's to see.
		_ = w.writeError(ctx, modeled.ErrorCode(), modeled.Error())
	default:
		w.fail(ctx, err)
	}
}

// runEvents runs the service's stream function, turning a panic into an
// error that ends the stream.
func runEvents(ctx context.Context, events eventSource, w *eventStreamWriter) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &panicError{value: p, stack: debug.Stack()}
		}
	}()
	return events(ctx, w)
}

func isEventStreamError(err error) bool {
	var e *eventStreamError
	return errors.As(err, &e)
}

// eventRequestError is what the service's error becomes before the output
// streams: a malformed message of the request's stream is a bad request
// with its :error-code, not an internal failure.
func eventRequestError(err error) error {
	var e *eventStreamError
	if errors.As(err, &e) {
		return &frameworkError{http.StatusBadRequest, e.code, e.msg}
	}
	return err
}

// eventReceiverState is what a request's stream went through, shared by
// the receiver and the handler: the first failure other than the end of
// the stream and the end of the context, which ends the output stream
// whatever the service makes of it.
type eventReceiverState struct {
	mu  sync.Mutex
	err error
}

func (s *eventReceiverState) failed(err error) error {
	if err == io.EOF || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	s.mu.Lock()
	if s.err == nil {
		s.err = err
	}
	s.mu.Unlock()
	return err
}

func (s *eventReceiverState) failure() error {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// eventReceiver receives the events of a union E from a request's stream:
// decode turns a message into an event, validate (nil when the union has
// no constraints) checks it against the model.
type eventReceiver[E any] struct {
	r       *eventStreamReader
	state   *eventReceiverState
	decoder eventDecoder
	decode  func(m *eventMessage, d *eventDecoder) (E, error)
	// validate checks an event at the current path; recv enters the
	// member name first.
	validate func(c *validator, e E)
	name     string
	invalid  func(message string, verr *validationError) modeledError
}

// newEventReceiver receives the events of x's request from r, the stream
// of the input member name.
func newEventReceiver[E any](x *exchange, r *eventStreamReader, name string, decode func(*eventMessage, *eventDecoder) (E, error), validate func(*validator, E)) *eventReceiver[E] {
	op := x.op
	return &eventReceiver[E]{
		r: r, state: &eventReceiverState{}, decode: decode, validate: validate, name: name,
		decoder: eventDecoder{maxDepth: x.h.opts.maxDepth},
		invalid: func(message string, verr *validationError) modeledError {
			if op.invalid != nil {
				return op.invalid(message, verr)
			}
			return &frameworkError{http.StatusBadRequest, "ValidationException", message}
		},
	}
}

// Errors of messages that are well formed but no event of the stream.
var (
	errEventUnknownType = malformedEvent("an event stream message has an event type this operation does not know")
	errEventNotEvent    = malformedEvent("the request's event stream carries a message that is not an event")
)

// recv returns the next event: io.EOF after the last, ctx.Err() once ctx
// is done, the operation's validation error for an event that breaks the
// model's constraints.
func (e *eventReceiver[E]) recv(ctx context.Context) (E, error) {
	var zero E
	m, err := e.r.next(ctx)
	if err != nil {
		return zero, e.state.failed(err)
	}
	exception := false
	switch m.headerString(":message-type") {
	case "event":
	case "exception":
		exception = true
	default:
		return zero, e.state.failed(errEventNotEvent)
	}
	ev, err := e.decode(m, &e.decoder)
	if err != nil {
		var modeled modeledError
		if exception && errors.As(err, &modeled) && !isEventStreamError(err) {
			// The client's own modeled error: the service decides what
			// it means.
			return zero, err
		}
		return zero, e.state.failed(err)
	}
	if e.validate != nil {
		var c validator
		c.enter(e.name)
		e.validate(&c, ev)
		c.leave()
		if err := c.err(); err != nil {
			var verr *validationError
			errors.As(err, &verr)
			return zero, e.state.failed(e.invalid(verr.Error(), verr))
		}
	}
	return ev, nil
}

// eventDecoder decodes the JSON payloads of events.
type eventDecoder struct {
	json     jsonReader
	maxDepth int
}

// decodeJSON runs decode over a JSON payload; an empty payload is an
// empty object.
func (d *eventDecoder) decodeJSON(payload []byte, decode func(r *jsonReader) error) error {
	if len(payload) == 0 {
		payload = emptyObject
	}
	d.json.reset(payload, d.maxDepth)
	defer d.json.release()
	if err := decode(&d.json); err != nil {
		return malformedEvent("an event's payload is not valid JSON for it: " + err.Error())
	}
	if err := d.json.end(); err != nil {
		return malformedEvent("an event's payload is not valid JSON for it: " + err.Error())
	}
	return nil
}

var emptyObject = []byte("{}")

// badEventHeader reports a header of an event that is not of the type its
// member needs.
func badEventHeader(name string) error {
	return malformedEvent("the event header " + name + " is not of the type the model gives it")
}

// allEvents iterates over the events recv returns, up to io.EOF or the
// first other error, which it yields.
func allEvents[E any](ctx context.Context, recv func(context.Context) (E, error)) iter.Seq2[E, error] {
	return func(yield func(E, error) bool) {
		for {
			e, err := recv(ctx)
			if err == io.EOF {
				return
			}
			if !yield(e, err) || err != nil {
				return
			}
		}
	}
}
