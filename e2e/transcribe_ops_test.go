package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	tssdk "github.com/aws/aws-sdk-go-v2/service/transcribestreaming"
	tstypes "github.com/aws/aws-sdk-go-v2/service/transcribestreaming/types"

	tssrv "github.com/smithygen/smithygen/output/transcribestreaming"
)

// The other Transcribe Streaming operations with the real client: medical
// and call analytics transcription (audio in, their own result events out),
// a HealthScribe session (configuration, audio and session control events
// in) and GetMedicalScribeStream, the plain JSON operation that reports on
// a session once it ended.

// scribeSessions are the HealthScribe sessions the fake saw end, by ID.
type scribeSessions struct {
	mu    sync.Mutex
	ended map[string]tssrv.MedicalScribeStreamDetails
}

func (s *scribeSessions) end(d tssrv.MedicalScribeStreamDetails) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ended == nil {
		s.ended = map[string]tssrv.MedicalScribeStreamDetails{}
	}
	s.ended[aws.ToString(d.SessionId)] = d
}

func (s *scribeSessions) lookup(id string) (tssrv.MedicalScribeStreamDetails, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.ended[id]
	return d, ok
}

// audioOf is the chunk of an AudioStream event, and a BadRequestException
// for any other event.
func audioOf(ev tssrv.AudioStream) ([]byte, error) {
	audio, ok := ev.(*tssrv.AudioStreamMemberAudioEvent)
	if !ok {
		return nil, &tssrv.BadRequestException{Message: aws.String(fmt.Sprintf("unexpected event %T", ev))}
	}
	return audio.Value.AudioChunk, nil
}

func heardText(audio []byte) *string {
	return aws.String(fmt.Sprintf("heard %d bytes: %x", len(audio), audio))
}

func (f *transcribeFake) StartMedicalStreamTranscription(_ context.Context, in *tssrv.StartMedicalStreamTranscriptionInput) (*tssrv.StartMedicalStreamTranscriptionOutput, error) {
	return &tssrv.StartMedicalStreamTranscriptionOutput{
		LanguageCode:         in.LanguageCode,
		MediaEncoding:        in.MediaEncoding,
		MediaSampleRateHertz: in.MediaSampleRateHertz,
		Specialty:            in.Specialty,
		Type:                 in.Type,
		TranscriptResultStream: func(ctx context.Context, w *tssrv.MedicalTranscriptResultStreamWriter) error {
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
					// Sent as an event rather than returned: it ends the
					// stream all the same.
					return w.Send(ctx, &tssrv.MedicalTranscriptResultStreamMemberBadRequestException{
						Value: tssrv.BadRequestException{Message: aws.String("the audio is not PCM")},
					})
				}
				if err := w.Send(ctx, &tssrv.MedicalTranscriptResultStreamMemberTranscriptEvent{Value: medicalHeard(n, audio)}); err != nil {
					return err
				}
				n++
			}
			return nil
		},
	}, nil
}

func medicalHeard(n int, audio []byte) tssrv.MedicalTranscriptEvent {
	return tssrv.MedicalTranscriptEvent{Transcript: &tssrv.MedicalTranscript{Results: []tssrv.MedicalResult{{
		ResultId:     aws.String(fmt.Sprintf("medical-%d", n)),
		StartTime:    float64(n),
		EndTime:      float64(n) + 1,
		ChannelId:    aws.String("ch_0"),
		Alternatives: []tssrv.MedicalAlternative{{Transcript: heardText(audio)}},
	}}}}
}

func (f *transcribeFake) StartCallAnalyticsStreamTranscription(_ context.Context, in *tssrv.StartCallAnalyticsStreamTranscriptionInput) (*tssrv.StartCallAnalyticsStreamTranscriptionOutput, error) {
	return &tssrv.StartCallAnalyticsStreamTranscriptionOutput{
		LanguageCode:         in.LanguageCode,
		MediaEncoding:        in.MediaEncoding,
		MediaSampleRateHertz: in.MediaSampleRateHertz,
		CallAnalyticsTranscriptResultStream: func(ctx context.Context, w *tssrv.CallAnalyticsTranscriptResultStreamWriter) error {
			n := 0
			for ev, err := range in.AudioStream.All(ctx) {
				if err != nil {
					return err
				}
				var out tssrv.CallAnalyticsTranscriptResultStream
				switch ev := ev.(type) {
				case *tssrv.AudioStreamMemberConfigurationEvent:
					out = &tssrv.CallAnalyticsTranscriptResultStreamMemberCategoryEvent{Value: channelsCategory(ev.Value)}
				case *tssrv.AudioStreamMemberAudioEvent:
					out = &tssrv.CallAnalyticsTranscriptResultStreamMemberUtteranceEvent{Value: utteranceHeard(n, ev.Value.AudioChunk)}
					n++
				}
				if err := w.Send(ctx, out); err != nil {
					return err
				}
			}
			return nil
		},
	}, nil
}

