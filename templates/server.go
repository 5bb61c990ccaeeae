//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// HandlerOption configures the handler that NewHandler returns.
type HandlerOption func(*handlerOptions)

type handlerOptions struct {
	maxBodyBytes int64
	maxDepth     int
	logger       *slog.Logger
	requestID    func(*http.Request) string
	requestHooks []RequestHook
	middleware   []Middleware
	// maxEventMessage is WithEventMessageLimit's; 0 for the default.
	maxEventMessage int
	// hashStreams makes a streamed request body that comes without
	// X-Amz-Content-Sha256 be read whole, so that WithSigV4 can hash it.
	hashStreams bool
}

// WithMaxBodyBytes limits the size of request bodies; a larger body is
// answered with 413. The default is 1 MiB.
func WithMaxBodyBytes(n int64) HandlerOption {
	return func(o *handlerOptions) { o.maxBodyBytes = n }
}

// WithMaxDepth limits how deeply JSON request bodies may nest; a deeper body
// is answered with 400. The default is 64.
func WithMaxDepth(n int) HandlerOption {
	return func(o *handlerOptions) { o.maxDepth = n }
}

// WithLogger sets where the handler logs what it does not send to clients:
// unmodeled errors and panics of the service, bodies that could not be
// read. Every line carries the operation and the request ID. The default
// is slog.Default().
func WithLogger(l *slog.Logger) HandlerOption {
	return func(o *handlerOptions) { o.logger = l }
}

// operation is what the shared request path needs to know of one operation.
type operation struct {
	name   string
	method string
	uri    string
	// hasBody is true when the input has members bound to the JSON body,
	// so a JSON body is expected rather than tolerated.
	hasBody bool
	// rawBody is true when the input's payload is a blob or string, taken
	// as it is; its Content-Type must be payloadType, the payload's
	// @mediaType or what its shape implies (application/octet-stream for
	// blobs, text/plain for strings), as Smithy's
	// RestJsonWithPayloadExpectsModeledContentType and
	// RestJsonWithPayloadExpectsImpliedContentType require.
	rawBody     bool
	payloadType string
	// streamsBody is true when the input's payload is a @streaming blob:
	// the body is not read before the service runs, and the size limit
	// does not apply to it. requiresLength is its @requiresLength: a
	// body of unknown length is refused with 411.
	streamsBody, requiresLength bool
	// responseTypes are the media types a client may ask for when a
	// successful response is not JSON alone: a blob or string output
	// payload's, or an event stream's or JSON (clients of event streams
	// ask for either). The Accept header must allow one of them
	// (RestJsonWithPayloadExpectsModeledAccept). Nil means JSON.
	responseTypes []string
	// invalid builds the modeled error that reports malformed or invalid
	// input: a message and, for ValidationException, one entry per listed
	// violation (verr is nil for malformed input). It is nil for operations
	// whose input has no members, which cannot be invalid, and for those
	// that model no error fit for it: the built-in ValidationException
	// (400, body {"message": ...}) reports their invalid input.
	invalid func(message string, verr *validationError) modeledError
	// internal builds the modeled error for unexpected failures; nil when
	// the operation has none.
	internal func() modeledError
	// unsignedPayload is true when SigV4 signatures may leave the body
	// out (X-Amz-Content-Sha256: UNSIGNED-PAYLOAD): the operation has the
	// aws.auth#unsignedPayload trait.
	unsignedPayload bool
	// inputEvents is true when the input is an event stream: the body is
	// a sequence of messages, which eventStreamReader reads while the
	// service runs, not before. WithMaxBodyBytes does not apply to it;
	// WithEventMessageLimit applies to each message.
	inputEvents bool
	// serve decodes, validates, calls the service and encodes.
	serve func(x *exchange)
}

// handler is the http.Handler of a generated service.
type handler struct {
	opts     handlerOptions
	ops      []operation
	router   *router
	exchange sync.Pool
	// chain is the middleware around the service; nil without any.
	chain Invoker
}

func newHandler(ops []operation, opts []HandlerOption) *handler {
	h := &handler{ops: ops, opts: handlerOptions{maxBodyBytes: 1 << 20, maxDepth: 64}}
	for _, o := range opts {
		o(&h.opts)
	}
	if h.opts.logger == nil {
		h.opts.logger = slog.Default()
	}
	routes := make([]route, len(ops))
	for i, op := range ops {
		routes[i] = route{method: op.method, uri: op.uri, op: i}
	}
	h.router = newRouter(routes)
	h.chain = chainMiddleware(h.opts.middleware)
	h.exchange.New = func() any { return &exchange{h: h} }
	return h
}

