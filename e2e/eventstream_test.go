package e2e

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	bedrocksdk "github.com/aws/aws-sdk-go-v2/service/bedrockruntime"
	bedrocktypes "github.com/aws/aws-sdk-go-v2/service/bedrockruntime/types"

	"github.com/smithygen/smithygen/examples/bedrock/standin"
	"github.com/smithygen/smithygen/model"
	bedrocksrv "github.com/smithygen/smithygen/output/bedrockruntime"
)

// Event streams with the real clients: the generated server streams events
// that the service sends, the AWS SDK for Go v2 reads them. Events are
// written as trees of the model, filled into the server's union types and
// read back from the client's, so that a test compares what the model says
// rather than two sets of Go types.

// converseEvents is a short answer as Bedrock streams it: the message
// starts, text arrives in small deltas, the block and the message stop, and
// the usage comes last.
var converseEvents = []any{
	map[string]any{"messageStart": map[string]any{"role": "assistant"}},
	map[string]any{"contentBlockDelta": map[string]any{"contentBlockIndex": 0.0, "delta": map[string]any{"text": "Hello"}}},
	map[string]any{"contentBlockDelta": map[string]any{"contentBlockIndex": 0.0, "delta": map[string]any{"text": ", "}}},
	map[string]any{"contentBlockDelta": map[string]any{"contentBlockIndex": 0.0, "delta": map[string]any{"text": "world."}}},
	map[string]any{"contentBlockStop": map[string]any{"contentBlockIndex": 0.0}},
	map[string]any{"messageStop": map[string]any{"stopReason": "end_turn"}},
	map[string]any{"metadata": map[string]any{
		"usage":   map[string]any{"inputTokens": 12.0, "outputTokens": 3.0, "totalTokens": 15.0},
		"metrics": map[string]any{"latencyMs": 42.0},
	}},
}

// bedrockStreams is the Bedrock service of the stream tests: each streaming
// operation sends the events it is given, then returns streamErr from the
// stream function.
type bedrockStreams struct {
	bedrocksrv.UnimplementedService
	m         *model.Model
	stream    *model.Shape // the union of the events
	events    []any
	streamErr error
	// got is the input of the last call.
	got any
}

func (s *bedrockStreams) ConverseStream(_ context.Context, in *bedrocksrv.ConverseStreamInput) (*bedrocksrv.ConverseStreamOutput, error) {
	s.got = in
	return &bedrocksrv.ConverseStreamOutput{
		Stream: func(ctx context.Context, w *bedrocksrv.ConverseStreamOutput_Writer) error {
			return s.send(ctx, w)
		},
	}, nil
}

func (s *bedrockStreams) InvokeModelWithResponseStream(_ context.Context, in *bedrocksrv.InvokeModelWithResponseStreamInput) (*bedrocksrv.InvokeModelWithResponseStreamOutput, error) {
	s.got = in
	return &bedrocksrv.InvokeModelWithResponseStreamOutput{
		ContentType: aws.String("application/json"),
		Body: func(ctx context.Context, w *bedrocksrv.ResponseStreamWriter) error {
			return s.send(ctx, w)
		},
	}, nil
}

func (s *bedrockStreams) send(ctx context.Context, writer any) error {
	if err := sendEvents(ctx, s.m, s.stream, writer, s.events); err != nil {
		return err
	}
	return s.streamErr
}

// sendEvents sends each event tree through writer, a generated UWriter.
func sendEvents(ctx context.Context, m *model.Model, shape *model.Shape, writer any, events []any) error {
	send := reflect.ValueOf(writer).MethodByName("Send")
	union := send.Type().In(1)
	for i, tree := range events {
		ev := reflect.New(union).Elem()
		if err := fillUnion(m, shape, ev, tree); err != nil {
			return fmt.Errorf("event %d: %w", i, err)
		}
		res := send.Call([]reflect.Value{reflect.ValueOf(ctx), ev})
		if err, _ := res[0].Interface().(error); err != nil {
			return err
		}
	}
	return nil
}

