package templates

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// AWS Signature Version 4, verified as AWS services verify it: the request
// is put into canonical form, the client's signature over it recomputed
// from the secret key, and the two compared in constant time.

const (
	sigv4Algorithm  = "AWS4-HMAC-SHA256"
	sigv4TimeFormat = "20060102T150405Z"
	// sigv4MaxSkew is how far the signing time may be from the server's
	// clock, either way.
	sigv4MaxSkew = 5 * time.Minute
	// sigv4MaxExpires is the longest a presigned URL may be valid: 7 days.
	sigv4MaxExpires = 7 * 24 * 60 * 60
	sigv4Unsigned   = "UNSIGNED-PAYLOAD"
	// sigv4Events is the payload hash of a request whose body is an event
	// stream of signed messages, each signed in a chain that starts
	// from the request's signature.
	sigv4Events        = "STREAMING-AWS4-HMAC-SHA256-EVENTS"
	sigv4SignatureText = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."
)

// WithSigV4 makes the handler verify the AWS Signature Version 4 of every
// request, as AWS services do, before the request is decoded: signed in the
// Authorization header or as a presigned URL, for the region given and the
// service's signing name, with a signing time at most 5 minutes off the
// server's clock, and with the payload hash of the body that arrived.
// A @streaming payload is not read before the service runs: signed as
// UNSIGNED-PAYLOAD it is taken as it is; signed with its SHA-256 in
// X-Amz-Content-Sha256 the stream the service reads checks it, and ends
// with an error that answers 403 InvalidSignatureException when returned
// by the service; without that header it is read whole, within the body
// size limit, and checked before the service runs. Chunked payload signing
// (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) answers 400.
// secretFor returns the secret access key of an access key ID, and false
// for a key it does not know. An X-Amz-Security-Token is passed through:
// it is covered by the signature when the client signed it, and not
// otherwise checked.
//
// A request that fails answers 403 with X-Amzn-ErrorType
// MissingAuthenticationTokenException (not signed),
// UnrecognizedClientException (secretFor does not know the key) or
// InvalidSignatureException (any other failure: wrong signature, expired,
// body changed). The service, middleware and the hooks of WithRequestHook,
// which run after it, read the verified key with AccessKeyIDFromContext.
func WithSigV4(region string, secretFor func(ctx context.Context, accessKeyID string) (secretAccessKey string, ok bool)) HandlerOption {
	v := &sigv4Verifier{
		region:    region,
		service:   signingName,
		secretFor: secretFor,
		now:       time.Now,
		// S3 signs the path as it is; every other AWS service escapes
		// it once more.
		doubleEncode: signingName != "s3",
	}
	return func(o *handlerOptions) {
		// First, whatever the order of the options: the other hooks may
		// rely on the caller being authenticated.
		o.requestHooks = append([]RequestHook{v.hook}, o.requestHooks...)
		o.hashStreams = true
	}
}

// hook is WithSigV4's RequestHook: it runs once the body is read, before
// anything is decoded.
func (v *sigv4Verifier) hook(ctx context.Context, req *IncomingRequest) (context.Context, error) {
	if claimed := req.Request.Header.Get("X-Amz-Content-Sha256"); strings.HasPrefix(claimed, "STREAMING-") && claimed != sigv4Events {
		return nil, &frameworkError{http.StatusBadRequest, "InvalidRequestException",
			"Chunked payload signing (aws-chunked, STREAMING-*) is not supported: sign the body whole, or send UNSIGNED-PAYLOAD."}
	}
	a, err := v.authenticate(ctx, req.Request)
	if err != nil {
		return nil, err
	}
	if req.stream != nil {
		err = a.verifyStream(req.Request, req.stream)
	} else {
		err = a.verify(req.Request, req.Body, req.unsignedPayload, req.inputEvents)
	}
	if err != nil {
		return nil, err
	}
	ctx = context.WithValue(ctx, accessKeyIDKey{}, a.accessKeyID)
	if req.inputEvents && req.Request.Header.Get("X-Amz-Content-Sha256") == sigv4Events {
		ctx = context.WithValue(ctx, sigv4SeedKey{}, &sigv4Seed{
			secret: a.secret, region: v.region, service: v.service,
			signature: a.signature, now: v.now,
		})
	}
	return ctx, nil
}

