package generator

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/smithygen/smithygen/model"
)

// The event-stream file: for each streamed union, the functions that send
// its events as messages and read them from messages.

// eventStreamsFile holds the encoders and decoders of every event stream.
func (p *plan) eventStreamsFile() *jen.File {
	f := p.newFile()
	for _, es := range p.sortedStreams() {
		if es.send {
			p.eventEncoder(f, es)
			p.exceptionFinder(f, es)
			p.eventSourceFunc(f, es)
		}
		if es.recv {
			p.eventDecoder(f, es)
		}
	}
	return f
}

// eventEncoder emits encodeUEvent, which sends one event of U: an event
// message, or an exception message that ends the stream.
func (p *plan) eventEncoder(f *jen.File, es *eventStream) {
	union := p.typeName(es.union.ID)
	f.Add(docComment(wrapDoc(es.encode + " sends event on stream: an event message, or an exception message, which ends the stream.")))
	f.Func().Id(es.encode).Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("stream").Op("*").Id("eventStreamWriter"), jen.Id("event").Id(union)).Error().Block(
		jen.Switch(jen.Id("e").Op(":=").Id("event").Assert(jen.Type())).BlockFunc(func(g *jen.Group) {
			for _, e := range es.events {
				mt := p.unionMemberType(es.union, e.member)
				if e.isError {
					g.Case(jen.Op("*").Id(mt)).Block(
						jen.Return(jen.Id("stream").Dot("writeException").Call(jen.Id("ctx"), jen.Lit(e.name()), jen.Op("&").Id("e").Dot("Value"))))
					continue
				}
				g.Case(jen.Op("*").Id(mt)).BlockFunc(func(c *jen.Group) {
					if e.hasMembers() {
						c.Id("v").Op(":=").Op("&").Id("e").Dot("Value")
					}
					c.Return(jen.Id("stream").Dot("writeEvent").Call(jen.Id("ctx"), jen.Lit(e.name()), jen.Lit(p.contentType(e)),
						jen.Func().Params(jen.Id("m").Op("*").Id("eventMessage")).Error().BlockFunc(func(b *jen.Group) {
							p.encodeEvent(b, e)
							b.Return(jen.Nil())
						})))
				})
			}
		}),
		jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit("%T is not an event of "+union), jen.Id("event"))),
	)
	f.Line()
}

// encodeEvent is the body of the function that builds the message of an
// event v: its headers, then its payload.
func (p *plan) encodeEvent(b *jen.Group, e *event) {
	for _, h := range e.headers {
		m := h.member
		field := jen.Id("v").Dot(p.fieldName(m))
		value := field.Clone()
		if p.isPointer(m) {
			value = jen.Op("*").Add(value)
		}
		set := jen.Id("m").Dot(headerSetter[h.kind]).Call(jen.Lit(m.Name), p.headerValue(m, value))
		if cond := p.presence(m, field.Clone()); cond != nil {
			b.If(cond).Block(set)
		} else {
			b.Add(set)
		}
	}
	payload := jen.Id("m").Dot("payload")
	if e.payload == nil {
		b.Id("w").Op(":=").Op("&").Id("jsonWriter").Values(jen.Dict{jen.Id("buf"): payload.Clone()})
		b.Id("w").Dot("objectStart").Call()
		p.writeMembers(b, e.body)
		b.Id("w").Dot("objectEnd").Call()
		b.Add(payload.Clone()).Op("=").Id("w").Dot("buf")
		return
	}
	m := e.payload
	t := p.m.Target(m)
	field := jen.Id("v").Dot(p.fieldName(m))
	var write []jen.Code
	switch p.payloadKind(e) {
	case "blob":
		write = []jen.Code{payload.Clone().Op("=").Append(payload.Clone(), field.Clone().Op("..."))}
	case "string":
		value := field.Clone()
		if p.isPointer(m) {
			value = jen.Op("*").Add(value)
		} else {
			value = jen.String().Parens(value)
		}
		write = []jen.Code{payload.Clone().Op("=").Append(payload.Clone(), value.Op("..."))}
	default:
		write = []jen.Code{
			jen.Id("w").Op(":=").Op("&").Id("jsonWriter").Values(jen.Dict{jen.Id("buf"): payload.Clone()}),
			p.writeValue(t, p.m.MemberTraits(m), field.Clone(), true),
			payload.Clone().Op("=").Id("w").Dot("buf"),
		}
	}
	if cond := p.presence(m, field.Clone()); cond != nil && p.payloadKind(e) != "blob" {
		b.If(cond).Block(write...)
	} else {
		addAll(b, write)
	}
}

