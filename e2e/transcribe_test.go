package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream"
	tssdk "github.com/aws/aws-sdk-go-v2/service/transcribestreaming"
	tstypes "github.com/aws/aws-sdk-go-v2/service/transcribestreaming/types"
	"github.com/aws/smithy-go"

	tssrv "github.com/smithygen/smithygen/output/transcribestreaming"
)

// Amazon Transcribe Streaming end to end: the AWS SDK for Go v2 client sends
// audio events to the generated server and reads the transcript events the
// service answers with, both streams open at once, over unencrypted HTTP/2.
// The client insists on HTTP/2 (it fails a response that came over
// HTTP/1.1), so that is the only protocol these tests speak.
//
// The fake transcriber answers each audio chunk with one final result whose
// text says what it heard, so a test knows which answer belongs to which
// chunk and in which order they came.

// failingAudio is the chunk the fake transcriber refuses: the stream ends
// with a BadRequestException.
var failingAudio = []byte("not PCM")

// transcribeFake is the Transcribe Streaming service of these tests.
type transcribeFake struct {
	tssrv.UnimplementedService
	// protos receives the protocol of each request the handler serves.
	protos chan string
	// streamEnded receives what each StartStreamTranscription stream
	// function returned.
	streamEnded chan error
	sessions    scribeSessions
}

func (f *transcribeFake) StartStreamTranscription(_ context.Context, in *tssrv.StartStreamTranscriptionInput) (*tssrv.StartStreamTranscriptionOutput, error) {
	return &tssrv.StartStreamTranscriptionOutput{
		LanguageCode:         in.LanguageCode,
		MediaEncoding:        in.MediaEncoding,
		MediaSampleRateHertz: in.MediaSampleRateHertz,
		SessionId:            in.SessionId,
		TranscriptResultStream: func(ctx context.Context, w *tssrv.TranscriptResultStreamWriter) (err error) {
			defer func() {
				select {
				case f.streamEnded <- err:
				default:
				}
			}()
			n := 0
			for ev, err := range in.AudioStream.All(ctx) {
				if err != nil {
					return err
				}
				audio, err := audioOf(ev)
				if err != nil {
					return err
				}
				if bytes.Equal(audio, failingAudio) {
					return &tssrv.BadRequestException{Message: aws.String("the audio is not PCM")}
				}
				event := &tssrv.TranscriptResultStreamMemberTranscriptEvent{Value: tssrv.TranscriptEvent{
					Transcript: &tssrv.Transcript{Results: []tssrv.Result{heardResult(n, audio)}},
				}}
				if err := w.Send(ctx, event); err != nil {
					return err
				}
				n++
			}
			return nil
		},
	}, nil
}

// heardResult is the fake transcriber's answer to the n-th chunk: a final
// result of one second that says what it heard.
func heardResult(n int, audio []byte) tssrv.Result {
	text := heardText(audio)
	return tssrv.Result{
		ResultId:     aws.String(fmt.Sprintf("result-%d", n)),
		StartTime:    float64(n),
		EndTime:      float64(n) + 1,
		LanguageCode: tssrv.LanguageCodeEnUs,
		Alternatives: []tssrv.Alternative{{
			Transcript: text,
			Items: []tssrv.Item{{
				Content:    text,
				Type:       tssrv.ItemTypePronunciation,
				StartTime:  float64(n),
				EndTime:    float64(n) + 1,
				Confidence: aws.Float64(0.5),
			}},
		}},
	}
}

// transcribeSecrets is the key WithSigV4 knows; v2Client signs with it.
func transcribeSecrets(_ context.Context, id string) (string, bool) {
	return "SECRET", id == "AKID"
}

// transcribeServer serves the fake over unencrypted HTTP/2 and returns a
// Transcribe Streaming client of it.
func transcribeServer(t *testing.T, opts ...tssrv.HandlerOption) (*tssdk.Client, *transcribeFake) {
	t.Helper()
	fake := &transcribeFake{protos: make(chan string, 16), streamEnded: make(chan error, 16)}
	h := tssrv.NewHandler(fake, append([]tssrv.HandlerOption{tssrv.WithLogger(discardLogger())}, opts...)...)
	url, hc := h2cServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case fake.protos <- r.Proto:
		default:
		}
		h.ServeHTTP(w, r)
	}))
	return v2Client(tssdk.New, url, hc).(*tssdk.Client), fake
}

