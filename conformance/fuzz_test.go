package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/smithygen/smithygen/conformance/internal/restjson"
	"github.com/smithygen/smithygen/model"
	chime "github.com/smithygen/smithygen/output/chime"
	identity "github.com/smithygen/smithygen/output/chimesdkidentity"
)

// Fuzz targets for the request path of the generated servers (routing,
// label, query and header binding, JSON decoding, validation, the error
// responses) and for the model loader. `make fuzz` runs each for a minute;
// `go test` runs their seeds, in testdata/fuzz/<target>/ and below.
//
// A handler target builds one request from its arguments, as net/http would
// hand it to a handler: a method (an index into fuzzMethods), a path and a
// query that must parse as a request URI, header lines "Name: value", and a
// body. The handler must answer with a status of 2xx, 4xx or 5xx and, for
// errors, a JSON body and an X-Amzn-ErrorType; it must not panic or hang.

var fuzzMethods = []string{"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"}

// fuzzSeed is one request of a seed corpus.
type fuzzSeed struct {
	method              uint8
	path, query, header string
	body                []byte
}

func fuzzJSON(method uint8, path, query, body string) fuzzSeed {
	return fuzzSeed{method, path, query, "Content-Type: application/json\nAccept: application/json\n", []byte(body)}
}

// sdkHeaders are the headers the AWS SDK for Go v2 sends besides the
// Content-Type.
const sdkHeaders = "User-Agent: aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22 md/GOOS#linux md/GOARCH#amd64 api/chimesdkidentity#1.18.3\n" +
	"Amz-Sdk-Invocation-Id: 8d1e3a5c-8a0f-4d67-8f2c-4f0b6a9e8c11\nAmz-Sdk-Request: attempt=1; max=3\n" +
	"X-Amz-Date: 20240612T101500Z\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240612/us-east-1/chime/aws4_request, SignedHeaders=host;x-amz-date, Signature=0\n"

var identitySeeds = []fuzzSeed{
	{1, "/app-instances", "", "Content-Type: application/json\n" + sdkHeaders, []byte(`{"ClientRequestToken":"4b3c9e2a-57d1-4f0e-a2c6-0c9f2e8b7a61","Metadata":"meta","Name":"my-instance","Tags":[{"Key":"team","Value":"chat"}]}`)},
	{0, "/app-instances/" + escapedArn, "", sdkHeaders, nil},
	{0, "/app-instances", "max-results=10&next-token=tok", sdkHeaders, nil},
	{0, "/app-instance-users", "app-instance-arn=" + url.QueryEscape(appInstanceArn) + "&max-results=5", sdkHeaders, nil},
	fuzzJSON(2, "/app-instances/"+escapedArn+"/retention-settings", "", `{"AppInstanceRetentionSettings":{"ChannelRetentionSettings":{"RetentionDays":60}}}`),
	fuzzJSON(2, "/app-instance-users/"+escapedArn+"/expiration-settings", "", `{"ExpirationSettings":{"ExpirationCriterion":"CREATED_TIMESTAMP","ExpirationDays":7}}`),
	fuzzJSON(1, "/app-instance-users/"+escapedArn+"/endpoints", "", `{"AllowMessages":"ALL","ClientRequestToken":"tok-12","EndpointAttributes":{"DeviceToken":"dev","VoipDeviceToken":"voip"},"Name":"phone","ResourceArn":"`+appInstanceArn+`","Type":"APNS"}`),
	fuzzJSON(1, "/tags", "operation=tag-resource", `{"ResourceARN":"`+appInstanceArn+`","Tags":[{"Key":"k","Value":"v"},{"Key":"k2","Value":"v2"}]}`),
	fuzzJSON(1, "/tags", "operation=untag-resource", `{"ResourceARN":"`+appInstanceArn+`","TagKeys":["k","k2"]}`),
	fuzzJSON(1, "/app-instance-bots", "", `{"AppInstanceArn":"`+appInstanceArn+`","ClientRequestToken":"tok-12","Configuration":{"Lex":{"InvokedBy":{"StandardMessages":"AUTO","TargetedMessages":"ALL"},"LexBotAliasArn":"arn:aws:lex:us-east-1:123456789012:bot-alias/B/A","LocaleId":"en_US","RespondsTo":"STANDARD_MESSAGES","WelcomeIntent":"hi"}},"Name":"bot"}`),
	{3, "/app-instances/" + escapedArn + "/admins/" + escapedArn, "", sdkHeaders, nil},
	fuzzJSON(2, "/app-instance-users/"+escapedArn+"/endpoints/ep-1", "", `{"AllowMessages":"NONE","Name":"n"}`),
	fuzzJSON(1, "/app-instances", "", `{"Name":"a","Name":"b","Tags":[null],"x":`+strings.Repeat("[", 70)+`}`),
	fuzzJSON(1, "/app-instances", "", "{\"Name\":\"\xff\xfe\",\"Metadata\":1e999}"),
}

