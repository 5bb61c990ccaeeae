package conformance

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/smithygen/smithygen/conformance/internal/restjson"
	chime "github.com/smithygen/smithygen/output/chime"
	identity "github.com/smithygen/smithygen/output/chimesdkidentity"
)

// secret is put in @sensitive members; it must never come back in a
// response nor reach the log.
const secret = "S3NS1T1VE-7f3a"

// redactedMarker is what generated types print instead of a sensitive value.
const redactedMarker = "*** Sensitive Data Redacted ***"

// logRecorder is a slog.Handler that keeps every record as text, with all
// its attributes and groups.
type logRecorder struct {
	mu    *sync.Mutex
	text  *strings.Builder
	attrs []slog.Attr
}

func newLogRecorder() *logRecorder {
	return &logRecorder{mu: new(sync.Mutex), text: new(strings.Builder)}
}

func (l *logRecorder) Enabled(context.Context, slog.Level) bool { return true }

func (l *logRecorder) Handle(_ context.Context, r slog.Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.text, "%s %s", r.Level, r.Message)
	for _, a := range l.attrs {
		fmt.Fprintf(l.text, " %s", a)
	}
	r.Attrs(func(a slog.Attr) bool {
		fmt.Fprintf(l.text, " %s", a)
		return true
	})
	l.text.WriteByte('\n')
	return nil
}

func (l *logRecorder) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &logRecorder{mu: l.mu, text: l.text, attrs: append(append([]slog.Attr{}, l.attrs...), attrs...)}
}

func (l *logRecorder) WithGroup(name string) slog.Handler {
	return l.WithAttrs([]slog.Attr{slog.String("group", name)})
}

func (l *logRecorder) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.text.String()
}

// leakyIdentity answers CreateAppInstance according to the input's
// ClientRequestToken, in every way a service can fail; its errors and
// panics carry the whole input, as a careless implementation's would.
type leakyIdentity struct{ identity.UnimplementedService }

func (leakyIdentity) CreateAppInstance(_ context.Context, in *identity.CreateAppInstanceInput) (*identity.CreateAppInstanceOutput, error) {
	switch *in.ClientRequestToken {
	case "modeled":
		return nil, &identity.ConflictException{Code: identity.ErrorCodeConflict, Message: ptr("an app instance with that name exists")}
	case "unmodeled":
		return nil, fmt.Errorf("storing %v: %w", in, errors.New("disk full"))
	case "wrapped":
		return nil, fmt.Errorf("storing %+v and %#v", *in, in.Tags)
	case "panic":
		panic(in)
	case "panic-error":
		panic(fmt.Errorf("bad input %s", in))
	}
	return &identity.CreateAppInstanceOutput{AppInstanceArn: ptr(appInstanceArn)}, nil
}

func (leakyIdentity) ListAppInstanceUsers(_ context.Context, in *identity.ListAppInstanceUsersInput) (*identity.ListAppInstanceUsersOutput, error) {
	return nil, fmt.Errorf("listing %v", in)
}

type leakyChime struct{ chime.UnimplementedService }

func (leakyChime) CreateMeeting(_ context.Context, in *chime.CreateMeetingInput) (*chime.CreateMeetingOutput, error) {
	panic(in)
}

func (leakyChime) ListAppInstanceAdmins(_ context.Context, in *chime.ListAppInstanceAdminsInput) (*chime.ListAppInstanceAdminsOutput, error) {
	return nil, fmt.Errorf("listing %v", in)
}

func ptr[T any](v T) *T { return &v }

// createBody is a CreateAppInstance body with the secret in every sensitive
// member: Name, Metadata and the tags' keys and values.
func createBody(token, extra string) string {
	return `{"Name":"` + secret + `","Metadata":"` + secret + `","ClientRequestToken":"` + token +
		`","Tags":[{"Key":"` + secret + `","Value":"` + secret + `"}]` + extra + `}`
}

