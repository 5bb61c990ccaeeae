package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// Smithy's event-stream protocol tests (smithy.test#eventStreamTests, in
// testdata/restjson-full.json) run against the generated server as
// Smithy's "Event Stream Protocol Compliance Tests" say a server runs them:
//
//   - events of type "request" are what the client sends: the request
//     body is their bytes (or, without bytes, their headers and body
//     encoded by this package's codec), and the service must receive
//     events equal to their params, or, when the case expects a failure,
//     an error (of the errorId's type when it names one);
//   - events of type "response" are what the service sends: it sends
//     their params, and each message of the response must carry the
//     event's headers (typed), none of its forbidHeaders, all of its
//     requireHeaders, and its body (JSON compared as JSON);
//   - initialRequest / initialRequestParams: the request of the test
//     must reach the operation with an input equal to the params;
//     initialResponse / initialResponseParams: the output params must
//     give the response's code and headers.
//
// A case whose expected failure happens before the operation is called
// (the initial request is invalid) passes when the request is answered
// with a client error. Cases for clients only are skipped.

// eventStreamCase is one smithy.test#eventStreamTests entry.
type eventStreamCase struct {
	ID                    string          `json:"id"`
	Protocol              string          `json:"protocol"`
	InitialRequestParams  json.RawMessage `json:"initialRequestParams"`
	InitialRequest        *protocolCase   `json:"initialRequest"`
	InitialResponseParams json.RawMessage `json:"initialResponseParams"`
	InitialResponse       *protocolCase   `json:"initialResponse"`
	Events                []testEvent     `json:"events"`
	Expectation           struct {
		Failure *struct {
			ErrorID string `json:"errorId"`
		} `json:"failure"`
	} `json:"expectation"`
	AppliesTo string `json:"appliesTo"`

	op eventStreamOp
}

// testEvent is one event of a case.
type testEvent struct {
	Type           string                                `json:"type"`
	Params         json.RawMessage                       `json:"params"`
	Headers        map[string]map[string]json.RawMessage `json:"headers"`
	ForbidHeaders  []string                              `json:"forbidHeaders"`
	RequireHeaders []string                              `json:"requireHeaders"`
	Body           *string                               `json:"body"`
	BodyMediaType  string                                `json:"bodyMediaType"`
	Bytes          []byte                                `json:"bytes"` // base64 in the JSON
}

// eventStreamOp is what a case needs to know of its operation.
type eventStreamOp struct {
	name         string
	method, uri  string
	inputStream  string // the member holding the input event stream, or ""
	outputStream string // the member holding the output event stream, or ""
	// trigger is the first initialRequest of the operation's cases: the
	// request of the cases that test only the response, as the operation
	// may require members that the plain method and URI lack.
	trigger *protocolCase
}

// loadEventStreamCases reads every eventStreamTests case of a service's
// operations.
func loadEventStreamCases(t *testing.T, path, service string) []eventStreamCase {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var ast struct {
		Shapes map[string]struct {
			astShape
			Input   *struct{ Target string } `json:"input"`
			Output  *struct{ Target string } `json:"output"`
			Members map[string]struct{ Target string }
		} `json:"shapes"`
	}
	if err := json.Unmarshal(data, &ast); err != nil {
		t.Fatal(err)
	}
	// streamMember is the member of a structure that targets a @streaming union.
	streamMember := func(ref *struct{ Target string }) string {
		if ref == nil {
			return ""
		}
		for name, m := range ast.Shapes[ref.Target].Members {
			target := ast.Shapes[m.Target]
			if _, ok := target.Traits["smithy.api#streaming"]; ok && target.Type == "union" {
				return name
			}
		}
		return ""
	}
	var out []eventStreamCase
	for _, o := range ast.Shapes[service].Operations {
		sh := ast.Shapes[o.Target]
		raw, ok := sh.Traits["smithy.test#eventStreamTests"]
		if !ok {
			continue
		}
		var cs []eventStreamCase
		if err := json.Unmarshal(raw, &cs); err != nil {
			t.Fatalf("%s: eventStreamTests: %v", o.Target, err)
		}
		trigger := minimalRequest(t, sh.astShape)
		op := eventStreamOp{
			name:         shapeName(o.Target),
			method:       trigger.Method,
			uri:          trigger.URI,
			inputStream:  streamMember(sh.Input),
			outputStream: streamMember(sh.Output),
		}
		for _, c := range cs {
			if op.trigger == nil && c.InitialRequest != nil {
				op.trigger = c.InitialRequest
			}
		}
		for _, c := range cs {
			c.op = op
			out = append(out, c)
		}
	}
	return out
}