func startTranscription(ctx context.Context, client *tssdk.Client, optFns ...func(*tssdk.Options)) (*tssdk.StartStreamTranscriptionOutput, error) {
	return client.StartStreamTranscription(ctx, &tssdk.StartStreamTranscriptionInput{
		LanguageCode:         tstypes.LanguageCodeEnUs,
		MediaEncoding:        tstypes.MediaEncodingPcm,
		MediaSampleRateHertz: aws.Int32(16000),
		SessionId:            aws.String("0f3c6a52-1d0e-4c4f-9a51-6b6f0b3e1c2d"),
	}, optFns...)
}

func sendAudio(ctx context.Context, stream *tssdk.StartStreamTranscriptionEventStream, audio []byte) error {
	return stream.Send(ctx, &tstypes.AudioStreamMemberAudioEvent{Value: tstypes.AudioEvent{AudioChunk: audio}})
}

// nextEvent waits for the next event of a stream; it fails the test when
// the stream ends first.
func nextEvent[E any](ctx context.Context, t *testing.T, events <-chan E, streamErr func() error) E {
	t.Helper()
	select {
	case ev, ok := <-events:
		if !ok {
			t.Fatalf("the stream ended: %v", streamErr())
		}
		return ev
	case <-ctx.Done():
		t.Fatalf("no event: %v", ctx.Err())
	}
	panic("unreachable")
}

// checkHeard checks that ev is the fake's answer to the n-th chunk: the
// results the client decoded are, member for member, the ones the service
// sent.
func checkHeard(t *testing.T, ev tstypes.TranscriptResultStream, n int, audio []byte) {
	t.Helper()
	te, ok := ev.(*tstypes.TranscriptResultStreamMemberTranscriptEvent)
	if !ok {
		t.Fatalf("event %d is %T, want a transcript event", n, ev)
	}
	if te.Value.Transcript == nil {
		t.Fatalf("event %d has no transcript", n)
	}
	sameJSON(t, fmt.Sprintf("event %d", n), te.Value.Transcript.Results, []tssrv.Result{heardResult(n, audio)})
}

// sameJSON checks that the client's value got is the server's value want:
// both sides' Go types are generated from the same shapes, with the same
// names, so their JSON forms compare. The client may know members that the
// server's model is too old to have: got is compared as want's type reads
// it.
func sameJSON(t *testing.T, what string, got, want any) {
	t.Helper()
	g, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	asWant := reflect.New(reflect.TypeOf(want))
	if err := json.Unmarshal(g, asWant.Interface()); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if g, err = json.Marshal(asWant.Elem().Interface()); err != nil {
		t.Fatal(err)
	}
	w, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(g, w) {
		t.Errorf("%s:\n got %s\nwant %s", what, g, w)
	}
}

func audioChunk(i int) []byte {
	// Little-endian PCM samples, zero bytes and 0xff included.
	return fmt.Appendf(nil, "\x00\xff pcm chunk %d \x01\x80", i)
}

func TestTranscribeStreamTranscription(t *testing.T) {
	for _, signed := range []bool{false, true} {
		t.Run(fmt.Sprintf("sigv4=%v", signed), func(t *testing.T) {
			var opts []tssrv.HandlerOption
			if signed {
				opts = append(opts, tssrv.WithSigV4("us-east-1", transcribeSecrets))
			}
			client, fake := transcribeServer(t, opts...)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			out, err := startTranscription(ctx, client)
			if err != nil {
				t.Fatal(err)
			}
			stream := out.GetStream()
			defer stream.Close()
			if got := <-fake.protos; got != "HTTP/2.0" {
				t.Errorf("the server saw %s, want HTTP/2.0", got)
			}
			// The initial response: the header members the service set.
			if out.LanguageCode != tstypes.LanguageCodeEnUs || out.MediaEncoding != tstypes.MediaEncodingPcm ||
				aws.ToInt32(out.MediaSampleRateHertz) != 16000 || aws.ToString(out.SessionId) != "0f3c6a52-1d0e-4c4f-9a51-6b6f0b3e1c2d" {
				t.Errorf("initial response: %s %s %v %v", out.LanguageCode, out.MediaEncoding, aws.ToInt32(out.MediaSampleRateHertz), aws.ToString(out.SessionId))
			}
			// Each answer arrives before the next chunk is sent: both
			// directions are open at once.
			for i := range 5 {
				if err := sendAudio(ctx, stream, audioChunk(i)); err != nil {
					t.Fatalf("send %d: %v", i, err)
				}
				checkHeard(t, nextEvent(ctx, t, stream.Events(), stream.Err), i, audioChunk(i))
			}
			// Closing the input ends the service's loop, and so the output.
			if err := stream.Writer.Close(); err != nil {
				t.Fatal(err)
			}
			for ev := range stream.Events() {
				t.Errorf("event after the audio ended: %T", ev)
			}
			if err := stream.Err(); err != nil {
				t.Errorf("stream error: %v", err)
			}
		})
	}
}

