package templates

import (
	"math/rand"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestFormatDateTime(t *testing.T) {
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Date(1985, 4, 12, 23, 20, 50, 0, time.UTC), "1985-04-12T23:20:50Z"},
		{time.Date(1985, 4, 12, 23, 20, 50, 520e6, time.UTC), "1985-04-12T23:20:50.52Z"},
		{time.Date(1985, 4, 12, 23, 20, 50, 1, time.UTC), "1985-04-12T23:20:50.000000001Z"},
		{time.Date(1985, 4, 12, 23, 20, 50, 123456000, time.UTC), "1985-04-12T23:20:50.123456Z"},
		{time.Date(1996, 12, 19, 16, 39, 57, 0, time.FixedZone("PST", -8*3600)), "1996-12-20T00:39:57Z"},
		{time.Unix(0, 0), "1970-01-01T00:00:00Z"},
	}
	for _, tt := range tests {
		if got := formatDateTime(tt.t); got != tt.want {
			t.Errorf("formatDateTime(%v) = %s, want %s", tt.t, got, tt.want)
		}
	}
}

func TestParseDateTime(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	}
	tests := []struct {
		in      string
		want    time.Time
		err     string // for parseDateTime
		utcOnly string // error from parseDateTimeUTC, if it differs
	}{
		{"1985-04-12T23:20:50Z", utc(1985, 4, 12, 23, 20, 50, 0), "", ""},
		{"1985-04-12T23:20:50.52Z", utc(1985, 4, 12, 23, 20, 50, 520e6), "", ""},
		{"1985-04-12T23:20:50.123456789Z", utc(1985, 4, 12, 23, 20, 50, 123456789), "", ""},
		{"1985-04-12T23:20:50.1234567891234Z", utc(1985, 4, 12, 23, 20, 50, 123456789), "", ""},
		{"1985-04-12t23:20:50z", utc(1985, 4, 12, 23, 20, 50, 0), "", ""},
		{"2000-02-29T00:00:00Z", utc(2000, 2, 29, 0, 0, 0, 0), "", ""},
		{"0001-01-01T00:00:00Z", utc(1, 1, 1, 0, 0, 0, 0), "", ""},
		{"9999-12-31T23:59:59.999999999Z", utc(9999, 12, 31, 23, 59, 59, 999999999), "", ""},
		{"1996-12-19T16:39:57-08:00", utc(1996, 12, 20, 0, 39, 57, 0), "",
			`invalid date-time timestamp "1996-12-19T16:39:57-08:00": UTC offsets are not accepted, expected 'Z'`},
		{"1985-04-12T23:20:50.52+05:30", utc(1985, 4, 12, 17, 50, 50, 520e6), "",
			`invalid date-time timestamp "1985-04-12T23:20:50.52+05:30": UTC offsets are not accepted, expected 'Z'`},
		{"1985-04-12T23:20:50+00:00", utc(1985, 4, 12, 23, 20, 50, 0), "",
			`invalid date-time timestamp "1985-04-12T23:20:50+00:00": UTC offsets are not accepted, expected 'Z'`},
		// Smithy's malformed-timestamp protocol tests: ISO 8601 forms that
		// are not RFC 3339, and other formats.
		{"1996-12-19T16:39:57+00", time.Time{}, `invalid date-time timestamp "1996-12-19T16:39:57+00": expected the form 1985-04-12T23:20:50.52Z`,
			`invalid date-time timestamp "1996-12-19T16:39:57+00": UTC offsets are not accepted, expected 'Z'`},
		{"1996-12-19T16:39:57+00Z", time.Time{}, `invalid date-time timestamp "1996-12-19T16:39:57+00Z": expected the form 1985-04-12T23:20:50.52Z`,
			`invalid date-time timestamp "1996-12-19T16:39:57+00Z": UTC offsets are not accepted, expected 'Z'`},
		{"1996-12-19T16:39:57", time.Time{}, `invalid date-time timestamp "1996-12-19T16:39:57": expected the form 1985-04-12T23:20:50.52Z`, ""},
		{"1996-12-19T163957", time.Time{}, `invalid date-time timestamp "1996-12-19T163957": expected the form 1985-04-12T23:20:50.52Z`, ""},
		{"19961219T163957Z", time.Time{}, `invalid date-time timestamp "19961219T163957Z": expected the form 1985-04-12T23:20:50.52Z`, ""},
		{"19961219T163957", time.Time{}, `invalid date-time timestamp "19961219T163957": expected the form 1985-04-12T23:20:50.52Z`, ""},
		{"19961219T16:39:57Z", time.Time{}, `invalid date-time timestamp "19961219T16:39:57Z": expected the form 1985-04-12T23:20:50.52Z`, ""},
		{"19961219T16:39:57", time.Time{}, `invalid date-time timestamp "19961219T16:39:57": expected the form 1985-04-12T23:20:50.52Z`, ""},
		{"1996-12-19T16:39Z", time.Time{}, `invalid date-time timestamp "1996-12-19T16:39Z": expected the form 1985-04-12T23:20:50.52Z`, ""},
		{"1996-12-19T16:39", time.Time{}, `invalid date-time timestamp "1996-12-19T16:39": expected the form 1985-04-12T23:20:50.52Z`, ""},
		{"1996-12-19T1639", time.Time{}, `invalid date-time timestamp "1996-12-19T1639": expected the form 1985-04-12T23:20:50.52Z`, ""},
		{"1996-12-19T16Z", time.Time{}, `invalid date-time timestamp "1996-12-19T16Z": expected the form 1985-04-12T23:20:50.52Z`, ""},
		{"1996-12-19T16", time.Time{}, `invalid date-time timestamp "1996-12-19T16": expected the form 1985-04-12T23:20:50.52Z`, ""},
		{"1996-12-19 16:39:57Z", time.Time{}, `invalid date-time timestamp "1996-12-19 16:39:57Z": expected the form 1985-04-12T23:20:50.52Z`, ""},
		{"2011-12-03T10:15:30+01:00[Europe/Paris]", time.Time{}, `invalid date-time timestamp "2011-12-03T10:15:30+01:00[Europe/Paris]": expected the form 1985-04-12T23:20:50.52Z`,
			`invalid date-time timestamp "2011-12-03T10:15:30+01:00[Europe/Paris]": UTC offsets are not accepted, expected 'Z'`},
		{"Tue, 29 Apr 2014 18:30:38 GMT", time.Time{}, `invalid date-time timestamp "Tue, 29 Apr 2014 18:30:38 GMT": expected the form 1985-04-12T23:20:50.52Z`, ""},
		{"1515531081", time.Time{}, `invalid date-time timestamp "1515531081": expected the form 1985-04-12T23:20:50.52Z`, ""},
		{"1515531081.1234", time.Time{}, `invalid date-time timestamp "1515531081.1234": expected the form 1985-04-12T23:20:50.52Z`, ""},
		// Broken fields.
		{"", time.Time{}, `invalid date-time timestamp "": expected the form 1985-04-12T23:20:50.52Z`, ""},
		{"1985-04-12T23:20:50.Z", time.Time{}, `invalid date-time timestamp "1985-04-12T23:20:50.Z": expected the form 1985-04-12T23:20:50.52Z`, ""},
		{"1985-04-12T23:20:50.52", time.Time{}, `invalid date-time timestamp "1985-04-12T23:20:50.52": missing time zone`, ""},
		{"1985-04-12T23:20:50ZZ", time.Time{}, `invalid date-time timestamp "1985-04-12T23:20:50ZZ": expected the form 1985-04-12T23:20:50.52Z`, ""},
		{"1985-04-12T23:20:50+0800", time.Time{}, `invalid date-time timestamp "1985-04-12T23:20:50+0800": expected the form 1985-04-12T23:20:50.52Z`,
			`invalid date-time timestamp "1985-04-12T23:20:50+0800": UTC offsets are not accepted, expected 'Z'`},
		{"1985-04-12T23:20:50+24:00", time.Time{}, `invalid date-time timestamp "1985-04-12T23:20:50+24:00": invalid UTC offset`,
			`invalid date-time timestamp "1985-04-12T23:20:50+24:00": UTC offsets are not accepted, expected 'Z'`},
		{"1985-13-12T23:20:50Z", time.Time{}, `invalid date-time timestamp "1985-13-12T23:20:50Z": month out of range`, ""},
		{"1985-00-12T23:20:50Z", time.Time{}, `invalid date-time timestamp "1985-00-12T23:20:50Z": month out of range`, ""},
		{"1985-04-31T23:20:50Z", time.Time{}, `invalid date-time timestamp "1985-04-31T23:20:50Z": day out of range`, ""},
		{"1900-02-29T23:20:50Z", time.Time{}, `invalid date-time timestamp "1900-02-29T23:20:50Z": day out of range`, ""},
		{"1985-04-00T23:20:50Z", time.Time{}, `invalid date-time timestamp "1985-04-00T23:20:50Z": day out of range`, ""},
		{"1985-04-12T24:00:00Z", time.Time{}, `invalid date-time timestamp "1985-04-12T24:00:00Z": hour out of range`, ""},
		{"1985-04-12T23:60:00Z", time.Time{}, `invalid date-time timestamp "1985-04-12T23:60:00Z": minute out of range`, ""},
		{"1990-12-31T23:59:60Z", time.Time{}, `invalid date-time timestamp "1990-12-31T23:59:60Z": second out of range`, ""},
		{"1985-04-1XT23:20:50Z", time.Time{}, `invalid date-time timestamp "1985-04-1XT23:20:50Z": expected the form 1985-04-12T23:20:50.52Z`, ""},
		{"+985-04-12T23:20:50Z", time.Time{}, `invalid date-time timestamp "+985-04-12T23:20:50Z": expected the form 1985-04-12T23:20:50.52Z`, ""},
		{" 1985-04-12T23:20:50Z", time.Time{}, `invalid date-time timestamp " 1985-04-12T23:20:50Z": expected the form 1985-04-12T23:20:50.52Z`, ""},
		{strings.Repeat("9", 100), time.Time{}, `invalid date-time timestamp "` + strings.Repeat("9", 64) + `...": expected the form 1985-04-12T23:20:50.52Z`, ""},
	}
	for _, tt := range tests {
		got, err := parseDateTime(tt.in)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if msg != tt.err || !got.Equal(tt.want) || (err == nil && got.Location() != time.UTC) {
			t.Errorf("parseDateTime(%q) = %v, %q; want %v, %q", tt.in, got, msg, tt.want, tt.err)
		}
		wantUTC := tt.utcOnly
		if wantUTC == "" {
			wantUTC = tt.err
		}
		got, err = parseDateTimeUTC(tt.in)
		msg = ""
		if err != nil {
			msg = err.Error()
		}
		if msg != wantUTC || (err == nil && !got.Equal(tt.want)) {
			t.Errorf("parseDateTimeUTC(%q) = %v, %q; want %q", tt.in, got, msg, wantUTC)
		}
	}
}

func TestDateTimeRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	for i := 0; i < 10000; i++ {
		sec := rng.Int63n(epochMaxSeconds-epochMinSeconds) + epochMinSeconds
		var ns int64
		switch i % 3 {
		case 1:
			ns = rng.Int63n(1000) * 1e6
		case 2:
			ns = rng.Int63n(1e9)
		}
		want := time.Unix(sec, ns).UTC()
		s := formatDateTime(want)
		got, err := parseDateTimeUTC(s)
		if err != nil || !got.Equal(want) {
			t.Fatalf("parseDateTimeUTC(formatDateTime(%v) = %s) = %v, %v", want, s, got, err)
		}
		std, err := time.Parse(time.RFC3339Nano, s)
		if err != nil || !std.Equal(want) {
			t.Fatalf("time.Parse disagrees on %s: %v, %v", s, std, err)
		}
	}
}

func TestHTTPDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		err  string
	}{
		{"Sun, 06 Nov 1994 08:49:37 GMT", time.Date(1994, 11, 6, 8, 49, 37, 0, time.UTC), ""},
		{"Tue, 29 Apr 2014 18:30:38 GMT", time.Date(2014, 4, 29, 18, 30, 38, 0, time.UTC), ""},
		{"Mon, 16 Dec 2019 23:48:18.123 GMT", time.Date(2019, 12, 16, 23, 48, 18, 123e6, time.UTC), ""},
		{"Mon, 16 Dec 2019 23:48:18.1234567891 GMT", time.Date(2019, 12, 16, 23, 48, 18, 123456789, time.UTC), ""},
		{"Thu, 29 Feb 2024 00:00:00 GMT", time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), ""},
		{"Fri, 16 Dec 2019 23:48:18 GMT", time.Date(2019, 12, 16, 23, 48, 18, 0, time.UTC), ""}, // day name not cross-checked
		{"", time.Time{}, `invalid http-date timestamp "": expected the form Sun, 06 Nov 1994 08:49:37 GMT`},
		{"Sunday, 06-Nov-94 08:49:37 GMT", time.Time{}, `invalid http-date timestamp "Sunday, 06-Nov-94 08:49:37 GMT": expected the form Sun, 06 Nov 1994 08:49:37 GMT`},
		{"Sun Nov  6 08:49:37 1994", time.Time{}, `invalid http-date timestamp "Sun Nov  6 08:49:37 1994": expected the form Sun, 06 Nov 1994 08:49:37 GMT`},
		{"Sun, 06 Nov 1994 08:49:37 UTC", time.Time{}, `invalid http-date timestamp "Sun, 06 Nov 1994 08:49:37 UTC": expected the form Sun, 06 Nov 1994 08:49:37 GMT`},
		{"Sun, 06 Nov 1994 08:49:37 +0000", time.Time{}, `invalid http-date timestamp "Sun, 06 Nov 1994 08:49:37 +0000": expected the form Sun, 06 Nov 1994 08:49:37 GMT`},
		{"Sun, 06 Nov 1994 08:49:37 GMT ", time.Time{}, `invalid http-date timestamp "Sun, 06 Nov 1994 08:49:37 GMT ": expected the form Sun, 06 Nov 1994 08:49:37 GMT`},
		{"Sun, 6 Nov 1994 08:49:37 GMT", time.Time{}, `invalid http-date timestamp "Sun, 6 Nov 1994 08:49:37 GMT": expected the form Sun, 06 Nov 1994 08:49:37 GMT`},
		{"Sun, 06 Nov 1994 08:49:37. GMT", time.Time{}, `invalid http-date timestamp "Sun, 06 Nov 1994 08:49:37. GMT": expected the form Sun, 06 Nov 1994 08:49:37 GMT`},
		{"Xyz, 06 Nov 1994 08:49:37 GMT", time.Time{}, `invalid http-date timestamp "Xyz, 06 Nov 1994 08:49:37 GMT": invalid day name`},
		{"sun, 06 Nov 1994 08:49:37 GMT", time.Time{}, `invalid http-date timestamp "sun, 06 Nov 1994 08:49:37 GMT": invalid day name`},
		{"Sun, 06 Nox 1994 08:49:37 GMT", time.Time{}, `invalid http-date timestamp "Sun, 06 Nox 1994 08:49:37 GMT": invalid month name`},
		{"Sun, 31 Nov 1994 08:49:37 GMT", time.Time{}, `invalid http-date timestamp "Sun, 31 Nov 1994 08:49:37 GMT": day out of range`},
		{"Sun, 06 Nov 1994 25:49:37 GMT", time.Time{}, `invalid http-date timestamp "Sun, 06 Nov 1994 25:49:37 GMT": hour out of range`},
		{"Sun, 06 Nov 1994 08:49:3x GMT", time.Time{}, `invalid http-date timestamp "Sun, 06 Nov 1994 08:49:3x GMT": expected the form Sun, 06 Nov 1994 08:49:37 GMT`},
		// Smithy's malformed-timestamp protocol tests.
		{"1985-04-12T23:20:50.52Z", time.Time{}, `invalid http-date timestamp "1985-04-12T23:20:50.52Z": expected the form Sun, 06 Nov 1994 08:49:37 GMT`},
		{"1996-12-19T16:39:57-08:00", time.Time{}, `invalid http-date timestamp "1996-12-19T16:39:57-08:00": expected the form Sun, 06 Nov 1994 08:49:37 GMT`},
		{"1515531081.1234", time.Time{}, `invalid http-date timestamp "1515531081.1234": expected the form Sun, 06 Nov 1994 08:49:37 GMT`},
	}
	for _, tt := range tests {
		got, err := parseHTTPDate(tt.in)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if msg != tt.err || !got.Equal(tt.want) || (err == nil && got.Location() != time.UTC) {
			t.Errorf("parseHTTPDate(%q) = %v, %q; want %v, %q", tt.in, got, msg, tt.want, tt.err)
		}
	}

	formats := []struct {
		t    time.Time
		want string
	}{
		{time.Date(1994, 11, 6, 8, 49, 37, 0, time.UTC), "Sun, 06 Nov 1994 08:49:37 GMT"},
		{time.Date(2019, 12, 16, 23, 48, 18, 999e6, time.UTC), "Mon, 16 Dec 2019 23:48:18 GMT"},
		{time.Date(2019, 12, 16, 15, 48, 18, 0, time.FixedZone("PST", -8*3600)), "Mon, 16 Dec 2019 23:48:18 GMT"},
	}
	for _, tt := range formats {
		if got := formatHTTPDate(tt.t); got != tt.want {
			t.Errorf("formatHTTPDate(%v) = %s, want %s", tt.t, got, tt.want)
		}
	}
	rng := rand.New(rand.NewSource(6))
	for i := 0; i < 10000; i++ {
		want := time.Unix(rng.Int63n(epochMaxSeconds-epochMinSeconds)+epochMinSeconds, 0).UTC()
		s := formatHTTPDate(want)
		got, err := parseHTTPDate(s)
		if err != nil || !got.Equal(want) {
			t.Fatalf("parseHTTPDate(formatHTTPDate(%v) = %s) = %v, %v", want, s, got, err)
		}
		std, err := time.Parse(httpDateLayout, s)
		if err != nil || !std.Equal(want) {
			t.Fatalf("time.Parse disagrees on %s: %v, %v", s, std, err)
		}
	}
}

