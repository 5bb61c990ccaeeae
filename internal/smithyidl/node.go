package smithyidl

import (
	"bytes"
	"encoding/json"
	"sort"
)

// object is a JSON object that keeps its keys in the order they were
// written: members, trait values and test cases stay as the model has them.
type object struct {
	keys []string
	vals map[string]any
}

func newObject() *object { return &object{vals: map[string]any{}} }

func (o *object) set(k string, v any) {
	if _, ok := o.vals[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.vals[k] = v
}

func (o *object) get(k string) (any, bool) {
	v, ok := o.vals[k]
	return v, ok
}

func (o *object) len() int { return len(o.keys) }

// sortKeys orders the keys alphabetically (used for the shapes map, whose
// order in the sources is not meaningful across files).
func (o *object) sortKeys() { sort.Strings(o.keys) }

// MarshalJSON writes the object with its keys in order.
func (o *object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		b.WriteByte(':')
		vb, err := json.Marshal(o.vals[k])
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// ref is a shape ID as written in a file, resolved once every file has been
// read (a relative ID may name a shape defined in another file).
type ref struct {
	name string
	ctx  *fileCtx
	// target is true where the IDL requires a shape (member targets,
	// operation inputs...); an unquoted word in a trait value that names no
	// shape stays the word.
	target bool
	tok    token
}

// traitList is the traits of a shape or member, by name as written, in
// order; resolved into an object at the end.
type traitList []traitApp

type traitApp struct {
	name  ref
	value any
}
