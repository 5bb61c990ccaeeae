package model

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/tidwall/gjson"
)

// LoadFile reads a Smithy JSON AST file.
func LoadFile(path string) (*Model, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{Pos: Position{File: path}, Msg: err.Error()}
	}
	return Load(path, data)
}

// Load parses a Smithy JSON AST (version 1.0 or 2.0). name is the file name
// used in error messages.
func Load(name string, data []byte) (*Model, error) {
	l := &loader{file: name, data: data}
	if err := l.syntax(); err != nil {
		return nil, err
	}
	return l.load()
}

type loader struct {
	file   string
	data   []byte
	lines  []int // offsets at which lines start
	m      *Model
	mixins map[ShapeID][]ShapeID
}

// syntax rejects invalid JSON with the position of the fault: gjson is
// lenient, so encoding/json does the checking.
func (l *loader) syntax() error {
	var raw json.RawMessage
	err := json.Unmarshal(l.data, &raw)
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &Error{Pos: l.pos(int(se.Offset) - 1), Msg: "invalid JSON: " + se.Error()}
	}
	return &Error{Pos: Position{File: l.file}, Msg: "invalid JSON: " + err.Error()}
}

// pos turns a byte offset into a line and column.
func (l *loader) pos(offset int) Position {
	if l.lines == nil {
		l.lines = []int{0}
		for i, b := range l.data {
			if b == '\n' {
				l.lines = append(l.lines, i+1)
			}
		}
	}
	if offset < 0 {
		offset = 0
	}
	line := sort.Search(len(l.lines), func(i int) bool { return l.lines[i] > offset })
	return Position{File: l.file, Line: line, Column: offset - l.lines[line-1] + 1}
}

func (l *loader) load() (*Model, error) {
	root := gjson.ParseBytes(l.data)
	if !root.IsObject() {
		return nil, &Error{Pos: l.pos(0), Msg: "a Smithy JSON AST must be an object"}
	}
	version := root.Get("smithy")
	switch v := version.String(); {
	case !version.Exists():
		return nil, &Error{Pos: l.pos(0), Msg: `missing "smithy" version: not a Smithy JSON AST`}
	case v == "1" || v == "1.0" || v == "2" || v == "2.0":
	default:
		return nil, &Error{Pos: l.pos(version.Index), Msg: fmt.Sprintf("unsupported Smithy version %q (want 1.0 or 2.0)", v)}
	}
	l.m = &Model{File: l.file, Version: version.String(), Shapes: map[ShapeID]*Shape{}}
	if md := root.Get("metadata"); md.IsObject() {
		l.m.Metadata, _ = md.Value().(map[string]any)
	}
	// Every error of the model is reported at once: a shape that cannot
	// be read is left out, and references to it are not reported again.
	var applies []gjson.Result
	var applyIDs []ShapeID
	var errs Errors
	broken := map[ShapeID]bool{}
	root.Get("shapes").ForEach(func(key, value gjson.Result) bool {
		id := ShapeID(key.String())
		if value.Get("type").String() == "apply" {
			applies = append(applies, value)
			applyIDs = append(applyIDs, id)
			return true
		}
		if err := l.shape(id, key, value); err != nil {
			errs = append(errs, asError(err))
			broken[id] = true
			delete(l.m.Shapes, id)
		}
		return true
	})
	addPrelude(l.m)
	for i, a := range applies {
		if err := l.apply(applyIDs[i], a); err != nil && !broken[ShapeID(strings.Split(string(applyIDs[i]), "$")[0])] {
			errs = append(errs, asError(err))
		}
	}
	if err := l.applyMixins(); err != nil {
		errs = append(errs, asError(err))
	}
	if l.m.Version[0] == '1' {
		upgradeV1(l.m)
	}
	upgradeEnums(l.m)
	for _, e := range l.checkTargets() {
		if !broken[e.target] {
			errs = append(errs, e.Error)
		}
	}
	if len(errs) > 0 {
		return nil, errs.Sorted()
	}
	return l.m, nil
}

// asError makes err an *Error, if it is not one already.
func asError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Msg: err.Error()}
}

func (l *loader) shape(id ShapeID, key, v gjson.Result) error {
	pos := l.pos(key.Index)
	if !strings.Contains(string(id), "#") || strings.Contains(string(id), "$") {
		return Errorf(pos, id, "not an absolute shape ID")
	}
	if !v.IsObject() {
		return Errorf(pos, id, "a shape must be a JSON object")
	}
	typ := ShapeType(v.Get("type").String())
	if !knownTypes[typ] {
		return Errorf(pos, id, "unknown shape type %q", v.Get("type").String())
	}
	s := &Shape{ID: id, Type: typ, Pos: pos, Traits: l.traits(v.Get("traits"))}
	l.m.Shapes[id] = s
	if mix := targets(v.Get("mixins")); len(mix) > 0 {
		if l.mixins == nil {
			l.mixins = map[ShapeID][]ShapeID{}
		}
		l.mixins[id] = mix
	}
	switch typ {
	case List, Set:
		s.Member = l.member(s, "member", v.Get("member"))
		if !v.Get("member").Exists() {
			return Errorf(pos, id, "a %s needs a member", typ)
		}
	case Map:
		s.Key = l.member(s, "key", v.Get("key"))
		s.Value = l.member(s, "value", v.Get("value"))
		if !v.Get("key").Exists() || !v.Get("value").Exists() {
			return Errorf(pos, id, "a map needs a key and a value")
		}
	case Structure, Union, Enum, IntEnum:
		v.Get("members").ForEach(func(k, mv gjson.Result) bool {
			m := l.member(s, k.String(), mv)
			m.Pos = l.pos(k.Index)
			s.Members = append(s.Members, m)
			return true
		})
	case Operation:
		s.Input = ShapeID(v.Get("input.target").String())
		s.Output = ShapeID(v.Get("output.target").String())
		if s.Input == "" {
			s.Input = UnitID
		}
		if s.Output == "" {
			s.Output = UnitID
		}
		s.Errors = targets(v.Get("errors"))
	case Service, Resource:
		s.Version = v.Get("version").String()
		s.Operations = targets(v.Get("operations"))
		s.Resources = targets(v.Get("resources"))
		s.Errors = targets(v.Get("errors"))
		for _, name := range []string{"create", "put", "read", "update", "delete", "list"} {
			if t := v.Get(name + ".target"); t.Exists() {
				if s.Lifecycle == nil {
					s.Lifecycle = map[string]ShapeID{}
				}
				s.Lifecycle[name] = ShapeID(t.String())
			}
		}
		s.Operations = append(s.Operations, targets(v.Get("collectionOperations"))...)
		if r := v.Get("rename"); r.IsObject() {
			s.Rename = map[ShapeID]string{}
			r.ForEach(func(k, name gjson.Result) bool {
				s.Rename[ShapeID(k.String())] = name.String()
				return true
			})
		}
	}
	return nil
}

