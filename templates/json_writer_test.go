package templates

import (
	"bytes"
	"encoding/json"
	"math"
	"math/big"
	"math/bits"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"
)

// jwWriteSample writes the object of jrSampleJSON the way generated code
// does.
func jwWriteSample(w *jsonWriter) {
	w.objectStart()
	w.key("Name")
	w.string("x")
	w.key("Metadata")
	w.string("y")
	w.key("ClientRequestToken")
	w.string("abc")
	w.key("Tags")
	w.arrayStart()
	for _, kv := range [...][2]string{{"k", "v"}, {"k2", "v2"}} {
		w.objectStart()
		w.key("Key")
		w.string(kv[0])
		w.key("Value")
		w.string(kv[1])
		w.objectEnd()
	}
	w.arrayEnd()
	w.objectEnd()
}

func TestJSONWriterSample(t *testing.T) {
	var w jsonWriter
	jwWriteSample(&w)
	if got := string(w.bytes()); got != jrSampleJSON {
		t.Errorf("got  %s\nwant %s", got, jrSampleJSON)
	}
	w.reset()
	if len(w.bytes()) != 0 {
		t.Errorf("reset left %q", w.bytes())
	}
	jwWriteSample(&w)
	if got := string(w.bytes()); got != jrSampleJSON {
		t.Errorf("after reset: %s", got)
	}
}

