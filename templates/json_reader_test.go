package templates

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// jrSample is the shape of the small object used by the tests and the
// benchmarks, decoded the way generated code does it.
type jrSample struct {
	Name               *string
	Metadata           *string
	ClientRequestToken *string
	Tags               []jrTag
}

type jrTag struct {
	Key   *string
	Value *string
}

const jrSampleJSON = `{"Name":"x","Metadata":"y","ClientRequestToken":"abc","Tags":[{"Key":"k","Value":"v"},{"Key":"k2","Value":"v2"}]}`

func jrReadStringPtr(r *jsonReader, dst **string) error {
	if r.readNull() {
		*dst = nil
		return nil
	}
	s, err := r.readString()
	if err != nil {
		return err
	}
	*dst = &s
	return nil
}

func jrDecodeTag(r *jsonReader, v *jrTag) error {
	return r.readObject(func(key []byte) error {
		switch string(key) {
		case "Key":
			return jrReadStringPtr(r, &v.Key)
		case "Value":
			return jrReadStringPtr(r, &v.Value)
		}
		return r.skip()
	})
}

func jrDecodeSample(r *jsonReader, v *jrSample) error {
	return r.readObject(func(key []byte) error {
		switch string(key) {
		case "Name":
			return jrReadStringPtr(r, &v.Name)
		case "Metadata":
			return jrReadStringPtr(r, &v.Metadata)
		case "ClientRequestToken":
			return jrReadStringPtr(r, &v.ClientRequestToken)
		case "Tags":
			v.Tags = v.Tags[:0]
			return r.readArray(func(int) error {
				if r.readNull() {
					return r.nullElement()
				}
				var t jrTag
				if err := jrDecodeTag(r, &t); err != nil {
					return err
				}
				v.Tags = append(v.Tags, t)
				return nil
			})
		}
		return r.skip()
	})
}

func jrNewReader(s string) *jsonReader {
	r := new(jsonReader)
	r.reset([]byte(s), 0)
	return r
}

// jrErr returns the message of err, checking that it is a *malformedError.
func jrErr(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var me *malformedError
	if !errors.As(err, &me) {
		t.Fatalf("error %v (%T) is not a *malformedError", err, err)
	}
	return err.Error()
}

func jrPtr(s string) *string { return &s }

func TestJSONReaderSample(t *testing.T) {
	r := jrNewReader(jrSampleJSON)
	var v jrSample
	if err := jrDecodeSample(r, &v); err != nil {
		t.Fatal(err)
	}
	if err := r.end(); err != nil {
		t.Fatal(err)
	}
	want := jrSample{
		Name: jrPtr("x"), Metadata: jrPtr("y"), ClientRequestToken: jrPtr("abc"),
		Tags: []jrTag{{jrPtr("k"), jrPtr("v")}, {jrPtr("k2"), jrPtr("v2")}},
	}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("got %+v, want %+v", v, want)
	}
}

func TestJSONReaderDecodeErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty input", ``, `invalid JSON: unexpected end of input`},
		{"only space", " \n\t\r ", `invalid JSON: unexpected end of input`},
		{"array at top", `[]`, `invalid JSON: expected an object, found an array`},
		{"string at top", `"x"`, `invalid JSON: expected an object, found a string`},
		{"number member", `{"Name":1}`, `invalid JSON at '/Name': expected a string, found a number`},
		{"bool member", `{"Name":true}`, `invalid JSON at '/Name': expected a string, found a boolean`},
		{"object member", `{"Name":{}}`, `invalid JSON at '/Name': expected a string, found an object`},
		{"tags not array", `{"Tags":{}}`, `invalid JSON at '/Tags': expected an array, found an object`},
		{"tag element", `{"Tags":[{"Key":"a"},{"Key":5}]}`, `invalid JSON at '/Tags/1/Key': expected a string, found a number`},
		{"null element", `{"Tags":[null]}`, `invalid JSON at '/Tags/0': expected a value, found null`},
		{"truncated in key", `{"Na`, `invalid JSON: unexpected end of input`},
		{"truncated after key", `{"Name"`, `invalid JSON at '/Name': unexpected end of input`},
		{"truncated after colon", `{"Name":`, `invalid JSON at '/Name': unexpected end of input`},
		{"truncated after value", `{"Name":"x"`, `invalid JSON: unexpected end of input`},
		{"truncated in array", `{"Tags":[`, `invalid JSON at '/Tags/0': unexpected end of input`},
		{"missing colon", `{"Name" "x"}`, `invalid JSON at '/Name': invalid character '"' at offset 8, expected ':' after an object key`},
		{"missing comma", `{"Name":"x" "Metadata":"y"}`, `invalid JSON: invalid character '"' at offset 12, expected ',' or '}' after an object member`},
		{"trailing comma", `{"Name":"x",}`, `invalid JSON: invalid character '}' at offset 12, expected a string key`},
		{"unquoted key", `{Name:"x"}`, `invalid JSON: invalid character 'N' at offset 1, expected a string key`},
		{"array trailing comma", `{"Tags":[{},]}`, `invalid JSON at '/Tags/1': invalid character ']' at offset 12`},
		{"array missing comma", `{"Tags":[{} {}]}`, `invalid JSON at '/Tags': invalid character '{' at offset 12, expected ',' or ']' after an array element`},
		{"trailing characters", `{"Name":"x"}x`, `invalid JSON: unexpected data after the JSON document`},
		{"two documents", `{} {}`, `invalid JSON: unexpected data after the JSON document`},
		{"unknown member bad", `{"Other":[1,2,tru]}`, `invalid JSON at '/Other/2': invalid character ']' at offset 17`},
		{"unknown member bad literal", `{"Other":nul}`, `invalid JSON at '/Other': invalid character '}' at offset 12`},
		{"bad literal in value", `{"Name":nulx}`, `invalid JSON at '/Name': invalid character 'x' at offset 11`},
		{"number trailing chars", `{"Other":2ABC}`, `invalid JSON: invalid character 'A' at offset 10, expected ',' or '}' after an object member`},
		{"hex number", `{"Other":0x42}`, `invalid JSON: invalid character 'x' at offset 10, expected ',' or '}' after an object member`},
		{"bare word", `{"Other":Infinity}`, `invalid JSON at '/Other': invalid character 'I' at offset 9`},
		{"control char", "{\"Name\":\"a\nb\"}", `invalid JSON at '/Name': invalid character '\n' at offset 10 (control characters must be escaped in strings)`},
		{"invalid UTF-8", "{\"Name\":\"a\xffb\"}", `invalid JSON at '/Name': invalid UTF-8 in string at offset 10`},
		{"invalid UTF-8 outside", "{\xff}", `invalid JSON: invalid character '\xff' at offset 1, expected a string key`},
		{"bad escape", `{"Name":"a\qb"}`, `invalid JSON at '/Name': invalid character 'q' at offset 11 in string escape sequence`},
		{"bad unicode escape", `{"Name":"\u12G4"}`, `invalid JSON at '/Name': invalid character 'G' at offset 13 in \u escape sequence`},
		{"short unicode escape", `{"Name":"\u12`, `invalid JSON at '/Name': unexpected end of input`},
		{"key path escaping", `{"Tags":[{"a/b~c":[x]}]}`, `invalid JSON at '/Tags/0/a~1b~0c/0': invalid character 'x' at offset 19`},
		{"escaped key path", `{"Tags":[{"\u0041\/":tru}]}`, `invalid JSON at '/Tags/0/A~1': invalid character '}' at offset 24`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := jrNewReader(tt.in)
			var v jrSample
			err := jrDecodeSample(r, &v)
			if err == nil {
				err = r.end()
			}
			if got := jrErr(t, err); got != tt.want {
				t.Errorf("decoding %q:\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestJSONReaderNullContainers(t *testing.T) {
	for _, in := range []string{`null`, ` null `} {
		r := jrNewReader(in)
		called := false
		if err := r.readObject(func([]byte) error { called = true; return nil }); err != nil || called {
			t.Errorf("readObject(%q) = %v, called %v", in, err, called)
		}
		if err := r.end(); err != nil {
			t.Errorf("end after %q: %v", in, err)
		}
		r = jrNewReader(in)
		if err := r.readArray(func(int) error { called = true; return nil }); err != nil || called {
			t.Errorf("readArray(%q) = %v, called %v", in, err, called)
		}
	}
	r := jrNewReader(`nul`)
	if got := jrErr(t, r.readObject(func([]byte) error { return nil })); got != "invalid JSON: unexpected end of input" {
		t.Errorf("readObject(nul) = %s", got)
	}
}

func TestJSONReaderReadNull(t *testing.T) {
	tests := []struct {
		in   string
		want bool
		pos  int
	}{
		{`null`, true, 4},
		{`  null,`, true, 6},
		{`nul`, false, 0},
		{`"null"`, false, 0},
		{`0`, false, 0},
		{``, false, 0},
		{`nullx`, true, 4}, // the x is left for the caller to reject
	}
	for _, tt := range tests {
		r := jrNewReader(tt.in)
		got := r.readNull()
		if got != tt.want || (got && r.pos != tt.pos) {
			t.Errorf("readNull(%q) = %v at %d, want %v at %d", tt.in, got, r.pos, tt.want, tt.pos)
		}
	}
}

// A key repeated in an object is refused, whether it is written the same
// way or not, in small objects and in large ones (which keep their keys in
// a set), and only within one object: the same key in two objects, or in an
// object and one nested in it, is fine.
func TestJSONReaderDuplicateKeys(t *testing.T) {
	many := func(extra string) string {
		var b strings.Builder
		b.WriteString(`{`)
		for i := range 40 {
			fmt.Fprintf(&b, `"k%d":%d,`, i, i)
		}
		b.WriteString(extra + `"last":0}`)
		return b.String()
	}
	tests := []struct{ in, want string }{
		{`{"Name":"a","Name":"b"}`, `invalid JSON at '/Name': the key occurs more than once in the object`},
		{`{"Name":"a","Metadata":"m","Name":null}`, `invalid JSON at '/Name': the key occurs more than once in the object`},
		{`{"Name":"a","\u004eame":"b"}`, `invalid JSON at '/Name': the key occurs more than once in the object`},
		{`{"x":{"a":1,"b":2,"a":3}}`, `invalid JSON at '/x/a': the key occurs more than once in the object`},
		{many(`"k7":0,`), `invalid JSON at '/k7': the key occurs more than once in the object`},
		{many(`"k\u0033\u0039":0,`), `invalid JSON at '/k39': the key occurs more than once in the object`},
		{`{"a":{"a":{"a":1}},"b":{"a":1},"c":[{"a":1},{"a":2}]}`, ""},
		{many(`"x":{"k1":1},"y":` + many("") + ","), ""},
	}
	for _, tt := range tests {
		r := jrNewReader(tt.in)
		var got string
		if _, err := r.readDocument(); err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%.60s...: got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestJSONReaderEscapedKeys(t *testing.T) {
	// The key of the outer member has escapes, so it lives in the scratch
	// buffer; reading nested escaped keys and strings must not clobber it
	// while the callback runs.
	in := `{"\u004fut\u0065r":{"\u0069n":"\u0076al\n","\ud83d\ude00":"x"},"plain":"\u00e9"}`
	data := []byte(in)
	r := new(jsonReader)
	r.reset(data, 0)
	var got []string
	err := r.readObject(func(key []byte) error {
		outer := key
		if string(key) == "plain" {
			s, err := r.readString()
			got = append(got, string(outer)+"="+s)
			return err
		}
		err := r.readObject(func(key []byte) error {
			s, err := r.readString()
			got = append(got, string(outer)+"."+string(key)+"="+s)
			return err
		})
		got = append(got, "after:"+string(outer))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Outer.in=val\n", "Outer.\U0001F600=x", "after:Outer", "plain=é"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if string(data) != in {
		t.Errorf("the input was modified: %q", data)
	}
}

func TestJSONReaderCallbackMustConsume(t *testing.T) {
	// A callback that forgets to read the value gets an error, not a hang
	// or a misparse.
	r := jrNewReader(`{"a":1,"b":2}`)
	err := r.readObject(func([]byte) error { return nil })
	if msg := jrErr(t, err); msg != "invalid JSON: invalid character '1' at offset 5, expected ',' or '}' after an object member" {
		t.Errorf("object: %s", msg)
	}
	r = jrNewReader(`[1,2]`)
	err = r.readArray(func(int) error { return nil })
	if msg := jrErr(t, err); msg != "invalid JSON: invalid character '1' at offset 1, expected ',' or ']' after an array element" {
		t.Errorf("array: %s", msg)
	}
	// Indexes count up from zero and are on the path.
	r = jrNewReader(`[[10,11],[20]]`)
	var got []string
	err = r.readArray(func(i int) error {
		return r.readArray(func(j int) error {
			v, err := r.readInt64()
			got = append(got, r.pathString()+"="+strconv.FormatInt(v, 10))
			return err
		})
	})
	if err != nil || strings.Join(got, " ") != "/0/0=10 /0/1=11 /1/0=20" {
		t.Errorf("got %q, %v", got, err)
	}
}

func TestJSONReaderKeyUnmodifiable(t *testing.T) {
	in := []byte(`{"a":1}`)
	r := new(jsonReader)
	r.reset(in, 0)
	err := r.readObject(func(key []byte) error {
		if cap(key) != len(key) {
			t.Errorf("key has spare capacity %d > %d: appending to it would overwrite the input", cap(key), len(key))
		}
		return r.skip()
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestJSONReaderStrings(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{`""`, "", ""},
		{`"abc"`, "abc", ""},
		{` "abc" `, "abc", ""},
		{`"héllo, 世界 😀"`, "héllo, 世界 😀", ""},
		{`"\"\\\/\b\f\n\r\t"`, "\"\\/\b\f\n\r\t", ""},
		{`"\u0041\u00e9\u4e16"`, "Aé世", ""},
		{`"\u00E9\u00e9"`, "éé", ""},
		{`"\ud83d\ude00"`, "😀", ""},
		{`"\uD83D\uDE00"`, "😀", ""},
		{`"a\ud83db"`, "a\uFFFDb", ""},          // lone high surrogate
		{`"a\ude00b"`, "a\uFFFDb", ""},          // lone low surrogate
		{`"\ud83d\u0041"`, "\uFFFDA", ""},       // high surrogate then non-surrogate
		{`"\ud83d\ud83d\ude00"`, "\uFFFD😀", ""}, // high, then a valid pair
		{`"\ud83d"`, "\uFFFD", ""},
		{`"\u0000"`, "\x00", ""},
		{`"\u2028"`, "\u2028", ""},
		{"\"\xef\xbf\xbd\"", "\uFFFD", ""}, // U+FFFD itself is valid
		{`"` + strings.Repeat("x", 1000) + `"`, strings.Repeat("x", 1000), ""},
		{`"abc`, "", "invalid JSON: unexpected end of input"},
		{`"abc\`, "", "invalid JSON: unexpected end of input"},
		{`"\u`, "", "invalid JSON: unexpected end of input"},
		{`"\u12"`, "", `invalid JSON: invalid character '"' at offset 5 in \u escape sequence`},
		{`"\x41"`, "", `invalid JSON: invalid character 'x' at offset 2 in string escape sequence`},
		{`"\U0041"`, "", `invalid JSON: invalid character 'U' at offset 2 in string escape sequence`},
		{"\"\t\"", "", `invalid JSON: invalid character '\t' at offset 1 (control characters must be escaped in strings)`},
		{"\"\x00\"", "", `invalid JSON: invalid character '\x00' at offset 1 (control characters must be escaped in strings)`},
		{"\"\x7f\"", "\x7f", ""}, // DEL need not be escaped
		{"\"\xc3\"", "", `invalid JSON: invalid UTF-8 in string at offset 1`},
		{"\"\xc3(\"", "", `invalid JSON: invalid UTF-8 in string at offset 1`},
		{"\"\xed\xa0\x80\"", "", `invalid JSON: invalid UTF-8 in string at offset 1`}, // encoded surrogate
		{"\"\xf4\x90\x80\x80\"", "", `invalid JSON: invalid UTF-8 in string at offset 1`},
		{"\"\xc0\xaf\"", "", `invalid JSON: invalid UTF-8 in string at offset 1`}, // overlong
		{`null`, "", "invalid JSON: expected a string, found null"},
		{`1`, "", "invalid JSON: expected a string, found a number"},
		{`-`, "", "invalid JSON: unexpected end of input"},
		{`[`, "", "invalid JSON: expected a string, found an array"},
		{`'a'`, "", "invalid JSON: invalid character '\\'' at offset 0"},
		{`é`, "", "invalid JSON: invalid character 'é' at offset 0"},
	}
	for _, tt := range tests {
		r := jrNewReader(tt.in)
		got, err := r.readString()
		if msg := jrErr(t, err); msg != tt.err || got != tt.want {
			t.Errorf("readString(%q) = %q, %q; want %q, %q", tt.in, got, msg, tt.want, tt.err)
		}
		if tt.err == "" {
			if err := r.end(); err != nil {
				t.Errorf("end after %q: %v", tt.in, err)
			}
		}
	}
}

func TestJSONReaderBool(t *testing.T) {
	tests := []struct {
		in   string
		want bool
		err  string
	}{
		{`true`, true, ""},
		{` false`, false, ""},
		{`tru`, false, "invalid JSON: unexpected end of input"},
		{`trUe`, false, "invalid JSON: invalid character 'U' at offset 2"},
		{`fals`, false, "invalid JSON: unexpected end of input"},
		{`"true"`, false, "invalid JSON: expected a boolean, found a string"},
		{`1`, false, "invalid JSON: expected a boolean, found a number"},
		{`null`, false, "invalid JSON: expected a boolean, found null"},
		{`{}`, false, "invalid JSON: expected a boolean, found an object"},
		{``, false, "invalid JSON: unexpected end of input"},
	}
	for _, tt := range tests {
		got, err := jrNewReader(tt.in).readBool()
		if msg := jrErr(t, err); msg != tt.err || got != tt.want {
			t.Errorf("readBool(%q) = %v, %q; want %v, %q", tt.in, got, msg, tt.want, tt.err)
		}
	}
}

func TestJSONReaderIntegers(t *testing.T) {
	type result struct {
		v   int64
		err string
	}
	read := func(bits int, in string) result {
		r := jrNewReader(in)
		var v int64
		var err error
		switch bits {
		case 8:
			var x int8
			x, err = r.readInt8()
			v = int64(x)
		case 16:
			var x int16
			x, err = r.readInt16()
			v = int64(x)
		case 32:
			var x int32
			x, err = r.readInt32()
			v = int64(x)
		default:
			v, err = r.readInt64()
		}
		if err == nil {
			err = r.end()
		}
		if err != nil {
			v = 0
		}
		return result{v, jrErr(t, err)}
	}
	tests := []struct {
		bits int
		in   string
		want result
	}{
		{8, `0`, result{0, ""}},
		{8, `-0`, result{0, ""}},
		{8, `127`, result{127, ""}},
		{8, `-128`, result{-128, ""}},
		{8, `128`, result{0, "invalid JSON: value 128 is out of range for an 8-bit integer"}},
		{8, `-129`, result{0, "invalid JSON: value -129 is out of range for an 8-bit integer"}},
		{16, `32767`, result{32767, ""}},
		{16, `-32768`, result{-32768, ""}},
		{16, `32768`, result{0, "invalid JSON: value 32768 is out of range for a 16-bit integer"}},
		{32, `2147483647`, result{math.MaxInt32, ""}},
		{32, `-2147483648`, result{math.MinInt32, ""}},
		{32, `3000000000`, result{0, "invalid JSON: value 3000000000 is out of range for a 32-bit integer"}},
		{32, `-2147483649`, result{0, "invalid JSON: value -2147483649 is out of range for a 32-bit integer"}},
		{64, `9223372036854775807`, result{math.MaxInt64, ""}},
		{64, `-9223372036854775808`, result{math.MinInt64, ""}},
		{64, `9223372036854775808`, result{0, "invalid JSON: value 9223372036854775808 is out of range for a 64-bit integer"}},
		{64, `-9223372036854775809`, result{0, "invalid JSON: value -9223372036854775809 is out of range for a 64-bit integer"}},
		{64, `18446744073709551616`, result{0, "invalid JSON: value 18446744073709551616 is out of range for a 64-bit integer"}},
		{64, `99999999999999999999999999`, result{0, "invalid JSON: value 99999999999999999999999999 is out of range for a 64-bit integer"}},
		{32, strings.Repeat("9", 100), result{0, "invalid JSON: value " + strings.Repeat("9", 40) + "... is out of range for a 32-bit integer"}},
		// Smithy's malformed-integer protocol tests.
		{32, `-9223372000000000000`, result{0, "invalid JSON: value -9223372000000000000 is out of range for a 32-bit integer"}},
		{32, `123000000000000000000000`, result{0, "invalid JSON: value 123000000000000000000000 is out of range for a 32-bit integer"}},
		{32, `"123"`, result{0, "invalid JSON: expected an integer, found a string"}},
		{32, `true`, result{0, "invalid JSON: expected an integer, found a boolean"}},
		{32, `1.001`, result{0, "invalid JSON: value 1.001 is not an integer"}},
		{32, `2ABC`, result{0, "invalid JSON: unexpected data after the JSON document"}},
		{32, `0x42`, result{0, "invalid JSON: unexpected data after the JSON document"}},
		{32, `Infinity`, result{0, "invalid JSON: invalid character 'I' at offset 0"}},
		{32, `"Infinity"`, result{0, "invalid JSON: expected an integer, found a string"}},
		{32, `-Infinity`, result{0, "invalid JSON: invalid character 'I' at offset 1"}},
		{32, `NaN`, result{0, "invalid JSON: invalid character 'N' at offset 0"}},
		// Integers must be written as such.
		{64, `1.0`, result{0, "invalid JSON: value 1.0 is not an integer"}},
		{64, `1e2`, result{0, "invalid JSON: value 1e2 is not an integer"}},
		{64, `1E+2`, result{0, "invalid JSON: value 1E+2 is not an integer"}},
		{64, `1.5`, result{0, "invalid JSON: value 1.5 is not an integer"}},
		// Not numbers at all.
		{64, `01`, result{0, "invalid JSON: unexpected data after the JSON document"}},
		{64, `+1`, result{0, "invalid JSON: invalid character '+' at offset 0"}},
		{64, `-`, result{0, "invalid JSON: unexpected end of input"}},
		{64, `-a`, result{0, "invalid JSON: invalid character 'a' at offset 1"}},
		{64, `1.`, result{0, "invalid JSON: unexpected end of input"}},
		{64, `1.e5`, result{0, "invalid JSON: invalid character 'e' at offset 2"}},
		{64, `1e`, result{0, "invalid JSON: unexpected end of input"}},
		{64, `1e+`, result{0, "invalid JSON: unexpected end of input"}},
		{64, `.5`, result{0, "invalid JSON: invalid character '.' at offset 0"}},
		{64, `null`, result{0, "invalid JSON: expected an integer, found null"}},
		{64, `[1]`, result{0, "invalid JSON: expected an integer, found an array"}},
		{64, ``, result{0, "invalid JSON: unexpected end of input"}},
		{64, "\t-42\n", result{-42, ""}},
	}
	for _, tt := range tests {
		if got := read(tt.bits, tt.in); got != tt.want {
			t.Errorf("readInt%d(%q) = %+v, want %+v", tt.bits, tt.in, got, tt.want)
		}
	}
}

func TestJSONReaderIntegersMatchStrconv(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		var s string
		switch i % 3 {
		case 0:
			s = strconv.FormatInt(rng.Int63()>>uint(rng.Intn(63)), 10)
		case 1:
			s = strconv.FormatInt(-rng.Int63()>>uint(rng.Intn(63)), 10)
		default:
			s = strconv.FormatUint(rng.Uint64(), 10)
		}
		for _, bits := range []int{8, 16, 32, 64} {
			want, werr := strconv.ParseInt(s, 10, bits)
			r := jrNewReader(s)
			got, err := r.readInt(uint(bits))
			if (err != nil) != (werr != nil) || err == nil && got != want {
				t.Fatalf("readInt(%q, %d) = %d, %v; strconv says %d, %v", s, bits, got, err, want, werr)
			}
		}
	}
}

func TestJSONReaderFloats(t *testing.T) {
	tests := []struct {
		in   string
		bits int
		want float64
		err  string
	}{
		{`0`, 64, 0, ""},
		{`-0`, 64, math.Copysign(0, -1), ""},
		{`-0.0`, 64, math.Copysign(0, -1), ""},
		{`1`, 64, 1, ""},
		{`1.5`, 64, 1.5, ""},
		{`-1.5e3`, 64, -1500, ""},
		{`1E-2`, 64, 0.01, ""},
		{`0.1`, 64, 0.1, ""},
		{`0.1`, 32, float64(float32(0.1)), ""},
		{`123456789012345678901234567890`, 64, 1.2345678901234568e29, ""},
		{`1.7976931348623157e308`, 64, math.MaxFloat64, ""},
		{`4.9e-324`, 64, 5e-324, ""},
		{`1e-400`, 64, 0, ""},
		{`3.4028234663852886e38`, 32, math.MaxFloat32, ""},
		{`1e308`, 64, 1e308, ""},
		{`1e309`, 64, 0, "invalid JSON: value 1e309 is out of range for a 64-bit float"},
		{`-1e309`, 64, 0, "invalid JSON: value -1e309 is out of range for a 64-bit float"},
		{`1e39`, 32, 0, "invalid JSON: value 1e39 is out of range for a 32-bit float"},
		{`1e99999999999999999999`, 64, 0, "invalid JSON: value 1e99999999999999999999 is out of range for a 64-bit float"},
		{`1e-99999999999999999999`, 64, 0, ""},
		{`"NaN"`, 64, math.NaN(), ""},
		{`"Infinity"`, 64, math.Inf(1), ""},
		{`"-Infinity"`, 64, math.Inf(-1), ""},
		{`"\u004eaN"`, 64, math.NaN(), ""},
		{`"Infinity"`, 32, math.Inf(1), ""},
		{`"nan"`, 64, 0, `invalid JSON: expected a number, found a string (only "NaN", "Infinity" and "-Infinity" may be quoted)`},
		{`"1.5"`, 64, 0, `invalid JSON: expected a number, found a string (only "NaN", "Infinity" and "-Infinity" may be quoted)`},
		{`"Infinity`, 64, 0, `invalid JSON: unexpected end of input`},
		{`NaN`, 64, 0, "invalid JSON: invalid character 'N' at offset 0"},
		{`Infinity`, 64, 0, "invalid JSON: invalid character 'I' at offset 0"},
		{`-Infinity`, 64, 0, "invalid JSON: invalid character 'I' at offset 1"},
		{`true`, 64, 0, "invalid JSON: expected a number, found a boolean"},
		{`null`, 32, 0, "invalid JSON: expected a number, found null"},
		{`{}`, 32, 0, "invalid JSON: expected a number, found an object"},
		{`1.`, 64, 0, "invalid JSON: unexpected end of input"},
		{`.1`, 64, 0, "invalid JSON: invalid character '.' at offset 0"},
	}
	for _, tt := range tests {
		r := jrNewReader(tt.in)
		var got float64
		var err error
		if tt.bits == 32 {
			var f float32
			f, err = r.readFloat32()
			got = float64(f)
		} else {
			got, err = r.readFloat64()
		}
		if err == nil {
			err = r.end()
		}
		msg := jrErr(t, err)
		same := got == tt.want && math.Signbit(got) == math.Signbit(tt.want) || math.IsNaN(got) && math.IsNaN(tt.want)
		if msg != tt.err || !same {
			t.Errorf("readFloat%d(%q) = %v, %q; want %v, %q", tt.bits, tt.in, got, msg, tt.want, tt.err)
		}
	}
}

// TestJSONReaderFloatFastPath checks the allocation-free conversion against
// strconv on numbers shaped to exercise it and its boundaries.
func TestJSONReaderFloatFastPath(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	digits := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + rng.Intn(10))
		}
		if n > 1 && b[0] == '0' {
			b[0] = '1'
		}
		return string(b)
	}
	fast := 0
	for i := 0; i < 200000; i++ {
		s := digits(1 + rng.Intn(18))
		if rng.Intn(2) == 0 {
			s += "." + digits(1+rng.Intn(18))
		}
		if rng.Intn(3) == 0 {
			s += "e" + strconv.Itoa(rng.Intn(60)-30)
		}
		if rng.Intn(2) == 0 {
			s = "-" + s
		}
		for _, bits := range []int{32, 64} {
			want, err := strconv.ParseFloat(s, bits)
			if err != nil {
				continue
			}
			got, ok := jsonParseFloatFast([]byte(s), bits)
			if !ok {
				continue
			}
			fast++
			if math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("jsonParseFloatFast(%q, %d) = %v, strconv says %v", s, bits, got, want)
			}
		}
	}
	if fast < 10000 {
		t.Errorf("only %d conversions took the fast path", fast)
	}
	// Boundaries of the fast path.
	for _, s := range []string{
		"9007199254740992", "9007199254740993", "16777216", "16777217", "16777217e-10",
		"1e22", "1e23", "1e-22", "1e-23", "123e10", "123e11", "9999999999999999999", "0.0000000000000000000001",
		"4503599627370497.5", "1.00000017881393432617187499", "3.4028235e38", "1e-45",
	} {
		for _, bits := range []int{32, 64} {
			want, _ := strconv.ParseFloat(s, bits)
			r := jrNewReader(s)
			got, err := r.readFloat(bits)
			if err != nil || math.Float64bits(got) != math.Float64bits(want) {
				t.Errorf("readFloat(%q, %d) = %v, %v; want %v", s, bits, got, err, want)
			}
		}
	}
}

func TestJSONReaderBigNumbers(t *testing.T) {
	intTests := []struct{ in, want, err string }{
		{`0`, "0", ""},
		{`-12345678901234567890123456789`, "-12345678901234567890123456789", ""},
		{strings.Repeat("9", 1000), strings.Repeat("9", 1000), ""},
		{"-" + strings.Repeat("9", 999), "-" + strings.Repeat("9", 999), ""},
		{strings.Repeat("9", 1001), "", "invalid JSON: value " + strings.Repeat("9", 40) + "... is longer than 1000 characters"},
		{strings.Repeat("9", 1<<20), "", "invalid JSON: value " + strings.Repeat("9", 40) + "... is longer than 1000 characters"},
		{`1e3`, "", "invalid JSON: value 1e3 is not an integer"},
		{`1.0`, "", "invalid JSON: value 1.0 is not an integer"},
		{`"1"`, "", "invalid JSON: expected an integer, found a string"},
		{`null`, "", "invalid JSON: expected an integer, found null"},
	}
	for _, tt := range intTests {
		v, err := jrNewReader(tt.in).readBigInt()
		got := ""
		if v != nil {
			got = v.String()
		}
		if msg := jrErr(t, err); msg != tt.err || got != tt.want {
			t.Errorf("readBigInt(%q) = %s, %q; want %s, %q", tt.in, got, msg, tt.want, tt.err)
		}
	}
	floatTests := []struct{ in, want, err string }{
		{`0`, "0", ""},
		{`1.5`, "1.5", ""},
		{`0.1`, "0.1", ""},
		{`-123.456e-7`, "-1.23456e-05", ""},
		{`12345678901234567890.123456789`, "1.2345678901234567890123456789e+19", ""},
		{`1e1000`, "1e+1000", ""},
		{`-9.99e1000`, "-9.99e+1000", ""},
		{`1e-1000`, "1e-1000", ""},
		{`1e1001`, "", "invalid JSON: value 1e1001 is out of range"},
		{`0.1e1002`, "", "invalid JSON: value 0.1e1002 is out of range"},
		{`0.1e1001`, "1e+1000", ""},
		{`12.5e999`, "1.25e+1000", ""},
		{`12.5e1000`, "", "invalid JSON: value 12.5e1000 is out of range"},
		{`-0.00999e-997`, "-9.99e-1000", ""},
		{`-0.00999e-998`, "", "invalid JSON: value -0.00999e-998 is out of range"},
		{`1e-1001`, "", "invalid JSON: value 1e-1001 is out of range"},
		{`0.0e-99999`, "0", ""},
		{`0e99999`, "0", ""},
		{`1e100000`, "", "invalid JSON: value 1e100000 is out of range"},
		{`1e-99999999`, "", "invalid JSON: value 1e-99999999 is out of range"},
		{`1e9999999999`, "", "invalid JSON: value 1e9999999999 is out of range"},
		{"0." + strings.Repeat("1", 998), "0." + strings.Repeat("1", 998), ""},
		{"0." + strings.Repeat("1", 999), "", "invalid JSON: value 0." + strings.Repeat("1", 38) + "... is longer than 1000 characters"},
		{`"1.5"`, "", "invalid JSON: expected a number, found a string"},
		{`true`, "", "invalid JSON: expected a number, found a boolean"},
	}
	for _, tt := range floatTests {
		v, err := jrNewReader(tt.in).readBigFloat()
		got := ""
		if v != nil {
			got = v.Text('g', -1)
		}
		if msg := jrErr(t, err); msg != tt.err || got != tt.want {
			t.Errorf("readBigFloat(%q) = %s, %q; want %s, %q", tt.in, got, msg, tt.want, tt.err)
		}
	}
}

func TestJSONReaderBlob(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{`""`, "", ""},
		{`"YmxvYg=="`, "blob", ""},
		{`"Zm9vYmFy"`, "foobar", ""},
		{`"Zm9vYg\u003d\u003d"`, "foob", ""},
		{`"+/+/"`, "\xfb\xff\xbf", ""},
		// Smithy's malformed-blob protocol tests.
		{`blob`, "", "invalid JSON: invalid character 'b' at offset 0"},
		{`"xyz"`, "", "invalid JSON: invalid base64"},
		{`"YmxvYg="`, "", "invalid JSON: invalid base64"},
		{`"YmxvYg"`, "", "invalid JSON: invalid base64"},
		{`[98, 108, 11, 98]`, "", "invalid JSON: expected a base64-encoded string, found an array"},
		{`981081198`, "", "invalid JSON: expected a base64-encoded string, found a number"},
		{`true`, "", "invalid JSON: expected a base64-encoded string, found a boolean"},
		{`"-_=="`, "", "invalid JSON: invalid base64"},
		{`"Ymxv\nYg=="`, "", "invalid JSON: invalid base64"},
		{`"Ym xvYg=="`, "", "invalid JSON: invalid base64"},
		{`null`, "", "invalid JSON: expected a base64-encoded string, found null"},
	}
	for _, tt := range tests {
		got, err := jrNewReader(tt.in).readBlob()
		if msg := jrErr(t, err); msg != tt.err || string(got) != tt.want || (err == nil && got == nil) {
			t.Errorf("readBlob(%q) = %q, %q; want %q, %q", tt.in, got, msg, tt.want, tt.err)
		}
	}
}

func TestJSONReaderEpochSeconds(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		err  string
	}{
		{`0`, time.Unix(0, 0), ""},
		{`1515531081`, time.Unix(1515531081, 0), ""},
		{`1515531081.123`, time.Unix(1515531081, 123e6), ""},
		{`1515531081.1234`, time.Unix(1515531081, 123400000), ""},
		{`1515531081.123456789`, time.Unix(1515531081, 123456789), ""},
		{`1515531081.1234567899`, time.Unix(1515531081, 123456789), ""},
		{`1.515531081123E9`, time.Unix(1515531081, 123e6), ""},
		{`1515531081123e-3`, time.Unix(1515531081, 123e6), ""},
		{`-1.5`, time.Unix(-2, 5e8), ""},
		{`-0.000000001`, time.Unix(-1, 999999999), ""},
		{`0.0000000001`, time.Unix(0, 0), ""},
		{`-0`, time.Unix(0, 0), ""},
		{`0e99999999999999999999`, time.Unix(0, 0), ""},
		{`1e-99999999999999999999`, time.Unix(0, 0), ""},
		{`253402300799.999999999`, time.Unix(253402300799, 999999999), ""},
		{`-62135596800`, time.Unix(-62135596800, 0), ""},
		{`0.00000000000000000000000000000001e32`, time.Unix(1, 0), ""},
		{`253402300800`, time.Time{}, "invalid JSON: value 253402300800 is out of range for a timestamp"},
		{`-62135596800.5`, time.Time{}, "invalid JSON: value -62135596800.5 is out of range for a timestamp"},
		{`1e13`, time.Time{}, "invalid JSON: value 1e13 is out of range for a timestamp"},
		{`1e99999999999999999999`, time.Time{}, "invalid JSON: value 1e99999999999999999999 is out of range for a timestamp"},
		// Smithy's malformed-timestamp protocol tests.
		{`true`, time.Time{}, "invalid JSON: expected a timestamp in seconds since the epoch, found a boolean"},
		{`"1515531081"`, time.Time{}, "invalid JSON: expected a timestamp in seconds since the epoch, found a string"},
		{`"Infinity"`, time.Time{}, "invalid JSON: expected a timestamp in seconds since the epoch, found a string"},
		{`Infinity`, time.Time{}, "invalid JSON: invalid character 'I' at offset 0"},
		{`-Infinity`, time.Time{}, "invalid JSON: invalid character 'I' at offset 1"},
		{`NaN`, time.Time{}, "invalid JSON: invalid character 'N' at offset 0"},
		{`1515531081ABC`, time.Time{}, "invalid JSON: unexpected data after the JSON document"},
		{`0x42`, time.Time{}, "invalid JSON: unexpected data after the JSON document"},
		{`1515531081.123.456`, time.Time{}, "invalid JSON: unexpected data after the JSON document"},
	}
	for _, tt := range tests {
		r := jrNewReader(tt.in)
		got, err := r.readEpochSeconds()
		if err == nil {
			err = r.end()
		}
		msg := jrErr(t, err)
		if msg != tt.err || (err == nil && (!got.Equal(tt.want) || got.Location() != time.UTC)) {
			t.Errorf("readEpochSeconds(%q) = %v, %q; want %v, %q", tt.in, got, msg, tt.want.UTC(), tt.err)
		}
	}
}

func TestJSONReaderDepth(t *testing.T) {
	nest := func(n int, open, close string) string {
		inner := ""
		if open != "[" {
			inner = "1"
		}
		return strings.Repeat(open, n) + inner + strings.Repeat(close, n)
	}
	tests := []struct {
		in       string
		maxDepth int
		err      string
	}{
		{nest(64, "[", "]"), 0, ""},
		{nest(65, "[", "]"), 0, "invalid JSON at '" + strings.Repeat("/0", 64) + "': nesting is deeper than 64 levels"},
		{nest(64, `{"a":`, "}"), 0, ""},
		{nest(65, `{"a":`, "}"), 0, "invalid JSON at '" + strings.Repeat("/a", 64) + "': nesting is deeper than 64 levels"},
		{nest(3, "[", "]"), 3, ""},
		{nest(4, "[", "]"), 3, "invalid JSON at '/0/0/0': nesting is deeper than 3 levels"},
		{nest(100000, "[", "]"), 0, "invalid JSON at '" + strings.Repeat("/0", 64) + "': nesting is deeper than 64 levels"},
		{strings.Repeat("[", 100000), 0, "invalid JSON at '" + strings.Repeat("/0", 64) + "': nesting is deeper than 64 levels"},
	}
	for _, tt := range tests {
		for _, how := range []string{"skip", "document"} {
			r := new(jsonReader)
			r.reset([]byte(tt.in), tt.maxDepth)
			var err error
			if how == "skip" {
				err = r.skip()
			} else {
				_, err = r.readDocument()
			}
			if err == nil {
				err = r.end()
			}
			if msg := jrErr(t, err); msg != tt.err {
				t.Errorf("%s(%.20q..., maxDepth %d) = %.200q, want %.200q", how, tt.in, tt.maxDepth, msg, tt.err)
			}
		}
	}
	// Depth is per nesting level, not per container read: many siblings
	// are fine.
	r := jrNewReader("[" + strings.Repeat("[[]],", 1000) + "[]]")
	if err := r.skip(); err != nil {
		t.Error(err)
	}
}

func TestJSONReaderDocument(t *testing.T) {
	tests := []struct {
		in   string
		want any
		err  string
	}{
		{`null`, nil, ""},
		{`true`, true, ""},
		{`"s"`, "s", ""},
		{`-1.5e2`, -150.0, ""},
		{`[]`, []any{}, ""},
		{`{}`, map[string]any{}, ""},
		{`{"a":[1,"x",null,{"b":false}],"c":{}}`, map[string]any{"a": []any{1.0, "x", nil, map[string]any{"b": false}}, "c": map[string]any{}}, ""},
		{`{"a":[1,"x",null,{"b":false}],"a":2,"c":{}}`, nil, "invalid JSON at '/a': the key occurs more than once in the object"},
		{`[1,[2,[3]]]`, []any{1.0, []any{2.0, []any{3.0}}}, ""},
		{`"NaN"`, "NaN", ""},
		{`1e400`, nil, "invalid JSON: value 1e400 is out of range for a 64-bit float"},
		{`{"a":[1,1e400]}`, nil, "invalid JSON at '/a/1': value 1e400 is out of range for a 64-bit float"},
		{`[1,]`, nil, "invalid JSON at '/1': invalid character ']' at offset 3"},
		{`{"a" 1}`, nil, "invalid JSON at '/a': invalid character '1' at offset 5, expected ':' after an object key"},
		{`nope`, nil, "invalid JSON: invalid character 'o' at offset 1"},
		{`}`, nil, "invalid JSON: invalid character '}' at offset 0"},
		{``, nil, "invalid JSON: unexpected end of input"},
	}
	for _, tt := range tests {
		r := jrNewReader(tt.in)
		got, err := r.readDocument()
		if err == nil {
			err = r.end()
		}
		if msg := jrErr(t, err); msg != tt.err || (err == nil && !reflect.DeepEqual(got, tt.want)) {
			t.Errorf("readDocument(%q) = %#v, %q; want %#v, %q", tt.in, got, msg, tt.want, tt.err)
		}
	}
}

func TestJSONReaderSkip(t *testing.T) {
	// Unknown members of any shape are skipped, known ones still read.
	in := ` { "x" : [ 1 , -2.5e-3 , "s\"\u00e9" , true , false , null , { "y" : { } , "z" : [ ] } ] , "Name" : "n" , "w":{"\u0041":[[[]]]} } `
	r := jrNewReader(in)
	var v jrSample
	if err := jrDecodeSample(r, &v); err != nil {
		t.Fatal(err)
	}
	if err := r.end(); err != nil {
		t.Fatal(err)
	}
	if v.Name == nil || *v.Name != "n" {
		t.Errorf("Name = %v", v.Name)
	}
}

// jrValidityCorpus holds documents, valid and not, for the comparisons with
// encoding/json and the fuzz seeds.
var jrValidityCorpus = []string{
	``, ` `, `null`, `true`, `false`, `0`, `-0`, `1`, `-1`, `1.5`, `1e5`, `1E+5`, `1e-5`, `0.0`,
	`"a"`, `""`, `"\u0000"`, `"\ud800"`, `"\udc00\ud800"`, `[]`, `{}`, `[1,2,3]`, `{"a":1,"b":[true,null]}`,
	`[[[[]]]]`, `{"a":{"b":{"c":{}}}}`, ` [ 1 , 2 ] `, "\t\n\r{ }\n", `{"":""}`, `{"a":1,"a":2}`,
	`01`, `-`, `--1`, `+1`, `1.`, `.1`, `1e`, `1e+`, `0x1`, `1 2`, `NaN`, `Infinity`, `tru`, `nul`, `falsey`,
	`[`, `]`, `[1,]`, `[,1]`, `{`, `}`, `{"a"}`, `{"a":}`, `{"a":1,}`, `{,}`, `{1:2}`, `{'a':1}`, `['a']`,
	`"`, `"\`, `"\u"`, `"\u123"`, `"\x"`, "\"\x01\"", "\"\xff\"", "\"\xc3\xa9\"", "\"\xed\xa0\x80\"",
	`"\uD83D\uDE00"`, `[1 2]`, `{"a":1 "b":2}`, `{"a" "b"}`, "\x00", "[\x00]", `[1]x`, `{}{}`, `/**/1`,
	"\xef\xbb\xbf{}", `[-0.0e-0]`, `[1E400]`, `123456789012345678901234567890`, `"` + strings.Repeat(`\\`, 20) + `"`,
	jrSampleJSON,
}

// TestJSONReaderSkipMatchesEncodingJSON checks that skip accepts exactly
// what encoding/json considers valid (for valid UTF-8; encoding/json does
// not check it) and that readDocument agrees with json.Unmarshal.
func TestJSONReaderSkipMatchesEncodingJSON(t *testing.T) {
	for _, in := range jrValidityCorpus {
		jrCompareWithEncodingJSON(t, []byte(in))
	}
}

func jrCompareWithEncodingJSON(t *testing.T, data []byte) {
	t.Helper()
	r := new(jsonReader)
	r.reset(data, 10000)
	err := r.skip()
	if err == nil {
		err = r.end()
	}
	if err != nil {
		jrErr(t, err)
	}
	valid := json.Valid(data)
	if err == nil && !valid {
		t.Errorf("skip accepted %q, which encoding/json rejects", data)
	}
	// Repeated keys are the one deliberate difference: encoding/json lets
	// the last one win, jsonReader refuses them.
	dup := valid && jrHasRepeatedKey(data)
	if err == nil && dup {
		t.Errorf("skip accepted %q, which repeats a key", data)
	}
	if err != nil && valid && !dup && utf8.Valid(data) {
		t.Errorf("skip rejected %q, which encoding/json accepts: %v", data, err)
	}

	r.reset(data, 10000)
	got, err := r.readDocument()
	if err == nil {
		err = r.end()
	}
	var want any
	werr := json.Unmarshal(data, &want)
	if err == nil && werr != nil {
		t.Errorf("readDocument accepted %q, which json.Unmarshal rejects: %v", data, werr)
	}
	if err != nil && werr == nil && !dup && utf8.Valid(data) {
		t.Errorf("readDocument rejected %q, which json.Unmarshal accepts: %v", data, err)
	}
	if err == nil && werr == nil && !reflect.DeepEqual(got, want) {
		t.Errorf("readDocument(%q) = %#v, json.Unmarshal says %#v", data, got, want)
	}
}

// jrHasRepeatedKey reports whether a valid JSON document has an object with
// a key that occurs twice.
func jrHasRepeatedKey(data []byte) bool {
	d := json.NewDecoder(bytes.NewReader(data))
	type level struct {
		keys   map[string]bool
		object bool
		isKey  bool // the next token of this object is a key
	}
	var stack []level
	for {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		top := len(stack) - 1
		if top >= 0 && stack[top].object {
			if stack[top].isKey {
				if k, ok := tok.(string); ok {
					if stack[top].keys[k] {
						return true
					}
					stack[top].keys[k] = true
					stack[top].isKey = false
					continue
				}
			} else {
				stack[top].isKey = true // the value just read
			}
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, level{keys: map[string]bool{}, object: true, isKey: true})
		case json.Delim('['):
			stack = append(stack, level{})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
	}
}

func FuzzJSONReader(f *testing.F) {
	for _, s := range jrValidityCorpus {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		jrCompareWithEncodingJSON(t, data)

		// Typed reads of every kind must fail cleanly, never panic or loop.
		r := new(jsonReader)
		reads := []func() error{
			func() error { var v jrSample; return jrDecodeSample(r, &v) },
			func() error { _, err := r.readString(); return err },
			func() error { _, err := r.readInt32(); return err },
			func() error { _, err := r.readInt64(); return err },
			func() error { _, err := r.readFloat64(); return err },
			func() error { _, err := r.readFloat32(); return err },
			func() error { _, err := r.readBigInt(); return err },
			func() error { _, err := r.readBigFloat(); return err },
			func() error { _, err := r.readBlob(); return err },
			func() error { _, err := r.readEpochSeconds(); return err },
			func() error { _, err := r.readBool(); return err },
			func() error {
				return r.readArray(func(int) error { _, err := r.readDocument(); return err })
			},
		}
		for _, read := range reads {
			r.reset(data, 0)
			err := read()
			if err == nil {
				err = r.end()
			}
			if err != nil {
				jrErr(t, err)
			}
		}
	})
}

func TestJSONReaderResetReuse(t *testing.T) {
	r := new(jsonReader)
	r.reset([]byte(`{"a":[{"b":`), 0)
	if err := r.skip(); err == nil {
		t.Fatal("truncated input accepted")
	}
	r.reset([]byte(`{"x":1}`), 0)
	if err := r.readObject(func([]byte) error { return errors.New("stop") }); err == nil || err.Error() != "stop" {
		t.Fatalf("callback error not passed through: %v", err)
	}
	// A fresh reset clears the path and depth left behind.
	r.reset([]byte(`{"Name":1}`), 0)
	var v jrSample
	if msg := jrErr(t, jrDecodeSample(r, &v)); msg != "invalid JSON at '/Name': expected a string, found a number" {
		t.Errorf("after reuse: %s", msg)
	}
	// The scratch buffer is dropped when a large escaped string grew it.
	r.reset([]byte(`"`+strings.Repeat(`\n`, jsonMaxScratch)+`"`), 0)
	if _, err := r.readBlob(); err == nil {
		t.Fatal("newlines accepted as base64")
	}
	r.reset(nil, 0)
	if cap(r.scratch) > jsonMaxScratch {
		t.Errorf("scratch of %d bytes kept", cap(r.scratch))
	}
}

// Strings read share chunks of text, which are never written again: every
// string stays intact across new chunks, resets and the reuse of the input
// buffer, and one longer than any chunk is kept whole.
func TestJSONReaderKeptStrings(t *testing.T) {
	var want []string
	var doc strings.Builder
	doc.WriteString("[")
	for i := range 300 {
		s := strings.Repeat(string(rune('a'+i%26)), i%40)
		if i%7 == 0 {
			s += `\n\u00e9`
		}
		if i == 150 {
			s = strings.Repeat("L", jsonTextChunk+1)
		}
		if i > 0 {
			doc.WriteString(",")
		}
		doc.WriteString(`"` + s + `"`)
		want = append(want, strings.NewReplacer(`\n`, "\n", `\u00e9`, "é").Replace(s))
	}
	doc.WriteString("]")
	data := []byte(doc.String())
	r := new(jsonReader)
	r.reset(data, 0)
	var got []string
	err := r.readArray(func(int) error {
		s, err := r.readString()
		got = append(got, s)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	r.reset([]byte(`["overwrite"]`), 0)
	if err := r.readArray(func(int) error { _, err := r.readString(); return err }); err != nil {
		t.Fatal(err)
	}
	clear(data)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("string %d: got %.40q, want %.40q", i, got[i], want[i])
		}
	}
}

func TestMalformedErrorMessage(t *testing.T) {
	if got := (&malformedError{msg: "unexpected end of input"}).Error(); got != "invalid JSON: unexpected end of input" {
		t.Errorf("top level: %s", got)
	}
	if got := (&malformedError{path: "/Tags/0/Key", msg: "expected a string, found a number"}).Error(); got != "invalid JSON at '/Tags/0/Key': expected a string, found a number" {
		t.Errorf("nested: %s", got)
	}
}

func TestJSONReaderAllocations(t *testing.T) {
	data := []byte(jrSampleJSON)
	r := new(jsonReader)
	var v jrSample
	v.Tags = make([]jrTag, 0, 4)
	decode := func() {
		r.reset(data, 0)
		v.Tags = v.Tags[:0]
		if err := jrDecodeSample(r, &v); err != nil {
			t.Fatal(err)
		}
		if err := r.end(); err != nil {
			t.Fatal(err)
		}
	}
	decode() // grow the path stack
	// Seven strings are returned and each member is a *string; Go's
	// conversion of one-byte strings does not allocate.
	if n := testing.AllocsPerRun(100, decode); n > 14 {
		t.Errorf("decoding the sample allocates %v times, want at most 14", n)
	}

	skip := func() {
		r.reset(data, 0)
		if err := r.skip(); err != nil {
			t.Fatal(err)
		}
	}
	if n := testing.AllocsPerRun(100, skip); n != 0 {
		t.Errorf("skip allocates %v times", n)
	}

	numbers := []byte(`[1, -25, 3.5, 1e3, -0.125, 1515531081.123, true, false]`)
	readNumbers := func() {
		r.reset(numbers, 0)
		err := r.readArray(func(i int) error {
			var err error
			switch {
			case i < 2:
				_, err = r.readInt32()
			case i < 5:
				_, err = r.readFloat64()
			case i < 6:
				_, err = r.readEpochSeconds()
			default:
				_, err = r.readBool()
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := testing.AllocsPerRun(100, readNumbers); n != 0 {
		t.Errorf("reading numbers allocates %v times", n)
	}

	escapedKeys := []byte(`{"N\u0061me":"x","\u0041":{"\u0042":true}}`)
	readEscaped := func() {
		r.reset(escapedKeys, 0)
		if err := r.skip(); err != nil {
			t.Fatal(err)
		}
	}
	readEscaped()
	if n := testing.AllocsPerRun(100, readEscaped); n != 0 {
		t.Errorf("escaped keys allocate %v times", n)
	}
}

func BenchmarkJSONReaderSmallObject(b *testing.B) {
	data := []byte(jrSampleJSON)
	r := new(jsonReader)
	var v jrSample
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		r.reset(data, 0)
		v = jrSample{Tags: v.Tags[:0]}
		if err := jrDecodeSample(r, &v); err != nil {
			b.Fatal(err)
		}
		if err := r.end(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkJSONReaderSmallObjectEncodingJSON is the same decode with
// encoding/json, for comparison.
func BenchmarkJSONReaderSmallObjectEncodingJSON(b *testing.B) {
	data := []byte(jrSampleJSON)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var v jrSample
		if err := json.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSONReaderSkip(b *testing.B) {
	data := []byte(jrSampleJSON)
	r := new(jsonReader)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		r.reset(data, 0)
		if err := r.skip(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSONReaderNumbers(b *testing.B) {
	data := []byte(`[1,-25,1234567,3.5,1e3,-0.125,2.718281828459045,1515531081.123]`)
	r := new(jsonReader)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		r.reset(data, 0)
		err := r.readArray(func(i int) error {
			var err error
			switch {
			case i < 3:
				_, err = r.readInt64()
			case i < 7:
				_, err = r.readFloat64()
			default:
				_, err = r.readEpochSeconds()
			}
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSONReaderLongString(b *testing.B) {
	data := []byte(`"` + strings.Repeat("The quick brown fox jumps over the lazy dog. ", 100) + `"`)
	r := new(jsonReader)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		r.reset(data, 0)
		if _, err := r.readString(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSONReaderDocument(b *testing.B) {
	data := []byte(jrSampleJSON)
	r := new(jsonReader)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		r.reset(data, 0)
		if _, err := r.readDocument(); err != nil {
			b.Fatal(err)
		}
	}
}