// Audio sent ahead of the answers, as a microphone does: every answer comes,
// in order.
func TestTranscribeStreamTranscriptionPipelined(t *testing.T) {
	client, _ := transcribeServer(t, tssrv.WithSigV4("us-east-1", transcribeSecrets))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := startTranscription(ctx, client)
	if err != nil {
		t.Fatal(err)
	}
	stream := out.GetStream()
	defer stream.Close()
	const chunks = 50
	sent := make(chan error, 1)
	go func() {
		for i := range chunks {
			if err := sendAudio(ctx, stream, audioChunk(i)); err != nil {
				sent <- fmt.Errorf("send %d: %w", i, err)
				return
			}
		}
		sent <- stream.Writer.Close()
	}()
	n := 0
	for ev := range stream.Events() {
		checkHeard(t, ev, n, audioChunk(n))
		n++
	}
	if err := <-sent; err != nil {
		t.Fatal(err)
	}
	if n != chunks {
		t.Errorf("got %d events, want %d", n, chunks)
	}
	if err := stream.Err(); err != nil {
		t.Errorf("stream error: %v", err)
	}
}

// A modeled exception mid-stream reaches the client as its typed error,
// after the events that came before it.
func TestTranscribeStreamTranscriptionException(t *testing.T) {
	client, _ := transcribeServer(t, tssrv.WithSigV4("us-east-1", transcribeSecrets))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := startTranscription(ctx, client)
	if err != nil {
		t.Fatal(err)
	}
	stream := out.GetStream()
	defer stream.Close()
	for i := range 2 {
		if err := sendAudio(ctx, stream, audioChunk(i)); err != nil {
			t.Fatal(err)
		}
		checkHeard(t, nextEvent(ctx, t, stream.Events(), stream.Err), i, audioChunk(i))
	}
	// The exception can close the client's stream before Send returns:
	// Send's error says no more than stream.Err below.
	_ = sendAudio(ctx, stream, failingAudio)
	for ev := range stream.Events() {
		t.Errorf("event after the exception: %T", ev)
	}
	var bad *tstypes.BadRequestException
	if err := stream.Err(); !errors.As(err, &bad) {
		t.Fatalf("stream error %v (%T), want a BadRequestException", err, err)
	}
	if got, want := aws.ToString(bad.Message), "the audio is not PCM"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}

// With WithSigV4 a request signed with a key the server does not know, or
// with the wrong secret, is refused before the stream starts.
func TestTranscribeStreamTranscriptionRefused(t *testing.T) {
	for _, tc := range []struct {
		name, key, secret, code string
	}{
		{"wrong secret", "AKID", "NOT THE SECRET", "InvalidSignatureException"},
		{"unknown key", "AKIDUNKNOWN", "SECRET", "UnrecognizedClientException"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			client, _ := transcribeServer(t, tssrv.WithSigV4("us-east-1", transcribeSecrets))
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			out, err := startTranscription(ctx, client, func(o *tssdk.Options) {
				o.Credentials = aws.NewCredentialsCache(aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
					return aws.Credentials{AccessKeyID: tc.key, SecretAccessKey: tc.secret}, nil
				}))
			})
			if err == nil {
				out.GetStream().Close()
				t.Fatal("the stream started")
			}
			var api smithy.APIError
			if !errors.As(err, &api) || api.ErrorCode() != tc.code {
				t.Fatalf("error %v, want %s", err, tc.code)
			}
			var status interface{ HTTPStatusCode() int }
			if !errors.As(err, &status) || status.HTTPStatusCode() != http.StatusForbidden {
				t.Errorf("error %v, want status 403", err)
			}
		})
	}
}

