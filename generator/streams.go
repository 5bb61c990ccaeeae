package generator

import (
	"github.com/smithygen/smithygen/model"
)

// Streams: @streaming blob payloads are read and written as streams, never
// buffered whole; event streams (a @streaming union) are planned in
// events.go.

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