// eventStreamTarget is a generated server under test: its handler, the
// recorder it serves, and the Go types of its package.
type eventStreamTarget struct {
	handler http.Handler
	// respond sets how the next operation answers; input returns what the
	// last operation got, nil if none ran.
	respond func(func(out any) error)
	input   func() any
	// service is the recorder, whose methods give each operation's Go
	// input and output types.
	service any
	types   goTypes
}

// runEventStreamSuite runs every case that applies to a server.
func runEventStreamSuite(t *testing.T, cases []eventStreamCase, target eventStreamTarget, deviations map[string]string) {
	for _, c := range cases {
		t.Run(c.ID, func(t *testing.T) {
			if c.AppliesTo == "client" {
				t.Skip("appliesTo: client")
			}
			if reason := target.notServed(c.op); reason != "" {
				t.Fatal(reason)
			}
			deviation(t, deviations, c.ID, func(t testing.TB) { c.run(t, target) })
		})
	}
}

var contextType = reflect.TypeFor[context.Context]()

// notServed says why an operation's event streams cannot be tested, or "":
// the generated input must hold a reader with Recv, the output a stream
// function.
func (target eventStreamTarget) notServed(op eventStreamOp) string {
	m, ok := reflect.TypeOf(target.service).MethodByName(op.name)
	if !ok {
		return fmt.Sprintf("the generated Service has no method %s", op.name)
	}
	in, out := m.Type.In(2).Elem(), m.Type.Out(0).Elem()
	if op.inputStream != "" {
		f, ok := structFieldType(in, op.inputStream)
		if _, recv := f.MethodByName("Recv"); !ok || !recv {
			return fmt.Sprintf("%s.%s is a %v, not a reader with Recv", in.Name(), op.inputStream, f)
		}
	}
	if op.outputStream != "" {
		f, ok := structFieldType(out, op.outputStream)
		if !ok || f.Kind() != reflect.Func || f.NumIn() != 2 || f.In(0) != contextType {
			return fmt.Sprintf("%s.%s is a %v, not a stream function", out.Name(), op.outputStream, f)
		}
	}
	return ""
}

func structFieldType(t reflect.Type, member string) (reflect.Type, bool) {
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.IsExported() && fold(f.Name) == fold(member) {
			return f.Type, true
		}
	}
	return nil, false
}

// received is what the operation got: its input and, from its input
// stream, the events and the error that ended them (nil at a clean end).
type received struct {
	input  any
	union  reflect.Type // the events' interface
	events []any
	err    error
}

func (c eventStreamCase) run(t testing.TB, target eventStreamTarget) {
	var got *received
	target.respond(func(out any) error {
		got = &received{input: target.input()}
		if c.op.inputStream != "" {
			got.union, got.events, got.err = drain(got.input, c.op.inputStream)
		}
		if err := target.types.fill(reflect.ValueOf(out).Elem(), c.InitialResponseParams); err != nil {
			return fmt.Errorf("initialResponseParams: %w", err)
		}
		if c.op.outputStream != "" {
			stream, ok := structField(reflect.ValueOf(out).Elem(), c.op.outputStream)
			if !ok {
				return fmt.Errorf("no field for %s", c.op.outputStream)
			}
			stream.Set(target.sendFunc(stream.Type(), c.events("response")))
		}
		return nil
	})
	resp := serveRequest(t, target.handler, c.request(t))
	if c.Expectation.Failure != nil && c.events("response") == nil {
		c.checkFailure(t, target, got, resp)
		return
	}
	if got == nil {
		t.Fatalf("the operation was not called: %d %s %s", resp.status, resp.errType, resp.body)
	}
	if got.err != nil {
		t.Fatalf("the input stream ended with an error: %v", got.err)
	}
	c.checkInput(t, target, got)
	c.checkResponse(t, resp)
}