// sigv4Seed is what verifying the messages of a signed event stream starts
// from: the request's verified signature and the key's secret.
type sigv4Seed struct {
	secret, region, service string
	signature               []byte
	now                     func() time.Time
}

type sigv4SeedKey struct{}

// sigv4SeedFrom returns the seed WithSigV4 left for the request's event
// stream; nil without WithSigV4 or when the stream is not signed.
func sigv4SeedFrom(ctx context.Context) *sigv4Seed {
	s, _ := ctx.Value(sigv4SeedKey{}).(*sigv4Seed)
	return s
}

type accessKeyIDKey struct{}

// AccessKeyIDFromContext returns the access key ID whose signature the
// handler verified (see WithSigV4); false when the handler verifies none.
func AccessKeyIDFromContext(ctx context.Context) (string, bool) {
	id, ok := ctx.Value(accessKeyIDKey{}).(string)
	return id, ok
}

type sigv4Verifier struct {
	region, service string
	secretFor       func(ctx context.Context, accessKeyID string) (string, bool)
	now             func() time.Time
	doubleEncode    bool
}

// sigv4Auth is a request's signature, parsed and checked against the
// credential scope, the clock and the known keys: all there is to verify
// before the body has been read.
type sigv4Auth struct {
	v             *sigv4Verifier
	presigned     bool
	accessKeyID   string
	secret        string
	date          string // the signing time, in sigv4TimeFormat
	scope         string // date/region/service/aws4_request
	signedHeaders string
	signature     []byte
	query         []queryPair
	// omitToken leaves X-Amz-Security-Token out of the canonical query.
	omitToken bool
}

// queryPair is one parameter of the query string, decoded.
type queryPair struct{ key, value string }

func sigv4Missing() error {
	return &frameworkError{http.StatusForbidden, "MissingAuthenticationTokenException", "Missing Authentication Token: the request is not signed with AWS Signature Version 4."}
}

func sigv4Invalid(msg string) error {
	return &frameworkError{http.StatusForbidden, "InvalidSignatureException", msg}
}

// authenticate reads the signature from the Authorization header or the
// query string, and checks all of it that does not need the body.
func (v *sigv4Verifier) authenticate(ctx context.Context, r *http.Request) (*sigv4Auth, error) {
	a := &sigv4Auth{v: v}
	query, err := parseQueryPairs(r.URL.RawQuery)
	if err != nil {
		return nil, sigv4Invalid("The query string is not valid percent-encoding.")
	}
	a.query = query
	var credential, signature string
	if auth := r.Header.Get("Authorization"); auth != "" {
		if credential, signature, err = a.parseAuthorization(auth); err != nil {
			return nil, err
		}
		if a.date, err = headerDate(r.Header); err != nil {
			return nil, err
		}
	} else if algorithm, ok := queryValue(query, "X-Amz-Algorithm"); ok {
		if credential, signature, err = a.parsePresigned(algorithm); err != nil {
			return nil, err
		}
	} else {
		return nil, sigv4Missing()
	}
	if err := a.checkScope(credential); err != nil {
		return nil, err
	}
	if err := a.checkTime(); err != nil {
		return nil, err
	}
	if !strings.Contains(";"+a.signedHeaders+";", ";host;") {
		return nil, sigv4Invalid("The host header must be signed.")
	}
	if a.signature, err = hex.DecodeString(signature); err != nil || len(a.signature) != sha256.Size {
		return nil, sigv4Invalid("The signature is not 64 hexadecimal digits.")
	}
	secret, ok := v.secretFor(ctx, a.accessKeyID)
	if !ok {
		return nil, &frameworkError{http.StatusForbidden, "UnrecognizedClientException", "The security token included in the request is invalid."}
	}
	a.secret = secret
	return a, nil
}