func TestEpochSeconds(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		err  string
	}{
		{"0", time.Unix(0, 0), ""},
		{"1576540098", time.Unix(1576540098, 0), ""},
		{"1576540098.52", time.Unix(1576540098, 520e6), ""},
		{"1576540098.000000001", time.Unix(1576540098, 1), ""},
		{"1.576540098e9", time.Unix(1576540098, 0), ""},
		{"-1.000000001", time.Unix(-2, 999999999), ""},
		{"253402300799", time.Unix(253402300799, 0), ""},
		{"253402300800", time.Time{}, `invalid epoch-seconds timestamp "253402300800": out of range`},
		{"-62135596801", time.Time{}, `invalid epoch-seconds timestamp "-62135596801": out of range`},
		{"1e100", time.Time{}, `invalid epoch-seconds timestamp "1e100": out of range`},
		// Smithy's malformed-timestamp protocol tests.
		{"true", time.Time{}, `invalid epoch-seconds timestamp "true": expected a number of seconds since the epoch`},
		{"1515531081ABC", time.Time{}, `invalid epoch-seconds timestamp "1515531081ABC": expected a number of seconds since the epoch`},
		{"0x42", time.Time{}, `invalid epoch-seconds timestamp "0x42": expected a number of seconds since the epoch`},
		{"1515531081.123.456", time.Time{}, `invalid epoch-seconds timestamp "1515531081.123.456": expected a number of seconds since the epoch`},
		{"Infinity", time.Time{}, `invalid epoch-seconds timestamp "Infinity": expected a number of seconds since the epoch`},
		{"-Infinity", time.Time{}, `invalid epoch-seconds timestamp "-Infinity": expected a number of seconds since the epoch`},
		{"NaN", time.Time{}, `invalid epoch-seconds timestamp "NaN": expected a number of seconds since the epoch`},
		{"1985-04-12T23:20:50.52Z", time.Time{}, `invalid epoch-seconds timestamp "1985-04-12T23:20:50.52Z": expected a number of seconds since the epoch`},
		{"Tue, 29 Apr 2014 18:30:38 GMT", time.Time{}, `invalid epoch-seconds timestamp "Tue, 29 Apr 2014 18:30:38 GMT": expected a number of seconds since the epoch`},
		// Not JSON numbers.
		{"", time.Time{}, `invalid epoch-seconds timestamp "": expected a number of seconds since the epoch`},
		{" 1", time.Time{}, `invalid epoch-seconds timestamp " 1": expected a number of seconds since the epoch`},
		{"1 ", time.Time{}, `invalid epoch-seconds timestamp "1 ": expected a number of seconds since the epoch`},
		{"+1", time.Time{}, `invalid epoch-seconds timestamp "+1": expected a number of seconds since the epoch`},
		{"01", time.Time{}, `invalid epoch-seconds timestamp "01": expected a number of seconds since the epoch`},
		{"1.", time.Time{}, `invalid epoch-seconds timestamp "1.": expected a number of seconds since the epoch`},
		{".5", time.Time{}, `invalid epoch-seconds timestamp ".5": expected a number of seconds since the epoch`},
		{"1e", time.Time{}, `invalid epoch-seconds timestamp "1e": expected a number of seconds since the epoch`},
	}
	for _, tt := range tests {
		got, err := parseEpochSeconds(tt.in)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if msg != tt.err || !got.Equal(tt.want) || (err == nil && got.Location() != time.UTC) {
			t.Errorf("parseEpochSeconds(%q) = %v, %q; want %v, %q", tt.in, got, msg, tt.want, tt.err)
		}
	}
}

