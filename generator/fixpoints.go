package generator

import "github.com/smithygen/smithygen/model"

// Whether a shape needs validation, and whether it holds a @sensitive
// value, are properties that flow up the shape graph: a structure has them
// when one of its members' targets does. The graph can have cycles
// (X -> Y -> X), so deciding them shape by shape with a cache would freeze
// a provisional "no" for a shape still being decided. They are decided
// once, for every shape of the plan, before anything is emitted.

// upward returns the shapes of p for which own holds, and every shape that
// reaches one of them through members that via lets the property through.
// It walks the reversed member edges once from the shapes that hold it, so
// it is linear in the size of the graph and exact in the presence of
// cycles.
func (p *plan) upward(own func(*model.Shape) bool, via func(*model.Member) bool) map[model.ShapeID]bool {
	containers := map[model.ShapeID][]model.ShapeID{}
	var work []model.ShapeID
	holds := map[model.ShapeID]bool{}
	for _, id := range model.SortedIDs(p.shapes) {
		s := p.shapes[id]
		if own(s) {
			holds[id] = true
			work = append(work, id)
		}
		if s.Type == model.Enum || s.Type == model.IntEnum {
			continue
		}
		for _, m := range s.ChildMembers() {
			if via(m) {
				containers[m.Target] = append(containers[m.Target], id)
			}
		}
	}
	for len(work) > 0 {
		id := work[len(work)-1]
		work = work[:len(work)-1]
		for _, c := range containers[id] {
			if !holds[c] {
				holds[c] = true
				work = append(work, c)
			}
		}
	}
	return holds
}

// decideValidation records which shapes can hold a value that violates
// the model: a shape whose own traits or members' traits constrain it, and
// every shape that contains one through a list, map, structure or union.
func (p *plan) decideValidation() {
	p.validates = p.upward(func(s *model.Shape) bool {
		switch s.Type {
		case model.Structure, model.Union:
			for _, m := range s.Members {
				if m.Traits.Required() || p.ownMemberConstraints(m) {
					return true
				}
			}
			return false
		case model.List, model.Set, model.Map:
			if s.Traits.Length() != nil || s.Traits.UniqueItems() {
				return true
			}
			for _, m := range s.ChildMembers() {
				if p.ownMemberConstraints(m) {
					return true
				}
			}
			return false
		}
		return scalarConstrained(s, s.Traits)
	}, func(m *model.Member) bool {
		// A simple member's constraints are its effective traits,
		// which ownMemberConstraints has already looked at.
		return !p.m.Target(m).Type.IsSimple()
	})
}

// decideSensitive records which shapes can contain a @sensitive value.
func (p *plan) decideSensitive() {
	p.sensitive = p.upward(func(s *model.Shape) bool {
		if s.Traits.Sensitive() {
			return true
		}
		if s.Type == model.Enum || s.Type == model.IntEnum {
			return false
		}
		for _, m := range s.ChildMembers() {
			if p.sensitiveMember(m) {
				return true
			}
		}
		return false
	}, func(*model.Member) bool { return true })
}
