//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

import (
	"context"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"net/http"
)

// Request IDs and hooks: what a server in front of real clients needs to
// tie log lines to requests, measure and authorize operations, and reach
// the HTTP request from the service. Handlers that use no hook pay nothing
// for them but a length check.

// requestContext is the context hooks and the service get: the request's
// own context, plus the request ID and the request. Where
// context.WithValue would take two allocations it takes none of its own:
// it is part of the operation's callState. Value delegates to the parent
// for every other key, and cancellation is the parent's.
type requestContext struct {
	context.Context
	r *http.Request
	// id holds the request ID as the value of the X-Amzn-RequestId
	// header, so that setting the header takes no allocation of its own.
	id [1]string
}

// requestContextKey finds the requestContext in a context derived from it.
type requestContextKey struct{}

func (c *requestContext) Value(key any) any {
	if key == (requestContextKey{}) {
		return c
	}
	return c.Context.Value(key)
}

func requestContextOf(ctx context.Context) *requestContext {
	c, _ := ctx.Value(requestContextKey{}).(*requestContext)
	return c
}

// RequestIDFromContext returns the ID of the request being served, which
// the response carries in its X-Amzn-RequestId header and every line the
// handler logs carries as request_id; "" outside a handler.
func RequestIDFromContext(ctx context.Context) string {
	if c := requestContextOf(ctx); c != nil {
		return c.id[0]
	}
	return ""
}

// HTTPRequestFromContext returns the HTTP request being served, for headers
// the model does not bind and the client's address; nil outside a handler.
// Its body has already been read, unless the operation streams its input
// payload: then the input member reads it.
func HTTPRequestFromContext(ctx context.Context) *http.Request {
	if c := requestContextOf(ctx); c != nil {
		return c.r
	}
	return nil
}

// WithRequestIDFunc makes the handler take request IDs from f, for example
// from a header set by a proxy in front of it. When f returns "", the
// handler makes a random UUID, as it does without this option.
func WithRequestIDFunc(f func(r *http.Request) string) HandlerOption {
	return func(o *handlerOptions) { o.requestID = f }
}

// startRequest gives the request its ID, sets the X-Amzn-RequestId header
// of the response and makes c, which it fills in, the context the request
// is served with.
func (x *exchange) startRequest(c *requestContext) {
	c.Context, c.r = x.r.Context(), x.r
	if f := x.h.opts.requestID; f != nil {
		c.id[0] = f(x.r)
	}
	if c.id[0] == "" {
		c.id[0] = x.ids.next()
	}
	x.w.Header()["X-Amzn-Requestid"] = c.id[:] // canonical key
	x.ctx = c
}

// requestIDs hands out random request IDs made a batch at a time: one
// string holds requestIDBatch of them and each request takes a slice of
// it, where an ID of its own would be an allocation per request. Every
// pooled exchange has its own, so no lock is needed; an ID kept after its
// request keeps its batch, about a kilobyte, alive with it.
type requestIDs struct {
	batch string
	// rng makes the IDs. They need to be unique, not secret: a PCG of
	// 128 bits of state, seeded from math/rand/v2's generator (which the
	// runtime seeds from the operating system), costs a third of drawing
	// from that generator each time and a thirtieth of crypto/rand.
	rng *rand.PCG
}

// requestIDBatch is how many IDs one allocation holds.
const requestIDBatch = 32

func (ids *requestIDs) next() string {
	if ids.batch == "" {
		ids.batch = ids.newBatch()
	}
	id := ids.batch[:uuidLen]
	ids.batch = ids.batch[uuidLen:]
	return id
}

// newBatch returns requestIDBatch random version 4 UUIDs end to end.
func (ids *requestIDs) newBatch() string {
	if ids.rng == nil {
		ids.rng = rand.NewPCG(rand.Uint64(), rand.Uint64())
	}
	var batch [requestIDBatch * uuidLen]byte
	for i := 0; i < len(batch); i += uuidLen {
		var b [16]byte
		binary.LittleEndian.PutUint64(b[:8], ids.rng.Uint64())
		binary.LittleEndian.PutUint64(b[8:], ids.rng.Uint64())
		putUUID((*[uuidLen]byte)(batch[i:]), b)
	}
	return string(batch[:])
}

// IncomingRequest is a request as a RequestHook sees it: routed to an
// operation and its body read, but nothing decoded yet.
type IncomingRequest struct {
	// Operation is the name of the operation in the model:
	// "CreateAppInstance".
	Operation string
	// Request is the HTTP request. Its body has been read, unless the
	// operation streams it: use Body.
	Request *http.Request
	// Body is the request body as it arrived. It belongs to the handler:
	// a hook must neither modify it nor keep it after returning. It is
	// nil for operations whose input is an event stream or a streamed
	// payload, which the service reads as it arrives.
	Body []byte
	// unsignedPayload and inputEvents are the operation's: WithSigV4
	// needs them.
	unsignedPayload, inputEvents bool
	// stream is the body the service will read, when it is a streamed
	// payload rather than read before the hooks run.
	stream *requestStream
}

