package model

import (
	"math/big"
	"sort"
	"strings"
)

// Traits holds a shape's or member's traits whole, by absolute trait ID. Each
// value is the trait's JSON node: nil, bool, float64, string, []any or
// map[string]any. The typed accessors below cover the traits the generator
// uses; any other trait is still here for those who need it.
type Traits map[ShapeID]any

// Trait IDs of the prelude used by the accessors.
const (
	TraitRequired          ShapeID = "smithy.api#required"
	TraitDefault           ShapeID = "smithy.api#default"
	TraitClientOptional    ShapeID = "smithy.api#clientOptional"
	TraitLength            ShapeID = "smithy.api#length"
	TraitPattern           ShapeID = "smithy.api#pattern"
	TraitRange             ShapeID = "smithy.api#range"
	TraitUniqueItems       ShapeID = "smithy.api#uniqueItems"
	TraitEnumValue         ShapeID = "smithy.api#enumValue"
	TraitEnum              ShapeID = "smithy.api#enum" // Smithy 1.0
	TraitSensitive         ShapeID = "smithy.api#sensitive"
	TraitDocumentation     ShapeID = "smithy.api#documentation"
	TraitDeprecated        ShapeID = "smithy.api#deprecated"
	TraitError             ShapeID = "smithy.api#error"
	TraitHTTPError         ShapeID = "smithy.api#httpError"
	TraitHTTP              ShapeID = "smithy.api#http"
	TraitHTTPLabel         ShapeID = "smithy.api#httpLabel"
	TraitHTTPQuery         ShapeID = "smithy.api#httpQuery"
	TraitHTTPQueryParams   ShapeID = "smithy.api#httpQueryParams"
	TraitHTTPHeader        ShapeID = "smithy.api#httpHeader"
	TraitHTTPPrefixHeaders ShapeID = "smithy.api#httpPrefixHeaders"
	TraitHTTPPayload       ShapeID = "smithy.api#httpPayload"
	TraitHTTPResponseCode  ShapeID = "smithy.api#httpResponseCode"
	TraitJSONName          ShapeID = "smithy.api#jsonName"
	TraitTimestampFormat   ShapeID = "smithy.api#timestampFormat"
	TraitIdempotencyToken  ShapeID = "smithy.api#idempotencyToken"
	TraitEndpoint          ShapeID = "smithy.api#endpoint"
	TraitHostLabel         ShapeID = "smithy.api#hostLabel"
	TraitPaginated         ShapeID = "smithy.api#paginated"
	TraitInput             ShapeID = "smithy.api#input"
	TraitOutput            ShapeID = "smithy.api#output"
	TraitMediaType         ShapeID = "smithy.api#mediaType"
	TraitSparse            ShapeID = "smithy.api#sparse"
	TraitBox               ShapeID = "smithy.api#box" // Smithy 1.0
	TraitStreaming         ShapeID = "smithy.api#streaming"
	TraitRequiresLength    ShapeID = "smithy.api#requiresLength"
	TraitEventHeader       ShapeID = "smithy.api#eventHeader"
	TraitEventPayload      ShapeID = "smithy.api#eventPayload"
	TraitInternal          ShapeID = "smithy.api#internal"
	TraitTags              ShapeID = "smithy.api#tags"
	TraitSigV4             ShapeID = "aws.auth#sigv4"
	TraitAWSService        ShapeID = "aws.api#service"
	TraitUnsignedPayload   ShapeID = "aws.auth#unsignedPayload"
)

// Has reports whether the trait is present.
func (t Traits) Has(id ShapeID) bool { _, ok := t[id]; return ok }

// String returns a trait whose value is a string.
func (t Traits) String(id ShapeID) (string, bool) {
	s, ok := t[id].(string)
	return s, ok
}

func (t Traits) object(id ShapeID) map[string]any {
	o, _ := t[id].(map[string]any)
	return o
}

// SigV4Name returns the signing name of a service's aws.auth#sigv4 trait.
func (t Traits) SigV4Name() (string, bool) {
	name, ok := t.object(TraitSigV4)["name"].(string)
	return name, ok && name != ""
}

// ARNNamespace returns the arnNamespace of a service's aws.api#service
// trait.
func (t Traits) ARNNamespace() (string, bool) {
	ns, ok := t.object(TraitAWSService)["arnNamespace"].(string)
	return ns, ok && ns != ""
}

// Required reports @required.
func (t Traits) Required() bool { return t.Has(TraitRequired) }

// Sensitive reports @sensitive.
func (t Traits) Sensitive() bool { return t.Has(TraitSensitive) }

// ClientOptional reports @clientOptional.
func (t Traits) ClientOptional() bool { return t.Has(TraitClientOptional) }

// UniqueItems reports @uniqueItems.
func (t Traits) UniqueItems() bool { return t.Has(TraitUniqueItems) }

// IdempotencyToken reports @idempotencyToken.
func (t Traits) IdempotencyToken() bool { return t.Has(TraitIdempotencyToken) }

// HTTPLabel reports @httpLabel.
func (t Traits) HTTPLabel() bool { return t.Has(TraitHTTPLabel) }

// HTTPPayload reports @httpPayload.
func (t Traits) HTTPPayload() bool { return t.Has(TraitHTTPPayload) }

// HTTPQueryParams reports @httpQueryParams.
func (t Traits) HTTPQueryParams() bool { return t.Has(TraitHTTPQueryParams) }

// HTTPResponseCode reports @httpResponseCode.
func (t Traits) HTTPResponseCode() bool { return t.Has(TraitHTTPResponseCode) }

