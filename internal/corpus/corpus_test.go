package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPackageDir(t *testing.T) {
	for file, want := range map[string]string{
		"api-gateway-2015-07-09.json": "apigateway",
		"lambda-2015-03-31.json":      "lambda",
		"s3.json":                     "s3",
		"2fa-2020-01-01.json":         "p2fa",
	} {
		if got := PackageDir(file); got != want {
			t.Errorf("PackageDir(%q) = %q, want %q", file, got, want)
		}
	}
}

func TestPackageErrors(t *testing.T) {
	out := `# corpus.test/alpha
alpha/types.go:12:3: undefined: x
alpha/types.go:13:3: undefined: y
# corpus.test/beta
vet: beta/validators.go:4:1: declared and not used: v
`
	want := map[string]string{
		"alpha": "alpha/types.go:12:3: undefined: x",
		"beta":  "vet: beta/validators.go:4:1: declared and not used: v",
	}
	if diff := cmp.Diff(want, packageErrors([]byte(out))); diff != "" {
		t.Errorf("packageErrors (-want +got):\n%s", diff)
	}
}

// TestCheck runs the whole check over a model that generates a package
// that builds and one that the generator refuses.
func TestCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated package")
	}
	dir := t.TempDir()
	good, err := os.ReadFile("../../generator/testdata/legacy10.json")
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good-2020-01-01.json", string(good))
	write("bad-2020-01-01.json", `{"smithy": "2.0", "shapes": {"a#S": {"type": "strin"}}}`)
	res, err := Check(dir, t.TempDir(), testWriter{t})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Summary(), "1/2 generate, 1/2 build and vet clean"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	if len(res.Failures) != 1 || res.Failures[0].Model != "bad-2020-01-01.json" || res.Failures[0].Stage != "generate" ||
		!strings.Contains(res.Failures[0].Error, "unknown shape type") {
		t.Errorf("failures = %v", res.Failures)
	}
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}
