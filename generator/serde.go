package generator

import (
	"encoding/base64"
	"encoding/json"
	"sort"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/smithygen/smithygen/model"
)

// JSON decoders (for what clients send) and encoders (for what the server
// answers). Every structure, list, map and union gets one function each way
// when it is reachable from that direction; scalars are read and written
// inline through the runtime's jsonReader and jsonWriter.

// funcSuffix names the decode/encode functions of a shape.
func (p *plan) funcSuffix(id model.ShapeID) string {
	if n, ok := p.suffixes[id]; ok {
		return n
	}
	return exported(id.Name())
}

// aggregate reports whether a shape is decoded and encoded by a function of
// its own.
func aggregate(s *model.Shape) bool {
	switch s.Type {
	case model.Structure, model.Union, model.List, model.Set, model.Map:
		return s.ID != model.UnitID
	}
	return false
}

// timestampFormat is the wire format of a timestamp member: its own trait,
// its target's, or the default of where it is bound.
func (p *plan) timestampFormat(traits model.Traits, fallback string) string {
	if f, ok := traits.TimestampFormat(); ok {
		return f
	}
	return fallback
}

// readFunc is the function that reads one JSON value of a scalar shape.
func (p *plan) readFunc(s *model.Shape, traits model.Traits) jen.Code {
	method := func(name string) jen.Code { return jen.Parens(jen.Op("*").Id("jsonReader")).Dot(name) }
	switch s.Type {
	case model.String:
		return method("readString")
	case model.Boolean:
		return method("readBool")
	case model.Byte:
		return method("readInt8")
	case model.Short:
		return method("readInt16")
	case model.Integer:
		return method("readInt32")
	case model.Long:
		return method("readInt64")
	case model.Float:
		return method("readFloat32")
	case model.Double:
		return method("readFloat64")
	case model.BigInteger:
		return method("readBigInt")
	case model.BigDecimal:
		return method("readBigFloat")
	case model.Blob:
		return method("readBlob")
	case model.Document:
		return method("readDocument")
	case model.Enum, model.IntEnum:
		return jen.Id("read" + p.funcSuffix(s.ID))
	case model.Timestamp:
		switch p.timestampFormat(traits, "epoch-seconds") {
		case "date-time":
			return jen.Id("readDateTime")
		case "http-date":
			return jen.Id("readHTTPDate")
		}
		return method("readEpochSeconds")
	}
	panic("generator: no reader for " + string(s.Type))
}

// decodeMember is the expression (of type error) that decodes a member's
// JSON value from r into dst.
func (p *plan) decodeMember(m *model.Member, dst *jen.Statement) jen.Code {
	t := p.m.Target(m)
	r := jen.Id("r")
	switch {
	case t.Type == model.Structure:
		return jen.Id("decodeStruct").Call(r, jen.Op("&").Add(dst), jen.Id("decode"+p.funcSuffix(t.ID)))
	case aggregate(t):
		return jen.Id("decode"+p.funcSuffix(t.ID)).Call(r, jen.Op("&").Add(dst))
	case p.isPointer(m) && t.Type == model.String:
		return jen.Id("decodeStringPtr").Call(r, jen.Op("&").Add(dst))
	case p.isPointer(m):
		return jen.Id("decodePtr").Call(r, jen.Op("&").Add(dst), p.readFunc(t, p.m.MemberTraits(m)))
	}
	return jen.Id("decodeValue").Call(r, jen.Op("&").Add(dst), p.readFunc(t, p.m.MemberTraits(m)))
}

// decodeElement is the statement list that reads one element of a list or
// map value into a new variable e.
func (p *plan) decodeElement(container *model.Shape, m *model.Member) jen.Code {
	t := p.m.Target(m)
	r := jen.Id("r")
	e := jen.List(jen.Id("e"), jen.Err()).Op(":=")
	sparse := container.Traits.Sparse()
	switch {
	case sparse && t.Type == model.Structure:
		return jen.Var().Id("e").Op("*").Id(p.typeName(t.ID)).Line().
			Err().Op(":=").Id("decodeStruct").Call(r, jen.Op("&").Id("e"), jen.Id("decode"+p.funcSuffix(t.ID)))
	case sparse && nilable(t):
		// null is the nil slice, map or union; the decoder leaves it so.
		return jen.Var().Id("e").Add(p.valueType(t.ID)).Line().
			Err().Op(":=").Id("decode"+p.funcSuffix(t.ID)).Call(r, jen.Op("&").Id("e"))
	case aggregate(t):
		return e.Id("decodeStructElement").Call(r, jen.Id("decode"+p.funcSuffix(t.ID)))
	case sparse && p.nullable(t.ID):
		return e.Id("decodeSparse").Call(r, p.readFunc(t, p.m.MemberTraits(m)))
	}
	return e.Id("decodeElement").Call(r, p.readFunc(t, p.m.MemberTraits(m)))
}

