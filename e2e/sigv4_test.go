//lint:file-ignore SA1019 legacy Chime and the AWS SDK for Go v1 are deprecated; their users are who this server is for.

package e2e

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	idsdk "github.com/aws/aws-sdk-go-v2/service/chimesdkidentity"
	v1aws "github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/awserr"
	"github.com/aws/aws-sdk-go/aws/credentials"
	"github.com/aws/aws-sdk-go/aws/request"
	v1signer "github.com/aws/aws-sdk-go/aws/signer/v4"
	chimesdk "github.com/aws/aws-sdk-go/service/chime"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	chimesrv "github.com/smithygen/smithygen/output/chime"
	idsrv "github.com/smithygen/smithygen/output/chimesdkidentity"
)

// The keys the SigV4 tests' servers know.
const (
	sigv4Key    = "AKIDSIGV4"
	sigv4Secret = "SECRET/sigv4+key"
)

func sigv4Secrets(_ context.Context, id string) (string, bool) {
	if id == sigv4Key {
		return sigv4Secret, true
	}
	return "", false
}

// keyRecorder remembers the access key IDs the service saw in its context.
type keyRecorder struct {
	mu   sync.Mutex
	keys []string
}

func (k *keyRecorder) record(ctx context.Context) {
	id, ok := idsrv.AccessKeyIDFromContext(ctx)
	if !ok {
		id = "(none)"
	}
	k.mu.Lock()
	k.keys = append(k.keys, id)
	k.mu.Unlock()
}

func (k *keyRecorder) seen() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]string(nil), k.keys...)
}

type sigv4IdentityFake struct {
	idsrv.UnimplementedService
	keyRecorder
}

func (f *sigv4IdentityFake) CreateAppInstance(ctx context.Context, _ *idsrv.CreateAppInstanceInput) (*idsrv.CreateAppInstanceOutput, error) {
	f.record(ctx)
	return &idsrv.CreateAppInstanceOutput{AppInstanceArn: aws.String(appInstanceArn)}, nil
}

func (f *sigv4IdentityFake) DescribeAppInstance(ctx context.Context, in *idsrv.DescribeAppInstanceInput) (*idsrv.DescribeAppInstanceOutput, error) {
	f.record(ctx)
	return &idsrv.DescribeAppInstanceOutput{AppInstance: &idsrv.AppInstance{AppInstanceArn: in.AppInstanceArn}}, nil
}

func (f *sigv4IdentityFake) ListAppInstances(ctx context.Context, _ *idsrv.ListAppInstancesInput) (*idsrv.ListAppInstancesOutput, error) {
	f.record(ctx)
	return &idsrv.ListAppInstancesOutput{}, nil
}

type sigv4LegacyFake struct {
	chimesrv.UnimplementedService
	keyRecorder
}

func (f *sigv4LegacyFake) recordLegacy(ctx context.Context) {
	id, ok := chimesrv.AccessKeyIDFromContext(ctx)
	if !ok {
		id = "(none)"
	}
	f.mu.Lock()
	f.keys = append(f.keys, id)
	f.mu.Unlock()
}

func (f *sigv4LegacyFake) CreateAppInstance(ctx context.Context, _ *chimesrv.CreateAppInstanceInput) (*chimesrv.CreateAppInstanceOutput, error) {
	f.recordLegacy(ctx)
	return &chimesrv.CreateAppInstanceOutput{AppInstanceArn: aws.String(appInstanceArn)}, nil
}

func (f *sigv4LegacyFake) DescribeAppInstance(ctx context.Context, in *chimesrv.DescribeAppInstanceInput) (*chimesrv.DescribeAppInstanceOutput, error) {
	f.recordLegacy(ctx)
	return &chimesrv.DescribeAppInstanceOutput{AppInstance: &chimesrv.AppInstance{AppInstanceArn: in.AppInstanceArn}}, nil
}

// skewedSigner is the v2 SDK's own signer with a clock 6 minutes slow.
type skewedSigner struct{ *v4.Signer }

func (s skewedSigner) SignHTTP(ctx context.Context, c aws.Credentials, r *http.Request, payloadHash, service, region string, t time.Time, opts ...func(*v4.SignerOptions)) error {
	return s.Signer.SignHTTP(ctx, c, r, payloadHash, service, region, t.Add(-6*time.Minute), opts...)
}