// With WithSigV4 every event's signature is checked, not just the
// request's: an event whose signature was altered on the way ends the
// stream, after the events signed right.
func TestTranscribeStreamTranscriptionForgedEvent(t *testing.T) {
	fake := &transcribeFake{protos: make(chan string, 16), streamEnded: make(chan error, 16)}
	h := tssrv.NewHandler(fake, tssrv.WithLogger(discardLogger()), tssrv.WithSigV4("us-east-1", transcribeSecrets))
	url, hc := h2cServer(t, h)
	hc.Transport = &forgingTransport{next: hc.Transport, forge: 2}
	client := v2Client(tssdk.New, url, hc).(*tssdk.Client)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := startTranscription(ctx, client)
	if err != nil {
		t.Fatal(err)
	}
	stream := out.GetStream()
	defer stream.Close()
	for i := range 2 {
		if err := sendAudio(ctx, stream, audioChunk(i)); err != nil {
			t.Fatal(err)
		}
		checkHeard(t, nextEvent(ctx, t, stream.Events(), stream.Err), i, audioChunk(i))
	}
	// The third event is forged: no answer, the stream ends with an error
	// message.
	_ = sendAudio(ctx, stream, audioChunk(2))
	for ev := range stream.Events() {
		t.Errorf("event after the forged one: %T", ev)
	}
	var api smithy.APIError
	if err := stream.Err(); !errors.As(err, &api) || api.ErrorCode() != "InvalidSignatureException" {
		t.Fatalf("stream error %v, want InvalidSignatureException", err)
	}
}

// forgingTransport flips a bit of the chunk signature of the forge-th
// message (counting from 0) of every request body it sends, re-encoding
// the envelope so that its checksums stay right.
type forgingTransport struct {
	next  http.RoundTripper
	forge int
}

func (f *forgingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body == nil {
		return f.next.RoundTrip(req)
	}
	pr, pw := io.Pipe()
	body := req.Body
	go func() {
		defer body.Close()
		dec, enc := eventstream.NewDecoder(), eventstream.NewEncoder()
		for i := 0; ; i++ {
			msg, err := dec.Decode(body, nil)
			if err != nil {
				if errors.Is(err, io.EOF) {
					err = nil
				}
				pw.CloseWithError(err)
				return
			}
			if i == f.forge {
				if sig, ok := msg.Headers.Get(":chunk-signature").(eventstream.BytesValue); ok && len(sig) > 0 {
					forged := append(eventstream.BytesValue(nil), sig...)
					forged[0] ^= 1
					msg.Headers.Set(":chunk-signature", forged)
				}
			}
			if err := enc.Encode(pw, msg); err != nil {
				pw.CloseWithError(err)
				return
			}
		}
	}()
	req = req.Clone(req.Context())
	req.Body = pr
	return f.next.RoundTrip(req)
}

// A client that goes away mid-stream ends the service's stream function:
// its next Recv fails instead of waiting for audio that never comes. The
// client hangs up by closing its reader, which resets the HTTP/2 stream
// (cancelling the call's context does not: the SDK is still writing the
// request body).
func TestTranscribeStreamTranscriptionClientGoesAway(t *testing.T) {
	client, fake := transcribeServer(t, tssrv.WithSigV4("us-east-1", transcribeSecrets))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := startTranscription(ctx, client)
	if err != nil {
		t.Fatal(err)
	}
	stream := out.GetStream()
	defer stream.Close()
	if err := sendAudio(ctx, stream, audioChunk(0)); err != nil {
		t.Fatal(err)
	}
	checkHeard(t, nextEvent(ctx, t, stream.Events(), stream.Err), 0, audioChunk(0))
	if err := stream.Reader.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-fake.streamEnded:
		if err == nil {
			t.Error("the stream function ended without an error")
		}
	case <-ctx.Done():
		t.Fatal("the stream function is still running")
	}
}