var chimeSeeds = []fuzzSeed{
	fuzzJSON(1, "/accounts", "", `{"Name":"acme"}`),
	fuzzJSON(1, "/accounts/acc-1", "", `{"DefaultLicense":"Pro","Name":"acme"}`),
	{0, "/accounts", "name=acme&user-email=a%40example.com&max-results=20", sdkHeaders, nil},
	fuzzJSON(1, "/meetings", "", `{"ClientRequestToken":"tok-123","ExternalMeetingId":"ext-1","MediaRegion":"us-east-1","NotificationsConfiguration":{"SnsTopicArn":"arn:aws:sns:us-east-1:123456789012:t"},"Tags":[{"Key":"k","Value":"v"}]}`),
	fuzzJSON(1, "/meetings/"+meetingID+"/attendees", "operation=batch-create", `{"Attendees":[{"ExternalUserId":"user-1","Tags":[{"Key":"k","Value":"v"}]}]}`),
	{0, "/channels/" + escapedArn + "/messages", "not-before=2024-01-02T03%3A04%3A05.123Z&not-after=2024-02-02T03%3A04%3A05Z&sort-order=DESCENDING&max-results=50", "X-Amz-Chime-Bearer: " + userArn + "\n" + sdkHeaders, nil},
	{0, "/channels/" + escapedArn + "/memberships", "type=HIDDEN", "X-Amz-Chime-Bearer: " + userArn + "\n", nil},
	fuzzJSON(1, "/voice-connectors", "", `{"AwsRegion":"us-west-2","Name":"vc","RequireEncryption":true}`),
	fuzzJSON(1, "/voice-connectors/vc-1/proxy-sessions", "", `{"Capabilities":["Voice","SMS"],"ExpiryMinutes":60,"GeoMatchLevel":"Country","GeoMatchParams":{"AreaCode":"206","Country":"US"},"Name":"s","NumberSelectionBehavior":"PreferSticky","ParticipantPhoneNumbers":["+12065550100","+12065550101"]}`),
	fuzzJSON(1, "/channels/"+escapedArn+"/messages", "", `{"ClientRequestToken":"tok-123","Content":"hello","Metadata":"m","Persistence":"PERSISTENT","Type":"STANDARD"}`),
	fuzzJSON(2, "/accounts/acc-1/settings", "", `{"AccountSettings":{"DisableRemoteControl":true,"EnableDialOut":false}}`),
	fuzzJSON(1, "/sip-media-applications/sma-1/calls", "", `{"FromPhoneNumber":"+12065550100","SipHeaders":{"X-Header":"v"},"ToPhoneNumber":"+12065550101"}`),
	fuzzJSON(2, "/voice-connectors/vc-1/termination", "", `{"Termination":{"CallingRegions":["US"],"CidrAllowedList":["10.0.0.0/24"],"CpsLimit":1,"DefaultPhoneNumber":"+12065550100","Disabled":false}}`),
	{3, "/accounts/acc-1/users/u-1", "", "", nil},
}