// modeledError is implemented by every error shape of the package: the
// handler sends such errors to the client as they are.
type modeledError interface {
	error
	ErrorCode() string
	HTTPStatusCode() int
	writeBody(w *jsonWriter)
}

// frameworkError is a failure of the protocol layer that no operation
// models: unknown path, wrong method, unsupported media type, and so on.
type frameworkError struct {
	status int
	code   string
	msg    string
}

func (e *frameworkError) Error() string       { return e.code + ": " + e.msg }
func (e *frameworkError) ErrorCode() string   { return e.code }
func (e *frameworkError) HTTPStatusCode() int { return e.status }
func (e *frameworkError) writeBody(w *jsonWriter) {
	w.objectStart()
	w.key("message")
	w.string(e.msg)
	w.objectEnd()
}

// requestError is input that could not be read: a label, query or header
// value that does not parse, for instance. It is reported as the operation's
// validation error.
type requestError struct{ msg string }

func (e *requestError) Error() string { return e.msg }

// panicError carries a panic of the service to the error path.
type panicError struct {
	value any
	stack []byte
}

func (e *panicError) Error() string { return fmt.Sprintf("panic: %v", e.value) }

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	x := h.exchange.Get().(*exchange)
	x.w, x.r = w, r
	defer x.release()
	var status int
	var allow string
	var op int
	op, x.labels, status, allow = h.router.match(r.Method, r.URL.EscapedPath(), r.URL.RawQuery, x.labels[:0])
	if status != 0 {
		x.startRequest(new(requestContext))
	}
	switch status {
	case 0:
	case http.StatusMethodNotAllowed:
		w.Header().Set("Allow", allow)
		x.writeError(&frameworkError{status, "MethodNotAllowedException", "method " + r.Method + " is not allowed here; allowed: " + allow})
		return
	case http.StatusNotFound:
		x.writeError(&frameworkError{status, "UnknownOperationException", "no operation matches " + r.Method + " " + r.URL.EscapedPath()})
		return
	default:
		x.writeError(&frameworkError{http.StatusBadRequest, "SerializationException", "the request path is not valid percent-encoding"})
		return
	}
	x.op = &h.ops[op]
	x.op.serve(x)
}

// exchange is one request and its response on their way through the
// handler. Exchanges are pooled: nothing may keep one after the request.
type exchange struct {
	h  *handler
	op *operation
	w  http.ResponseWriter
	r  *http.Request
	// ctx is the context of the service and hooks: r's, with the
	// request ID.
	ctx context.Context
	// ids is where the exchange takes request IDs from.
	ids    requestIDs
	labels []string
	query  url.Values
	body   []byte
	json   jsonReader
	out    jsonWriter
	status int
	// hasBody is set by jsonBody: the response carries a JSON document;
	// hasRawBody by rawBody and streamBody, for payloads that are not JSON.
	hasBody, hasRawBody bool
	// inStream is the request body of a streamed input payload, once
	// checkRequest or the decoder has made it; outStream the streamed
	// output payload that finish sends.
	inStream  *requestStream
	outStream io.Reader
}

// maxPooledBuffer is the most a pooled exchange keeps of each buffer after a
// request: enough for ordinary requests and responses, so that they do not
// allocate, while a rare large one does not stay pinned in the pool.
const maxPooledBuffer = 64 << 10

func (x *exchange) release() {
	if x.inStream != nil {
		_ = x.inStream.Close()
		x.inStream = nil
	}
	if x.outStream != nil {
		x.closeStream()
	}
	x.op, x.w, x.r, x.ctx, x.query = nil, nil, nil, nil, nil
	x.labels = x.labels[:0]
	x.body = x.body[:0]
	if cap(x.body) > maxPooledBuffer {
		x.body = nil
	}
	x.out.reset()
	if cap(x.out.buf) > maxPooledBuffer {
		x.out.buf = nil
	}
	x.json.release()
	x.status, x.hasBody, x.hasRawBody = 0, false, false
	x.h.exchange.Put(x)
}

// serveWith returns the serve function of an operation: serveOperation with
// its steps bound once, when the handler is made. Bound on every request
// instead, the method value of the service would be allocated each time.
func serveWith[I, O any](decode func(*exchange, *I) error, validate func(*I) error,
	call func(context.Context, *I) (*O, error), encode func(*exchange, *O)) func(*exchange) {
	return func(x *exchange) { serveOperation(x, decode, validate, call, encode) }
}