// nilable reports whether a shape's Go value is nil when null: lists,
// maps and unions, whose sparse collections hold null as nil.
func nilable(t *model.Shape) bool {
	switch t.Type {
	case model.List, model.Set, model.Map, model.Union:
		return true
	}
	return false
}

// structDecoder emits decodeT for a structure.
func (p *plan) structDecoder(f *jen.File, s *model.Shape) {
	name := p.typeName(s.ID)
	f.Func().Id("decode"+p.funcSuffix(s.ID)).Params(jen.Id("r").Op("*").Id("jsonReader"), jen.Id("v").Op("*").Id(name)).Error().BlockFunc(func(g *jen.Group) {
		p.setDefaults(g, s.Members)
		g.Return(p.readMembers(s.Members))
	})
	f.Line()
}

// readMembers is the readObject call that decodes the given members of a
// JSON object into v, skipping unknown keys.
func (p *plan) readMembers(members []*model.Member) jen.Code {
	return jen.Id("r").Dot("readObject").Call(jen.Func().Params(jen.Id("key").Index().Byte()).Error().BlockFunc(func(g *jen.Group) {
		if len(members) > 0 {
			g.Switch(jen.String().Parens(jen.Id("key"))).BlockFunc(func(sw *jen.Group) {
				for _, m := range members {
					sw.Case(jen.Lit(jsonName(m))).Return(p.decodeMember(m, jen.Id("v").Dot(p.fieldName(m))))
				}
			})
		}
		g.Return(jen.Id("r").Dot("skip").Call())
	}))
}

// setDefaults gives members with a @default their value before decoding,
// so that absent members hold it.
func (p *plan) setDefaults(g *jen.Group, members []*model.Member) {
	for _, m := range members {
		if !p.hasDefault(m) || p.isPointer(m) || p.streamingBlob(m) {
			continue
		}
		if lit := p.defaultLiteral(m); lit != nil {
			g.Id("v").Dot(p.fieldName(m)).Op("=").Add(lit)
		}
	}
}

// defaultLiteral is the Go literal of a member's @default, or nil when the
// zero value is the default already.
func (p *plan) defaultLiteral(m *model.Member) jen.Code {
	v, _ := p.m.MemberTraits(m).Default()
	t := p.m.Target(m)
	switch t.Type {
	case model.Document:
		if v == nil {
			return nil
		}
		return documentLiteral(v)
	case model.Blob:
		// The default of a blob is its base64 text.
		if s, ok := v.(string); ok {
			if b, err := base64.StdEncoding.DecodeString(s); err == nil {
				return jen.Index().Byte().Parens(jen.Lit(string(b)))
			}
		}
		return nil
	case model.Timestamp:
		return timestampLiteral(v)
	case model.List, model.Set, model.Map:
		// The only default a collection can have is empty, which is not
		// the nil of an absent one.
		return p.valueType(t.ID).Values()
	}
	switch x := v.(type) {
	case bool:
		if x {
			return jen.True()
		}
	case string:
		if x != "" {
			if t.Type == model.Enum {
				return jen.Id(p.typeName(t.ID)).Parens(jen.Lit(x))
			}
			if t.Type == model.String {
				return jen.Lit(x)
			}
		}
	case float64:
		if x == 0 {
			return nil
		}
		switch t.Type {
		case model.Float, model.Double:
			return p.valueType(t.ID).Parens(jen.Lit(x))
		case model.IntEnum:
			return jen.Id(p.typeName(t.ID)).Parens(jen.Lit(int(x)))
		}
		return jen.Lit(int(x))
	}
	return nil
}

