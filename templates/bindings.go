//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

import (
	"encoding/base64"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Reading the parts of a request that are not the JSON body: labels, query
// parameters and headers. Values arrive as text; these helpers parse them
// and say where a value that does not parse came from.

// notImplemented is the error UnimplementedService returns.
func notImplemented(op string) error {
	return &frameworkError{http.StatusNotImplemented, "NotImplemented", "operation " + op + " is not implemented"}
}

// textValue is one value from a label, query parameter or header, with
// where it came from for the message when it does not parse. The message
// quotes the value, unless secret says the member is @sensitive.
type textValue struct {
	kind, name, s string
	ok, secret    bool
	err           error
}

// textList is the values of a list member bound to a query parameter or
// header.
type textList struct {
	kind, name string
	items      []string
	secret     bool
}

// sensitive marks a value of a @sensitive member: a message about it does
// not quote it.
func (v textValue) sensitive() textValue { v.secret = true; return v }

// sensitive is textValue.sensitive for lists.
func (l textList) sensitive() textList { l.secret = true; return l }

func (x *exchange) labelText(i int, name string) textValue {
	return textValue{kind: "label", name: name, s: x.labels[i], ok: true}
}

// queryValues returns every value of a query parameter. checkRequest has
// parsed the query string, and refused it if it does not decode.
func (x *exchange) queryValues(name string) []string {
	return x.query[name]
}

// queryText returns the one value of a query parameter bound to a member
// that is not a list; a repeated key is an error.
func (x *exchange) queryText(name string) textValue {
	v := textValue{kind: "query parameter", name: name}
	switch vs := x.queryValues(name); len(vs) {
	case 0:
	case 1:
		v.s, v.ok = vs[0], true
	default:
		v.err = &requestError{"query parameter " + strconv.Quote(name) + " is repeated, but takes one value"}
	}
	return v
}

func (x *exchange) queryList(name string) textList {
	return textList{kind: "query parameter", name: name, items: x.queryValues(name)}
}

// queryParams fills a map @httpQueryParams member whose values are
// strings or an enum: the first value of every query parameter.
func queryParams[K, V ~string](x *exchange) map[K]V {
	if len(x.query) == 0 {
		return nil
	}
	m := make(map[K]V, len(x.query))
	for k, vs := range x.query {
		m[K(k)] = V(vs[0])
	}
	return m
}

// queryParamLists fills a map @httpQueryParams member whose values are
// lists of strings or of an enum: every value of every query parameter.
func queryParamLists[K, V ~string](x *exchange) map[K][]V {
	if len(x.query) == 0 {
		return nil
	}
	if m, ok := any(map[string][]string(x.query)).(map[K][]V); ok {
		return m // plain strings: the parsed query as it is, no copy
	}
	m := make(map[K][]V, len(x.query))
	for k, vs := range x.query {
		l := make([]V, len(vs))
		for i, v := range vs {
			l[i] = V(v)
		}
		m[K(k)] = l
	}
	return m
}

// headerText returns a header's value; several header lines are joined
// with commas, as HTTP defines.
func (x *exchange) headerText(name string) textValue {
	v := textValue{kind: "header", name: name}
	switch vs := x.r.Header.Values(name); len(vs) {
	case 0:
	case 1:
		v.s, v.ok = vs[0], true
	default:
		v.s, v.ok = strings.Join(vs, ", "), true
	}
	return v
}

// headerItems splits a header bound to a list into its items.
func (x *exchange) headerItems(name string) textList {
	l := textList{kind: "header", name: name}
	for _, v := range x.r.Header.Values(name) {
		l.items = append(l.items, splitHeaderList(v)...)
	}
	return l
}

// headerDates splits a header bound to a list of HTTP dates: each date
// holds a comma of its own ("Mon, 16 Dec 2019 23:48:18 GMT"), so items are
// pairs of comma-separated parts.
func (x *exchange) headerDates(name string) textList {
	l := textList{kind: "header", name: name}
	for _, v := range x.r.Header.Values(name) {
		parts := strings.Split(v, ",")
		for i := 0; i < len(parts); i += 2 {
			item := parts[i]
			if i+1 < len(parts) {
				item += "," + parts[i+1]
			}
			l.items = append(l.items, strings.TrimSpace(item))
		}
	}
	return l
}

// joinHeaderItems writes the items of a list bound to a response header
// as one comma-separated value.
func joinHeaderItems(items []string) string { return strings.Join(items, ", ") }

// joinQuotedHeaderItems is joinHeaderItems for strings: an item holding a
// comma or a double quote is sent as a quoted string, so that the list
// splits back into the same items.
func joinQuotedHeaderItems(items []string) string {
	for i, s := range items {
		if strings.ContainsAny(s, `,"`) {
			items[i] = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
		}
	}
	return joinHeaderItems(items)
}

// splitHeaderList splits a comma-separated header value, honouring quoted
// strings.
func splitHeaderList(v string) []string {
	var items []string
	for len(v) > 0 {
		v = strings.TrimLeft(v, " \t")
		if strings.HasPrefix(v, `"`) {
			end := 1
			var b strings.Builder
			for end < len(v) && v[end] != '"' {
				if v[end] == '\\' && end+1 < len(v) {
					end++
				}
				b.WriteByte(v[end])
				end++
			}
			items = append(items, b.String())
			v = v[min(end+1, len(v)):]
			if i := strings.IndexByte(v, ','); i >= 0 {
				v = v[i+1:]
			} else {
				v = ""
			}
			continue
		}
		item, rest, found := strings.Cut(v, ",")
		items = append(items, strings.TrimSpace(item))
		if !found {
			break
		}
		v = rest
	}
	return items
}

// prefixHeaders collects the headers that start with prefix, for
// @httpPrefixHeaders; keys are the rest of the header name, lower-cased.
func (x *exchange) prefixHeaders(prefix string) map[string]string {
	var m map[string]string
	prefix = strings.ToLower(prefix)
	for name, vs := range x.r.Header {
		lower := strings.ToLower(name)
		if strings.HasPrefix(lower, prefix) {
			if m == nil {
				m = map[string]string{}
			}
			m[lower[len(prefix):]] = strings.Join(vs, ", ")
		}
	}
	return m
}

// payloadBytes is the request body for a blob @httpPayload; it is copied
// because the body buffer goes back to the pool.
func (x *exchange) payloadBytes() []byte {
	if len(x.body) == 0 {
		return nil
	}
	return append([]byte(nil), x.body...)
}

// setHeader sets a response header.
func (x *exchange) setHeader(name, value string) { x.w.Header().Set(name, value) }

// rawBody sends a payload that is not JSON, typed with the payload's media
// type unless an output member bound to Content-Type has set the header
// (API Gateway's GetExport names the format of what it exports).
func (x *exchange) rawBody(mediaType string, body []byte) {
	if h := x.w.Header(); h.Get("Content-Type") == "" {
		h.Set("Content-Type", mediaType)
	}
	x.out.buf = append(x.out.buf[:0], body...)
	x.hasRawBody = true
}

func (e textValue) fail(err error) error {
	msg := err.Error()
	if pe, ok := err.(*parseError); ok && e.secret {
		msg = "the value " + pe.problem
	}
	return &requestError{"invalid value for " + e.kind + " " + strconv.Quote(e.name) + ": " + msg}
}

// bindPtr parses a text value into a pointer member; absent leaves it nil.
func bindPtr[T any](dst **T, v textValue, parse func(string) (T, error)) error {
	if v.err != nil || !v.ok {
		return v.err
	}
	x, err := parse(v.s)
	if err != nil {
		return v.fail(err)
	}
	*dst = &x
	return nil
}

// bindValue parses a text value into a value member (enums, defaults).
func bindValue[T any](dst *T, v textValue, parse func(string) (T, error)) error {
	if v.err != nil || !v.ok {
		return v.err
	}
	x, err := parse(v.s)
	if err != nil {
		return v.fail(err)
	}
	*dst = x
	return nil
}

// bindList parses every item of a list binding.
func bindList[T any](dst *[]T, l textList, parse func(string) (T, error)) error {
	if len(l.items) == 0 {
		return nil
	}
	out := make([]T, 0, len(l.items))
	for _, s := range l.items {
		x, err := parse(s)
		if err != nil {
			return textValue{kind: l.kind, name: l.name, secret: l.secret}.fail(err)
		}
		out = append(out, x)
	}
	*dst = out
	return nil
}

// Text parsers, one per Smithy simple type, for labels, queries and headers.
// They take only what the AWS SDKs write: numbers as JSON writes them
// (strconv alone would also take "+1", "0x1p-2", "1_000" or "inf"), and
// strings of valid UTF-8, which is all Smithy strings can hold.

func parseText(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", badText(s, "is not valid UTF-8")
	}
	return s, nil
}