var restjsonSeeds = []fuzzSeed{
	fuzzJSON(1, "/NestedConstraints/abc", "secret=abc", `{"bigDecimal":1.5,"bigInteger":5,"documents":[{"a":[1,"x",null]},2],"double":"NaN","groups":{"aa":[{"id":"a","child":{"id":"b"},"tags":["xx","yy"],"ratio":3}]},"maps":[{"a":"b"}],"sparse":["a",null],"timestamps":[{"at":1.5}]}`),
	fuzzJSON(1, "/MalformedUniqueItems", "", `{"blobList":["YQ==","Yg=="],"dateTimeList":["1985-04-12T23:20:50.52Z"],"httpDateList":["Tue, 29 Apr 2014 18:30:38 GMT"],"listList":[["a"],["b"]],"structureList":[{"hi":"a"}],"unionList":[{"string":"a"},{"integer":1}],"intEnumList":[1,2],"enumList":["Foo"]}`),
	fuzzJSON(1, "/RecursiveStructures", "", `{"union":{"union":{"union":{"string":"abc"}}}}`),
	fuzzJSON(1, "/MalformedRange", "", `{"byte":2,"float":2.5,"integer":3,"long":4,"short":5,"maxFloat":1e-3}`),
	fuzzJSON(1, "/MalformedLength", "", `{"blob":"YWJj","list":["ab","cd"],"map":{"ab":["cd","ef"]},"string":"👍👍"}`),
	fuzzJSON(1, "/MalformedEnum", "", `{"list":["abc"],"map":{"abc":"def"},"string":"ghi","stringWithEnumTrait":"def","union":{"second":"jkl"}}`),
	{1, "/MalformedTimestampPathDefault/1985-04-12T23%3A20%3A50.52Z", "", "", nil},
	{1, "/MalformedTimestampHeaderEpoch", "", "timestamp: 1515531081.1234\n", nil},
	{1, "/MalformedByte/1", "byteInQuery=2", "byteInHeader: 3\nContent-Type: application/json\n", []byte(`{"byteInBody":4}`)},
	{1, "/MalformedRequired", "stringInQuery=abc", "string-in-headers: abc\nContent-Type: application/json\n", []byte(`{"string":"abc"}`)},
	{1, "/MalformedString", "", "amz-media-typed-header: eyJhIjoxfQ==\n", nil},
	{1, "/MalformedContentTypeWithPayload", "", "Content-Type: image/jpeg\n", []byte("\xff\xd8\xff\xe0")},
	{1, "/MalformedAcceptWithPayload", "", "Accept: image/*\n", nil},
	fuzzJSON(1, "/MalformedUnion", "", `{"union":{"int":1}}`),
	fuzzJSON(1, "/MalformedTimestampBodyHttpDate", "", `{"timestamp":"Tue, 29 Apr 2014 18:30:38 GMT"}`),
}

func addSeeds(f *testing.F, seeds []fuzzSeed) {
	for _, s := range seeds {
		f.Add(s.method, s.path, s.query, s.header, s.body)
	}
}

// fuzzRequest builds the request, or returns nil for input net/http would
// refuse before calling a handler.
func fuzzRequest(method uint8, path, query, header string, body []byte) *http.Request {
	target := path
	if query != "" {
		target += "?" + query
	}
	u, err := url.ParseRequestURI(target)
	if err != nil || !strings.HasPrefix(path, "/") {
		return nil
	}
	r := httptest.NewRequest(fuzzMethods[int(method)%len(fuzzMethods)], "http://localhost/", bytes.NewReader(body))
	r.URL, r.RequestURI = u, target
	for line := range strings.SplitSeq(header, "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok || !validHeaderName(name) || !validHeaderValue(value) {
			continue
		}
		r.Header.Add(name, strings.TrimSpace(value))
	}
	return r
}

// validHeaderName and validHeaderValue are what net/http's server accepts
// (RFC 9110 tokens; values without control characters but tab).
func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}

func validHeaderValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

// checkFuzzResponse serves r and checks the answer.
func checkFuzzResponse(t *testing.T, h http.Handler, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
	defer cancel()
	r = r.WithContext(ctx)
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.ServeHTTP(rec, r) // a panic here fails the fuzz target
	}()
	select {
	case <-done:
	case <-ctx.Done():
		t.Fatalf("%s %s: no answer within %v", r.Method, r.URL, requestTimeout)
	}
	status := rec.Code
	if status < 200 || status >= 600 || status/100 == 3 {
		t.Fatalf("%s %s: status %d", r.Method, r.URL, status)
	}
	if status < 400 {
		return
	}
	if rec.Header().Get("X-Amzn-ErrorType") == "" {
		t.Fatalf("%s %s: %d without X-Amzn-ErrorType", r.Method, r.URL, status)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Fatalf("%s %s: %d with Content-Type %q", r.Method, r.URL, status, ct)
	}
	var body map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("%s %s: %d with a body that is not a JSON object: %q", r.Method, r.URL, status, rec.Body.Bytes())
	}
	msg, _ := body["message"].(string)
	if m, ok := body["Message"].(string); ok {
		msg = m
	}
	if msg == "" || !utf8.ValidString(msg) {
		t.Fatalf("%s %s: %d without a message: %s", r.Method, r.URL, status, rec.Body.Bytes())
	}
}

var quietLogger = slog.New(slog.NewTextHandler(io.Discard, nil))

