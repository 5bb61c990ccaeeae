package generator

import (
	"mime"
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygen/smithygen/model"
)

// The server: the Service interface, UnimplementedService, NewHandler, and
// for each operation its file with the input and output types, the request
// decoder and the response encoder.

// uriLabels returns the label names of an @http URI, in order.
func uriLabels(uri string) []string {
	var names []string
	path, _, _ := strings.Cut(uri, "?")
	for _, seg := range strings.Split(path, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			names = append(names, strings.TrimSuffix(seg[1:len(seg)-1], "+"))
		}
	}
	return names
}

// routeKey is the shape of a route for conflict detection: labels are
// interchangeable, query literals sorted.
func routeKey(h *model.HTTP) string {
	path, query, _ := strings.Cut(h.URI, "?")
	var segs []string
	for _, seg := range strings.Split(path, "/") {
		switch {
		case strings.HasSuffix(seg, "+}"):
			seg = "{+}"
		case strings.HasPrefix(seg, "{"):
			seg = "{}"
		}
		segs = append(segs, seg)
	}
	qs := strings.Split(query, "&")
	sort.Strings(qs)
	return h.Method + " " + strings.Join(segs, "/") + "?" + strings.Join(qs, "&")
}

// checkRoutes refuses two operations that would answer the same requests,
// and URI labels that bind no member.
func (p *plan) checkRoutes() {
	seen := map[string]*operation{}
	for _, op := range p.ops {
		k := routeKey(op.http)
		if prev, ok := seen[k]; ok {
			p.refuse(model.Errorf(op.shape.Pos, op.shape.ID, "its route %s %s conflicts with that of %s (%s %s)",
				op.http.Method, op.http.URI, prev.shape.ID, prev.http.Method, prev.http.URI))
		} else {
			seen[k] = op
		}
		names := uriLabels(op.http.URI)
		for _, n := range names {
			m := op.inputMember(p, n)
			if m == nil || !m.Traits.HTTPLabel() {
				p.refuse(model.Errorf(op.shape.Pos, op.shape.ID, "URI label {%s} has no @httpLabel member in the input", n))
			}
		}
	}
}

// checkBindings refuses members bound to a label, query parameter or
// header whose values have no text form.
func (p *plan) checkBindings() {
	for _, op := range p.ops {
		in := op.input
		var bound []*model.Member
		for _, n := range uriLabels(op.http.URI) {
			if m := op.inputMember(p, n); m != nil && m.Traits.HTTPLabel() {
				bound = append(bound, m)
			}
		}
		bound = append(bound, membersBound(in, inQuery)...)
		bound = append(bound, membersBound(in, inHeader)...)
		for _, m := range bound {
			where, list := bindingOf(m), isList(p.m.Target(m)) && !m.Traits.HTTPLabel()
			if _, err := p.bindText(m, nil, list, where); err != nil {
				p.refuse(err)
			}
		}
	}
}

func (op *operation) inputMember(p *plan, name string) *model.Member {
	if op.input.ID == model.UnitID {
		return nil
	}
	return op.input.MemberNamed(name)
}

// binding says where a member travels in an HTTP message.
type binding int

const (
	inBody binding = iota
	inLabel
	inQuery
	inQueryParams
	inHeader
	inPrefixHeaders
	inPayload
	inStatus
)

func bindingOf(m *model.Member) binding {
	t := m.Traits
	switch {
	case t.HTTPLabel():
		return inLabel
	case t.Has(model.TraitHTTPQuery):
		return inQuery
	case t.HTTPQueryParams():
		return inQueryParams
	case t.Has(model.TraitHTTPHeader):
		return inHeader
	case t.Has(model.TraitHTTPPrefixHeaders):
		return inPrefixHeaders
	case t.HTTPPayload():
		return inPayload
	case t.HTTPResponseCode():
		return inStatus
	}
	return inBody
}

func membersBound(s *model.Shape, b binding) []*model.Member {
	if s == nil || s.ID == model.UnitID {
		return nil
	}
	var out []*model.Member
	for _, m := range s.Members {
		if bindingOf(m) == b {
			out = append(out, m)
		}
	}
	return out
}

// jsonPayload reports whether a payload member is sent as JSON.
func (p *plan) jsonPayload(m *model.Member) bool {
	switch p.m.Target(m).Type {
	case model.Structure, model.Union, model.Document:
		return true
	}
	return false
}

