//lint:file-ignore SA1019 legacy Chime and the AWS SDK for Go v1 are deprecated, and its users are whom the legacy server is for.

package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	apigwsdk "github.com/aws/aws-sdk-go-v2/service/apigateway"
	bedrocksdk "github.com/aws/aws-sdk-go-v2/service/bedrockruntime"
	bedrockdoc "github.com/aws/aws-sdk-go-v2/service/bedrockruntime/document"
	idsdk "github.com/aws/aws-sdk-go-v2/service/chimesdkidentity"
	ebssdk "github.com/aws/aws-sdk-go-v2/service/ebs"
	lambdasdk "github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go/aws/session"
	chimev1 "github.com/aws/aws-sdk-go/service/chime"
	"github.com/google/go-cmp/cmp"

	"github.com/smithygen/smithygen/model"
	apigwsrv "github.com/smithygen/smithygen/output/apigateway"
	bedrocksrv "github.com/smithygen/smithygen/output/bedrockruntime"
	chimesrv "github.com/smithygen/smithygen/output/chime"
	idsrv "github.com/smithygen/smithygen/output/chimesdkidentity"
	ebssrv "github.com/smithygen/smithygen/output/ebs"
	lambdasrv "github.com/smithygen/smithygen/output/lambda"
)

// Every operation of both services, end to end: a value with every member
// set and every constraint met goes through the real client, the generated
// server decodes it, and the fake service answers with an output that again
// has every member set. The server must see exactly what the client sent,
// and the client exactly what the service answered.

const (
	identityModelFile   = "../model/testdata/aws/2024-06/chime-sdk-identity.json"
	chimeModelFile      = "../model/testdata/aws/2024-06/chime.json"
	apigatewayModelFile = "../model/testdata/aws/2025-04/api-gateway.json"
	lambdaModelFile     = "../model/testdata/aws/2025-04/lambda.json"
	bedrockModelFile    = "../model/testdata/aws/2025-04/bedrock-runtime.json"
	ebsModelFile        = "../model/testdata/aws/2025-04/ebs.json"
)

// rtRecorder is the service behind the round trips: for each operation it
// keeps the input the server decoded, as a tree, and answers with the
// output tree it was given.
type rtRecorder struct {
	m   *model.Model
	ops map[string]*model.Shape

	mu   sync.Mutex
	out  map[string]map[string]any
	got  map[string]map[string]any
	errs map[string]error
}

func newRecorder(m *model.Model, ops []*model.Shape) *rtRecorder {
	r := &rtRecorder{m: m, ops: map[string]*model.Shape{}, out: map[string]map[string]any{},
		got: map[string]map[string]any{}, errs: map[string]error{}}
	for _, op := range ops {
		r.ops[op.ID.Name()] = op
	}
	return r
}

// handle is every operation of the recording services: in and out are the
// generated input and output structs.
func (r *rtRecorder) handle(op string, in, out any) error {
	shape := r.ops[op]
	r.mu.Lock()
	defer r.mu.Unlock()
	got, err := readStruct(r.m, r.m.Shape(shape.Input), reflect.ValueOf(in).Elem())
	if err == nil {
		r.got[op] = got
		err = fillStruct(r.m, r.m.Shape(shape.Output), reflect.ValueOf(out).Elem(), r.out[op])
	}
	if err != nil {
		r.errs[op] = err
	}
	return err
}

func (r *rtRecorder) expect(op string, out map[string]any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.out[op] = out
	delete(r.got, op)
	delete(r.errs, op)
}

func (r *rtRecorder) received(op string) (map[string]any, bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	got, ok := r.got[op]
	return got, ok, r.errs[op]
}

// sdkCaller calls an operation of an SDK client by name: it returns the
// client's input type and a function that sends an input of that type.
type sdkCaller func(op string) (reflect.Type, func(in reflect.Value) (reflect.Value, error), bool)

// v2Caller calls Op(ctx, *OpInput, ...func(*Options)) of an SDK v2 client.
func v2Caller(client any) sdkCaller {
	return func(op string) (reflect.Type, func(reflect.Value) (reflect.Value, error), bool) {
		meth := reflect.ValueOf(client).MethodByName(op)
		if !meth.IsValid() {
			return nil, nil, false
		}
		return meth.Type().In(1).Elem(), func(in reflect.Value) (reflect.Value, error) {
			res := meth.Call([]reflect.Value{reflect.ValueOf(context.Background()), in})
			err, _ := res[1].Interface().(error)
			return res[0], err
		}, true
	}
}

// v1Caller calls Op(*OpInput) of an SDK v1 client.
func v1Caller(client any) sdkCaller {
	return func(op string) (reflect.Type, func(reflect.Value) (reflect.Value, error), bool) {
		meth := reflect.ValueOf(client).MethodByName(op)
		if !meth.IsValid() {
			return nil, nil, false
		}
		return meth.Type().In(0).Elem(), func(in reflect.Value) (reflect.Value, error) {
			res := meth.Call([]reflect.Value{in})
			err, _ := res[1].Interface().(error)
			return res[0], err
		}, true
	}
}

