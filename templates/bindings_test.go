package templates

import (
	"errors"
	"math"
	"math/big"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Text values take what the AWS SDKs write and nothing that only a lenient
// parser would: numbers in JSON's syntax, strings of valid UTF-8.
func TestTextParsersAreStrict(t *testing.T) {
	for _, s := range []string{"0", "-1", "2147483647", "-2147483648"} {
		if _, err := parseInt32Text(s); err != nil {
			t.Errorf("parseInt32Text(%q): %v", s, err)
		}
	}
	for s, want := range map[string]string{
		"+1":          `"+1" is not an integer`,
		"01":          `"01" is not an integer`,
		"1.0":         `"1.0" is not an integer`,
		"1e3":         `"1e3" is not an integer`,
		" 1":          `" 1" is not an integer`,
		"0x1f":        `"0x1f" is not an integer`,
		"2147483648":  `"2147483648" is out of range for a 32-bit integer`,
		"-2147483649": `"-2147483649" is out of range for a 32-bit integer`,
	} {
		if _, err := parseInt32Text(s); err == nil || err.Error() != want {
			t.Errorf("parseInt32Text(%q) = %v, want %s", s, err, want)
		}
	}
	if _, err := parseInt8Text("128"); err == nil || err.Error() != `"128" is out of range for an 8-bit integer` {
		t.Errorf("parseInt8Text(128) = %v", err)
	}

	for s, want := range map[string]float64{"1.5": 1.5, "-0": math.Copysign(0, -1), "1e3": 1000, "Infinity": math.Inf(1), "-Infinity": math.Inf(-1)} {
		if got, err := parseFloat64Text(s); err != nil || got != want {
			t.Errorf("parseFloat64Text(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	if got, err := parseFloat64Text("NaN"); err != nil || !math.IsNaN(got) {
		t.Errorf("parseFloat64Text(NaN) = %v, %v", got, err)
	}
	for _, s := range []string{"inf", "+Inf", "infinity", "nan", "NAN", "+1", ".5", "1.", "0x1p-2", "1_000", "1e", ""} {
		if _, err := parseFloat64Text(s); err == nil {
			t.Errorf("parseFloat64Text(%q) accepted", s)
		}
	}
	if _, err := parseFloat32Text("1e39"); err == nil || !strings.Contains(err.Error(), "out of range for a 32-bit float") {
		t.Errorf("parseFloat32Text(1e39) = %v", err)
	}

	if _, err := parseText("caf\xc3\xa9"); err != nil {
		t.Errorf("parseText(café): %v", err)
	}
	for _, s := range []string{"\xff", "a\xc0\xafb", "\xed\xa0\x80"} {
		if _, err := parseText(s); err == nil {
			t.Errorf("parseText(%q) accepted", s)
		}
		if _, err := parseEnumText[string](s); err == nil {
			t.Errorf("parseEnumText(%q) accepted", s)
		}
	}

	if _, err := parseDateTimeText("1985-04-12T23:20:50.52Z"); err != nil {
		t.Errorf("parseDateTimeText: %v", err)
	}
	if _, err := parseDateTimeText("1996-12-19T16:39:57-08:00"); err == nil || !strings.Contains(err.Error(), "UTC offsets are not accepted") {
		t.Errorf("parseDateTimeText with an offset: %v", err)
	}
}

// A value that does not parse is quoted in the message, unless it belongs
// to a @sensitive member.
func TestTextValueMessages(t *testing.T) {
	v := textValue{kind: "header", name: "X-Count", s: "12x", ok: true}
	var n *int32
	err := bindPtr(&n, v, parseInt32Text)
	var re *requestError
	if !errors.As(err, &re) || err.Error() != `invalid value for header "X-Count": "12x" is not an integer` {
		t.Errorf("got %v", err)
	}
	err = bindPtr(&n, v.sensitive(), parseInt32Text)
	if err == nil || err.Error() != `invalid value for header "X-Count": the value is not an integer` {
		t.Errorf("sensitive: got %v", err)
	}
	var l []string
	err = bindList(&l, textList{kind: "query parameter", name: "tag", items: []string{"ok", "s3cr3t\xff"}}.sensitive(), parseText)
	if err == nil || strings.Contains(err.Error(), "s3cr3t") || !strings.Contains(err.Error(), "not valid UTF-8") {
		t.Errorf("sensitive list: got %v", err)
	}
}

func TestRepeated(t *testing.T) {
	at := func(sec, nsec int64, loc *time.Location) time.Time { return time.Unix(sec, nsec).In(loc) }
	paris := time.FixedZone("CET", 3600)
	if got := repeatedTimes([]time.Time{at(1, 0, time.UTC), at(2, 0, time.UTC), at(1, 0, paris)}); !reflect.DeepEqual(got, []int{0, 2}) {
		t.Errorf("the same instant in two zones: %v", got)
	}
	if got := repeatedTimes([]time.Time{at(1, 1000, time.UTC), at(1, 2000, time.UTC)}); got != nil {
		t.Errorf("a microsecond apart: %v", got)
	}

	blobs := [][]byte{[]byte("a"), []byte("b"), []byte("a"), nil, {}}
	got := repeatedEncoded(len(blobs), func(w *jsonWriter, i int) { w.blob(blobs[i]) })
	if !reflect.DeepEqual(got, []int{0, 2, 3, 4}) {
		t.Errorf("blobs: %v", got)
	}
	stamps := []time.Time{at(1, 1000, time.UTC), at(1, 2000, time.UTC), at(1, 1000, paris)}
	got = repeatedEncoded(len(stamps), func(w *jsonWriter, i int) {
		w.objectStart()
		w.key("at")
		w.epochSeconds(stamps[i])
		w.objectEnd()
	})
	if !reflect.DeepEqual(got, []int{0, 2}) {
		t.Errorf("timestamps inside values are compared to the nanosecond: %v", got)
	}
	docs := []any{map[string]any{"a": 1.0, "b": []any{"x"}}, map[string]any{"b": []any{"x"}, "a": 1.0}, []any{1.0}}
	got = repeatedEncoded(len(docs), func(w *jsonWriter, i int) { w.document(docs[i]) })
	if !reflect.DeepEqual(got, []int{0, 1}) {
		t.Errorf("documents: %v", got)
	}
}

func TestDecimalBound(t *testing.T) {
	for _, c := range []struct {
		value, bound string
		want         int
	}{
		{"0.1", "0.1", 0},
		{"0.100", "0.1", 0},
		{"0.09999999999999999999999", "0.1", -1},
		{"0.10000000000000000000001", "0.1", 1},
		{"2.5", "2.5", 0},
		{"-1e-5", "0", -1},
	} {
		v, ok := new(big.Float).SetPrec(uint(len(c.value))*10/3 + 64).SetString(c.value)
		if !ok {
			t.Fatal(c.value)
		}
		if got := v.Cmp(decimalBound(v, c.bound)); got != c.want {
			t.Errorf("%s against %s: %d, want %d", c.value, c.bound, got, c.want)
		}
	}
}

func TestMediaTypes(t *testing.T) {
	for _, c := range []struct {
		ct, want string
		ok       bool
	}{
		{"image/jpeg", "image/jpeg", true},
		{"IMAGE/JPEG; q=1", "image/jpeg", true},
		{"image/png", "image/*", true},
		{"application/json", "image/jpeg", false},
		{"", "application/octet-stream", false},
		{"text/plain; charset", "text/plain", false},
	} {
		if got := isMediaType(c.ct, c.want); got != c.ok {
			t.Errorf("isMediaType(%q, %q) = %v", c.ct, c.want, got)
		}
	}
	for _, c := range []struct {
		accept []string
		want   string
		ok     bool
	}{
		{nil, "image/jpeg", true},
		{[]string{"application/json"}, "image/jpeg", false},
		{[]string{"text/html, image/*;q=0.5"}, "image/jpeg", true},
		{[]string{"*/*"}, "text/plain", true},
		{[]string{"image/jpeg;q=0", "application/json"}, "image/jpeg", false},
		{[]string{"application/hal+json"}, "application/json", false},
	} {
		if got := accepts(c.accept, c.want); got != c.ok {
			t.Errorf("accepts(%q, %q) = %v", c.accept, c.want, got)
		}
	}
}
