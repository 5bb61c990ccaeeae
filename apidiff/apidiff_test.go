package apidiff

import (
	"encoding/json"

	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/smithygen/smithygen/internal/update"
	"github.com/smithygen/smithygen/model"
)

func compareFiles(t *testing.T, oldPath, newPath string) *Report {
	t.Helper()
	oldModel, err := model.LoadFile(oldPath)
	if err != nil {
		t.Fatal(err)
	}
	newModel, err := model.LoadFile(newPath)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Compare(oldModel, newModel, "")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestClassification compares hand-written model pairs, each way round,
// and expects exactly the listed changes: "severity kind shape".
func TestClassification(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []string
	}{
		{
			name: "operations", old: "ops.old.json", new: "ops.new.json",
			want: []string{
				"dangerous error-added Throttled",
				"safe shape-added Throttled",
				"safe operation-added AddWidget",
				"breaking operation-removed PingWidgets",
				"breaking http-route-changed GetWidget",
				"breaking http-code-changed DeleteWidget",
				"dangerous error-added Forbidden",
				"safe shape-added Forbidden",
				"dangerous error-removed Conflict",
				"breaking shape-removed Conflict",
				"breaking binding-changed ListWidgetsRequest$next",
				"safe documentation-changed GetWidget",
			},
		},
		{
			name: "operations reversed", old: "ops.new.json", new: "ops.old.json",
			want: []string{
				"dangerous error-removed Throttled",
				"breaking shape-removed Throttled",
				"breaking operation-removed AddWidget",
				"safe operation-added PingWidgets",
				"breaking http-route-changed GetWidget",
				"breaking http-code-changed DeleteWidget",
				"dangerous error-removed Forbidden",
				"breaking shape-removed Forbidden",
				"dangerous error-added Conflict",
				"safe shape-added Conflict",
				"breaking binding-changed ListWidgetsInput$next",
				"safe documentation-changed GetWidget",
			},
		},
		{
			name: "members", old: "members.old.json", new: "members.new.json",
			want: []string{
				"breaking member-removed Item$legacy",
				"safe member-added Item$weight",
				"breaking member-added Item$sku",
				"dangerous member-added Content$data",
				"breaking member-now-required Item$size",
				"dangerous member-no-longer-required Item$name",
				"breaking member-target-changed Item$color",
				"safe shape-added Color",
				"safe member-target-changed PutItemInput$comment",
				"breaking length-tightened PutItemInput$comment",
				"dangerous default-changed Item$count",
				"breaking default-added Item$price",
				"breaking binding-changed PutItemInput$note",
				"breaking timestamp-format-added PutItemInput$when",
				"safe idempotency-token-added PutItemInput$token",
				"safe sensitive-added Secret",
				"safe deprecated-added Item$old",
				"breaking shape-type-changed Label",
				"safe trait-changed Item",
			},
		},
		{
			name: "members reversed", old: "members.new.json", new: "members.old.json",
			want: []string{
				"safe member-added Item$legacy",
				"breaking member-removed Item$weight",
				"breaking member-removed Item$sku",
				"breaking member-removed Content$data",
				"dangerous member-no-longer-required Item$size",
				"breaking member-now-required Item$name",
				"breaking member-target-changed Item$color",
				"breaking shape-removed Color",
				"safe member-target-changed PutItemInput$comment",
				"safe length-loosened PutItemInput$comment",
				"dangerous default-changed Item$count",
				"breaking default-removed Item$price",
				"breaking binding-changed PutItemInput$note",
				"breaking timestamp-format-removed PutItemInput$when",
				"safe idempotency-token-removed PutItemInput$token",
				"safe sensitive-removed Secret",
				"safe deprecated-removed Item$old",
				"breaking shape-type-changed Label",
				"safe trait-changed Item",
			},
		},
		{
			name: "constraints", old: "constraints.old.json", new: "constraints.new.json",
			want: []string{
				"breaking length-tightened Name",
				"breaking length-tightened Title",
				"safe range-loosened Count",
				"breaking pattern-changed Code",
				"breaking pattern-added Zip",
				"breaking unique-items-added TagList",
				"breaking enum-value-removed Color$RED",
				"breaking enum-value-changed Color$GREEN",
				"dangerous enum-value-added Color$PURPLE",
				"dangerous enum-value-added Level$MID",
				"safe length-loosened SetLimitsInput$note",
			},
		},
		{
			name: "constraints reversed", old: "constraints.new.json", new: "constraints.old.json",
			want: []string{
				"safe length-loosened Name",
				"breaking length-tightened Title",
				"breaking range-tightened Count",
				"breaking pattern-changed Code",
				"safe pattern-removed Zip",
				"safe unique-items-removed TagList",
				"dangerous enum-value-added Color$RED",
				"breaking enum-value-changed Color$GREEN",
				"breaking enum-value-removed Color$PURPLE",
				"breaking enum-value-removed Level$MID",
				"breaking length-tightened SetLimitsInput$note",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := compareFiles(t, filepath.Join("testdata", tt.old), filepath.Join("testdata", tt.new))
			var got []string
			for _, c := range r.Changes {
				got = append(got, fmt.Sprintf("%s %s %s", c.Severity, c.Kind, label(c.Shape)))
			}
			want := append([]string{}, tt.want...)
			sort.Strings(got)
			sort.Strings(want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("changes (-want +got):\n%s", diff)
			}
		})
	}
}