// alterBodyAfterSigning changes one byte of the request body once the v2
// client has signed it, keeping its length.
func alterBodyAfterSigning(stack *middleware.Stack) error {
	return stack.Finalize.Add(middleware.FinalizeMiddlewareFunc("AlterBody",
		func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
			req := in.Request.(*smithyhttp.Request)
			body, err := io.ReadAll(req.GetStream())
			if err != nil {
				return middleware.FinalizeOutput{}, middleware.Metadata{}, err
			}
			body = bytes.Replace(body, []byte("my-instance"), []byte("my-instancf"), 1)
			if in.Request, err = req.SetStream(bytes.NewReader(body)); err != nil {
				return middleware.FinalizeOutput{}, middleware.Metadata{}, err
			}
			return next.HandleFinalize(ctx, in)
		}), middleware.After)
}

func staticV2(id, secret, token string) aws.CredentialsProvider {
	return aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: id, SecretAccessKey: secret, SessionToken: token}, nil
	})
}

// sigv4V2Client is a v2 client of srv whose options opt changes: the
// client resolves its signer and credentials when it is made, and caches
// signing keys by access key, so each case gets a client of its own.
func sigv4V2Client(srv *httptest.Server, opt func(*idsdk.Options)) *idsdk.Client {
	o := idsdk.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  staticV2(sigv4Key, sigv4Secret, ""),
		HTTPClient:   srv.Client(),
		Retryer:      aws.NopRetryer{},
	}
	opt(&o)
	return idsdk.New(o)
}

// The matrix of SPEC §6 with the AWS SDK for Go v2 signing.
func TestSigV4GoV2(t *testing.T) {
	fake := &sigv4IdentityFake{}
	srv := httptest.NewServer(idsrv.NewHandler(fake, idsrv.WithSigV4("us-east-1", sigv4Secrets), idsrv.WithLogger(discardLogger())))
	t.Cleanup(srv.Close)
	tests := []struct {
		name string
		opt  func(*idsdk.Options)
		want string
	}{
		{"right secret", func(o *idsdk.Options) {}, ""},
		{"session token", func(o *idsdk.Options) { o.Credentials = staticV2(sigv4Key, sigv4Secret, "TOKEN/of+session==") }, ""},
		{"wrong secret", func(o *idsdk.Options) { o.Credentials = staticV2(sigv4Key, "WRONG", "") }, "InvalidSignatureException"},
		{"unknown key", func(o *idsdk.Options) { o.Credentials = staticV2("AKIDOTHER", sigv4Secret, "") }, "UnrecognizedClientException"},
		// Without credentials the client sends the request unsigned.
		{"anonymous", func(o *idsdk.Options) { o.Credentials = nil }, "MissingAuthenticationTokenException"},
		{"signed 6 minutes ago", func(o *idsdk.Options) { o.HTTPSignerV4 = skewedSigner{v4.NewSigner()} }, "InvalidSignatureException"},
		{"other region", func(o *idsdk.Options) { o.Region = "eu-west-1" }, "InvalidSignatureException"},
		{"body changed after signing", func(o *idsdk.Options) {
			o.APIOptions = append(o.APIOptions, alterBodyAfterSigning)
		}, "InvalidSignatureException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(fake.seen())
			_, err := sigv4V2Client(srv, tt.opt).CreateAppInstance(context.Background(), seedInput())
			if got := v2Code(err); got != tt.want {
				t.Fatalf("error code %q (%v), want %q", got, err, tt.want)
			}
			var status *smithyhttp.ResponseError
			if tt.want != "" && (!errors.As(err, &status) || status.HTTPStatusCode() != http.StatusForbidden) {
				t.Errorf("status: %v, want 403", err)
			}
			seen := fake.seen()[before:]
			if tt.want == "" && (len(seen) != 1 || seen[0] != sigv4Key) {
				t.Errorf("the service saw access keys %q, want [%s]", seen, sigv4Key)
			}
			if tt.want != "" && len(seen) != 0 {
				t.Errorf("the service was called")
			}
		})
	}

	// A label with escaped ':', '/' and ' ', which the path signs escaped
	// twice, and a query.
	client := sigv4V2Client(srv, func(*idsdk.Options) {})
	if _, err := client.DescribeAppInstance(context.Background(), &idsdk.DescribeAppInstanceInput{AppInstanceArn: aws.String(appInstanceArn + "/x y")}); err != nil {
		t.Errorf("DescribeAppInstance: %v", err)
	}
	if _, err := client.ListAppInstances(context.Background(), &idsdk.ListAppInstancesInput{MaxResults: aws.Int32(5), NextToken: aws.String("a b/c+d=")}); err != nil {
		t.Errorf("ListAppInstances: %v", err)
	}
}