// HostLabel reports @hostLabel.
func (t Traits) HostLabel() bool { return t.Has(TraitHostLabel) }

// Sparse reports @sparse.
func (t Traits) Sparse() bool { return t.Has(TraitSparse) }

// Documentation is the @documentation text (HTML in AWS models).
func (t Traits) Documentation() string { s, _ := t.String(TraitDocumentation); return s }

// HTTPQuery is the @httpQuery parameter name.
func (t Traits) HTTPQuery() (string, bool) { return t.String(TraitHTTPQuery) }

// HTTPHeader is the @httpHeader field name.
func (t Traits) HTTPHeader() (string, bool) { return t.String(TraitHTTPHeader) }

// HTTPPrefixHeaders is the @httpPrefixHeaders prefix.
func (t Traits) HTTPPrefixHeaders() (string, bool) { return t.String(TraitHTTPPrefixHeaders) }

// JSONName is the @jsonName.
func (t Traits) JSONName() (string, bool) { return t.String(TraitJSONName) }

// TimestampFormat is the @timestampFormat ("date-time", "http-date", "epoch-seconds").
func (t Traits) TimestampFormat() (string, bool) { return t.String(TraitTimestampFormat) }

// MediaType is the @mediaType.
func (t Traits) MediaType() (string, bool) { return t.String(TraitMediaType) }

// ErrorFault is the @error value ("client" or "server").
func (t Traits) ErrorFault() (string, bool) { return t.String(TraitError) }

// HTTPError is the @httpError status code.
func (t Traits) HTTPError() (int, bool) {
	f, ok := t[TraitHTTPError].(float64)
	return int(f), ok
}

// Pattern is the @pattern regular expression (ECMA-262).
func (t Traits) Pattern() (string, bool) { return t.String(TraitPattern) }

// Deprecation is the @deprecated trait.
type Deprecation struct{ Message, Since string }

// Deprecated returns @deprecated, or nil.
func (t Traits) Deprecated() *Deprecation {
	if !t.Has(TraitDeprecated) {
		return nil
	}
	o := t.object(TraitDeprecated)
	d := &Deprecation{}
	d.Message, _ = o["message"].(string)
	d.Since, _ = o["since"].(string)
	return d
}

// Bounds is the value of @length or @range: either end may be absent.
// Values are kept exact (ranges may hold decimals).
type Bounds struct {
	Min, Max *big.Float
}

func bounds(o map[string]any) *Bounds {
	if o == nil {
		return nil
	}
	b := &Bounds{}
	if v, ok := o["min"].(float64); ok {
		b.Min = new(big.Float).SetFloat64(v)
	}
	if v, ok := o["max"].(float64); ok {
		b.Max = new(big.Float).SetFloat64(v)
	}
	return b
}

// Length returns @length, or nil.
func (t Traits) Length() *Bounds { return bounds(t.object(TraitLength)) }

// Range returns @range, or nil.
func (t Traits) Range() *Bounds { return bounds(t.object(TraitRange)) }

// HTTP is the @http trait of an operation.
type HTTP struct {
	Method string
	URI    string
	Code   int
}

// HTTP returns @http, or nil.
func (t Traits) HTTP() *HTTP {
	o := t.object(TraitHTTP)
	if o == nil {
		return nil
	}
	h := &HTTP{Code: 200}
	h.Method, _ = o["method"].(string)
	h.URI, _ = o["uri"].(string)
	if c, ok := o["code"].(float64); ok {
		h.Code = int(c)
	}
	return h
}

// Endpoint returns the @endpoint host prefix.
func (t Traits) Endpoint() (hostPrefix string, ok bool) {
	o := t.object(TraitEndpoint)
	if o == nil {
		return "", false
	}
	hostPrefix, ok = o["hostPrefix"].(string)
	return hostPrefix, ok
}

// Paginated is the @paginated trait.
type Paginated struct{ InputToken, OutputToken, Items, PageSize string }

// Paginated returns @paginated, or nil.
func (t Traits) Paginated() *Paginated {
	o := t.object(TraitPaginated)
	if o == nil {
		return nil
	}
	p := &Paginated{}
	p.InputToken, _ = o["inputToken"].(string)
	p.OutputToken, _ = o["outputToken"].(string)
	p.Items, _ = o["items"].(string)
	p.PageSize, _ = o["pageSize"].(string)
	return p
}

// Default returns the @default value and whether the trait is present. The
// value is the trait's JSON node.
func (t Traits) Default() (any, bool) {
	v, ok := t[TraitDefault]
	return v, ok
}

// EnumValue returns @enumValue: a string for enums, a float64 for intEnums.
func (t Traits) EnumValue() (any, bool) {
	v, ok := t[TraitEnumValue]
	return v, ok
}

// IsInput reports @input.
func (t Traits) IsInput() bool { return t.Has(TraitInput) }

// IsOutput reports @output.
func (t Traits) IsOutput() bool { return t.Has(TraitOutput) }

// IDs returns the trait IDs, sorted.
func (t Traits) IDs() []ShapeID {
	ids := make([]ShapeID, 0, len(t))
	for id := range t {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// Merge returns the traits of base overlaid with those of over: member
// traits over target traits, as Smithy applies them.
func Merge(base, over Traits) Traits {
	out := make(Traits, len(base)+len(over))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		out[k] = v
	}
	return out
}

// absoluteTraitID resolves a trait name relative to the prelude, as the JSON
// AST allows only absolute IDs, but hand-written test models often forget.
func absoluteTraitID(name string) ShapeID {
	if strings.Contains(name, "#") {
		return ShapeID(name)
	}
	return ShapeID("smithy.api#" + name)
}
