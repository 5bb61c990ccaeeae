package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDownstreamModule is the workflow of a user's repository: a module
// that requires smithygen, a go:generate line, a file of the user's that
// implements Service, CI's freshness check, and a model update.
func TestDownstreamModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module with the go command")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	models := filepath.Join(root, "model", "testdata", "aws")
	write("go.mod", "module example.com/downstream\n\ngo 1.24\n\nrequire github.com/smithygen/smithygen v0.0.0\n\nreplace github.com/smithygen/smithygen => "+root+"\n")
	// doc.go is the user's: the package comment and the go:generate line.
	docGo := func(pkg, model, version string) string {
		return "// Package " + pkg + " serves " + model + ".\npackage " + pkg + "\n\n" +
			"//go:generate go run github.com/smithygen/smithygen/cmd/smithygen -model " + filepath.Join(models, version, model+".json") + " -out .\n"
	}
	write("identityapi/doc.go", docGo("identityapi", "chime-sdk-identity", "2024-06"))
	write("chimeapi/doc.go", docGo("chimeapi", "chime", "2024-06"))
	identityServer := `package identityapi

import "context"

// Server is the user's implementation: one operation written, the rest
// answered by UnimplementedService.
type Server struct{ UnimplementedService }

func (Server) CreateAppInstance(ctx context.Context, in *CreateAppInstanceInput) (*CreateAppInstanceOutput, error) {
	arn := "arn:aws:chime:us-east-1:123456789012:app-instance/" + *in.ClientRequestToken
	return &CreateAppInstanceOutput{AppInstanceArn: &arn}, nil
}
`
	chimeServer := "package chimeapi\n\n// Server answers every operation with 501 for now.\ntype Server struct{ UnimplementedService }\n"
	write("identityapi/server.go", identityServer)
	write("chimeapi/server.go", chimeServer)
	write("main.go", `package main

import (
	"net/http"

	"example.com/downstream/chimeapi"
	"example.com/downstream/identityapi"
)

func main() {
	mux := http.NewServeMux()
	mux.Handle("/app-instances", identityapi.NewHandler(identityapi.Server{}))
	mux.Handle("/", chimeapi.NewHandler(chimeapi.Server{}))
	http.ListenAndServe("localhost:0", mux)
}
`)

	goCmd(t, dir, "mod", "tidy")
	goCmd(t, dir, "generate", "./...")
	goCmd(t, dir, "build", "./...")
	goCmd(t, dir, "vet", "./...")
	check := func(pkg, model, version string) {
		t.Helper()
		goCmd(t, dir, "run", "github.com/smithygen/smithygen/cmd/smithygen", "-model", filepath.Join(models, version, model+".json"), "-out", pkg, "-check")
	}
	check("identityapi", "chime-sdk-identity", "2024-06")
	check("chimeapi", "chime", "2024-06")

	identityBefore := modTimes(t, filepath.Join(dir, "identityapi"))
	chimeBefore := modTimes(t, filepath.Join(dir, "chimeapi"))
	if _, ok := chimeBefore["api_op_CreateAppInstance.go"]; !ok {
		t.Fatal("no file for legacy CreateAppInstance")
	}
	time.Sleep(10 * time.Millisecond) // let a rewrite show in the modification time

	// The model update. The identity API did not change (only endpoint
	// rules did), so nothing is rewritten; AWS removed the messaging
	// operations from legacy Chime, so their files go, what changed is
	// rewritten, and the rest, and the user's files, stay as they were.
	write("identityapi/doc.go", docGo("identityapi", "chime-sdk-identity", "2025-04"))
	write("chimeapi/doc.go", docGo("chimeapi", "chime", "2025-04"))
	goCmd(t, dir, "generate", "./...")
	goCmd(t, dir, "build", "./...")
	goCmd(t, dir, "vet", "./...")
	check("identityapi", "chime-sdk-identity", "2025-04")
	check("chimeapi", "chime", "2025-04")

	identityAfter := modTimes(t, filepath.Join(dir, "identityapi"))
	for name, mtime := range identityAfter {
		if name != "doc.go" && !mtime.Equal(identityBefore[name]) {
			t.Errorf("identityapi/%s was rewritten though the API did not change", name)
		}
	}
	chimeAfter := modTimes(t, filepath.Join(dir, "chimeapi"))
	if _, ok := chimeAfter["api_op_CreateAppInstance.go"]; ok {
		t.Error("the file of the removed CreateAppInstance is still there")
	}
	for pkg, src := range map[string]string{"identityapi/server.go": identityServer, "chimeapi/server.go": chimeServer} {
		if got, _ := os.ReadFile(filepath.Join(dir, pkg)); string(got) != src {
			t.Errorf("the user's %s changed", pkg)
		}
	}
	var removed, rewritten, kept int
	for name, old := range chimeBefore {
		switch mtime, ok := chimeAfter[name]; {
		case !ok:
			removed++
		case name == "doc.go":
		case mtime.Equal(old):
			kept++
		default:
			rewritten++
		}
	}
	if removed != 129 {
		t.Errorf("%d files removed, want the 129 of the removed operations", removed)
	}
	if kept == 0 {
		t.Error("every file was rewritten; unchanged ones should be left alone")
	}
	t.Logf("legacy Chime update: %d files removed, %d rewritten, %d untouched", removed, rewritten, kept)
}

func goCmd(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func modTimes(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	times := map[string]time.Time{}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		times[e.Name()] = info.ModTime()
	}
	return times
}
