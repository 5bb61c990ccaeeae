package conformance

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/smithygen/smithygen/conformance/internal/restjson"
)

// The restJson1 protocol tests of Smithy (smithy-lang/smithy,
// smithy-aws-protocol-tests/model/restJson1/malformedRequests/*.smithy and
// validation/*.smithy), one row per test and test parameter, against the
// server generated from testdata/restjson.json.
//
// Where smithygen decides otherwise (README: The wire, in brief), the row says so in its note and expects
// what smithygen does. Two differences apply to many rows and are not noted
// on each:
//
//   - Malformed requests are answered with the validation error shape, here
//     smithy.framework#ValidationException (README: The wire, in brief), where Smithy's tests
//     expect a SerializationException: same status, 400, other
//     X-Amzn-ErrorType, and a message that says what is wrong and where.
//     The tests give no body for them; these rows check that the message
//     names the place (where).
//   - Smithy's validation tests run against a service of their own; here
//     every operation is in one service (RestJson).

// smithyCase is one row: a request and the response it must get.
type smithyCase struct {
	id  string // Smithy's test id, "/" and the test parameter if any
	req request

	status  int
	errType string
	// For validation failures, the whole ValidationException body as
	// Smithy's test gives it: message and fieldList.
	message string
	fields  []fieldEntry
	// For malformed requests: text the message must contain, to say where
	// the problem is.
	where string
	// note explains a deliberate difference from Smithy's test.
	note string
}

// jsonHeaders is the Content-Type the tests send with bodies.
var jsonHeaders = map[string]string{"Content-Type": "application/json"}

// malformed is a row for a malformed request: 400, ValidationException,
// and a message containing where.
func malformed(id string, req request, where string) smithyCase {
	return smithyCase{id: id, req: req, status: 400, errType: "ValidationException", where: where}
}

// invalid is a row for a constraint violation with Smithy's exact body.
func invalid(id, uri, body string, fields ...fieldEntry) smithyCase {
	msgs := make([]string, len(fields))
	for i, f := range fields {
		msgs[i] = f.Message
	}
	summary := "1 validation error detected. "
	if len(fields) > 1 {
		summary = fmt.Sprintf("%d validation errors detected. ", len(fields))
	}
	return smithyCase{id: id, req: request{method: "POST", uri: uri, headers: jsonHeaders, body: body},
		status: 400, errType: "ValidationException", message: summary + strings.Join(msgs, "; "), fields: fields}
}

// field is one fieldList entry: "Value at '<path>' failed to satisfy
// constraint: <constraint>", or with "with length n" when n >= 0.
func field(path string, length int, constraint string) fieldEntry {
	if length >= 0 {
		return fieldEntry{Path: path, Message: fmt.Sprintf("Value with length %d at '%s' failed to satisfy constraint: %s", length, path, constraint)}
	}
	return fieldEntry{Path: path, Message: fmt.Sprintf("Value at '%s' failed to satisfy constraint: %s", path, constraint)}
}

// each expands a parameterized test: one row per value.
func each(values []string, row func(v string) smithyCase) []smithyCase {
	var out []smithyCase
	for _, v := range values {
		c := row(v)
		c.id += "/" + v
		out = append(out, c)
	}
	return out
}

func post(uri string) request { return request{method: "POST", uri: uri} }

func postJSON(uri, body string) request {
	return request{method: "POST", uri: uri, headers: jsonHeaders, body: body}
}

// numberCases are malformed-byte, -short, -integer, -long, -float and
// -double.smithy, which differ only in the type and the values.
func numberCases(op, member string, overflow, bodyBad, textBad []string) []smithyCase {
	var out []smithyCase
	uri := "/" + op + "/1"
	inBody, inPath, inQuery, inHeader := member+"InBody", member+"InPath", member+"InQuery", member+"InHeader"
	kind := strings.TrimPrefix(op, "Malformed")
	body := func(id string) func(v string) smithyCase {
		return func(v string) smithyCase {
			return malformed(id, postJSON(uri, `{ "`+inBody+`" : `+v+` }`), "invalid JSON")
		}
	}
	path := func(id string) func(v string) smithyCase {
		return func(v string) smithyCase {
			return malformed(id, post("/"+op+"/"+v), `label "`+inPath+`"`)
		}
	}
	query := func(id string) func(v string) smithyCase {
		return func(v string) smithyCase {
			return malformed(id, post(uri+"?"+inQuery+"="+v), `query parameter "`+inQuery+`"`)
		}
	}
	header := func(id string) func(v string) smithyCase {
		return func(v string) smithyCase {
			return malformed(id, request{method: "POST", uri: uri, headers: map[string]string{inHeader: v}}, `header "`+inHeader+`"`)
		}
	}
	if overflow != nil {
		out = append(out, each(overflow, body("RestJsonBody"+kind+"UnderflowOverflow"))...)
		out = append(out, each(overflow, path("RestJsonPath"+kind+"UnderflowOverflow"))...)
		out = append(out, each(overflow, query("RestJsonQuery"+kind+"UnderflowOverflow"))...)
		out = append(out, each(overflow, header("RestJsonHeader"+kind+"UnderflowOverflow"))...)
	}
	out = append(out, each(bodyBad, body("RestJsonBody"+kind+"MalformedValueRejected"))...)
	out = append(out, each(textBad, path("RestJsonPath"+kind+"MalformedValueRejected"))...)
	out = append(out, each(textBad, query("RestJsonQuery"+kind+"MalformedValueRejected"))...)
	out = append(out, each(textBad, header("RestJsonHeader"+kind+"MalformedValueRejected"))...)
	return out
}