func loadService(t *testing.T, file string) (*model.Model, []*model.Shape) {
	t.Helper()
	m, err := model.LoadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := m.Service("")
	if err != nil {
		t.Fatal(err)
	}
	return m, m.Operations(svc)
}

// treeDiff compares trees; timestamps are equal when they are the same
// instant, whatever their location.
func treeDiff(want, got map[string]any) string {
	return cmp.Diff(want, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) }))
}

// roundTrip runs one subtest per operation and reports how many passed.
func roundTrip(t *testing.T, svc rtService, rt *roundTripper, ops []*model.Shape) {
	if svc.iface.NumMethod() != len(ops) {
		t.Errorf("the generated Service has %d operations, the model %d", svc.iface.NumMethod(), len(ops))
	}
	passed := 0
	for _, op := range ops {
		t.Run(op.ID.Name(), func(t *testing.T) {
			rt.run(t, op)
			if !t.Failed() {
				passed++
			}
		})
	}
	fmt.Printf("%s: %d/%d operations round-trip\n", svc.label, passed, len(ops))
}

// roundTripper sends each operation through a client and the generated
// server to the recorder and back.
type roundTripper struct {
	m      *model.Model
	vm     *valueMaker
	rec    *rtRecorder
	wire   *wireLog
	call   sdkCaller
	pinned map[string]map[string]any
	// pinnedOut are output members, by operation, that the server sets
	// itself whatever the service answered.
	pinnedOut map[string]map[string]any
}

func (rt *roundTripper) run(t *testing.T, op *model.Shape) {
	name := op.ID.Name()
	inTree, err := rt.vm.operationInput(op)
	if err != nil {
		t.Fatal(err)
	}
	for member, v := range rt.pinned[name] {
		inTree[member] = v
	}
	if eventStreamOf(rt.m, op.Input) != nil {
		t.Fatal("the round trips do not send input event streams; bidirectional_test.go does")
	}
	outTree, err := rt.vm.operationOutput(op)
	if err != nil {
		t.Fatal(err)
	}
	for member, v := range rt.pinnedOut[name] {
		outTree[member] = v
	}
	inType, send, ok := rt.call(name)
	if !ok {
		t.Fatalf("the client has no operation %s", name)
	}
	in := reflect.New(inType)
	if err := fillStruct(rt.m, rt.m.Shape(op.Input), in.Elem(), inTree); err != nil {
		t.Fatalf("client input: %v", err)
	}
	rt.rec.expect(name, outTree)
	res, err := send(in)
	got, called, svcErr := rt.rec.received(name)
	if svcErr != nil {
		t.Fatalf("the fake service failed: %v", svcErr)
	}
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if !called {
		t.Fatal("the service was not called")
	}
	if diff := treeDiff(rt.wire.decodedInput(rt.m, op, inTree), got); diff != "" {
		t.Errorf("input decoded by the server (-sent +decoded):\n%s", diff)
	}
	rt.wire.checkResponse(t, rt.m, op, outTree)
	gotOut, err := readStruct(rt.m, rt.m.Shape(op.Output), res.Elem())
	if err != nil {
		t.Fatalf("client output: %v", err)
	}
	if stream := eventStreamOf(rt.m, op.Output); stream != nil {
		events, err := readEvents(rt.m, rt.m.Target(stream), res.MethodByName("GetStream").Call(nil)[0].Interface())
		if err != nil {
			t.Errorf("client stream: %v", err)
		}
		gotOut[stream.Name] = events
	}
	if diff := treeDiff(outTree, gotOut); diff != "" {
		t.Errorf("output decoded by the client (-answered +decoded):\n%s", diff)
	}
}

// rtService is one service of the round trips: its model, its generated
// server around a recorder, and a client of the AWS SDK pointed at it.
type rtService struct {
	label  string
	model  string
	iface  reflect.Type // the generated Service
	serve  func(rec *rtRecorder) http.Handler
	client func(t *testing.T, endpoint string, hc *http.Client) sdkCaller
	// pinned are input members, by operation, that the client sets
	// itself whatever its caller gave.
	pinned map[string]map[string]any
	// pinnedOut are output members, by operation, that the server sets
	// itself whatever the service answered.
	pinnedOut map[string]map[string]any
}