// events returns the case's events of one type.
func (c eventStreamCase) events(typ string) []testEvent {
	var out []testEvent
	for _, e := range c.Events {
		if e.Type == typ {
			out = append(out, e)
		}
	}
	return out
}

// request is the initial request of the case, its body the request
// events.
func (c eventStreamCase) request(t testing.TB) *http.Request {
	ic := protocolCase{Method: c.op.method, URI: c.op.uri}
	switch {
	case c.InitialRequest != nil:
		ic = *c.InitialRequest
	case c.op.trigger != nil && c.events("request") == nil && c.Expectation.Failure == nil:
		ic = *c.op.trigger
	}
	var body []byte
	for _, e := range c.events("request") {
		if e.Bytes != nil {
			body = append(body, e.Bytes...)
			continue
		}
		f, err := e.frame()
		if err != nil {
			t.Fatalf("request event: %v", err)
		}
		body = f.encode(body)
	}
	uri := ic.URI
	if len(ic.QueryParams) > 0 {
		uri += "?" + strings.Join(ic.QueryParams, "&")
	}
	ctx, cancel := context.WithTimeout(context.Background(), requestTimeout)
	t.Cleanup(cancel)
	var r *http.Request
	if c.op.inputStream != "" {
		r = httptest.NewRequestWithContext(ctx, ic.Method, "http://localhost"+uri, bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/vnd.amazon.eventstream")
	} else {
		r = httptest.NewRequestWithContext(ctx, ic.Method, "http://localhost"+uri, http.NoBody)
	}
	for k, v := range ic.Headers {
		r.Header.Set(k, v)
	}
	return r
}

// drain reads an input's event stream to its end.
func drain(input any, member string) (reflect.Type, []any, error) {
	reader, ok := structField(reflect.ValueOf(input).Elem(), member)
	if !ok || reader.IsNil() {
		return nil, nil, fmt.Errorf("the input has no reader in %s", member)
	}
	recv := reader.MethodByName("Recv")
	union := recv.Type().Out(0)
	var events []any
	for i := 0; ; i++ {
		if i > 1000 {
			return union, events, errors.New("more than 1000 events")
		}
		res := recv.Call([]reflect.Value{reflect.ValueOf(context.Background())})
		if err, _ := res[1].Interface().(error); err != nil {
			if err == io.EOF {
				err = nil
			}
			return union, events, err
		}
		events = append(events, res[0].Interface())
	}
}

// sendFunc makes the output's stream function: it sends each event's
// params.
func (target eventStreamTarget) sendFunc(fn reflect.Type, events []testEvent) reflect.Value {
	return reflect.MakeFunc(fn, func(args []reflect.Value) []reflect.Value {
		fail := func(err error) []reflect.Value { return []reflect.Value{reflect.ValueOf(&err).Elem()} }
		send := args[1].MethodByName("Send")
		for i, e := range events {
			ev := reflect.New(send.Type().In(1)).Elem()
			if err := target.types.fill(ev, e.Params); err != nil {
				return fail(fmt.Errorf("response event %d params: %w", i, err))
			}
			res := send.Call([]reflect.Value{args[0], ev})
			if err, _ := res[0].Interface().(error); err != nil {
				return fail(err)
			}
		}
		return []reflect.Value{reflect.Zero(fn.Out(0))}
	})
}

// checkInput compares what the operation received with the initial
// request params and the request events.
func (c eventStreamCase) checkInput(t testing.TB, target eventStreamTarget, got *received) {
	t.Helper()
	if c.InitialRequestParams != nil {
		want := reflect.New(reflect.TypeOf(got.input).Elem())
		if err := target.types.fill(want.Elem(), c.InitialRequestParams); err != nil {
			t.Fatalf("initialRequestParams: %v", err)
		}
		// The reader is not part of the params: compare a copy without it.
		input := reflect.New(want.Elem().Type())
		input.Elem().Set(reflect.ValueOf(got.input).Elem())
		if reader, ok := structField(input.Elem(), c.op.inputStream); ok {
			reader.SetZero()
		}
		if diff := diffValues(want.Interface(), input.Interface()); diff != "" {
			t.Errorf("input (-initialRequestParams +decoded):\n%s", diff)
		}
	}
	reqs := c.events("request")
	if len(got.events) != len(reqs) {
		t.Errorf("received %d events, want %d", len(got.events), len(reqs))
	}
	for i := range min(len(got.events), len(reqs)) {
		want := reflect.New(got.union).Elem()
		if err := target.types.fill(want, reqs[i].Params); err != nil {
			t.Fatalf("request event %d params: %v", i, err)
		}
		if diff := diffValues(want.Interface(), got.events[i]); diff != "" {
			t.Errorf("event %d (-params +received):\n%s", i, diff)
		}
	}
}

// checkFailure checks a case that expects the input to fail: the input
// stream ends with an error (of the errorId's type if it names one), or
// the request is refused before the operation runs.
func (c eventStreamCase) checkFailure(t testing.TB, target eventStreamTarget, got *received, resp response) {
	t.Helper()
	if got == nil {
		if resp.status < 400 || resp.status >= 500 {
			t.Errorf("the operation was not called, and the request was answered %d, want a client error; body %s", resp.status, resp.body)
		}
		return
	}
	if got.err == nil {
		t.Fatalf("the input stream ended cleanly after %d events, want an error", len(got.events))
	}
	id := c.Expectation.Failure.ErrorID
	if id == "" {
		return
	}
	typ, ok := target.types.errors[shapeName(id)]
	if !ok {
		t.Fatalf("no Go error type for %s", id)
	}
	gotErr := reflect.New(reflect.PointerTo(typ))
	if !errors.As(got.err, gotErr.Interface()) {
		t.Fatalf("the input stream ended with %T %v, want a %s", got.err, got.err, shapeName(id))
	}
	// The error carries the params of the event that sent it, {"member": error}.
	for _, e := range c.events("request") {
		var params map[string]json.RawMessage
		if json.Unmarshal(e.Params, &params) != nil || len(params) != 1 {
			continue
		}
		for _, p := range params {
			want := reflect.New(typ)
			if err := target.types.fill(want.Elem(), p); err != nil {
				t.Fatalf("params of %s: %v", shapeName(id), err)
			}
			if diff := diffValues(want.Interface(), gotErr.Elem().Interface()); diff != "" {
				t.Errorf("error (-params +received):\n%s", diff)
			}
		}
	}
}

// checkResponse compares the response with the initial response and the
// response events.
func (c eventStreamCase) checkResponse(t testing.TB, resp response) {
	t.Helper()
	want := protocolCase{Code: http.StatusOK}
	if c.InitialResponse != nil {
		want = *c.InitialResponse
	}
	checkResponse(t, want, response{status: resp.status, header: resp.header})
	if c.op.outputStream == "" {
		return
	}
	if ct := resp.header.Get("Content-Type"); ct != "application/vnd.amazon.eventstream" {
		t.Errorf("Content-Type %q, want application/vnd.amazon.eventstream", ct)
	}
	frames, err := decodeFrames(resp.body)
	if err != nil {
		t.Errorf("response stream: %v", err)
	}
	evs := c.events("response")
	if len(frames) != len(evs) {
		t.Errorf("%d messages, want %d", len(frames), len(evs))
	}
	for i := range min(len(frames), len(evs)) {
		checkFrame(t, i, evs[i], frames[i])
	}
}

// checkFrame compares a message with a response event.
func checkFrame(t testing.TB, i int, e testEvent, f frame) {
	t.Helper()
	for _, name := range slices.Sorted(maps.Keys(e.Headers)) {
		want, err := headerValue(name, e.Headers[name])
		if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		got, ok := f.header(name)
		switch {
		case !ok:
			t.Errorf("message %d: header %s missing, want %v", i, name, want.value)
		case !headersEqual(want, got):
			t.Errorf("message %d: header %s = %v (type %d), want %v (type %d)", i, name, got.value, got.typ, want.value, want.typ)
		}
	}
	for _, name := range e.ForbidHeaders {
		if h, ok := f.header(name); ok {
			t.Errorf("message %d: header %s = %v, want none", i, name, h.value)
		}
	}
	for _, name := range e.RequireHeaders {
		if _, ok := f.header(name); !ok {
			t.Errorf("message %d: header %s missing", i, name)
		}
	}
	if e.Body == nil {
		return
	}
	if e.BodyMediaType == "application/json" {
		if !jsonEqual([]byte(*e.Body), f.payload) {
			t.Errorf("message %d: payload %s, want %s", i, f.payload, *e.Body)
		}
	} else if string(f.payload) != *e.Body {
		t.Errorf("message %d: payload %q, want %q", i, f.payload, *e.Body)
	}
}

func headersEqual(a, b frameHeader) bool {
	if a.typ != b.typ {
		return false
	}
	if at, ok := a.value.(time.Time); ok {
		return at.Equal(b.value.(time.Time))
	}
	return reflect.DeepEqual(a.value, b.value)
}

// headerValue reads a test's header value, {"<type>": value}.
func headerValue(name string, v map[string]json.RawMessage) (frameHeader, error) {
	if len(v) != 1 {
		return frameHeader{}, fmt.Errorf("header %s: %d value types, want one", name, len(v))
	}
	for typ, raw := range v {
		h := frameHeader{name: name}
		var err error
		switch typ {
		case "boolean":
			var b bool
			err = json.Unmarshal(raw, &b)
			h.typ, h.value = frameFalse, false
			if b {
				h.typ, h.value = frameTrue, true
			}
		case "byte", "short", "integer", "long":
			h.typ = map[string]frameHeaderType{"byte": frameByte, "short": frameShort, "integer": frameInt, "long": frameLong}[typ]
			var n int64
			if err = json.Unmarshal(raw, &n); err != nil && typ == "byte" {
				// The trait's documentation writes a byte as base64.
				var b []byte
				if err = json.Unmarshal(raw, &b); err == nil && len(b) == 1 {
					n = int64(int8(b[0]))
				}
			}
			h.value = n
		case "blob":
			var b []byte
			err = json.Unmarshal(raw, &b)
			h.typ, h.value = frameBytes, b
		case "string":
			var s string
			err = json.Unmarshal(raw, &s)
			h.typ, h.value = frameString, s
		case "timestamp":
			var ts time.Time
			ts, err = timestampParam(raw)
			h.typ, h.value = frameTimestamp, ts
		default:
			return h, fmt.Errorf("header %s: value type %q", name, typ)
		}
		if err != nil {
			return h, fmt.Errorf("header %s: %s %s: %v", name, typ, raw, err)
		}
		return h, nil
	}
	panic("unreachable")
}

// timestampParam reads a timestamp written as a date-time string or epoch
// seconds.
func timestampParam(raw json.RawMessage) (time.Time, error) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return time.Parse(time.RFC3339Nano, s)
	}
	var f float64
	if err := json.Unmarshal(raw, &f); err != nil {
		return time.Time{}, err
	}
	return time.UnixMilli(int64(f * 1000)).UTC(), nil
}

// frame encodes an event given by its headers and body, for events
// without bytes.
func (e testEvent) frame() (frame, error) {
	var f frame
	for _, name := range slices.Sorted(maps.Keys(e.Headers)) {
		h, err := headerValue(name, e.Headers[name])
		if err != nil {
			return f, err
		}
		f.headers = append(f.headers, h)
	}
	if e.Body != nil {
		f.payload = []byte(*e.Body)
	}
	return f, nil
}
