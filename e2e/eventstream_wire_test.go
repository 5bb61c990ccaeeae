package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// The event-stream wire format of the generated packages against the AWS
// SDK for Go v2's own codec and signer. The runtime's unit tests
// (templates/eventstream_test.go) decode and encode the messages of
// templates/testdata/eventstream; these tests hold the SDK to the same
// bytes, in both directions, so that what the server writes the SDK reads
// and what the SDK writes the server reads.

const eventTestdata = "../templates/testdata/eventstream/"

// readHexLines reads "name hex" lines, skipping comments.
func readHexLines(t *testing.T, file string) map[string][]byte {
	t.Helper()
	f, err := os.Open(eventTestdata + file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]byte{}
	s := bufio.NewScanner(f)
	s.Buffer(nil, 1<<20)
	for s.Scan() {
		if line := s.Text(); line != "" && !strings.HasPrefix(line, "#") {
			name, h, _ := strings.Cut(line, " ")
			b, err := hex.DecodeString(h)
			if err != nil {
				t.Fatalf("%s %s: %v", file, name, err)
			}
			out[name] = b
		}
	}
	return out
}

// sdkVectorMessages are the messages of vectors.txt as the SDK spells them.
func sdkVectorMessages() map[string]eventstream.Message {
	foobar := []byte("{'foo':'bar'}")
	all := eventstream.Message{Payload: []byte(`{"x":1}`)}
	all.Headers.Set("true", eventstream.BoolValue(true))
	all.Headers.Set("false", eventstream.BoolValue(false))
	all.Headers.Set("byte", eventstream.Int8Value(-3))
	all.Headers.Set("short", eventstream.Int16Value(-12345))
	all.Headers.Set("int", eventstream.Int32Value(-2000000000))
	all.Headers.Set("long", eventstream.Int64Value(-9000000000000000000))
	all.Headers.Set("bytes", eventstream.BytesValue{0, 0xff, 0x10})
	all.Headers.Set("string", eventstream.StringValue("héllo"))
	all.Headers.Set("timestamp", eventstream.TimestampValue(time.UnixMilli(1700000000123)))
	all.Headers.Set("uuid", eventstream.UUIDValue{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
	stringHeader := eventstream.Message{Payload: foobar}
	stringHeader.Headers.Set("content-type", eventstream.StringValue("application/json"))
	intHeader := eventstream.Message{Payload: foobar}
	intHeader.Headers.Set("event-id", eventstream.Int32Value(0xA00C))
	return map[string]eventstream.Message{
		"empty":         {},
		"payload-only":  {Payload: foobar},
		"string-header": stringHeader,
		"int-header":    intHeader,
		"all-headers":   all,
	}
}

// showSDKMessage prints a message with the type of each header value.
func showSDKMessage(m eventstream.Message) string {
	var b strings.Builder
	for _, h := range m.Headers {
		v := h.Value.String()
		if ts, ok := h.Value.(eventstream.TimestampValue); ok {
			v = fmt.Sprint(time.Time(ts).UnixMilli())
		}
		fmt.Fprintf(&b, "%s: %T %s\n", h.Name, h.Value, v)
	}
	fmt.Fprintf(&b, "payload %q\n", m.Payload)
	return b.String()
}

func TestEventStreamVectorsWithSDK(t *testing.T) {
	vectors := readHexLines(t, "vectors.txt")
	for name, want := range sdkVectorMessages() {
		t.Run(name, func(t *testing.T) {
			frame, ok := vectors[name]
			if !ok {
				t.Fatal("no such vector")
			}
			got, err := eventstream.NewDecoder().Decode(bytes.NewReader(frame), nil)
			if err != nil {
				t.Fatalf("the SDK does not decode it: %v", err)
			}
			if g, w := showSDKMessage(got), showSDKMessage(want); g != w {
				t.Errorf("the SDK decodes\n%s\nwant\n%s", g, w)
			}
			var enc bytes.Buffer
			if err := eventstream.NewEncoder().Encode(&enc, want); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(enc.Bytes(), frame) {
				t.Errorf("the SDK encodes\n%x\nwant\n%x", enc.Bytes(), frame)
			}
		})
	}
}

// sdkSignedStream signs the messages of vectors.txt as a request's event
// stream, with the SDK's event-stream signer, in envelopes made as the
// SDK's clients make them (:date, then :chunk-signature), ending with the
// empty envelope. The times cross midnight, so the signing key changes on
// the way. templates/eventstream_sigv4_test.go verifies the result with
// the same parameters.
func sdkSignedStream(t *testing.T) []byte {
	vectors := readHexLines(t, "vectors.txt")
	creds := aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}
	signer := v4.NewStreamSigner(creds, "service", "us-east-1", bytes.Repeat([]byte{0xab}, 32))
	start := time.Date(2026, 3, 1, 23, 59, 58, 250e6, time.UTC)
	var out bytes.Buffer
	for i, payload := range [][]byte{vectors["payload-only"], vectors["all-headers"], nil} {
		date := start.Add(time.Duration(i) * time.Second)
		var env eventstream.Message
		env.Headers.Set(":date", eventstream.TimestampValue(date))
		env.Payload = payload
		var headers bytes.Buffer
		if err := eventstream.EncodeHeaders(&headers, env.Headers); err != nil {
			t.Fatal(err)
		}
		sig, err := signer.GetSignature(context.Background(), headers.Bytes(), payload, date)
		if err != nil {
			t.Fatal(err)
		}
		env.Headers.Set(":chunk-signature", eventstream.BytesValue(sig))
		if err := eventstream.NewEncoder().Encode(&out, env); err != nil {
			t.Fatal(err)
		}
	}
	return out.Bytes()
}

// signed.txt is the stream sdkSignedStream makes; -update rewrites it.
func TestEventStreamSignedWithSDK(t *testing.T) {
	stream := sdkSignedStream(t)
	file := "# A request's event stream signed by the AWS SDK for Go v2 (e2e/eventstream_wire_test.go, -update rewrites it).\nsdk-signed " + hex.EncodeToString(stream) + "\n"
	if updateRequested() {
		if err := os.WriteFile(eventTestdata+"signed.txt", []byte(file), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := readHexLines(t, "signed.txt")["sdk-signed"]
	if !bytes.Equal(got, stream) {
		t.Errorf("signed.txt is not what the SDK signs today: go test -run TestEventStreamSignedWithSDK -update")
	}
}
