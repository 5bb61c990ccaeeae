package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const awsModels = "../../model/testdata/aws"

func TestDiffExitStatus(t *testing.T) {
	chimeOld := filepath.Join(awsModels, "2024-06", "chime.json")
	chimeNew := filepath.Join(awsModels, "2025-04", "chime.json")
	identityOld := filepath.Join(awsModels, "2024-06", "chime-sdk-identity.json")
	identityNew := filepath.Join(awsModels, "2025-04", "chime-sdk-identity.json")
	invalid := filepath.Join(t.TempDir(), "invalid.json")
	if err := os.WriteFile(invalid, []byte("{\n  \"smithy\": \"2.0\",\n  \"shapes\": {\n    \"a.b#C\": {\"type\": \"strin\"}\n  }\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		status int
		stdout string // in stdout, when not empty
		stderr string // in stderr, when not empty
	}{
		{"breaking without -fail-on-breaking", []string{"-old", chimeOld, "-new", chimeNew}, exitOK,
			"129 changes: 129 breaking, 0 dangerous, 0 safe (3 changes to documentation, or to traits the server does not use, left out; -v shows them)\n  service: ", ""},
		{"breaking with -fail-on-breaking", []string{"-old", chimeOld, "-new", chimeNew, "-fail-on-breaking"}, exitBreaking,
			"operation CreateAppInstance (POST /app-instances) removed", "breaking changes"},
		{"nothing breaking", []string{"-old", identityOld, "-new", identityNew, "-fail-on-breaking"}, exitOK,
			"no changes to the API (1 change to documentation, or to traits the server does not use, left out; -v shows it)\n", ""},
		{"verbose", []string{"-v", "-old", identityOld, "-new", identityNew}, exitOK,
			"@smithy.rules#endpointRuleSet of ChimeIdentityService changed", ""},
		{"service", []string{"-service", "com.amazonaws.chime#UCBuzzConsoleService", "-old", chimeOld, "-new", chimeNew}, exitOK, "", ""},
		{"unknown service", []string{"-service", "com.amazonaws.chime#Nope", "-old", chimeOld, "-new", chimeNew}, exitUsage,
			"", "com.amazonaws.chime#Nope: no such service"},
		{"bad flag", []string{"-nope"}, exitUsage, "", "flag provided but not defined"},
		{"missing -new", []string{"-old", chimeOld}, exitUsage, "", "-old and -new are required"},
		{"extra argument", []string{"-old", chimeOld, "-new", chimeNew, "more"}, exitUsage, "", `unexpected argument "more"`},
		{"missing file", []string{"-old", chimeOld, "-new", "nope.json"}, exitUsage, "", "-new nope.json: no such file"},
		{"invalid model", []string{"-old", invalid, "-new", chimeNew}, exitUsage, "", invalid + ":4:5: shape a.b#C: unknown shape type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			status := run(append([]string{"diff"}, tt.args...), &stdout, &stderr)
			if status != tt.status {
				t.Errorf("exit status %d, want %d; stderr:\n%s", status, tt.status, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, stdout.String())
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, stderr.String())
			}
		})
	}
}

func TestDiffJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	args := []string{"diff", "-json", "-fail-on-breaking",
		"-old", filepath.Join(awsModels, "2024-06", "chime.json"),
		"-new", filepath.Join(awsModels, "2025-04", "chime.json")}
	if status := run(args, &stdout, &stderr); status != exitBreaking {
		t.Fatalf("exit status %d, want %d; stderr:\n%s", status, exitBreaking, stderr.String())
	}
	var report struct {
		Summary struct{ Total, Breaking, Hidden int }
		Changes []struct{ Severity, Kind, Operation string }
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, stdout.String())
	}
	if report.Summary.Total != 129 || report.Summary.Breaking != 129 || report.Summary.Hidden != 3 || len(report.Changes) != 129 {
		t.Errorf("summary %+v with %d changes; want 129 breaking, 3 hidden", report.Summary, len(report.Changes))
	}
}
