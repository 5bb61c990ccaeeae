//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"hash"
	"io"
	"log/slog"
	"net/http"
	"strconv"
)

// Streamed payloads: a @streaming blob bound to the payload is never
// buffered whole. The input member reads the request body itself, outside
// the body size limit; the output member is copied to the response.

// requestStream is the io.ReadCloser an input's @streaming blob member
// reads: the request body, checked against the payload hash the client
// signed when WithSigV4 asks for it.
type requestStream struct {
	body io.ReadCloser
	// sum hashes what has been read; nil when no hash is to be checked.
	sum  hash.Hash
	want []byte
	// done is the error every Read returns once the body has ended.
	done error
	// whole is true when the body was read before the service ran, to
	// be hashed: the stream reads it from the exchange's buffer.
	whole bool
}

// newRequestStream wraps the request body; a request without one reads as
// empty, so the member is never nil.
func newRequestStream(r *http.Request) *requestStream {
	body := r.Body
	if body == nil {
		body = http.NoBody
	}
	return &requestStream{body: body}
}

// expectSHA256 makes the stream check, when it ends, that what it read has
// the SHA-256 sum want.
func (s *requestStream) expectSHA256(want []byte) {
	s.sum, s.want = sha256.New(), want
}

func (s *requestStream) Read(p []byte) (int, error) {
	if s.done != nil {
		return 0, s.done
	}
	n, err := s.body.Read(p)
	if s.sum != nil {
		s.sum.Write(p[:n])
	}
	if err == io.EOF {
		s.done = io.EOF
		if s.sum != nil && !bytes.Equal(s.sum.Sum(nil), s.want) {
			// The service sees the failure as the end of the body;
			// returned by it, the error answers 403 like any other
			// signature that does not hold.
			s.done = errPayloadHash
		}
		return n, s.done
	}
	return n, err
}

// Close closes the request body; the handler calls it once the response
// is written, whatever the service did.
func (s *requestStream) Close() error { return s.body.Close() }

// errPayloadHash is what a signed stream returns at its end when the body
// is not the one the client signed.
var errPayloadHash error = &frameworkError{http.StatusForbidden, "InvalidSignatureException",
	"The x-amz-content-sha256 header does not match the SHA-256 of the body that arrived."}

// requestStream returns the stream of the request body for the input's
// @streaming blob member.
func (x *exchange) requestStream() io.ReadCloser {
	if x.inStream == nil {
		x.inStream = newRequestStream(x.r)
	}
	return x.inStream
}

// checkLength refuses a body of unknown length (chunked) to an operation
// whose streamed payload has @requiresLength: 411.
func (x *exchange) checkLength() error {
	if x.op.requiresLength && x.r.ContentLength < 0 {
		return &frameworkError{http.StatusLengthRequired, "LengthRequiredException", "the request body must be sent with a Content-Length"}
	}
	return nil
}

// streamBody sends a streamed payload: body is copied to the response by
// finish, typed with the payload's media type unless an output member
// bound to Content-Type has set the header.
func (x *exchange) streamBody(mediaType string, body io.Reader) {
	if h := x.w.Header(); h.Get("Content-Type") == "" {
		h.Set("Content-Type", mediaType)
	}
	x.outStream = body
	x.hasRawBody = true
}

// copyStream writes the streamed payload after the headers, then closes
// it when it is an io.Closer: also when the client has gone away, or the
// payload failed, which can only be logged, the status being sent.
func (x *exchange) copyStream() {
	body := x.outStream
	x.outStream = nil
	if c, ok := body.(io.Closer); ok {
		defer func() { _ = c.Close() }()
	}
	if _, err := io.Copy(x.w, body); err != nil {
		x.logStreamFailure(err)
	}
}

// closeStream closes a streamed payload that is not sent: the service
// returned it, and then something failed.
func (x *exchange) closeStream() {
	if c, ok := x.outStream.(io.Closer); ok {
		_ = c.Close()
	}
	x.outStream = nil
}

// streamLength is the length of a streamed payload that knows it
// (*bytes.Reader, *strings.Reader, *bytes.Buffer), so that the response
// says Content-Length; -1 otherwise, and the body is sent chunked.
func streamLength(body io.Reader) int64 {
	if l, ok := body.(interface{ Len() int }); ok {
		return int64(l.Len())
	}
	return -1
}

// setStreamLength states the length of the streamed payload when it is
// known.
func (x *exchange) setStreamLength() {
	if n := streamLength(x.outStream); n >= 0 {
		x.w.Header().Set("Content-Length", strconv.FormatInt(n, 10))
	}
}

func (x *exchange) logStreamFailure(err error) {
	if errors.Is(err, io.EOF) {
		return
	}
	x.log(slog.LevelWarn, "response body could not be sent whole", slog.String("error", err.Error()))
}

// checkStream applies the length and media-type rules to a streamed
// request body, which is left unread for the service. Its media type is
// checked unless the request says it has no body.
func (x *exchange) checkStream() error {
	if err := x.checkLength(); err != nil {
		return err
	}
	ct := x.r.Header.Get("Content-Type")
	empty := x.r.ContentLength == 0
	if x.h.opts.hashStreams && x.r.Header.Get("X-Amz-Content-Sha256") == "" {
		// The signature covers a hash the client did not send: the
		// body has to be read to be verified, as any other body is.
		if err := x.readBody(); err != nil {
			return err
		}
		x.inStream = &requestStream{body: io.NopCloser(bytes.NewReader(x.body)), whole: true}
		empty = len(x.body) == 0
	} else {
		x.inStream = newRequestStream(x.r)
	}
	if empty && ct == "" {
		return nil
	}
	if !isMediaType(ct, x.op.payloadType) {
		return unsupportedMediaType("the request body must be " + x.op.payloadType + ", not " + strconv.Quote(ct))
	}
	return nil
}
