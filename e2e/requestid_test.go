package e2e

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	idsdk "github.com/aws/aws-sdk-go-v2/service/chimesdkidentity"

	idsrv "github.com/smithygen/smithygen/output/chimesdkidentity"
)

// requestIDService answers CreateAppInstance with the request ID it reads
// from its context as the ARN, and fails DescribeAppInstance.
type requestIDService struct{ idsrv.UnimplementedService }

func (requestIDService) CreateAppInstance(ctx context.Context, _ *idsrv.CreateAppInstanceInput) (*idsrv.CreateAppInstanceOutput, error) {
	return &idsrv.CreateAppInstanceOutput{AppInstanceArn: aws.String(idsrv.RequestIDFromContext(ctx))}, nil
}

// The v2 client finds the request ID of successes and of errors where it
// looks for an AWS service's, and it is the one the service saw.
func TestRequestIDReachesTheV2Client(t *testing.T) {
	client := identityClient(t, idsrv.NewHandler(requestIDService{}))
	out, err := client.CreateAppInstance(context.Background(), seedInput())
	if err != nil {
		t.Fatal(err)
	}
	id, ok := awsmiddleware.GetRequestIDMetadata(out.ResultMetadata)
	if !ok || len(id) != 36 || id != aws.ToString(out.AppInstanceArn) {
		t.Errorf("client's request ID %q, the service's %q", id, aws.ToString(out.AppInstanceArn))
	}

	_, err = client.DescribeAppInstance(context.Background(), &idsdk.DescribeAppInstanceInput{AppInstanceArn: aws.String(appInstanceArn)})
	var re *awshttp.ResponseError
	if !errors.As(err, &re) || len(re.ServiceRequestID()) != 36 {
		t.Fatalf("error %v carries no request ID", err)
	}
	if re.ServiceRequestID() == id {
		t.Errorf("two requests share the ID %s", id)
	}
}
