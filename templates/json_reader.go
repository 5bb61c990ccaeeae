//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

import (
	"encoding/base64"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonDefaultMaxDepth is the nesting limit used when reset is given none.
const jsonDefaultMaxDepth = 64

// jsonMaxScratch bounds the scratch buffer a jsonReader keeps across
// resets, so that one request with a huge escaped string does not pin that
// much memory in a pooled reader.
const jsonMaxScratch = 64 << 10

// malformedError reports a request body that is not valid JSON or does not
// have the shape the operation expects. Every error the jsonReader produces
// itself is a *malformedError; the server turns it into a 400 response.
type malformedError struct {
	// path is the RFC 6901 JSON pointer of the value being read when the
	// problem was found, "" for the top-level value.
	path string
	msg  string
}

func (e *malformedError) Error() string {
	if e.path == "" {
		return "invalid JSON: " + e.msg
	}
	return "invalid JSON at '" + e.path + "': " + e.msg
}

// jsonPathElem is one step of the path to the value being read. Keys are
// kept as the bounds of their raw (still escaped) text in the input rather
// than as decoded bytes: decoded keys may live in the reader's scratch
// buffer, and the path is only ever formatted when an error is built.
type jsonPathElem struct {
	start, end int // raw key text in the input, when index < 0
	index      int // array index, or -1 for an object key
}

// jsonReader reads one JSON document from a byte slice, token by token,
// straight into typed values: there is no intermediate tree and no
// reflection. The zero value is not ready for use; call reset first.
//
// The caller drives the reader with the shape it expects: readObject and
// readArray for containers, a read* method for each scalar, skip for
// values it does not know, and end once the top-level value has been read.
// After any error the reader's position is unspecified and it must be reset
// before it is used again.
type jsonReader struct {
	data     []byte
	pos      int
	depth    int
	maxDepth int
	path     []jsonPathElem
	// text is where the strings read are copied, one after another, and
	// strs where the *string members point: chunks shared by all the
	// documents a reader reads, one allocation for the strings of many
	// requests rather than one or more per request. Both only ever
	// append, so what they have handed out stays valid and untouched
	// (a strings.Builder never writes over what it holds); a value kept
	// after its request keeps its chunks alive with it, a few kilobytes.
	text strings.Builder
	strs []string
	// scratch holds decoded escaped text. It is used as a stack: a key
	// handed to a readObject callback stays in place while the callback
	// reads the member's value, and anything decoded meanwhile is appended
	// after it and dropped again.
	scratch []byte
	// keys holds the first keys of each object being read, innermost
	// last, to find duplicates (see readObject).
	keys []jsonKey
}

// jsonKey is an object key as the bounds of its raw text in the input.
type jsonKey struct {
	start, end int
	escaped    bool
}

// jsonKeysScanned is how many keys of an object are compared one by one
// when looking for a duplicate; larger objects (maps, mostly) switch to a
// set of decoded keys.
const jsonKeysScanned = 16

// newString stores s in the current block of strings and returns a pointer
// to it: one allocation for many *string members.
func (r *jsonReader) newString(s string) *string {
	if len(r.strs) == cap(r.strs) {
		r.strs = make([]string, 0, jsonStringsBlock)
	}
	r.strs = append(r.strs, s)
	return &r.strs[len(r.strs)-1]
}

// jsonStringsBlock is how many *string members one allocation serves.
const jsonStringsBlock = 32

// release drops what r refers to of the last input, so that a pooled
// reader does not keep a request body alive.
func (r *jsonReader) release() {
	r.data = nil
	if cap(r.scratch) > jsonMaxScratch {
		r.scratch = nil
	}
}

// reset makes r ready to read data. maxDepth limits how deeply objects and
// arrays may nest; zero or less means 64. r keeps its buffers for reuse but
// does not modify data.
func (r *jsonReader) reset(data []byte, maxDepth int) {
	if maxDepth <= 0 {
		maxDepth = jsonDefaultMaxDepth
	}
	r.data = data
	r.pos = 0
	r.depth = 0
	r.maxDepth = maxDepth
	r.path = r.path[:0]
	r.keys = r.keys[:0]
	if cap(r.scratch) > jsonMaxScratch {
		r.scratch = nil
	}
	r.scratch = r.scratch[:0]
}

// readObject reads an object, calling fn for each member with its key
// positioned before the member's value, which fn must consume with exactly
// one read* or skip call. The key is unescaped; it is valid only until fn
// returns and must not be modified or retained (convert it with string()
// to keep it).
//
// A key that occurs twice in one object (after unescaping: "a" and "\u0061"
// are the same key) is an error, reported at the second. JSON leaves
// duplicates to the parser (RFC 8259, section 4), and parsers disagree:
// some keep the first value, most the last, some both. A request whose
// meaning depends on the parser is one a proxy or firewall in front of the
// service may have read differently from the service, so the server takes
// no side and refuses it; no client has a reason to send one.
//
// If the value is null instead of an object, readObject consumes it and
// returns nil without calling fn: in JSON bodies null means absent. An
// error returned by fn is returned unchanged.
func (r *jsonReader) readObject(fn func(key []byte) error) error {
	switch r.skipSpace() {
	case '{':
	case 'n':
		if r.readNull() {
			return nil
		}
		return r.unexpected("an object")
	default:
		return r.unexpected("an object")
	}
	if err := r.enter(); err != nil {
		return err
	}
	r.pos++
	if r.skipSpace() == '}' {
		r.pos++
		r.depth--
		return nil
	}
	base := len(r.keys)
	var seen map[string]struct{} // the keys, once there are many
	// sigs has a bit for each plain key read so far, chosen by its length
	// and ends: a key whose bit is clear cannot repeat a plain key, so the
	// one-by-one comparison is needed only on a clash or after an escaped
	// key, whose raw text differs from what it stands for.
	var sigs uint64
	plain := true
	for {
		if r.skipSpace() != '"' {
			return r.syntaxError(r.pos, ", expected a string key")
		}
		start, end, escaped, err := r.scanString()
		if err != nil {
			return err
		}
		r.path = append(r.path, jsonPathElem{start: start, end: end, index: -1})
		plain = plain && !escaped
		k := jsonKey{start, end, escaped}
		if sig := jsonKeySig(r.data[start:end]); plain && sigs&sig == 0 && seen == nil && len(r.keys)-base < jsonKeysScanned {
			sigs |= sig
			r.keys = append(r.keys, k)
		} else if r.repeatedKey(base, &seen, k) {
			return r.fail("the key occurs more than once in the object")
		}
		if r.skipSpace() != ':' {
			return r.syntaxError(r.pos, ", expected ':' after an object key")
		}
		r.pos++
		mark := len(r.scratch)
		key := r.data[start:end:end]
		if escaped {
			r.scratch = jsonAppendUnescaped(r.scratch, key)
			key = r.scratch[mark:len(r.scratch):len(r.scratch)]
		}
		err = fn(key)
		r.scratch = r.scratch[:mark]
		r.path = r.path[:len(r.path)-1]
		if err != nil {
			return err
		}
		switch r.skipSpace() {
		case ',':
			r.pos++
		case '}':
			r.pos++
			r.depth--
			r.keys = r.keys[:base]
			return nil
		default:
			return r.syntaxError(r.pos, ", expected ',' or '}' after an object member")
		}
	}
}

// jsonKeySig picks one of 64 bits for a key from its length and its first
// and last bytes; equal keys get the same bit.
func jsonKeySig(key []byte) uint64 {
	if len(key) == 0 {
		return 1
	}
	return 1 << ((uint(len(key)) + uint(key[0])*7 + uint(key[len(key)-1])*13) & 63)
}

// repeatedKey reports whether k occurred before in the object whose keys
// start at r.keys[base] (or are in *seen), and records it. The first
// jsonKeysScanned keys are compared as raw text, which is cheap and
// allocates nothing; past that, the object's keys move to a set.
func (r *jsonReader) repeatedKey(base int, seen *map[string]struct{}, k jsonKey) bool {
	if *seen == nil {
		for _, prev := range r.keys[base:] {
			if r.sameKey(prev, k) {
				return true
			}
		}
		r.keys = append(r.keys, k)
		if len(r.keys)-base <= jsonKeysScanned {
			return false
		}
		*seen = make(map[string]struct{}, 4*jsonKeysScanned)
		for _, prev := range r.keys[base:] {
			(*seen)[r.keyText(prev)] = struct{}{}
		}
		r.keys = r.keys[:base]
		return false
	}
	text := r.keyText(k)
	if _, dup := (*seen)[text]; dup {
		return true
	}
	(*seen)[text] = struct{}{}
	return false
}

// sameKey compares two keys, unescaped; escaped ones are decoded on top of
// the scratch stack, which is left as it was.
func (r *jsonReader) sameKey(a, b jsonKey) bool {
	if !a.escaped && !b.escaped {
		return string(r.data[a.start:a.end]) == string(r.data[b.start:b.end])
	}
	mark := len(r.scratch)
	r.scratch = jsonAppendUnescaped(r.scratch, r.data[a.start:a.end])
	mid := len(r.scratch)
	r.scratch = jsonAppendUnescaped(r.scratch, r.data[b.start:b.end])
	same := string(r.scratch[mark:mid]) == string(r.scratch[mid:])
	r.scratch = r.scratch[:mark]
	return same
}

// keyText returns a key unescaped.
func (r *jsonReader) keyText(k jsonKey) string {
	if !k.escaped {
		return string(r.data[k.start:k.end])
	}
	return string(jsonAppendUnescaped(nil, r.data[k.start:k.end]))
}

// readArray reads an array, calling fn with the index of each element
// positioned before it; fn must consume the element with exactly one read*
// or skip call. null instead of an array is consumed and returns nil
// without calling fn. An error returned by fn is returned unchanged.
func (r *jsonReader) readArray(fn func(i int) error) error {
	switch r.skipSpace() {
	case '[':
	case 'n':
		if r.readNull() {
			return nil
		}
		return r.unexpected("an array")
	default:
		return r.unexpected("an array")
	}
	if err := r.enter(); err != nil {
		return err
	}
	r.pos++
	if r.skipSpace() == ']' {
		r.pos++
		r.depth--
		return nil
	}
	for i := 0; ; i++ {
		r.path = append(r.path, jsonPathElem{index: i})
		err := fn(i)
		r.path = r.path[:len(r.path)-1]
		if err != nil {
			return err
		}
		switch r.skipSpace() {
		case ',':
			r.pos++
		case ']':
			r.pos++
			r.depth--
			return nil
		default:
			return r.syntaxError(r.pos, ", expected ',' or ']' after an array element")
		}
	}
}

// readNull consumes the next value and reports true if it is the literal
// null; otherwise it consumes nothing and reports false.
func (r *jsonReader) readNull() bool {
	if r.skipSpace() == 'n' && jsonHasLiteral(r.data[r.pos:], "null") {
		r.pos += len("null")
		return true
	}
	return false
}

// readString reads a string. The result is a copy; it does not alias the
// input.
func (r *jsonReader) readString() (string, error) {
	if r.skipSpace() != '"' {
		return "", r.unexpected("a string")
	}
	start, end, escaped, err := r.scanString()
	if err != nil {
		return "", err
	}
	if !escaped {
		return r.keep(r.data[start:end]), nil
	}
	mark := len(r.scratch)
	r.scratch = jsonAppendUnescaped(r.scratch, r.data[start:end])
	s := r.keep(r.scratch[mark:])
	r.scratch = r.scratch[:mark]
	return s, nil
}

// jsonTextChunk is the size of the chunks of text that strings are
// copied to; a string longer than a quarter of that is an allocation of
// its own, so that no chunk is mostly waste.
const jsonTextChunk = 4 << 10

// keep returns b as a string in r.text.
func (r *jsonReader) keep(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if r.text.Cap()-r.text.Len() < len(b) {
		if len(b) > jsonTextChunk/4 {
			return string(b)
		}
		r.text = strings.Builder{}
		r.text.Grow(jsonTextChunk)
	}
	n := r.text.Len()
	r.text.Write(b)
	return r.text.String()[n:]
}

// readStringBytes reads a string and returns its unescaped contents, which
// either alias the input or sit in the scratch buffer after mark. The
// caller must truncate the scratch buffer back to mark when done.
func (r *jsonReader) readStringBytes(expected string) (b []byte, mark int, err error) {
	mark = len(r.scratch)
	if r.skipSpace() != '"' {
		return nil, mark, r.unexpected(expected)
	}
	start, end, escaped, err := r.scanString()
	if err != nil {
		return nil, mark, err
	}
	if !escaped {
		return r.data[start:end:end], mark, nil
	}
	r.scratch = jsonAppendUnescaped(r.scratch, r.data[start:end])
	return r.scratch[mark:len(r.scratch):len(r.scratch)], mark, nil
}

// readBool reads true or false.
func (r *jsonReader) readBool() (bool, error) {
	switch r.skipSpace() {
	case 't':
		if jsonHasLiteral(r.data[r.pos:], "true") {
			r.pos += len("true")
			return true, nil
		}
	case 'f':
		if jsonHasLiteral(r.data[r.pos:], "false") {
			r.pos += len("false")
			return false, nil
		}
	}
	return false, r.unexpected("a boolean")
}

// readInt8, readInt16, readInt32 and readInt64 read a number written as
// an integer that fits the type; see readInt.
func (r *jsonReader) readInt8() (int8, error) {
	v, err := r.readInt(8)
	return int8(v), err
}

func (r *jsonReader) readInt16() (int16, error) {
	v, err := r.readInt(16)
	return int16(v), err
}

func (r *jsonReader) readInt32() (int32, error) {
	v, err := r.readInt(32)
	return int32(v), err
}

func (r *jsonReader) readInt64() (int64, error) {
	return r.readInt(64)
}

// readInt reads a number written as an integer (no fraction, no exponent:
// 1.0 and 1e2 are rejected, as Smithy's protocol tests require) that fits
// in a signed integer of the given size.
func (r *jsonReader) readInt(bits uint) (int64, error) {
	num, integer, err := r.readNumber("an integer")
	if err != nil {
		return 0, err
	}
	if !integer {
		return 0, r.fail("value " + jsonClip(num) + " is not an integer")
	}
	neg := num[0] == '-'
	digits := num
	if neg {
		digits = num[1:]
	}
	limit := uint64(1) << (bits - 1) // magnitude of the minimum value
	if !neg {
		limit--
	}
	var u uint64
	for _, c := range digits {
		d := uint64(c - '0')
		if u > (limit-d)/10 {
			article := "a "
			if bits == 8 {
				article = "an "
			}
			return 0, r.fail("value " + jsonClip(num) + " is out of range for " + article + strconv.Itoa(int(bits)) + "-bit integer")
		}
		u = u*10 + d
	}
	if neg {
		return -int64(u), nil // also right for the minimum: -(1<<63) wraps to itself
	}
	return int64(u), nil
}

// readFloat32 reads a number as the nearest float32. The strings "NaN",
// "Infinity" and "-Infinity" are accepted too: that is how restJson1
// represents the non-finite values.
func (r *jsonReader) readFloat32() (float32, error) {
	v, err := r.readFloat(32)
	return float32(v), err
}

// readFloat64 is readFloat32 for float64.
func (r *jsonReader) readFloat64() (float64, error) {
	return r.readFloat(64)
}

func (r *jsonReader) readFloat(bits int) (float64, error) {
	if r.skipSpace() == '"' {
		s, mark, err := r.readStringBytes("a number")
		if err != nil {
			return 0, err
		}
		v, ok := jsonNonFinite(s)
		r.scratch = r.scratch[:mark]
		if !ok {
			return 0, r.fail(`expected a number, found a string (only "NaN", "Infinity" and "-Infinity" may be quoted)`)
		}
		return v, nil
	}
	num, _, err := r.readNumber("a number")
	if err != nil {
		return 0, err
	}
	return r.parseFloat(num, bits)
}

// parseFloat converts the text of a valid JSON number.
func (r *jsonReader) parseFloat(num []byte, bits int) (float64, error) {
	if v, ok := jsonParseFloatFast(num, bits); ok {
		return v, nil
	}
	v, err := strconv.ParseFloat(string(num), bits)
	if err != nil || math.IsInf(v, 0) {
		return 0, r.fail("value " + jsonClip(num) + " is out of range for a " + strconv.Itoa(bits) + "-bit float")
	}
	return v, nil
}

// Limits on arbitrary-precision numbers. math/big takes time quadratic in
// the number of digits to parse them, and a big.Float with a large binary
// exponent takes time quadratic in the exponent to format, so without
// bounds a one-megabyte number (or the short "1e-99999", echoed back in a
// response) would cost seconds to minutes of CPU. The length limit is
// Jackson's default; the magnitude limit, a leading digit no further than
// 1000 places from the decimal point, is far beyond what decimal values
// in APIs need.
const (
	jsonMaxBigNumberLen = 1000
	jsonMaxBigFloatExp  = 1000
)

// readBigInt reads a number written as an integer, of up to 1000
// characters.
func (r *jsonReader) readBigInt() (*big.Int, error) {
	num, integer, err := r.readNumber("an integer")
	if err != nil {
		return nil, err
	}
	if !integer {
		return nil, r.fail("value " + jsonClip(num) + " is not an integer")
	}
	if len(num) > jsonMaxBigNumberLen {
		return nil, r.fail("value " + jsonClip(num) + " is longer than " + strconv.Itoa(jsonMaxBigNumberLen) + " characters")
	}
	v, ok := new(big.Int).SetString(string(num), 10)
	if !ok {
		return nil, r.fail("value " + jsonClip(num) + " is not an integer")
	}
	return v, nil
}

// readBigFloat reads a number of up to 1000 characters that is zero or at
// least 1e-1000 and less than 1e1001 in magnitude. The precision of the
// result is enough to hold every digit given (and at least 64 bits), so
// that writing it back with jsonWriter.bigFloat reproduces the value.
func (r *jsonReader) readBigFloat() (*big.Float, error) {
	num, _, err := r.readNumber("a number")
	if err != nil {
		return nil, err
	}
	if len(num) > jsonMaxBigNumberLen {
		return nil, r.fail("value " + jsonClip(num) + " is longer than " + strconv.Itoa(jsonMaxBigNumberLen) + " characters")
	}
	if exp, nonzero := jsonDecimalExponent(num); nonzero && (exp > jsonMaxBigFloatExp || exp < -jsonMaxBigFloatExp) {
		return nil, r.fail("value " + jsonClip(num) + " is out of range")
	}
	digits := 0
	for _, c := range num {
		if c == 'e' || c == 'E' {
			break
		}
		if jsonIsDigit(c) {
			digits++
		}
	}
	prec := uint(64)
	if p := uint(digits)*10/3 + 2; p > prec { // log2(10) < 10/3
		prec = p
	}
	v, _, perr := new(big.Float).SetPrec(prec).Parse(string(num), 10)
	if perr != nil || v.IsInf() {
		return nil, r.fail("value " + jsonClip(num) + " is out of range")
	}
	return v, nil
}

// jsonDecimalExponent returns the exponent of the leading digit of a valid
// JSON number: 0 for 1.5, 2 for 123, -3 for 0.00123 or 1.23e-3. ok is false
// for zero.
func jsonDecimalExponent(num []byte) (exp int64, ok bool) {
	i := 0
	if num[0] == '-' {
		i++
	}
	lead := int64(-1) // 1-based index of the first non-zero digit
	pos := int64(0)   // digits seen so far
	for ; i < len(num) && jsonIsDigit(num[i]); i++ {
		pos++
		if lead < 0 && num[i] != '0' {
			lead = pos
		}
	}
	point := pos // digits before the decimal point
	if i < len(num) && num[i] == '.' {
		for i++; i < len(num) && jsonIsDigit(num[i]); i++ {
			pos++
			if lead < 0 && num[i] != '0' {
				lead = pos
			}
		}
	}
	if lead < 0 {
		return 0, false
	}
	var e int64
	if i < len(num) { // the exponent, as validated by jsonNumberLen
		i++
		neg := num[i] == '-'
		if num[i] == '+' || num[i] == '-' {
			i++
		}
		for ; i < len(num); i++ {
			if e < 1<<40 { // saturate well past any accepted value
				e = e*10 + int64(num[i]-'0')
			}
		}
		if neg {
			e = -e
		}
	}
	return point - lead + e, true
}

// readBlob reads a string holding standard base64 with padding.
func (r *jsonReader) readBlob() ([]byte, error) {
	s, mark, err := r.readStringBytes("a base64-encoded string")
	if err != nil {
		return nil, err
	}
	// encoding/base64 silently skips CR and LF; a blob containing them is
	// not what any client sends, so reject it rather than guess.
	for _, c := range s {
		if c == '\r' || c == '\n' {
			r.scratch = r.scratch[:mark]
			return nil, r.fail("invalid base64")
		}
	}
	out := make([]byte, base64.StdEncoding.DecodedLen(len(s)))
	n, derr := base64.StdEncoding.Decode(out, s)
	r.scratch = r.scratch[:mark]
	if derr != nil {
		return nil, r.fail("invalid base64")
	}
	return out[:n:n], nil
}

// readEpochSeconds reads a timestamp written as a number of seconds since
// the Unix epoch, with an optional fraction (or exponent). The conversion is
// exact to the nanosecond; further digits are truncated toward zero. The
// result is in UTC.
func (r *jsonReader) readEpochSeconds() (time.Time, error) {
	num, _, err := r.readNumber("a timestamp in seconds since the epoch")
	if err != nil {
		return time.Time{}, err
	}
	t, problem := epochSecondsParse(num)
	if problem != epochOK {
		return time.Time{}, r.fail("value " + jsonClip(num) + " is out of range for a timestamp")
	}
	return t, nil
}

// nullElement reports null where a value is required: an element of a
// list or a value of a map that is not @sparse.
func (r *jsonReader) nullElement() error {
	return r.fail("expected a value, found null")
}

// invalidValue reports a well-formed value that is not acceptable (a
// timestamp string in the wrong format, say), at the current path.
func (r *jsonReader) invalidValue(msg string) error {
	return r.fail(msg)
}

// readDocument reads any JSON value into nil, bool, float64, string, []any
// or map[string]any. Numbers that do not fit a float64 are an error.
func (r *jsonReader) readDocument() (any, error) {
	switch c := r.skipSpace(); {
	case c == '{':
		m := map[string]any{}
		err := r.readObject(func(key []byte) error {
			v, err := r.readDocument()
			if err != nil {
				return err
			}
			m[string(key)] = v
			return nil
		})
		if err != nil {
			return nil, err
		}
		return m, nil
	case c == '[':
		a := []any{}
		err := r.readArray(func(int) error {
			v, err := r.readDocument()
			if err != nil {
				return err
			}
			a = append(a, v)
			return nil
		})
		if err != nil {
			return nil, err
		}
		return a, nil
	case c == '"':
		return r.readString()
	case c == 't' || c == 'f':
		return r.readBool()
	case c == 'n':
		if r.readNull() {
			return nil, nil
		}
		return nil, r.badValue()
	default:
		num, _, err := r.readNumber("a value")
		if err != nil {
			return nil, err
		}
		return r.parseFloat(num, 64)
	}
}

// skip reads and discards one value of any type. The value is still fully
// validated and its nesting counts against the depth limit.
func (r *jsonReader) skip() error {
	switch c := r.skipSpace(); {
	case c == '{':
		return r.readObject(func([]byte) error { return r.skip() })
	case c == '[':
		return r.readArray(func(int) error { return r.skip() })
	case c == '"':
		_, _, _, err := r.scanString()
		return err
	case c == 't' || c == 'f':
		_, err := r.readBool()
		return err
	case c == 'n':
		if r.readNull() {
			return nil
		}
		return r.badValue()
	default:
		_, _, err := r.readNumber("a value")
		return err
	}
}

// end checks that nothing but whitespace follows the top-level value.
func (r *jsonReader) end() error {
	r.skipSpace()
	if r.pos < len(r.data) {
		return r.fail("unexpected data after the JSON document")
	}
	return nil
}

// skipSpace advances past whitespace and returns the next byte without
// consuming it, or 0 at the end of the input (a NUL byte in the input is
// never valid where a token may start, so callers treat both alike and let
// syntaxError tell them apart).
func (r *jsonReader) skipSpace() byte {
	for r.pos < len(r.data) {
		// Most documents have no whitespace between tokens: one
		// comparison settles that.
		c := r.data[r.pos]
		if c > ' ' || c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return c
		}
		r.pos++
	}
	return 0
}

