package chimesdkidentity

// White-box benchmarks of the generated code, beside their encoding/json
// baselines. This file is not generated: smithygen leaves it alone. See
// bench/ for the request path and the generator, and BENCHMARKS.md.

import (
	"encoding/json"
	"testing"
	"time"
)

func describeOutput() *DescribeAppInstanceOutput {
	created := time.Date(2024, 6, 1, 12, 30, 45, 123000000, time.UTC)
	updated := created.Add(36 * time.Hour)
	return &DescribeAppInstanceOutput{AppInstance: &AppInstance{
		AppInstanceArn:       ptr("arn:aws:chime:us-east-1:123456789012:app-instance/87a3f9c2-3f5e-4b1a-9c4d-0e2f6a7b8c9d"),
		CreatedTimestamp:     &created,
		LastUpdatedTimestamp: &updated,
		Metadata:             ptr(`{"team":"blue","tier":"gold"}`),
		Name:                 ptr("my-instance"),
	}}
}

func ptr[T any](v T) *T { return &v }

// BenchmarkEncodeDescribeAppInstance writes the response body of
// DescribeAppInstance, every member set, as the handler does.
func BenchmarkEncodeDescribeAppInstance(b *testing.B) {
	out := describeOutput()
	x := &exchange{}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		x.out.reset()
		encodeDescribeAppInstanceResponse(x, out)
	}
	b.SetBytes(int64(len(x.out.bytes())))
}

// BenchmarkEncodeDescribeAppInstanceBaseline writes the same JSON with
// encoding/json and tagged structs, epoch seconds through a MarshalJSON.
func BenchmarkEncodeDescribeAppInstanceBaseline(b *testing.B) {
	type appInstance struct {
		AppInstanceArn       *string `json:",omitempty"`
		CreatedTimestamp     *epochSeconds
		LastUpdatedTimestamp *epochSeconds
		Metadata             *string `json:",omitempty"`
		Name                 *string `json:",omitempty"`
	}
	type output struct {
		AppInstance *appInstance `json:",omitempty"`
	}
	src := describeOutput().AppInstance
	created, updated := epochSeconds(*src.CreatedTimestamp), epochSeconds(*src.LastUpdatedTimestamp)
	out := &output{AppInstance: &appInstance{src.AppInstanceArn, &created, &updated, src.Metadata, src.Name}}
	b.ReportAllocs()
	var n int
	for i := 0; i < b.N; i++ {
		body, err := json.Marshal(out)
		if err != nil {
			b.Fatal(err)
		}
		n = len(body)
	}
	b.SetBytes(int64(n))
}

// epochSeconds marshals a time as the epoch-seconds number restJson1 uses.
type epochSeconds time.Time

func (t epochSeconds) MarshalJSON() ([]byte, error) {
	return []byte(formatEpochSeconds(time.Time(t))), nil
}

// BenchmarkValidateSeed checks the seed input of CreateAppInstance: Name,
// Metadata, token and two tags, all valid.
func BenchmarkValidateSeed(b *testing.B) {
	in := &CreateAppInstanceInput{
		Name:               ptr("my-instance"),
		Metadata:           ptr(`{"team":"blue"}`),
		ClientRequestToken: ptr("token-0123456789"),
		Tags: []Tag{
			{Key: ptr("env"), Value: ptr("prod")},
			{Key: ptr("owner"), Value: ptr("ops")},
		},
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := in.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}
