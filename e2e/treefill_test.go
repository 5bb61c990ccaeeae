package e2e

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"reflect"
	"strings"
	"time"
	"unicode"

	"github.com/smithygen/smithygen/model"
)

// Filling Go structs from value trees and reading them back, guided by the
// model. The same code serves the AWS SDK for Go v2 (scalars as pointers or,
// with a default, values; enums as named strings; lists of values), the
// AWS SDK for Go v1 (everything a pointer, lists []*T, maps map[string]*T)
// and the generated server (SDK v2 conventions), because it follows the
// shape and lets the Go type say whether a level is a pointer.

var timeGoType = reflect.TypeOf(time.Time{})

// fillStruct sets the members of struct v from tree.
func fillStruct(m *model.Model, s *model.Shape, v reflect.Value, tree map[string]any) error {
	if s == nil || s.ID == model.UnitID {
		if len(tree) > 0 {
			return fmt.Errorf("%s: the empty structure cannot hold %v", v.Type(), tree)
		}
		return nil
	}
	for _, mem := range s.Members {
		val, ok := tree[mem.Name]
		if !ok {
			continue
		}
		f, err := fieldOf(v, mem)
		if err != nil {
			return err
		}
		if err := fillValue(m, m.Target(mem), f, val); err != nil {
			return fmt.Errorf("%s: %w", mem.Name, err)
		}
	}
	return nil
}

// fillValue sets v, which has the Go type some package gives shape t, from
// a tree value.
func fillValue(m *model.Model, t *model.Shape, v reflect.Value, tree any) error {
	if v.Kind() == reflect.Pointer {
		p := reflect.New(v.Type().Elem())
		if err := fillValue(m, t, p.Elem(), tree); err != nil {
			return err
		}
		v.Set(p)
		return nil
	}
	bad := func() error { return fmt.Errorf("cannot put %T into %s (%s)", tree, v.Type(), t.Type) }
	switch t.Type {
	case model.Timestamp:
		ts, ok := tree.(time.Time)
		if !ok || v.Type() != timeGoType {
			return bad()
		}
		v.Set(reflect.ValueOf(ts))
	case model.String, model.Enum:
		s, ok := tree.(string)
		if !ok || v.Kind() != reflect.String {
			return bad()
		}
		v.SetString(s)
	case model.Boolean:
		b, ok := tree.(bool)
		if !ok || v.Kind() != reflect.Bool {
			return bad()
		}
		v.SetBool(b)
	case model.Byte, model.Short, model.Integer, model.Long, model.IntEnum, model.Float, model.Double:
		f, ok := tree.(float64)
		if !ok {
			return bad()
		}
		switch v.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			if v.OverflowInt(int64(f)) || float64(int64(f)) != f {
				return fmt.Errorf("%v does not fit %s", f, v.Type())
			}
			v.SetInt(int64(f))
		case reflect.Float32, reflect.Float64:
			v.SetFloat(f)
		default:
			return bad()
		}
	case model.Blob:
		b, ok := tree.([]byte)
		if ok && v.Kind() == reflect.Interface {
			return fillStream(v, b)
		}
		if !ok || v.Kind() != reflect.Slice || v.Type().Elem().Kind() != reflect.Uint8 {
			return bad()
		}
		v.SetBytes(append([]byte(nil), b...))
	case model.List, model.Set:
		items, ok := tree.([]any)
		if !ok || v.Kind() != reflect.Slice {
			return bad()
		}
		s := reflect.MakeSlice(v.Type(), len(items), len(items))
		for i, item := range items {
			if err := fillValue(m, m.Target(t.Member), s.Index(i), item); err != nil {
				return fmt.Errorf("[%d]: %w", i, err)
			}
		}
		v.Set(s)
	case model.Map:
		entries, ok := tree.(map[string]any)
		if !ok || v.Kind() != reflect.Map {
			return bad()
		}
		mv := reflect.MakeMapWithSize(v.Type(), len(entries))
		for k, e := range entries {
			ev := reflect.New(v.Type().Elem()).Elem()
			if err := fillValue(m, m.Target(t.Value), ev, e); err != nil {
				return fmt.Errorf("[%q]: %w", k, err)
			}
			mv.SetMapIndex(reflect.ValueOf(k).Convert(v.Type().Key()), ev)
		}
		v.Set(mv)
	case model.Structure:
		fields, ok := tree.(map[string]any)
		if !ok || v.Kind() != reflect.Struct {
			return bad()
		}
		return fillStruct(m, t, v, fields)
	case model.Union:
		return fillUnion(m, t, v, tree)
	case model.Document:
		return fillDocument(v, tree)
	default:
		return fmt.Errorf("%s shapes are not supported", t.Type)
	}
	return nil
}