// documentLiteral is the Go value of a JSON value as documents hold it:
// nil, bool, float64, string, []any or map[string]any.
func documentLiteral(v any) jen.Code {
	switch x := v.(type) {
	case nil:
		return jen.Nil()
	case bool:
		return jen.Lit(x)
	case float64:
		return jen.Float64().Parens(jen.Lit(x))
	case string:
		return jen.Lit(x)
	case []any:
		return jen.Index().Any().ValuesFunc(func(g *jen.Group) {
			for _, e := range x {
				g.Add(documentLiteral(e))
			}
		})
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return jen.Map(jen.String()).Any().Values(jen.DictFunc(func(d jen.Dict) {
			for _, k := range keys {
				d[jen.Lit(k)] = documentLiteral(x[k])
			}
		}))
	}
	return jen.Nil()
}

// timestampLiteral is the time of a timestamp @default: epoch seconds, or
// a date-time string.
func timestampLiteral(v any) jen.Code {
	switch x := v.(type) {
	case float64:
		sec := int64(x)
		nsec := int64((x - float64(sec)) * 1e9)
		return jen.Qual("time", "Unix").Call(jen.Lit(sec), jen.Lit(nsec)).Dot("UTC").Call()
	case string:
		if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return timestampLiteral(float64(t.Unix()) + float64(t.Nanosecond())/1e9)
		}
	}
	return nil
}

// jsonName is the key of a member in JSON bodies.
func jsonName(m *model.Member) string {
	if n, ok := m.Traits.JSONName(); ok {
		return n
	}
	return m.Name
}

// collectionDecoder emits decodeX for a list or map shape.
func (p *plan) collectionDecoder(f *jen.File, s *model.Shape) {
	fn := "decode" + p.funcSuffix(s.ID)
	goType := p.valueType(s.ID)
	f.Func().Id(fn).Params(jen.Id("r").Op("*").Id("jsonReader"), jen.Id("v").Op("*").Add(goType)).Error().BlockFunc(func(g *jen.Group) {
		g.If(jen.Id("r").Dot("readNull").Call()).Block(jen.Return(jen.Nil()))
		if s.Type == model.Map {
			g.Op("*").Id("v").Op("=").Add(goType.Clone()).Values()
			g.Return(jen.Id("r").Dot("readObject").Call(jen.Func().Params(jen.Id("key").Index().Byte()).Error().Block(
				p.decodeElement(s, s.Value),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
				jen.Parens(jen.Op("*").Id("v")).Index(jen.String().Parens(jen.Id("key"))).Op("=").Id("e"),
				jen.Return(jen.Nil()),
			)))
			return
		}
		// Room for a few elements up front: most lists are short.
		g.Op("*").Id("v").Op("=").Make(goType.Clone(), jen.Lit(0), jen.Lit(4))
		if t := p.m.Target(s.Member); t.Type == model.Structure && !s.Traits.Sparse() {
			g.Return(jen.Id("r").Dot("readArray").Call(jen.Func().Params(jen.Id("_").Int()).Error().Block(
				jen.Return(jen.Id("appendStruct").Call(jen.Id("r"), jen.Id("v"), jen.Id("decode"+p.funcSuffix(t.ID)))),
			)))
			return
		}
		g.Return(jen.Id("r").Dot("readArray").Call(jen.Func().Params(jen.Id("_").Int()).Error().Block(
			p.decodeElement(s, s.Member),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.Op("*").Id("v").Op("=").Append(jen.Op("*").Id("v"), jen.Id("e")),
			jen.Return(jen.Nil()),
		)))
	})
	f.Line()
}

// enumReader emits readE for an enum: the string (or int32) read as the
// enum type. Membership is checked by validation, not here, so that an
// unknown value gets the modeled validation message.
func (p *plan) enumReader(f *jen.File, s *model.Shape) {
	name := p.typeName(s.ID)
	read := "readString"
	if s.Type == model.IntEnum {
		read = "readInt32"
	}
	f.Func().Id("read"+p.funcSuffix(s.ID)).Params(jen.Id("r").Op("*").Id("jsonReader")).Params(jen.Id(name), jen.Error()).Block(
		jen.List(jen.Id("x"), jen.Err()).Op(":=").Id("r").Dot(read).Call(),
		jen.Return(jen.Id(name).Parens(jen.Id("x")), jen.Err()),
	)
	f.Line()
}

