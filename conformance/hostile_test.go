package conformance

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	chime "github.com/smithygen/smithygen/output/chime"
	identity "github.com/smithygen/smithygen/output/chimesdkidentity"
)

// Hostile requests to the two generated AWS services: broken JSON, wrong
// types, numbers out of range, oversized and overdeep bodies, text
// bindings that do not parse. Each must get the modeled error (Chime's
// BadRequestException, body {"Code":"BadRequest","Message":...}) or the
// status smithygen gives, with a message that says what is wrong and where;
// none may panic or hang, and the server must keep serving.

// identityFake and chimeFake implement a few operations of each service:
// they count the calls and answer with empty outputs.
type identityFake struct {
	identity.UnimplementedService
	calls atomic.Int64
}

func (f *identityFake) CreateAppInstance(context.Context, *identity.CreateAppInstanceInput) (*identity.CreateAppInstanceOutput, error) {
	f.calls.Add(1)
	return nil, nil
}

func (f *identityFake) DescribeAppInstance(context.Context, *identity.DescribeAppInstanceInput) (*identity.DescribeAppInstanceOutput, error) {
	f.calls.Add(1)
	return nil, nil
}

func (f *identityFake) ListAppInstances(context.Context, *identity.ListAppInstancesInput) (*identity.ListAppInstancesOutput, error) {
	f.calls.Add(1)
	return nil, nil
}

func (f *identityFake) ListAppInstanceUsers(context.Context, *identity.ListAppInstanceUsersInput) (*identity.ListAppInstanceUsersOutput, error) {
	f.calls.Add(1)
	return nil, nil
}

func (f *identityFake) PutAppInstanceRetentionSettings(context.Context, *identity.PutAppInstanceRetentionSettingsInput) (*identity.PutAppInstanceRetentionSettingsOutput, error) {
	f.calls.Add(1)
	return nil, nil
}

func (f *identityFake) PutAppInstanceUserExpirationSettings(context.Context, *identity.PutAppInstanceUserExpirationSettingsInput) (*identity.PutAppInstanceUserExpirationSettingsOutput, error) {
	f.calls.Add(1)
	return nil, nil
}

func (f *identityFake) RegisterAppInstanceUserEndpoint(context.Context, *identity.RegisterAppInstanceUserEndpointInput) (*identity.RegisterAppInstanceUserEndpointOutput, error) {
	f.calls.Add(1)
	return nil, nil
}

func (f *identityFake) UntagResource(context.Context, *identity.UntagResourceInput) (*identity.UntagResourceOutput, error) {
	f.calls.Add(1)
	return nil, nil
}

type chimeFake struct {
	chime.UnimplementedService
	calls atomic.Int64
}

func (f *chimeFake) CreateAccount(context.Context, *chime.CreateAccountInput) (*chime.CreateAccountOutput, error) {
	f.calls.Add(1)
	return nil, nil
}

func (f *chimeFake) UpdateAccount(context.Context, *chime.UpdateAccountInput) (*chime.UpdateAccountOutput, error) {
	f.calls.Add(1)
	return nil, nil
}

func (f *chimeFake) GetAccount(context.Context, *chime.GetAccountInput) (*chime.GetAccountOutput, error) {
	f.calls.Add(1)
	return nil, nil
}

func (f *chimeFake) ListChannelMessages(context.Context, *chime.ListChannelMessagesInput) (*chime.ListChannelMessagesOutput, error) {
	f.calls.Add(1)
	return nil, nil
}

func (f *chimeFake) ListChannelMemberships(context.Context, *chime.ListChannelMembershipsInput) (*chime.ListChannelMembershipsOutput, error) {
	f.calls.Add(1)
	return nil, nil
}

func (f *chimeFake) CreateVoiceConnector(context.Context, *chime.CreateVoiceConnectorInput) (*chime.CreateVoiceConnectorOutput, error) {
	f.calls.Add(1)
	return nil, nil
}

