//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Signed event streams: the AWS SDKs sign each message of a request's
// event stream, in a chain that starts from the signature of the request
// itself. The signature of a message is the HMAC-SHA256, with the signing
// key of the message's day, of
//
//	AWS4-HMAC-SHA256-PAYLOAD
//	<:date, as 20060102T150405Z>
//	<credential scope: day/region/service/aws4_request>
//	<the previous signature, hex>
//	<SHA-256 of the encoded headers but :chunk-signature, hex>
//	<SHA-256 of the payload, hex>
//
// lines joined by "\n".

const sigv4EventsAlgorithm = "AWS4-HMAC-SHA256-PAYLOAD"

var errEventSignature = &eventStreamError{code: "InvalidSignatureException", msg: "The signature of an event stream message does not match: " + sigv4SignatureText}

// errEventSignatureTime is a message signed more than 5 minutes away from
// the server's clock: a replayed message, or a client whose clock is off.
var errEventSignatureTime = &eventStreamError{code: "InvalidSignatureException", msg: "An event stream message is signed more than 5 minutes away from the server's time."}

// eventSignatureChain verifies the signatures of a stream's messages, each
// against the one before.
type eventSignatureChain struct {
	seed *sigv4Seed
	prev []byte
	// day and key cache the signing key of the last message's day.
	day string
	key []byte
	// headers is where the signed headers are encoded.
	headers []byte
}

func newEventSignatureChain(seed *sigv4Seed) *eventSignatureChain {
	return &eventSignatureChain{seed: seed, prev: seed.signature}
}

// verify checks the signature of the envelope env.
func (c *eventSignatureChain) verify(env *eventMessage) error {
	dh, _ := env.header(":date")
	date, ok := dh.timestampValue()
	if !ok {
		return errEventNotSigned
	}
	sh, _ := env.header(":chunk-signature")
	if sh.kind != eventBytes || len(sh.data) != sha256.Size {
		return errEventSignature
	}
	if d := date.Sub(c.seed.now()); d > sigv4MaxSkew || d < -sigv4MaxSkew {
		return errEventSignatureTime
	}
	want := c.sign(env, date)
	if !hmac.Equal(want, sh.data) {
		return errEventSignature
	}
	c.prev = want
	return nil
}

// sign computes the signature env should carry.
func (c *eventSignatureChain) sign(env *eventMessage, date time.Time) []byte {
	c.headers = c.headers[:0]
	for i := range env.headers {
		if env.headers[i].name != ":chunk-signature" {
			c.headers = appendEventHeaders(c.headers, env.headers[i:i+1])
		}
	}
	headersHash := sha256.Sum256(c.headers)
	payloadHash := sha256.Sum256(env.payload)
	stamp := date.UTC().Format(sigv4TimeFormat)
	if day := stamp[:8]; day != c.day {
		c.day = day
		c.key = sigv4SigningKey(c.seed.secret, c.scope())
	}
	stringToSign := sigv4EventsAlgorithm + "\n" + stamp + "\n" + c.scope() + "\n" +
		hex.EncodeToString(c.prev) + "\n" + hex.EncodeToString(headersHash[:]) + "\n" + hex.EncodeToString(payloadHash[:])
	return hmacSHA256(c.key, stringToSign)
}

func (c *eventSignatureChain) scope() string {
	return c.day + "/" + c.seed.region + "/" + c.seed.service + "/aws4_request"
}