func (r *jsonReader) enter() error {
	if r.depth >= r.maxDepth {
		return r.fail("nesting is deeper than " + strconv.Itoa(r.maxDepth) + " levels")
	}
	r.depth++
	return nil
}

// readNumber consumes a number and returns its text, which aliases the
// input, and whether it was written as an integer. expected names what the
// caller wanted, for the message when the value is not a number.
func (r *jsonReader) readNumber(expected string) (num []byte, integer bool, err error) {
	r.skipSpace()
	start := r.pos
	if start >= len(r.data) {
		return nil, false, r.syntaxError(start, "")
	}
	if c := r.data[start]; c != '-' && !jsonIsDigit(c) {
		return nil, false, r.unexpected(expected)
	}
	n, integer, ok := jsonNumberLen(r.data[start:])
	if !ok {
		return nil, false, r.syntaxError(start+n, "")
	}
	r.pos = start + n
	return r.data[start : start+n : start+n], integer, nil
}

// scanString validates the string whose opening quote is at r.pos and
// consumes it. It returns the bounds of the raw text between the quotes and
// whether that text contains escape sequences.
func (r *jsonReader) scanString() (start, end int, escaped bool, err error) {
	data := r.data
	i := r.pos + 1
	start = i
	for {
		// Most strings are plain ASCII: skip them eight bytes at a time
		// to whatever ends the run, and byte by byte only near the end of
		// the input. (jsonPlainUntil does the same, but a call per string
		// is a cost the request path notices.)
		if i+8 <= len(data) {
			m := jsonSpecialBytes(jsonWord(data, i))
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) / 8
		} else {
			for i < len(data) && jsonPlain[data[i]] {
				i++
			}
			if i >= len(data) {
				return 0, 0, false, r.syntaxError(i, "")
			}
		}
		switch c := data[i]; {
		case c == '"':
			r.pos = i + 1
			return start, i, escaped, nil
		case c == '\\':
			escaped = true
			if i+1 >= len(data) {
				return 0, 0, false, r.syntaxError(i+1, "")
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				for k := i + 2; k < i+6; k++ {
					if k >= len(data) {
						return 0, 0, false, r.syntaxError(k, "")
					}
					if jsonHexValue(data[k]) < 0 {
						return 0, 0, false, r.syntaxError(k, " in \\u escape sequence")
					}
				}
				i += 6
			default:
				return 0, 0, false, r.syntaxError(i+1, " in string escape sequence")
			}
		case c < 0x20:
			return 0, 0, false, r.syntaxError(i, " (control characters must be escaped in strings)")
		default:
			rn, size := utf8.DecodeRune(data[i:])
			if rn == utf8.RuneError && size == 1 {
				return 0, 0, false, r.fail("invalid UTF-8 in string at offset " + strconv.Itoa(i))
			}
			i += size
		}
	}
}