func (l *loader) member(container *Shape, name string, v gjson.Result) *Member {
	return &Member{
		Name:      name,
		Target:    ShapeID(v.Get("target").String()),
		Traits:    l.traits(v.Get("traits")),
		Container: container,
		Pos:       l.pos(v.Index),
	}
}

func (l *loader) traits(v gjson.Result) Traits {
	t := Traits{}
	v.ForEach(func(k, tv gjson.Result) bool {
		t[absoluteTraitID(k.String())] = tv.Value()
		return true
	})
	return t
}

func targets(v gjson.Result) []ShapeID {
	var ids []ShapeID
	v.ForEach(func(_, t gjson.Result) bool {
		ids = append(ids, ShapeID(t.Get("target").String()))
		return true
	})
	return ids
}

// apply adds the traits of an "apply" entry to a shape or member.
func (l *loader) apply(id ShapeID, v gjson.Result) error {
	traits := l.traits(v.Get("traits"))
	shapeID, member, isMember := strings.Cut(string(id), "$")
	s := l.m.Shapes[ShapeID(shapeID)]
	if s == nil {
		return Errorf(l.pos(v.Index), id, "apply targets a shape that does not exist")
	}
	target := s.Traits
	if isMember {
		var m *Member
		for _, c := range s.ChildMembers() {
			if c.Name == member {
				m = c
			}
		}
		if m == nil {
			return Errorf(l.pos(v.Index), id, "apply targets a member that does not exist")
		}
		target = m.Traits
	}
	for k, tv := range traits {
		target[k] = tv
	}
	return nil
}

// mixins copies the members of mixin shapes into the shapes that use them.
func (l *loader) applyMixins() error {
	done := map[ShapeID]bool{}
	var resolve func(id ShapeID, seen map[ShapeID]bool) error
	resolve = func(id ShapeID, seen map[ShapeID]bool) error {
		if done[id] {
			return nil
		}
		s := l.m.Shapes[id]
		mix := l.mixins[id]
		var inherited []*Member
		for _, mid := range mix {
			if seen[mid] {
				return Errorf(s.Pos, id, "mixin cycle through %s", mid)
			}
			ms := l.m.Shapes[mid]
			if ms == nil {
				return Errorf(s.Pos, id, "mixin %s does not exist", mid)
			}
			seen[mid] = true
			if err := resolve(mid, seen); err != nil {
				return err
			}
			for _, m := range ms.Members {
				if s.MemberNamed(m.Name) == nil {
					c := *m
					c.Container = s
					c.Traits = Merge(m.Traits, nil)
					inherited = append(inherited, &c)
				}
			}
			for k, v := range ms.Traits {
				if _, ok := s.Traits[k]; !ok && k != "smithy.api#mixin" {
					s.Traits[k] = v
				}
			}
		}
		s.Members = append(inherited, s.Members...)
		done[id] = true
		return nil
	}
	for _, id := range SortedIDs(l.m.Shapes) {
		if len(l.mixins[id]) == 0 {
			continue
		}
		if err := resolve(id, map[ShapeID]bool{id: true}); err != nil {
			return err
		}
	}
	return nil
}

// targetError is a reference to a shape that does not exist.
type targetError struct {
	*Error
	target ShapeID
}

// checkTargets refuses references to shapes that do not exist.
func (l *loader) checkTargets() []targetError {
	var errs []targetError
	for _, id := range SortedIDs(l.m.Shapes) {
		s := l.m.Shapes[id]
		for _, m := range s.ChildMembers() {
			if s.Type == Enum || s.Type == IntEnum {
				continue
			}
			if l.m.Shapes[m.Target] == nil {
				errs = append(errs, targetError{Errorf(m.Pos, m.ID(), "member targets %q, which does not exist", m.Target), m.Target})
			}
		}
		refs := append(append(append([]ShapeID{}, s.Operations...), s.Resources...), s.Errors...)
		if s.Type == Operation {
			refs = append(refs, s.Input, s.Output)
		}
		for _, name := range sortedKeys(s.Lifecycle) {
			refs = append(refs, s.Lifecycle[name])
		}
		for _, r := range refs {
			if l.m.Shapes[r] == nil {
				errs = append(errs, targetError{Errorf(s.Pos, id, "refers to %q, which does not exist", r), r})
			}
		}
	}
	return errs
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