// channelsCategory answers a configuration with a category per channel,
// matched over the channel's first second.
func channelsCategory(c tssrv.ConfigurationEvent) tssrv.CategoryEvent {
	ev := tssrv.CategoryEvent{MatchedDetails: map[string]tssrv.PointsOfInterest{}}
	for _, ch := range c.ChannelDefinitions {
		name := fmt.Sprintf("%s@%d", ch.ParticipantRole, ch.ChannelId)
		ev.MatchedCategories = append(ev.MatchedCategories, name)
		ev.MatchedDetails[name] = tssrv.PointsOfInterest{TimestampRanges: []tssrv.TimestampRange{{
			BeginOffsetMillis: aws.Int64(0), EndOffsetMillis: aws.Int64(1000),
		}}}
	}
	return ev
}

func utteranceHeard(n int, audio []byte) tssrv.UtteranceEvent {
	return tssrv.UtteranceEvent{
		UtteranceId:       aws.String(fmt.Sprintf("utterance-%d", n)),
		ParticipantRole:   tssrv.ParticipantRoleAgent,
		BeginOffsetMillis: aws.Int64(int64(n) * 1000),
		EndOffsetMillis:   aws.Int64(int64(n)*1000 + 999),
		Sentiment:         tssrv.SentimentNeutral,
		Transcript:        heardText(audio),
	}
}

func (f *transcribeFake) StartMedicalScribeStream(_ context.Context, in *tssrv.StartMedicalScribeStreamInput) (*tssrv.StartMedicalScribeStreamOutput, error) {
	return &tssrv.StartMedicalScribeStreamOutput{
		LanguageCode:         in.LanguageCode,
		MediaEncoding:        in.MediaEncoding,
		MediaSampleRateHertz: in.MediaSampleRateHertz,
		SessionId:            in.SessionId,
		ResultStream: func(ctx context.Context, w *tssrv.MedicalScribeResultStreamWriter) error {
			details := tssrv.MedicalScribeStreamDetails{
				SessionId:            in.SessionId,
				LanguageCode:         in.LanguageCode,
				MediaEncoding:        in.MediaEncoding,
				MediaSampleRateHertz: in.MediaSampleRateHertz,
				StreamStatus:         tssrv.MedicalScribeStreamStatusCompleted,
			}
			n := 0
			for ev, err := range in.InputStream.All(ctx) {
				if err != nil {
					return err
				}
				switch ev := ev.(type) {
				case *tssrv.MedicalScribeInputStreamMemberConfigurationEvent:
					details.ResourceAccessRoleArn = ev.Value.ResourceAccessRoleArn
					details.ChannelDefinitions = ev.Value.ChannelDefinitions
					details.PostStreamAnalyticsSettings = ev.Value.PostStreamAnalyticsSettings
				case *tssrv.MedicalScribeInputStreamMemberAudioEvent:
					if err := w.Send(ctx, &tssrv.MedicalScribeResultStreamMemberTranscriptEvent{Value: scribeHeard(n, ev.Value.AudioChunk)}); err != nil {
						return err
					}
					n++
				case *tssrv.MedicalScribeInputStreamMemberSessionControlEvent:
					// END_OF_SESSION: the session is over, and so is the
					// stream, whether or not the client closed its side.
					f.sessions.end(details)
					return nil
				}
			}
			return &tssrv.BadRequestException{Message: aws.String("the stream ended before END_OF_SESSION")}
		},
	}, nil
}

func scribeHeard(n int, audio []byte) tssrv.MedicalScribeTranscriptEvent {
	return tssrv.MedicalScribeTranscriptEvent{TranscriptSegment: &tssrv.MedicalScribeTranscriptSegment{
		SegmentId:      aws.String(fmt.Sprintf("segment-%d", n)),
		ChannelId:      aws.String("ch_0"),
		BeginAudioTime: float64(n),
		EndAudioTime:   float64(n) + 1,
		Content:        heardText(audio),
	}}
}

