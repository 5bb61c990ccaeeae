package generator

import (
	"sort"

	"github.com/smithygen/smithygen/model"
)

// Event streams: the plan of each @streaming union an operation sends or
// receives. The union stays an interface with one type per member; the
// output's stream member becomes a function that sends events through a
// UWriter, the input's a UReader that receives them. Each event travels
// as one message: its @eventHeader members as headers, its @eventPayload
// member (or else its other members, as JSON) as the payload.

// eventStream is one @streaming union and everything its emitters need.
type eventStream struct {
	union *model.Shape
	// send and recv tell whether the server sends the union's events (an
	// output streams it) or receives them (an input does), or both.
	send, recv bool
	writer     string // UWriter, when sent
	reader     string // UReader, when received
	// Helpers: encode sends an event, decode reads the event of a
	// message, exception finds the union's error in a Go error, source
	// binds the service's stream function to encode.
	encode, decode, exception, source string
	events                            []*event
}

// event is one member of an event stream: an event or, for a member that
// targets an @error structure, an exception.
type event struct {
	member  *model.Member // of the union
	shape   *model.Shape  // the structure it targets
	isError bool
	// headers are the @eventHeader members, each with its header kind.
	headers []eventHeader
	// payload is the @eventPayload member, or nil: then body holds the
	// members that make the JSON payload.
	payload *model.Member
	body    []*model.Member
}

// eventHeader is an @eventHeader member and the header value type that
// carries it.
type eventHeader struct {
	member *model.Member
	kind   string // bool, byte, short, int, long, bytes, string, timestamp
}

// name is the :event-type (or :exception-type) of the event's messages.
func (e *event) name() string { return e.member.Name }

// hasMembers reports whether the event carries anything: an event of an
// empty structure is its :event-type alone, and its encoder and decoder
// have no value to name.
func (e *event) hasMembers() bool {
	return len(e.headers) > 0 || e.payload != nil || len(e.body) > 0
}

// payloadKind is how the payload is encoded: "json", "blob" or "string".
func (p *plan) payloadKind(e *event) string {
	if e.payload == nil {
		return "json"
	}
	switch p.m.Target(e.payload).Type {
	case model.Blob:
		return "blob"
	case model.String, model.Enum:
		return "string"
	}
	return "json"
}

// contentType is the :content-type of the event's messages.
func (p *plan) contentType(e *event) string {
	switch p.payloadKind(e) {
	case "blob":
		if mt, ok := p.m.MemberTraits(e.payload).MediaType(); ok {
			return mt
		}
		return "application/octet-stream"
	case "string":
		if mt, ok := p.m.MemberTraits(e.payload).MediaType(); ok {
			return mt
		}
		return "text/plain"
	}
	return "application/json"
}

// eventStream returns the member of an operation's input or output that is
// an event stream, or nil.
func (p *plan) eventStream(s *model.Shape) *model.Member {
	if s == nil {
		return nil
	}
	for _, m := range s.Members {
		if isEventStream(p.m.Target(m)) {
			return m
		}
	}
	return nil
}

// isEventStream reports whether s is an event stream: a @streaming union.
// Its events are written and read one message at a time (eventstreams.go),
// never as one JSON value, so it has no JSON encoder or decoder of its own.
func isEventStream(s *model.Shape) bool {
	return s != nil && s.Type == model.Union && s.Traits.Has(model.TraitStreaming)
}

// servesEvents reports whether an operation streams events in either
// direction.
func (p *plan) servesEvents(op *operation) bool {
	return p.eventStream(op.input) != nil || p.eventStream(op.output) != nil
}

// isEventStream reports whether a member is the event stream of an
// operation's input or output.
func (p *plan) isEventStream(m *model.Member) bool {
	_, ok := p.streamMembers[m]
	return ok
}

// sendsEvents reports whether a member is the event stream of an output,
// which the server sends.
func (p *plan) sendsEvents(m *model.Member) bool { return p.streamMembers[m] }

// streamOf returns the event stream of an input or output member.
func (p *plan) streamOf(m *model.Member) *eventStream { return p.streams[m.Target] }

