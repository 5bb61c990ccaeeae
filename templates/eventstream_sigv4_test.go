package templates

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// testEventSigner signs envelopes as the AWS SDKs do, written from the
// description of the format rather than from the code under test: an
// envelope has the headers :date (timestamp) and :chunk-signature
// (bytes), its payload is the inner message, and the signature chains
// from the one before.
type testEventSigner struct {
	secret, region, service string
	prev                    []byte
}

func testHMAC(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

func testSHA256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// envelope signs signed and sends sent (the same but in tests of
// tampering) in an envelope dated date.
func (s *testEventSigner) envelope(date time.Time, signed, sent []byte) []byte {
	dateHeader := append([]byte{5, ':', 'd', 'a', 't', 'e', 8}, binary.BigEndian.AppendUint64(nil, uint64(date.UnixMilli()))...)
	day := date.UTC().Format("20060102")
	key := []byte("AWS4" + s.secret)
	for _, part := range []string{day, s.region, s.service, "aws4_request"} {
		key = testHMAC(key, part)
	}
	sig := testHMAC(key, strings.Join([]string{
		"AWS4-HMAC-SHA256-PAYLOAD",
		date.UTC().Format("20060102T150405Z"),
		day + "/" + s.region + "/" + s.service + "/aws4_request",
		hex.EncodeToString(s.prev),
		testSHA256Hex(dateHeader),
		testSHA256Hex(signed),
	}, "\n"))
	s.prev = sig
	headers := append(bytes.Clone(dateHeader), 16)
	headers = append(headers, ":chunk-signature"...)
	headers = append(headers, 6, 0, 32)
	headers = append(headers, sig...)
	return frame(uint32(16+len(headers)+len(sent)), uint32(len(headers)), headers, sent)
}

var (
	eventSignTime = time.Date(2026, 3, 1, 23, 59, 58, 250e6, time.UTC)
	eventSeedSig  = bytes.Repeat([]byte{0xab}, 32)
)

func newTestEventSigner() *testEventSigner {
	return &testEventSigner{secret: suiteSecret, region: suiteRegion, service: "service", prev: eventSeedSig}
}

// signedReader reads body as the stream of a request that WithSigV4
// verified with the signature eventSeedSig, at eventSignTime.
func signedReader(body []byte, now time.Time) *eventStreamReader {
	r := testEventReader(bytes.NewReader(body), http.Header{"X-Amz-Content-Sha256": {sigv4Events}}, 1<<20)
	r.chain = newEventSignatureChain(&sigv4Seed{
		secret: suiteSecret, region: suiteRegion, service: "service",
		signature: eventSeedSig, now: func() time.Time { return now },
	})
	return r
}

func TestSignedEventStream(t *testing.T) {
	e0, e1, e2 := testEvent(t, 0), testEvent(t, 1), testEvent(t, 2)
	// The stream crosses midnight: the signing key changes on the way.
	at := func(i int) time.Time { return eventSignTime.Add(time.Duration(i) * time.Second) }
	stream := func(edit func(s *testEventSigner) [][]byte) []byte {
		return bytes.Join(edit(newTestEventSigner()), nil)
	}
	whole := stream(func(s *testEventSigner) [][]byte {
		return [][]byte{s.envelope(at(0), e0, e0), s.envelope(at(1), e1, e1), s.envelope(at(2), e2, e2), s.envelope(at(3), nil, nil)}
	})
	tests := []struct {
		name    string
		body    []byte
		now     time.Time
		want    []string
		wantErr error
	}{
		{"whole", whole, eventSignTime, []string{"0", "1", "2"}, io.EOF},
		{"payload changed", stream(func(s *testEventSigner) [][]byte {
			return [][]byte{s.envelope(at(0), e0, e0), s.envelope(at(1), e1, e2)}
		}), eventSignTime, []string{"0"}, errEventSignature},
		{"reordered", stream(func(s *testEventSigner) [][]byte {
			a, b := s.envelope(at(0), e0, e0), s.envelope(at(1), e1, e1)
			return [][]byte{b, a}
		}), eventSignTime, nil, errEventSignature},
		{"message dropped", stream(func(s *testEventSigner) [][]byte {
			a, _, c := s.envelope(at(0), e0, e0), s.envelope(at(1), e1, e1), s.envelope(at(2), e2, e2)
			return [][]byte{a, c}
		}), eventSignTime, []string{"0"}, errEventSignature},
		{"no final message", stream(func(s *testEventSigner) [][]byte {
			return [][]byte{s.envelope(at(0), e0, e0), s.envelope(at(1), e1, e1)}
		}), eventSignTime, []string{"0", "1"}, errEventUnended},
		{"other secret", stream(func(s *testEventSigner) [][]byte {
			s.secret = "not the secret"
			return [][]byte{s.envelope(at(0), e0, e0)}
		}), eventSignTime, nil, errEventSignature},
		{"other seed", stream(func(s *testEventSigner) [][]byte {
			s.prev = bytes.Repeat([]byte{0xcd}, 32)
			return [][]byte{s.envelope(at(0), e0, e0)}
		}), eventSignTime, nil, errEventSignature},
		{"signed 10 minutes ago", whole, eventSignTime.Add(10 * time.Minute), nil, errEventSignatureTime},
		{"not an envelope", e0, eventSignTime, nil, errEventNotSigned},
		{"envelope of a bad message", stream(func(s *testEventSigner) [][]byte {
			return [][]byte{s.envelope(at(0), e0[:10], e0[:10])}
		}), eventSignTime, nil, errEventTruncated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readAll(signedReader(tt.body, tt.now))
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if !slicesEqual(got, tt.want) {
				t.Errorf("payloads %q, want %q", got, tt.want)
			}
		})
	}
}

