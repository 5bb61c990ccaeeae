package conformance

import (
	"fmt"
	"strings"
	"testing"
)

// Constraints beyond what Smithy's tests exercise, on the NestedConstraints
// operation of testdata/restjson.json: every number type with @range (the
// big ones and NaN too), constraints on members of structures in lists in
// maps, @uniqueItems over values Go cannot compare, several violations at
// once, and @sensitive values bound to the query string and headers. The
// messages follow the same rules as Smithy's (validate.go).

const nested = "/NestedConstraints/abc"

func TestNestedConstraints(t *testing.T) {
	patternItemID := "Member must satisfy regular expression pattern: ^[a-z0-9-]+$"
	cases := []smithyCase{
		invalid("label", "/NestedConstraints/XYZ", `{}`, field("/label", -1, patternAM)),
		invalid("sensitive query", nested+"?secret=S3NS1T1VE", `{}`, field("/secretQuery", -1, patternAM)),
		invalid("header range", nested, `{}`, field("/count", -1, "Member must be between 2 and 8, inclusive")),
		invalid("double NaN", nested, `{"double":"NaN"}`, field("/double", -1, "Member must be between -1.5 and 1.5, inclusive")),
		invalid("double infinity", nested, `{"double":"-Infinity"}`, field("/double", -1, "Member must be between -1.5 and 1.5, inclusive")),
		invalid("bigInteger", nested, `{"bigInteger":101}`, field("/bigInteger", -1, "Member must be between -100 and 100, inclusive")),
		invalid("bigInteger huge", nested, `{"bigInteger":-`+strings.Repeat("9", 300)+`}`, field("/bigInteger", -1, "Member must be between -100 and 100, inclusive")),
		invalid("bigDecimal just below", nested, `{"bigDecimal":0.09999999999999999999999}`, field("/bigDecimal", -1, "Member must be between 0.1 and 2.5, inclusive")),
		invalid("bigDecimal just above", nested, `{"bigDecimal":2.50000000000000000000001}`, field("/bigDecimal", -1, "Member must be between 0.1 and 2.5, inclusive")),
		invalid("map length", nested, `{"groups":{"aa":[],"bb":[],"cc":[],"dd":[]}}`, field("/groups", 4, "Member must have length less than or equal to 3")),
		invalid("nested required", nested, `{"groups":{"aa":[{"id":"a","child":{"id":"b","child":{}}}]}}`, field("/groups/aa/0/child/child/id", -1, notNull)),
		invalid("nested several", nested, `{"groups":{"aa":[{"id":"a"},{"id":"a","child":{"id":"BAD!","tags":["xx","xx"]}}]}}`,
			field("/groups/aa/1/child/id", -1, patternItemID), field("/groups/aa/1/child/tags", -1, unique)),
		invalid("nested list length", nested, `{"groups":{"aa":[{"id":"a"},{"id":"b"},{"id":"c"},{"id":"d"},{"id":"e"}]}}`, field("/groups/aa", 5, "Member must have length less than or equal to 4")),
		invalid("map key escaped in path", nested, `{"groups":{"a/b~":[{"child":{}}]}}`, field("/groups/a~1b~0/0/id", -1, notNull), field("/groups/a~1b~0/0/child/id", -1, notNull)),
		invalid("nested float NaN", nested, `{"items":[{"id":"a","ratio":"NaN"}]}`, field("/items/0/ratio", -1, "Member must be between 2.2 and 8.8, inclusive")),
		invalid("sensitive length", nested, `{"items":[{"id":"a","secret":"S3NS1T1VE-7f3a"}]}`, field("/items/0/secret", 14, "Member must have length between 2 and 8, inclusive")),
		invalid("documents", nested, `{"documents":[{"a":1,"b":[1,{"c":null}]},{"b":[1.0,{"c":null}],"a":1e0}]}`, field("/documents", -1, unique)),
		invalid("maps", nested, `{"maps":[{"a":"1","b":"2"},{"b":"2","a":"1"}]}`, field("/maps", -1, unique)),
		invalid("sparse nulls", nested, `{"sparse":["a",null,null]}`, field("/sparse", -1, unique)),
		invalid("big integers", nested, `{"bigIntegers":[12345678901234567890123,12345678901234567890123]}`, field("/bigIntegers", -1, unique)),
		invalid("floats", nested, `{"floats":[0.1,0.10000000149011612]}`, field("/floats", -1, unique)),
		invalid("floats signed zero", nested, `{"floats":[-0.0,0]}`, field("/floats", -1, unique)),
		invalid("nested lists", nested, `{"nested":[[["a"]],[["a"]]]}`, field("/nested", -1, unique)),
		invalid("nested lists inside", nested, `{"nested":[[["a"],["b"]],[["a"],["a"]]]}`, field("/nested/1", -1, unique)),
		invalid("timestamps", nested, `{"timestamps":[{"at":1.5},{"at":1.500}]}`, field("/timestamps", -1, unique)),
		invalid("intEnum", "/MalformedUniqueItems", `{"intEnumList":[1,4]}`, field("/intEnumList/1", -1, "Member must satisfy enum value set: [1, 2, 3]")),
		invalid("several places", "/NestedConstraints/XYZ?secret=S3NS1T1VE", `{"bigInteger":-101}`,
			field("/label", -1, patternAM), field("/secretQuery", -1, patternAM), field("/count", -1, "Member must be between 2 and 8, inclusive"), field("/bigInteger", -1, "Member must be between -100 and 100, inclusive")),
	}
	for i := range cases {
		if cases[i].id != "several places" && cases[i].id != "header range" {
			cases[i].req.headers = map[string]string{"Content-Type": "application/json", "X-Count": "2"}
		} else {
			cases[i].req.headers = map[string]string{"Content-Type": "application/json", "X-Count": "9"}
		}
	}
	// What is unique must pass.
	for i, body := range []string{
		`{"documents":[{"a":1},{"a":"1"},[1],1,"1",true]}`,
		`{"maps":[{"a":"1"},{"a":"2"},{"b":"1"},{}]}`,
		`{"sparse":["a",null,"b"]}`,
		`{"floats":[0.1,0.2,0,"NaN","NaN"]}`,
		`{"timestamps":[{"at":1.0001},{"at":1.0002},{}]}`,
		`{"nested":[[["a"],["b"]],[["b"],["a"]]]}`,
		`{"bigDecimal":0.1,"bigInteger":-100,"double":1.5}`,
		`{"bigDecimal":0.100,"bigInteger":100,"double":-1.5}`,
		`{"bigDecimal":2.50000000000000000000000}`,
	} {
		cases = append(cases, smithyCase{id: fmt.Sprint("unique ", i), req: request{method: "POST", uri: nested, headers: jsonHeaders, body: body}, status: 501, errType: "NotImplemented"})
	}
	runSmithyCases(t, cases)
}

