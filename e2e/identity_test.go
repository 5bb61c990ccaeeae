package e2e

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	idsdk "github.com/aws/aws-sdk-go-v2/service/chimesdkidentity"
	idtypes "github.com/aws/aws-sdk-go-v2/service/chimesdkidentity/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	idsrv "github.com/smithygen/smithygen/output/chimesdkidentity"
)

// identityFake records what CreateAppInstance receives and answers as told.
type identityFake struct {
	idsrv.UnimplementedService
	mu    sync.Mutex
	got   []*idsrv.CreateAppInstanceInput
	out   *idsrv.CreateAppInstanceOutput
	err   error
	panic bool
}

func (f *identityFake) CreateAppInstance(_ context.Context, in *idsrv.CreateAppInstanceInput) (*idsrv.CreateAppInstanceOutput, error) {
	f.mu.Lock()
	f.got = append(f.got, in)
	f.mu.Unlock()
	if f.panic {
		panic("the service broke")
	}
	return f.out, f.err
}

func (f *identityFake) last(t *testing.T) *idsrv.CreateAppInstanceInput {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.got) == 0 {
		t.Fatal("the service was not called")
	}
	return f.got[len(f.got)-1]
}

// identityClient serves h and returns a v2 client that talks to it.
func identityClient(t *testing.T, h http.Handler) *idsdk.Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return idsdk.New(idsdk.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(srv.URL),
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}, nil
		}),
		HTTPClient: srv.Client(),
		Retryer:    aws.NopRetryer{},
	})
}

const appInstanceArn = "arn:aws:chime:us-east-1:123456789012:app-instance/abc"

func seedInput() *idsdk.CreateAppInstanceInput {
	return &idsdk.CreateAppInstanceInput{
		Name:               aws.String("my-instance"),
		Metadata:           aws.String(`{"team":"blue"}`),
		ClientRequestToken: aws.String("token-0123456789"),
		Tags: []idtypes.Tag{
			{Key: aws.String("env"), Value: aws.String("prod")},
			{Key: aws.String("owner"), Value: aws.String("ops")},
		},
	}
}

