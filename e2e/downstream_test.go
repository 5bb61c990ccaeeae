package e2e

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDownstreamModule is the README's "Using smithygen in your repo",
// typed as a user would: a new module that gets smithygen as a tool (from
// this clone, through a replace, since the module is not published), the
// generate directive, a file of the user's that implements Service, go mod
// tidy, CI's freshness check, and a model update.
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
	useModels := func(version string) {
		t.Helper()
		for _, model := range []string{"chime-sdk-identity", "chime"} {
			src, err := os.ReadFile(filepath.Join(root, "model", "testdata", "aws", version, model+".json"))
			if err != nil {
				t.Fatal(err)
			}
			write(filepath.Join("models", model+".json"), string(src))
		}
	}
	goCmd(t, dir, "mod", "init", "example.com/downstream")
	goCmd(t, dir, "mod", "edit", "-replace", "github.com/smithygen/smithygen="+root)
	goCmd(t, dir, "get", "-tool", "github.com/smithygen/smithygen/cmd/smithygen@v0.1.0")
	useModels("2024-06")

	// doc.go is the user's: the package comment and the go:generate line.
	docGo := func(pkg, model string) string {
		return "// Package " + pkg + " serves " + model + ".\npackage " + pkg + "\n\n" +
			"//go:generate go tool smithygen -model ../models/" + model + ".json -out .\n"
	}
	write("identityapi/doc.go", docGo("identityapi", "chime-sdk-identity"))
	write("chimeapi/doc.go", docGo("chimeapi", "chime"))
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
	http.ListenAndServe("127.0.0.1:0", mux)
}
`)

	goCmd(t, dir, "mod", "tidy")
	goCmd(t, dir, "generate", "./...")
	goCmd(t, dir, "mod", "tidy")
	goCmd(t, dir, "build", "./...")
	goCmd(t, dir, "vet", "./...")
	if out := goCmd(t, dir, "tool", "smithygen", "-version"); !strings.HasPrefix(out, "smithygen v0.1.0 (replaced by "+root+")") {
		t.Errorf("go tool smithygen -version: %q, want the required version and the replace", out)
	}
	check := func(pkg, model string) (int, string) {
		t.Helper()
		return goStatus(t, dir, "tool", "smithygen", "-model", "models/"+model+".json", "-out", pkg, "-check")
	}
	for pkg, model := range map[string]string{"identityapi": "chime-sdk-identity", "chimeapi": "chime"} {
		if status, out := check(pkg, model); status != 0 {
			t.Errorf("-check of a fresh %s: exit %d\n%s", pkg, status, out)
		}
	}

	// CI must tell a stale package (1) from a mistake in the command (2).
	service := filepath.Join(dir, "identityapi", "service.go")
	fresh, err := os.ReadFile(service)
	if err != nil {
		t.Fatal(err)
	}
	write("identityapi/service.go", strings.Replace(string(fresh), "NewHandler returns", "NewHandler Returns", 1))
	if status, out := check("identityapi", "chime-sdk-identity"); status != 1 || !strings.Contains(out, "go generate ./...") {
		t.Errorf("-check of a stale file: exit %d, want 1 and what to run\n%s", status, out)
	}
	write("identityapi/service.go", string(fresh))
	if status, out := check("identityapi", "chime-sdk-idnetity"); status != 2 {
		t.Errorf("-check with a missing model: exit %d, want 2\n%s", status, out)
	}

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
	write("new/chime.json", readFile(t, filepath.Join(root, "model", "testdata", "aws", "2025-04", "chime.json")))
	if out := goCmd(t, dir, "tool", "smithygen", "diff", "-old", "models/chime.json", "-new", "new/chime.json"); !strings.Contains(out, "129 breaking") {
		t.Errorf("go tool smithygen diff does not report the removed operations:\n%.500s", out)
	}
	useModels("2025-04")
	goCmd(t, dir, "generate", "./...")
	goCmd(t, dir, "build", "./...")
	goCmd(t, dir, "vet", "./...")
	for pkg, model := range map[string]string{"identityapi": "chime-sdk-identity", "chimeapi": "chime"} {
		if status, out := check(pkg, model); status != 0 {
			t.Errorf("-check of %s after the update: exit %d\n%s", pkg, status, out)
		}
	}

	identityAfter := modTimes(t, filepath.Join(dir, "identityapi"))
	for name, mtime := range identityAfter {
		if !mtime.Equal(identityBefore[name]) {
			t.Errorf("identityapi/%s was rewritten though the API did not change", name)
		}
	}
	chimeAfter := modTimes(t, filepath.Join(dir, "chimeapi"))
	if _, ok := chimeAfter["api_op_CreateAppInstance.go"]; ok {
		t.Error("the file of the removed CreateAppInstance is still there")
	}
	for pkg, src := range map[string]string{"identityapi/server.go": identityServer, "chimeapi/server.go": chimeServer} {
		if got := readFile(t, filepath.Join(dir, pkg)); got != src {
			t.Errorf("the user's %s changed", pkg)
		}
	}
	var removed, rewritten, kept int
	for name, old := range chimeBefore {
		switch mtime, ok := chimeAfter[name]; {
		case !ok:
			removed++
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

// goCmd runs the go command in dir and returns its output; it fails the
// test unless the command succeeds.
func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	status, out := goStatus(t, dir, args...)
	if status != 0 {
		t.Fatalf("go %s: exit %d\n%s", strings.Join(args, " "), status, out)
	}
	return out
}

// goStatus runs the go command in dir as a user's shell would, and returns
// its exit status and output.
func goStatus(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOPROXY="+unpublishedProxy(t))
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return exit.ExitCode(), string(out)
	case err != nil:
		t.Fatalf("go %s: %v", strings.Join(args, " "), err)
	}
	return 0, string(out)
}

// unpublishedProxy is the user's GOPROXY, made to fall through to "off"
// on any error. `go get` asks the proxy whether the longer paths of
// cmd/smithygen are modules of their own before it settles on the
// replaced one; for a module that is not published some proxies answer
// that with an error (403) instead of "not found", which would stop it.
func unpublishedProxy(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOPROXY").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(strings.TrimSpace(string(out)), ",", "|") + "|off"
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
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