// readEvents drains stream, an SDK event reader (Events, Close, Err), and
// returns its events as trees and its error.
func readEvents(m *model.Model, shape *model.Shape, stream any) ([]any, error) {
	sv := reflect.ValueOf(stream)
	events := sv.MethodByName("Events").Call(nil)[0]
	var trees []any
	for {
		ev, ok := events.Recv()
		if !ok {
			break
		}
		tree, _, err := readUnion(m, shape, ev)
		if err != nil {
			return trees, fmt.Errorf("event %d: %w", len(trees), err)
		}
		trees = append(trees, tree)
	}
	sv.MethodByName("Close").Call(nil)
	err, _ := sv.MethodByName("Err").Call(nil)[0].Interface().(error)
	return trees, err
}

// outputStream is the event-stream union of an operation's output.
func outputStream(t *testing.T, m *model.Model, op string) *model.Shape {
	t.Helper()
	for _, o := range m.Shapes {
		if o.Type != model.Operation || o.ID.Name() != op {
			continue
		}
		for _, mem := range m.Shape(o.Output).Members {
			if u := m.Target(mem); u.Type == model.Union && u.Traits.Has(model.TraitStreaming) {
				return u
			}
		}
	}
	t.Fatalf("%s has no output event stream", op)
	return nil
}

// bedrockStreamClient serves svc with the generated Bedrock handler and returns
// a client of the AWS SDK pointed at it.
func bedrockStreamClient(t *testing.T, svc bedrocksrv.Service) *bedrocksdk.Client {
	t.Helper()
	srv := httptest.NewServer(bedrocksrv.NewHandler(svc, bedrocksrv.WithLogger(discardLogger())))
	t.Cleanup(srv.Close)
	return v2Client(bedrocksdk.New, srv.URL, &http.Client{Transport: srv.Client().Transport}).(*bedrocksdk.Client)
}

func loadBedrock(t *testing.T) *model.Model {
	t.Helper()
	m, _ := loadService(t, bedrockModelFile)
	return m
}

