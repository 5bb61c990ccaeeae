package generator_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	ev "github.com/smithygen/smithygen/generator/internal/golden/events"
)

// A small hand-written codec of event-stream frames, the client's side of
// the tests: it knows only what they use.

type frameHeader struct {
	name  string
	kind  byte
	value any // bool, int8, int16, int32, int64, []byte, string, time.Time
}

type frame struct {
	headers []frameHeader
	payload []byte
}

func encodeFrame(f frame) []byte {
	var hs []byte
	for _, h := range f.headers {
		hs = append(hs, byte(len(h.name)))
		hs = append(hs, h.name...)
		switch v := h.value.(type) {
		case bool:
			if v {
				hs = append(hs, 0)
			} else {
				hs = append(hs, 1)
			}
		case int8:
			hs = append(hs, 2, byte(v))
		case int16:
			hs = binary.BigEndian.AppendUint16(append(hs, 3), uint16(v))
		case int32:
			hs = binary.BigEndian.AppendUint32(append(hs, 4), uint32(v))
		case int64:
			hs = binary.BigEndian.AppendUint64(append(hs, 5), uint64(v))
		case []byte:
			hs = append(binary.BigEndian.AppendUint16(append(hs, 6), uint16(len(v))), v...)
		case string:
			hs = append(binary.BigEndian.AppendUint16(append(hs, 7), uint16(len(v))), v...)
		case time.Time:
			hs = binary.BigEndian.AppendUint64(append(hs, 8), uint64(v.UnixMilli()))
		}
	}
	total := 12 + len(hs) + len(f.payload) + 4
	b := binary.BigEndian.AppendUint32(nil, uint32(total))
	b = binary.BigEndian.AppendUint32(b, uint32(len(hs)))
	b = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
	b = append(append(b, hs...), f.payload...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

// readFrame reads one frame; io.EOF at the end of the stream.
func readFrame(r io.Reader) (frame, error) {
	var prelude [12]byte
	if _, err := io.ReadFull(r, prelude[:]); err != nil {
		return frame{}, err
	}
	total, hlen := binary.BigEndian.Uint32(prelude[:4]), binary.BigEndian.Uint32(prelude[4:8])
	if crc32.ChecksumIEEE(prelude[:8]) != binary.BigEndian.Uint32(prelude[8:]) || total < 16 || hlen > total-16 {
		return frame{}, errors.New("bad prelude")
	}
	rest := make([]byte, total-12)
	if _, err := io.ReadFull(r, rest); err != nil {
		return frame{}, err
	}
	body := rest[:len(rest)-4]
	if crc32.Update(crc32.ChecksumIEEE(prelude[:]), crc32.IEEETable, body) != binary.BigEndian.Uint32(rest[len(rest)-4:]) {
		return frame{}, errors.New("bad message checksum")
	}
	f := frame{payload: body[hlen:]}
	for hs := body[:hlen]; len(hs) > 0; {
		n := int(hs[0])
		h := frameHeader{name: string(hs[1 : 1+n]), kind: hs[1+n]}
		hs = hs[2+n:]
		switch h.kind {
		case 0, 1:
			h.value = h.kind == 0
		case 2:
			h.value, hs = int8(hs[0]), hs[1:]
		case 3:
			h.value, hs = int16(binary.BigEndian.Uint16(hs)), hs[2:]
		case 4:
			h.value, hs = int32(binary.BigEndian.Uint32(hs)), hs[4:]
		case 5:
			h.value, hs = int64(binary.BigEndian.Uint64(hs)), hs[8:]
		case 6, 7:
			l := int(binary.BigEndian.Uint16(hs))
			if h.kind == 6 {
				h.value = append([]byte{}, hs[2:2+l]...)
			} else {
				h.value = string(hs[2 : 2+l])
			}
			hs = hs[2+l:]
		case 8:
			h.value, hs = time.UnixMilli(int64(binary.BigEndian.Uint64(hs))).UTC(), hs[8:]
		default:
			return frame{}, fmt.Errorf("header type %d", h.kind)
		}
		f.headers = append(f.headers, h)
	}
	return f, nil
}

func event(eventType, contentType string, payload string, headers ...frameHeader) []byte {
	hs := append([]frameHeader{
		{name: ":message-type", value: "event"}, {name: ":event-type", value: eventType}, {name: ":content-type", value: contentType},
	}, headers...)
	return encodeFrame(frame{headers: hs, payload: []byte(payload)})
}

// eventService serves the test model: Subscribe sends one event of each
// kind then fails with the modeled exception, Publish collects what it
// receives, Chat answers each line.
type eventService struct {
	ev.UnimplementedService
	published []ev.PublishEvents
}

var at = time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)

func (s *eventService) Subscribe(_ context.Context, in *ev.SubscribeInput) (*ev.SubscribeOutput, error) {
	return &ev.SubscribeOutput{Topic: in.Topic, Events: func(ctx context.Context, stream *ev.NotificationsWriter) error {
		for _, e := range []ev.Notifications{
			&ev.NotificationsMemberStamp{Value: ev.Stamp{Flag: ptr(true), Tiny: ptr[int8](-3), Small: ptr[int16](300), Count: ptr[int32](70000),
				Big: ptr[int64](1 << 40), Raw: []byte{0, 1}, Label: ptr("lbl"), At: &at, Body: ptr("hello"), Score: ptr(1.5)}},
			&ev.NotificationsMemberData{Value: ev.Data{Bytes: []byte("\x00raw"), Seq: ptr[int64](7)}},
			&ev.NotificationsMemberNote{Value: ev.Note{Text: ptr("plain text")}},
			&ev.NotificationsMemberRecord{Value: ev.RecordEvent{Record: &ev.Record{Id: ptr("r1"), Tags: []string{"a"}}}},
			&ev.NotificationsMemberChoice{Value: ev.ChoiceEvent{Choice: &ev.ChoiceMemberOther{Value: "x"}}},
		} {
			if err := stream.Send(ctx, e); err != nil {
				return err
			}
		}
		return fmt.Errorf("overheated: %w", &ev.Unavailable{Message: ptr("too hot"), RetryAfter: ptr[int32](5)})
	}}, nil
}

func (s *eventService) Publish(ctx context.Context, in *ev.PublishInput) (*ev.PublishOutput, error) {
	for e, err := range in.Events.All(ctx) {
		if err != nil {
			return nil, err
		}
		s.published = append(s.published, e)
	}
	return &ev.PublishOutput{Accepted: ptr(int32(len(s.published)))}, nil
}

func (s *eventService) Chat(_ context.Context, in *ev.ChatInput) (*ev.ChatOutput, error) {
	return &ev.ChatOutput{Lines: func(ctx context.Context, stream *ev.ChatOutWriter) error {
		for {
			e, err := in.Lines.Recv(ctx)
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			say := e.(*ev.ChatInMemberSay)
			if err := stream.Send(ctx, &ev.ChatOutMemberSaid{Value: ev.Said{Text: ptr(strings.ToUpper(*say.Value.Text)), By: in.Room}}); err != nil {
				return err
			}
		}
	}}, nil
}

// summary is what a test compares of a frame: its headers and payload.
func summary(f frame) map[string]any {
	m := map[string]any{"payload": string(f.payload)}
	for _, h := range f.headers {
		m[h.name] = h.value
	}
	return m
}

func readAll(t *testing.T, r io.Reader) []map[string]any {
	t.Helper()
	var out []map[string]any
	for {
		f, err := readFrame(r)
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("after %d frames: %v", len(out), err)
		}
		out = append(out, summary(f))
	}
}

