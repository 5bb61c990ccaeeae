//lint:file-ignore SA1019 legacy Chime and the AWS SDK for Go v1 are deprecated; their users are who this server is for.

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/awserr"
	"github.com/aws/aws-sdk-go/aws/credentials"
	"github.com/aws/aws-sdk-go/aws/session"
	chimesdk "github.com/aws/aws-sdk-go/service/chime"
	"github.com/google/go-cmp/cmp"

	chimesrv "github.com/smithygen/smithygen/output/chime"
)

// legacyFake records what CreateAppInstance of legacy Chime receives and
// answers as told.
type legacyFake struct {
	chimesrv.UnimplementedService
	mu    sync.Mutex
	got   []*chimesrv.CreateAppInstanceInput
	out   *chimesrv.CreateAppInstanceOutput
	err   error
	panic bool
}

func (f *legacyFake) CreateAppInstance(_ context.Context, in *chimesrv.CreateAppInstanceInput) (*chimesrv.CreateAppInstanceOutput, error) {
	f.mu.Lock()
	f.got = append(f.got, in)
	panicking, out, err := f.panic, f.out, f.err
	f.mu.Unlock()
	if panicking {
		panic("the service broke")
	}
	return out, err
}

func (f *legacyFake) calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.got)
}

func (f *legacyFake) last(t *testing.T) *chimesrv.CreateAppInstanceInput {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.got) == 0 {
		t.Fatal("the service was not called")
	}
	return f.got[len(f.got)-1]
}

// legacyClient serves h and returns an AWS SDK for Go v1 Chime client that
// talks to it.
func legacyClient(t *testing.T, h http.Handler) *chimesdk.Chime {
	t.Helper()
	// A CA bundle in the environment makes v1 replace the transport of the
	// HTTP client, which it refuses to do for one it did not create.
	t.Setenv("AWS_CA_BUNDLE", "")
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	cfg := legacyConfig(srv.URL, srv.Client())
	// v1 checks min lengths and required members itself; the server is
	// under test here, so let the invalid input through.
	cfg.DisableParamValidation = aws.Bool(true)
	sess, err := session.NewSession(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return chimesdk.New(sess)
}

// legacyConfig points an AWS SDK for Go v1 client at a test server.
func legacyConfig(endpoint string, hc *http.Client) *aws.Config {
	return &aws.Config{
		// Chime's operations carry an "identity-" host prefix, which
		// would turn 127.0.0.1 into a name that does not resolve.
		DisableEndpointHostPrefix: aws.Bool(true),
		Endpoint:                  aws.String(endpoint),
		Region:                    aws.String("us-east-1"),
		Credentials:               credentials.NewStaticCredentials("AKID", "SECRET", ""),
		HTTPClient:                hc,
		MaxRetries:                aws.Int(0),
		// Most of legacy Chime is deprecated, and v1 logs so on every call.
		Logger: aws.LoggerFunc(func(...any) {}),
	}
}

func legacySeedInput() *chimesdk.CreateAppInstanceInput {
	return &chimesdk.CreateAppInstanceInput{
		Name:               aws.String("my-instance"),
		Metadata:           aws.String(`{"team":"blue"}`),
		ClientRequestToken: aws.String("token-0123456789"),
		Tags: []*chimesdk.Tag{
			{Key: aws.String("env"), Value: aws.String("prod")},
			{Key: aws.String("owner"), Value: aws.String("ops")},
		},
	}
}

func TestLegacyCreateAppInstanceV1Success(t *testing.T) {
	fake := &legacyFake{out: &chimesrv.CreateAppInstanceOutput{AppInstanceArn: aws.String(appInstanceArn)}}
	client := legacyClient(t, chimesrv.NewHandler(fake))
	// The Request form exposes the HTTP response, hence the status.
	req, out := client.CreateAppInstanceRequest(legacySeedInput())
	if err := req.Send(); err != nil {
		t.Fatal(err)
	}
	if got := aws.StringValue(out.AppInstanceArn); got != appInstanceArn {
		t.Errorf("AppInstanceArn = %q, want %q", got, appInstanceArn)
	}
	if req.HTTPResponse.StatusCode != http.StatusCreated {
		t.Errorf("status = %d, want 201", req.HTTPResponse.StatusCode)
	}
	want := &chimesrv.CreateAppInstanceInput{
		Name:               aws.String("my-instance"),
		Metadata:           aws.String(`{"team":"blue"}`),
		ClientRequestToken: aws.String("token-0123456789"),
		Tags: []chimesrv.Tag{
			{Key: aws.String("env"), Value: aws.String("prod")},
			{Key: aws.String("owner"), Value: aws.String("ops")},
		},
	}
	if diff := cmp.Diff(want, fake.last(t)); diff != "" {
		t.Errorf("decoded input (-want +got):\n%s", diff)
	}
}

func TestLegacyCreateAppInstanceV1FillsToken(t *testing.T) {
	fake := &legacyFake{out: &chimesrv.CreateAppInstanceOutput{AppInstanceArn: aws.String(appInstanceArn)}}
	// The server fills an empty token too, so the wire is checked: the
	// token the service sees must be the one the client sent.
	var sent struct{ ClientRequestToken *string }
	h := chimesrv.NewHandler(fake)
	client := legacyClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Error(err)
		}
		if err := json.Unmarshal(body, &sent); err != nil {
			t.Errorf("request body %q: %v", body, err)
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		h.ServeHTTP(w, r)
	}))
	in := legacySeedInput()
	in.ClientRequestToken = nil // the client fills it with a UUID
	if _, err := client.CreateAppInstance(in); err != nil {
		t.Fatal(err)
	}
	wire := aws.StringValue(sent.ClientRequestToken)
	if !isUUID(wire) {
		t.Errorf("the client sent ClientRequestToken %q, want a UUID", wire)
	}
	if got := aws.StringValue(fake.last(t).ClientRequestToken); got != wire {
		t.Errorf("ClientRequestToken = %q, want the client's %q", got, wire)
	}
}