// parseError is a text value that does not parse: the value and what is
// wrong with it, separately, so that a message about a @sensitive member
// can leave the value out.
type parseError struct{ value, problem string }

func (e *parseError) Error() string { return strconv.Quote(e.value) + " " + e.problem }

func badText(s, problem string) error { return &parseError{value: s, problem: problem} }

func parseBoolText(s string) (bool, error) {
	switch s {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, badText(s, "is not true or false")
}

func parseIntText(s string, bits int) (int64, error) {
	if n, integer, ok := jsonNumberLen(s); !ok || n != len(s) || !integer {
		return 0, badText(s, "is not an integer")
	}
	n, err := strconv.ParseInt(s, 10, bits)
	if err != nil {
		article := "a "
		if bits == 8 {
			article = "an "
		}
		return 0, badText(s, "is out of range for "+article+strconv.Itoa(bits)+"-bit integer")
	}
	return n, nil
}

func parseInt8Text(s string) (int8, error)   { n, err := parseIntText(s, 8); return int8(n), err }
func parseInt16Text(s string) (int16, error) { n, err := parseIntText(s, 16); return int16(n), err }
func parseInt32Text(s string) (int32, error) { n, err := parseIntText(s, 32); return int32(n), err }
func parseInt64Text(s string) (int64, error) { return parseIntText(s, 64) }

func parseFloatText(s string, bits int) (float64, error) {
	switch s {
	case "NaN":
		return math.NaN(), nil
	case "Infinity":
		return math.Inf(1), nil
	case "-Infinity":
		return math.Inf(-1), nil
	}
	if n, _, ok := jsonNumberLen(s); !ok || n != len(s) {
		return 0, badText(s, "is not a number")
	}
	f, err := strconv.ParseFloat(s, bits)
	if err != nil {
		return 0, badText(s, "is out of range for a "+strconv.Itoa(bits)+"-bit float")
	}
	return f, nil
}

func parseFloat32Text(s string) (float32, error) {
	f, err := parseFloatText(s, 32)
	return float32(f), err
}
func parseFloat64Text(s string) (float64, error) { return parseFloatText(s, 64) }

// parseDateTimeText takes date-times in UTC only: Smithy's date-time has
// no offsets, and RestJsonPathTimestampDefaultRejectsUTCOffsets and its
// query twin want "1996-12-19T16:39:57-08:00" refused.
func parseDateTimeText(s string) (time.Time, error) {
	t, problem := dateTimeParse(s, true)
	if problem != "" {
		return time.Time{}, badText(s, "is not a date-time: "+problem)
	}
	return t, nil
}

func parseHTTPDateText(s string) (time.Time, error) {
	t, problem := httpDateParse(s)
	if problem != "" {
		return time.Time{}, badText(s, "is not an HTTP date: "+problem)
	}
	return t, nil
}

func parseEpochSecondsText(s string) (time.Time, error) {
	t, code := epochSecondsParse(s)
	switch code {
	case epochSyntax:
		return time.Time{}, badText(s, "is not a number of seconds since the epoch")
	case epochRange:
		return time.Time{}, badText(s, "is out of range for a timestamp")
	}
	return t, nil
}

// parseBase64Text decodes a @mediaType string bound to a header, which is
// base64 on the wire.
func parseBase64Text(s string) (string, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return "", badText(s, "is not base64")
	}
	return string(b), nil
}

func formatBase64Text(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// Formatters for response headers.

func formatBoolText(b bool) string       { return strconv.FormatBool(b) }
func formatIntText(n int64) string       { return strconv.FormatInt(n, 10) }
func formatFloatText(f float64) string   { return formatFloatBits(f, 64) }
func formatFloat32Text(f float32) string { return formatFloatBits(float64(f), 32) }

func formatFloatBits(f float64, bits int) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	return strconv.FormatFloat(f, 'g', -1, bits)
}

// parseEnumText reads an enum from text; membership is left to validation,
// so that an unknown value gets the modeled message.
func parseEnumText[E ~string](s string) (E, error) {
	v, err := parseText(s)
	return E(v), err
}

// parseIntEnumText reads an intEnum from text.
func parseIntEnumText[E ~int32](s string) (E, error) {
	n, err := parseIntText(s, 32)
	return E(n), err
}