func (f *chimeFake) CreateProxySession(context.Context, *chime.CreateProxySessionInput) (*chime.CreateProxySessionOutput, error) {
	f.calls.Add(1)
	return nil, nil
}

func (f *chimeFake) CreateMeeting(context.Context, *chime.CreateMeetingInput) (*chime.CreateMeetingOutput, error) {
	f.calls.Add(1)
	return nil, nil
}

func (f *chimeFake) BatchCreateAttendee(context.Context, *chime.BatchCreateAttendeeInput) (*chime.BatchCreateAttendeeOutput, error) {
	f.calls.Add(1)
	return nil, nil
}

// hostileCase is one request and what must come back. A 2xx status means
// the request is acceptable and must reach the service.
type hostileCase struct {
	name    string
	chime   bool // the Chime service; else Chime SDK Identity
	req     request
	build   func() *http.Request // a request serve cannot express, instead of req
	status  int
	errType string
	says    []string // what the message must contain
}

const (
	appInstanceArn = "arn:aws:chime:us-east-1:123456789012:app-instance/0f2c6e86-3a6b-4f6e-9d7b-1c2e3f4a5b6c"
	userArn        = appInstanceArn + "/user/u1"
	channelArn     = appInstanceArn + "/channel/c1"
	meetingID      = "0f2c6e86-3a6b-4f6e-9d7b-1c2e3f4a5b6c"
	badRequest     = "BadRequestException"
	okCreate       = `{"Name":"n","ClientRequestToken":"tok-1"}`
)

// escapedArn is appInstanceArn as a path segment.
var escapedArn = strings.NewReplacer(":", "%3A", "/", "%2F").Replace(appInstanceArn)

func idJSON(method, uri, body string) request {
	return request{method: method, uri: uri, headers: jsonHeaders, body: body}
}

// retention is a PutAppInstanceRetentionSettings body with RetentionDays
// written as days.
func retention(days string) request {
	return idJSON("PUT", "/app-instances/"+escapedArn+"/retention-settings", `{"AppInstanceRetentionSettings":{"ChannelRetentionSettings":{"RetentionDays":`+days+`}}}`)
}

// many repeats s n times, joined with sep.
func many(s, sep string, n int) string {
	return strings.TrimSuffix(strings.Repeat(s+sep, n), sep)
}