func TestLegacyCreateAppInstanceV1ModeledErrors(t *testing.T) {
	msg := aws.String("it went wrong")
	cases := []struct {
		err    error
		code   chimesrv.ErrorCode
		target any // a pointer to the typed v1 error to expect
		status int
	}{
		{&chimesrv.BadRequestException{Code: chimesrv.ErrorCodeBadRequest, Message: msg}, chimesrv.ErrorCodeBadRequest, new(*chimesdk.BadRequestException), 400},
		{&chimesrv.ConflictException{Code: chimesrv.ErrorCodeConflict, Message: msg}, chimesrv.ErrorCodeConflict, new(*chimesdk.ConflictException), 409},
		{&chimesrv.ForbiddenException{Code: chimesrv.ErrorCodeForbidden, Message: msg}, chimesrv.ErrorCodeForbidden, new(*chimesdk.ForbiddenException), 403},
		{&chimesrv.ResourceLimitExceededException{Code: chimesrv.ErrorCodeResourceLimitExceeded, Message: msg}, chimesrv.ErrorCodeResourceLimitExceeded, new(*chimesdk.ResourceLimitExceededException), 400},
		{&chimesrv.ServiceFailureException{Code: chimesrv.ErrorCodeServiceFailure, Message: msg}, chimesrv.ErrorCodeServiceFailure, new(*chimesdk.ServiceFailureException), 500},
		{&chimesrv.ServiceUnavailableException{Code: chimesrv.ErrorCodeServiceUnavailable, Message: msg}, chimesrv.ErrorCodeServiceUnavailable, new(*chimesdk.ServiceUnavailableException), 503},
		{&chimesrv.ThrottledClientException{Code: chimesrv.ErrorCodeThrottled, Message: msg}, chimesrv.ErrorCodeThrottled, new(*chimesdk.ThrottledClientException), 429},
		{&chimesrv.UnauthorizedClientException{Code: chimesrv.ErrorCodeUnauthorized, Message: msg}, chimesrv.ErrorCodeUnauthorized, new(*chimesdk.UnauthorizedClientException), 401},
	}
	for _, c := range cases {
		name := c.err.(interface{ ErrorCode() string }).ErrorCode()
		t.Run(name, func(t *testing.T) {
			fake := &legacyFake{err: c.err}
			client := legacyClient(t, chimesrv.NewHandler(fake))
			_, err := client.CreateAppInstance(legacySeedInput())
			if !errors.As(err, c.target) {
				t.Fatalf("error %v (%T) is not a %T", err, err, c.target)
			}
			var rf awserr.RequestFailure
			if !errors.As(err, &rf) {
				t.Fatalf("error %T is not an awserr.RequestFailure", err)
			}
			if rf.Code() != name || rf.Message() != *msg {
				t.Errorf("code, message = %q, %q; want %q, %q", rf.Code(), rf.Message(), name, *msg)
			}
			if rf.StatusCode() != c.status {
				t.Errorf("status = %d, want %d", rf.StatusCode(), c.status)
			}
			if code := legacyCodeOf(err); code != string(c.code) {
				t.Errorf("Code = %q, want %q", code, c.code)
			}
		})
	}
}