// serveOperation is the request path every operation shares: read and
// decode the input, validate it, call the service, encode the output. Errors
// at any step become the modeled error responses the README describes.
func serveOperation[I, O any](x *exchange, decode func(*exchange, *I) error, validate func(*I) error,
	call func(context.Context, *I) (*O, error), encode func(*exchange, *O)) {
	st := newCallState[I](x)
	in := &st.in
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
	var out *O
	var err error
	if x.h.chain == nil {
		out, err = invoke(x.ctx, call, in)
	} else {
		out, err = invokeThrough(x, x.ctx, call, in)
	}
	if err != nil {
		x.fail(err)
		return
	}
	if out == nil {
		out = new(O)
	}
	x.status = http.StatusOK
	encode(x, out)
	x.finish()
}

// callState is what a call of an operation allocates: its context and its
// input, together, where each would otherwise be an allocation of its own.
// They share a lifetime anyway: that of the request, or longer if the
// service keeps the input or the context.
type callState[I any] struct {
	ctx requestContext
	in  I
}

// newCallState starts a call: it gives the request its ID and context.
func newCallState[I any](x *exchange) *callState[I] {
	st := new(callState[I])
	x.startRequest(&st.ctx)
	return st
}

// invoke calls the service, turning a panic into an error so that one bad
// request cannot take the server down.
func invoke[I, O any](ctx context.Context, call func(context.Context, *I) (*O, error), in *I) (out *O, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, &panicError{value: p, stack: debug.Stack()}
		}
	}()
	return call(ctx, in)
}

// checkRequest applies the media-type, Accept and size rules and reads the
// body.
func (x *exchange) checkRequest() error {
	types := x.op.responseTypes
	if types == nil {
		types = jsonResponseTypes
	}
	if accept := x.r.Header["Accept"]; !slices.ContainsFunc(types, func(t string) bool { return accepts(accept, t) }) { // canonical key: no lookup work
		return &frameworkError{http.StatusNotAcceptable, "NotAcceptableException", "the Accept header does not allow " + strings.Join(types, " or ")}
	}
	if raw := x.r.URL.RawQuery; raw != "" {
		// Parsed here rather than when a member first needs it, so that a
		// query string that does not decode is refused whatever the
		// operation binds: url.ParseQuery would otherwise drop the bad
		// pairs and carry on without them.
		q, err := url.ParseQuery(raw)
		if err != nil {
			return &requestError{"the query string is malformed: " + err.Error()}
		}
		x.query = q
	}
	if x.op.inputEvents {
		if ct := x.r.Header["Content-Type"]; len(ct) > 0 && !isMediaType(ct[0], eventStreamMediaType) {
			return unsupportedMediaType("the request body must be " + eventStreamMediaType + ", not " + strconv.Quote(ct[0]))
		}
		return nil
	}
	if x.op.streamsBody {
		return x.checkStream()
	}
	if err := x.readBody(); err != nil {
		return err
	}
	if len(x.body) == 0 {
		return nil
	}
	var ct string
	if v := x.r.Header["Content-Type"]; len(v) > 0 { // canonical key: no lookup work
		ct = v[0]
	}
	switch {
	case !x.op.hasBody && !x.op.rawBody && ct == "":
		// No modeled body and none announced: the bytes mean nothing
		// (Smithy's RestJsonMalformedLengthQueryStringNoValue).
		x.body = x.body[:0]
	case x.op.rawBody:
		if !isMediaType(ct, x.op.payloadType) {
			return unsupportedMediaType("the request body must be " + x.op.payloadType + ", not " + strconv.Quote(ct))
		}
	case !isJSONMediaType(ct):
		return unsupportedMediaType("the request body must be application/json, not " + strconv.Quote(ct))
	case !x.op.hasBody && !isEmptyObject(x.body):
		// The AWS SDK for Go v1 sends {} with a JSON
		// Content-Type to operations without a body; that is taken for
		// no body, anything else refused.
		return unsupportedMediaType("this operation takes no request body")
	}
	return nil
}

func unsupportedMediaType(msg string) error {
	return &frameworkError{http.StatusUnsupportedMediaType, "UnsupportedMediaTypeException", msg}
}

// isMediaType reports whether the Content-Type ct is the media type want
// (parameters aside); a want of "type/*" takes any subtype, "*/*" anything,
// no Content-Type included.
func isMediaType(ct, want string) bool {
	if want == "*/*" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	if typ, ok := strings.CutSuffix(want, "/*"); ok {
		return strings.HasPrefix(mt, typ+"/")
	}
	return mt == strings.ToLower(want)
}