// RequestHook runs before the body of a request is decoded: the place for
// authentication. It returns the context the rest of the request is
// served with (ctx itself, or one derived from it carrying, say, the
// caller's identity), or an error to reject the request: an error shape of
// the package is sent as it is, one made by NewFrameworkError with its
// status, any other error as an internal failure (500, logged).
type RequestHook func(ctx context.Context, req *IncomingRequest) (context.Context, error)

// WithRequestHook adds hooks that run, in order, before every request's
// body is decoded.
func WithRequestHook(hooks ...RequestHook) HandlerOption {
	return func(o *handlerOptions) { o.requestHooks = append(o.requestHooks, hooks...) }
}

// NewFrameworkError returns an error that the handler answers with the
// HTTP status, errorType in the X-Amzn-ErrorType header and the body
// {"message": message}: a failure of the protocol rather than one the
// model describes, such as a request without valid credentials (403,
// "UnrecognizedClientException"). Hooks and the service may return it.
func NewFrameworkError(status int, errorType, message string) error {
	return &frameworkError{status: status, code: errorType, msg: message}
}

// runRequestHooks passes the request through the RequestHooks.
func (x *exchange) runRequestHooks(ctx context.Context) (context.Context, error) {
	req := &IncomingRequest{Operation: x.op.name, Request: x.r, Body: x.body, unsignedPayload: x.op.unsignedPayload, inputEvents: x.op.inputEvents}
	if s := x.inStream; s != nil && !s.whole {
		req.Body, req.stream = nil, s
	}
	for _, hook := range x.h.opts.requestHooks {
		next, err := hook(ctx, req)
		if err != nil {
			return ctx, err
		}
		if next != nil {
			ctx = next
		}
	}
	return ctx, nil
}

// Invocation is one call of an operation as Middleware sees it.
type Invocation struct {
	// Operation is the name of the operation in the model:
	// "CreateAppInstance".
	Operation string
	// Request is the HTTP request. Its body has been read, unless the
	// operation streams its input payload.
	Request *http.Request
	// Input is the decoded and validated input, a pointer to the
	// operation's input type: *CreateAppInstanceInput. Middleware may
	// replace it with another value of that type.
	Input any
	// serve calls the service with Input.
	serve func(ctx context.Context, input any) (any, error)
}

// Invoker serves an Invocation: the next Middleware, or in the end the
// service. The output is a pointer to the operation's output type
// (*CreateAppInstanceOutput); with an error, it is ignored.
type Invoker func(ctx context.Context, inv *Invocation) (output any, err error)

// Middleware wraps every operation, after its input is decoded and
// validated: for metrics, tracing, audit logs, per-operation authorization
// or rate limits. It calls next to go on, or returns an error without
// calling it to refuse the call; errors are answered as the service's are.
// For an operation whose output streams events, the output holds the
// stream function: the events are sent after the outermost Middleware
// returns, and what it takes to send them is not part of the call.
//
//	func logCalls(next Invoker) Invoker {
//		return func(ctx context.Context, inv *Invocation) (any, error) {
//			out, err := next(ctx, inv)
//			slog.InfoContext(ctx, "call", "operation", inv.Operation, "error", err)
//			return out, err
//		}
//	}
type Middleware func(next Invoker) Invoker

// WithMiddleware adds middleware around every operation. The first given
// is the outermost: it sees the call first and the result last.
func WithMiddleware(m ...Middleware) HandlerOption {
	return func(o *handlerOptions) { o.middleware = append(o.middleware, m...) }
}

// chainMiddleware builds the Invoker that runs the middleware around the
// service once, when the handler is made; nil without middleware.
func chainMiddleware(m []Middleware) Invoker {
	if len(m) == 0 {
		return nil
	}
	inv := Invoker(func(ctx context.Context, inv *Invocation) (any, error) {
		return inv.serve(ctx, inv.Input)
	})
	for i := len(m) - 1; i >= 0; i-- {
		inv = m[i](inv)
	}
	return inv
}

// invokeThrough calls the service through the middleware chain; a panic in
// middleware is contained as one in the service is.
func invokeThrough[I, O any](x *exchange, ctx context.Context, call func(context.Context, *I) (*O, error), in *I) (*O, error) {
	return invoke(ctx, func(ctx context.Context, in *I) (*O, error) {
		inv := &Invocation{Operation: x.op.name, Request: x.r, Input: in}
		inv.serve = func(ctx context.Context, input any) (any, error) {
			in, ok := input.(*I)
			if !ok || in == nil {
				return nil, fmt.Errorf("middleware passed on an input of type %T to %s, which takes %T", input, inv.Operation, in)
			}
			out, err := call(ctx, in)
			if out == nil {
				return nil, err // no typed nil in the interface
			}
			return out, err
		}
		res, err := x.h.chain(ctx, inv)
		if err != nil || res == nil {
			return nil, err
		}
		out, ok := res.(*O)
		if !ok {
			return nil, fmt.Errorf("middleware returned an output of type %T from %s, which returns %T", res, inv.Operation, out)
		}
		return out, nil
	}, in)
}