// isUUID reports whether s looks like the random UUIDs the SDKs generate
// for idempotency tokens.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, r := range s {
		switch i {
		case 8, 13, 18, 23:
			if r != '-' {
				return false
			}
		default:
			if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
				return false
			}
		}
	}
	return true
}

// legacyCodeOf reads the Code member of a typed v1 Chime error.
func legacyCodeOf(err error) string {
	switch e := err.(type) {
	case *chimesdk.BadRequestException:
		return aws.StringValue(e.Code_)
	case *chimesdk.ConflictException:
		return aws.StringValue(e.Code_)
	case *chimesdk.ForbiddenException:
		return aws.StringValue(e.Code_)
	case *chimesdk.ResourceLimitExceededException:
		return aws.StringValue(e.Code_)
	case *chimesdk.ServiceFailureException:
		return aws.StringValue(e.Code_)
	case *chimesdk.ServiceUnavailableException:
		return aws.StringValue(e.Code_)
	case *chimesdk.ThrottledClientException:
		return aws.StringValue(e.Code_)
	case *chimesdk.UnauthorizedClientException:
		return aws.StringValue(e.Code_)
	}
	return ""
}

func TestLegacyCreateAppInstanceV1UnmodeledError(t *testing.T) {
	fake := &legacyFake{err: errors.New("database password is hunter2")}
	client := legacyClient(t, chimesrv.NewHandler(fake, chimesrv.WithLogger(discardLogger())))
	_, err := client.CreateAppInstance(legacySeedInput())
	var sf *chimesdk.ServiceFailureException
	if !errors.As(err, &sf) {
		t.Fatalf("error %v (%T) is not a ServiceFailureException", err, err)
	}
	if strings.Contains(err.Error(), "hunter2") {
		t.Errorf("the service's error text reached the client: %v", err)
	}
	if sf.StatusCode() != http.StatusInternalServerError {
		t.Errorf("status = %d, want 500", sf.StatusCode())
	}
	if code := aws.StringValue(sf.Code_); code != chimesdk.ErrorCodeServiceFailure {
		t.Errorf("Code = %q, want ServiceFailure", code)
	}
}

func TestLegacyCreateAppInstanceV1Panic(t *testing.T) {
	fake := &legacyFake{panic: true}
	client := legacyClient(t, chimesrv.NewHandler(fake, chimesrv.WithLogger(discardLogger())))
	_, err := client.CreateAppInstance(legacySeedInput())
	var sf *chimesdk.ServiceFailureException
	if !errors.As(err, &sf) {
		t.Fatalf("error %v (%T) is not a ServiceFailureException", err, err)
	}
	if sf.StatusCode() != http.StatusInternalServerError {
		t.Errorf("status = %d, want 500", sf.StatusCode())
	}
	fake.mu.Lock()
	fake.panic = false
	fake.out = &chimesrv.CreateAppInstanceOutput{AppInstanceArn: aws.String(appInstanceArn)}
	fake.mu.Unlock()
	if _, err := client.CreateAppInstance(legacySeedInput()); err != nil {
		t.Fatalf("the request after the panic failed: %v", err)
	}
}

