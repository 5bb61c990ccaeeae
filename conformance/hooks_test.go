package conformance

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"testing"

	identity "github.com/smithygen/smithygen/output/chimesdkidentity"
)

// Request IDs and hooks (WithRequestIDFunc, WithRequestHook, WithMiddleware).

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// contextService answers CreateAppInstance with what it finds in its
// context, and fails on demand.
type contextService struct {
	identity.UnimplementedService
	seen chan context.Context
}

func (s *contextService) CreateAppInstance(ctx context.Context, in *identity.CreateAppInstanceInput) (*identity.CreateAppInstanceOutput, error) {
	if s.seen != nil {
		s.seen <- ctx
	}
	switch *in.ClientRequestToken {
	case "unmodeled":
		return nil, errors.New("disk full")
	case "panic":
		panic("boom")
	}
	return &identity.CreateAppInstanceOutput{AppInstanceArn: ptr("arn:" + *in.Name)}, nil
}

// Every response carries a request ID: successes, modeled and framework
// errors, 404 and 405, and the failures the handler logs.
func TestRequestIDOnEveryResponse(t *testing.T) {
	log := newLogRecorder()
	h := identity.NewHandler(&contextService{}, identity.WithLogger(slog.New(log)))
	seen := map[string]bool{}
	for _, tt := range []struct {
		name   string
		req    request
		status int
	}{
		{"success", idJSON("POST", "/app-instances", okCreate), 201},
		{"validation", idJSON("POST", "/app-instances", `{"Name":""}`), 400},
		{"malformed", idJSON("POST", "/app-instances", `{`), 400},
		{"media type", request{method: "POST", uri: "/app-instances", body: okCreate}, 415},
		{"unmodeled error", idJSON("POST", "/app-instances", `{"Name":"n","ClientRequestToken":"unmodeled"}`), 500},
		{"panic", idJSON("POST", "/app-instances", `{"Name":"n","ClientRequestToken":"panic"}`), 500},
		{"not implemented", request{method: "GET", uri: "/app-instances"}, 501},
		{"unknown path", request{method: "GET", uri: "/nowhere"}, 404},
		{"wrong method", request{method: "PATCH", uri: "/app-instances"}, 405},
	} {
		resp := serve(t, h, tt.req)
		id := resp.header.Get("X-Amzn-RequestId")
		if resp.status != tt.status || !uuidV4.MatchString(id) {
			t.Errorf("%s: answered %d with request ID %q, want %d and a UUID", tt.name, resp.status, id, tt.status)
		}
		if seen[id] {
			t.Errorf("%s: request ID %s seen before", tt.name, id)
		}
		seen[id] = true
		if tt.status == 500 && !strings.Contains(log.String(), "request_id="+id) {
			t.Errorf("%s: the log does not name request %s:\n%s", tt.name, id, log)
		}
	}
}

func TestRequestIDFromContext(t *testing.T) {
	svc := &contextService{seen: make(chan context.Context, 1)}
	h := identity.NewHandler(svc, identity.WithRequestIDFunc(func(r *http.Request) string {
		return r.Header.Get("X-Trace")
	}))
	req := idJSON("POST", "/app-instances", okCreate)
	req.headers = map[string]string{"Content-Type": "application/json", "X-Trace": "trace-1", "X-Other": "v"}
	resp := serve(t, h, req)
	ctx := <-svc.seen
	if got := resp.header.Get("X-Amzn-RequestId"); got != "trace-1" || identity.RequestIDFromContext(ctx) != got {
		t.Errorf("header %q, context %q, want trace-1 in both", got, identity.RequestIDFromContext(ctx))
	}
	if r := identity.HTTPRequestFromContext(ctx); r == nil || r.Header.Get("X-Other") != "v" {
		t.Errorf("HTTPRequestFromContext = %v", r)
	}
	// Without a header the function gives "" and the handler makes one.
	serve(t, h, idJSON("POST", "/app-instances", okCreate))
	if id := identity.RequestIDFromContext(<-svc.seen); !uuidV4.MatchString(id) {
		t.Errorf("request ID %q, want a UUID", id)
	}
	if identity.RequestIDFromContext(context.Background()) != "" || identity.HTTPRequestFromContext(context.Background()) != nil {
		t.Error("values outside a handler")
	}
}

type callerKey struct{}