func FuzzIdentityHandler(f *testing.F) {
	addSeeds(f, identitySeeds)
	h := identity.NewHandler(&identityFake{}, identity.WithLogger(quietLogger))
	f.Fuzz(func(t *testing.T, method uint8, path, query, header string, body []byte) {
		if r := fuzzRequest(method, path, query, header, body); r != nil {
			checkFuzzResponse(t, h, r)
		}
	})
}

func FuzzChimeHandler(f *testing.F) {
	addSeeds(f, chimeSeeds)
	h := chime.NewHandler(&chimeFake{}, chime.WithLogger(quietLogger))
	f.Fuzz(func(t *testing.T, method uint8, path, query, header string, body []byte) {
		if r := fuzzRequest(method, path, query, header, body); r != nil {
			checkFuzzResponse(t, h, r)
		}
	})
}

// FuzzRestJSONHandler fuzzes the conformance service, whose model has
// every shape type: unions, documents, big numbers, every timestamp format
// in every place, blob and string payloads.
func FuzzRestJSONHandler(f *testing.F) {
	addSeeds(f, restjsonSeeds)
	h := restjson.NewHandler(conformanceService{}, restjson.WithLogger(quietLogger))
	f.Fuzz(func(t *testing.T, method uint8, path, query, header string, body []byte) {
		if r := fuzzRequest(method, path, query, header, body); r != nil {
			checkFuzzResponse(t, h, r)
		}
	})
}

// modelSeeds are small models, valid and not, that use the loader's every
// feature: both Smithy versions, @enum, sets, mixins, apply, resources.
var modelSeeds = []string{
	`{"smithy":"2.0","shapes":{"a#S":{"type":"service","version":"1","operations":[{"target":"a#O"}]},"a#O":{"type":"operation","input":{"target":"a#I"}},"a#I":{"type":"structure","members":{"m":{"target":"smithy.api#String","traits":{"smithy.api#length":{"min":1}}}}}}}`,
	`{"smithy":"1.0","shapes":{"a#E":{"type":"string","traits":{"smithy.api#enum":[{"value":"x","tags":["internal"]},{"value":"y"}]}},"a#L":{"type":"set","member":{"target":"a#E"}}}}`,
	`{"smithy":"2.0","shapes":{"a#M":{"type":"structure","mixins":[{"target":"a#X"}],"members":{}},"a#X":{"type":"structure","members":{"x":{"target":"a#M"}},"traits":{"smithy.api#mixin":{}}},"a#A":{"type":"apply","traits":{"smithy.api#documentation":"d"}}}}`,
	`{"smithy":"2.0","shapes":{"a#U":{"type":"union","members":{"a":{"target":"smithy.api#Unit"}}},"a#N":{"type":"intEnum","members":{"A":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":1}}}}}}`,
	`{"smithy":"2.0","shapes":{"a#M":{"type":"map","key":{"target":"smithy.api#String"},"value":{"target":"a#M"}}}}`,
	`{"smithy":"2.0","shapes":{"a#R":{"type":"resource","identifiers":{"id":{"target":"smithy.api#String"}},"read":{"target":"a#O"},"resources":[{"target":"a#R"}]}}}`,
	`{"smithy":"3.0"}`, `{"shapes":{}}`, `[]`, `{"smithy":2}`, `{"smithy":"2.0","shapes":[]}`, `{"smithy":"2.0","shapes":{"bad":{}}}`,
}

// loadTimeout bounds one model.Load of fuzz input, which is at most a few
// hundred kilobytes: loading the whole Chime model takes milliseconds.
const loadTimeout = 5 * time.Second

// FuzzModelLoad feeds the loader anything: it must not panic or hang, and
// every error must be a *model.Error, which the command prints with the file
// and place.
func FuzzModelLoad(f *testing.F) {
	// Small models only: the fuzzer minimizes every new interesting input,
	// which for a model of tens of kilobytes takes all of a short run.
	for _, path := range []string{"../generator/testdata/legacy10.json"} {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range modelSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var m *model.Model
		var err error
		done := make(chan struct{})
		go func() {
			defer close(done)
			m, err = model.Load("fuzz.json", data)
		}()
		select {
		case <-done:
		case <-time.After(loadTimeout):
			t.Fatalf("model.Load did not return within %v", loadTimeout)
		}
		if err != nil {
			var me *model.Error
			if !errors.As(err, &me) {
				t.Fatalf("error %T is not a *model.Error: %v", err, err)
			}
			if m != nil {
				t.Fatalf("a model and an error: %v", err)
			}
			return
		}
		if m == nil {
			t.Fatal("no model and no error")
		}
	})
}
