package suggest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNearest(t *testing.T) {
	ops := []string{"CreateAppInstance", "CreateAppInstanceAdmin", "CreateAppInstanceUser", "DeleteAppInstance",
		"DescribeAppInstance", "ListAppInstances", "TagResource", "UntagResource"}
	tests := []struct {
		name string
		want []string
	}{
		{"CreateAppInstance", []string{"CreateAppInstance"}},
		{"createappinstance", []string{"CreateAppInstance"}},
		{"CreateAppInstanc", []string{"CreateAppInstance", "CreateAppInstanceUser", "DeleteAppInstance", "CreateAppInstanceAdmin"}},
		{"DescribeAppInstances", []string{"DescribeAppInstance", "DeleteAppInstance"}},
		{"Tag", []string{"TagResource", "UntagResource"}},
		{"ListAppInstance", []string{"ListAppInstances", "CreateAppInstance", "DeleteAppInstance"}},
		{"Frobnicate", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Nearest(tt.name, ops)); diff != "" {
			t.Errorf("Nearest(%q) (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestList(t *testing.T) {
	for want, names := range map[string][]string{
		"":          nil,
		"A":         {"A"},
		"A or B":    {"A", "B"},
		"A, B or C": {"A", "B", "C"},
	} {
		if got := List(names); got != want {
			t.Errorf("List(%q) = %q, want %q", names, got, want)
		}
	}
}
