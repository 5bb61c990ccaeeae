//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

import (
	"encoding/base64"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// jsonWriter appends a JSON document to a byte slice. The caller emits
// tokens in order and is responsible for the structure (matching starts
// and ends, a key before each object member); the writer takes care of
// separators and escaping.
//
// Commas follow one rule: before a key, an array element or a top-level
// value, a ',' is written unless the buffer is empty or its last byte is
// '{', '[' or ':'. Every complete value ends in some other byte ('"', a
// digit, a letter, '}' or ']'), so this puts commas exactly between
// members and between elements without tracking any state.
type jsonWriter struct {
	buf []byte
	// exact makes epochSeconds write an instant whole, as
	// "<seconds>.<nanoseconds>" (a key, not a decimal), rather than to the
	// millisecond: for writers whose output is compared rather than sent
	// (repeatedEncoded), where two instants a microsecond apart must not
	// look the same.
	exact bool
}

// reset empties the buffer, keeping its storage.
func (w *jsonWriter) reset() { w.buf = w.buf[:0] }

// bytes returns the document written so far; it aliases the writer's
// buffer until the next reset.
func (w *jsonWriter) bytes() []byte { return w.buf }

// comma writes the separator due before a new key or value.
func (w *jsonWriter) comma() {
	if n := len(w.buf); n > 0 {
		switch w.buf[n-1] {
		case '{', '[', ':':
		default:
			w.buf = append(w.buf, ',')
		}
	}
}

func (w *jsonWriter) objectStart() {
	w.comma()
	w.buf = append(w.buf, '{')
}

func (w *jsonWriter) objectEnd() { w.buf = append(w.buf, '}') }

func (w *jsonWriter) arrayStart() {
	w.comma()
	w.buf = append(w.buf, '[')
}

func (w *jsonWriter) arrayEnd() { w.buf = append(w.buf, ']') }

// key writes an object member's key and the ':' after it.
func (w *jsonWriter) key(k string) {
	w.comma()
	w.buf = jsonAppendString(w.buf, k)
	w.buf = append(w.buf, ':')
}

// name writes a member name that is already a quoted JSON string followed
// by a colon, such as `"Name":`: generated encoders know their keys, so
// they are escaped once, at generation time, rather than on every write.
func (w *jsonWriter) name(quotedColon string) {
	w.comma()
	w.buf = append(w.buf, quotedColon...)
}

func (w *jsonWriter) string(s string) {
	w.comma()
	w.buf = jsonAppendString(w.buf, s)
}

func (w *jsonWriter) bool(b bool) {
	w.comma()
	w.buf = strconv.AppendBool(w.buf, b)
}

func (w *jsonWriter) int64(v int64) {
	w.comma()
	w.buf = strconv.AppendInt(w.buf, v, 10)
}

// float64 writes v in the shortest form that reads back as the same
// float64, as encoding/json does. NaN and the infinities, which JSON
// numbers cannot express, are written as the strings "NaN", "Infinity"
// and "-Infinity" (the restJson1 convention).
func (w *jsonWriter) float64(v float64) {
	w.comma()
	w.buf = jsonAppendFloat(w.buf, v, 64)
}

// float32 is float64 for float32: the shortest form that reads back as the
// same float32, so 0.1 is written as 0.1 and not as 0.10000000149011612.
func (w *jsonWriter) float32(v float32) {
	w.comma()
	w.buf = jsonAppendFloat(w.buf, float64(v), 32)
}

// bigInt writes v as an integer number; nil is written as null. Values
// that fit in an int64 are written without allocating; math/big allocates
// for larger ones (as it does for every bigFloat).
func (w *jsonWriter) bigInt(v *big.Int) {
	w.comma()
	switch {
	case v == nil:
		w.buf = append(w.buf, "null"...)
	case v.IsInt64():
		w.buf = strconv.AppendInt(w.buf, v.Int64(), 10)
	default:
		w.buf = v.Append(w.buf, 10)
	}
}

// bigFloat writes v in the shortest decimal form that reads back as v at
// its precision; infinities become "Infinity" and "-Infinity" as for
// float64, and nil is written as null. math/big's formatting takes time
// quadratic in the exponent, which is why jsonReader.readBigFloat bounds
// the magnitude of what it accepts.
func (w *jsonWriter) bigFloat(v *big.Float) {
	w.comma()
	switch {
	case v == nil:
		w.buf = append(w.buf, "null"...)
	case v.IsInf():
		if v.Signbit() {
			w.buf = append(w.buf, `"-Infinity"`...)
		} else {
			w.buf = append(w.buf, `"Infinity"`...)
		}
	default:
		w.buf = v.Append(w.buf, 'g', -1)
	}
}

// blob writes b as a string of standard base64 with padding.
func (w *jsonWriter) blob(b []byte) {
	w.comma()
	w.buf = append(w.buf, '"')
	w.buf = base64.StdEncoding.AppendEncode(w.buf, b)
	w.buf = append(w.buf, '"')
}

// epochSeconds writes t as a number of seconds since the Unix epoch, with
// milliseconds as a fraction when there are any; see appendEpochSeconds.
func (w *jsonWriter) epochSeconds(t time.Time) {
	w.comma()
	if w.exact {
		w.buf = strconv.AppendInt(w.buf, t.Unix(), 10)
		w.buf = append(w.buf, '.')
		w.buf = strconv.AppendInt(w.buf, int64(t.Nanosecond()), 10)
		return
	}
	w.buf = appendEpochSeconds(w.buf, t)
}

func (w *jsonWriter) null() {
	w.comma()
	w.buf = append(w.buf, "null"...)
}

// document writes a document value: nil, bool, string, any Go integer or
// float type, []any and map[string]any (members in key order, so that the
// output is deterministic), nested to any depth. A nil []any or
// map[string]any is still a list or a map, written as [] or {}. Values of
// other types are written as null. v must not contain cycles.
func (w *jsonWriter) document(v any) {
	switch v := v.(type) {
	case nil:
		w.null()
	case bool:
		w.bool(v)
	case string:
		w.string(v)
	case float64:
		w.float64(v)
	case float32:
		w.float32(v)
	case int:
		w.int64(int64(v))
	case int8:
		w.int64(int64(v))
	case int16:
		w.int64(int64(v))
	case int32:
		w.int64(int64(v))
	case int64:
		w.int64(v)
	case uint:
		w.uint64(uint64(v))
	case uint8:
		w.uint64(uint64(v))
	case uint16:
		w.uint64(uint64(v))
	case uint32:
		w.uint64(uint64(v))
	case uint64:
		w.uint64(v)
	case []any:
		w.arrayStart()
		for _, e := range v {
			w.document(e)
		}
		w.arrayEnd()
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		w.objectStart()
		for _, k := range keys {
			w.key(k)
			w.document(v[k])
		}
		w.objectEnd()
	default:
		w.null()
	}
}

func (w *jsonWriter) uint64(v uint64) {
	w.comma()
	w.buf = strconv.AppendUint(w.buf, v, 10)
}

// jsonAppendFloat appends v like encoding/json does (plain decimal for
// magnitudes in [1e-6, 1e21), exponent form outside it), or the quoted
// name of a non-finite value.
func jsonAppendFloat(dst []byte, v float64, bits int) []byte {
	switch {
	case math.IsNaN(v):
		return append(dst, `"NaN"`...)
	case math.IsInf(v, 1):
		return append(dst, `"Infinity"`...)
	case math.IsInf(v, -1):
		return append(dst, `"-Infinity"`...)
	}
	format := byte('f')
	if abs := math.Abs(v); abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) ||
			bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	dst = strconv.AppendFloat(dst, v, format, -1, bits)
	if format == 'e' {
		// Shorten e-09 to e-9, as encoding/json does.
		if n := len(dst); n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

// jsonPlain marks the bytes that stand for themselves in a JSON string:
// printable ASCII but for the quote and the backslash.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// jsonSpecialBytes returns the high bit of each byte of w, read
// little-endian from a string, that is not plain (see jsonPlain), and
// maybe of bytes after it. A byte b below 0x80 sets its high bit in b-0x20
// only when b < 0x20, and in (b^c)-1 only when b == c; a borrow from one
// byte into the next happens only after such a byte, so the lowest bit set
// always marks the first byte that is not plain.
func jsonSpecialBytes(w uint64) uint64 {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	return (w | (w - 0x20*ones) | ((w ^ '"'*ones) - ones) | ((w ^ '\\'*ones) - ones)) & highs
}

// jsonPlainUntil returns the index of the first byte of s at or after i
// that is not plain, or len(s): a word at a time, then a byte at a time
// near the end.
func jsonPlainUntil[S ~string | ~[]byte](s S, i int) int {
	for i+8 <= len(s) {
		if m := jsonSpecialBytes(jsonWord(s, i)); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
		i += 8
	}
	for i < len(s) && jsonPlain[s[i]] {
		i++
	}
	return i
}

// jsonWord reads s[i:i+8] as a little-endian word; the compiler makes it
// one load.
func jsonWord[S ~string | ~[]byte](s S, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// jsonAppendString appends s as a quoted JSON string. Only what must be
// escaped is: '"', '\\' and control characters, plus U+2028 and U+2029,
// which JavaScript did not allow in string literals. Invalid UTF-8 is
// replaced by U+FFFD, as encoding/json does.
func jsonAppendString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	// Most strings are plain ASCII that needs no escaping: find the first
	// byte that might, a word and then a byte at a time, and copy
	// everything before it at once.
	i := jsonPlainUntil(s, 0)
	if i == len(s) {
		dst = append(dst, s...)
		return append(dst, '"')
	}
	start := 0 // s[start:i] is pending, to be copied in one go
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		rn, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case rn == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case rn == '\u2028' || rn == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[rn&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