// hasJSONBody reports whether a shape's members make a JSON body.
func (p *plan) hasJSONBody(s *model.Shape) bool {
	if len(membersBound(s, inBody)) > 0 {
		return true
	}
	for _, m := range membersBound(s, inPayload) {
		return p.jsonPayload(m)
	}
	return false
}

// hasRawPayload reports whether a shape's payload is sent as it is: a blob
// or string, not JSON.
func (p *plan) hasRawPayload(s *model.Shape) bool {
	for _, m := range membersBound(s, inPayload) {
		return !p.jsonPayload(m)
	}
	return false
}

// serviceFile holds Service, UnimplementedService and NewHandler.
func (p *plan) serviceFile() *jen.File {
	f := p.newFile()
	f.PackageComment(commentLines(p.packageDoc()))
	svcDoc := DocText(p.svc.Traits.Documentation(), docWidth)
	doc := "Service is the " + p.serviceTitle() + " API. Implement it and serve it with NewHandler."
	if svcDoc != "" {
		doc += "\n\n" + svcDoc
	}
	withDoc(f, doc)
	f.Type().Id("Service").InterfaceFunc(func(g *jen.Group) {
		for i, op := range p.ops {
			if i > 0 {
				g.Line()
			}
			if d := shapeDoc(op.shape); d != "" {
				g.Add(docComment(d))
			}
			g.Id(op.name).Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("input").Op("*").Id(op.inputName())).
				Params(jen.Op("*").Id(op.outputName()), jen.Error())
		}
	})
	f.Line()
	withDoc(f, "UnimplementedService answers every operation with 501 NotImplemented. Embed it\nin an implementation of Service so that the implementation keeps compiling\nwhen the model gains operations.")
	f.Type().Id("UnimplementedService").Struct()
	f.Line()
	for _, op := range p.ops {
		f.Func().Params(jen.Id("UnimplementedService")).Id(op.name).
			Params(jen.Qual("context", "Context"), jen.Op("*").Id(op.inputName())).
			Params(jen.Op("*").Id(op.outputName()), jen.Error()).
			Block(jen.Return(jen.Nil(), jen.Id("notImplemented").Call(jen.Lit(op.name))))
		f.Line()
	}
	withDoc(f, "NewHandler returns an http.Handler that serves svc over restJson1: it routes\neach request by the operation's @http trait, decodes and validates the input,\ncalls svc, and encodes the output or the error.")
	f.Func().Id("NewHandler").Params(jen.Id("svc").Id("Service"), jen.Id("opts").Op("...").Id("HandlerOption")).Qual("net/http", "Handler").Block(
		jen.Return(jen.Id("newHandler").Call(jen.Index().Id("operation").ValuesFunc(func(g *jen.Group) {
			for _, op := range p.ops {
				g.Line().Add(p.operationEntry(op))
			}
			g.Line()
		}), jen.Id("opts"))),
	)
	return f
}

func (p *plan) serviceTitle() string {
	if t, ok := p.svc.Traits.String("smithy.api#title"); ok {
		return t
	}
	return p.svc.ID.Name()
}

// operationEntry is the operation's row of NewHandler's table.
func (p *plan) operationEntry(op *operation) jen.Code {
	return jen.ValuesFunc(func(g *jen.Group) {
		g.Line().Id("name").Op(":").Lit(op.name)
		g.Line().Id("method").Op(":").Lit(op.http.Method)
		g.Line().Id("uri").Op(":").Lit(op.http.URI)
		if p.hasJSONBody(op.input) {
			g.Line().Id("hasBody").Op(":").True()
		}
		if p.hasRawPayload(op.input) {
			g.Line().Id("rawBody").Op(":").True()
			g.Line().Id("payloadType").Op(":").Lit(p.payloadMediaType(membersBound(op.input, inPayload)[0], false))
		}
		if p.hasRawPayload(op.output) {
			g.Line().Id("responseType").Op(":").Lit(p.payloadMediaType(membersBound(op.output, inPayload)[0], false))
		}
		if op.invalid != nil {
			g.Line().Id("invalid").Op(":").Id("invalid" + p.typeName(op.invalid.ID))
		}
		if op.server != nil {
			g.Line().Id("internal").Op(":").Id("internal" + p.typeName(op.server.ID))
		}
		g.Line().Id("serve").Op(":").Func().Params(jen.Id("x").Op("*").Id("exchange")).Block(
			jen.Id("serveOperation").Call(jen.Id("x"), jen.Id("decode"+op.name+"Request"),
				jen.Parens(jen.Op("*").Id(op.inputName())).Dot("Validate"),
				jen.Id("svc").Dot(op.name), jen.Id("encode"+op.name+"Response")),
		)
		g.Line()
	})
}

