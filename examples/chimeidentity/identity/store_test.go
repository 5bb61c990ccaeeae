package identity

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	idsrv "github.com/smithygen/smithygen/output/chimesdkidentity"
)

func seed() *idsrv.CreateAppInstanceInput {
	return &idsrv.CreateAppInstanceInput{
		Name:               ptr("my-instance"),
		Metadata:           ptr(`{"team":"blue"}`),
		ClientRequestToken: ptr("token-0123456789"),
		Tags:               []idsrv.Tag{{Key: ptr("env"), Value: ptr("prod")}},
	}
}

func TestCreateIsIdempotent(t *testing.T) {
	ctx := context.Background()
	s := NewStore("us-east-1", "123456789012")
	first, err := s.CreateAppInstance(ctx, seed())
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.CreateAppInstance(ctx, seed())
	if err != nil || *again.AppInstanceArn != *first.AppInstanceArn {
		t.Fatalf("retry: %v, %v; want %s", again, err, *first.AppInstanceArn)
	}
	other := seed()
	other.Name = ptr("other")
	other.Tags = nil
	_, err = s.CreateAppInstance(ctx, other)
	var bad *idsrv.BadRequestException
	if !errors.As(err, &bad) || bad.ErrorMessage() != "ClientRequestToken token-0123456789 was already used with other parameters: Name, Tags differ" {
		t.Fatalf("same token, other parameters: %v", err)
	}
	fresh := seed()
	fresh.ClientRequestToken = ptr("token-other")
	second, err := s.CreateAppInstance(ctx, fresh)
	if err != nil || *second.AppInstanceArn == *first.AppInstanceArn {
		t.Fatalf("other token: %v, %v", second, err)
	}
}

func TestLifecycle(t *testing.T) {
	ctx := context.Background()
	s := NewStore("us-east-1", "123456789012")
	out, _ := s.CreateAppInstance(ctx, seed())
	arn := out.AppInstanceArn
	if _, err := s.UpdateAppInstance(ctx, &idsrv.UpdateAppInstanceInput{AppInstanceArn: arn, Name: ptr("renamed"), Metadata: ptr("m")}); err != nil {
		t.Fatal(err)
	}
	d, err := s.DescribeAppInstance(ctx, &idsrv.DescribeAppInstanceInput{AppInstanceArn: arn})
	if err != nil || *d.AppInstance.Name != "renamed" || *d.AppInstance.Metadata != "m" {
		t.Fatalf("describe: %v, %v", d, err)
	}
	if _, err := s.TagResource(ctx, &idsrv.TagResourceInput{ResourceARN: arn, Tags: []idsrv.Tag{{Key: ptr("env"), Value: ptr("dev")}, {Key: ptr("owner"), Value: ptr("ops")}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UntagResource(ctx, &idsrv.UntagResourceInput{ResourceARN: arn, TagKeys: []string{"owner"}}); err != nil {
		t.Fatal(err)
	}
	tags, _ := s.ListTagsForResource(ctx, &idsrv.ListTagsForResourceInput{ResourceARN: arn})
	if diff := cmp.Diff([]idsrv.Tag{{Key: ptr("env"), Value: ptr("dev")}}, tags.Tags); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}
	if _, err := s.DeleteAppInstance(ctx, &idsrv.DeleteAppInstanceInput{AppInstanceArn: arn}); err != nil {
		t.Fatal(err)
	}
	var nf *idsrv.BadRequestException
	if _, err := s.DescribeAppInstance(ctx, &idsrv.DescribeAppInstanceInput{AppInstanceArn: arn}); !errors.As(err, &nf) || nf.Code != idsrv.ErrorCodeNotFound {
		t.Errorf("describe after delete: %v", err)
	}
}

func TestListPages(t *testing.T) {
	ctx := context.Background()
	s := NewStore("us-east-1", "123456789012")
	var want []string
	for i := range 7 {
		in := seed()
		in.Name = ptr(fmt.Sprint("app-", i))
		in.ClientRequestToken = ptr(fmt.Sprint("token-", i))
		out, _ := s.CreateAppInstance(ctx, in)
		want = append(want, *out.AppInstanceArn)
	}
	var got []string
	var token *string
	for pages := 0; ; pages++ {
		if pages > 3 {
			t.Fatal("more pages than 7 instances in pages of 3 make")
		}
		out, err := s.ListAppInstances(ctx, &idsrv.ListAppInstancesInput{MaxResults: ptr[int32](3), NextToken: token})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range out.AppInstances {
			got = append(got, *a.AppInstanceArn)
		}
		if token = out.NextToken; token == nil {
			break
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("listed (-want +got):\n%s", diff)
	}
	var bad *idsrv.BadRequestException
	if _, err := s.ListAppInstances(ctx, &idsrv.ListAppInstancesInput{NextToken: ptr("bogus")}); !errors.As(err, &bad) {
		t.Errorf("bad token: %v", err)
	}
}