// parseAuthorization reads "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...".
func (a *sigv4Auth) parseAuthorization(auth string) (credential, signature string, err error) {
	scheme, params, _ := strings.Cut(auth, " ")
	if scheme != sigv4Algorithm {
		return "", "", sigv4Invalid("The Authorization header must use " + sigv4Algorithm + ".")
	}
	for _, p := range strings.Split(params, ",") {
		k, val, _ := strings.Cut(strings.TrimSpace(p), "=")
		switch k {
		case "Credential":
			credential = val
		case "SignedHeaders":
			a.signedHeaders = val
		case "Signature":
			signature = val
		}
	}
	if credential == "" || a.signedHeaders == "" || signature == "" {
		return "", "", sigv4Invalid("The Authorization header requires Credential, SignedHeaders and Signature.")
	}
	return credential, signature, nil
}

// headerDate is the signing time of a request signed in its headers:
// X-Amz-Date, else Date.
func headerDate(h http.Header) (string, error) {
	if d := h.Get("X-Amz-Date"); d != "" {
		return d, nil
	}
	if d := h.Get("Date"); d != "" {
		if t, err := http.ParseTime(d); err == nil {
			return t.UTC().Format(sigv4TimeFormat), nil
		}
	}
	return "", sigv4Invalid("The request must carry an X-Amz-Date or Date header.")
}

func (a *sigv4Auth) parsePresigned(algorithm string) (credential, signature string, err error) {
	if algorithm != sigv4Algorithm {
		return "", "", sigv4Invalid("X-Amz-Algorithm must be " + sigv4Algorithm + ".")
	}
	a.presigned = true
	credential, _ = queryValue(a.query, "X-Amz-Credential")
	a.date, _ = queryValue(a.query, "X-Amz-Date")
	a.signedHeaders, _ = queryValue(a.query, "X-Amz-SignedHeaders")
	signature, _ = queryValue(a.query, "X-Amz-Signature")
	if credential == "" || a.date == "" || a.signedHeaders == "" || signature == "" {
		return "", "", sigv4Invalid("A presigned URL requires X-Amz-Credential, X-Amz-Date, X-Amz-SignedHeaders, X-Amz-Expires and X-Amz-Signature.")
	}
	return credential, signature, nil
}

// checkScope checks the credential, KEY/DATE/REGION/SERVICE/aws4_request,
// against the signing time, the region and the service.
func (a *sigv4Auth) checkScope(credential string) error {
	parts := strings.Split(credential, "/")
	if len(parts) != 5 || parts[0] == "" || parts[4] != "aws4_request" {
		return sigv4Invalid("The credential must be ACCESS_KEY_ID/DATE/REGION/SERVICE/aws4_request.")
	}
	switch {
	case len(a.date) < 8 || parts[1] != a.date[:8]:
		return sigv4Invalid("The credential must be scoped to the date of the signing time.")
	case parts[2] != a.v.region:
		return sigv4Invalid("The credential should be scoped to a valid region, not " + strconv.Quote(parts[2]) + ".")
	case parts[3] != a.v.service:
		return sigv4Invalid("The credential should be scoped to the correct service: " + strconv.Quote(a.v.service) + ".")
	}
	a.accessKeyID = parts[0]
	a.scope = strings.Join(parts[1:], "/")
	return nil
}

// checkTime refuses a signing time more than 5 minutes off the server's
// clock and an expired presigned URL.
func (a *sigv4Auth) checkTime() error {
	t, err := time.Parse(sigv4TimeFormat, a.date)
	if err != nil {
		return sigv4Invalid("The signing time must have the form " + sigv4TimeFormat + ".")
	}
	now := a.v.now().UTC()
	if t.Sub(now) > sigv4MaxSkew {
		return sigv4Invalid("Signature not yet current: " + a.date + " is still later than " + now.Add(sigv4MaxSkew).Format(sigv4TimeFormat) + " (" + now.Format(sigv4TimeFormat) + " + 5 min.)")
	}
	latest := t.Add(sigv4MaxSkew)
	if a.presigned {
		s, _ := queryValue(a.query, "X-Amz-Expires")
		expires, err := strconv.Atoi(s)
		if err != nil || expires < 1 || expires > sigv4MaxExpires {
			return sigv4Invalid("X-Amz-Expires must be a number of seconds from 1 to 604800.")
		}
		latest = t.Add(time.Duration(expires) * time.Second)
	}
	if now.After(latest) {
		return sigv4Invalid("Signature expired: " + a.date + " is now earlier than " + now.Add(-latest.Sub(t)).Format(sigv4TimeFormat) + ".")
	}
	return nil
}

