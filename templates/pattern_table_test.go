package templates

import (
	"bufio"
	"encoding/json"
	"os"
	"regexp"
	"testing"

	"github.com/smithygen/smithygen/internal/ecmaregex"
)

// tableRow is a line of internal/ecmaregex/testdata/patterns.jsonl, which
// internal/ecmaregex/patterntable derives from the AWS models with node
// and java as reference engines.
type tableRow struct {
	Pattern   string   `json:"pattern"`
	Reference string   `json:"reference"`
	Accept    []string `json:"accept"`
	Reject    []string `json:"reject"`
}

// TestPatternTable checks every distinct pattern of the AWS models: the
// runtime check the generator would emit for it (a character class, a
// regexp, or the look-around matcher) agrees with the reference engine on
// every string of the table, and the patterns the table records as refused
// are still refused.
func TestPatternTable(t *testing.T) {
	f, err := os.Open("../internal/ecmaregex/testdata/patterns.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	rows, refused, checked := 0, 0, 0
	for sc.Scan() {
		var r tableRow
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		rows++
		p, err := ecmaregex.Translate(r.Pattern)
		if r.Reference == "refused" {
			refused++
			if err == nil {
				t.Errorf("%q: translated, but the table says it is refused", r.Pattern)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", r.Pattern, err)
			continue
		}
		if p.Unicode != (r.Reference == "ecma-u") || p.Java != (r.Reference == "java") {
			t.Errorf("%q: read with the u flag %v, as Java %v; the table's reference is %s", r.Pattern, p.Unicode, p.Java, r.Reference)
		}
		match := emittedMatcher(p)
		for _, s := range r.Accept {
			checked++
			if !match(s) {
				t.Errorf("%q (%s) rejects %q", r.Pattern, r.Reference, s)
			}
		}
		for _, s := range r.Reject {
			checked++
			if match(s) {
				t.Errorf("%q (%s) accepts %q", r.Pattern, r.Reference, s)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if rows < 2000 {
		t.Fatalf("only %d rows", rows)
	}
	t.Logf("%d patterns, %d refused, %d strings checked", rows, refused, checked)
}

// emittedMatcher returns the check generated code makes for p.
func emittedMatcher(p *ecmaregex.Pattern) func(string) bool {
	switch {
	case p.Class != nil:
		return newCharClass(p.Class.NonEmpty, p.Class.Ranges).matches
	case len(p.Looks) > 0:
		looks := make([]lookaround, len(p.Looks))
		for i, l := range p.Looks {
			looks[i] = lookaround{behind: l.Behind, negative: l.Negative, re: l.RE2, marks: l.Marks}
		}
		return newLookMatcher(p.RE2, p.Marks, looks...).matches
	}
	return regexp.MustCompile(p.RE2).MatchString
}
