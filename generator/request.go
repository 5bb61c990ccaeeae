package generator

import (
	"github.com/dave/jennifer/jen"

	"github.com/smithygen/smithygen/model"
)

// Requests: each operation's decoder binds labels, query parameters,
// headers and the body to its input.

// requestDecoder emits decodeORequest: labels, query, headers, then the body.
func (p *plan) requestDecoder(f *jen.File, op *operation, in *model.Shape) {
	f.Func().Id("decode"+op.name+"Request").Params(jen.Id("x").Op("*").Id("exchange"), jen.Id("v").Op("*").Id(op.inputName())).Error().BlockFunc(func(g *jen.Group) {
		if in != nil {
			p.setDefaults(g, in.Members) // whatever the binding: absent means the default
		}
		for _, c := range p.bindings(op, in) {
			g.If(jen.Err().Op(":=").Add(c), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
		}
		for _, m := range membersBound(in, inQueryParams) {
			g.Id("v").Dot(p.fieldName(m)).Op("=").Id(p.queryParamsFunc(m)).Call(jen.Id("x"))
		}
		for _, m := range membersBound(in, inPrefixHeaders) {
			prefix, _ := m.Traits.HTTPPrefixHeaders()
			g.Id("v").Dot(p.fieldName(m)).Op("=").Id("x").Dot("prefixHeaders").Call(jen.Lit(prefix))
		}
		p.decodeBody(g, in)
		p.fillTokens(g, in)
		g.Return(jen.Nil())
	})
	f.Line()
}

// bindings are the error-valued calls that bind labels, query parameters
// and headers to input members.
func (p *plan) bindings(op *operation, in *model.Shape) []jen.Code {
	var calls []jen.Code
	add := func(m *model.Member, src *jen.Statement, list bool, where binding) {
		t := p.m.Target(m)
		if p.sensitiveMember(m) || list && p.sensitiveMember(t.Member) {
			src = src.Dot("sensitive").Call()
		}
		c, _ := p.bindText(m, src, list, where) // checkBindings refused what cannot be bound
		calls = append(calls, c)
	}
	names := uriLabels(op.http.URI)
	for i, n := range names {
		add(op.inputMember(p, n), jen.Id("x").Dot("labelText").Call(jen.Lit(i), jen.Lit(n)), false, inLabel)
	}
	for _, m := range membersBound(in, inQuery) {
		name, _ := m.Traits.HTTPQuery()
		if isList(p.m.Target(m)) {
			add(m, jen.Id("x").Dot("queryList").Call(jen.Lit(name)), true, inQuery)
		} else {
			add(m, jen.Id("x").Dot("queryText").Call(jen.Lit(name)), false, inQuery)
		}
	}
	for _, m := range membersBound(in, inHeader) {
		name, _ := m.Traits.HTTPHeader()
		if t := p.m.Target(m); isList(t) {
			items := "headerItems"
			if p.isHTTPDateList(t) {
				items = "headerDates"
			}
			add(m, jen.Id("x").Dot(items).Call(jen.Lit(name)), true, inHeader)
		} else {
			add(m, jen.Id("x").Dot("headerText").Call(jen.Lit(name)), false, inHeader)
		}
	}
	return calls
}

// decodeBody decodes the JSON body members, or the payload member.
func (p *plan) decodeBody(g *jen.Group, in *model.Shape) {
	fail := func(c jen.Code) {
		g.If(jen.Err().Op(":=").Add(c), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
	}
	decodeJSON := func(c jen.Code) jen.Code {
		return jen.Id("x").Dot("decodeJSONBody").Call(jen.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Error().Block(jen.Return(c)))
	}
	if payload := membersBound(in, inPayload); len(payload) > 0 {
		m := payload[0]
		if p.isEventStream(m) { // read as the service asks for events
			return
		}
		field := jen.Id("v").Dot(p.fieldName(m))
		switch t := p.m.Target(m); {
		case p.jsonPayload(m) && t.Type == model.Structure:
			// {} is what a client sends for an absent structure payload
			// (Smithy's RestJsonHttpWithEmptyStructurePayload).
			g.If(jen.Op("!").Id("isEmptyObject").Call(jen.Id("x").Dot("body"))).Block(
				jen.If(jen.Err().Op(":=").Add(decodeJSON(p.decodeMember(m, field))), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())))
		case p.jsonPayload(m):
			fail(decodeJSON(p.decodeMember(m, field)))
		case p.streamingBlob(m):
			g.Add(field).Op("=").Id("x").Dot("requestStream").Call()
		case t.Type == model.Blob:
			g.Add(field).Op("=").Id("x").Dot("payloadBytes").Call()
		case !p.isPointer(m): // an enum
			g.Add(field).Op("=").Add(p.valueType(t.ID)).Parens(jen.Id("x").Dot("body"))
		default:
			g.If(jen.Len(jen.Id("x").Dot("body")).Op(">").Lit(0)).Block(
				jen.Id("s").Op(":=").Add(p.valueType(t.ID)).Parens(jen.Id("x").Dot("body")),
				field.Clone().Op("=").Op("&").Id("s"))
		}
		return
	}
	if body := membersBound(in, inBody); len(body) > 0 {
		fail(decodeJSON(p.readMembers(body)))
	}
}

// fillTokens gives @idempotencyToken members that arrived empty a fresh
// UUID, before validation sees them.
func (p *plan) fillTokens(g *jen.Group, in *model.Shape) {
	if in == nil {
		return
	}
	for _, m := range in.Members {
		if !m.Traits.IdempotencyToken() || p.m.Target(m).Type != model.String || !p.isPointer(m) {
			continue
		}
		field := jen.Id("v").Dot(p.fieldName(m))
		g.If(field.Clone().Op("==").Nil().Op("||").Op("*").Add(field.Clone()).Op("==").Lit("")).Block(
			jen.Id("token").Op(":=").Id("newUUID").Call(),
			field.Clone().Op("=").Op("&").Id("token"),
		)
	}
}

// queryParamsFunc returns the runtime function that fills an
// @httpQueryParams map.
func (p *plan) queryParamsFunc(m *model.Member) string {
	t := p.m.Target(m)
	if isList(p.m.Target(t.Value)) {
		return "queryParamLists"
	}
	return "queryParams"
}