func (f *transcribeFake) GetMedicalScribeStream(_ context.Context, in *tssrv.GetMedicalScribeStreamInput) (*tssrv.GetMedicalScribeStreamOutput, error) {
	d, ok := f.sessions.lookup(aws.ToString(in.SessionId))
	if !ok {
		return nil, &tssrv.ResourceNotFoundException{Message: aws.String("no session " + aws.ToString(in.SessionId))}
	}
	return &tssrv.GetMedicalScribeStreamOutput{MedicalScribeStreamDetails: &d}, nil
}

func TestTranscribeMedicalStreamTranscription(t *testing.T) {
	client, _ := transcribeServer(t, tssrv.WithSigV4("us-east-1", transcribeSecrets))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := client.StartMedicalStreamTranscription(ctx, &tssdk.StartMedicalStreamTranscriptionInput{
		LanguageCode:         tstypes.LanguageCodeEnUs,
		MediaEncoding:        tstypes.MediaEncodingPcm,
		MediaSampleRateHertz: aws.Int32(16000),
		Specialty:            tstypes.SpecialtyPrimarycare,
		Type:                 tstypes.TypeDictation,
	})
	if err != nil {
		t.Fatal(err)
	}
	if out.Specialty != tstypes.SpecialtyPrimarycare || out.Type != tstypes.TypeDictation {
		t.Errorf("initial response: %s %s", out.Specialty, out.Type)
	}
	stream := out.GetStream()
	defer stream.Close()
	for i := range 3 {
		if err := stream.Send(ctx, &tstypes.AudioStreamMemberAudioEvent{Value: tstypes.AudioEvent{AudioChunk: audioChunk(i)}}); err != nil {
			t.Fatal(err)
		}
		ev := nextEvent(ctx, t, stream.Events(), stream.Err)
		te, ok := ev.(*tstypes.MedicalTranscriptResultStreamMemberTranscriptEvent)
		if !ok {
			t.Fatalf("event %d is %T (%v), want a transcript event", i, ev, stream.Err())
		}
		sameJSON(t, fmt.Sprintf("event %d", i), te.Value, medicalHeard(i, audioChunk(i)))
	}
	// As in TestTranscribeStreamTranscriptionException, Send may lose the
	// race with the exception.
	_ = stream.Send(ctx, &tstypes.AudioStreamMemberAudioEvent{Value: tstypes.AudioEvent{AudioChunk: failingAudio}})
	for ev := range stream.Events() {
		t.Errorf("event after the exception: %T", ev)
	}
	var bad *tstypes.BadRequestException
	if err := stream.Err(); !errors.As(err, &bad) || aws.ToString(bad.Message) != "the audio is not PCM" {
		t.Fatalf("stream error %v (%T), want BadRequestException: the audio is not PCM", err, err)
	}
}

func TestTranscribeCallAnalyticsStreamTranscription(t *testing.T) {
	client, _ := transcribeServer(t, tssrv.WithSigV4("us-east-1", transcribeSecrets))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := client.StartCallAnalyticsStreamTranscription(ctx, &tssdk.StartCallAnalyticsStreamTranscriptionInput{
		LanguageCode:         tstypes.CallAnalyticsLanguageCodeEnUs,
		MediaEncoding:        tstypes.MediaEncodingPcm,
		MediaSampleRateHertz: aws.Int32(8000),
	})
	if err != nil {
		t.Fatal(err)
	}
	stream := out.GetStream()
	defer stream.Close()
	channels := []tstypes.ChannelDefinition{
		{ChannelId: 0, ParticipantRole: tstypes.ParticipantRoleAgent},
		{ChannelId: 1, ParticipantRole: tstypes.ParticipantRoleCustomer},
	}
	if err := stream.Send(ctx, &tstypes.AudioStreamMemberConfigurationEvent{Value: tstypes.ConfigurationEvent{ChannelDefinitions: channels}}); err != nil {
		t.Fatal(err)
	}
	cat, ok := (nextEvent(ctx, t, stream.Events(), stream.Err)).(*tstypes.CallAnalyticsTranscriptResultStreamMemberCategoryEvent)
	if !ok {
		t.Fatalf("no category event (%v)", stream.Err())
	}
	sameJSON(t, "category", cat.Value, channelsCategory(tssrv.ConfigurationEvent{ChannelDefinitions: []tssrv.ChannelDefinition{
		{ChannelId: 0, ParticipantRole: tssrv.ParticipantRoleAgent},
		{ChannelId: 1, ParticipantRole: tssrv.ParticipantRoleCustomer},
	}}))
	for i := range 3 {
		if err := stream.Send(ctx, &tstypes.AudioStreamMemberAudioEvent{Value: tstypes.AudioEvent{AudioChunk: audioChunk(i)}}); err != nil {
			t.Fatal(err)
		}
		ut, ok := (nextEvent(ctx, t, stream.Events(), stream.Err)).(*tstypes.CallAnalyticsTranscriptResultStreamMemberUtteranceEvent)
		if !ok {
			t.Fatalf("no utterance event %d (%v)", i, stream.Err())
		}
		sameJSON(t, fmt.Sprintf("utterance %d", i), ut.Value, utteranceHeard(i, audioChunk(i)))
	}
	if err := stream.Writer.Close(); err != nil {
		t.Fatal(err)
	}
	for ev := range stream.Events() {
		t.Errorf("event after the audio ended: %T", ev)
	}
	if err := stream.Err(); err != nil {
		t.Errorf("stream error: %v", err)
	}
}

