package generator

import (
	"github.com/dave/jennifer/jen"

	"github.com/smithygen/smithygen/model"
)

// Streams: @streaming blob payloads are read and written as streams, never
// buffered whole; event streams (a @streaming union) are planned in
// events.go.

// streamingBlob reports whether a member is a @streaming blob bound to the
// payload: an io.ReadCloser in an input, an io.Reader in an output.
func (p *plan) streamingBlob(m *model.Member) bool {
	t := p.m.Target(m)
	return t.Type == model.Blob && t.Traits.Has(model.TraitStreaming) && bindingOf(m) == inPayload
}

// streamingPayload returns the @streaming blob payload member of an
// operation's input or output, or nil.
func (p *plan) streamingPayload(s *model.Shape) *model.Member {
	for _, m := range membersBound(s, inPayload) {
		if p.streamingBlob(m) {
			return m
		}
	}
	return nil
}

// streamTypes are the Go types of a streamed payload member: what an input
// reads the request body through, and what an output is copied from.
var (
	inputStreamType  = jen.Qual("io", "ReadCloser")
	outputStreamType = jen.Qual("io", "Reader")
)

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