// unexpected reports that the value at r.pos is not the kind the caller
// expected, or a syntax error when there is no valid value there at all.
func (r *jsonReader) unexpected(expected string) error {
	var found string
	if r.pos < len(r.data) {
		switch c := r.data[r.pos]; c {
		case '{':
			found = "an object"
		case '[':
			found = "an array"
		case '"':
			found = "a string"
		case 't':
			if jsonHasLiteral(r.data[r.pos:], "true") {
				found = "a boolean"
			}
		case 'f':
			if jsonHasLiteral(r.data[r.pos:], "false") {
				found = "a boolean"
			}
		case 'n':
			if jsonHasLiteral(r.data[r.pos:], "null") {
				found = "null"
			}
		default:
			if c == '-' || jsonIsDigit(c) {
				if _, _, ok := jsonNumberLen(r.data[r.pos:]); ok {
					found = "a number"
				}
			}
		}
	}
	if found == "" {
		return r.badValue()
	}
	return r.fail("expected " + expected + ", found " + found)
}

// badValue reports a syntax error in the value starting at r.pos, at the
// first byte that cannot belong to it.
func (r *jsonReader) badValue() error {
	i := r.pos
	if i < len(r.data) {
		var lit string
		switch c := r.data[i]; c {
		case 't':
			lit = "true"
		case 'f':
			lit = "false"
		case 'n':
			lit = "null"
		default:
			if c == '-' || jsonIsDigit(c) {
				n, _, _ := jsonNumberLen(r.data[i:])
				return r.syntaxError(i+n, "")
			}
		}
		for k := 0; k < len(lit) && i < len(r.data) && r.data[i] == lit[k]; k++ {
			i++
		}
	}
	return r.syntaxError(i, "")
}

