//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

import (
	"errors"
	"strconv"
	"time"
)

// The range of instants accepted from epoch-seconds input: the years 0001
// to 9999, which every other timestamp format can also represent.
const (
	epochMinSeconds = -62135596800 // 0001-01-01T00:00:00Z
	epochMaxSeconds = 253402300799 // 9999-12-31T23:59:59Z
)

// Results of epochSecondsParse.
const (
	epochOK = iota
	epochSyntax
	epochRange
)

// httpDateLayout is IMF-fixdate (RFC 9110, section 5.6.7).
const httpDateLayout = "Mon, 02 Jan 2006 15:04:05 GMT"

// formatDateTime formats t as an RFC 3339 date-time in UTC, with as many
// fractional-second digits as needed and none when the fraction is zero.
func formatDateTime(t time.Time) string {
	return t.UTC().Format(time.RFC3339Nano)
}

// parseDateTime parses an RFC 3339 date-time ("1985-04-12T23:20:50.52Z"),
// with 'Z' or a numeric UTC offset and an optional fraction of any length
// (digits past nanoseconds are truncated). As RFC 3339 allows, 'T' and 'Z'
// may be lower case. The result is in UTC. Other ISO 8601 forms (basic
// format, missing seconds or zone, a space instead of 'T') are rejected,
// and so is a leap second (":60"), which time.Time cannot represent.
func parseDateTime(s string) (time.Time, error) {
	t, problem := dateTimeParse(s, false)
	if problem != "" {
		return time.Time{}, timestampError("date-time", s, problem)
	}
	return t, nil
}

// parseDateTimeUTC is parseDateTime without UTC offsets: Smithy defines
// the date-time format as having none, and its restJson1 conformance tests
// expect a server to reject "1996-12-19T16:39:57-08:00" in a request.
func parseDateTimeUTC(s string) (time.Time, error) {
	t, problem := dateTimeParse(s, true)
	if problem != "" {
		return time.Time{}, timestampError("date-time", s, problem)
	}
	return t, nil
}

// formatHTTPDate formats t as an IMF-fixdate; fractions of a second are
// dropped.
func formatHTTPDate(t time.Time) string {
	return t.UTC().Format(httpDateLayout)
}

// parseHTTPDate parses an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"),
// also accepting a fraction of a second after the seconds, as some clients
// send. The obsolete RFC 850 and asctime forms are not accepted. The day
// name must be valid but is not checked against the date.
func parseHTTPDate(s string) (time.Time, error) {
	t, problem := httpDateParse(s)
	if problem != "" {
		return time.Time{}, timestampError("http-date", s, problem)
	}
	return t, nil
}

// formatEpochSeconds formats t as seconds since the Unix epoch, exactly as
// jsonWriter.epochSeconds writes it.
func formatEpochSeconds(t time.Time) string {
	var buf [32]byte
	return string(appendEpochSeconds(buf[:0], t))
}

// parseEpochSeconds parses seconds since the Unix epoch written as a JSON
// number, with the rules of jsonReader.readEpochSeconds.
func parseEpochSeconds(s string) (time.Time, error) {
	t, code := epochSecondsParse(s)
	switch code {
	case epochSyntax:
		return time.Time{}, timestampError("epoch-seconds", s, "expected a number of seconds since the epoch")
	case epochRange:
		return time.Time{}, timestampError("epoch-seconds", s, "out of range")
	}
	return t, nil
}

// appendEpochSeconds appends t as whole seconds since the epoch plus, when
// there is one, a fraction of up to three digits (milliseconds, trailing
// zeros trimmed): the form the AWS SDKs send. Sub-millisecond precision is
// dropped, rounding toward the past.
func appendEpochSeconds(dst []byte, t time.Time) []byte {
	sec := t.Unix() // rounded toward the past; Nanosecond is the rest
	ms := t.Nanosecond() / 1e6
	if sec < 0 && ms > 0 {
		// -1.5 is sec -2 plus 500ms: write the magnitude instead.
		dst = append(dst, '-')
		sec = -(sec + 1)
		ms = 1000 - ms
	}
	dst = strconv.AppendInt(dst, sec, 10)
	if ms > 0 {
		dst = append(dst, '.', byte('0'+ms/100))
		if ms%100 != 0 {
			dst = append(dst, byte('0'+ms/10%10))
			if ms%10 != 0 {
				dst = append(dst, byte('0'+ms%10))
			}
		}
	}
	return dst
}