var (
	intBodyBad   = []string{`"123"`, "true", "1.001", "2ABC", "0x42", "Infinity", `"Infinity"`, "-Infinity", `"-Infinity"`, "NaN", `"NaN"`}
	intTextBad   = []string{"true", "1.001", "2ABC", "0x42", "Infinity", "-Infinity", "NaN"}
	floatBodyBad = []string{`"123"`, "true", "2ABC", "0x42", "Infinity", "-Infinity", "NaN"}
	floatTextBad = []string{"true", "2ABC", "0x42"}

	boolQuoted   = []string{"true", "True", "TRUE", "y", "Y", "yes", "Yes", "YES", "1", "on", "On", "ON", "false", "False", "FALSE", "n", "N", "no", "No", "NO", "0", "off", "Off", "OFF"}
	boolLiterals = []string{"True", "TRUE", "y", "Y", "yes", "Yes", "YES", "1", "on", "On", "ON", "False", "FALSE", "n", "N", "no", "No", "NO", "0", "off", "Off", "OFF"}

	dateTimes          = []string{"1985-04-12T23:20:50.52Z", "1985-04-12T23:20:50Z", "1996-12-19T16:39:57-08:00"}
	dateTimesEscaped   = []string{"1985-04-12T23%3A20%3A50.52Z", "1985-04-12T23%3A20%3A50Z", "1996-12-19T16%3A39%3A57-08%3A00"}
	epochs             = []string{"1515531081.1234", "1515531081"}
	httpDates          = []string{"Tue, 29 Apr 2014 18:30:38 GMT"}
	httpDatesEscaped   = []string{"Tue%2C%2029%20Apr%202014%2018%3A30%3A38%20GMT", "Sun%2C%2002%20Jan%202000%2020%3A34%3A56.000%20GMT"}
	epochBad           = []string{"true", "1515531081ABC", "0x42", "1515531081.123.456", "Infinity", "-Infinity", "NaN"}
	epochBodyBad       = []string{"true", "1515531081ABC", "0x42", "1515531081.123.456", "Infinity", `"Infinity"`, "-Infinity", `"-Infinity"`, "NaN", `"NaN"`}
	iso8601Lookalikes  = []string{"1996-12-19T16:39:57+00", "1996-12-19T16:39:57+00Z", "1996-12-19T16:39:57", "1996-12-19T163957", "19961219T163957Z", "19961219T163957", "19961219T16:39:57Z", "19961219T16:39:57", "1996-12-19T16:39Z", "1996-12-19T16:39", "1996-12-19T1639", "1996-12-19T16Z", "1996-12-19T16", "1996-12-19 16:39:57Z", "2011-12-03T10:15:30+01:00[Europe/Paris]"}
	iso8601PathEscaped = []string{"1996-12-19T16%3A39%3A57%2B00", "1996-12-19T16%3A39%3A57%2B00Z", "1996-12-19T16%3A39%3A57", "1996-12-19T163957", "19961219T163957Z", "19961219T163957", "19961219T16%3A39%3A57Z", "19961219T16%3A39%3A57", "1996-12-19T16%3A39Z", "1996-12-19T16%3A39", "1996-12-19T1639", "1996-12-19T16Z", "1996-12-19T16", "1996-12-19%2016%3A39%3A57Z", "2011-12-03T10%3A15%3A30%2B01%3A00%5BEurope%2FParis%5D"}
	iso8601Query       = []string{"1996-12-19T16:39:57+00", "1996-12-19T16:39:57+00Z", "1996-12-19T16:39:57", "1996-12-19T163957", "19961219T163957Z", "19961219T163957", "19961219T16:39:57Z", "19961219T16:39:57", "1996-12-19T16:39Z", "1996-12-19T16:39", "1996-12-19T1639", "1996-12-19T16Z", "1996-12-19T16", "1996-12-19%2016:39:57Z", "2011-12-03T10:15:30+01:00[Europe/Paris]"}
)

func quoted(v string) string { return `"` + v + `"` }