// syntaxError reports the byte at offset i as invalid, or the end of the
// input when i is past it. context is appended to the message.
func (r *jsonReader) syntaxError(i int, context string) error {
	if i >= len(r.data) {
		return r.fail("unexpected end of input")
	}
	return r.fail("invalid character " + jsonQuoteChar(r.data[i:]) + " at offset " + strconv.Itoa(i) + context)
}

func (r *jsonReader) fail(msg string) error {
	return &malformedError{path: r.pathString(), msg: msg}
}

// pathString formats the current path as an RFC 6901 JSON pointer.
func (r *jsonReader) pathString() string {
	if len(r.path) == 0 {
		return ""
	}
	var b []byte
	var key []byte
	for _, e := range r.path {
		b = append(b, '/')
		if e.index >= 0 {
			b = strconv.AppendInt(b, int64(e.index), 10)
			continue
		}
		key = jsonAppendUnescaped(key[:0], r.data[e.start:e.end])
		for _, c := range key {
			switch c {
			case '~':
				b = append(b, '~', '0')
			case '/':
				b = append(b, '~', '1')
			default:
				b = append(b, c)
			}
		}
	}
	return string(b)
}

// jsonNumberLen returns the length of the JSON number at the start of s and
// whether it has neither fraction nor exponent. If s does not start with a
// valid number, ok is false and n is the offset of the first byte that
// cannot belong to it (len(s) if s ends too early).
func jsonNumberLen[T string | []byte](s T) (n int, integer, ok bool) {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	if i >= len(s) {
		return i, false, false
	}
	switch c := s[i]; {
	case c == '0':
		i++
	case '1' <= c && c <= '9':
		i++
		for i < len(s) && jsonIsDigit(s[i]) {
			i++
		}
	default:
		return i, false, false
	}
	integer = true
	if i < len(s) && s[i] == '.' {
		integer = false
		i++
		if i >= len(s) || !jsonIsDigit(s[i]) {
			return i, false, false
		}
		for i < len(s) && jsonIsDigit(s[i]) {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		integer = false
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i >= len(s) || !jsonIsDigit(s[i]) {
			return i, false, false
		}
		for i < len(s) && jsonIsDigit(s[i]) {
			i++
		}
	}
	return i, integer, true
}

// jsonPow10 holds the powers of ten that a float64 represents exactly.
var jsonPow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// jsonParseFloatFast converts the text of a valid JSON number without
// allocating when the result can be computed with a single correctly
// rounded operation on exact operands (Clinger's fast path): a mantissa
// that fits the float's significand, times or divided by an exactly
// representable power of ten. ok is false otherwise, and the caller falls
// back to strconv.ParseFloat.
func jsonParseFloatFast(num []byte, bits int) (v float64, ok bool) {
	i := 0
	neg := false
	if i < len(num) && num[i] == '-' {
		neg = true
		i++
	}
	var mant uint64
	nd, exp := 0, 0
	for ; i < len(num) && jsonIsDigit(num[i]); i++ {
		if d := num[i] - '0'; mant != 0 || d != 0 {
			if nd == 19 {
				return 0, false
			}
			mant = mant*10 + uint64(d)
			nd++
		}
	}
	if i < len(num) && num[i] == '.' {
		for i++; i < len(num) && jsonIsDigit(num[i]); i++ {
			if d := num[i] - '0'; mant != 0 || d != 0 {
				if nd == 19 {
					return 0, false
				}
				mant = mant*10 + uint64(d)
				nd++
			}
			exp--
		}
	}
	if i < len(num) && (num[i] == 'e' || num[i] == 'E') {
		i++
		eneg := false
		if i < len(num) && (num[i] == '+' || num[i] == '-') {
			eneg = num[i] == '-'
			i++
		}
		e := 0
		for ; i < len(num) && jsonIsDigit(num[i]); i++ {
			if e < 10000 {
				e = e*10 + int(num[i]-'0')
			}
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	if i != len(num) {
		return 0, false
	}
	if mant == 0 {
		if neg {
			return math.Copysign(0, -1), true
		}
		return 0, true
	}
	if bits == 32 {
		if mant > 1<<24 || exp < -10 || exp > 10 {
			return 0, false
		}
		f := float32(mant)
		if exp >= 0 {
			f = float32(f * float32(jsonPow10[exp]))
		} else {
			f = float32(f / float32(jsonPow10[-exp]))
		}
		if neg {
			f = -f
		}
		return float64(f), true
	}
	if mant > 1<<53 || exp < -22 || exp > 22 {
		return 0, false
	}
	f := float64(mant)
	if exp >= 0 {
		f = float64(f * jsonPow10[exp])
	} else {
		f = float64(f / jsonPow10[-exp])
	}
	if neg {
		f = -f
	}
	return f, true
}

// jsonNonFinite recognises the quoted spellings of the non-finite floats.
func jsonNonFinite(s []byte) (float64, bool) {
	switch string(s) {
	case "NaN":
		return math.NaN(), true
	case "Infinity":
		return math.Inf(1), true
	case "-Infinity":
		return math.Inf(-1), true
	}
	return 0, false
}

// jsonAppendUnescaped appends the decoded form of raw, the text of a string
// already validated by scanString. Unpaired surrogate escapes become U+FFFD,
// as in encoding/json.
func jsonAppendUnescaped(dst, raw []byte) []byte {
	// Unescaping never lengthens: with room for raw made once, appending
	// byte by byte is a store each, cheaper than copying the short runs
	// between escapes.
	dst = slices.Grow(dst, len(raw))
	for i := 0; i < len(raw); {
		if c := raw[i]; c != '\\' {
			dst = append(dst, c)
			i++
			continue
		}
		if i+1 >= len(raw) { // unreachable for validated input
			return dst
		}
		switch c := raw[i+1]; c {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			rn := jsonHex4(raw[i+2:])
			i += 6
			if utf16.IsSurrogate(rn) {
				r2 := rune(-1)
				if rn < 0xdc00 && i+6 <= len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
					r2 = jsonHex4(raw[i+2:])
				}
				if d := utf16.DecodeRune(rn, r2); d != utf8.RuneError {
					rn = d
					i += 6
				} else {
					rn = utf8.RuneError
				}
			}
			dst = utf8.AppendRune(dst, rn)
			continue
		default: // '"', '\\', '/'
			dst = append(dst, c)
		}
		i += 2
	}
	return dst
}

// jsonHex4 decodes the four hex digits at the start of b, or returns
// U+FFFD if they are not there.
func jsonHex4(b []byte) rune {
	if len(b) < 4 {
		return utf8.RuneError
	}
	var v rune
	for _, c := range b[:4] {
		h := jsonHexValue(c)
		if h < 0 {
			return utf8.RuneError
		}
		v = v<<4 | rune(h)
	}
	return v
}

func jsonHexValue(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func jsonIsDigit(c byte) bool { return '0' <= c && c <= '9' }

func jsonHasLiteral(b []byte, lit string) bool {
	return len(b) >= len(lit) && string(b[:len(lit)]) == lit
}

// jsonClip returns number text for a message, shortened if it is long.
func jsonClip(b []byte) string {
	const max = 40
	if len(b) > max {
		return string(b[:max]) + "..."
	}
	return string(b)
}

// jsonQuoteChar quotes the character at the start of b for a message, or
// its first byte in hex if it is not valid UTF-8.
func jsonQuoteChar(b []byte) string {
	rn, size := utf8.DecodeRune(b)
	if rn == utf8.RuneError && size <= 1 {
		const hex = "0123456789abcdef"
		return string([]byte{'\'', '\\', 'x', hex[b[0]>>4], hex[b[0]&0xf], '\''})
	}
	return strconv.QuoteRune(rn)
}