// planEventStreams plans every event stream the operations use, after
// shapes and members are named: the writer and reader types take names
// that nothing else has.
func (p *plan) planEventStreams() {
	p.streams = map[model.ShapeID]*eventStream{}
	p.streamMembers = map[*model.Member]bool{}
	for _, op := range p.ops {
		for _, io := range []struct {
			s    *model.Shape
			send bool
		}{{op.input, false}, {op.output, true}} {
			m := p.eventStream(io.s)
			if m == nil {
				continue
			}
			p.streamMembers[m] = io.send
			es := p.streams[m.Target]
			if es == nil {
				es = &eventStream{union: p.m.Target(m)}
				p.streams[m.Target] = es
			}
			if io.send {
				es.send = true
			} else {
				es.recv = true
				op.receive = claim(p.helpers, "receive"+op.name+"Events")
			}
		}
	}
	for _, id := range model.SortedIDs(p.streamShapes()) {
		es := p.streams[id]
		name, suffix := p.typeName(id), p.funcSuffix(id)
		if es.send {
			es.writer = claim(p.exported, name+"Writer")
			es.encode = claim(p.helpers, "encode"+suffix+"Event")
			es.exception = claim(p.helpers, "exception"+suffix)
			es.source = claim(p.helpers, "stream"+suffix)
		}
		if es.recv {
			es.reader = claim(p.exported, name+"Reader")
			es.decode = claim(p.helpers, "decode"+suffix+"Event")
		}
		for _, m := range es.union.Members {
			if e := p.planEvent(m); e != nil {
				es.events = append(es.events, e)
			}
		}
	}
}

// streamShapes is the set of the streamed unions.
func (p *plan) streamShapes() map[model.ShapeID]*model.Shape {
	set := map[model.ShapeID]*model.Shape{}
	for id, es := range p.streams {
		set[id] = es.union
	}
	return set
}

// sortedStreams are the event streams in the order of their shape IDs.
func (p *plan) sortedStreams() []*eventStream {
	var out []*eventStream
	for _, id := range model.SortedIDs(p.streamShapes()) {
		out = append(out, p.streams[id])
	}
	return out
}

// planEvent plans one member of a streamed union; a member that cannot
// travel as an event is refused.
func (p *plan) planEvent(m *model.Member) *event {
	t := p.m.Target(m)
	if t.Type != model.Structure || t.ID == model.UnitID {
		p.refuse(model.Errorf(m.Pos, m.ID(), "an event stream member must target a structure, not %s", t.Type))
		return nil
	}
	e := &event{member: m, shape: t, isError: t.Traits.Has(model.TraitError)}
	for _, f := range t.Members {
		switch {
		case f.Traits.Has(model.TraitEventHeader):
			kind := headerKind(p.m.Target(f))
			if kind == "" {
				p.refuse(model.Errorf(f.Pos, f.ID(), "an @eventHeader member cannot be a %s: headers carry booleans, integers, blobs, strings and timestamps", p.m.Target(f).Type))
				continue
			}
			e.headers = append(e.headers, eventHeader{member: f, kind: kind})
		case f.Traits.Has(model.TraitEventPayload):
			switch p.m.Target(f).Type {
			case model.Blob, model.String, model.Enum, model.Structure, model.Union:
				e.payload = f
			default:
				p.refuse(model.Errorf(f.Pos, f.ID(), "an @eventPayload member must be a blob, string, structure or union, not %s", p.m.Target(f).Type))
			}
		default:
			e.body = append(e.body, f)
		}
	}
	if e.payload != nil && len(e.body) > 0 {
		p.refuse(model.Errorf(e.payload.Pos, e.payload.ID(), "with an @eventPayload member, every other member of %s must be an @eventHeader", t.ID))
	}
	sort.SliceStable(e.headers, func(i, j int) bool { return e.headers[i].member.Name < e.headers[j].member.Name })
	e.body = sortByMemberName(e.body)
	return e
}

// headerKind is the header value type of an @eventHeader member's target,
// or "" when no header type can carry it.
func headerKind(t *model.Shape) string {
	switch t.Type {
	case model.Boolean:
		return "bool"
	case model.Byte:
		return "byte"
	case model.Short:
		return "short"
	case model.Integer, model.IntEnum:
		return "int"
	case model.Long:
		return "long"
	case model.Blob:
		return "bytes"
	case model.String, model.Enum:
		return "string"
	case model.Timestamp:
		return "timestamp"
	}
	return ""
}

// hasEventStreams reports whether any operation of the package streams
// events: only then does the package need the event-stream runtime.
func (p *plan) hasEventStreams() bool { return len(p.streams) > 0 }