func TestIdentityCreateAppInstanceV2Success(t *testing.T) {
	fake := &identityFake{out: &idsrv.CreateAppInstanceOutput{AppInstanceArn: aws.String(appInstanceArn)}}
	client := identityClient(t, idsrv.NewHandler(fake))
	var status int
	out, err := client.CreateAppInstance(context.Background(), seedInput(), func(o *idsdk.Options) {
		o.HTTPClient = statusRecorder{o.HTTPClient, &status}
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := aws.ToString(out.AppInstanceArn); got != appInstanceArn {
		t.Errorf("AppInstanceArn = %q, want %q", got, appInstanceArn)
	}
	if status != http.StatusCreated {
		t.Errorf("status = %d, want 201", status)
	}
	want := &idsrv.CreateAppInstanceInput{
		Name:               aws.String("my-instance"),
		Metadata:           aws.String(`{"team":"blue"}`),
		ClientRequestToken: aws.String("token-0123456789"),
		Tags: []idsrv.Tag{
			{Key: aws.String("env"), Value: aws.String("prod")},
			{Key: aws.String("owner"), Value: aws.String("ops")},
		},
	}
	if diff := cmp.Diff(want, fake.last(t)); diff != "" {
		t.Errorf("decoded input (-want +got):\n%s", diff)
	}
}

func TestIdentityCreateAppInstanceV2FillsToken(t *testing.T) {
	fake := &identityFake{out: &idsrv.CreateAppInstanceOutput{AppInstanceArn: aws.String(appInstanceArn)}}
	client := identityClient(t, idsrv.NewHandler(fake))
	in := seedInput()
	in.ClientRequestToken = nil // the client fills it with a UUID
	if _, err := client.CreateAppInstance(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	tok := aws.ToString(fake.last(t).ClientRequestToken)
	if len(tok) != 36 || strings.Count(tok, "-") != 4 {
		t.Errorf("ClientRequestToken = %q, want the client's UUID", tok)
	}
}

// statusRecorder notes the status of the last response.
type statusRecorder struct {
	next   idsdk.HTTPClient
	status *int
}

func (s statusRecorder) Do(r *http.Request) (*http.Response, error) {
	resp, err := s.next.Do(r)
	if resp != nil {
		*s.status = resp.StatusCode
	}
	return resp, err
}

func TestIdentityCreateAppInstanceV2ModeledErrors(t *testing.T) {
	msg := aws.String("it went wrong")
	cases := []struct {
		err    error
		target any
		status int
	}{
		{&idsrv.BadRequestException{Code: idsrv.ErrorCodeBadRequest, Message: msg}, new(*idtypes.BadRequestException), 400},
		{&idsrv.ConflictException{Code: idsrv.ErrorCodeConflict, Message: msg}, new(*idtypes.ConflictException), 409},
		{&idsrv.ForbiddenException{Code: idsrv.ErrorCodeForbidden, Message: msg}, new(*idtypes.ForbiddenException), 403},
		{&idsrv.ResourceLimitExceededException{Code: idsrv.ErrorCodeResourceLimitExceeded, Message: msg}, new(*idtypes.ResourceLimitExceededException), 400},
		{&idsrv.ServiceFailureException{Code: idsrv.ErrorCodeServiceFailure, Message: msg}, new(*idtypes.ServiceFailureException), 500},
		{&idsrv.ServiceUnavailableException{Code: idsrv.ErrorCodeServiceUnavailable, Message: msg}, new(*idtypes.ServiceUnavailableException), 503},
		{&idsrv.ThrottledClientException{Code: idsrv.ErrorCodeThrottled, Message: msg}, new(*idtypes.ThrottledClientException), 429},
		{&idsrv.UnauthorizedClientException{Code: idsrv.ErrorCodeUnauthorized, Message: msg}, new(*idtypes.UnauthorizedClientException), 401},
	}
	for _, c := range cases {
		name := c.err.(interface{ ErrorCode() string }).ErrorCode()
		t.Run(name, func(t *testing.T) {
			fake := &identityFake{err: c.err}
			client := identityClient(t, idsrv.NewHandler(fake))
			_, err := client.CreateAppInstance(context.Background(), seedInput())
			if !errors.As(err, c.target) {
				t.Fatalf("error %v (%T) is not a %T", err, err, c.target)
			}
			var api smithy.APIError
			errors.As(err, &api)
			if api.ErrorCode() != name || api.ErrorMessage() != *msg {
				t.Errorf("code, message = %q, %q; want %q, %q", api.ErrorCode(), api.ErrorMessage(), name, *msg)
			}
			sent := reflectCode(c.err)
			if code := codeOf(t, c.target); code != sent {
				t.Errorf("Code = %q, want %q", code, sent)
			}
			var re interface{ HTTPStatusCode() int }
			if errors.As(err, &re) && re.HTTPStatusCode() != c.status {
				t.Errorf("status = %d, want %d", re.HTTPStatusCode(), c.status)
			}
		})
	}
}

// reflectCode reads the Code member of an error of the generated package.
func reflectCode(err error) string {
	switch e := err.(type) {
	case *idsrv.BadRequestException:
		return string(e.Code)
	case *idsrv.ConflictException:
		return string(e.Code)
	case *idsrv.ForbiddenException:
		return string(e.Code)
	case *idsrv.ResourceLimitExceededException:
		return string(e.Code)
	case *idsrv.ServiceFailureException:
		return string(e.Code)
	case *idsrv.ServiceUnavailableException:
		return string(e.Code)
	case *idsrv.ThrottledClientException:
		return string(e.Code)
	case *idsrv.UnauthorizedClientException:
		return string(e.Code)
	}
	return ""
}

// codeOf reads the Code member of a typed SDK error.
func codeOf(t *testing.T, target any) string {
	switch e := target.(type) {
	case **idtypes.BadRequestException:
		return string((*e).Code)
	case **idtypes.ConflictException:
		return string((*e).Code)
	case **idtypes.ForbiddenException:
		return string((*e).Code)
	case **idtypes.ResourceLimitExceededException:
		return string((*e).Code)
	case **idtypes.ServiceFailureException:
		return string((*e).Code)
	case **idtypes.ServiceUnavailableException:
		return string((*e).Code)
	case **idtypes.ThrottledClientException:
		return string((*e).Code)
	case **idtypes.UnauthorizedClientException:
		return string((*e).Code)
	}
	t.Fatalf("no Code for %T", target)
	return ""
}

func TestIdentityCreateAppInstanceV2UnmodeledError(t *testing.T) {
	fake := &identityFake{err: errors.New("database password is hunter2")}
	client := identityClient(t, idsrv.NewHandler(fake, idsrv.WithLogger(discardLogger())))
	_, err := client.CreateAppInstance(context.Background(), seedInput())
	var sf *idtypes.ServiceFailureException
	if !errors.As(err, &sf) {
		t.Fatalf("error %v is not a ServiceFailureException", err)
	}
	if strings.Contains(err.Error(), "hunter2") {
		t.Errorf("the service's error text reached the client: %v", err)
	}
	if sf.Code != idtypes.ErrorCodeServiceFailure {
		t.Errorf("Code = %q, want ServiceFailure", sf.Code)
	}
}

func TestIdentityCreateAppInstanceV2Panic(t *testing.T) {
	fake := &identityFake{panic: true}
	client := identityClient(t, idsrv.NewHandler(fake, idsrv.WithLogger(discardLogger())))
	_, err := client.CreateAppInstance(context.Background(), seedInput())
	var sf *idtypes.ServiceFailureException
	if !errors.As(err, &sf) {
		t.Fatalf("error %v is not a ServiceFailureException", err)
	}
	fake.panic = false
	fake.out = &idsrv.CreateAppInstanceOutput{AppInstanceArn: aws.String(appInstanceArn)}
	if _, err := client.CreateAppInstance(context.Background(), seedInput()); err != nil {
		t.Fatalf("the request after the panic failed: %v", err)
	}
}

func TestIdentityCreateAppInstanceV2Validation(t *testing.T) {
	tags := make([]idtypes.Tag, 51)
	for i := range tags {
		tags[i] = idtypes.Tag{Key: aws.String("k"), Value: aws.String("v")}
	}
	cases := []struct {
		name    string
		edit    func(*idsdk.CreateAppInstanceInput)
		message string
	}{
		{"empty Name", func(in *idsdk.CreateAppInstanceInput) { in.Name = aws.String("") },
			msgEmptyName},
		{"257 code points", func(in *idsdk.CreateAppInstanceInput) { in.Name = aws.String(strings.Repeat("é", 257)) },
			msgLongName},
		{"1025-byte Metadata", func(in *idsdk.CreateAppInstanceInput) { in.Metadata = aws.String(strings.Repeat("m", 1025)) },
			msgLongMetadata},
		{"51 tags", func(in *idsdk.CreateAppInstanceInput) { in.Tags = tags },
			msgTooManyTags},
		{"empty tag Key", func(in *idsdk.CreateAppInstanceInput) { in.Tags[1].Key = aws.String("") },
			msgEmptyTagKey},
		{"token a", func(in *idsdk.CreateAppInstanceInput) { in.ClientRequestToken = aws.String("a") },
			msgShortToken},
		{"bad token", func(in *idsdk.CreateAppInstanceInput) { in.ClientRequestToken = aws.String("bad!token") },
			"1 validation error detected. Value bad!token at '/ClientRequestToken' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[-_a-zA-Z0-9]*$"},
		{"two violations", func(in *idsdk.CreateAppInstanceInput) {
			in.Name = aws.String("")
			in.ClientRequestToken = aws.String("a")
		}, msgTwoViolations},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fake := &identityFake{}
			client := identityClient(t, idsrv.NewHandler(fake))
			in := seedInput()
			c.edit(in)
			_, err := client.CreateAppInstance(context.Background(), in)
			var br *idtypes.BadRequestException
			if !errors.As(err, &br) {
				t.Fatalf("error %v is not a BadRequestException", err)
			}
			if br.Code != idtypes.ErrorCodeBadRequest {
				t.Errorf("Code = %q, want BadRequest", br.Code)
			}
			if got := aws.ToString(br.Message); got != c.message {
				t.Errorf("Message =\n%s\nwant\n%s", got, c.message)
			}
			if len(fake.got) != 0 {
				t.Error("the service was called with invalid input")
			}
		})
	}
}

func TestIdentityCreateAppInstanceV2LongValidName(t *testing.T) {
	fake := &identityFake{out: &idsrv.CreateAppInstanceOutput{AppInstanceArn: aws.String(appInstanceArn)}}
	client := identityClient(t, idsrv.NewHandler(fake))
	in := seedInput()
	in.Name = aws.String(strings.Repeat("é", 256))
	if _, err := client.CreateAppInstance(context.Background(), in); err != nil {
		t.Fatalf("256 × é (512 bytes, 256 code points) is a valid Name: %v", err)
	}
}