// fillUnion sets v, a union interface, to the member type of the one member
// tree holds.
func fillUnion(m *model.Model, t *model.Shape, v reflect.Value, tree any) error {
	if v.Kind() == reflect.Func {
		return fillEventStream(m, t, v, tree)
	}
	set, ok := tree.(map[string]any)
	if !ok || len(set) != 1 || v.Kind() != reflect.Interface {
		return fmt.Errorf("cannot put %v into the union %s", tree, v.Type())
	}
	for _, mem := range t.Members {
		val, ok := set[mem.Name]
		if !ok {
			continue
		}
		typ, ok := unionMembers[v.Type()][goName(mem.Name)]
		if !ok {
			return fmt.Errorf("%s has no member type for %s; run go test -run TestUnionsFileUpToDate -update", v.Type(), mem.Name)
		}
		p := reflect.New(typ)
		if err := fillValue(m, m.Target(mem), p.Elem().FieldByName("Value"), val); err != nil {
			return fmt.Errorf("%s: %w", mem.Name, err)
		}
		v.Set(p)
		return nil
	}
	return fmt.Errorf("the union %s has none of the members of %v", t.ID, tree)
}

// fillEventStream sets v, the stream function of a generated output, to one
// that sends the events of tree, a list of union trees.
func fillEventStream(m *model.Model, t *model.Shape, v reflect.Value, tree any) error {
	events, ok := tree.([]any)
	if !ok {
		return fmt.Errorf("cannot send %T as the events of %s", tree, t.ID)
	}
	v.Set(reflect.MakeFunc(v.Type(), func(args []reflect.Value) []reflect.Value {
		ctx := args[0].Interface().(context.Context)
		err := sendEvents(ctx, m, t, args[1].Interface(), events)
		res := reflect.New(v.Type().Out(0)).Elem()
		if err != nil {
			res.Set(reflect.ValueOf(err))
		}
		return []reflect.Value{res}
	}))
	return nil
}

// readUnion turns v, a union interface, into a tree of its one member.
func readUnion(m *model.Model, t *model.Shape, v reflect.Value) (any, bool, error) {
	if v.IsNil() {
		return nil, false, nil
	}
	member := v.Elem()
	if member.Kind() == reflect.Pointer {
		member = member.Elem()
	}
	for _, mem := range t.Members {
		if unionMembers[v.Type()][goName(mem.Name)] != member.Type() {
			continue
		}
		val, _, err := readValue(m, m.Target(mem), member.FieldByName("Value"), true)
		if err != nil {
			return nil, false, fmt.Errorf("%s: %w", mem.Name, err)
		}
		return map[string]any{mem.Name: val}, true, nil
	}
	return nil, false, fmt.Errorf("%s is no member of the union %s", member.Type(), t.ID)
}

// fillDocument sets v, a document, to the JSON value tree: the generated
// server holds it as an any, an SDK as its own document type.
func fillDocument(v reflect.Value, tree any) error {
	if v.Kind() != reflect.Interface {
		return fmt.Errorf("cannot put a document into %s", v.Type())
	}
	if v.Type().NumMethod() == 0 {
		v.Set(reflect.ValueOf(tree))
		return nil
	}
	newDoc, ok := documentMakers[v.Type()]
	if !ok {
		return fmt.Errorf("no document maker for %s", v.Type())
	}
	v.Set(reflect.ValueOf(newDoc(tree)))
	return nil
}

// readDocument turns v, a document, into its JSON value, numbers as float64.
func readDocument(v reflect.Value) (any, bool, error) {
	if v.IsNil() {
		return nil, false, nil
	}
	doc := v.Interface()
	if sdkDoc, ok := doc.(interface{ UnmarshalSmithyDocument(any) error }); ok {
		var val any
		if err := sdkDoc.UnmarshalSmithyDocument(&val); err != nil {
			return nil, false, err
		}
		doc = val
	}
	val, err := plainJSON(doc)
	return val, err == nil, err
}

// plainJSON is a document value with every number a float64, whatever type
// the decoder that made it gave numbers.
func plainJSON(v any) (any, error) {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			pe, err := plainJSON(e)
			if err != nil {
				return nil, err
			}
			out[k] = pe
		}
		return out, nil
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			pe, err := plainJSON(e)
			if err != nil {
				return nil, err
			}
			out[i] = pe
		}
		return out, nil
	case interface{ Float64() (float64, error) }:
		return v.Float64()
	case nil, string, bool, float64:
		return v, nil
	}
	return nil, fmt.Errorf("%T in a document", v)
}

