package generator

import (
	"mime"

	"github.com/dave/jennifer/jen"

	"github.com/smithygen/smithygen/model"
)

// Bindings: where each member of an input or output travels in an HTTP
// message, and how a value bound to a label, query parameter or header is
// parsed from text.

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
	dst := jen.Op("&").Id("v").Dot(p.fieldName(m))
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

// payloadMediaType is the media type of a blob or string payload: its
// @mediaType, else application/octet-stream for blobs and text/plain for
// strings. Without params, it is the bare type/subtype in lower case, as
// requests are matched against it.
func (p *plan) payloadMediaType(m *model.Member, params bool) string {
	mediaType := "application/octet-stream"
	if t := p.m.Target(m).Type; t == model.String || t == model.Enum {
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

// acceptedMediaType is the media type a request's Content-Type or Accept
// must match for a blob or string payload: */* for a blob without
// @mediaType, which takes any (SPEC §3, Smithy's
// RestJsonHttpPayloadTraitsWithBlobAcceptsAllContentTypes).
func (p *plan) acceptedMediaType(m *model.Member) string {
	if _, ok := p.m.MemberTraits(m).MediaType(); !ok && p.m.Target(m).Type == model.Blob {
		return "*/*"
	}
	return p.payloadMediaType(m, false)
}

// isHTTPDateList reports whether a list bound to a header holds HTTP
// dates, whose own commas do not separate items.
func (p *plan) isHTTPDateList(list *model.Shape) bool {
	el := p.m.Target(list.Member)
	return el.Type == model.Timestamp && p.timestampFormat(p.m.MemberTraits(list.Member), "http-date") == "http-date"
}

// outputBodyMembers are the members of an output written to its JSON
// body: those bound to nothing, and those bound to the query string or a
// label, which a response does not have (Smithy's
// RestJsonIgnoreQueryParamsInResponse).
func outputBodyMembers(out *model.Shape) []*model.Member {
	var body []*model.Member
	for _, m := range out.Members {
		switch bindingOf(m) {
		case inBody, inQuery, inQueryParams, inLabel:
			body = append(body, m)
		}
	}
	return body
}