func hostileCases() []hostileCase {
	bad := func(name string, req request, says ...string) hostileCase {
		return hostileCase{name: name, req: req, status: 400, errType: badRequest, says: says}
	}
	chimeBad := func(name string, req request, says ...string) hostileCase {
		c := bad(name, req, says...)
		c.chime = true
		return c
	}
	ok := func(name string, req request, status int) hostileCase {
		return hostileCase{name: name, req: req, status: status}
	}
	tagsBody := `{"ResourceARN":"` + appInstanceArn + `","TagKeys":[` + many(`"k"`, ",", 30000) + `]}`
	return []hostileCase{
		// Bytes that are not UTF-8.
		bad("invalid UTF-8 in a string", idJSON("POST", "/app-instances", "{\"Name\":\"a\xffb\",\"ClientRequestToken\":\"tok-1\"}"), "invalid UTF-8", "'/Name'"),
		bad("invalid UTF-8 in a key", idJSON("POST", "/app-instances", "{\"Na\xffme\":\"a\"}"), "invalid UTF-8"),
		bad("invalid UTF-8 between tokens", idJSON("POST", "/app-instances", "{\"Name\":\"a\"\xff}"), `'\xff'`, "offset 11"),
		bad("overlong UTF-8", idJSON("POST", "/app-instances", "{\"Name\":\"\xc0\xaf\"}"), "invalid UTF-8", "'/Name'"),
		bad("UTF-8 encoded surrogate", idJSON("POST", "/app-instances", "{\"Name\":\"\xed\xa0\x80\"}"), "invalid UTF-8", "'/Name'"),
		bad("byte order mark", idJSON("POST", "/app-instances", "\xef\xbb\xbf"+okCreate), "invalid character", "offset 0"),
		bad("invalid UTF-8 in a label", request{method: "GET", uri: "/app-instances/%FF"}, `label "AppInstanceArn"`, "not valid UTF-8"),
		bad("invalid UTF-8 in a query value", request{method: "GET", uri: "/app-instances?next-token=%FF%FE"}, `query parameter "next-token"`, "not valid UTF-8"),
		chimeBad("invalid UTF-8 in a header", request{method: "GET", uri: "/channels/" + escapedArn + "/messages", headers: map[string]string{"x-amz-chime-bearer": "arn:\xff"}}, `header "x-amz-chime-bearer"`, "not valid UTF-8"),

		// Broken JSON.
		bad("truncated object", idJSON("POST", "/app-instances", `{"Name":"n"`), "unexpected end of input"),
		bad("truncated string", idJSON("POST", "/app-instances", `{"Name":"n`), "'/Name'", "unexpected end of input"),
		bad("truncated escape", idJSON("POST", "/app-instances", `{"Name":"\u00`), "'/Name'", "unexpected end of input"),
		bad("truncated number", idJSON("PUT", "/app-instances/"+escapedArn+"/retention-settings", `{"AppInstanceRetentionSettings":{"ChannelRetentionSettings":{"RetentionDays":-`), "unexpected end of input"),
		bad("truncated literal", idJSON("POST", "/app-instances", `{"Name":nu`), "'/Name'", "unexpected end of input"),
		bad("only an opening brace", idJSON("POST", "/app-instances", `{`), "unexpected end of input"),
		bad("trailing garbage", idJSON("POST", "/app-instances", okCreate+`garbage`), "unexpected data after the JSON document"),
		bad("two documents", idJSON("POST", "/app-instances", okCreate+okCreate), "unexpected data after the JSON document"),
		bad("trailing comma", idJSON("POST", "/app-instances", `{"Name":"n",}`), "expected a string key"),
		bad("single quotes", idJSON("POST", "/app-instances", `{'Name':'n'}`), `invalid character '\''`),
		bad("comment", idJSON("POST", "/app-instances", `{"Name":"n" /* x */}`), `invalid character '/'`),
		bad("unescaped control character", idJSON("POST", "/app-instances", "{\"Name\":\"a\tb\"}"), "'/Name'", "control characters must be escaped"),
		bad("bad escape", idJSON("POST", "/app-instances", `{"Name":"\x41"}`), "'/Name'", "escape sequence"),
		bad("NUL byte", idJSON("POST", "/app-instances", "{\"Name\":\"n\"}\x00"), "unexpected data after the JSON document"),

		// Repeated keys: refused, wherever they are (see readObject).
		bad("duplicate key", idJSON("POST", "/app-instances", `{"Name":"a","ClientRequestToken":"tok-1","Name":"b"}`), "'/Name'", "more than once"),
		bad("duplicate key, escaped", idJSON("POST", "/app-instances", `{"Name":"a","\u004eame":"b"}`), "'/Name'", "more than once"),
		bad("duplicate key in a list element", idJSON("POST", "/app-instances", `{"Name":"a","Tags":[{"Key":"k","Value":"v","Key":"k2"}]}`), "'/Tags/0/Key'", "more than once"),
		bad("duplicate key in an unknown member", idJSON("POST", "/app-instances", `{"Name":"a","Other":{"x":1,"x":2}}`), "'/Other/x'", "more than once"),

		// Values of the wrong type.
		bad("number for a string", idJSON("POST", "/app-instances", `{"Name":123}`), "'/Name'", "expected a string, found a number"),
		bad("object for a string", idJSON("POST", "/app-instances", `{"Name":{"first":"n"}}`), "'/Name'", "expected a string, found an object"),
		bad("boolean for a string", idJSON("POST", "/app-instances", `{"Name":true}`), "'/Name'", "expected a string, found a boolean"),
		bad("string for a list", idJSON("POST", "/app-instances", `{"Name":"n","Tags":"k=v"}`), "'/Tags'", "expected an array, found a string"),
		bad("object for a list", idJSON("POST", "/app-instances", `{"Name":"n","Tags":{"Key":"k"}}`), "'/Tags'", "expected an array, found an object"),
		bad("list for a structure", idJSON("PUT", "/app-instances/"+escapedArn+"/retention-settings", `{"AppInstanceRetentionSettings":[]}`), "'/AppInstanceRetentionSettings'", "expected an object, found an array"),
		bad("null in a dense list", idJSON("POST", "/app-instances", `{"Name":"n","Tags":[null]}`), "'/Tags/0'", "found null"),
		bad("array as the body", idJSON("POST", "/app-instances", `[`+okCreate+`]`), "expected an object, found an array"),
		bad("string as the body", idJSON("POST", "/app-instances", `"Name"`), "expected an object, found a string"),
		bad("null as the body", idJSON("POST", "/app-instances", `null`), "expected an object, found null"),
		bad("string for an integer", retention(`"30"`), "'/AppInstanceRetentionSettings/ChannelRetentionSettings/RetentionDays'", "expected an integer, found a string"),
		bad("boolean for an integer", retention(`true`), "'/AppInstanceRetentionSettings/ChannelRetentionSettings/RetentionDays'", "expected an integer, found a boolean"),
		bad("fraction for an integer", retention(`30.5`), "RetentionDays'", "value 30.5 is not an integer"),
		bad("integral fraction for an integer", retention(`30.0`), "RetentionDays'", "value 30.0 is not an integer"),
		bad("exponent for an integer", retention(`3e1`), "RetentionDays'", "value 3e1 is not an integer"),
		bad("int32 overflow", retention(`2147483648`), "RetentionDays'", "out of range for a 32-bit integer"),
		bad("int32 underflow", retention(`-2147483649`), "RetentionDays'", "out of range for a 32-bit integer"),
		bad("int64-sized integer", retention(`9223372036854775808`), "RetentionDays'", "out of range for a 32-bit integer"),
		bad("10000-digit integer", retention(strings.Repeat("9", 10000)), "RetentionDays'", "out of range for a 32-bit integer"),
		bad("leading zero", retention(`030`), "invalid character '3'"),
		bad("plus sign", retention(`+30`), "RetentionDays'", "invalid character '+'"),
		bad("NaN for an integer", retention(`NaN`), "RetentionDays'", "invalid character 'N'"),
		bad("hex for an integer", retention(`0x1e`), "invalid character 'x'"),
		chimeBad("string for a boolean", idJSON("POST", "/voice-connectors", `{"Name":"vc","RequireEncryption":"true"}`), "'/RequireEncryption'", "expected a boolean, found a string"),
		chimeBad("number for a boolean", idJSON("POST", "/voice-connectors", `{"Name":"vc","RequireEncryption":1}`), "'/RequireEncryption'", "expected a boolean, found a number"),
		chimeBad("fraction for an integer, Chime", idJSON("POST", "/voice-connectors/vc1/proxy-sessions", `{"ExpiryMinutes":1.5}`), "'/ExpiryMinutes'", "not an integer"),
		chimeBad("number for an enum", idJSON("POST", "/voice-connectors", `{"Name":"vc","RequireEncryption":true,"AwsRegion":1}`), "'/AwsRegion'", "expected a string, found a number"),

		// Constraints, at depth, as the modeled error.
		bad("range", retention(`0`), "Value 0 at '/AppInstanceRetentionSettings/ChannelRetentionSettings/RetentionDays' failed to satisfy constraint: Member must be between 1 and 5475, inclusive"),
		bad("enum", idJSON("PUT", "/app-instance-users/"+escapedArn+"/expiration-settings", `{"ExpirationSettings":{"ExpirationDays":1,"ExpirationCriterion":"NOPE"}}`),
			"Value NOPE at '/ExpirationSettings/ExpirationCriterion' failed to satisfy constraint: Member must satisfy enum value set: [CREATED_TIMESTAMP]"),
		bad("required, nested", idJSON("PUT", "/app-instance-users/"+escapedArn+"/expiration-settings", `{"ExpirationSettings":{}}`),
			"2 validation errors detected. Value at '/ExpirationSettings/ExpirationDays' failed to satisfy constraint: Member must not be null; Value at '/ExpirationSettings/ExpirationCriterion' failed to satisfy constraint: Member must not be null"),
		bad("empty body, required member", idJSON("POST", "/app-instances", ``), "Value at '/Name' failed to satisfy constraint: Member must not be null"),
		bad("length of a list element's member", idJSON("POST", "/app-instances", `{"Name":"n","Tags":[{"Key":"k","Value":"v"},{"Key":"","Value":"v"}]}`), "Value with length 0 at '/Tags/1/Key'"),
		bad("sensitive pattern, value not stated", idJSON("POST", "/app-instances", "{\"Name\":\"a\\u0001b\"}"), "Value at '/Name' failed to satisfy constraint: Member must satisfy regular expression pattern"),
		chimeBad("length, Chime", idJSON("POST", "/accounts", `{"Name":""}`), "Value with length 0 at '/Name' failed to satisfy constraint: Member must have length between 1 and 100, inclusive"),
		chimeBad("pattern of a label, Chime", idJSON("POST", "/meetings/not-a-guid/attendees?operation=batch-create", `{"Attendees":[]}`), "Value not-a-guid at '/MeetingId' failed to satisfy constraint: Member must satisfy regular expression pattern"),

		// Size and depth.
		bad("huge array", idJSON("POST", "/tags?operation=untag-resource", tagsBody), "Value with length 30000 at '/TagKeys' failed to satisfy constraint: Member must have length between 1 and 50, inclusive"),
		ok("huge unknown array", idJSON("POST", "/app-instances", `{"Name":"n","Unknown":[`+many("1", ",", 300000)+`]}`), 201),
		bad("nesting past the limit", idJSON("POST", "/app-instances", `{"Name":"n","Unknown":`+strings.Repeat("[", 64)+strings.Repeat("]", 64)+`}`), "nesting is deeper than 64 levels"),
		bad("unclosed nesting", idJSON("POST", "/app-instances", strings.Repeat(`{"a":[`, 100000)), "nesting is deeper than 64 levels"),
		ok("nesting at the limit", idJSON("POST", "/app-instances", `{"Name":"n","Unknown":`+strings.Repeat("[", 63)+strings.Repeat("]", 63)+`}`), 201),
		{name: "body over the limit", req: idJSON("POST", "/app-instances", `{"Name":"n","Metadata":"`+strings.Repeat("x", 1<<20)+`"}`), status: 413, errType: "RequestEntityTooLargeException", says: []string{"larger than 1048576 bytes"}},
		{name: "body over the limit, length unknown", build: func() *http.Request {
			r := httptest.NewRequest("POST", "/app-instances", io.MultiReader(strings.NewReader(`{"Name":"`), strings.NewReader(strings.Repeat("x", 2<<20)), strings.NewReader(`"}`)))
			r.ContentLength = -1
			r.Header.Set("Content-Type", "application/json")
			return r
		}, status: 413, errType: "RequestEntityTooLargeException"},
		{name: "declared length over the limit", build: func() *http.Request {
			r := httptest.NewRequest("POST", "/app-instances", strings.NewReader(okCreate))
			r.ContentLength = 1 << 40
			r.Header.Set("Content-Type", "application/json")
			return r
		}, status: 413, errType: "RequestEntityTooLargeException"},

		// Media types and routing.
		{name: "no Content-Type", req: request{method: "POST", uri: "/app-instances", body: okCreate}, status: 415, errType: "UnsupportedMediaTypeException"},
		{name: "text/plain", req: request{method: "POST", uri: "/app-instances", headers: map[string]string{"Content-Type": "text/plain"}, body: okCreate}, status: 415, errType: "UnsupportedMediaTypeException", says: []string{`"text/plain"`}},
		{name: "malformed Content-Type", req: request{method: "POST", uri: "/app-instances", headers: map[string]string{"Content-Type": "application/json; charset"}, body: okCreate}, status: 415, errType: "UnsupportedMediaTypeException"},
		ok("JSON Content-Type with parameters", request{method: "POST", uri: "/app-instances", headers: map[string]string{"Content-Type": "application/json; charset=utf-8"}, body: okCreate}, 201),
		{name: "Accept excludes JSON", req: request{method: "GET", uri: "/app-instances", headers: map[string]string{"Accept": "text/html"}}, status: 406, errType: "NotAcceptableException"},
		{name: "Accept refuses JSON", req: request{method: "GET", uri: "/app-instances", headers: map[string]string{"Accept": "application/json;q=0"}}, status: 406, errType: "NotAcceptableException"},
		{name: "unknown path", req: request{method: "GET", uri: "/nope"}, status: 404, errType: "UnknownOperationException"},
		{name: "wrong method", req: request{method: "PATCH", uri: "/app-instances"}, status: 405, errType: "MethodNotAllowedException", says: []string{"GET, POST"}},
		{name: "empty label", chime: true, req: request{method: "GET", uri: "/accounts//settings"}, status: 404, errType: "UnknownOperationException"},
		// Without its query literal, BatchCreateAttendee's route is
		// CreateAttendee's, which wants other members.
		chimeBad("query literal missing", idJSON("POST", "/meetings/"+meetingID+"/attendees?operation=nope", `{}`), "Value at '/ExternalUserId' failed to satisfy constraint: Member must not be null"),
		ok("escaped slash in a label", request{method: "GET", uri: "/app-instances/" + escapedArn}, 200),
		bad("double-escaped label", request{method: "GET", uri: "/app-instances/arn%253Aaws"}, "Value arn%3Aaws at '/AppInstanceArn'"),
		bad("label pattern", request{method: "GET", uri: "/app-instances/not-an-arn"}, "Value not-an-arn at '/AppInstanceArn' failed to satisfy constraint: Member must satisfy regular expression pattern"),
		bad("sensitive label pattern", idJSON("POST", "/app-instance-users/not-an-arn/endpoints", `{"Type":"GCM","ResourceArn":"`+appInstanceArn+`","EndpointAttributes":{"DeviceToken":"d"}}`),
			"Value at '/AppInstanceUserArn' failed to satisfy constraint: Member must satisfy regular expression pattern"),

		// Query strings and headers that do not parse.
		bad("query integer", request{method: "GET", uri: "/app-instances?max-results=abc"}, `query parameter "max-results"`, `"abc" is not an integer`),
		bad("query fraction", request{method: "GET", uri: "/app-instances?max-results=1.5"}, `query parameter "max-results"`, "not an integer"),
		bad("query overflow", request{method: "GET", uri: "/app-instances?max-results=99999999999"}, `query parameter "max-results"`, "out of range for a 32-bit integer"),
		bad("query plus sign", request{method: "GET", uri: "/app-instances?max-results=%2B5"}, `query parameter "max-results"`, "not an integer"),
		bad("query range", request{method: "GET", uri: "/app-instances?max-results=0"}, "Value 0 at '/MaxResults' failed to satisfy constraint: Member must be between 1 and 50, inclusive"),
		bad("query repeated", request{method: "GET", uri: "/app-instances?max-results=1&max-results=2"}, `query parameter "max-results" is repeated`),
		bad("sensitive query repeated", request{method: "GET", uri: "/app-instances?next-token=a&next-token=b"}, `query parameter "next-token" is repeated`),
		bad("query bad escape", request{method: "GET", uri: "/app-instances?max-results=%zz"}, "query string is malformed"),
		bad("query semicolon", request{method: "GET", uri: "/app-instances?max-results=1;next-token=x"}, "query string is malformed"),
		bad("query required missing", request{method: "GET", uri: "/app-instance-users"}, "Value at '/AppInstanceArn' failed to satisfy constraint: Member must not be null"),
		bad("query empty value", request{method: "GET", uri: "/app-instance-users?app-instance-arn="}, "Value with length 0 at '/AppInstanceArn'"),
		chimeBad("query timestamp", request{method: "GET", uri: "/channels/" + escapedArn + "/messages?not-before=yesterday"}, `query parameter "not-before"`, "not a date-time"),
		chimeBad("query timestamp with offset", request{method: "GET", uri: "/channels/" + escapedArn + "/messages?not-before=2024-01-02T03:04:05%2B01:00"}, `query parameter "not-before"`, "UTC offsets are not accepted"),
		chimeBad("query timestamp out of range", request{method: "GET", uri: "/channels/" + escapedArn + "/messages?not-before=2024-02-30T00:00:00Z"}, `query parameter "not-before"`),
		chimeBad("query enum", request{method: "GET", uri: "/channels/" + escapedArn + "/memberships?type=BOGUS"}, "Value BOGUS at '/Type' failed to satisfy constraint: Member must satisfy enum value set: [DEFAULT, HIDDEN]"),
		chimeBad("huge header", request{method: "GET", uri: "/channels/" + escapedArn + "/memberships", headers: map[string]string{"x-amz-chime-bearer": "arn:" + strings.Repeat("x", 100000)}}, "Value with length 100004 at '/ChimeBearer'"),
		{name: "many query parameters", chime: true, req: request{method: "GET", uri: "/channels/" + escapedArn + "/memberships?" + many("p=1", "&", 5000)}, status: 200},
		// net/url stops at 10000 (GODEBUG urlmaxqueryparams).
		chimeBad("too many query parameters", request{method: "GET", uri: "/channels/" + escapedArn + "/memberships?" + many("p=1", "&", 20000)}, "query string is malformed", "exceeded limit"),
		{name: "valid Chime request", chime: true, req: idJSON("POST", "/accounts", `{"Name":"acme"}`), status: 201},
		{name: "valid timestamp query", chime: true, req: request{method: "GET", uri: "/channels/" + escapedArn + "/messages?not-before=2024-01-02T03:04:05.123Z&sort-order=ASCENDING"}, status: 200},
	}
}