// writeValue is the statement that writes a value expression of a scalar or
// aggregate shape; ptr tells whether expr is a pointer to a structure.
func (p *plan) writeValue(s *model.Shape, traits model.Traits, expr *jen.Statement, ptr bool) jen.Code {
	w := jen.Id("w")
	if s.ID == model.UnitID { // a union member without a value: {}
		return w.Dot("objectStart").Call().Line().Id("w").Dot("objectEnd").Call()
	}
	switch s.Type {
	case model.String:
		return w.Dot("string").Call(expr)
	case model.Enum:
		return w.Dot("string").Call(jen.String().Parens(expr))
	case model.Boolean:
		return w.Dot("bool").Call(expr)
	case model.Byte, model.Short, model.Integer, model.IntEnum:
		return w.Dot("int64").Call(jen.Int64().Parens(expr))
	case model.Long:
		return w.Dot("int64").Call(expr)
	case model.Float:
		return w.Dot("float32").Call(expr)
	case model.Double:
		return w.Dot("float64").Call(expr)
	case model.BigInteger:
		return w.Dot("bigInt").Call(expr)
	case model.BigDecimal:
		return w.Dot("bigFloat").Call(expr)
	case model.Blob:
		return w.Dot("blob").Call(expr)
	case model.Document:
		return w.Dot("document").Call(expr)
	case model.Timestamp:
		switch p.timestampFormat(traits, "epoch-seconds") {
		case "date-time":
			return w.Dot("string").Call(jen.Id("formatDateTime").Call(expr))
		case "http-date":
			return w.Dot("string").Call(jen.Id("formatHTTPDate").Call(expr))
		}
		return w.Dot("epochSeconds").Call(expr)
	case model.Structure:
		if s.Traits.Has(model.TraitError) { // in an event stream
			return expr.Dot("writeBody").Call(w)
		}
		if !ptr {
			expr = jen.Op("&").Add(expr)
		}
		return jen.Id("encode"+p.funcSuffix(s.ID)).Call(w, expr)
	}
	return jen.Id("encode"+p.funcSuffix(s.ID)).Call(w, expr)
}

// presence is the condition under which a member is written; nil means
// always (members with a default).
func (p *plan) presence(m *model.Member, field *jen.Statement) jen.Code {
	t := p.m.Target(m)
	switch {
	case t.Type == model.Enum:
		return field.Op("!=").Lit("")
	case t.Type == model.IntEnum:
		return field.Op("!=").Lit(0)
	case p.isPointer(m) || !p.nullable(t.ID) || t.Type == model.BigInteger || t.Type == model.BigDecimal:
		return field.Op("!=").Nil()
	}
	return nil
}

// absence is the condition under which a member is absent: the negation
// of presence, written plainly.
func (p *plan) absence(m *model.Member, field *jen.Statement) jen.Code {
	t := p.m.Target(m)
	switch {
	case t.Type == model.Enum:
		return field.Op("==").Lit("")
	case t.Type == model.IntEnum:
		return field.Op("==").Lit(0)
	}
	return field.Op("==").Nil()
}

// writeMembers writes the given members of v as JSON object members.
func (p *plan) writeMembers(g *jen.Group, members []*model.Member) {
	for _, m := range members {
		field := jen.Id("v").Dot(p.fieldName(m))
		t := p.m.Target(m)
		value := field.Clone()
		if p.isPointer(m) && t.Type != model.Structure {
			value = jen.Op("*").Add(value)
		}
		write := []jen.Code{
			writeKey(jsonName(m)),
			p.writeValue(t, p.m.MemberTraits(m), value, p.isPointer(m)),
		}
		if cond := p.presence(m, field.Clone()); cond != nil {
			g.If(cond).Block(write...)
		} else {
			addAll(g, write)
		}
	}
}

// writeKey writes a member name: pre-quoted when it needs no escaping,
// which is always the case in practice.
func writeKey(name string) jen.Code {
	quoted, _ := json.Marshal(name)
	if string(quoted) == `"`+name+`"` {
		return jen.Id("w").Dot("name").Call(jen.Id("`" + string(quoted) + ":`"))
	}
	return jen.Id("w").Dot("key").Call(jen.Lit(name))
}

// structEncoder emits encodeT for a structure.
func (p *plan) structEncoder(f *jen.File, s *model.Shape) {
	name := p.typeName(s.ID)
	f.Func().Id("encode"+p.funcSuffix(s.ID)).Params(jen.Id("w").Op("*").Id("jsonWriter"), jen.Id("v").Op("*").Id(name)).BlockFunc(func(g *jen.Group) {
		g.Id("w").Dot("objectStart").Call()
		p.writeMembers(g, sortedMembers(s))
		g.Id("w").Dot("objectEnd").Call()
	})
	f.Line()
}