// malformedRequestCases are the tests of malformedRequests/*.smithy.
func malformedRequestCases() []smithyCase {
	var cs []smithyCase
	add := func(c ...smithyCase) { cs = append(cs, c...) }

	// malformed-accept.smithy
	add(smithyCase{id: "RestJsonWithBodyExpectsApplicationJsonAccept", req: request{method: "POST", uri: "/MalformedAcceptWithBody", headers: map[string]string{"Accept": "application/hal+json"}}, status: 406, errType: "NotAcceptableException"})
	add(smithyCase{id: "RestJsonWithPayloadExpectsModeledAccept", req: request{method: "POST", uri: "/MalformedAcceptWithPayload", headers: map[string]string{"Accept": "application/json"}}, status: 406, errType: "NotAcceptableException"})
	add(smithyCase{id: "RestJsonWithPayloadExpectsImpliedAccept", req: request{method: "POST", uri: "/MalformedAcceptWithGenericString", headers: map[string]string{"Accept": "application/json"}}, status: 406, errType: "NotAcceptableException"})

	// malformed-blob.smithy
	add(each([]string{"blob", `"xyz"`, `"YmxvYg="`, "[98, 108, 11, 98]", `["b", "l","o","b"]`, "981081198", "true", "[][]", "-_=="}, func(v string) smithyCase {
		return malformed("RestJsonBodyMalformedBlobInvalidBase64", postJSON("/MalformedBlob", `{ "blob" : `+v+` }`), "invalid JSON")
	})...)

	// malformed-boolean.smithy
	add(each(boolQuoted, func(v string) smithyCase {
		return malformed("RestJsonBodyBooleanStringCoercion", postJSON("/MalformedBoolean/true", `{ "booleanInBody" : `+quoted(v)+` }`), "invalid JSON at '/booleanInBody'")
	})...)
	add(each(boolLiterals, func(v string) smithyCase {
		return malformed("RestJsonBodyBooleanBadLiteral", postJSON("/MalformedBoolean/true", `{ "booleanInBody" : `+v+` }`), "invalid JSON")
	})...)
	add(each(boolLiterals, func(v string) smithyCase {
		return malformed("RestJsonPathBooleanStringCoercion", post("/MalformedBoolean/"+v), `label "booleanInPath"`)
	})...)
	add(each(boolLiterals, func(v string) smithyCase {
		return malformed("RestJsonQueryBooleanStringCoercion", post("/MalformedBoolean/true?booleanInQuery="+v), `query parameter "booleanInQuery"`)
	})...)
	add(each(boolLiterals, func(v string) smithyCase {
		return malformed("RestJsonHeaderBooleanStringCoercion", request{method: "POST", uri: "/MalformedBoolean/true", headers: map[string]string{"booleanInHeader": v}}, `header "booleanInHeader"`)
	})...)

	// malformed-byte, -short, -integer, -long, -float, -double.smithy
	add(numberCases("MalformedByte", "byte", []string{"256", "-256", "-9223372000000000000", "9223372000000000000", "123000000000000000000000"}, intBodyBad, intTextBad)...)
	add(numberCases("MalformedShort", "short", []string{"40000", "-40000", "-9223372000000000000", "9223372000000000000", "123000000000000000000000"}, intBodyBad, intTextBad)...)
	add(numberCases("MalformedInteger", "integer", []string{"-9223372000000000000", "9223372000000000000", "123000000000000000000000"}, intBodyBad, intTextBad)...)
	add(numberCases("MalformedLong", "long", []string{"-184467440737095500000", "184467440737095500000", "123000000000000000000000"}, intBodyBad, intTextBad)...)
	add(numberCases("MalformedFloat", "float", nil, floatBodyBad, floatTextBad)...)
	add(numberCases("MalformedDouble", "double", nil, floatBodyBad, floatTextBad)...)

	// malformed-content-type.smithy
	add(smithyCase{id: "RestJsonWithoutBodyExpectsEmptyContentType", req: postJSON("/MalformedContentTypeWithoutBody", "{}"), status: 501, errType: "NotImplemented",
		note: "smithygen: an operation without a modeled body takes {} with a JSON Content-Type, which the AWS SDK for Go v1 sends; Smithy wants 415. 501 is UnimplementedService: the request got through."})
	add(smithyCase{id: "RestJsonWithBodyExpectsApplicationJsonContentType", req: request{method: "POST", uri: "/MalformedContentTypeWithBody", headers: map[string]string{"Content-Type": "application/hal+json"}, body: "{}"}, status: 415, errType: "UnsupportedMediaTypeException"})
	add(smithyCase{id: "RestJsonWithBodyExpectsApplicationJsonContentTypeNoHeaders", req: request{method: "POST", uri: "/MalformedContentTypeWithBody", body: "{}"}, status: 415, errType: "UnsupportedMediaTypeException"})
	add(smithyCase{id: "RestJsonWithPayloadExpectsModeledContentType", req: postJSON("/MalformedContentTypeWithPayload", "{}"), status: 415, errType: "UnsupportedMediaTypeException"})
	// Smithy applies this test to MalformedContentTypeWithPayload, whose
	// payload has a @mediaType; it is meant for the string payload of
	// MalformedContentTypeWithGenericString, so both are run.
	add(smithyCase{id: "RestJsonWithPayloadExpectsImpliedContentType", req: postJSON("/MalformedContentTypeWithPayload", "{}"), status: 415, errType: "UnsupportedMediaTypeException"})
	add(smithyCase{id: "RestJsonWithPayloadExpectsImpliedContentType/GenericString", req: postJSON("/MalformedContentTypeWithGenericString", "{}"), status: 415, errType: "UnsupportedMediaTypeException"})
	add(smithyCase{id: "RestJsonWithoutBodyEmptyInputExpectsEmptyContentType", req: postJSON("/MalformedContentTypeWithoutBodyEmptyInput", "{}"), status: 501, errType: "NotImplemented",
		note: "smithygen: {} with a JSON Content-Type is no body, as for RestJsonWithoutBodyExpectsEmptyContentType; Smithy wants 415."})

	// malformed-list.smithy and malformed-map.smithy
	add(malformed("RestJsonBodyMalformedListNullItem", postJSON("/MalformedList", `{ "bodyList" : ["a", null, "b", "c"] }`), "invalid JSON at '/bodyList/1'"))
	add(malformed("RestJsonBodyMalformedListUnclosed", postJSON("/MalformedList", `{ "bodyList" : ["a", "b", "c" }`), "invalid JSON at '/bodyList'"))
	add(malformed("RestJsonBodyMalformedMapNullKey", postJSON("/MalformedMap", `{ "bodyMap" : { null: "abc" }  }`), "invalid JSON at '/bodyMap'"))
	add(malformed("RestJsonBodyMalformedMapNullValue", postJSON("/MalformedMap", `{ "bodyMap" : { "abc": null }  }`), "invalid JSON at '/bodyMap/abc'"))

	// malformed-request-body.smithy
	add(each([]string{"{[", `{ "int": 10 }abc`, `abc{ "int": 10 }`, "{\n    \"int\": 10 // the integer should be 10\n}", "{\n    \"int\": 10 /* the integer should be 10 */\n}", "{\"int\" :\u000c10}", "{'int': 10}", `{"int": 10,}`}, func(v string) smithyCase {
		return malformed("RestJsonInvalidJsonBody", postJSON("/MalformedRequestBody", v), "invalid JSON")
	})...)
	add(each([]string{`[{ "int": 10}]`, "10", "null"}, func(v string) smithyCase {
		return malformed("RestJsonTechnicallyValidJsonBody", postJSON("/MalformedRequestBody", v), "expected an object")
	})...)

	// malformed-string.smithy
	add(each([]string{"xyz", "YmxvYg=", "[][]", "-_=="}, func(v string) smithyCase {
		return malformed("RestJsonHeaderMalformedStringInvalidBase64MediaType", request{method: "POST", uri: "/MalformedString", headers: map[string]string{"Content-Type": "application/json", "amz-media-typed-header": v}}, `header "amz-media-typed-header"`)
	})...)

	// malformed-timestamp-body.smithy
	body := func(id, op string, quote bool) func(v string) smithyCase {
		return func(v string) smithyCase {
			if quote {
				v = quoted(v)
			}
			return malformed(id, postJSON("/"+op, `{ "timestamp": `+v+` }`), "invalid JSON")
		}
	}
	add(each(dateTimes, body("RestJsonBodyTimestampDefaultRejectsDateTime", "MalformedTimestampBodyDefault", true))...)
	add(each(epochs, body("RestJsonBodyTimestampDefaultRejectsStringifiedEpochSeconds", "MalformedTimestampBodyDefault", true))...)
	add(each(epochBodyBad, body("RestJsonBodyTimestampDefaultRejectsMalformedEpochSeconds", "MalformedTimestampBodyDefault", false))...)
	add(each(httpDates, body("RestJsonBodyTimestampDefaultRejectsHttpDate", "MalformedTimestampBodyDefault", true))...)
	add(each(httpDates, body("RestJsonBodyTimestampDateTimeRejectsHttpDate", "MalformedTimestampBodyDateTime", true))...)
	add(each(epochs, body("RestJsonBodyTimestampDateTimeRejectsEpochSeconds", "MalformedTimestampBodyDateTime", false))...)
	add(each([]string{"1996-12-19T16:39:57-08:00"}, body("RestJsonBodyTimestampDateTimeRejectsUTCOffsets", "MalformedTimestampBodyDateTime", true))...)
	add(each(iso8601Lookalikes, body("RestJsonBodyTimestampDateTimeRejectsDifferent8601Formats", "MalformedTimestampBodyDateTime", true))...)
	add(each(dateTimes, body("RestJsonBodyTimestampHttpDateRejectsDateTime", "MalformedTimestampBodyHttpDate", true))...)
	add(each(epochs, body("RestJsonBodyTimestampHttpDateRejectsEpoch", "MalformedTimestampBodyHttpDate", false))...)

	// malformed-timestamp-header.smithy
	header := func(id, op string) func(v string) smithyCase {
		return func(v string) smithyCase {
			return malformed(id, request{method: "POST", uri: "/" + op, headers: map[string]string{"timestamp": v}}, `header "timestamp"`)
		}
	}
	add(each(dateTimes, header("RestJsonHeaderTimestampDefaultRejectsDateTime", "MalformedTimestampHeaderDefault"))...)
	add(each(epochs, header("RestJsonHeaderTimestampDefaultRejectsEpochSeconds", "MalformedTimestampHeaderDefault"))...)
	add(each(httpDates, header("RestJsonHeaderTimestampDateTimeRejectsHttpDate", "MalformedTimestampHeaderDateTime"))...)
	add(each(epochs, header("RestJsonHeaderTimestampDateTimeRejectsEpochSeconds", "MalformedTimestampHeaderDateTime"))...)
	add(each(iso8601Lookalikes, header("RestJsonHeaderTimestampDateTimeRejectsDifferent8601Formats", "MalformedTimestampHeaderDateTime"))...)
	add(each(dateTimes, header("RestJsonHeaderTimestampEpochRejectsDateTime", "MalformedTimestampHeaderEpoch"))...)
	add(each(httpDates, header("RestJsonHeaderTimestampEpochRejectsHttpDate", "MalformedTimestampHeaderEpoch"))...)
	add(each(epochBad, header("RestJsonHeaderTimestampEpochRejectsMalformedValues", "MalformedTimestampHeaderEpoch"))...)

	// malformed-timestamp-path.smithy
	path := func(id, op string) func(v string) smithyCase {
		return func(v string) smithyCase {
			return malformed(id, post("/"+op+"/"+v), `label "timestamp"`)
		}
	}
	add(each(httpDatesEscaped, path("RestJsonPathTimestampDefaultRejectsHttpDate", "MalformedTimestampPathDefault"))...)
	add(each(epochs, path("RestJsonPathTimestampDefaultRejectsEpochSeconds", "MalformedTimestampPathDefault"))...)
	add(each([]string{"1996-12-19T16%3A39%3A57-08%3A00"}, path("RestJsonPathTimestampDefaultRejectsUTCOffsets", "MalformedTimestampPathDefault"))...)
	add(each(iso8601PathEscaped, path("RestJsonPathTimestampDefaultRejectsDifferent8601Formats", "MalformedTimestampPathDefault"))...)
	add(each(dateTimesEscaped, path("RestJsonPathTimestampHttpDateRejectsDateTime", "MalformedTimestampPathHttpDate"))...)
	add(each(epochs, path("RestJsonPathTimestampHttpDateRejectsEpochSeconds", "MalformedTimestampPathHttpDate"))...)
	add(each(dateTimesEscaped, path("RestJsonPathTimestampEpochRejectsDateTime", "MalformedTimestampPathEpoch"))...)
	add(each(httpDatesEscaped, path("RestJsonPathTimestampEpochRejectsHttpDate", "MalformedTimestampPathEpoch"))...)
	add(each(epochBad, path("RestJsonPathTimestampEpochRejectsMalformedValues", "MalformedTimestampPathEpoch"))...)

	// malformed-timestamp-query.smithy
	query := func(id, op string) func(v string) smithyCase {
		return func(v string) smithyCase {
			return malformed(id, post("/"+op+"?timestamp="+v), `query parameter "timestamp"`)
		}
	}
	add(each(httpDatesEscaped, query("RestJsonQueryTimestampDefaultRejectsHttpDate", "MalformedTimestampQueryDefault"))...)
	add(each(epochs, query("RestJsonQueryTimestampDefaultRejectsEpochSeconds", "MalformedTimestampQueryDefault"))...)
	// Smithy's test sends the literal "$value:L" (it has no parameters);
	// the value its path twin uses is what it means.
	add(each([]string{"1996-12-19T16%3A39%3A57-08%3A00"}, query("RestJsonQueryTimestampDefaultRejectsUTCOffsets", "MalformedTimestampQueryDefault"))...)
	add(each(iso8601Query, query("RestJsonQueryTimestampDefaultRejectsDifferent8601Formats", "MalformedTimestampQueryDefault"))...)
	add(each(dateTimesEscaped, query("RestJsonQueryTimestampHttpDateRejectsDateTime", "MalformedTimestampQueryHttpDate"))...)
	add(each(epochs, query("RestJsonQueryTimestampHttpDateRejectsEpochSeconds", "MalformedTimestampQueryHttpDate"))...)
	add(each(dateTimesEscaped, query("RestJsonQueryTimestampEpochRejectsDateTime", "MalformedTimestampQueryEpoch"))...)
	add(each(httpDatesEscaped, query("RestJsonQueryTimestampEpochRejectsHttpDate", "MalformedTimestampQueryEpoch"))...)
	add(each(epochBad, query("RestJsonQueryTimestampEpochRejectsMalformedValues", "MalformedTimestampQueryEpoch"))...)

	// malformed-union.smithy
	add(malformed("RestJsonMalformedUnionMultipleFieldsSet", postJSON("/MalformedUnion", `{ "union" : { "int": 2, "string": "three" } }`), "invalid JSON at '/union/string'"))
	add(malformed("RestJsonMalformedUnionKnownAndUnknownFieldsSet", postJSON("/MalformedUnion", `{ "union" : { "int": 2, "unknownField": "three" } }`), "invalid JSON at '/union/unknownField'"))
	add(malformed("RestJsonMalformedUnionNoFieldsSet", postJSON("/MalformedUnion", `{ "union" : { "int": null } }`), "invalid JSON at '/union'"))
	add(malformed("RestJsonMalformedUnionEmptyObjectNoFieldsSet", postJSON("/MalformedUnion", `{ "union" : {  } }`), "invalid JSON at '/union'"))
	add(malformed("RestJsonMalformedUnionValueIsArray", postJSON("/MalformedUnion", `{ "union" : ["int"] }`), "invalid JSON at '/union'"))
	add(malformed("RestJsonMalformedUnionUnknownMember", postJSON("/MalformedUnion", "{\n    \"union\": {\n        \"unknown\": \"hello\"\n    }\n}"), "invalid JSON at '/union/unknown'"))
	return cs
}