func TestLegacyCreateAppInstanceV1Validation(t *testing.T) {
	tags := make([]*chimesdk.Tag, 51)
	for i := range tags {
		tags[i] = &chimesdk.Tag{Key: aws.String("k"), Value: aws.String("v")}
	}
	cases := []struct {
		name    string
		edit    func(*chimesdk.CreateAppInstanceInput)
		message string
	}{
		{"empty Name", func(in *chimesdk.CreateAppInstanceInput) { in.Name = aws.String("") },
			msgEmptyName},
		{"257 code points", func(in *chimesdk.CreateAppInstanceInput) { in.Name = aws.String(strings.Repeat("é", 257)) },
			msgLongName},
		{"1025-byte Metadata", func(in *chimesdk.CreateAppInstanceInput) { in.Metadata = aws.String(strings.Repeat("m", 1025)) },
			msgLongMetadata},
		{"51 tags", func(in *chimesdk.CreateAppInstanceInput) { in.Tags = tags },
			msgTooManyTags},
		{"empty tag Key", func(in *chimesdk.CreateAppInstanceInput) { in.Tags[1].Key = aws.String("") },
			msgEmptyTagKey},
		{"token a", func(in *chimesdk.CreateAppInstanceInput) { in.ClientRequestToken = aws.String("a") },
			msgShortToken},
		// Unlike Chime SDK Identity, legacy Chime marks ClientRequestToken
		// @sensitive, so the pattern message must not echo the value.
		{"bad token", func(in *chimesdk.CreateAppInstanceInput) { in.ClientRequestToken = aws.String("bad!token") },
			"1 validation error detected. Value at '/ClientRequestToken' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[-_a-zA-Z0-9]*$"},
		{"two violations", func(in *chimesdk.CreateAppInstanceInput) {
			in.Name = aws.String("")
			in.ClientRequestToken = aws.String("a")
		}, msgTwoViolations},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fake := &legacyFake{}
			client := legacyClient(t, chimesrv.NewHandler(fake))
			in := legacySeedInput()
			c.edit(in)
			_, err := client.CreateAppInstance(in)
			var br *chimesdk.BadRequestException
			if !errors.As(err, &br) {
				t.Fatalf("error %v (%T) is not a BadRequestException", err, err)
			}
			if br.StatusCode() != http.StatusBadRequest {
				t.Errorf("status = %d, want 400", br.StatusCode())
			}
			if code := aws.StringValue(br.Code_); code != chimesdk.ErrorCodeBadRequest {
				t.Errorf("Code = %q, want BadRequest", code)
			}
			if got := br.Message(); got != c.message {
				t.Errorf("Message =\n%s\nwant\n%s", got, c.message)
			}
			if fake.calls() != 0 {
				t.Error("the service was called with invalid input")
			}
		})
	}
}

func TestLegacyCreateAppInstanceV1LongValidName(t *testing.T) {
	fake := &legacyFake{out: &chimesrv.CreateAppInstanceOutput{AppInstanceArn: aws.String(appInstanceArn)}}
	client := legacyClient(t, chimesrv.NewHandler(fake))
	in := legacySeedInput()
	in.Name = aws.String(strings.Repeat("é", 256))
	if _, err := client.CreateAppInstance(in); err != nil {
		t.Fatalf("256 × é (512 bytes, 256 code points) is a valid Name: %v", err)
	}
	if got := aws.StringValue(fake.last(t).Name); got != *in.Name {
		t.Errorf("Name = %q, want 256 × é", got)
	}
}

// describeFake answers DescribeAppInstance of legacy Chime.
type describeFake struct {
	chimesrv.UnimplementedService
	mu  sync.Mutex
	got []string
}

func (f *describeFake) DescribeAppInstance(_ context.Context, in *chimesrv.DescribeAppInstanceInput) (*chimesrv.DescribeAppInstanceOutput, error) {
	f.mu.Lock()
	f.got = append(f.got, aws.StringValue(in.AppInstanceArn))
	f.mu.Unlock()
	return &chimesrv.DescribeAppInstanceOutput{AppInstance: &chimesrv.AppInstance{
		AppInstanceArn:   in.AppInstanceArn,
		Name:             aws.String("my-instance"),
		CreatedTimestamp: aws.Time(time.Unix(1700000000, 0).UTC()),
	}}, nil
}

// TestLegacyDescribeAppInstanceV1 covers what v1 does on an operation
// without a body: a GET carrying "{}" as application/json, and an ARN label
// with escaped ':' and '/'.
func TestLegacyDescribeAppInstanceV1(t *testing.T) {
	fake := &describeFake{}
	client := legacyClient(t, chimesrv.NewHandler(fake))
	out, err := client.DescribeAppInstance(&chimesdk.DescribeAppInstanceInput{AppInstanceArn: aws.String(appInstanceArn)})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{appInstanceArn}, fake.got); diff != "" {
		t.Errorf("AppInstanceArn the service got (-want +got):\n%s", diff)
	}
	ai := out.AppInstance
	if ai == nil {
		t.Fatal("AppInstance is missing")
	}
	if aws.StringValue(ai.AppInstanceArn) != appInstanceArn || aws.StringValue(ai.Name) != "my-instance" {
		t.Errorf("AppInstance = %v", ai)
	}
	if got := aws.TimeValue(ai.CreatedTimestamp); !got.Equal(time.Unix(1700000000, 0)) {
		t.Errorf("CreatedTimestamp = %v, want %v", got, time.Unix(1700000000, 0))
	}
	if ai.Metadata != nil || ai.LastUpdatedTimestamp != nil {
		t.Errorf("absent members came back set: %v", ai)
	}
}