// collectionEncoder emits encodeX for a list or map shape.
func (p *plan) collectionEncoder(f *jen.File, s *model.Shape) {
	elem := s.Member
	if s.Type == model.Map {
		elem = s.Value
	}
	t := p.m.Target(elem)
	sparse := s.Traits.Sparse() && p.nullable(t.ID)
	var item *jen.Statement
	switch {
	case t.Type == model.Structure && sparse:
		item = jen.Id("e")
	case t.Type == model.Structure && s.Type != model.Map:
		item = jen.Op("&").Id("v").Index(jen.Id("i"))
	case t.Type == model.Structure:
		item = jen.Op("&").Id("e")
	case sparse:
		item = jen.Op("*").Id("e")
	default:
		item = jen.Id("e")
	}
	write := p.writeValue(t, p.m.MemberTraits(elem), item, true)
	if sparse || s.Traits.Sparse() && nilable(t) {
		write = jen.If(jen.Id("e").Op("==").Nil()).Block(jen.Id("w").Dot("null").Call()).Else().Block(write)
	}
	f.Func().Id("encode"+p.funcSuffix(s.ID)).Params(jen.Id("w").Op("*").Id("jsonWriter"), jen.Id("v").Add(p.valueType(s.ID))).BlockFunc(func(g *jen.Group) {
		if s.Type == model.Map {
			g.Id("w").Dot("objectStart").Call()
			g.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Id("sortedKeys").Call(jen.Id("v"))).Block(
				jen.Id("e").Op(":=").Id("v").Index(jen.Id("k")),
				jen.Id("w").Dot("key").Call(jen.Id("k")),
				write,
			)
			g.Id("w").Dot("objectEnd").Call()
			return
		}
		g.Id("w").Dot("arrayStart").Call()
		if t.Type == model.Structure && !sparse {
			g.For(jen.Id("i").Op(":=").Range().Id("v")).Block(write)
		} else {
			g.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Id("v")).Block(write)
		}
		g.Id("w").Dot("arrayEnd").Call()
	})
	f.Line()
}

// shapesOf returns the shapes of a set that pass keep, sorted by ID.
func (p *plan) shapesOf(set map[model.ShapeID]bool, keep func(*model.Shape) bool) []*model.Shape {
	var out []*model.Shape
	for id := range set {
		if s := p.m.Shape(id); keep(s) {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return p.funcSuffix(out[i].ID) < p.funcSuffix(out[j].ID) })
	return out
}

// isIO reports whether a shape is an operation's input or output, which the
// operation's own file handles.
func (p *plan) isIO(id model.ShapeID) bool { return p.io[id] }

// deserializersFile holds the decoders of shapes reachable from inputs.
func (p *plan) deserializersFile() *jen.File {
	f := p.newFile()
	for _, s := range p.shapesOf(p.inputs, func(s *model.Shape) bool { return s.Type == model.Enum || s.Type == model.IntEnum }) {
		p.enumReader(f, s)
	}
	for _, s := range p.shapesOf(p.inputs, func(s *model.Shape) bool { return aggregate(s) && !p.isIO(s.ID) && !isEventStream(s) }) {
		switch s.Type {
		case model.Structure:
			p.structDecoder(f, s)
		case model.Union:
			p.unionDecoder(f, s)
		default:
			p.collectionDecoder(f, s)
		}
	}
	return f
}

// serializersFile holds the encoders of shapes reachable from outputs and
// errors, and of those that @uniqueItems compares by their encoding.
func (p *plan) serializersFile() *jen.File {
	f := p.newFile()
	shapes := p.keyedShapes()
	for id := range p.outputs {
		if s := p.m.Shape(id); !p.isIO(id) && !s.Traits.Has(model.TraitError) && !isEventStream(s) {
			shapes[id] = true
		}
	}
	for _, s := range p.shapesOf(shapes, aggregate) {
		switch s.Type {
		case model.Structure:
			p.structEncoder(f, s)
		case model.Union:
			p.unionEncoder(f, s)
		default:
			p.collectionEncoder(f, s)
		}
	}
	return f
}