// A HealthScribe session: configured, fed audio, ended with END_OF_SESSION;
// GetMedicalScribeStream then reports it.
func TestTranscribeMedicalScribeSession(t *testing.T) {
	client, _ := transcribeServer(t, tssrv.WithSigV4("us-east-1", transcribeSecrets))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	const session = "5b0e1f7c-3a9d-4e8b-8c71-2f4a6d9e0b13"
	if _, err := client.GetMedicalScribeStream(ctx, &tssdk.GetMedicalScribeStreamInput{SessionId: aws.String(session)}); !errors.As(err, new(*tstypes.ResourceNotFoundException)) {
		t.Fatalf("before the session: %v, want ResourceNotFoundException", err)
	}
	out, err := client.StartMedicalScribeStream(ctx, &tssdk.StartMedicalScribeStreamInput{
		LanguageCode:         tstypes.MedicalScribeLanguageCodeEnUs,
		MediaEncoding:        tstypes.MedicalScribeMediaEncodingPcm,
		MediaSampleRateHertz: aws.Int32(16000),
		SessionId:            aws.String(session),
	})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.SessionId) != session {
		t.Errorf("session %q, want %q", aws.ToString(out.SessionId), session)
	}
	stream := out.GetStream()
	defer stream.Close()
	config := tstypes.MedicalScribeConfigurationEvent{
		ResourceAccessRoleArn: aws.String("arn:aws:iam::123456789012:role/scribe"),
		ChannelDefinitions: []tstypes.MedicalScribeChannelDefinition{
			{ChannelId: 0, ParticipantRole: tstypes.MedicalScribeParticipantRoleClinician},
			{ChannelId: 1, ParticipantRole: tstypes.MedicalScribeParticipantRolePatient},
		},
		PostStreamAnalyticsSettings: &tstypes.MedicalScribePostStreamAnalyticsSettings{
			ClinicalNoteGenerationSettings: &tstypes.ClinicalNoteGenerationSettings{
				OutputBucketName: aws.String("scribe-notes"),
				NoteTemplate:     tstypes.MedicalScribeNoteTemplateGirpp,
			},
		},
	}
	if err := stream.Send(ctx, &tstypes.MedicalScribeInputStreamMemberConfigurationEvent{Value: config}); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if err := stream.Send(ctx, &tstypes.MedicalScribeInputStreamMemberAudioEvent{Value: tstypes.MedicalScribeAudioEvent{AudioChunk: audioChunk(i)}}); err != nil {
			t.Fatal(err)
		}
		te, ok := (nextEvent(ctx, t, stream.Events(), stream.Err)).(*tstypes.MedicalScribeResultStreamMemberTranscriptEvent)
		if !ok {
			t.Fatalf("no transcript event %d (%v)", i, stream.Err())
		}
		sameJSON(t, fmt.Sprintf("segment %d", i), te.Value, scribeHeard(i, audioChunk(i)))
	}
	// The service ends the stream on END_OF_SESSION, which can close the
	// client's stream before Send returns.
	_ = stream.Send(ctx, &tstypes.MedicalScribeInputStreamMemberSessionControlEvent{
		Value: tstypes.MedicalScribeSessionControlEvent{Type: tstypes.MedicalScribeSessionControlEventTypeEndOfSession},
	})
	for ev := range stream.Events() {
		t.Errorf("event after the end of the session: %T", ev)
	}
	if err := stream.Err(); err != nil {
		t.Errorf("stream error: %v", err)
	}
	got, err := client.GetMedicalScribeStream(ctx, &tssdk.GetMedicalScribeStreamInput{SessionId: aws.String(session)})
	if err != nil {
		t.Fatal(err)
	}
	d := got.MedicalScribeStreamDetails
	if d == nil || d.StreamStatus != tstypes.MedicalScribeStreamStatusCompleted {
		t.Fatalf("details %+v, want a completed session", d)
	}
	sameJSON(t, "channels", d.ChannelDefinitions, config.ChannelDefinitions)
	sameJSON(t, "analytics settings", d.PostStreamAnalyticsSettings, config.PostStreamAnalyticsSettings)
	if aws.ToString(d.ResourceAccessRoleArn) != aws.ToString(config.ResourceAccessRoleArn) {
		t.Errorf("role %q, want %q", aws.ToString(d.ResourceAccessRoleArn), aws.ToString(config.ResourceAccessRoleArn))
	}
}

