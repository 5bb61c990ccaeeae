package e2e

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream"
	bedrocksdk "github.com/aws/aws-sdk-go-v2/service/bedrockruntime"
	bedrocktypes "github.com/aws/aws-sdk-go-v2/service/bedrockruntime/types"

	bidisrv "github.com/smithygen/smithygen/output/bedrockbidi"
)

// A bidirectional stream end to end: the Bedrock Runtime client sends audio
// chunks over unencrypted HTTP/2 and the service answers each with a
// transcript derived from it, before the next chunk is sent, so both
// directions are open at once.

// transcriber answers each chunk it receives with "heard <n> bytes: <chunk>".
type transcriber struct {
	bidisrv.UnimplementedService
}

func (transcriber) InvokeModelWithBidirectionalStream(_ context.Context, in *bidisrv.InvokeModelWithBidirectionalStreamInput) (*bidisrv.InvokeModelWithBidirectionalStreamOutput, error) {
	return &bidisrv.InvokeModelWithBidirectionalStreamOutput{
		Body: func(ctx context.Context, w *bidisrv.InvokeModelWithBidirectionalStreamOutput_Writer) error {
			for ev, err := range in.Body.All(ctx) {
				if err != nil {
					return err
				}
				chunk, ok := ev.(*bidisrv.InvokeModelWithBidirectionalStreamInput_MemberChunk)
				if !ok {
					return fmt.Errorf("unexpected event %T", ev)
				}
				reply := &bidisrv.InvokeModelWithBidirectionalStreamOutput_MemberChunk{Value: bidisrv.BidirectionalOutputPayloadPart{Bytes: transcript(chunk.Value.Bytes)}}
				if err := w.Send(ctx, reply); err != nil {
					return err
				}
			}
			return nil
		},
	}, nil
}

func transcript(audio []byte) []byte {
	return fmt.Appendf(nil, "heard %d bytes: %s", len(audio), audio)
}

// h2cServer serves h over unencrypted HTTP/2 (and HTTP/1.1) and returns a
// client whose transport speaks unencrypted HTTP/2 only.
func h2cServer(t *testing.T, h http.Handler) (string, *http.Client) {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	srv.Config.Protocols = new(http.Protocols)
	srv.Config.Protocols.SetHTTP1(true)
	srv.Config.Protocols.SetUnencryptedHTTP2(true)
	srv.Start()
	t.Cleanup(srv.Close)
	tr := &http.Transport{Protocols: new(http.Protocols)}
	tr.Protocols.SetUnencryptedHTTP2(true)
	t.Cleanup(tr.CloseIdleConnections)
	return srv.URL, &http.Client{Transport: tr}
}

