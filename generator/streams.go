package generator

import (
	"github.com/smithygen/smithygen/model"
)

// Streams: @streaming blob payloads are read and written as streams, never
// buffered whole; event-stream operations (a @streaming union) are
// declared so that the Service interface will not change when they are
// served, but answer 501 for now.

// eventStream returns the member of an operation's input or output that is
// an event stream, or nil.
func (p *plan) eventStream(s *model.Shape) *model.Member {
	if s == nil {
		return nil
	}
	for _, m := range s.Members {
		if t := p.m.Target(m); t.Type == model.Union && t.Traits.Has(model.TraitStreaming) {
			return m
		}
	}
	return nil
}

// servesEvents reports whether an operation streams events in either
// direction.
func (p *plan) servesEvents(op *operation) bool {
	return p.eventStream(op.input) != nil || p.eventStream(op.output) != nil
}

// hasEventStreams reports whether any operation of the package streams
// events: only then does the package need the event-stream runtime.
func (p *plan) hasEventStreams() bool {
	for _, op := range p.ops {
		if p.servesEvents(op) {
			return true
		}
	}
	return false
}

// eventStreamDoc is the paragraph that tells users an operation is not
// served.
const eventStreamDoc = "Not served yet: the operation streams events, which this package does not\nsupport; NewHandler answers it with 501 NotImplemented."

// streamingErrors are the error shapes that only event streams use: they
// are declared with the other errors, as the union members that carry
// them need their types.
func (p *plan) streamingErrors(seen map[model.ShapeID]bool) []*model.Shape {
	var errs []*model.Shape
	for _, id := range model.SortedIDs(p.shapes) {
		if s := p.shapes[id]; s.Type == model.Structure && s.Traits.Has(model.TraitError) && !seen[id] {
			seen[id] = true
			errs = append(errs, s)
		}
	}
	return errs
}