// TestEpochSecondsExact checks the decimal conversion against integer
// arithmetic on random instants written in several equivalent ways.
func TestEpochSecondsExact(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < 20000; i++ {
		sec := rng.Int63n(epochMaxSeconds-epochMinSeconds) + epochMinSeconds
		ns := rng.Int63n(1e9)
		want := time.Unix(sec, ns).UTC()
		// Write |want| as digits with the point 9 places from the right.
		neg := sec < 0
		s, n := sec, ns
		if neg && n > 0 {
			s, n = s+1, 1e9-n
		}
		if s < 0 {
			s = -s
		}
		digits := strings.TrimLeft(strings.Repeat("0", 12)+strconv.FormatInt(s, 10), "0") + tsPad9(n)
		intLen := len(digits) - 9
		sign := ""
		if neg {
			sign = "-"
		}
		mantissa := tsOrZero(strings.TrimLeft(digits, "0"))
		forms := []string{
			sign + tsOrZero(digits[:intLen]) + "." + digits[intLen:],
			sign + "0." + digits + "e" + strconv.Itoa(intLen),
			sign + mantissa + "e-9",
			sign + mantissa + "000E-12",
		}
		for _, f := range forms {
			got, err := parseEpochSeconds(f)
			if err != nil || !got.Equal(want) {
				t.Fatalf("parseEpochSeconds(%q) = %v, %v; want %v", f, got, err, want)
			}
		}
		// The writer's form is exact to the millisecond.
		ms := want.Truncate(time.Millisecond) // toward the past, as the writer rounds
		back, err := parseEpochSeconds(formatEpochSeconds(want))
		if err != nil || !back.Equal(ms) {
			t.Fatalf("parseEpochSeconds(formatEpochSeconds(%v) = %s) = %v, %v; want %v", want, formatEpochSeconds(want), back, err, ms)
		}
	}
}

func tsPad9(v int64) string {
	s := strconv.FormatInt(v, 10)
	return strings.Repeat("0", 9-len(s)) + s
}

func tsOrZero(s string) string {
	if s == "" {
		return "0"
	}
	return s
}

func TestTimestampAllocations(t *testing.T) {
	var sink time.Time
	n := testing.AllocsPerRun(100, func() {
		sink, _ = parseDateTime("1985-04-12T23:20:50.52Z")
		sink, _ = parseHTTPDate("Sun, 06 Nov 1994 08:49:37 GMT")
		sink, _ = parseEpochSeconds("1515531081.123")
	})
	if n != 0 {
		t.Errorf("parsing allocates %v times", n)
	}
	_ = sink
}

func BenchmarkParseDateTime(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := parseDateTime("1985-04-12T23:20:50.52Z"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFormatDateTime(b *testing.B) {
	t := time.Date(1985, 4, 12, 23, 20, 50, 520e6, time.UTC)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = formatDateTime(t)
	}
}

func BenchmarkParseHTTPDate(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := parseHTTPDate("Sun, 06 Nov 1994 08:49:37 GMT"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseEpochSeconds(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := parseEpochSeconds("1515531081.123"); err != nil {
			b.Fatal(err)
		}
	}
}