func TestJSONWriterStructure(t *testing.T) {
	tests := []struct {
		name  string
		write func(w *jsonWriter)
		want  string
	}{
		{"empty object", func(w *jsonWriter) { w.objectStart(); w.objectEnd() }, `{}`},
		{"empty array", func(w *jsonWriter) { w.arrayStart(); w.arrayEnd() }, `[]`},
		{"top-level scalar", func(w *jsonWriter) { w.int64(-7) }, `-7`},
		{"top-level null", func(w *jsonWriter) { w.null() }, `null`},
		{"scalars in array", func(w *jsonWriter) {
			w.arrayStart()
			w.string("a")
			w.bool(true)
			w.bool(false)
			w.null()
			w.int64(math.MinInt64)
			w.float64(1.5)
			w.arrayEnd()
		}, `["a",true,false,null,-9223372036854775808,1.5]`},
		{"nested containers", func(w *jsonWriter) {
			w.arrayStart()
			w.arrayStart()
			w.arrayEnd()
			w.objectStart()
			w.objectEnd()
			w.arrayStart()
			w.objectStart()
			w.key("a")
			w.arrayStart()
			w.arrayEnd()
			w.key("b")
			w.objectStart()
			w.objectEnd()
			w.objectEnd()
			w.arrayEnd()
			w.arrayEnd()
		}, `[[],{},[{"a":[],"b":{}}]]`},
		{"values that end in separator-like bytes", func(w *jsonWriter) {
			w.objectStart()
			w.key("a:")
			w.string("{")
			w.key("[")
			w.string(":")
			w.key("c")
			w.string("")
			w.objectEnd()
		}, `{"a:":"{","[":":","c":""}`},
		{"escaped key", func(w *jsonWriter) {
			w.objectStart()
			w.key("a\"b\n")
			w.int64(1)
			w.objectEnd()
		}, `{"a\"b\n":1}`},
		{"every scalar kind as members", func(w *jsonWriter) {
			w.objectStart()
			w.key("s")
			w.string("x")
			w.key("b")
			w.bool(true)
			w.key("i")
			w.int64(42)
			w.key("f")
			w.float64(0.25)
			w.key("f32")
			w.float32(0.1)
			w.key("bi")
			w.bigInt(big.NewInt(-5))
			w.key("bf")
			w.bigFloat(big.NewFloat(2.5))
			w.key("blob")
			w.blob([]byte("blob"))
			w.key("ts")
			w.epochSeconds(time.Unix(1515531081, 123e6))
			w.key("doc")
			w.document(map[string]any{"z": 1, "a": []any{nil}})
			w.key("n")
			w.null()
			w.objectEnd()
		}, `{"s":"x","b":true,"i":42,"f":0.25,"f32":0.1,"bi":-5,"bf":2.5,"blob":"YmxvYg==","ts":1515531081.123,"doc":{"a":[null],"z":1},"n":null}`},
		{"every scalar kind as elements", func(w *jsonWriter) {
			w.arrayStart()
			w.blob(nil)
			w.epochSeconds(time.Unix(0, 0))
			w.bigInt(nil)
			w.bigFloat(nil)
			w.document(nil)
			w.float32(float32(math.Inf(-1)))
			w.arrayEnd()
		}, `["",0,null,null,null,"-Infinity"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w jsonWriter
			tt.write(&w)
			if got := string(w.bytes()); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if !json.Valid(w.bytes()) {
				t.Errorf("output %s is not valid JSON", w.bytes())
			}
		})
	}
}

func jwEncodingJSON(t testing.TB, v any) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func TestJSONWriterStrings(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `""`},
		{"plain", `"plain"`},
		{`"quoted" \back\`, `"\"quoted\" \\back\\"`},
		{"\b\f\n\r\t", `"\b\f\n\r\t"`},
		{"\x00\x01\x1f\x7f", `"\u0000\u0001\u001f` + "\x7f" + `"`},
		{"<a href='x'>&amp;</a>", `"<a href='x'>&amp;</a>"`},
		{"/slash/", `"/slash/"`},
		{"héllo 世界 😀", `"héllo 世界 😀"`},
		{"\u2028\u2029", `"\u2028\u2029"`},
		{"a\xffb", `"a\ufffdb"`},
		{"\xc3", `"\ufffd"`},
		{"\xed\xa0\x80", `"\ufffd\ufffd\ufffd"`},
		{"\uFFFD", "\"\uFFFD\""},
	}
	for _, tt := range tests {
		var w jsonWriter
		w.string(tt.in)
		if got := string(w.bytes()); got != tt.want {
			t.Errorf("string(%q) = %s, want %s", tt.in, got, tt.want)
		}
		if want := jwEncodingJSON(t, tt.in); string(w.bytes()) != want {
			t.Errorf("string(%q) = %s, encoding/json writes %s", tt.in, w.bytes(), want)
		}
	}
	// Random strings, biased toward bytes that need care.
	rng := rand.New(rand.NewSource(3))
	alphabet := []string{"a", "Z", "\"", "\\", "\n", "\x00", "\x1f", "é", "世", "😀", "\u2028", "\xff", "\xe4\xb8", "<", " "}
	for i := 0; i < 5000; i++ {
		var sb strings.Builder
		for n := rng.Intn(20); n > 0; n-- {
			sb.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		s := sb.String()
		var w jsonWriter
		w.string(s)
		if want := jwEncodingJSON(t, s); string(w.bytes()) != want {
			t.Fatalf("string(%q) = %s, encoding/json writes %s", s, w.bytes(), want)
		}
		r := jrNewReader(string(w.bytes()))
		back, err := r.readString()
		if err != nil || back != strings.ToValidUTF8(s, "\uFFFD") && back != jwFFFDPerByte(s) {
			t.Fatalf("reading back string(%q) = %q, %v", s, back, err)
		}
	}
}

// jwFFFDPerByte replaces each invalid byte (rather than each invalid run)
// with U+FFFD, as encoding/json and jsonWriter do.
func jwFFFDPerByte(s string) string {
	var sb strings.Builder
	for _, r := range s {
		sb.WriteRune(r)
	}
	return sb.String()
}

func TestJSONWriterFloats(t *testing.T) {
	tests := []struct {
		v    float64
		bits int
		want string
	}{
		{0, 64, `0`},
		{math.Copysign(0, -1), 64, `-0`},
		{1, 64, `1`},
		{-1.5, 64, `-1.5`},
		{0.1, 64, `0.1`},
		{1e20, 64, `100000000000000000000`},
		{1e21, 64, `1e+21`},
		{1e-6, 64, `0.000001`},
		{1e-7, 64, `1e-7`},
		{1.5e-10, 64, `1.5e-10`},
		{123456789e-300, 64, `1.23456789e-292`},
		{math.MaxFloat64, 64, `1.7976931348623157e+308`},
		{5e-324, 64, `5e-324`},
		{math.NaN(), 64, `"NaN"`},
		{math.Inf(1), 64, `"Infinity"`},
		{math.Inf(-1), 64, `"-Infinity"`},
		{float64(float32(0.1)), 32, `0.1`},
		{float64(float32(3.4028235e38)), 32, `3.4028235e+38`},
		{float64(float32(1e-7)), 32, `1e-7`},
		{float64(float32(16777217)), 32, `16777216`},
		{math.NaN(), 32, `"NaN"`},
		{math.Inf(1), 32, `"Infinity"`},
	}
	for _, tt := range tests {
		var w jsonWriter
		if tt.bits == 32 {
			w.float32(float32(tt.v))
		} else {
			w.float64(tt.v)
		}
		if got := string(w.bytes()); got != tt.want {
			t.Errorf("float%d(%v) = %s, want %s", tt.bits, tt.v, got, tt.want)
		}
	}
	// Agree with encoding/json on finite values, and read back exactly.
	rng := rand.New(rand.NewSource(4))
	for i := 0; i < 20000; i++ {
		f64 := math.Float64frombits(rng.Uint64())
		f32 := math.Float32frombits(rng.Uint32())
		if i%2 == 0 {
			f64 = rng.NormFloat64() * math.Pow(10, float64(rng.Intn(40)-20))
			f32 = float32(f64)
		}
		if !math.IsNaN(f64) && !math.IsInf(f64, 0) {
			var w jsonWriter
			w.float64(f64)
			if want := jwEncodingJSON(t, f64); string(w.bytes()) != want {
				t.Fatalf("float64(%v) = %s, encoding/json writes %s", f64, w.bytes(), want)
			}
			back, err := jrNewReader(string(w.bytes())).readFloat64()
			if err != nil || math.Float64bits(back) != math.Float64bits(f64) {
				t.Fatalf("float64(%v) = %s reads back as %v, %v", f64, w.bytes(), back, err)
			}
		}
		if f := float64(f32); !math.IsNaN(f) && !math.IsInf(f, 0) {
			var w jsonWriter
			w.float32(f32)
			if want := jwEncodingJSON(t, f32); string(w.bytes()) != want {
				t.Fatalf("float32(%v) = %s, encoding/json writes %s", f32, w.bytes(), want)
			}
			back, err := jrNewReader(string(w.bytes())).readFloat32()
			if err != nil || math.Float32bits(back) != math.Float32bits(f32) {
				t.Fatalf("float32(%v) = %s reads back as %v, %v", f32, w.bytes(), back, err)
			}
		}
	}
}

func TestJSONWriterBigNumbers(t *testing.T) {
	huge, _ := new(big.Int).SetString("-123456789012345678901234567890", 10)
	bf := func(s string) *big.Float {
		r := jrNewReader(s)
		v, err := r.readBigFloat()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		write func(w *jsonWriter)
		want  string
	}{
		{func(w *jsonWriter) { w.bigInt(huge) }, `-123456789012345678901234567890`},
		{func(w *jsonWriter) { w.bigInt(new(big.Int)) }, `0`},
		{func(w *jsonWriter) { w.bigFloat(new(big.Float)) }, `0`},
		{func(w *jsonWriter) { w.bigFloat(bf("0.1")) }, `0.1`},
		{func(w *jsonWriter) { w.bigFloat(bf("-1.25e-30")) }, `-1.25e-30`},
		{func(w *jsonWriter) { w.bigFloat(bf("12345678901234567890.123456789")) }, `1.2345678901234567890123456789e+19`},
		{func(w *jsonWriter) { w.bigFloat(new(big.Float).SetInf(false)) }, `"Infinity"`},
		{func(w *jsonWriter) { w.bigFloat(new(big.Float).SetInf(true)) }, `"-Infinity"`},
	}
	for _, tt := range tests {
		var w jsonWriter
		tt.write(&w)
		if got := string(w.bytes()); got != tt.want {
			t.Errorf("got %s, want %s", got, tt.want)
		}
	}
	// Round trip through the reader.
	for _, s := range []string{"0", "1", "-0.5", "3.14159265358979323846264338327950288", "1e+400", "9.999e-401"} {
		var w jsonWriter
		w.bigFloat(bf(s))
		back := bf(string(w.bytes()))
		if back.Cmp(bf(s)) != 0 {
			t.Errorf("bigFloat(%s) wrote %s, which reads back as %v", s, w.bytes(), back)
		}
	}
}

func TestJSONWriterBlob(t *testing.T) {
	tests := []struct {
		in   []byte
		want string
	}{
		{nil, `""`},
		{[]byte{}, `""`},
		{[]byte("f"), `"Zg=="`},
		{[]byte("fo"), `"Zm8="`},
		{[]byte("foo"), `"Zm9v"`},
		{[]byte{0xfb, 0xff, 0xbf}, `"+/+/"`},
	}
	for _, tt := range tests {
		var w jsonWriter
		w.blob(tt.in)
		if got := string(w.bytes()); got != tt.want {
			t.Errorf("blob(%q) = %s, want %s", tt.in, got, tt.want)
		}
		back, err := jrNewReader(string(w.bytes())).readBlob()
		if err != nil || !bytes.Equal(back, tt.in) {
			t.Errorf("blob(%q) reads back as %q, %v", tt.in, back, err)
		}
	}
}

func TestJSONWriterDocument(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{nil, `null`},
		{true, `true`},
		{"s\n", `"s\n"`},
		{1.5, `1.5`},
		{float32(0.1), `0.1`},
		{math.NaN(), `"NaN"`},
		{int(-1), `-1`},
		{int8(-8), `-8`},
		{int16(16), `16`},
		{int32(32), `32`},
		{int64(math.MaxInt64), `9223372036854775807`},
		{uint(1), `1`},
		{uint8(8), `8`},
		{uint16(16), `16`},
		{uint32(32), `32`},
		{uint64(math.MaxUint64), `18446744073709551615`},
		{[]any{}, `[]`},
		{[]any(nil), `[]`},
		{map[string]any{}, `{}`},
		{map[string]any(nil), `{}`},
		{[]any{1, "a", nil, []any{true}}, `[1,"a",null,[true]]`},
		{map[string]any{"b": 1, "a": map[string]any{"y": []any{}, "x": nil}, "": "e"}, `{"":"e","a":{"x":null,"y":[]},"b":1}`},
		{struct{}{}, `null`},
		{[]string{"not a document"}, `null`},
	}
	for _, tt := range tests {
		var w jsonWriter
		w.document(tt.in)
		if got := string(w.bytes()); got != tt.want {
			t.Errorf("document(%#v) = %s, want %s", tt.in, got, tt.want)
		}
	}
	// Whatever readDocument produces is written back equivalently, with
	// the same output as encoding/json.
	for _, in := range []string{jrSampleJSON, `{"a":[1,2.5,-3e-9,"x\u2028",{"b":null}],"c":true,"é":{}}`, `[]`, `"s"`} {
		v, err := jrNewReader(in).readDocument()
		if err != nil {
			t.Fatal(err)
		}
		var w jsonWriter
		w.document(v)
		if want := jwEncodingJSON(t, v); string(w.bytes()) != want {
			t.Errorf("document(%s) = %s, encoding/json writes %s", in, w.bytes(), want)
		}
		back, err := jrNewReader(string(w.bytes())).readDocument()
		if err != nil || !reflect.DeepEqual(back, v) {
			t.Errorf("document(%s) = %s, reads back as %#v, %v", in, w.bytes(), back, err)
		}
	}
}

func TestJSONWriterEpochSeconds(t *testing.T) {
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Unix(0, 0), `0`},
		{time.Unix(1515531081, 0), `1515531081`},
		{time.Unix(1515531081, 100e6), `1515531081.1`},
		{time.Unix(1515531081, 120e6), `1515531081.12`},
		{time.Unix(1515531081, 123e6), `1515531081.123`},
		{time.Unix(1515531081, 123999999), `1515531081.123`},
		{time.Unix(1515531081, 999999), `1515531081`},
		{time.Unix(-1, 0), `-1`},
		{time.Unix(-2, 5e8), `-1.5`},
		{time.Unix(-1, 5e8), `-0.5`},
		{time.Unix(-1, 999e6), `-0.001`},
		{time.Unix(-1, 999999999), `-0.001`}, // rounded toward the past
		{time.Unix(1, 0).In(time.FixedZone("x", 3600)), `1`},
		{time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), `-62135596800`},
	}
	for _, tt := range tests {
		var w jsonWriter
		w.epochSeconds(tt.t)
		if got := string(w.bytes()); got != tt.want {
			t.Errorf("epochSeconds(%v) = %s, want %s", tt.t, got, tt.want)
		}
		if got := formatEpochSeconds(tt.t); got != tt.want {
			t.Errorf("formatEpochSeconds(%v) = %s, want %s", tt.t, got, tt.want)
		}
		back, err := jrNewReader(tt.want).readEpochSeconds()
		if err != nil || !back.Equal(tt.t.Truncate(0).Add(-time.Duration(jwSubMilli(tt.t)))) {
			t.Errorf("epochSeconds(%v) = %s reads back as %v, %v", tt.t, tt.want, back, err)
		}
	}
}

// jwSubMilli is the part of t below a millisecond, which epochSeconds
// drops.
func jwSubMilli(t time.Time) int {
	return t.Nanosecond() % 1e6
}

func TestJSONWriterAllocations(t *testing.T) {
	w := jsonWriter{buf: make([]byte, 0, 1024)}
	bi := big.NewInt(12345)
	when := time.Unix(1515531081, 123e6)
	n := testing.AllocsPerRun(100, func() {
		w.reset()
		jwWriteSample(&w)
		w.reset()
		w.arrayStart()
		w.string("esc\"aped\n\u2028\xff")
		w.int64(-42)
		w.float64(3.25)
		w.float64(1e-9)
		w.float32(0.1)
		w.float64(math.NaN())
		w.bool(true)
		w.null()
		w.blob([]byte("blob"))
		w.epochSeconds(when)
		w.bigInt(bi)
		w.arrayEnd()
	})
	if n != 0 {
		t.Errorf("writing into a grown buffer allocates %v times", n)
	}
}

func BenchmarkJSONWriterSmallObject(b *testing.B) {
	var w jsonWriter
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		w.reset()
		jwWriteSample(&w)
	}
	b.SetBytes(int64(len(w.bytes())))
}

// BenchmarkJSONWriterSmallObjectEncodingJSON is the same output with
// encoding/json, for comparison.
func BenchmarkJSONWriterSmallObjectEncodingJSON(b *testing.B) {
	v := jrSample{
		Name: jrPtr("x"), Metadata: jrPtr("y"), ClientRequestToken: jrPtr("abc"),
		Tags: []jrTag{{jrPtr("k"), jrPtr("v")}, {jrPtr("k2"), jrPtr("v2")}},
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := json.Marshal(&v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSONWriterNumbers(b *testing.B) {
	var w jsonWriter
	when := time.Unix(1515531081, 123e6)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		w.reset()
		w.arrayStart()
		w.int64(1234567)
		w.float64(2.718281828459045)
		w.float64(0.5)
		w.float32(0.1)
		w.epochSeconds(when)
		w.arrayEnd()
	}
}

func BenchmarkJSONWriterLongString(b *testing.B) {
	s := strings.Repeat("The quick brown fox jumps over the lazy dog. ", 100)
	var w jsonWriter
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		w.reset()
		w.string(s)
	}
}

// TestJSONSpecialBytes checks the word-at-a-time test against the table:
// for every byte value at every position of a word otherwise plain, and
// for words of several bytes that are not plain, the lowest bit set must
// mark the first of them.
func TestJSONSpecialBytes(t *testing.T) {
	for pos := 0; pos < 8; pos++ {
		for c := 0; c < 256; c++ {
			b := []byte("abcdefgh")
			b[pos] = byte(c)
			w := uint64(0)
			for k := 7; k >= 0; k-- {
				w = w<<8 | uint64(b[k])
			}
			if got := jsonFirstSpecial(w); got != 8 && jsonPlain[c] || got != pos && !jsonPlain[c] {
				t.Errorf("byte %#x at %d: first byte not plain at %d", c, pos, got)
			}
			if got := jsonWord(string(b), 0); got != w {
				t.Errorf("jsonWord(%q) = %#x, want %#x", b, got, w)
			}
		}
	}
	// Words of several special bytes, where borrows could run on.
	picks := []byte{0, 0x1f, 0x20, 0x21, '"', '#', '[', '\\', ']', 0x7f, 0x80, 0xff, 'a'}
	for n := 0; n < 200000; n++ {
		var w uint64
		first := 8
		x := uint64(n) * 0x9e3779b97f4a7c15
		for k := 0; k < 8; k++ {
			c := picks[(x>>(k*5))%uint64(len(picks))]
			if !jsonPlain[c] && first == 8 {
				first = k
			}
			w |= uint64(c) << (8 * k)
		}
		if got := jsonFirstSpecial(w); got != first {
			t.Fatalf("word %#x: first byte not plain at %d, want %d", w, got, first)
		}
	}
}

// jsonFirstSpecial is the index of the first byte of w that is not plain,
// 8 when all are, as jsonPlainUntil computes it.
func jsonFirstSpecial(w uint64) int {
	return bits.TrailingZeros64(jsonSpecialBytes(w)) / 8
}

// TestJSONPlainUntil finds the first byte that is not plain at every
// position of strings of every length up to 24, as a byte loop does.
func TestJSONPlainUntil(t *testing.T) {
	for n := 0; n <= 24; n++ {
		for at := 0; at <= n; at++ {
			b := []byte(strings.Repeat("a", n))
			if at < n {
				b[at] = '"'
			}
			for from := 0; from <= at; from++ {
				if got := jsonPlainUntil(b, from); got != at {
					t.Errorf("len %d, quote at %d, from %d: []byte %d", n, at, from, got)
				}
				if got := jsonPlainUntil(string(b), from); got != at {
					t.Errorf("len %d, quote at %d, from %d: string %d", n, at, from, got)
				}
			}
		}
	}
}