// epochSecondsParse converts a JSON number of seconds since the epoch to a
// time in UTC, exactly: the digits are shifted by the exponent as decimal
// text rather than through a float64, so "1515531081.123456789" keeps its
// nanoseconds. Digits past nanoseconds are truncated toward zero. s is not
// retained.
func epochSecondsParse[T string | []byte](s T) (time.Time, int) {
	n, _, ok := jsonNumberLen(s)
	if !ok || n != len(s) {
		return time.Time{}, epochSyntax
	}
	i := 0
	neg := s[0] == '-'
	if neg {
		i++
	}
	intStart := i
	for i < len(s) && jsonIsDigit(s[i]) {
		i++
	}
	nInt := i - intStart
	fracStart, nFrac := i, 0
	if i < len(s) && s[i] == '.' {
		i++
		fracStart = i
		for i < len(s) && jsonIsDigit(s[i]) {
			i++
		}
		nFrac = i - fracStart
	}
	var exp int64
	if i < len(s) { // an exponent, as validated above
		i++
		eneg := s[i] == '-'
		if s[i] == '+' || s[i] == '-' {
			i++
		}
		for ; i < len(s); i++ {
			if exp < 1<<40 { // saturate: the value is out of range or zero long before
				exp = exp*10 + int64(s[i]-'0')
			}
		}
		if eneg {
			exp = -exp
		}
	}
	// The significant digits are the integer digits followed by the
	// fraction digits; digit(k) is the k-th, and 0 past either end.
	total := int64(nInt + nFrac)
	digit := func(k int64) int64 {
		switch {
		case k < 0 || k >= total:
			return 0
		case k < int64(nInt):
			return int64(s[intStart+int(k)] - '0')
		default:
			return int64(s[fracStart+int(k)-nInt] - '0')
		}
	}
	lead := int64(0)
	for lead < total && digit(lead) == 0 {
		lead++
	}
	if lead == total {
		return time.Unix(0, 0).UTC(), epochOK
	}
	// point is the number of digits before the decimal point, counting
	// from the first non-zero digit.
	point := int64(nInt) + exp - lead
	if point > 12 { // at least 10^12 seconds: past the year 9999
		return time.Time{}, epochRange
	}
	var sec, nsec int64
	for k := int64(0); k < point; k++ {
		sec = sec*10 + digit(lead+k)
	}
	for k := point; k < point+9; k++ {
		nsec = nsec*10 + digit(lead+k)
	}
	if !neg {
		if sec > epochMaxSeconds {
			return time.Time{}, epochRange
		}
		return time.Unix(sec, nsec).UTC(), epochOK
	}
	if sec > -epochMinSeconds || sec == -epochMinSeconds && nsec > 0 {
		return time.Time{}, epochRange
	}
	return time.Unix(-sec, -nsec).UTC(), epochOK
}

// dateTimeParse parses an RFC 3339 date-time and returns the problem with
// it if it is not one. It does not retain s, so callers holding bytes can
// convert them without a heap copy.
func dateTimeParse(s string, utcOnly bool) (time.Time, string) {
	const form = "expected the form 1985-04-12T23:20:50.52Z"
	if len(s) < len("2006-01-02T15:04:05Z") ||
		s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':' {
		return time.Time{}, form
	}
	year, ok1 := timeDigits(s[0:4])
	month, ok2 := timeDigits(s[5:7])
	day, ok3 := timeDigits(s[8:10])
	hour, ok4 := timeDigits(s[11:13])
	minute, ok5 := timeDigits(s[14:16])
	sec, ok6 := timeDigits(s[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) {
		return time.Time{}, form
	}
	i := 19
	nsec := 0
	if s[i] == '.' {
		i++
		var ok bool
		if nsec, i, ok = timeFraction(s, i); !ok {
			return time.Time{}, form
		}
	}
	if i >= len(s) {
		return time.Time{}, "missing time zone"
	}
	offset := 0
	switch s[i] {
	case 'Z', 'z':
		i++
	case '+', '-':
		if utcOnly {
			return time.Time{}, "UTC offsets are not accepted, expected 'Z'"
		}
		if len(s)-i != len("+00:00") || s[i+3] != ':' {
			return time.Time{}, form
		}
		oh, ok1 := timeDigits(s[i+1 : i+3])
		om, ok2 := timeDigits(s[i+4 : i+6])
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return time.Time{}, "invalid UTC offset"
		}
		offset = (oh*60 + om) * 60
		if s[i] == '-' {
			offset = -offset
		}
		i += len("+00:00")
	default:
		return time.Time{}, form
	}
	if i != len(s) {
		return time.Time{}, form
	}
	if problem := timeCheck(year, month, day, hour, minute, sec); problem != "" {
		return time.Time{}, problem
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC)
	return t.Add(-time.Duration(offset) * time.Second), ""
}