func TestBedrockConverseStream(t *testing.T) {
	m := loadBedrock(t)
	stream := outputStream(t, m, "ConverseStream")
	svc := &bedrockStreams{m: m, stream: stream, events: converseEvents}
	client := bedrockStreamClient(t, svc)
	out, err := client.ConverseStream(context.Background(), &bedrocksdk.ConverseStreamInput{
		ModelId: aws.String("anthropic.claude-3-haiku-20240307-v1:0"),
		Messages: []bedrocktypes.Message{{
			Role:    bedrocktypes.ConversationRoleUser,
			Content: []bedrocktypes.ContentBlock{&bedrocktypes.ContentBlockMemberText{Value: "Say hello."}},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := readEvents(m, stream, out.GetStream())
	if err != nil {
		t.Errorf("stream error: %v", err)
	}
	if diff := treeDiff(map[string]any{"events": converseEvents}, map[string]any{"events": got}); diff != "" {
		t.Errorf("events read by the client (-sent +read):\n%s", diff)
	}
	in, _ := svc.got.(*bedrocksrv.ConverseStreamInput)
	if in == nil || aws.ToString(in.ModelId) != "anthropic.claude-3-haiku-20240307-v1:0" || len(in.Messages) != 1 {
		t.Errorf("the service got %+v", svc.got)
	}
}

// A modeled exception in the middle of the stream reaches the client as
// its typed error, after the events sent before it.
func TestBedrockConverseStreamException(t *testing.T) {
	m := loadBedrock(t)
	stream := outputStream(t, m, "ConverseStream")
	cases := []struct {
		name      string
		events    []any
		streamErr error
		check     func(error) bool
	}{{
		name:      "returned",
		events:    converseEvents[:2],
		streamErr: &bedrocksrv.ThrottlingException{Message: aws.String("slow down")},
		check: func(err error) bool {
			var te *bedrocktypes.ThrottlingException
			return errors.As(err, &te) && te.ErrorMessage() == "slow down"
		},
	}, {
		name: "sent",
		events: append(converseEvents[:2:2], map[string]any{"modelStreamErrorException": map[string]any{
			"message": "the model failed", "originalStatusCode": 500.0, "originalMessage": "boom",
		}}),
		check: func(err error) bool {
			var me *bedrocktypes.ModelStreamErrorException
			return errors.As(err, &me) && me.ErrorMessage() == "the model failed" &&
				aws.ToInt32(me.OriginalStatusCode) == 500 && aws.ToString(me.OriginalMessage) == "boom"
		},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			client := bedrockStreamClient(t, &bedrockStreams{m: m, stream: stream, events: c.events, streamErr: c.streamErr})
			out, err := client.ConverseStream(context.Background(), &bedrocksdk.ConverseStreamInput{ModelId: aws.String("m")})
			if err != nil {
				t.Fatal(err)
			}
			got, err := readEvents(m, stream, out.GetStream())
			if !c.check(err) {
				t.Errorf("stream error %v (%T), want the modeled exception", err, err)
			}
			if diff := treeDiff(map[string]any{"events": converseEvents[:2]}, map[string]any{"events": got}); diff != "" {
				t.Errorf("events before the exception (-sent +read):\n%s", diff)
			}
		})
	}
}

func TestBedrockInvokeModelWithResponseStream(t *testing.T) {
	m := loadBedrock(t)
	var events []any
	for _, chunk := range []string{`{"completion":"Hel"}`, `{"completion":"lo"}`, "\x00\xff binary too", `{"stop_reason":"end_turn"}`} {
		events = append(events, map[string]any{"chunk": map[string]any{"bytes": []byte(chunk)}})
	}
	stream := outputStream(t, m, "InvokeModelWithResponseStream")
	svc := &bedrockStreams{m: m, stream: stream, events: events}
	client := bedrockStreamClient(t, svc)
	out, err := client.InvokeModelWithResponseStream(context.Background(), &bedrocksdk.InvokeModelWithResponseStreamInput{
		ModelId:     aws.String("anthropic.claude-v2"),
		ContentType: aws.String("application/json"),
		Body:        []byte(`{"prompt":"Hello"}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := aws.ToString(out.ContentType); got != "application/json" {
		t.Errorf("ContentType %q, want the header member the service set", got)
	}
	got, err := readEvents(m, stream, out.GetStream())
	if err != nil {
		t.Errorf("stream error: %v", err)
	}
	if diff := treeDiff(map[string]any{"events": events}, map[string]any{"events": got}); diff != "" {
		t.Errorf("events read by the client (-sent +read):\n%s", diff)
	}
	if in, _ := svc.got.(*bedrocksrv.InvokeModelWithResponseStreamInput); in == nil || string(in.Body) != `{"prompt":"Hello"}` {
		t.Errorf("the service got %+v", svc.got)
	}
}

// The local Bedrock stand-in of examples/bedrock, with the real client: the
// streamed deltas put together are the prompt, as Converse answers it.
func TestBedrockStandIn(t *testing.T) {
	client := bedrockStreamClient(t, standin.Service{})
	const prompt = "Say hello to the stand-in."
	messages := []bedrocktypes.Message{{
		Role:    bedrocktypes.ConversationRoleUser,
		Content: []bedrocktypes.ContentBlock{&bedrocktypes.ContentBlockMemberText{Value: prompt}},
	}}
	out, err := client.ConverseStream(context.Background(), &bedrocksdk.ConverseStreamInput{ModelId: aws.String("m"), Messages: messages})
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	var stop bedrocktypes.StopReason
	stream := out.GetStream()
	for ev := range stream.Events() {
		switch ev := ev.(type) {
		case *bedrocktypes.ConverseStreamOutputMemberContentBlockDelta:
			if d, ok := ev.Value.Delta.(*bedrocktypes.ContentBlockDeltaMemberText); ok {
				text.WriteString(d.Value)
			}
		case *bedrocktypes.ConverseStreamOutputMemberMessageStop:
			stop = ev.Value.StopReason
		}
	}
	if err := stream.Close(); err != nil {
		t.Fatal(err)
	}
	if text.String() != prompt || stop != bedrocktypes.StopReasonEndTurn {
		t.Errorf("streamed %q, stop reason %q; want the prompt and end_turn", text.String(), stop)
	}
	whole, err := client.Converse(context.Background(), &bedrocksdk.ConverseInput{ModelId: aws.String("m"), Messages: messages})
	if err != nil {
		t.Fatal(err)
	}
	msg, ok := whole.Output.(*bedrocktypes.ConverseOutputMemberMessage)
	if !ok || len(msg.Value.Content) != 1 {
		t.Fatalf("Converse answered %#v", whole.Output)
	}
	if got := msg.Value.Content[0].(*bedrocktypes.ContentBlockMemberText).Value; got != prompt {
		t.Errorf("Converse answered %q, want the prompt", got)
	}
}
