// Package standin is a local stand-in for Amazon Bedrock Runtime, for
// testing applications that call Converse or ConverseStream without a
// model behind them: the answer is the prompt itself. ConverseStream
// streams it as Bedrock does, a word per text delta, then the stop reason
// and the usage; Converse answers it whole.
package standin

import (
	"context"
	"strings"

	bedrock "github.com/smithygen/smithygen/output/bedrockruntime"
)

// Service answers Converse and ConverseStream with the text of the last
// user message; the other operations answer 501.
type Service struct {
	bedrock.UnimplementedService
}

// prompt is the text of the last user message.
func prompt(messages []bedrock.Message) string {
	for i := len(messages) - 1; i >= 0; i-- {
		if messages[i].Role != bedrock.ConversationRoleUser {
			continue
		}
		var text strings.Builder
		for _, block := range messages[i].Content {
			if t, ok := block.(*bedrock.ContentBlockMemberText); ok {
				text.WriteString(t.Value)
			}
		}
		return text.String()
	}
	return ""
}

// usage counts a word as a token, which is all a stand-in needs.
func usage(in, out string) *bedrock.TokenUsage {
	i, o := int32(len(strings.Fields(in))), int32(len(strings.Fields(out)))
	total := i + o
	return &bedrock.TokenUsage{InputTokens: &i, OutputTokens: &o, TotalTokens: &total}
}

func (Service) Converse(_ context.Context, in *bedrock.ConverseInput) (*bedrock.ConverseOutput, error) {
	text := prompt(in.Messages)
	latency := int64(0)
	return &bedrock.ConverseOutput{
		Output: &bedrock.ConverseOutput_MemberMessage{Value: bedrock.Message{
			Role:    bedrock.ConversationRoleAssistant,
			Content: []bedrock.ContentBlock{&bedrock.ContentBlockMemberText{Value: text}},
		}},
		StopReason: bedrock.StopReasonEndTurn,
		Usage:      usage(text, text),
		Metrics:    &bedrock.ConverseMetrics{LatencyMs: &latency},
	}, nil
}

func (Service) ConverseStream(_ context.Context, in *bedrock.ConverseStreamInput) (*bedrock.ConverseStreamOutput, error) {
	text := prompt(in.Messages)
	return &bedrock.ConverseStreamOutput{Stream: func(ctx context.Context, w *bedrock.ConverseStreamOutput_Writer) error {
		block, latency := int32(0), int64(0)
		events := []bedrock.ConverseStreamOutput_{
			&bedrock.ConverseStreamOutput_MemberMessageStart{Value: bedrock.MessageStartEvent{Role: bedrock.ConversationRoleAssistant}},
		}
		for _, word := range strings.SplitAfter(text, " ") {
			events = append(events, &bedrock.ConverseStreamOutput_MemberContentBlockDelta{Value: bedrock.ContentBlockDeltaEvent{
				ContentBlockIndex: &block,
				Delta:             &bedrock.ContentBlockDeltaMemberText{Value: word},
			}})
		}
		events = append(events,
			&bedrock.ConverseStreamOutput_MemberContentBlockStop{Value: bedrock.ContentBlockStopEvent{ContentBlockIndex: &block}},
			&bedrock.ConverseStreamOutput_MemberMessageStop{Value: bedrock.MessageStopEvent{StopReason: bedrock.StopReasonEndTurn}},
			&bedrock.ConverseStreamOutput_MemberMetadata{Value: bedrock.ConverseStreamMetadataEvent{
				Usage:   usage(text, text),
				Metrics: &bedrock.ConverseStreamMetrics{LatencyMs: &latency},
			}},
		)
		for _, ev := range events {
			if err := w.Send(ctx, ev); err != nil {
				return err // the client went away
			}
		}
		return nil
	}}, nil
}