// TestHostile sends every hostile case, then a good request to check that
// the server still serves; then all of them again at once, to let the
// pooled exchanges of concurrent requests meet.
func TestHostile(t *testing.T) {
	cases := hostileCases()
	if len(cases) < 80 {
		t.Errorf("only %d hostile cases", len(cases))
	}
	idFake, chimeFake := &identityFake{}, &chimeFake{}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	handlers := map[bool]http.Handler{
		false: identity.NewHandler(idFake, identity.WithLogger(quiet)),
		true:  chime.NewHandler(chimeFake, chime.WithLogger(quiet)),
	}
	run := func(t *testing.T, c hostileCase) {
		h := handlers[c.chime]
		var resp response
		if c.build != nil {
			r := c.build()
			ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
			defer cancel()
			resp = serveRequest(t, h, r.WithContext(ctx))
		} else {
			resp = serve(t, h, c.req)
		}
		if resp.status != c.status || resp.errType != c.errType {
			t.Fatalf("got %d %q, want %d %q; body %.300s", resp.status, resp.errType, c.status, c.errType, resp.body)
		}
		if c.status < 300 {
			return
		}
		b := decodeError(t, resp)
		msg := b.message()
		if msg == "" {
			t.Errorf("no message: %s", resp.body)
		}
		if c.errType == badRequest && (b.Code == nil || *b.Code != "BadRequest") {
			t.Errorf("BadRequestException without Code BadRequest: %s", resp.body)
		}
		for _, s := range c.says {
			if !strings.Contains(msg, s) {
				t.Errorf("message %q does not say %q", msg, s)
			}
		}
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := idFake.calls.Load() + chimeFake.calls.Load()
			run(t, c)
			called := idFake.calls.Load()+chimeFake.calls.Load() != before
			if reached := c.status < 300; called != reached {
				t.Errorf("service called: %v, want %v", called, reached)
			}
		})
	}
	stillServing(t, handlers[false])

	t.Run("concurrently", func(t *testing.T) {
		var wg sync.WaitGroup
		for _, c := range cases {
			wg.Add(1)
			go func() {
				defer wg.Done()
				t.Run(c.name, func(t *testing.T) { run(t, c) })
			}()
		}
		wg.Wait()
	})
	stillServing(t, handlers[false])
}

