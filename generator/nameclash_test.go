package generator_test

import (
	"net/http"
	"strings"
	"testing"

	nc "github.com/smithygen/smithygen/generator/internal/golden/nameclash"
)

// TestNameClash: the package built from shapes named like the runtime's
// identifiers, the generated helpers and each other serves requests, each
// member reaching its own field.
func TestNameClash(t *testing.T) {
	h := nc.NewHandler(nc.UnimplementedService{})
	body := `{"validate": "v", "Validate": "V", "String": "s", "value": {"Value": "x"},
		"label": {"Name": ""}, "labelName": "NOT-LOWER", "otherTags": [{}]}`
	resp, out := kitchenDo(t, h, "POST", "/handler", "application/json", body)
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("status %d, want 400: %s", resp.StatusCode, out)
	}
	for _, want := range []string{"'/label/Name'", "'/labelName'", "'/otherTags/0/B'"} {
		if !strings.Contains(out, want) {
			t.Errorf("the response does not report %s: %s", want, out)
		}
	}
	in := nc.HandlerInput{Validate__: ptr("v"), Validate_: ptr("V"), String: ptr("s"), Secret: ptr(secret)}
	if err := in.Validate(); err != nil {
		t.Errorf("Validate() = %v", err)
	}
	oops := &nc.Oops{Message_: ptr("m"), Message: ptr("M"), ErrorCode_: ptr("c"), Error_: ptr("e")}
	if oops.Error() != "Oops: m" || oops.ErrorCode() != "Oops" {
		t.Errorf("Error() = %q, ErrorCode() = %q", oops.Error(), oops.ErrorCode())
	}
	if nc.ColorRed_ != "red" {
		t.Errorf("ColorRed_ = %q", nc.ColorRed_)
	}
}