// Constraint texts of the validation tests.
const (
	enumABCDEFJKL = "Member must satisfy enum value set: [abc, def, jkl]"
	len2to8       = "Member must have length between 2 and 8, inclusive"
	len4to6       = "Member must have length between 4 and 6, inclusive"
	patternAM     = "Member must satisfy regular expression pattern: ^[a-m]+$"
	patternGM     = "Member must satisfy regular expression pattern: ^[g-m]+$"
	notNull       = "Member must not be null"
	unique        = "Member must have unique values"
)

// validationCases are the tests of validation/*.smithy.
func validationCases() []smithyCase {
	var cs []smithyCase
	add := func(c ...smithyCase) { cs = append(cs, c...) }
	abcXYZ := []string{"ABC", "XYZ"}

	// malformed-enum.smithy
	add(each(abcXYZ, func(v string) smithyCase {
		return invalid("RestJsonMalformedEnumString", "/MalformedEnum", `{ "string" : "`+v+`" }`, field("/string", -1, enumABCDEFJKL))
	})...)
	add(each(abcXYZ, func(v string) smithyCase {
		return invalid("RestJsonMalformedEnumTraitString", "/MalformedEnum", `{ "stringWithEnumTrait" : "`+v+`" }`, field("/stringWithEnumTrait", -1, "Member must satisfy enum value set: [abc, def]"))
	})...)
	add(each(abcXYZ, func(v string) smithyCase {
		return invalid("RestJsonMalformedEnumList", "/MalformedEnum", `{ "list" : ["`+v+`"] }`, field("/list/0", -1, enumABCDEFJKL))
	})...)
	add(each(abcXYZ, func(v string) smithyCase {
		return invalid("RestJsonMalformedEnumMapKey", "/MalformedEnum", `{ "map" : { "`+v+`" : "abc" } }`, field("/map", -1, enumABCDEFJKL))
	})...)
	add(each(abcXYZ, func(v string) smithyCase {
		return invalid("RestJsonMalformedEnumMapValue", "/MalformedEnum", `{ "map" : { "abc": "`+v+`" } }`, field("/map/abc", -1, enumABCDEFJKL))
	})...)
	add(each(abcXYZ, func(v string) smithyCase {
		return invalid("RestJsonMalformedEnumUnion", "/MalformedEnum", `{ "union" : { "first": "`+v+`" } }`, field("/union/first", -1, enumABCDEFJKL))
	})...)

	// malformed-length.smithy
	lengthRows := func(id, uri, member, constraint, valueFormat string, values []string, lengths []int) []smithyCase {
		var out []smithyCase
		for i, v := range values {
			c := invalid(id, uri, `{ "`+member+`" : `+fmt.Sprintf(valueFormat, v)+` }`, field("/"+member, lengths[i], constraint))
			c.id += "/" + v
			out = append(out, c)
		}
		return out
	}
	add(lengthRows("RestJsonMalformedLengthBlob", "/MalformedLength", "blob", len2to8, `"%s"`, []string{"YQ==", "YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo="}, []int{1, 26})...)
	add(lengthRows("RestJsonMalformedLengthString", "/MalformedLength", "string", len2to8, `"%s"`, []string{"a", "abcdefghijklmnopqrstuvwxyz", "👍"}, []int{1, 26, 1})...)
	add(invalid("RestJsonMalformedLengthMinString", "/MalformedLength", `{ "minString" : "a" }`, field("/minString", 1, "Member must have length greater than or equal to 2")))
	add(invalid("RestJsonMalformedLengthMaxString", "/MalformedLength", `{ "maxString" : "abcdefghijklmnopqrstuvwxyz" }`, field("/maxString", 26, "Member must have length less than or equal to 8")))
	add(lengthRows("RestJsonMalformedLengthList", "/MalformedLength", "list", len2to8, "%s", []string{`["abc"]`, `["abc", "abc", "abc", "abc", "abc", "abc", "abc", "abc", "abc", "abc"]`}, []int{1, 10})...)
	for i, v := range []string{`["a", "abc"]`, `["abcdefghijklmnopqrstuvwxyz", "abc"]`} {
		c := invalid("RestJsonMalformedLengthListValue", "/MalformedLength", `{ "list" : `+v+` }`, field("/list/0", []int{1, 26}[i], len2to8))
		c.id += "/" + v
		add(c)
	}
	mapOf := func(keys ...string) string {
		entries := make([]string, len(keys))
		for i, k := range keys {
			entries[i] = `"` + k + `": ["abc", "def", "efg"]`
		}
		return "{" + strings.Join(entries, ", ") + "}"
	}
	for i, v := range []string{`{"abc": ["def", "efg", "fgh"]}`, mapOf("abc", "bcd", "cde", "def", "efg", "fgh", "ghi", "jkl", "klm", "lmn")} {
		c := invalid("RestJsonMalformedLengthMap", "/MalformedLength", `{ "map" : `+v+` }`, field("/map", []int{1, 10}[i], len2to8))
		c.id += fmt.Sprint("/", i)
		add(c)
	}
	for i, v := range []string{mapOf("a", "bcd", "cde"), mapOf("abcdefghijklmnopqrstuvwxyz", "bcd", "cde")} {
		c := invalid("RestJsonMalformedLengthMapKey", "/MalformedLength", `{ "map" : `+v+` }`, field("/map", []int{1, 26}[i], len2to8))
		c.id += fmt.Sprint("/", i)
		add(c)
	}
	for i, v := range []string{
		`{"abc": ["def"], "bcd": ["abc", "def", "efg"], "cde": ["abc", "def", "efg"]}`,
		`{"abc": ["def", "efg", "fgh", "def", "efg", "fgh", "def", "efg", "fgh", "def"], "bcd": ["abc", "def", "efg"], "cde": ["abc", "def", "efg"]}`,
	} {
		c := invalid("RestJsonMalformedLengthMapValue", "/MalformedLength", `{ "map" : `+v+` }`, field("/map/abc", []int{1, 10}[i], len2to8))
		c.id += fmt.Sprint("/", i)
		add(c)
	}
	add(lengthRows("RestJsonMalformedLengthBlobOverride", "/MalformedLengthOverride", "blob", len4to6, `"%s"`, []string{"YWJj", "YWJjZGVmZw=="}, []int{3, 7})...)
	add(lengthRows("RestJsonMalformedLengthStringOverride", "/MalformedLengthOverride", "string", len4to6, `"%s"`, []string{"abc", "abcdefg", "👍👍👍"}, []int{3, 7, 3})...)
	add(invalid("RestJsonMalformedLengthMinStringOverride", "/MalformedLengthOverride", `{ "minString" : "abc" }`, field("/minString", 3, "Member must have length greater than or equal to 4")))
	add(invalid("RestJsonMalformedLengthMaxStringOverride", "/MalformedLengthOverride", `{ "maxString" : "abcdefg" }`, field("/maxString", 7, "Member must have length less than or equal to 6")))
	add(lengthRows("RestJsonMalformedLengthListOverride", "/MalformedLengthOverride", "list", len4to6, "%s", []string{`["abc", "def", "ghi"]`, `["abc", "abc", "abc", "abc", "abc", "abc", "abc"]`}, []int{3, 7})...)
	// Smithy's second value of RestJsonMalformedLengthMapOverride has
	// stray backslashes (`"abc\": [...]`) that make it invalid JSON; it is
	// meant as a map of seven entries, which is what is sent here.
	for i, v := range []string{mapOf("abc", "bcd", "def"), mapOf("abc", "bcd", "cde", "def", "efg", "fgh", "ghi")} {
		c := invalid("RestJsonMalformedLengthMapOverride", "/MalformedLengthOverride", `{ "map" : `+v+` }`, field("/map", []int{3, 7}[i], len4to6))
		c.id += fmt.Sprint("/", i)
		add(c)
	}
	// Smithy's test sends {} without a Content-Type to an operation
	// without a modeled body: the body is ignored (SPEC §4).
	c := invalid("RestJsonMalformedLengthQueryStringNoValue", "/MalformedLengthQueryString?string", "{}", field("/string", 0, len2to8))
	c.req.headers = nil
	add(c)
	add(invalid("RestJsonMalformedLengthQueryStringNoValue/application/json", "/MalformedLengthQueryString?string", "{}", field("/string", 0, len2to8)))
	c = invalid("RestJsonMalformedLengthQueryStringNoValue/no body", "/MalformedLengthQueryString?string", "", field("/string", 0, len2to8))
	c.req.headers = nil
	add(c)

	// malformed-pattern.smithy
	add(each([]string{"ABC", "xyz"}, func(v string) smithyCase {
		return invalid("RestJsonMalformedPatternString", "/MalformedPattern", `{ "string" : "`+v+`" }`, field("/string", -1, patternAM))
	})...)
	add(invalid("RestJsonMalformedPatternReDOSString", "/MalformedPattern", `{ "evilString" : "000000000000000000000000000000000000000000000000000000000000000000000000000000000000!" }`,
		field("/evilString", -1, "Member must satisfy regular expression pattern: ^([0-9]+)+$")))
	add(each([]string{"ABC", "xyz"}, func(v string) smithyCase {
		return invalid("RestJsonMalformedPatternList", "/MalformedPattern", `{ "list" : ["`+v+`"] }`, field("/list/0", -1, patternAM))
	})...)
	add(each([]string{"ABC", "xyz"}, func(v string) smithyCase {
		return invalid("RestJsonMalformedPatternMapKey", "/MalformedPattern", `{ "map" : { "`+v+`" : "abc" } }`, field("/map", -1, patternAM))
	})...)
	add(each([]string{"ABC", "xyz"}, func(v string) smithyCase {
		return invalid("RestJsonMalformedPatternMapValue", "/MalformedPattern", `{ "map" : { "abc": "`+v+`" } }`, field("/map/abc", -1, patternAM))
	})...)
	add(each([]string{"ABC", "xyz"}, func(v string) smithyCase {
		return invalid("RestJsonMalformedPatternUnion", "/MalformedPattern", `{ "union" : { "first": "`+v+`" } }`, field("/union/first", -1, patternAM))
	})...)
	add(each([]string{"abc", "xyz"}, func(v string) smithyCase {
		return invalid("RestJsonMalformedPatternStringOverride", "/MalformedPatternOverride", `{ "string" : "`+v+`" }`, field("/string", -1, patternGM))
	})...)
	add(each([]string{"abc", "xyz"}, func(v string) smithyCase {
		return invalid("RestJsonMalformedPatternListOverride", "/MalformedPatternOverride", `{ "list" : ["`+v+`"] }`, field("/list/0", -1, patternGM))
	})...)
	add(each([]string{"abc", "xyz"}, func(v string) smithyCase {
		return invalid("RestJsonMalformedPatternMapKeyOverride", "/MalformedPatternOverride", `{ "map" : { "`+v+`" : "ghi" } }`, field("/map", -1, patternGM))
	})...)
	add(each([]string{"abc", "xyz"}, func(v string) smithyCase {
		return invalid("RestJsonMalformedPatternMapValueOverride", "/MalformedPatternOverride", `{ "map" : { "ghi": "`+v+`" } }`, field("/map/ghi", -1, patternGM))
	})...)
	add(each([]string{"abc", "xyz"}, func(v string) smithyCase {
		return invalid("RestJsonMalformedPatternUnionOverride", "/MalformedPatternOverride", `{ "union" : { "first": "`+v+`" } }`, field("/union/first", -1, patternGM))
	})...)

	// malformed-range.smithy
	for _, r := range []struct {
		typ              string
		lo, hi, olo, ohi string
		below, above     string // values just out of the model's range
		obelow, oabove   string // and of the override
	}{
		{"Byte", "2", "8", "4", "6", "1", "9", "3", "7"},
		{"Short", "2", "8", "4", "6", "1", "9", "3", "7"},
		{"Integer", "2", "8", "4", "6", "1", "9", "3", "7"},
		{"Long", "2", "8", "4", "6", "1", "9", "3", "7"},
		{"Float", "2.2", "8.8", "4.4", "6.6", "2.1", "8.9", "4.3", "6.7"},
	} {
		lower := strings.ToLower(r.typ)
		between := func(lo, hi string) string { return "Member must be between " + lo + " and " + hi + ", inclusive" }
		add(each([]string{r.below, r.above}, func(v string) smithyCase {
			return invalid("RestJsonMalformedRange"+r.typ, "/MalformedRange", `{ "`+lower+`" : `+v+` }`, field("/"+lower, -1, between(r.lo, r.hi)))
		})...)
		add(invalid("RestJsonMalformedRangeMin"+r.typ, "/MalformedRange", `{ "min`+r.typ+`" : `+r.below+` }`, field("/min"+r.typ, -1, "Member must be greater than or equal to "+r.lo)))
		add(invalid("RestJsonMalformedRangeMax"+r.typ, "/MalformedRange", `{ "max`+r.typ+`" : `+r.above+` }`, field("/max"+r.typ, -1, "Member must be less than or equal to "+r.hi)))
		add(each([]string{r.obelow, r.oabove}, func(v string) smithyCase {
			return invalid("RestJsonMalformedRange"+r.typ+"Override", "/MalformedRangeOverride", `{ "`+lower+`" : `+v+` }`, field("/"+lower, -1, between(r.olo, r.ohi)))
		})...)
		add(invalid("RestJsonMalformedRangeMin"+r.typ+"Override", "/MalformedRangeOverride", `{ "min`+r.typ+`" : `+r.obelow+` }`, field("/min"+r.typ, -1, "Member must be greater than or equal to "+r.olo)))
		add(invalid("RestJsonMalformedRangeMax"+r.typ+"Override", "/MalformedRangeOverride", `{ "max`+r.typ+`" : `+r.oabove+` }`, field("/max"+r.typ, -1, "Member must be less than or equal to "+r.ohi)))
	}

	// malformed-required.smithy
	required := func(id, body, query string, headers map[string]string, path string) smithyCase {
		c := invalid(id, "/MalformedRequired"+query, body, field(path, -1, notNull))
		c.req.headers = headers
		return c
	}
	withHeader := map[string]string{"Content-Type": "application/json", "string-in-headers": "abc"}
	add(required("RestJsonMalformedRequiredBodyUnset", "{  }", "?stringInQuery=abc", withHeader, "/string"))
	add(required("RestJsonMalformedRequiredBodyExplicitNull", `{ "string": null }`, "?stringInQuery=abc", withHeader, "/string"))
	add(required("RestJsonMalformedRequiredHeaderUnset", `{ "string": "abc" }`, "?stringInQuery=abc", jsonHeaders, "/stringInHeader"))

	// malformed-uniqueItems.smithy
	for _, u := range []struct{ id, member, values string }{
		{"RestJsonMalformedUniqueItemsBlobList", "blobList", `["YQ==", "YQ=="]`},
		{"RestJsonMalformedUniqueItemsBooleanList/true", "booleanList", "[true, true]"},
		{"RestJsonMalformedUniqueItemsBooleanList/false", "booleanList", "[false, false]"},
		{"RestJsonMalformedUniqueItemsStringList", "stringList", `["abc", "abc"]`},
		{"RestJsonMalformedUniqueItemsByteList", "byteList", "[1, 1]"},
		{"RestJsonMalformedUniqueItemsShortList", "shortList", "[2, 2]"},
		{"RestJsonMalformedUniqueItemsIntegerList", "integerList", "[3, 3]"},
		{"RestJsonMalformedUniqueItemsLongList", "longList", "[4, 4]"},
		{"RestJsonMalformedUniqueItemsTimestampList", "timestampList", "[1676660607, 1676660607]"},
		{"RestJsonMalformedUniqueItemsDateTimeList", "dateTimeList", `["1985-04-12T23:20:50.52Z", "1985-04-12T23:20:50.52Z"]`},
		{"RestJsonMalformedUniqueItemsHttpDateList", "httpDateList", `["Tue, 29 Apr 2014 18:30:38 GMT", "Tue, 29 Apr 2014 18:30:38 GMT"]`},
		{"RestJsonMalformedUniqueItemsEnumList", "enumList", `["Foo", "Foo"]`},
		{"RestJsonMalformedUniqueItemsIntEnumList", "intEnumList", "[3, 3]"},
		{"RestJsonMalformedUniqueItemsListList", "listList", `[["foo","bar"], ["foo","bar"]]`},
		{"RestJsonMalformedUniqueItemsStructureList", "structureList", `[{"hi": "hello"}, {"hi": "hello"}]`},
		{"RestJsonMalformedUniqueItemsUnionList/string", "unionList", `[{"string": "foo"}, {"string": "foo"}]`},
		{"RestJsonMalformedUniqueItemsUnionList/integer", "unionList", `[{"integer": 1}, {"integer": 1}]`},
	} {
		add(invalid(u.id, "/MalformedUniqueItems", `{ "`+u.member+`" : `+u.values+` }`, field("/"+u.member, -1, unique)))
	}
	add(invalid("RestJsonMalformedUniqueItemsStructureMissingKeyList", "/MalformedUniqueItems", `{ "structureListWithNoKey" : [{"hi2": "bar"}] }`, field("/structureListWithNoKey/0/hi", -1, notNull)))

	// recursive-structures.smithy
	add(invalid("RestJsonMalformedRecursiveStructures", "/RecursiveStructures", `{ "union" : {
                    "union" : {
                        "union" : { "string" : "XYZ" }
                     }
                  }
                }`, field("/union/union/union/string", -1, "Member must satisfy enum value set: [abc, def]")))

	// sensitive-validation.smithy
	add(invalid("RestJsonMalformedPatternSensitiveString", "/SensitiveValidation", `{ "string" : "ABC" }`, field("/string", -1, patternAM)))
	return cs
}