// TestEventsOutput reads an output stream over HTTP/1.1: an event of each
// payload kind, headers of every type, and the modeled exception the
// stream function returns.
func TestEventsOutput(t *testing.T) {
	srv := httptest.NewServer(ev.NewHandler(&eventService{}))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/topics/news")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/vnd.amazon.eventstream" || resp.Header.Get("X-Topic") != "news" {
		t.Fatalf("status %d, headers %v", resp.StatusCode, resp.Header)
	}
	got := readAll(t, resp.Body)
	evt := func(typ, ct, payload string, kv ...any) map[string]any {
		m := map[string]any{":message-type": "event", ":event-type": typ, ":content-type": ct, "payload": payload}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	want := []map[string]any{
		evt("stamp", "application/json", `{"body":"hello","score":1.5}`, "flag", true, "tiny", int8(-3), "small", int16(300),
			"count", int32(70000), "big", int64(1<<40), "raw", []byte{0, 1}, "label", "lbl", "at", at),
		evt("data", "application/octet-stream", "\x00raw", "seq", int64(7)),
		evt("note", "text/plain", "plain text"),
		evt("record", "application/json", `{"id":"r1","tags":["a"]}`),
		evt("choice", "application/json", `{"other":"x"}`),
		{":message-type": "exception", ":exception-type": "unavailable", ":content-type": "application/json", "payload": `{"message":"too hot","retryAfter":5}`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("frames (-want +got):\n%s", diff)
	}
}

// TestEventsAccept: an operation whose output streams events serves
// clients that ask for the stream or for JSON, or say nothing, and refuses
// those that accept neither.
func TestEventsAccept(t *testing.T) {
	h := ev.NewHandler(&eventService{})
	for accept, status := range map[string]int{
		"":                                   200,
		"application/vnd.amazon.eventstream": 200,
		"application/json":                   200,
		"*/*":                                200,
		"text/html":                          406,
		"application/json;q=0":               406,
	} {
		r := httptest.NewRequest("GET", "/topics/news", nil)
		if accept != "" {
			r.Header.Set("Accept", accept)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != status {
			t.Errorf("Accept %q: status %d, want %d: %s", accept, w.Code, status, w.Body)
		}
	}
}

// TestEventsInput sends an input stream: the service receives every event,
// decoded, and an event that breaks a constraint is the validation error.
func TestEventsInput(t *testing.T) {
	svc := &eventService{}
	h := ev.NewHandler(svc)
	var body bytes.Buffer
	body.Write(event("stamp", "application/json", `{"body":"b","when":1700000000}`,
		frameHeader{name: "flag", value: false}, frameHeader{name: "tiny", value: int8(1)}, frameHeader{name: "small", value: int16(2)},
		frameHeader{name: "count", value: int32(3)}, frameHeader{name: "big", value: int64(4)}, frameHeader{name: "raw", value: []byte("r")},
		frameHeader{name: "label", value: "l"}, frameHeader{name: "at", value: at}))
	body.Write(event("data", "application/octet-stream", "bytes", frameHeader{name: "seq", value: int64(9)}))
	body.Write(event("note", "text/plain", "a note"))
	body.Write(event("record", "application/json", `{"id":"r2"}`))
	body.Write(event("choice", "application/json", `{"yes":true}`))
	req := httptest.NewRequest("POST", "/topics/news", &body)
	req.Header.Set("Content-Type", "application/vnd.amazon.eventstream")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 || rec.Body.String() != `{"accepted":5}` {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	want := []ev.PublishEvents{
		&ev.PublishEventsMemberStamp{Value: ev.Stamp{Flag: ptr(false), Tiny: ptr[int8](1), Small: ptr[int16](2), Count: ptr[int32](3), Big: ptr[int64](4),
			Raw: []byte("r"), Label: ptr("l"), At: &at, Body: ptr("b"), When: ptr(time.Unix(1700000000, 0).UTC())}},
		&ev.PublishEventsMemberData{Value: ev.Data{Bytes: []byte("bytes"), Seq: ptr[int64](9)}},
		&ev.PublishEventsMemberNote{Value: ev.Note{Text: ptr("a note")}},
		&ev.PublishEventsMemberRecord{Value: ev.RecordEvent{Record: &ev.Record{Id: ptr("r2")}}},
		&ev.PublishEventsMemberChoice{Value: ev.ChoiceEvent{Choice: &ev.ChoiceMemberYes{Value: true}}},
	}
	if diff := cmp.Diff(want, svc.published); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}

	badChecksum := event("note", "text/plain", "x")
	badChecksum[len(badChecksum)-1] ^= 1
	for name, c := range map[string]struct {
		frame      []byte
		status     int
		errorType  string
		inResponse string
	}{
		"constraint":  {event("stamp", "application/json", `{}`, frameHeader{name: "label", value: "far too long"}), 400, "ValidationException", "/events/stamp/label"},
		"header type": {event("stamp", "application/json", `{}`, frameHeader{name: "count", value: "3"}), 400, "SerializationException", "count"},
		"unknown":     {event("nothing", "application/json", `{}`), 400, "SerializationException", "event type"},
		"bad JSON":    {event("record", "application/json", `{"id":`), 400, "SerializationException", "payload"},
		"checksum":    {badChecksum, 400, "SerializationException", "checksum"},
	} {
		req := httptest.NewRequest("POST", "/topics/news", bytes.NewReader(c.frame))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != c.status || rec.Header().Get("X-Amzn-ErrorType") != c.errorType || !strings.Contains(rec.Body.String(), c.inResponse) {
			t.Errorf("%s: %d %s %s", name, rec.Code, rec.Header().Get("X-Amzn-ErrorType"), rec.Body)
		}
	}
}

// TestEventsBidirectional chats over unencrypted HTTP/2: each line is
// answered before the next is sent, so both streams are open at once.
func TestEventsBidirectional(t *testing.T) {
	srv := httptest.NewUnstartedServer(ev.NewHandler(&eventService{}))
	srv.Config.Protocols = new(http.Protocols)
	srv.Config.Protocols.SetUnencryptedHTTP2(true)
	srv.Start()
	defer srv.Close()
	protocols := new(http.Protocols)
	protocols.SetUnencryptedHTTP2(true)
	client := &http.Client{Transport: &http.Transport{Protocols: protocols}}

	pr, pw := io.Pipe()
	req, _ := http.NewRequest("POST", srv.URL+"/chat/lobby", pr)
	req.Header.Set("Content-Type", "application/vnd.amazon.eventstream")
	go func() { _, _ = pw.Write(event("say", "application/json", `{"text":"hi"}`)) }()
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.ProtoMajor != 2 || resp.StatusCode != 200 {
		t.Fatalf("%s %d", resp.Proto, resp.StatusCode)
	}
	for _, line := range []string{"hi", "there"} {
		if line != "hi" {
			if _, err := pw.Write(event("say", "application/json", `{"text":"`+line+`"}`)); err != nil {
				t.Fatal(err)
			}
		}
		f, err := readFrame(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]any{":message-type": "event", ":event-type": "said", ":content-type": "application/json",
			"by": "lobby", "payload": `{"text":"` + strings.ToUpper(line) + `"}`}
		if diff := cmp.Diff(want, summary(f)); diff != "" {
			t.Errorf("answer to %q (-want +got):\n%s", line, diff)
		}
	}
	// A malformed message ends the output stream with an error message.
	if _, err := pw.Write([]byte("\x00\x00\x00\x20\x00\x00\x00\x00\x00\x00\x00\x00")); err != nil {
		t.Fatal(err)
	}
	f, err := readFrame(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if s := summary(f); s[":message-type"] != "error" || s[":error-code"] != "SerializationException" {
		t.Errorf("after a malformed message: %v", s)
	}
	if _, err := readFrame(resp.Body); err != io.EOF {
		t.Errorf("the stream goes on after the error: %v", err)
	}
	pw.Close()
}