var rtServices = []rtService{
	{
		label: "identity",
		model: identityModelFile,
		iface: reflect.TypeOf((*idsrv.Service)(nil)).Elem(),
		serve: func(rec *rtRecorder) http.Handler {
			return idsrv.NewHandler(identityRecording{rtRecorder: rec}, idsrv.WithLogger(discardLogger()))
		},
		client: func(_ *testing.T, endpoint string, hc *http.Client) sdkCaller {
			return v2Caller(v2Client(idsdk.New, endpoint, hc))
		},
	},
	{
		label: "legacy chime",
		model: chimeModelFile,
		iface: reflect.TypeOf((*chimesrv.Service)(nil)).Elem(),
		serve: func(rec *rtRecorder) http.Handler {
			return chimesrv.NewHandler(chimeRecording{rtRecorder: rec}, chimesrv.WithLogger(discardLogger()))
		},
		client: func(t *testing.T, endpoint string, hc *http.Client) sdkCaller {
			// A CA bundle in the environment makes v1 replace the
			// transport of the HTTP client, which it refuses to do for
			// one it did not create.
			t.Setenv("AWS_CA_BUNDLE", "")
			sess, err := session.NewSession(legacyConfig(endpoint, hc))
			if err != nil {
				t.Fatal(err)
			}
			return v1Caller(chimev1.New(sess))
		},
	},
	{
		label: "apigateway",
		model: apigatewayModelFile,
		iface: reflect.TypeOf((*apigwsrv.Service)(nil)).Elem(),
		serve: func(rec *rtRecorder) http.Handler {
			return apigwsrv.NewHandler(apigatewayRecording{rtRecorder: rec}, apigwsrv.WithLogger(discardLogger()))
		},
		client: func(_ *testing.T, endpoint string, hc *http.Client) sdkCaller {
			return v2Caller(v2Client(apigwsdk.New, endpoint, hc))
		},
		// Every request of the API Gateway client says Accept:
		// application/json, GetExport's too, whose Accepts member is
		// that header.
		pinned: map[string]map[string]any{"GetExport": {"accepts": "application/json"}},
	},
	{
		label: "lambda",
		model: lambdaModelFile,
		iface: reflect.TypeOf((*lambdasrv.Service)(nil)).Elem(),
		serve: func(rec *rtRecorder) http.Handler {
			return lambdasrv.NewHandler(lambdaRecording{rtRecorder: rec}, lambdasrv.WithLogger(discardLogger()))
		},
		client: func(_ *testing.T, endpoint string, hc *http.Client) sdkCaller {
			return v2Caller(v2Client(lambdasdk.New, endpoint, hc))
		},
		// InvokeWithResponseStream binds ResponseStreamContentType to
		// Content-Type, which an event stream needs for itself.
		pinnedOut: map[string]map[string]any{
			"InvokeWithResponseStream": {"ResponseStreamContentType": "application/vnd.amazon.eventstream"},
		},
	},
	{
		label: "bedrock runtime",
		model: bedrockModelFile,
		iface: reflect.TypeOf((*bedrocksrv.Service)(nil)).Elem(),
		serve: func(rec *rtRecorder) http.Handler {
			return bedrocksrv.NewHandler(bedrockRecording{rtRecorder: rec}, bedrocksrv.WithLogger(discardLogger()))
		},
		client: func(_ *testing.T, endpoint string, hc *http.Client) sdkCaller {
			return v2Caller(v2Client(bedrocksdk.New, endpoint, hc))
		},
	},
	{
		// PutSnapshotBlock streams its input, GetSnapshotBlock its
		// output.
		label: "ebs",
		model: ebsModelFile,
		iface: reflect.TypeOf((*ebssrv.Service)(nil)).Elem(),
		serve: func(rec *rtRecorder) http.Handler {
			return ebssrv.NewHandler(ebsRecording{rtRecorder: rec}, ebssrv.WithLogger(discardLogger()))
		},
		client: func(_ *testing.T, endpoint string, hc *http.Client) sdkCaller {
			return v2Caller(v2Client(ebssdk.New, endpoint, hc))
		},
	},
}

// documentMakers make the document value of an SDK, by its Go type, from a
// JSON value.
var documentMakers = map[reflect.Type]func(any) any{
	reflect.TypeFor[bedrockdoc.Interface](): func(v any) any { return bedrockdoc.NewLazyDocument(v) },
}

// v2Client calls the New function of an AWS SDK for Go v2 service package
// with options that send every request to endpoint through hc, signed with
// fixed credentials and never retried. The Options types of the packages
// differ but share these fields.
func v2Client(newClient any, endpoint string, hc *http.Client) any {
	fn := reflect.ValueOf(newClient)
	opts := reflect.New(fn.Type().In(0)).Elem()
	set := func(field string, v any) { opts.FieldByName(field).Set(reflect.ValueOf(v)) }
	set("Region", "us-east-1")
	set("BaseEndpoint", aws.String(endpoint))
	set("Credentials", aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}, nil
	}))
	set("HTTPClient", hc)
	set("Retryer", aws.NopRetryer{})
	return fn.Call([]reflect.Value{opts})[0].Interface()
}

func TestRoundTrip(t *testing.T) {
	for _, svc := range rtServices {
		t.Run(svc.label, func(t *testing.T) {
			m, ops := loadService(t, svc.model)
			rec := newRecorder(m, ops)
			srv := httptest.NewServer(svc.serve(rec))
			defer srv.Close()
			wire := &wireLog{next: srv.Client().Transport}
			rt := &roundTripper{m: m, vm: newValueMaker(m), rec: rec, wire: wire, pinned: svc.pinned, pinnedOut: svc.pinnedOut,
				call: svc.client(t, srv.URL, &http.Client{Transport: wire})}
			roundTrip(t, svc, rt, ops)
		})
	}
}