// Input that breaks the model's constraints: in the initial request, the
// request is refused with 400; in an event, the stream ends with the
// validation error, a BadRequestException (Transcribe Streaming's model has
// no ValidationException).
func TestTranscribeInvalidInput(t *testing.T) {
	client, _ := transcribeServer(t, tssrv.WithSigV4("us-east-1", transcribeSecrets))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	t.Run("request", func(t *testing.T) {
		_, err := client.StartStreamTranscription(ctx, &tssdk.StartStreamTranscriptionInput{
			LanguageCode:         tstypes.LanguageCodeEnUs,
			MediaEncoding:        tstypes.MediaEncodingPcm,
			MediaSampleRateHertz: aws.Int32(1),
		})
		var bad *tstypes.BadRequestException
		if !errors.As(err, &bad) {
			t.Fatalf("error %v, want a BadRequestException", err)
		}
		want := "1 validation error detected. Value 1 at '/MediaSampleRateHertz' failed to satisfy constraint: Member must be between 8000 and 48000, inclusive"
		if got := aws.ToString(bad.Message); got != want {
			t.Errorf("message %q, want %q", got, want)
		}
	})
	t.Run("event", func(t *testing.T) {
		out, err := client.StartMedicalScribeStream(ctx, &tssdk.StartMedicalScribeStreamInput{
			LanguageCode:         tstypes.MedicalScribeLanguageCodeEnUs,
			MediaEncoding:        tstypes.MedicalScribeMediaEncodingPcm,
			MediaSampleRateHertz: aws.Int32(16000),
		})
		if err != nil {
			t.Fatal(err)
		}
		stream := out.GetStream()
		defer stream.Close()
		// Send may lose the race with the exception that answers it.
		_ = stream.Send(ctx, &tstypes.MedicalScribeInputStreamMemberConfigurationEvent{Value: tstypes.MedicalScribeConfigurationEvent{
			ResourceAccessRoleArn: aws.String("arn:aws:iam::123456789012:user/someone"),
			ChannelDefinitions: []tstypes.MedicalScribeChannelDefinition{
				{ChannelId: 0, ParticipantRole: tstypes.MedicalScribeParticipantRoleClinician},
				{ChannelId: 1, ParticipantRole: tstypes.MedicalScribeParticipantRolePatient},
			},
			PostStreamAnalyticsSettings: &tstypes.MedicalScribePostStreamAnalyticsSettings{
				ClinicalNoteGenerationSettings: &tstypes.ClinicalNoteGenerationSettings{OutputBucketName: aws.String("scribe-notes")},
			},
		}})
		for ev := range stream.Events() {
			t.Errorf("event after the invalid one: %T", ev)
		}
		var bad *tstypes.BadRequestException
		if err := stream.Err(); !errors.As(err, &bad) {
			t.Fatalf("stream error %v (%T), want a BadRequestException", err, err)
		}
		want := "1 validation error detected. Value arn:aws:iam::123456789012:user/someone at '/InputStream/ConfigurationEvent/ResourceAccessRoleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: "
		if got := aws.ToString(bad.Message); !strings.HasPrefix(got, want) {
			t.Errorf("message %q, want it to start with %q", got, want)
		}
	})
}