func v2Code(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

// The same matrix with the AWS SDK for Go v1 signing for legacy Chime.
func TestSigV4GoV1(t *testing.T) {
	fake := &sigv4LegacyFake{}
	client := legacyClient(t, chimesrv.NewHandler(fake, chimesrv.WithSigV4("us-east-1", sigv4Secrets), chimesrv.WithLogger(discardLogger())))
	skewed := func(r *request.Request) {
		r.Handlers.Sign.Swap(v1signer.SignRequestHandler.Name, request.NamedHandler{Name: "SkewedSigner", Fn: func(r *request.Request) {
			v1signer.SignSDKRequestWithCurrentTime(r, func() time.Time { return time.Now().Add(-6 * time.Minute) })
		}})
	}
	alterBody := func(r *request.Request) {
		r.Handlers.Sign.PushBack(func(r *request.Request) {
			body, err := io.ReadAll(r.GetBody())
			if err != nil {
				r.Error = err
				return
			}
			r.SetBufferBody(bytes.Replace(body, []byte("my-instance"), []byte("my-instancf"), 1))
		})
	}
	creds := func(c *credentials.Credentials) request.Option {
		return func(r *request.Request) { r.Config.Credentials = c }
	}
	tests := []struct {
		name string
		opts []request.Option
		want string
	}{
		{"right secret", []request.Option{creds(credentials.NewStaticCredentials(sigv4Key, sigv4Secret, ""))}, ""},
		{"session token", []request.Option{creds(credentials.NewStaticCredentials(sigv4Key, sigv4Secret, "TOKEN/of+session=="))}, ""},
		{"wrong secret", []request.Option{creds(credentials.NewStaticCredentials(sigv4Key, "WRONG", ""))}, "InvalidSignatureException"},
		{"unknown key", []request.Option{creds(credentials.NewStaticCredentials("AKIDOTHER", sigv4Secret, ""))}, "UnrecognizedClientException"},
		{"anonymous", []request.Option{creds(credentials.AnonymousCredentials)}, "MissingAuthenticationTokenException"},
		{"signed 6 minutes ago", []request.Option{creds(credentials.NewStaticCredentials(sigv4Key, sigv4Secret, "")), skewed}, "InvalidSignatureException"},
		{"body changed after signing", []request.Option{creds(credentials.NewStaticCredentials(sigv4Key, sigv4Secret, "")), alterBody}, "InvalidSignatureException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(fake.seen())
			_, err := client.CreateAppInstanceWithContext(context.Background(), legacySeedInput(), tt.opts...)
			if got := v1Code(err); got != tt.want {
				t.Fatalf("error code %q (%v), want %q", got, err, tt.want)
			}
			var rf awserr.RequestFailure
			if tt.want != "" && (!errors.As(err, &rf) || rf.StatusCode() != http.StatusForbidden) {
				t.Errorf("status: %v, want 403", err)
			}
			seen := fake.seen()[before:]
			if tt.want == "" && (len(seen) != 1 || seen[0] != sigv4Key) {
				t.Errorf("the service saw access keys %q, want [%s]", seen, sigv4Key)
			}
			if tt.want != "" && len(seen) != 0 {
				t.Errorf("the service was called")
			}
		})
	}

	// A GET with v1's "{}" body and a label with escaped ':' and '/'.
	right := creds(credentials.NewStaticCredentials(sigv4Key, sigv4Secret, ""))
	if _, err := client.DescribeAppInstanceWithContext(context.Background(), &chimesdk.DescribeAppInstanceInput{AppInstanceArn: v1aws.String(appInstanceArn)}, right); err != nil {
		t.Errorf("DescribeAppInstance: %v", err)
	}
}

func v1Code(err error) string {
	var ae awserr.Error
	if errors.As(err, &ae) {
		return ae.Code()
	}
	if err != nil {
		return err.Error()
	}
	return ""
}