// TestNestingLimit sends bodies nested deeper than the handler's limit (64
// by default): through a recursive structure, a recursive union and a
// document-free unknown member, each is a 400 that says where.
func TestNestingLimit(t *testing.T) {
	deepItem := strings.Repeat(`{"id":"a","child":`, 70) + `{"id":"a"}` + strings.Repeat(`}`, 70)
	deepUnion := `{"union":` + strings.Repeat(`{"union":`, 80) + `{"string":"abc"}` + strings.Repeat(`}`, 81)
	deepUnknown := `{"unknown":` + strings.Repeat(`[`, 100000) + strings.Repeat(`]`, 100000) + `}`
	okItem := strings.Repeat(`{"id":"a","child":`, 30) + `{"id":"a"}` + strings.Repeat(`}`, 30)
	cases := []smithyCase{
		malformed("recursive structure", postJSON(nested, `{"items":[`+deepItem+`]}`), "nesting is deeper than 64 levels"),
		malformed("recursive union", postJSON("/RecursiveStructures", deepUnion), "nesting is deeper than 64 levels"),
		malformed("unknown member", postJSON("/MalformedRequestBody", deepUnknown), "invalid JSON at '/unknown/0/0/0/0"),
		{id: "within the limit", req: postJSON(nested, `{"items":[`+okItem+`]}`), status: 501, errType: "NotImplemented"},
	}
	for i := range cases {
		if cases[i].req.uri == nested {
			cases[i].req.headers = map[string]string{"Content-Type": "application/json", "X-Count": "2"}
		}
	}
	runSmithyCases(t, cases)
}