// verify checks the signature over the request and its body; body is all
// of it, already read. unsigned allows a signature that leaves the body
// out, which AWS allows for S3 and for operations with the
// aws.auth#unsignedPayload trait. events allows a body of signed event
// stream messages, which the event stream's reader verifies as they
// arrive.
func (a *sigv4Auth) verify(r *http.Request, body []byte, unsigned, events bool) error {
	sum := sha256.Sum256(body)
	payloadHash := hex.EncodeToString(sum[:])
	if claimed := r.Header.Get("X-Amz-Content-Sha256"); claimed != "" && claimed != payloadHash {
		switch {
		case claimed == sigv4Events && events:
			// The messages are signed one by one: the reader checks
			// them.
			payloadHash = sigv4Events
		case claimed != sigv4Unsigned:
			return sigv4Invalid("The x-amz-content-sha256 header does not match the SHA-256 of the body that arrived.")
		case !unsigned && a.v.service != "s3":
			return sigv4Invalid("This operation does not accept UNSIGNED-PAYLOAD: the signature must cover the body.")
		default:
			// The client chose not to sign the body; the signature
			// covers this choice.
			payloadHash = sigv4Unsigned
		}
	}
	return a.check(r, payloadHash)
}

// verifyStream checks the signature over a request whose body the service
// reads as it arrives: UNSIGNED-PAYLOAD is taken as it is; a hash in
// X-Amz-Content-Sha256 is signed over now and checked against the body as
// the service reads it, whose end reports a body that differs. (A body
// without that header is read whole and checked by verify.)
func (a *sigv4Auth) verifyStream(r *http.Request, s *requestStream) error {
	claimed := r.Header.Get("X-Amz-Content-Sha256")
	if claimed == sigv4Unsigned {
		return a.check(r, sigv4Unsigned)
	}
	sum, err := hex.DecodeString(claimed)
	if err != nil || len(sum) != sha256.Size {
		return sigv4Invalid("The x-amz-content-sha256 header must be UNSIGNED-PAYLOAD or the SHA-256 of the body in hexadecimal.")
	}
	if err := a.check(r, claimed); err != nil {
		return err
	}
	s.expectSHA256(sum)
	return nil
}

// check compares the request's signature with the one the secret gives
// for the request and its payload hash.
func (a *sigv4Auth) check(r *http.Request, payloadHash string) error {
	path := requestPath(r)
	paths := []string{path}
	// Clients that normalize the path (dot segments, repeated slashes)
	// sign the normalized form; the Go SDKs sign the path as sent.
	if n := normalizePath(path); n != path {
		paths = append(paths, n)
	}
	// A presigned URL may have its X-Amz-Security-Token added after
	// signing, as the suite's post-sts-header-after test does.
	_, hasToken := queryValue(a.query, "X-Amz-Security-Token")
	for _, omitToken := range []bool{false, true} {
		if omitToken && !(a.presigned && hasToken) {
			break
		}
		a.omitToken = omitToken
		for _, p := range paths {
			if hmac.Equal(a.sign(a.canonicalRequest(r, p, payloadHash)), a.signature) {
				return nil
			}
		}
	}
	return sigv4Invalid(sigv4SignatureText)
}

// requestPath is the path as the client sent it, percent-encoding
// included: the form it signed.
func requestPath(r *http.Request) string {
	if uri := r.RequestURI; strings.HasPrefix(uri, "/") {
		path, _, _ := strings.Cut(uri, "?")
		return path
	}
	return r.URL.EscapedPath()
}

