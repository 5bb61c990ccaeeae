package generator_test

import (
	"strings"
	"testing"

	nl "github.com/smithygen/smithygen/generator/internal/golden/nestedlists"
)

// TestNestedListPaths: a violation inside a list of lists, or a list in a
// map, is reported at a path that names each index and key once, as a
// JSON pointer; the empty key is a segment of its own.
func TestNestedListPaths(t *testing.T) {
	bad := nl.ConB{Nice: ptr("x")}
	good := nl.ConB{Nice: ptr("ok")}
	for _, tt := range []struct {
		in   nl.ConA
		path string
	}{
		{nl.ConA{ConBList: [][]nl.ConB{{good}, {good, bad}}}, "/conA/conBList/1/1/nice"},
		{nl.ConA{ConBList: [][]nl.ConB{{good, good, good}}}, "/conA/conBList/0"},
		{nl.ConA{ConBUnions: [][]nl.ConBUnion{nil, {&nl.ConBUnionMemberNice{Value: "x"}}}}, "/conA/conBUnions/1/0/nice"},
		{nl.ConA{ConBMap: map[string][]nl.ConB{"k": {good, bad}}}, "/conA/conBMap/k/1/nice"},
		{nl.ConA{ConBMap: map[string][]nl.ConB{"": {bad}}}, "/conA/conBMap//0/nice"},
		{nl.ConA{ConBMap: map[string][]nl.ConB{"": {good, good, good}}}, "/conA/conBMap/"},
	} {
		err := (&nl.PutInput{ConA: &tt.in}).Validate()
		if err == nil || !strings.Contains(err.Error(), "at '"+tt.path+"'") {
			t.Errorf("%+v: Validate() = %v, want a violation at %s", tt.in, err, tt.path)
		}
	}
	if err := (&nl.PutInput{ConA: &nl.ConA{ConBList: [][]nl.ConB{{good}}, ConBMap: map[string][]nl.ConB{"": {good}}}}).Validate(); err != nil {
		t.Errorf("a valid input: Validate() = %v", err)
	}
}