// headerSetter and headerGetter are the eventMessage and eventHeader
// methods of each header kind.
var (
	headerSetter = map[string]string{"bool": "setBool", "byte": "setByte", "short": "setShort", "int": "setInt",
		"long": "setLong", "bytes": "setBytes", "string": "setString", "timestamp": "setTimestamp"}
	headerGetter = map[string]string{"bool": "boolValue", "byte": "byteValue", "short": "shortValue", "int": "intValue",
		"long": "longValue", "bytes": "bytesValue", "string": "stringValue", "timestamp": "timestampValue"}
)

// headerValue converts a member's value to what its header setter takes:
// enums to their underlying type.
func (p *plan) headerValue(m *model.Member, value *jen.Statement) jen.Code {
	switch p.m.Target(m).Type {
	case model.Enum:
		return jen.String().Parens(value)
	case model.IntEnum:
		return jen.Int32().Parens(value)
	}
	return value
}

// exceptionFinder emits exceptionU, which finds in an error returned by
// the service's stream function a modeled error of U, as an event.
func (p *plan) exceptionFinder(f *jen.File, es *eventStream) {
	union := p.typeName(es.union.ID)
	f.Add(docComment(wrapDoc(es.exception + " returns the event of the modeled error of " + union + " that err is or wraps, if any.")))
	f.Func().Id(es.exception).Params(jen.Id("err").Error()).Params(jen.Id(union), jen.Bool()).BlockFunc(func(g *jen.Group) {
		for i, e := range errorEvents(es) {
			v := jen.Id(fmt.Sprintf("e%d", i))
			g.Var().Add(v).Op("*").Id(p.typeName(e.shape.ID))
			g.If(jen.Qual("errors", "As").Call(jen.Id("err"), jen.Op("&").Add(v))).Block(
				jen.Return(jen.Op("&").Id(p.unionMemberType(es.union, e.member)).Values(jen.Dict{jen.Id("Value"): jen.Op("*").Add(v)}), jen.True()))
		}
		g.Return(jen.Nil(), jen.False())
	})
	f.Line()
}

// eventSourceFunc emits streamU, which binds the service's stream function
// to the response: the modeled error it returns goes out as an exception.
func (p *plan) eventSourceFunc(f *jen.File, es *eventStream) {
	union := p.typeName(es.union.ID)
	f.Add(docComment(wrapDoc(es.source + " sends the events of the service's stream function, and the modeled error of " + union + " it returns as an exception; nil sends none.")))
	f.Func().Id(es.source).Params(jen.Id("send").Func().Params(jen.Qual("context", "Context"), jen.Op("*").Id(es.writer)).Error()).Id("eventSource").Block(
		jen.If(jen.Id("send").Op("==").Nil()).Block(jen.Return(jen.Nil())),
		jen.Return(jen.Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("stream").Op("*").Id("eventStreamWriter")).Error().Block(
			jen.Err().Op(":=").Id("send").Call(jen.Id("ctx"), jen.Op("&").Id(es.writer).Values(jen.Dict{jen.Id("stream"): jen.Id("stream")})),
			jen.If(jen.List(jen.Id("e"), jen.Id("ok")).Op(":=").Id(es.exception).Call(jen.Err()), jen.Id("ok")).Block(
				jen.Return(jen.Id(es.encode).Call(jen.Id("ctx"), jen.Id("stream"), jen.Id("e")))),
			jen.Return(jen.Err()),
		)),
	)
	f.Line()
}

// eventDecoder emits decodeUEvent, which reads the event of a message by
// its :event-type.
func (p *plan) eventDecoder(f *jen.File, es *eventStream) {
	union := p.typeName(es.union.ID)
	f.Add(docComment(wrapDoc(es.decode + " reads the event of " + union + " that m carries.")))
	f.Func().Id(es.decode).Params(jen.Id("m").Op("*").Id("eventMessage"), jen.Id("d").Op("*").Id("eventDecoder")).Params(jen.Id(union), jen.Error()).BlockFunc(func(g *jen.Group) {
		p.exceptionDecoder(g, es)
		g.Switch(jen.Id("m").Dot("headerString").Call(jen.Lit(":event-type"))).BlockFunc(func(sw *jen.Group) {
			for _, e := range es.events {
				if e.isError {
					continue
				}
				sw.Case(jen.Lit(e.name())).BlockFunc(func(b *jen.Group) {
					b.Id("e").Op(":=").Op("&").Id(p.unionMemberType(es.union, e.member)).Values()
					if e.hasMembers() {
						b.Id("v").Op(":=").Op("&").Id("e").Dot("Value")
					}
					p.decodeEvent(b, e)
					b.Return(jen.Id("e"), jen.Nil())
				})
			}
		})
		g.Return(jen.Nil(), jen.Id("errEventUnknownType"))
	})
	f.Line()
}