// Without WithSigV4, envelopes are unwrapped and not verified.
func TestSignedEventStreamUnverified(t *testing.T) {
	s := newTestEventSigner()
	s.secret = "whatever the client has"
	e0 := testEvent(t, 0)
	body := append(s.envelope(eventSignTime, e0, e0), s.envelope(eventSignTime, nil, nil)...)
	r := testEventReader(bytes.NewReader(body), http.Header{"X-Amz-Content-Sha256": {sigv4Events}}, 1<<20)
	got, err := readAll(r)
	if err != io.EOF || !slicesEqual(got, []string{"0"}) {
		t.Errorf("payloads %q, error %v", got, err)
	}
	// A stream cut short of its final message ends as one that is not.
	r = testEventReader(bytes.NewReader(body[:len(body)/2+1]), http.Header{"X-Amz-Content-Sha256": {sigv4Events}}, 1<<20)
	if _, err := readAll(r); !errors.Is(err, errEventTruncated) {
		t.Errorf("error %v", err)
	}
}

// The request hook of WithSigV4 takes the streaming payload hash for an
// event-stream input, and leaves the request's signature for the reader.
func TestSigV4EventStreamSeed(t *testing.T) {
	v := suiteVerifier(eventSignTime)
	stamp := eventSignTime.Format(sigv4TimeFormat)
	newRequest := func() *http.Request {
		r := httptest.NewRequest("POST", "/stream", nil)
		r.Header.Set("X-Amz-Date", stamp)
		r.Header.Set("X-Amz-Content-Sha256", sigv4Events)
		a := &sigv4Auth{v: v, date: stamp, scope: stamp[:8] + "/" + suiteRegion + "/service/aws4_request",
			signedHeaders: "host;x-amz-content-sha256;x-amz-date", secret: suiteSecret}
		sig := a.sign(a.canonicalRequest(r, "/stream", sigv4Events))
		r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+suiteKey+"/"+a.scope+", SignedHeaders="+a.signedHeaders+", Signature="+hex.EncodeToString(sig))
		return r
	}
	r := newRequest()
	ctx, err := v.hook(context.Background(), &IncomingRequest{Request: r, inputEvents: true})
	if err != nil {
		t.Fatal(err)
	}
	seed := sigv4SeedFrom(ctx)
	if seed == nil {
		t.Fatal("no seed for the event stream")
	}
	if got, _ := hex.DecodeString(strings.SplitAfter(r.Header.Get("Authorization"), "Signature=")[1]); !bytes.Equal(seed.signature, got) {
		t.Errorf("seed %x, want the request's signature %x", seed.signature, got)
	}
	// The chain starts from it: a stream signed from that signature reads.
	s := newTestEventSigner()
	s.prev = seed.signature
	e0 := testEvent(t, 0)
	r.Body = io.NopCloser(bytes.NewReader(append(s.envelope(eventSignTime, e0, e0), s.envelope(eventSignTime, nil, nil)...)))
	h := newHandler(nil, nil)
	got, err := readAll(newEventStreamReader(&exchange{h: h, r: r, ctx: ctx}))
	if err != io.EOF || !slicesEqual(got, []string{"0"}) {
		t.Errorf("payloads %q, error %v", got, err)
	}
	// An operation without an event-stream input does not take the
	// streaming payload hash.
	if _, err := v.hook(context.Background(), &IncomingRequest{Request: newRequest()}); sigv4Code(err) != "InvalidSignatureException" {
		t.Errorf("streaming hash for a plain operation: %v", err)
	}
}

// testdata/eventstream/signed.txt is a stream that the AWS SDK for Go v2's
// signer signed (e2e/eventstream_wire_test.go): the messages
// "payload-only" and "all-headers" of vectors.txt, then the end, dated
// eventSignTime and a second and two later, chained from eventSeedSig
// with the SigV4 suite's secret, for us-east-1 and "service".
func TestSignedEventStreamFromSDK(t *testing.T) {
	body := eventHexFile(t, "signed.txt")["sdk-signed"]
	got, err := readAll(signedReader(body, eventSignTime))
	if want := []string{"{'foo':'bar'}", `{"x":1}`}; err != io.EOF || !slicesEqual(got, want) {
		t.Errorf("payloads %q, error %v; want %q", got, err, want)
	}
	// One bit changed anywhere in a signature fails the chain.
	i := bytes.Index(body, []byte(":chunk-signature")) + len(":chunk-signature") + 3
	bad := bytes.Clone(body)
	bad[i] ^= 1
	bad = fixEventCRC(bad)
	if _, err := readAll(signedReader(bad, eventSignTime)); !errors.Is(err, errEventSignature) {
		t.Errorf("error %v, want a signature mismatch", err)
	}
}

// fixEventCRC recomputes the message checksum of the first message of b.
func fixEventCRC(b []byte) []byte {
	total := binary.BigEndian.Uint32(b)
	binary.BigEndian.PutUint32(b[total-4:], crc32.ChecksumIEEE(b[:total-4]))
	return b
}