// readBody reads the whole request body into x.body. Memory follows the
// bytes that arrive, not what Content-Length announces: a client that
// announces a large body and sends nothing costs next to nothing.
func (x *exchange) readBody() error {
	limit := x.h.opts.maxBodyBytes
	if x.r.ContentLength > limit {
		return tooLarge(limit)
	}
	if x.r.Body == nil || x.r.Body == http.NoBody {
		return nil
	}
	buf := x.body[:0]
	if n := x.r.ContentLength; n > 0 && n < bodyReserve && int64(cap(buf)) <= n {
		// An ordinary body is read in one allocation: reserving a few
		// KiB ahead of the bytes costs little.
		buf = make([]byte, 0, n+1)
	}
	for {
		if len(buf) == cap(buf) {
			buf = growBody(buf, limit)
		}
		n, err := x.r.Body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			x.body = buf[:0]
			return tooLarge(limit)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			x.body = buf[:0]
			return x.unreadableBody(err)
		}
	}
	x.body = buf
	return nil
}

// bodyReserve is the largest announced body that is allocated before it
// arrives.
const bodyReserve = 16 << 10

// growBody makes room for more of a body: as much again as it holds (512
// bytes at least), but no more than limit+1 bytes in all, one more than
// the largest body allowed so that a longer one shows.
func growBody(buf []byte, limit int64) []byte {
	want := int64(max(2*cap(buf), 512))
	if want-1 > limit {
		want = limit + 1
	}
	return slices.Grow(buf, int(want)-len(buf))
}

// unreadableBody reports a body that could not be read with a fixed
// message: the reason (an address, a deadline, a broken connection) is the
// server's business, and goes to the log.
func (x *exchange) unreadableBody(err error) error {
	x.log(slog.LevelWarn, "request body could not be read", slog.String("error", err.Error()))
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return &frameworkError{http.StatusRequestTimeout, "RequestTimeoutException", "the request body did not arrive in time"}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return &requestError{"the request body ended before its announced length"}
	}
	return &requestError{"the request body could not be read"}
}

func tooLarge(limit int64) error {
	return &frameworkError{http.StatusRequestEntityTooLarge, "RequestEntityTooLargeException", "the request body is larger than " + strconv.FormatInt(limit, 10) + " bytes"}
}

// isJSONMediaType accepts application/json with any parameters, and the
// JSON types AWS clients send.
func isJSONMediaType(ct string) bool {
	if ct == "application/json" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	return mt == "application/json" || strings.HasPrefix(mt, "application/x-amz-json-")
}

// isEmptyObject reports whether body is "{}", give or take white space:
// the AWS SDK for Go v1 sends that for operations without a body.
func isEmptyObject(body []byte) bool {
	s := strings.TrimSpace(string(body))
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return false
	}
	return strings.TrimSpace(s[1:len(s)-1]) == ""
}

// accepts reports whether the Accept header values allow a response of the
// media type want (lower case, without parameters).
func accepts(values []string, want string) bool {
	if len(values) == 0 || want == "*/*" {
		return true
	}
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
			if err != nil {
				continue
			}
			if q, ok := params["q"]; ok {
				if f, err := strconv.ParseFloat(q, 64); err == nil && f == 0 {
					continue
				}
			}
			typ, _, _ := strings.Cut(want, "/")
			if mt == want || mt == typ+"/*" || mt == "*/*" {
				return true
			}
		}
	}
	return false
}

// decodeJSONBody runs decode over the request body when there is one.
func (x *exchange) decodeJSONBody(decode func(r *jsonReader) error) error {
	if len(x.body) == 0 {
		return nil
	}
	x.json.reset(x.body, x.h.opts.maxDepth)
	// A null member is an absent one, but a null body is not an input:
	// Smithy's RestJsonTechnicallyValidJsonBody wants it rejected like
	// any other top-level value that is not an object.
	if x.json.skipSpace() == 'n' {
		return x.json.unexpected("an object")
	}
	if err := decode(&x.json); err != nil {
		return err
	}
	return x.json.end()
}

// jsonBody starts the JSON document of a success response.
func (x *exchange) jsonBody() *jsonWriter {
	x.hasBody = true
	return &x.out
}