// TestSmithyMalformedRequests replays malformedRequests/*.smithy.
func TestSmithyMalformedRequests(t *testing.T) {
	runSmithyCases(t, malformedRequestCases())
}

// TestSmithyValidation replays validation/*.smithy.
func TestSmithyValidation(t *testing.T) {
	runSmithyCases(t, validationCases())
}

func runSmithyCases(t *testing.T, cases []smithyCase) {
	h := restjson.NewHandler(conformanceService{})
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.id] {
			t.Fatalf("two rows named %s", c.id)
		}
		seen[c.id] = true
		t.Run(c.id, func(t *testing.T) {
			resp := serve(t, h, c.req)
			if resp.status != c.status || resp.errType != c.errType {
				t.Fatalf("got %d %q, want %d %q; body %s", resp.status, resp.errType, c.status, c.errType, resp.body)
			}
			b := decodeError(t, resp)
			switch {
			case c.message != "":
				if b.message() != c.message {
					t.Errorf("message:\n got %s\nwant %s", b.message(), c.message)
				}
				if !reflect.DeepEqual(b.FieldList, c.fields) {
					t.Errorf("fieldList:\n got %+v\nwant %+v", b.FieldList, c.fields)
				}
			case c.where != "":
				if !strings.Contains(b.message(), c.where) {
					t.Errorf("message %q does not say %q", b.message(), c.where)
				}
				if b.FieldList != nil {
					t.Errorf("malformed input with a fieldList: %s", resp.body)
				}
			}
		})
	}
}