// canonicalRequest is the request in the canonical form that SigV4 signs:
// method, URI, query, signed headers and their names, payload hash, one per
// line.
func (a *sigv4Auth) canonicalRequest(r *http.Request, path, payloadHash string) string {
	var b strings.Builder
	b.WriteString(r.Method)
	b.WriteByte('\n')
	if path == "" {
		path = "/"
	}
	if a.v.doubleEncode {
		path = uriEncode(path, false)
	}
	b.WriteString(path)
	b.WriteByte('\n')
	a.writeCanonicalQuery(&b)
	b.WriteByte('\n')
	for _, name := range strings.Split(a.signedHeaders, ";") {
		b.WriteString(name)
		b.WriteByte(':')
		writeHeaderValues(&b, signedHeaderValues(r, name))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	b.WriteString(a.signedHeaders)
	b.WriteByte('\n')
	b.WriteString(payloadHash)
	return b.String()
}

// writeCanonicalQuery writes the parameters sorted by name and value, each
// encoded the AWS way; a presigned URL's own signature is left out.
func (a *sigv4Auth) writeCanonicalQuery(b *strings.Builder) {
	pairs := make([]queryPair, 0, len(a.query))
	for _, p := range a.query {
		if a.presigned && p.key == "X-Amz-Signature" || a.omitToken && p.key == "X-Amz-Security-Token" {
			continue
		}
		pairs = append(pairs, queryPair{uriEncode(p.key, true), uriEncode(p.value, true)})
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].key != pairs[j].key {
			return pairs[i].key < pairs[j].key
		}
		return pairs[i].value < pairs[j].value
	})
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.key)
		b.WriteByte('=')
		b.WriteString(p.value)
	}
}

// signedHeaderValues returns the values of the header named (lower case).
// net/http keeps Host and, at times, Content-Length out of the header map.
func signedHeaderValues(r *http.Request, name string) []string {
	switch name {
	case "host":
		return []string{r.Host}
	case "content-length":
		if v, ok := r.Header["Content-Length"]; ok {
			return v
		}
		if r.ContentLength >= 0 {
			return []string{strconv.FormatInt(r.ContentLength, 10)}
		}
	}
	return r.Header.Values(name)
}

// writeHeaderValues writes the values joined by commas, each trimmed and
// with runs of white space (folded lines included) made one space.
func writeHeaderValues(b *strings.Builder, values []string) {
	for i, v := range values {
		if i > 0 {
			b.WriteByte(',')
		}
		for j, f := range strings.Fields(v) {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(f)
		}
	}
}

// sign returns the signature of the canonical request.
func (a *sigv4Auth) sign(canonical string) []byte {
	hash := sha256.Sum256([]byte(canonical))
	stringToSign := sigv4Algorithm + "\n" + a.date + "\n" + a.scope + "\n" + hex.EncodeToString(hash[:])
	return hmacSHA256(sigv4SigningKey(a.secret, a.scope), stringToSign)
}

// sigv4SigningKey derives the signing key of a secret for a credential
// scope, DATE/REGION/SERVICE/aws4_request.
func sigv4SigningKey(secret, scope string) []byte {
	key := []byte("AWS4" + secret)
	for _, part := range strings.Split(scope, "/") {
		key = hmacSHA256(key, part)
	}
	return key
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

// uriEncode percent-encodes every byte but the unreserved characters of
// RFC 3986 (and '/' unless encodeSlash), with upper-case hex digits, as
// SigV4 requires.
func uriEncode(s string, encodeSlash bool) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == '~' || c == '/' && !encodeSlash {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

// normalizePath removes dot segments and empty segments from a path,
// keeping a trailing slash.
func normalizePath(path string) string {
	var segs []string
	for _, s := range strings.Split(path, "/") {
		switch s {
		case "", ".":
		case "..":
			if len(segs) > 0 {
				segs = segs[:len(segs)-1]
			}
		default:
			segs = append(segs, s)
		}
	}
	n := "/" + strings.Join(segs, "/")
	if len(segs) > 0 && strings.HasSuffix(path, "/") {
		n += "/"
	}
	return n
}

// parseQueryPairs decodes a raw query string in order, keeping every
// parameter, empty ones included ("a" is a with the value "").
func parseQueryPairs(raw string) ([]queryPair, error) {
	var pairs []queryPair
	for raw != "" {
		var part string
		part, raw, _ = strings.Cut(raw, "&")
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			return nil, err
		}
		value, err := url.QueryUnescape(v)
		if err != nil {
			return nil, err
		}
		pairs = append(pairs, queryPair{key, value})
	}
	return pairs, nil
}

func queryValue(pairs []queryPair, key string) (string, bool) {
	for _, p := range pairs {
		if p.key == key {
			return p.value, true
		}
	}
	return "", false
}