func TestBedrockBidirectionalStream(t *testing.T) {
	for _, signed := range []bool{false, true} {
		t.Run(fmt.Sprintf("sigv4=%v", signed), func(t *testing.T) {
			opts := []bidisrv.HandlerOption{bidisrv.WithLogger(discardLogger())}
			if signed {
				opts = append(opts, bidisrv.WithSigV4("us-east-1", func(_ context.Context, id string) (string, bool) {
					return "SECRET", id == "AKID"
				}))
			}
			url, hc := h2cServer(t, bidisrv.NewHandler(transcriber{}, opts...))
			client := v2Client(bedrocksdk.New, url, hc).(*bedrocksdk.Client)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			out, err := client.InvokeModelWithBidirectionalStream(ctx, &bedrocksdk.InvokeModelWithBidirectionalStreamInput{
				ModelId: aws.String("amazon.nova-sonic-v1:0"),
			})
			if err != nil {
				t.Fatal(err)
			}
			stream := out.GetStream()
			defer stream.Close()
			for i := range 5 {
				audio := fmt.Appendf(nil, "audio %d \x00\xff", i)
				if err := stream.Send(ctx, &bedrocktypes.InvokeModelWithBidirectionalStreamInputMemberChunk{
					Value: bedrocktypes.BidirectionalInputPayloadPart{Bytes: audio},
				}); err != nil {
					t.Fatalf("send %d: %v", i, err)
				}
				// The answer to this chunk arrives while the request is
				// still open.
				var ev bedrocktypes.InvokeModelWithBidirectionalStreamOutput
				select {
				case ev = <-stream.Events():
				case <-ctx.Done():
					t.Fatalf("no answer to chunk %d: %v", i, stream.Err())
				}
				chunk, ok := ev.(*bedrocktypes.InvokeModelWithBidirectionalStreamOutputMemberChunk)
				if !ok {
					t.Fatalf("event %d is %T (%v), want a chunk", i, ev, stream.Err())
				}
				if want := transcript(audio); string(chunk.Value.Bytes) != string(want) {
					t.Errorf("event %d: %q, want %q", i, chunk.Value.Bytes, want)
				}
			}
			// Closing the input ends the service's loop, and so the
			// output stream.
			if err := stream.Writer.Close(); err != nil {
				t.Fatal(err)
			}
			for ev := range stream.Events() {
				t.Errorf("event after the input closed: %T", ev)
			}
			if err := stream.Err(); err != nil && !errors.Is(err, io.EOF) {
				t.Errorf("stream error: %v", err)
			}
		})
	}
}

// forgeSignatures is a transport that changes the first byte of every
// :chunk-signature of the request's event stream, keeping each message
// well formed, so that only the signature chain can tell.
type forgeSignatures struct{ next http.RoundTripper }

func (f forgeSignatures) RoundTrip(r *http.Request) (*http.Response, error) {
	pr, pw := io.Pipe()
	go func(body io.ReadCloser) {
		defer body.Close()
		dec, enc := eventstream.NewDecoder(), eventstream.NewEncoder()
		for {
			msg, err := dec.Decode(body, nil)
			if err != nil {
				pw.CloseWithError(err)
				return
			}
			if sig, ok := msg.Headers.Get(":chunk-signature").(eventstream.BytesValue); ok && len(sig) > 0 {
				forged := append(eventstream.BytesValue(nil), sig...)
				forged[0] ^= 0xff
				msg.Headers.Set(":chunk-signature", forged)
			}
			if err := enc.Encode(pw, msg); err != nil {
				pw.CloseWithError(err)
				return
			}
		}
	}(r.Body)
	r = r.Clone(r.Context())
	r.Body = pr
	return f.next.RoundTrip(r)
}

// A signed event whose chunk signature is not the chain's never reaches
// the service: the stream ends with an error instead of an answer.
func TestBedrockBidirectionalStreamForgedChunk(t *testing.T) {
	h := bidisrv.NewHandler(transcriber{}, bidisrv.WithLogger(discardLogger()),
		bidisrv.WithSigV4("us-east-1", func(_ context.Context, id string) (string, bool) { return "SECRET", id == "AKID" }))
	url, hc := h2cServer(t, h)
	hc.Transport = forgeSignatures{next: hc.Transport}
	client := v2Client(bedrocksdk.New, url, hc).(*bedrocksdk.Client)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := client.InvokeModelWithBidirectionalStream(ctx, &bedrocksdk.InvokeModelWithBidirectionalStreamInput{
		ModelId: aws.String("amazon.nova-sonic-v1:0"),
	})
	if err != nil {
		t.Fatal(err)
	}
	stream := out.GetStream()
	defer stream.Close()
	if err := stream.Send(ctx, &bedrocktypes.InvokeModelWithBidirectionalStreamInputMemberChunk{
		Value: bedrocktypes.BidirectionalInputPayloadPart{Bytes: []byte("audio")},
	}); err != nil {
		t.Fatal(err)
	}
	for ev := range stream.Events() {
		t.Errorf("event %T for a forged chunk", ev)
	}
	if stream.Err() == nil {
		t.Error("the stream ended without an error")
	}
}