// TestSensitiveNeverLeaks sends the secret in sensitive members of requests
// that fail every way a request can fail, and checks the responses (status
// line aside, everything) and the log.
func TestSensitiveNeverLeaks(t *testing.T) {
	log := newLogRecorder()
	logger := slog.New(log)
	idh := identity.NewHandler(leakyIdentity{}, identity.WithLogger(logger))
	ch := chime.NewHandler(leakyChime{}, chime.WithLogger(logger))
	long := strings.Repeat(secret, 100)
	cases := []struct {
		name   string
		h      http.Handler
		req    request
		status int
		logged bool // the failure is one the handler logs
	}{
		// Constraint violations of the sensitive members themselves, and
		// of others beside them.
		{"too long", idh, idJSON("POST", "/app-instances", `{"Name":"`+long+`","Metadata":"`+long+`","ClientRequestToken":"tok-1","Tags":[{"Key":"`+long+`","Value":"`+long+`"}]}`), 400, false},
		{"pattern", idh, idJSON("POST", "/app-instances", `{"Name":"`+secret+`\u0001","ClientRequestToken":"tok-1"}`), 400, false},
		{"other member invalid", idh, idJSON("POST", "/app-instances", createBody("bad token!", "")), 400, false},
		{"tag list too long", idh, idJSON("POST", "/app-instances", `{"Name":"`+secret+`","ClientRequestToken":"tok-1","Tags":[`+many(`{"Key":"`+secret+`","Value":"`+secret+`"}`, ",", 51)+`]}`), 400, false},
		{"sensitive label", idh, idJSON("POST", "/app-instance-users/"+secret+"/endpoints", `{"Type":"GCM","ResourceArn":"`+appInstanceArn+`","EndpointAttributes":{"DeviceToken":"`+secret+`"}}`), 400, false},
		{"sensitive query", idh, request{method: "GET", uri: "/app-instance-users?app-instance-arn=" + appInstanceArn + "&next-token=" + long + long}, 400, false},
		{"sensitive query, Chime", ch, request{method: "GET", uri: "/accounts?user-email=" + secret}, 400, false},
		{"sensitive token, Chime", ch, idJSON("POST", "/meetings", `{"ClientRequestToken":"`+secret+`!","ExternalMeetingId":"`+secret+`"}`), 400, false},

		// Malformed requests around sensitive values.
		{"broken JSON after", idh, idJSON("POST", "/app-instances", createBody("tok-1", `,"Other":[`)), 400, false},
		{"wrong type after", idh, idJSON("POST", "/app-instances", createBody("tok-1", `,"Tags":{}`)), 400, false},
		{"invalid UTF-8 inside", idh, idJSON("POST", "/app-instances", `{"Name":"`+secret+"\xff"+`"}`), 400, false},
		{"bad escape inside", idh, idJSON("POST", "/app-instances", `{"Metadata":"`+secret+`\q"}`), 400, false},
		{"control character inside", idh, idJSON("POST", "/app-instances", `{"Metadata":"`+secret+"\n"+`"}`), 400, false},
		{"sensitive key repeated", idh, idJSON("POST", "/app-instances", `{"Name":"`+secret+`","Name":"`+secret+`"}`), 400, false},
		{"sensitive query not UTF-8", idh, request{method: "GET", uri: "/app-instance-users?app-instance-arn=" + appInstanceArn + "&next-token=" + secret + "%FF"}, 400, false},
		{"sensitive query repeated", idh, request{method: "GET", uri: "/app-instance-users?app-instance-arn=" + appInstanceArn + "&next-token=" + secret + "&next-token=" + secret}, 400, false},
		{"sensitive label not UTF-8", idh, idJSON("POST", "/app-instance-users/"+secret+"%FF/endpoints", `{}`), 400, false},
		{"too large", idh, idJSON("POST", "/app-instances", createBody("tok-1", `,"Pad":"`+strings.Repeat("x", 1<<20)+`"`)), 413, false},
		{"not JSON", idh, request{method: "POST", uri: "/app-instances", headers: map[string]string{"Content-Type": "text/plain"}, body: createBody("tok-1", "")}, 415, false},

		// Failures of the service.
		{"modeled error", idh, idJSON("POST", "/app-instances", createBody("modeled", "")), 409, false},
		{"unmodeled error", idh, idJSON("POST", "/app-instances", createBody("unmodeled", "")), 500, true},
		{"unmodeled error, every verb", idh, idJSON("POST", "/app-instances", createBody("wrapped", "")), 500, true},
		{"panic with the input", idh, idJSON("POST", "/app-instances", createBody("panic", "")), 500, true},
		{"panic with an error", idh, idJSON("POST", "/app-instances", createBody("panic-error", "")), 500, true},
		{"unmodeled error, query input", idh, request{method: "GET", uri: "/app-instance-users?app-instance-arn=" + appInstanceArn + "&next-token=" + secret}, 500, true},
		{"panic, Chime", ch, idJSON("POST", "/meetings", `{"ClientRequestToken":"tok-1","ExternalMeetingId":"`+secret+`","MeetingHostId":"`+secret+`","Tags":[{"Key":"`+secret+`","Value":"`+secret+`"}]}`), 500, true},
		{"unmodeled error, Chime query input", ch, request{method: "GET", uri: "/app-instances/" + escapedArn + "/admins?next-token=" + secret}, 500, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := len(log.String())
			resp := serve(t, c.h, c.req)
			if resp.status != c.status {
				t.Fatalf("got %d, want %d: %s", resp.status, c.status, resp.body)
			}
			if strings.Contains(string(resp.body), secret) {
				t.Errorf("the response body leaks the secret: %s", resp.body)
			}
			for k, vs := range resp.header {
				for _, v := range vs {
					if strings.Contains(v, secret) {
						t.Errorf("header %s leaks the secret: %s", k, v)
					}
				}
			}
			logged := log.String()[before:]
			if strings.Contains(logged, secret) {
				t.Errorf("the log leaks the secret:\n%s", logged)
			}
			if got := logged != ""; got != c.logged {
				t.Errorf("logged %q, want something logged: %v", logged, c.logged)
			}
			// What the service's error or panic said is logged, with the
			// input printed redacted: the test checks the right thing.
			if c.logged && c.status == 500 && strings.Contains(c.name, "input") && !strings.Contains(logged, redactedMarker) {
				t.Errorf("the log does not show the redacted input:\n%s", logged)
			}
		})
	}
}

// TestRedactedWithStringMember prints a type with a sensitive member named
// "string": its Go field String rules out a String method, so it redacts
// through Format.
func TestRedactedWithStringMember(t *testing.T) {
	in := &restjson.SensitiveValidationInput{String: ptr(secret)}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		if out := fmt.Sprintf(verb, in); strings.Contains(out, secret) || !strings.Contains(out, redactedMarker) {
			t.Errorf("%s: %s", verb, out)
		}
	}
}