// TestGroups checks where changes are reported: a shape's changes under the
// only operation that uses it, or once among the shared shapes.
func TestGroups(t *testing.T) {
	r := compareFiles(t, "testdata/members.old.json", "testdata/members.new.json")
	for _, c := range r.Changes {
		switch shape := c.Shape.Name(); shape {
		case "Item", "Color":
			if c.Operation != "" || !cmp.Equal(c.Operations, []string{"GetItem", "PutItem"}) {
				t.Errorf("%s %s: operation %q, operations %v; want shared by GetItem, PutItem", c.Kind, c.Shape, c.Operation, c.Operations)
			}
		default:
			if c.Operation != "PutItem" || len(c.Operations) != 0 {
				t.Errorf("%s %s: operation %q, operations %v; want under PutItem", c.Kind, c.Shape, c.Operation, c.Operations)
			}
		}
	}
	golden(t, "members.txt", []byte(r.Text(false)))

	// An operation added or removed does not count among those a change
	// affects: it is a change of its own.
	r = compareFiles(t, "testdata/ops.old.json", "testdata/ops.new.json")
	for _, c := range r.Changes {
		if c.Kind == "shape-added" && c.Shape.Name() == "Throttled" {
			if want := []string{"DeleteWidget", "GetWidget", "ListWidgets"}; !cmp.Equal(c.Operations, want) {
				t.Errorf("Throttled added: operations %v, want %v", c.Operations, want)
			}
		}
	}
}

// TestQuiet checks that documentation changes show only when asked for.
func TestQuiet(t *testing.T) {
	r := compareFiles(t, "testdata/ops.old.json", "testdata/ops.new.json")
	const doc = "@documentation of GetWidget changed"
	if text := r.Text(false); strings.Contains(text, doc) || !strings.Contains(text, "(1 change to documentation") {
		t.Errorf("Text(false) shows the documentation change or does not count it:\n%s", text)
	}
	if text := r.Text(true); !strings.Contains(text, doc) {
		t.Errorf("Text(true) lacks %q:\n%s", doc, text)
	}
	for verbose, want := range map[bool]int{false: 11, true: 12} {
		out, err := r.JSON(verbose)
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Summary Summary
			Changes []Change
		}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatal(err)
		}
		if len(got.Changes) != want || got.Summary.Total != want || got.Summary.Hidden != 12-want {
			t.Errorf("JSON(%v): %d changes, summary %+v; want %d", verbose, len(got.Changes), got.Summary, want)
		}
	}
}

func TestCompareErrors(t *testing.T) {
	oldModel, err := model.LoadFile("testdata/ops.old.json")
	if err != nil {
		t.Fatal(err)
	}
	newModel, err := model.LoadFile("testdata/members.new.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Compare(oldModel, newModel, ""); err == nil || !strings.Contains(err.Error(), "example.widgets#Widgets") {
		t.Errorf("service missing from the new model: err = %v", err)
	}
	if _, err := Compare(oldModel, oldModel, "example.widgets#Nope"); err == nil {
		t.Error("unknown -service: no error")
	}
}

// TestRealUpdates compares two real updates of AWS models with golden
// reports.
func TestRealUpdates(t *testing.T) {
	const aws = "../model/testdata/aws"
	tests := []struct {
		name, file string
		check      func(t *testing.T, r *Report)
	}{
		{"identity", "chime-sdk-identity.json", func(t *testing.T, r *Report) {
			// The 2025 file is the 2024 one reformatted, with the arguments
			// of a booleanEquals in the endpoint rules swapped: nothing a
			// server sees.
			want := []string{"safe trait-changed com.amazonaws.chimesdkidentity#ChimeIdentityService @smithy.rules#endpointRuleSet of ChimeIdentityService changed"}
			var got []string
			for _, c := range r.Changes {
				got = append(got, fmt.Sprintf("%s %s %s %s", c.Severity, c.Kind, c.Shape, c.Message))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("changes (-want +got):\n%s", diff)
			}
			if r.Breaking() {
				t.Error("Breaking() = true")
			}
		}},
		{"chime", "chime.json", func(t *testing.T, r *Report) {
			removed := 0
			for _, c := range r.Changes {
				switch {
				case c.Kind == "operation-removed" && c.Severity == Breaking:
					removed++
				case !c.quiet():
					t.Errorf("unexpected change: %+v", c)
				}
			}
			if removed != 129 {
				t.Errorf("%d operations removed, want 129", removed)
			}
			if !strings.Contains(r.Text(false), "Operation CreateAppInstance\n  breaking   operation CreateAppInstance (POST /app-instances) removed\n") {
				t.Error("CreateAppInstance is not reported removed")
			}
			if !r.Breaking() {
				t.Error("Breaking() = false")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := compareFiles(t, filepath.Join(aws, "2024-06", tt.file), filepath.Join(aws, "2025-04", tt.file))
			tt.check(t, r)
			golden(t, tt.name+".txt", []byte(r.Text(false)))
			out, err := r.JSON(false)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name+".json", out)
		})
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update.Golden {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./apidiff -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s\nIf the change is intended, run go test ./apidiff -update.", path, diff)
	}
}