// exceptionDecoder reads the modeled error of an exception message that a
// client sends, which the reader returns as an error.
func (p *plan) exceptionDecoder(g *jen.Group, es *eventStream) {
	errs := errorEvents(es)
	if len(errs) == 0 {
		g.If(jen.Id("m").Dot("headerString").Call(jen.Lit(":message-type")).Op("==").Lit("exception")).Block(
			jen.Return(jen.Nil(), jen.Id("errEventNotEvent")))
		return
	}
	g.If(jen.Id("m").Dot("headerString").Call(jen.Lit(":message-type")).Op("==").Lit("exception")).Block(
		jen.Switch(jen.Id("m").Dot("headerString").Call(jen.Lit(":exception-type"))).BlockFunc(func(sw *jen.Group) {
			for _, e := range errs {
				sw.Case(jen.Lit(e.name())).Block(
					jen.Id("e").Op(":=").Op("&").Id(p.typeName(e.shape.ID)).Values(),
					jen.If(jen.Err().Op(":=").Id("d").Dot("decodeJSON").Call(jen.Id("m").Dot("payload"),
						jen.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Error().Block(
							jen.Return(jen.Id("decode"+p.funcSuffix(e.shape.ID)).Call(jen.Id("r"), jen.Id("e"))))), jen.Err().Op("!=").Nil()).Block(
						jen.Return(jen.Nil(), jen.Err())),
					jen.Return(jen.Nil(), jen.Id("e")),
				)
			}
		}),
		jen.Return(jen.Nil(), jen.Id("errEventNotEvent")),
	)
}

// decodeEvent is the body of the case that reads one event into v: its
// headers, then its payload.
func (p *plan) decodeEvent(b *jen.Group, e *event) {
	fail := func(err jen.Code) jen.Code { return jen.Return(jen.Nil(), err) }
	for _, h := range e.headers {
		m := h.member
		field := jen.Id("v").Dot(p.fieldName(m))
		t := p.m.Target(m)
		value := jen.Id("x")
		var assign jen.Code
		switch {
		case t.Type == model.Enum || t.Type == model.IntEnum:
			assign = field.Clone().Op("=").Id(p.typeName(t.ID)).Parens(value)
		case p.isPointer(m):
			assign = field.Clone().Op("=").Op("&").Add(value)
		default:
			assign = field.Clone().Op("=").Add(value)
		}
		b.If(jen.List(jen.Id("h"), jen.Id("ok")).Op(":=").Id("m").Dot("header").Call(jen.Lit(m.Name)), jen.Id("ok")).Block(
			jen.List(jen.Id("x"), jen.Id("ok")).Op(":=").Id("h").Dot(headerGetter[h.kind]).Call(),
			jen.If(jen.Op("!").Id("ok")).Block(fail(jen.Id("badEventHeader").Call(jen.Lit(m.Name)))),
			assign,
		)
	}
	decodeJSON := func(c jen.Code) jen.Code {
		return jen.If(jen.Err().Op(":=").Id("d").Dot("decodeJSON").Call(jen.Id("m").Dot("payload"),
			jen.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Error().Block(jen.Return(c))), jen.Err().Op("!=").Nil()).Block(fail(jen.Err()))
	}
	if e.payload == nil {
		b.Add(decodeJSON(p.readMembers(e.body)))
		return
	}
	m := e.payload
	t := p.m.Target(m)
	field := jen.Id("v").Dot(p.fieldName(m))
	payload := jen.Id("m").Dot("payload")
	switch p.payloadKind(e) {
	case "blob":
		b.Add(field).Op("=").Qual("bytes", "Clone").Call(payload)
	case "string":
		if !p.isPointer(m) {
			b.Add(field).Op("=").Id(p.typeName(t.ID)).Parens(payload)
			return
		}
		b.If(jen.Len(payload.Clone()).Op(">").Lit(0)).Block(
			jen.Id("s").Op(":=").String().Parens(payload.Clone()),
			field.Clone().Op("=").Op("&").Id("s"))
	default:
		b.If(jen.Len(payload.Clone()).Op(">").Lit(0)).Block(decodeJSON(p.decodeMember(m, field)))
	}
}
