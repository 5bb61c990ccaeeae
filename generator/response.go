package generator

import (
	"sort"

	"github.com/dave/jennifer/jen"

	"github.com/smithygen/smithygen/model"
)

// Responses: each operation's encoder writes its output's status code,
// headers and body.

// formatText is the expression that formats a value for a response header.
func (p *plan) formatText(t *model.Shape, traits model.Traits, v jen.Code) jen.Code {
	switch t.Type {
	case model.String:
		if _, ok := traits.MediaType(); ok {
			return jen.Id("formatBase64Text").Call(v)
		}
		return v
	case model.Enum:
		return jen.String().Parens(v)
	case model.Boolean:
		return jen.Id("formatBoolText").Call(v)
	case model.Byte, model.Short, model.Integer, model.Long, model.IntEnum:
		return jen.Id("formatIntText").Call(jen.Int64().Parens(v))
	case model.Float:
		return jen.Id("formatFloat32Text").Call(v)
	case model.Double:
		return jen.Id("formatFloatText").Call(v)
	case model.Timestamp:
		switch p.timestampFormat(traits, "http-date") {
		case "date-time":
			return jen.Id("formatDateTime").Call(v)
		case "epoch-seconds":
			return jen.Id("formatEpochSeconds").Call(v)
		}
		return jen.Id("formatHTTPDate").Call(v)
	}
	return nil
}

// responseEncoder emits encodeOResponse: status, headers, body.
func (p *plan) responseEncoder(f *jen.File, op *operation, out *model.Shape) {
	// The encoder of an operation that streams events returns the
	// output's events, if any.
	var result jen.Code
	if p.servesEvents(op) {
		result = jen.Id("eventSource")
	}
	f.Func().Id("encode"+op.name+"Response").Params(jen.Id("x").Op("*").Id("exchange"), jen.Id("v").Op("*").Id(op.outputName())).Add(result).BlockFunc(func(g *jen.Group) {
		if op.http.Code != 200 {
			g.Id("x").Dot("status").Op("=").Lit(op.http.Code)
		}
		for _, m := range membersBound(out, inStatus) {
			field := jen.Id("v").Dot(p.fieldName(m))
			if !p.isPointer(m) { // a @default member holds its code, 0 when unset
				g.If(field.Clone().Op("!=").Lit(0)).Block(jen.Id("x").Dot("status").Op("=").Int().Parens(field))
				continue
			}
			g.If(field.Clone().Op("!=").Nil()).Block(jen.Id("x").Dot("status").Op("=").Int().Parens(jen.Op("*").Add(field)))
		}
		p.encodeHeaders(g, out)
		if m := p.eventStream(out); m != nil {
			g.Return(jen.Id(p.streamOf(m).source).Call(jen.Id("v").Dot(p.fieldName(m))))
			return
		}
		p.encodeBody(g, out)
		if result != nil {
			g.Return(jen.Nil())
		}
	})
	f.Line()
}

// encodeHeaders sets the response headers bound to output members.
func (p *plan) encodeHeaders(g *jen.Group, out *model.Shape) {
	// Prefix headers first: a header bound to a member of its own wins
	// over a map entry of the same name (Smithy's
	// RestJsonHttpEmptyPrefixHeadersResponseServer).
	for _, m := range membersBound(out, inPrefixHeaders) {
		prefix, _ := m.Traits.HTTPPrefixHeaders()
		g.For(jen.List(jen.Id("k"), jen.Id("e")).Op(":=").Range().Id("v").Dot(p.fieldName(m))).Block(
			jen.Id("x").Dot("setHeader").Call(jen.Lit(prefix).Op("+").Id("k"), jen.Id("e")))
	}
	for _, m := range membersBound(out, inHeader) {
		name, _ := m.Traits.HTTPHeader()
		t := p.m.Target(m)
		field := jen.Id("v").Dot(p.fieldName(m))
		if isList(t) {
			// One header line, items that hold a comma or a quote
			// quoted (Smithy's RestJsonInputAndOutputWithQuotedStringHeaders);
			// HTTP dates, which hold a comma each, are not.
			el := p.m.Target(t.Member)
			join := "joinHeaderItems"
			if el.Type == model.String || el.Type == model.Enum {
				join = "joinQuotedHeaderItems"
			}
			g.If(field.Clone().Op("!=").Nil()).Block(
				jen.Id("items").Op(":=").Make(jen.Index().String(), jen.Lit(0), jen.Len(field.Clone())),
				jen.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Add(field.Clone())).Block(
					jen.Id("items").Op("=").Append(jen.Id("items"), p.formatText(el, p.m.MemberTraits(t.Member), jen.Id("e")))),
				jen.Id("x").Dot("setHeader").Call(jen.Lit(name), jen.Id(join).Call(jen.Id("items"))),
			)
			continue
		}
		value := field.Clone()
		if p.isPointer(m) {
			value = jen.Op("*").Add(value)
		}
		set := jen.Id("x").Dot("setHeader").Call(jen.Lit(name), p.formatText(t, p.m.MemberTraits(m), value))
		if cond := p.presence(m, field.Clone()); cond != nil {
			g.If(cond).Block(set)
		} else {
			g.Add(set)
		}
	}
}

// encodeBody writes the JSON body members, or the payload member.
func (p *plan) encodeBody(g *jen.Group, out *model.Shape) {
	if payload := membersBound(out, inPayload); len(payload) > 0 {
		m := payload[0]
		t := p.m.Target(m)
		field := jen.Id("v").Dot(p.fieldName(m))
		if p.jsonPayload(m) {
			g.If(field.Clone().Op("!=").Nil()).Block(
				jen.Id("w").Op(":=").Id("x").Dot("jsonBody").Call(),
				p.writeValue(t, p.m.MemberTraits(m), field.Clone(), true))
			return
		}
		mediaType := p.payloadMediaType(m, true)
		if p.streamingBlob(m) {
			g.If(field.Clone().Op("!=").Nil()).Block(jen.Id("x").Dot("streamBody").Call(jen.Lit(mediaType), field.Clone()))
			return
		}
		value := field.Clone()
		switch t.Type {
		case model.String:
			value = jen.Index().Byte().Parens(jen.Op("*").Add(field.Clone()))
		case model.Enum:
			value = jen.Index().Byte().Parens(field.Clone())
		}
		g.If(p.presence(m, field.Clone())).Block(jen.Id("x").Dot("rawBody").Call(jen.Lit(mediaType), value))
		return
	}
	// With no member bound to the body the body is {} all the same
	// (SPEC §3; finish drops it for a 204 or 304); an operation without
	// output (Unit) sends no body (Smithy's RestJsonNoInputAndNoOutput).
	if out == nil || out.ID == model.UnitID {
		return
	}
	body := outputBodyMembers(out)
	g.Id("w").Op(":=").Id("x").Dot("jsonBody").Call()
	g.Id("w").Dot("objectStart").Call()
	p.writeMembers(g, sortByMemberName(body))
	g.Id("w").Dot("objectEnd").Call()
}

func sortByMemberName(ms []*model.Member) []*model.Member {
	out := append([]*model.Member{}, ms...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
