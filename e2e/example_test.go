package e2e

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	idsdk "github.com/aws/aws-sdk-go-v2/service/chimesdkidentity"
	idtypes "github.com/aws/aws-sdk-go-v2/service/chimesdkidentity/types"
	"github.com/google/go-cmp/cmp"

	"github.com/smithygen/smithygen/examples/chimeidentity/identity"
)

// exampleClient serves the example service, SigV4 on, and returns a v2
// client signing for it.
func exampleClient(t *testing.T) *idsdk.Client {
	t.Helper()
	srv := httptest.NewServer(identity.NewServer(identity.Config{
		Region: "us-east-1", Account: "123456789012",
		Keys:   map[string]string{sigv4Key: sigv4Secret},
		Logger: discardLogger(),
	}))
	t.Cleanup(srv.Close)
	return sigv4V2Client(srv, func(*idsdk.Options) {})
}

// The seed's call, its idempotency, and the rest of an app instance's life
// through the v2 client.
func TestExampleService(t *testing.T) {
	ctx := context.Background()
	client := exampleClient(t)
	first, err := client.CreateAppInstance(ctx, seedInput())
	if err != nil {
		t.Fatal(err)
	}
	arn := aws.ToString(first.AppInstanceArn)
	if !strings.HasPrefix(arn, "arn:aws:chime:us-east-1:123456789012:app-instance/") {
		t.Fatalf("AppInstanceArn = %q", arn)
	}
	again, err := client.CreateAppInstance(ctx, seedInput())
	if err != nil || aws.ToString(again.AppInstanceArn) != arn {
		t.Fatalf("same token and parameters: %v, %v; want %s", again, err, arn)
	}
	other := seedInput()
	other.Metadata = aws.String("other")
	_, err = client.CreateAppInstance(ctx, other)
	var bad *idtypes.BadRequestException
	if !errors.As(err, &bad) || !strings.Contains(bad.ErrorMessage(), "Metadata") {
		t.Fatalf("same token, other parameters: %v", err)
	}

	d, err := client.DescribeAppInstance(ctx, &idsdk.DescribeAppInstanceInput{AppInstanceArn: aws.String(arn)})
	if err != nil || aws.ToString(d.AppInstance.Name) != "my-instance" || aws.ToString(d.AppInstance.Metadata) != `{"team":"blue"}` {
		t.Fatalf("DescribeAppInstance: %v, %v", d, err)
	}
	if _, err := client.UpdateAppInstance(ctx, &idsdk.UpdateAppInstanceInput{AppInstanceArn: aws.String(arn), Name: aws.String("renamed"), Metadata: aws.String("m")}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.TagResource(ctx, &idsdk.TagResourceInput{ResourceARN: aws.String(arn), Tags: []idtypes.Tag{{Key: aws.String("team"), Value: aws.String("blue")}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.UntagResource(ctx, &idsdk.UntagResourceInput{ResourceARN: aws.String(arn), TagKeys: []string{"owner"}}); err != nil {
		t.Fatal(err)
	}
	tags, err := client.ListTagsForResource(ctx, &idsdk.ListTagsForResourceInput{ResourceARN: aws.String(arn)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tag := range tags.Tags {
		got = append(got, aws.ToString(tag.Key)+"="+aws.ToString(tag.Value))
	}
	if diff := cmp.Diff([]string{"env=prod", "team=blue"}, got); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}
	if _, err := client.DeleteAppInstance(ctx, &idsdk.DeleteAppInstanceInput{AppInstanceArn: aws.String(arn)}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.DescribeAppInstance(ctx, &idsdk.DescribeAppInstanceInput{AppInstanceArn: aws.String(arn)}); !errors.As(err, &bad) || bad.Code != idtypes.ErrorCodeNotFound {
		t.Errorf("DescribeAppInstance after delete: %v", err)
	}
}

// The v2 client's paginator walks ListAppInstances through NextToken.
func TestExampleServicePages(t *testing.T) {
	ctx := context.Background()
	client := exampleClient(t)
	var want []string
	for i := range 7 {
		in := seedInput()
		in.Name = aws.String(fmt.Sprint("app-", i))
		in.ClientRequestToken = aws.String(fmt.Sprint("token-", i, "-0123456789"))
		out, err := client.CreateAppInstance(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, aws.ToString(out.AppInstanceArn))
	}
	var got []string
	pages := 0
	p := idsdk.NewListAppInstancesPaginator(client, &idsdk.ListAppInstancesInput{MaxResults: aws.Int32(3)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, a := range page.AppInstances {
			got = append(got, aws.ToString(a.AppInstanceArn))
		}
	}
	if diff := cmp.Diff(want, got); diff != "" || pages != 3 {
		t.Errorf("%d pages; listed (-want +got):\n%s", pages, diff)
	}
}