// stillServing checks that a good request still gets a good answer.
func stillServing(t *testing.T, h http.Handler) {
	t.Helper()
	if resp := serve(t, h, idJSON("POST", "/app-instances", okCreate)); resp.status != 201 {
		t.Fatalf("a good request after the hostile ones: %d %s", resp.status, resp.body)
	}
}

// TestHostileOverTheWire sends what only a raw connection can: request
// lines and headers that net/http itself refuses before any handler runs
// (bad percent-encoding in a label is one), and a panicking service. The
// server must answer each, and keep serving.
func TestHostileOverTheWire(t *testing.T) {
	svc := &panickingIdentity{}
	srv := httptest.NewServer(identity.NewHandler(svc, identity.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))))
	defer srv.Close()
	for _, c := range []struct {
		name, raw string
		status    int
	}{
		{"bad escape in a label", "GET /app-instances/%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400},
		{"truncated escape in a label", "GET /app-instances/arn%3 HTTP/1.1\r\nHost: x\r\n\r\n", 400},
		{"NUL in the path", "GET /app-instances/a\x00b HTTP/1.1\r\nHost: x\r\n\r\n", 400},
		{"space in a header name", "GET /app-instances HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n", 400},
		{"header without a colon", "GET /app-instances HTTP/1.1\r\nHost: x\r\nnocolon\r\n\r\n", 400},
		{"bad chunk size", "POST /app-instances HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400},
		{"body shorter than declared", "POST /app-instances HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"Name\":\"n\"}", 400},
		{"a panic in the service", "POST /app-instances HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 41\r\n\r\n" + okCreate, 500},
		{"served after all that", "GET /app-instances HTTP/1.1\r\nHost: x\r\n\r\n", 200},
	} {
		t.Run(c.name, func(t *testing.T) {
			conn, err := net.DialTimeout("tcp", srv.Listener.Addr().String(), requestTimeout)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			_ = conn.SetDeadline(time.Now().Add(requestTimeout))
			if c.name == "body shorter than declared" {
				// The server waits for the rest of the body; a client
				// that gives up must not leave it stuck.
				_, _ = conn.Write([]byte(c.raw))
				_ = conn.(*net.TCPConn).CloseWrite()
			} else if _, err := conn.Write([]byte(c.raw)); err != nil {
				t.Fatal(err)
			}
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != c.status {
				t.Errorf("got %d, want %d", resp.StatusCode, c.status)
			}
		})
	}
	if n := svc.calls.Load(); n != 2 {
		t.Errorf("the service was called %d times, want 2", n)
	}
}

type panickingIdentity struct {
	identity.UnimplementedService
	calls atomic.Int64
}

func (p *panickingIdentity) CreateAppInstance(context.Context, *identity.CreateAppInstanceInput) (*identity.CreateAppInstanceOutput, error) {
	p.calls.Add(1)
	panic(fmt.Sprintf("boom %d", p.calls.Load()))
}

func (p *panickingIdentity) ListAppInstances(context.Context, *identity.ListAppInstancesInput) (*identity.ListAppInstancesOutput, error) {
	p.calls.Add(1)
	return nil, nil
}