// conformanceService answers RecursiveStructures and the Accept tests'
// operations; everything else is UnimplementedService, whose 501 says that
// a request got through decoding and validation.
type conformanceService struct {
	restjson.UnimplementedService
}

func (conformanceService) RecursiveStructures(_ context.Context, in *restjson.RecursiveStructuresInput) (*restjson.RecursiveStructuresOutput, error) {
	return &restjson.RecursiveStructuresOutput{}, nil
}

func (conformanceService) MalformedAcceptWithPayload(context.Context, *restjson.MalformedAcceptWithPayloadInput) (*restjson.MalformedAcceptWithPayloadOutput, error) {
	return &restjson.MalformedAcceptWithPayloadOutput{Payload: []byte{0xff, 0xd8, 0xff}}, nil
}

func (conformanceService) MalformedAcceptWithGenericString(context.Context, *restjson.MalformedAcceptWithGenericStringInput) (*restjson.MalformedAcceptWithGenericStringOutput, error) {
	s := "hello"
	return &restjson.MalformedAcceptWithGenericStringOutput{Payload: &s}, nil
}

// TestSmithyRequestTests covers the one @httpRequestTests of the validation
// tests, RestJsonRecursiveStructuresValidate, and the positive side of the
// Accept and Content-Type tests: what the malformed tests refuse must not be
// all that is refused.
func TestSmithyRequestTests(t *testing.T) {
	var got *restjson.RecursiveStructuresInput
	h := restjson.NewHandler(recordingService{record: func(in *restjson.RecursiveStructuresInput) { got = in }})
	resp := serve(t, h, postJSON("/RecursiveStructures", `{ "union" : {
                "union" : {
                    "union" : { "string" : "abc" }
                }
              }
            }`))
	if resp.status != http.StatusOK {
		t.Fatalf("RestJsonRecursiveStructuresValidate: %d %s", resp.status, resp.body)
	}
	want := &restjson.RecursiveStructuresInput{Union: &restjson.RecursiveUnionOneMemberUnion{Value: &restjson.RecursiveUnionTwoMemberUnion{Value: &restjson.RecursiveUnionOneMemberString{Value: restjson.RecursiveEnumStringAbc}}}}
	if !reflect.DeepEqual(got, want) {
		gotJSON, _ := json.Marshal(got)
		t.Errorf("RestJsonRecursiveStructuresValidate decoded %s", gotJSON)
	}

	for _, c := range []struct {
		name        string
		req         request
		status      int
		contentType string
	}{
		{"jpeg accepted", request{method: "POST", uri: "/MalformedAcceptWithPayload", headers: map[string]string{"Accept": "image/jpeg"}}, 200, "image/jpeg"},
		{"image/* accepted", request{method: "POST", uri: "/MalformedAcceptWithPayload", headers: map[string]string{"Accept": "text/html, image/*;q=0.5"}}, 200, "image/jpeg"},
		{"no Accept", request{method: "POST", uri: "/MalformedAcceptWithPayload"}, 200, "image/jpeg"},
		{"text accepted", request{method: "POST", uri: "/MalformedAcceptWithGenericString", headers: map[string]string{"Accept": "text/plain"}}, 200, "text/plain"},
		{"json accepted", request{method: "POST", uri: "/MalformedAcceptWithBody", headers: map[string]string{"Accept": "application/json"}}, 501, "application/json"},
		{"jpeg body", request{method: "POST", uri: "/MalformedContentTypeWithPayload", headers: map[string]string{"Content-Type": "image/jpeg"}, body: "\xff\xd8\xff"}, 501, "application/json"},
		{"text body", request{method: "POST", uri: "/MalformedContentTypeWithGenericString", headers: map[string]string{"Content-Type": "text/plain; charset=utf-8"}, body: "hello"}, 501, "application/json"},
		{"json body", postJSON("/MalformedContentTypeWithBody", `{"hi":"there"}`), 501, "application/json"},
		{"no body, no type", post("/MalformedContentTypeWithoutBody"), 501, "application/json"},
		{"non-empty body without a modeled one", postJSON("/MalformedContentTypeWithoutBody", `{"hi":1}`), 415, "application/json"},
		{"{} with a type that is not JSON", request{method: "POST", uri: "/MalformedContentTypeWithoutBody", headers: map[string]string{"Content-Type": "text/plain"}, body: "{}"}, 415, "application/json"},
	} {
		resp := serve(t, conformanceHandler, c.req)
		if resp.status != c.status || resp.header.Get("Content-Type") != c.contentType {
			t.Errorf("%s: got %d %q, want %d %q; body %q", c.name, resp.status, resp.header.Get("Content-Type"), c.status, c.contentType, resp.body)
		}
	}
}

var conformanceHandler = restjson.NewHandler(conformanceService{})

type recordingService struct {
	conformanceService
	record func(*restjson.RecursiveStructuresInput)
}

func (s recordingService) RecursiveStructures(_ context.Context, in *restjson.RecursiveStructuresInput) (*restjson.RecursiveStructuresOutput, error) {
	s.record(in)
	return &restjson.RecursiveStructuresOutput{}, nil
}