// httpDateParse parses an IMF-fixdate and returns the problem with it if
// it is not one. It does not retain s.
func httpDateParse(s string) (time.Time, string) {
	const form = "expected the form Sun, 06 Nov 1994 08:49:37 GMT"
	// "Sun, 06 Nov 1994 08:49:37 GMT"
	//  0123456789012345678901234567
	if len(s) < len(httpDateLayout) ||
		s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' || s[19] != ':' || s[22] != ':' {
		return time.Time{}, form
	}
	if !timeIsDayName(s[0:3]) {
		return time.Time{}, "invalid day name"
	}
	month := timeMonthNumber(s[8:11])
	if month == 0 {
		return time.Time{}, "invalid month name"
	}
	day, ok1 := timeDigits(s[5:7])
	year, ok2 := timeDigits(s[12:16])
	hour, ok3 := timeDigits(s[17:19])
	minute, ok4 := timeDigits(s[20:22])
	sec, ok5 := timeDigits(s[23:25])
	if !(ok1 && ok2 && ok3 && ok4 && ok5) {
		return time.Time{}, form
	}
	i := 25
	nsec := 0
	if s[i] == '.' {
		var ok bool
		if nsec, i, ok = timeFraction(s, i+1); !ok {
			return time.Time{}, form
		}
	}
	if s[i:] != " GMT" {
		return time.Time{}, form
	}
	if problem := timeCheck(year, month, day, hour, minute, sec); problem != "" {
		return time.Time{}, problem
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC), ""
}

// timeFraction reads the digits of a fraction of a second starting at i
// and returns them as nanoseconds (further digits are truncated) and the
// offset after them; ok is false if there are none.
func timeFraction(s string, i int) (nsec, end int, ok bool) {
	start := i
	for i < len(s) && jsonIsDigit(s[i]) {
		if i-start < 9 {
			nsec = nsec*10 + int(s[i]-'0')
		}
		i++
	}
	if i == start {
		return 0, i, false
	}
	for k := i - start; k < 9; k++ {
		nsec *= 10
	}
	return nsec, i, true
}

// timeDigits parses a fixed-width run of decimal digits.
func timeDigits(s string) (int, bool) {
	v := 0
	for i := 0; i < len(s); i++ {
		if !jsonIsDigit(s[i]) {
			return 0, false
		}
		v = v*10 + int(s[i]-'0')
	}
	return v, true
}

// timeCheck validates the fields of a date and time of day. A leap second
// (":60") is rejected: time.Time cannot represent it.
func timeCheck(year, month, day, hour, minute, sec int) string {
	switch {
	case month < 1 || month > 12:
		return "month out of range"
	case day < 1 || day > timeDaysIn(year, month):
		return "day out of range"
	case hour > 23:
		return "hour out of range"
	case minute > 59:
		return "minute out of range"
	case sec > 59:
		return "second out of range"
	}
	return ""
}

func timeDaysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func timeIsDayName(s string) bool {
	switch s {
	case "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun":
		return true
	}
	return false
}

func timeMonthNumber(s string) int {
	switch s {
	case "Jan":
		return 1
	case "Feb":
		return 2
	case "Mar":
		return 3
	case "Apr":
		return 4
	case "May":
		return 5
	case "Jun":
		return 6
	case "Jul":
		return 7
	case "Aug":
		return 8
	case "Sep":
		return 9
	case "Oct":
		return 10
	case "Nov":
		return 11
	case "Dec":
		return 12
	}
	return 0
}

// timestampError describes an unparsable timestamp, quoting (a prefix of)
// the offending value.
func timestampError(format, s, problem string) error {
	if len(s) > 64 {
		s = s[:64] + "..."
	}
	return errors.New("invalid " + format + " timestamp " + strconv.Quote(s) + ": " + problem)
}
