package generator

import (
	"maps"
	"strconv"

	"github.com/smithygen/smithygen/model"
)

// Each operation gets input and output structs of its own (SPEC §2), as
// in the AWS SDK for Go v2, also when the model shares one shape between
// several inputs and outputs (Smithy's protocol tests use one shape as
// both the input and the output of an operation). separateSharedIO gives
// every use of a shared shape a copy of it under an ID of its own; the
// shape itself stays what other shapes refer to. The caller's model is
// left untouched.

// separateSharedIO returns ops, and a model, in which no structure is the
// input or output of more than one operation or of both sides of one.
func separateSharedIO(m *model.Model, ops []*model.Shape) (*model.Model, []*model.Shape) {
	uses := map[model.ShapeID]int{}
	for _, o := range ops {
		uses[o.Input]++
		uses[o.Output]++
	}
	shared := false
	for id, n := range uses {
		if n > 1 && id != model.UnitID {
			shared = true
		}
	}
	if !shared {
		return m, ops
	}
	copied := *m
	copied.Shapes = maps.Clone(m.Shapes)
	out := make([]*model.Shape, len(ops))
	for i, o := range ops {
		op := *o
		if uses[op.Input] > 1 && op.Input != model.UnitID {
			op.Input = copyShape(&copied, copied.Shapes[op.Input], op.ID.Name()+"Input")
		}
		if uses[op.Output] > 1 && op.Output != model.UnitID {
			op.Output = copyShape(&copied, copied.Shapes[op.Output], op.ID.Name()+"Output")
		}
		copied.Shapes[op.ID] = &op
		out[i] = &op
	}
	return &copied, out
}

// copyShape adds a copy of s named name in s's namespace (with a number
// when that is taken) and returns its ID.
func copyShape(m *model.Model, s *model.Shape, name string) model.ShapeID {
	id := model.ShapeID(s.ID.Namespace() + "#" + name)
	for n := 2; m.Shapes[id] != nil; n++ {
		id = model.ShapeID(s.ID.Namespace() + "#" + name + strconv.Itoa(n))
	}
	c := *s
	c.ID = id
	c.Members = make([]*model.Member, len(s.Members))
	for i, mem := range s.Members {
		mc := *mem
		mc.Container = &c
		c.Members[i] = &mc
	}
	m.Shapes[id] = &c
	return id
}