// operationFile holds an operation's input and output, the input's
// validator, and its request decoder and response encoder.
func (p *plan) operationFile(op *operation) *jen.File {
	f := p.newFile()
	in := op.input
	if in.ID == model.UnitID {
		in = nil
	}
	out := op.output
	if out.ID == model.UnitID {
		out = nil
	}
	p.structDecl(f, op.inputName(), in, ioDoc(op.inputName(), "input", op.name, in))
	f.Line()
	p.structDecl(f, op.outputName(), out, ioDoc(op.outputName(), "output", op.name, out))
	f.Line()
	p.structValidator(f, op.inputName(), in)
	p.requestDecoder(f, op, in)
	p.responseEncoder(f, op, out)
	return f
}

// ioDoc documents an operation's input or output struct.
func ioDoc(name, what, op string, s *model.Shape) string {
	doc := name + " is the " + what + " of " + op + "."
	if s != nil {
		if d := DocText(s.Traits.Documentation(), docWidth); d != "" {
			doc += "\n\n" + d
		}
	}
	return doc
}

// textTimeFormat is the default timestamp format of where a value is bound.
func textTimeFormat(b binding) string {
	if b == inHeader {
		return "http-date"
	}
	return "date-time"
}

// textParser is the parser of a value bound to a label, query or header.
func (p *plan) textParser(t *model.Shape, traits model.Traits, where binding) jen.Code {
	switch t.Type {
	case model.String:
		// A @mediaType string in a header is base64 on the wire.
		if _, ok := traits.MediaType(); ok && where == inHeader {
			return jen.Id("parseBase64Text")
		}
		return jen.Id("parseText")
	case model.Enum:
		return jen.Id("parseEnumText").Index(jen.Id(p.typeName(t.ID)))
	case model.IntEnum:
		return jen.Id("parseIntEnumText").Index(jen.Id(p.typeName(t.ID)))
	case model.Boolean:
		return jen.Id("parseBoolText")
	case model.Byte:
		return jen.Id("parseInt8Text")
	case model.Short:
		return jen.Id("parseInt16Text")
	case model.Integer:
		return jen.Id("parseInt32Text")
	case model.Long:
		return jen.Id("parseInt64Text")
	case model.Float:
		return jen.Id("parseFloat32Text")
	case model.Double:
		return jen.Id("parseFloat64Text")
	case model.Timestamp:
		switch p.timestampFormat(traits, textTimeFormat(where)) {
		case "http-date":
			return jen.Id("parseHTTPDateText")
		case "epoch-seconds":
			return jen.Id("parseEpochSecondsText")
		}
		return jen.Id("parseDateTimeText")
	}
	return nil
}

// bindText is the statement that binds one text source to member m.
func (p *plan) bindText(m *model.Member, source jen.Code, list bool, where binding) (jen.Code, error) {
	t := p.m.Target(m)
	dst := jen.Op("&").Id("v").Dot(exported(m.Name))
	if list {
		el := p.m.Target(t.Member)
		parse := p.textParser(el, p.m.MemberTraits(t.Member), where)
		if parse == nil {
			return nil, model.Errorf(m.Pos, m.ID(), "a list of %s cannot be bound to HTTP text", el.Type)
		}
		return jen.Id("bindList").Call(dst, source, parse), nil
	}
	parse := p.textParser(t, p.m.MemberTraits(m), where)
	if parse == nil {
		return nil, model.Errorf(m.Pos, m.ID(), "a %s cannot be bound to HTTP text", t.Type)
	}
	if p.isPointer(m) {
		return jen.Id("bindPtr").Call(dst, source, parse), nil
	}
	return jen.Id("bindValue").Call(dst, source, parse), nil
}