// fillStream sets v, a @streaming blob (io.Reader or io.ReadCloser), to a
// reader of b. A reader that can seek is what the AWS SDK for Go v2 signs
// over plain HTTP.
func fillStream(v reflect.Value, b []byte) error {
	var r io.Reader = bytes.NewReader(b)
	if !reflect.TypeOf(r).AssignableTo(v.Type()) {
		r = io.NopCloser(r)
	}
	if !reflect.TypeOf(r).AssignableTo(v.Type()) {
		return fmt.Errorf("cannot put a stream into %s", v.Type())
	}
	v.Set(reflect.ValueOf(r))
	return nil
}

// readStruct turns struct v into a tree: absent members (nil pointers,
// slices and maps, empty enums) are left out.
func readStruct(m *model.Model, s *model.Shape, v reflect.Value) (map[string]any, error) {
	tree := map[string]any{}
	if s == nil || s.ID == model.UnitID {
		return tree, nil
	}
	for _, mem := range s.Members {
		if isEventStream(m, mem) {
			// Not a field: an SDK output has GetStream, an input a
			// writer.
			continue
		}
		f, err := fieldOf(v, mem)
		if err != nil {
			return nil, err
		}
		val, present, err := readValue(m, m.Target(mem), f, false)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", mem.Name, err)
		}
		if present {
			tree[mem.Name] = val
		}
	}
	return tree, nil
}

// readValue turns v into a tree value and says whether it is present; an
// element of a list or map is present even when it is a zero value.
func readValue(m *model.Model, t *model.Shape, v reflect.Value, element bool) (any, bool, error) {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil, false, nil
		}
		return readValue(m, t, v.Elem(), true)
	}
	switch t.Type {
	case model.Timestamp:
		return v.Interface().(time.Time), true, nil
	case model.String, model.Enum:
		return v.String(), element || t.Type == model.String || v.String() != "", nil
	case model.Boolean:
		return v.Bool(), true, nil
	case model.Byte, model.Short, model.Integer, model.Long, model.IntEnum, model.Float, model.Double:
		switch v.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			return float64(v.Int()), true, nil
		case reflect.Float32, reflect.Float64:
			return v.Float(), true, nil
		}
	case model.Blob:
		if v.IsNil() {
			return nil, false, nil
		}
		if v.Kind() == reflect.Interface {
			b, err := io.ReadAll(v.Interface().(io.Reader))
			return b, err == nil, err
		}
		return append([]byte(nil), v.Bytes()...), true, nil
	case model.List, model.Set:
		if v.IsNil() {
			return nil, false, nil
		}
		items := make([]any, v.Len())
		for i := range items {
			item, _, err := readValue(m, m.Target(t.Member), v.Index(i), true)
			if err != nil {
				return nil, false, fmt.Errorf("[%d]: %w", i, err)
			}
			items[i] = item
		}
		return items, true, nil
	case model.Map:
		if v.IsNil() {
			return nil, false, nil
		}
		entries := map[string]any{}
		iter := v.MapRange()
		for iter.Next() {
			e, _, err := readValue(m, m.Target(t.Value), iter.Value(), true)
			if err != nil {
				return nil, false, fmt.Errorf("[%q]: %w", iter.Key().String(), err)
			}
			entries[iter.Key().String()] = e
		}
		return entries, true, nil
	case model.Structure:
		s, err := readStruct(m, t, v)
		return s, err == nil, err
	case model.Union:
		return readUnion(m, t, v)
	case model.Document:
		return readDocument(v)
	}
	return nil, false, fmt.Errorf("cannot read %s as %s", v.Type(), t.Type)
}

// fieldOf finds the Go field of a member: both SDKs and the generated server
// name it after the member, exported.
func fieldOf(v reflect.Value, mem *model.Member) (reflect.Value, error) {
	if f := v.FieldByName(goName(mem.Name)); f.IsValid() {
		return f, nil
	}
	return reflect.Value{}, fmt.Errorf("%s has no field %s for member %s", v.Type(), goName(mem.Name), mem.Name)
}

// goName is the exported Go form of a member name: the first letter
// upper-cased, characters Go does not allow dropped.
func goName(name string) string {
	var b strings.Builder
	upper := true
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