// A RequestHook sees the body before it is decoded, and can reject the
// request with a framework or modeled error, or pass on a context.
func TestRequestHook(t *testing.T) {
	svc := &contextService{seen: make(chan context.Context, 1)}
	var bodies []string
	auth := func(ctx context.Context, req *identity.IncomingRequest) (context.Context, error) {
		bodies = append(bodies, req.Operation+" "+string(req.Body))
		switch req.Request.Header.Get("Authorization") {
		case "":
			return nil, identity.NewFrameworkError(http.StatusForbidden, "MissingAuthenticationTokenException", "Missing Authentication Token")
		case "forbidden":
			return nil, &identity.ForbiddenException{Code: identity.ErrorCodeForbidden, Message: ptr("no")}
		case "broken":
			return nil, errors.New("key store at 10.0.0.1 unreachable")
		}
		return context.WithValue(ctx, callerKey{}, req.Request.Header.Get("Authorization")), nil
	}
	second := func(ctx context.Context, req *identity.IncomingRequest) (context.Context, error) {
		if ctx.Value(callerKey{}) == nil {
			t.Error("the second hook does not get the context of the first")
		}
		return ctx, nil
	}
	h := identity.NewHandler(svc, identity.WithRequestHook(auth, second), identity.WithLogger(slog.New(slog.DiscardHandler)))
	for _, tt := range []struct {
		auth    string
		status  int
		errType string
	}{
		{"", 403, "MissingAuthenticationTokenException"},
		{"forbidden", 403, "ForbiddenException"},
		{"broken", 500, "ServiceFailureException"},
		{"alice", 201, ""},
	} {
		req := idJSON("POST", "/app-instances", okCreate)
		req.headers = map[string]string{"Content-Type": "application/json", "Authorization": tt.auth}
		resp := serve(t, h, req)
		if resp.status != tt.status || resp.errType != tt.errType || strings.Contains(string(resp.body), "10.0.0.1") {
			t.Errorf("%q: answered %d %s %s", tt.auth, resp.status, resp.errType, resp.body)
		}
	}
	ctx := <-svc.seen
	if ctx.Value(callerKey{}) != "alice" || !uuidV4.MatchString(identity.RequestIDFromContext(ctx)) {
		t.Errorf("the service's context has caller %v, request ID %q", ctx.Value(callerKey{}), identity.RequestIDFromContext(ctx))
	}
	if want := "CreateAppInstance " + okCreate; len(bodies) != 4 || bodies[0] != want {
		t.Errorf("the hook saw %q, want 4 times %q", bodies, want)
	}
}

// Middleware sees the operation, the request, the typed input and the
// outcome; it can refuse a call, replace the input, and is composed with
// the first given outermost.
func TestMiddleware(t *testing.T) {
	var trace []string
	record := func(name string) identity.Middleware {
		return func(next identity.Invoker) identity.Invoker {
			return func(ctx context.Context, inv *identity.Invocation) (any, error) {
				trace = append(trace, name+" "+inv.Operation+" "+inv.Request.Method)
				out, err := next(ctx, inv)
				if o, ok := out.(*identity.CreateAppInstanceOutput); ok {
					trace = append(trace, name+" out "+*o.AppInstanceArn)
				}
				if err != nil {
					trace = append(trace, name+" err "+err.Error())
				}
				return out, err
			}
		}
	}
	gate := func(next identity.Invoker) identity.Invoker {
		return func(ctx context.Context, inv *identity.Invocation) (any, error) {
			in := inv.Input.(*identity.CreateAppInstanceInput)
			switch *in.Name {
			case "denied":
				return nil, &identity.ForbiddenException{Code: identity.ErrorCodeForbidden, Message: ptr("not for you")}
			case "rename":
				copied := *in
				copied.Name = ptr("renamed")
				inv.Input = &copied
			case "wrong type":
				inv.Input = "not an input"
			}
			return next(ctx, inv)
		}
	}
	log := newLogRecorder()
	h := identity.NewHandler(&contextService{}, identity.WithLogger(slog.New(log)),
		identity.WithMiddleware(record("outer")), identity.WithMiddleware(record("inner"), gate))
	for _, tt := range []struct {
		name, token string
		status      int
		trace       []string
	}{
		{"n", "tok", 201, []string{"outer CreateAppInstance POST", "inner CreateAppInstance POST", "inner out arn:n", "outer out arn:n"}},
		{"rename", "tok", 201, []string{"outer CreateAppInstance POST", "inner CreateAppInstance POST", "inner out arn:renamed", "outer out arn:renamed"}},
		{"denied", "tok", 403, []string{"outer CreateAppInstance POST", "inner CreateAppInstance POST", "inner err ForbiddenException: not for you", "outer err ForbiddenException: not for you"}},
		{"n", "unmodeled", 500, []string{"outer CreateAppInstance POST", "inner CreateAppInstance POST", "inner err disk full", "outer err disk full"}},
		{"wrong type", "tok", 500, nil},
		{"n", "panic", 500, []string{"outer CreateAppInstance POST", "inner CreateAppInstance POST"}},
	} {
		trace = nil
		resp := serve(t, h, idJSON("POST", "/app-instances", `{"Name":"`+tt.name+`","ClientRequestToken":"`+tt.token+`"}`))
		if resp.status != tt.status {
			t.Errorf("%s/%s: answered %d %s, want %d", tt.name, tt.token, resp.status, resp.body, tt.status)
		}
		if tt.trace != nil && strings.Join(trace, "\n") != strings.Join(tt.trace, "\n") {
			t.Errorf("%s/%s: middleware saw\n%s\nwant\n%s", tt.name, tt.token, strings.Join(trace, "\n"), strings.Join(tt.trace, "\n"))
		}
	}
	if !strings.Contains(log.String(), "middleware passed on an input of type string") {
		t.Errorf("a wrong input type is not logged:\n%s", log)
	}
	// Invalid input never reaches middleware.
	trace = nil
	if resp := serve(t, h, idJSON("POST", "/app-instances", `{"Name":""}`)); resp.status != 400 || trace != nil {
		t.Errorf("invalid input: %d, middleware saw %q", resp.status, trace)
	}
}