// finish writes the success response.
func (x *exchange) finish() {
	h := x.w.Header()
	if !bodyAllowed(x.status) {
		if x.hasRawBody || x.hasBody && !isEmptyObject(x.out.bytes()) {
			// The model gives a status without content (204) yet binds
			// output members to the body, and the service set some. HTTP
			// would drop them silently; 200 delivers them, and AWS
			// clients take any 2xx as success.
			x.status = http.StatusOK
		} else {
			x.hasBody, x.hasRawBody = false, false
			h.Del("Content-Type")
		}
	}
	if x.hasBody {
		h["Content-Type"] = jsonContentType
	} else if !x.hasRawBody && bodyAllowed(x.status) {
		// Said outright: an empty body is not one still to come
		// (Smithy's RestJsonHttpPayloadWithUnsetUnion).
		h["Content-Length"] = zeroLength
	}
	// No Content-Length: net/http computes it for a body written in one
	// go before the handler returns, without an allocation of ours.
	if x.outStream != nil {
		x.setStreamLength()
		x.w.WriteHeader(x.status)
		x.copyStream()
		return
	}
	x.w.WriteHeader(x.status)
	if x.hasBody || x.hasRawBody {
		_, _ = x.w.Write(x.out.bytes())
	}
}

// jsonContentType is shared by every response: net/http only reads header
// values, so one slice saves an allocation per response.
var jsonContentType = []string{"application/json"}

// jsonResponseTypes are the responseTypes of an operation that answers JSON.
var jsonResponseTypes = []string{"application/json"}

// eventStreamMediaType is the Content-Type of event streams.
const eventStreamMediaType = "application/vnd.amazon.eventstream"

// zeroLength is the Content-Length of an empty success response.
var zeroLength = []string{"0"}

// bodyAllowed reports whether a response with the status may have content:
// not 1xx, 204 No Content or 304 Not Modified (RFC 9110).
func bodyAllowed(status int) bool {
	return status >= 200 && status != http.StatusNoContent && status != http.StatusNotModified
}

// fail answers with the error: modeled errors as they are, malformed and
// invalid input as the operation's validation error, anything else as the
// operation's server error with a message that gives nothing away.
func (x *exchange) fail(err error) {
	var (
		modeled    modeledError
		invalid    *validationError
		malformed  *malformedError
		badRequest *requestError
	)
	switch {
	case errors.As(err, &invalid):
		x.writeError(x.invalid(invalid.Error(), invalid))
	case errors.As(err, &malformed):
		x.writeError(x.invalid(malformed.Error(), nil))
	case errors.As(err, &badRequest):
		x.writeError(x.invalid(badRequest.Error(), nil))
	case errors.As(err, &modeled):
		x.writeError(modeled)
	default:
		x.logFailure(err)
		x.writeError(x.internalError())
	}
}

// invalid reports bad input as the operation's validation error.
func (x *exchange) invalid(message string, verr *validationError) modeledError {
	if x.op.invalid != nil {
		return x.op.invalid(message, verr)
	}
	return &frameworkError{http.StatusBadRequest, "ValidationException", message}
}

func (x *exchange) internalError() modeledError {
	if x.op.internal != nil {
		return x.op.internal()
	}
	return &frameworkError{http.StatusInternalServerError, "InternalFailure", "an internal error occurred"}
}

// logFailure records what the client is not told.
func (x *exchange) logFailure(err error) {
	var p *panicError
	if errors.As(err, &p) {
		x.log(slog.LevelError, "service panicked", slog.String("error", err.Error()), slog.String("stack", string(p.stack)))
		return
	}
	x.log(slog.LevelError, "service failed", slog.String("error", err.Error()))
}

// log writes a line about the current request, naming its operation and
// its ID.
func (x *exchange) log(level slog.Level, msg string, attrs ...slog.Attr) {
	attrs = append(attrs, slog.String("operation", x.op.name), slog.String("request_id", RequestIDFromContext(x.ctx)))
	x.h.opts.logger.LogAttrs(x.ctx, level, msg, attrs...)
}

// writeError sends an error response: its status, its shape name in
// X-Amzn-ErrorType and its members as the JSON body.
func (x *exchange) writeError(e modeledError) {
	x.out.reset()
	e.writeBody(&x.out)
	if hw, ok := e.(interface{ writeHeaders(x *exchange) }); ok {
		hw.writeHeaders(x)
	}
	h := x.w.Header()
	h.Set("X-Amzn-ErrorType", e.ErrorCode())
	h["Content-Type"] = jsonContentType
	x.w.WriteHeader(e.HTTPStatusCode())
	_, _ = x.w.Write(x.out.bytes())
}