func isList(s *model.Shape) bool { return s.Type == model.List || s.Type == model.Set }

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
			g.Id("v").Dot(exported(m.Name)).Op("=").Id(p.queryParamsFunc(m)).Call(jen.Id("x"))
		}
		for _, m := range membersBound(in, inPrefixHeaders) {
			prefix, _ := m.Traits.HTTPPrefixHeaders()
			g.Id("v").Dot(exported(m.Name)).Op("=").Id("x").Dot("prefixHeaders").Call(jen.Lit(prefix))
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
		if isList(p.m.Target(m)) {
			add(m, jen.Id("x").Dot("headerItems").Call(jen.Lit(name)), true, inHeader)
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
		field := jen.Id("v").Dot(exported(m.Name))
		switch t := p.m.Target(m); {
		case p.jsonPayload(m):
			fail(decodeJSON(p.decodeMember(m, field)))
		case t.Type == model.Blob:
			g.Add(field).Op("=").Id("x").Dot("payloadBytes").Call()
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
		field := jen.Id("v").Dot(exported(m.Name))
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
	f.Func().Id("encode"+op.name+"Response").Params(jen.Id("x").Op("*").Id("exchange"), jen.Id("v").Op("*").Id(op.outputName())).BlockFunc(func(g *jen.Group) {
		if op.http.Code != 200 {
			g.Id("x").Dot("status").Op("=").Lit(op.http.Code)
		}
		for _, m := range membersBound(out, inStatus) {
			field := jen.Id("v").Dot(exported(m.Name))
			g.If(field.Clone().Op("!=").Nil()).Block(jen.Id("x").Dot("status").Op("=").Int().Parens(jen.Op("*").Add(field)))
		}
		p.encodeHeaders(g, out)
		p.encodeBody(g, out)
	})
	f.Line()
}

// encodeHeaders sets the response headers bound to output members.
func (p *plan) encodeHeaders(g *jen.Group, out *model.Shape) {
	for _, m := range membersBound(out, inHeader) {
		name, _ := m.Traits.HTTPHeader()
		t := p.m.Target(m)
		field := jen.Id("v").Dot(exported(m.Name))
		if isList(t) {
			el := p.m.Target(t.Member)
			g.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Add(field)).Block(
				jen.Id("x").Dot("addHeader").Call(jen.Lit(name), p.formatText(el, p.m.MemberTraits(t.Member), jen.Id("e"))))
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
	for _, m := range membersBound(out, inPrefixHeaders) {
		prefix, _ := m.Traits.HTTPPrefixHeaders()
		g.For(jen.List(jen.Id("k"), jen.Id("e")).Op(":=").Range().Id("v").Dot(exported(m.Name))).Block(
			jen.Id("x").Dot("setHeader").Call(jen.Lit(prefix).Op("+").Id("k"), jen.Id("e")))
	}
}

// encodeBody writes the JSON body members, or the payload member.
func (p *plan) encodeBody(g *jen.Group, out *model.Shape) {
	if payload := membersBound(out, inPayload); len(payload) > 0 {
		m := payload[0]
		t := p.m.Target(m)
		field := jen.Id("v").Dot(exported(m.Name))
		if p.jsonPayload(m) {
			g.If(field.Clone().Op("!=").Nil()).Block(
				jen.Id("w").Op(":=").Id("x").Dot("jsonBody").Call(),
				p.writeValue(t, p.m.MemberTraits(m), field.Clone(), true))
			return
		}
		mediaType := p.payloadMediaType(m, true)
		value := field.Clone()
		if t.Type == model.String {
			value = jen.Index().Byte().Parens(jen.Op("*").Add(field.Clone()))
		}
		g.If(field.Clone().Op("!=").Nil()).Block(jen.Id("x").Dot("rawBody").Call(jen.Lit(mediaType), value))
		return
	}
	body := membersBound(out, inBody)
	if len(body) == 0 {
		return
	}
	g.Id("w").Op(":=").Id("x").Dot("jsonBody").Call()
	g.Id("w").Dot("objectStart").Call()
	p.writeMembers(g, sortByMemberName(body))
	g.Id("w").Dot("objectEnd").Call()
}

// payloadMediaType is the media type of a blob or string payload: its
// @mediaType, else application/octet-stream for blobs and text/plain for
// strings. Without params, it is the bare type/subtype in lower case, as
// requests are matched against it.
func (p *plan) payloadMediaType(m *model.Member, params bool) string {
	mediaType := "application/octet-stream"
	if p.m.Target(m).Type == model.String {
		mediaType = "text/plain"
	}
	if mt, ok := p.m.MemberTraits(m).MediaType(); ok {
		mediaType = mt
	}
	if !params {
		if mt, _, err := mime.ParseMediaType(mediaType); err == nil {
			mediaType = mt
		}
	}
	return mediaType
}

func sortByMemberName(ms []*model.Member) []*model.Member {
	out := append([]*model.Member{}, ms...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
