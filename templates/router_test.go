package templates

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// routerTestRoutes is a slice of the Chime SDK Identity API plus synthetic routes for
// the cases that API lacks: greedy labels, literal/label/greedy ambiguity,
// query flags.
var routerTestRoutes = []route{
	{"POST", "/app-instances", 0},
	{"GET", "/app-instances", 1},
	{"GET", "/app-instances/{AppInstanceArn}", 2},
	{"PUT", "/app-instances/{AppInstanceArn}", 3},
	{"DELETE", "/app-instances/{AppInstanceArn}", 4},
	{"POST", "/app-instances/{AppInstanceArn}/admins", 5},
	{"GET", "/app-instances/{AppInstanceArn}/admins/{AppInstanceAdminArn}", 6},
	{"POST", "/tags?operation=tag-resource", 7},
	{"POST", "/tags?operation=untag-resource", 8},
	{"GET", "/tags", 9},
	{"PUT", "/app-instance-users/{AppInstanceUserArn}/endpoints/{EndpointId}", 10},

	{"GET", "/files/{Key+}", 11},
	{"PUT", "/{Bucket}/{Key+}/meta", 12},
	{"GET", "/{Bucket}/{Key+}", 13},
	{"GET", "/app-instances/special/admins/{AdminArn}", 14},
	{"GET", "/app-instances/special", 15},
	{"GET", "/literal/{Id}/x", 16},
	{"GET", "/literal/{Id}/{Other}", 17},
	{"GET", "/literal/fixed/{Other}", 18},
	{"POST", "/tags?operation=tag-resource&dryrun", 19},
	{"GET", "/flags?verbose", 20},
	{"GET", "/a-b", 21},
	{"GET", "/", 22},
	{"DELETE", "/files/{Key+}/versions/{Version}", 23},
}

const routerTestArn = "arn:aws:chime:us-east-1:123:app-instance/abc"

var routerTestArnEscaped = url.PathEscape(routerTestArn) // arn:aws:...%2Fabc (':' is allowed in a segment)

func TestRouterMatch(t *testing.T) {
	rt := newRouter(routerTestRoutes)
	tests := []struct {
		method, path, query string
		op                  int
		labels              []string
		status              int
		allow               string
	}{
		// Literal routes and the trailing slash.
		{method: "POST", path: "/app-instances", op: 0},
		{method: "GET", path: "/app-instances", op: 1},
		{method: "GET", path: "/app-instances/", op: 1},
		{method: "GET", path: "/app-instances//", op: -1, status: 404},
		{method: "GET", path: "", op: 22},
		{method: "GET", path: "/", op: 22},
		{method: "GET", path: "*", op: -1, status: 404},
		{method: "GET", path: "app-instances", op: -1, status: 404},

		// Labels, decoded exactly once.
		{method: "GET", path: "/app-instances/" + routerTestArnEscaped, op: 2, labels: []string{routerTestArn}},
		{method: "GET", path: "/app-instances/arn%3Aaws%3Achime%3Aus-east-1%3A123%3Aapp-instance%2Fabc", op: 2, labels: []string{routerTestArn}},
		{method: "PUT", path: "/app-instances/x/", op: 3, labels: []string{"x"}},
		{method: "DELETE", path: "/app-instances/%2541", op: 4, labels: []string{"%41"}},
		{method: "GET", path: "/app-instances/a+b%20c", op: 2, labels: []string{"a+b c"}},
		{method: "POST", path: "/app-instances/" + routerTestArnEscaped + "/admins", op: 5, labels: []string{routerTestArn}},
		{method: "GET", path: "/app-instances/" + routerTestArnEscaped + "/admins/arn%3Aaws%3Achime%3Aus-east-1%3A123%3Aapp-instance%2Fabc%2Fadmin%2Fx", op: 6,
			labels: []string{routerTestArn, routerTestArn + "/admin/x"}},
		{method: "PUT", path: "/app-instance-users/u%2F1/endpoints/e%2F2", op: 10, labels: []string{"u/1", "e/2"}},
		{method: "PUT", path: "/app-instance-users/u/endpoints/", op: -1, status: 405, allow: "GET"},
		{method: "PUT", path: "/app-instance-users//endpoints/e", op: -1, status: 404},

		// Bad percent-encoding in a label is 400; in a path nothing matches, 404.
		{method: "GET", path: "/app-instances/%zz", op: -1, status: 400},
		{method: "GET", path: "/app-instances/abc%", op: -1, status: 400},
		{method: "GET", path: "/app-instances/x/admins/%4", op: -1, status: 400},
		{method: "GET", path: "/nothing/%zz/here", op: -1, status: 400}, // GET /{Bucket}/{Key+}
		{method: "GET", path: "/%zz", op: -1, status: 404},

		// Literal segments compare unescaped.
		{method: "GET", path: "/a%2Db", op: 21},
		{method: "GET", path: "/a-b", op: 21},
		{method: "GET", path: "/a%2db", op: 21},
		{method: "GET", path: "/app%2Dinstances", op: 1},

		// Literals beat labels, with backtracking into the label branch.
		{method: "GET", path: "/app-instances/special", op: 15},
		{method: "PUT", path: "/app-instances/special", op: 3, labels: []string{"special"}},
		{method: "GET", path: "/app-instances/special/admins/a1", op: 14, labels: []string{"a1"}},
		{method: "POST", path: "/app-instances/special/admins", op: 5, labels: []string{"special"}},
		{method: "GET", path: "/literal/fixed/x", op: 18, labels: []string{"x"}},
		{method: "GET", path: "/literal/other/x", op: 16, labels: []string{"other"}},
		{method: "GET", path: "/literal/other/y", op: 17, labels: []string{"other", "y"}},
		{method: "GET", path: "/literal/fixed/y", op: 18, labels: []string{"y"}},

		// Greedy labels.
		{method: "GET", path: "/files/a", op: 11, labels: []string{"a"}},
		{method: "GET", path: "/files/a/b/c.txt", op: 11, labels: []string{"a/b/c.txt"}},
		{method: "GET", path: "/files/a/b/", op: 11, labels: []string{"a/b"}},
		{method: "GET", path: "/files/a//b", op: 11, labels: []string{"a//b"}},
		{method: "GET", path: "/files/a%2Fb%20c", op: 11, labels: []string{"a/b c"}},
		{method: "GET", path: "/files/%2541/%zz", op: -1, status: 400},
		{method: "GET", path: "/files", op: -1, status: 404},
		{method: "GET", path: "/files//x", op: -1, status: 404}, // a greedy label starts at a non-empty segment
		{method: "GET", path: "/bucket/k1/k2", op: 13, labels: []string{"bucket", "k1/k2"}},
		{method: "PUT", path: "/bucket/k1/k2/meta", op: 12, labels: []string{"bucket", "k1/k2"}},
		{method: "PUT", path: "/bucket/k1/meta/meta", op: 12, labels: []string{"bucket", "k1/meta"}},
		{method: "PUT", path: "/bucket/meta", op: -1, status: 405, allow: "GET"},
		{method: "GET", path: "/bucket/meta", op: 13, labels: []string{"bucket", "meta"}},
		{method: "PUT", path: "/bucket/k/meta/", op: 12, labels: []string{"bucket", "k"}},
		{method: "DELETE", path: "/files/a/b/versions/v1", op: 23, labels: []string{"a/b", "v1"}},
		{method: "DELETE", path: "/files/a/versions/b/versions/v1", op: 23, labels: []string{"a/versions/b", "v1"}},
		{method: "DELETE", path: "/files/versions/v1", op: -1, status: 405, allow: "GET"},
		{method: "POST", path: "/files/a", op: -1, status: 405, allow: "GET"},
		{method: "PUT", path: "/files/a/meta", op: 12, labels: []string{"files", "a"}},

		// Query literals.
		{method: "POST", path: "/tags", query: "operation=tag-resource", op: 7},
		{method: "POST", path: "/tags", query: "operation=untag-resource&ResourceARN=x", op: 8},
		{method: "POST", path: "/tags", query: "a=1&operation=untag%2Dresource", op: 8},
		{method: "POST", path: "/tags/", query: "operation=tag-resource&dryrun", op: 19},
		{method: "POST", path: "/tags", query: "dryrun=1&operation=tag-resource", op: 19},
		{method: "POST", path: "/tags", query: "operation=other&operation=tag-resource", op: 7},
		{method: "POST", path: "/tags", query: "operation=other", op: -1, status: 405, allow: "GET"},
		{method: "POST", path: "/tags", op: -1, status: 405, allow: "GET"},
		{method: "DELETE", path: "/tags", query: "operation=tag-resource", op: -1, status: 405, allow: "GET, POST"},
		{method: "GET", path: "/tags", query: "operation=tag-resource", op: 9},
		{method: "GET", path: "/flags", query: "verbose", op: 20},
		{method: "GET", path: "/flags", query: "verbose=", op: 20},
		{method: "GET", path: "/flags", query: "x=1&verbose=yes", op: 20},
		{method: "GET", path: "/flags", query: "verbosee", op: -1, status: 404},
		{method: "GET", path: "/flags", op: -1, status: 404},

		// 405 lists every method of every route the path matches.
		{method: "PATCH", path: "/app-instances", op: -1, status: 405, allow: "GET, POST"},
		{method: "POST", path: "/app-instances/x", op: -1, status: 405, allow: "DELETE, GET, PUT"},
		{method: "POST", path: "/app-instances/special", op: -1, status: 405, allow: "DELETE, GET, PUT"},
		{method: "get", path: "/app-instances", op: -1, status: 405, allow: "GET, POST"},
		{method: "GET", path: "/app-instance-users/u/endpoints/e", op: 13, labels: []string{"app-instance-users", "u/endpoints/e"}},
		{method: "POST", path: "/app-instance-users/u/endpoints/e", op: -1, status: 405, allow: "GET, PUT"},
		{method: "POST", path: "/", op: -1, status: 405, allow: "GET"},

		// Everything else with two segments or more falls to GET /{Bucket}/{Key+}.
		{method: "GET", path: "/app-instances/x/y", op: 13, labels: []string{"app-instances", "x/y"}},
		{method: "POST", path: "/app-instances/x/y", op: -1, status: 405, allow: "GET"},
		{method: "GET", path: "/app-instance-users/u", op: 13, labels: []string{"app-instance-users", "u"}},
		{method: "POST", path: "/nope", op: -1, status: 404},
		{method: "GET", path: "//", op: -1, status: 404},
	}
	for _, tt := range tests {
		buf := make([]string, 0, 4)
		op, labels, status, allow := rt.match(tt.method, tt.path, tt.query, buf)
		if op != tt.op || status != tt.status || allow != tt.allow || !slices.Equal(labels, tt.labels) {
			t.Errorf("match(%s %s ? %s) = %d %q %d %q, want %d %q %d %q", tt.method, tt.path, tt.query,
				op, labels, status, allow, tt.op, tt.labels, tt.status, tt.allow)
		}
	}
}

func TestRouterLabelsBuffer(t *testing.T) {
	rt := newRouter(routerTestRoutes)
	// A buffer without room still works; stale contents are discarded.
	op, labels, status, _ := rt.match("GET", "/app-instances/a/admins/b", "", []string{"stale"})
	if op != 6 || status != 0 || !slices.Equal(labels, []string{"a", "b"}) {
		t.Fatalf("got %d %q %d", op, labels, status)
	}
	op, labels, status, _ = rt.match("GET", "/app-instances", "", nil)
	if op != 1 || status != 0 || len(labels) != 0 {
		t.Fatalf("got %d %q %d", op, labels, status)
	}
	// Failures return an empty label list even when a branch bound some.
	_, labels, status, _ = rt.match("POST", "/app-instances/a/admins/b", "", make([]string, 0, 4))
	if status != 405 || len(labels) != 0 {
		t.Fatalf("got %q %d", labels, status)
	}
}

func TestRouterQueryOrder(t *testing.T) {
	// Whatever the table order, the candidate with more literals is tried first.
	rt := newRouter([]route{
		{"GET", "/x", 0},
		{"GET", "/x?a", 1},
		{"GET", "/x?a=1&b", 2},
		{"GET", "/x?b=2", 3},
	})
	for _, tt := range []struct {
		query string
		op    int
	}{
		{"", 0}, {"a", 1}, {"a=1", 1}, {"b&a=1", 2}, {"b=2", 3}, {"b=2&a", 1}, {"a=1&b=2", 2}, {"a=%31&b", 2}, {"c", 0},
	} {
		if op, _, _, _ := rt.match("GET", "/x", tt.query, nil); op != tt.op {
			t.Errorf("query %q: op %d, want %d", tt.query, op, tt.op)
		}
	}
}

func TestNewRouterRejects(t *testing.T) {
	for _, uri := range []string{
		"no-slash",
		"/a/{}",
		"/a/x{Label}",
		"/a/{Label",
		"/{A+}/{B+}",
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("newRouter accepted %q", uri)
				}
			}()
			newRouter([]route{{"GET", uri, 0}})
		}()
	}
	// Label names do not tell routes apart.
	defer func() {
		if recover() == nil {
			t.Error("newRouter accepted conflicting routes")
		}
	}()
	newRouter([]route{{"GET", "/a/{X}?q=1&r", 0}, {"GET", "/a/{Y}?r&q=1", 1}})
}

func TestRouterMatchAllocs(t *testing.T) {
	rt := newRouter(routerTestRoutes)
	buf := make([]string, 0, 4)
	for _, tt := range []struct{ method, path, query string }{
		{"GET", "/app-instances/abc/admins/def", ""},
		{"PUT", "/app-instance-users/u1/endpoints/e1", ""},
		{"POST", "/tags", "operation=untag-resource&ResourceARN=x"},
		{"PUT", "/bucket/k1/k2/meta", ""},
	} {
		var status int
		allocs := testing.AllocsPerRun(100, func() {
			_, buf, status, _ = rt.match(tt.method, tt.path, tt.query, buf[:0])
		})
		if status != 0 || allocs != 0 {
			t.Errorf("%s %s: status %d, %v allocations", tt.method, tt.path, status, allocs)
		}
	}
}

// TestRouterServesRequests runs the router behind a real http.Request to make
// sure the EscapedPath/RawQuery contract holds for what net/http produces.
func TestRouterServesRequests(t *testing.T) {
	rt := newRouter(routerTestRoutes)
	for _, tt := range []struct {
		target string
		op     int
		labels []string
	}{
		{"/app-instances/" + routerTestArnEscaped + "?x=1", 2, []string{routerTestArn}},
		{"/app-instances/arn%3Aaws%3Achime%3Aus-east-1%3A123%3Aapp-instance%2Fabc", 2, []string{routerTestArn}},
		{"/app-instances/%2541", 2, []string{"%41"}},
		{"/files/dir%2Fa/b%3Fc", 11, []string{"dir/a/b?c"}},
	} {
		req, err := http.NewRequest("GET", "http://example.com"+tt.target, nil)
		if err != nil {
			t.Fatal(err)
		}
		op, labels, status, _ := rt.match(req.Method, req.URL.EscapedPath(), req.URL.RawQuery, nil)
		if op != tt.op || status != 0 || !slices.Equal(labels, tt.labels) {
			t.Errorf("%s: got %d %q %d, want %d %q", tt.target, op, labels, status, tt.op, tt.labels)
		}
	}
}

func FuzzRouterMatch(f *testing.F) {
	rt := newRouter(routerTestRoutes)
	labelCount := make(map[int]int)
	for _, r := range routerTestRoutes {
		labelCount[r.op] = strings.Count(r.uri, "{")
	}
	for _, s := range [][3]string{
		{"GET", "/app-instances/abc", ""},
		{"GET", "/app-instances/" + routerTestArnEscaped + "/admins/x%2Fy", ""},
		{"POST", "/tags", "operation=tag-resource&dryrun"},
		{"PUT", "/b/k/meta/meta/", ""},
		{"DELETE", "/files/a/versions/b/versions/v", ""},
		{"GET", "//%/%%2F/", "=&&=%zz"},
		{"", "", ""},
		{"GET", "/files/%", "verbose"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, method, path, query string) {
		op, labels, status, allow := rt.match(method, path, query, nil)
		switch status {
		case 0:
			if op < 0 || labelCount[op] != len(labels) {
				t.Fatalf("op %d with labels %q", op, labels)
			}
			for _, l := range labels {
				if l == "" {
					t.Fatalf("empty label in %q", labels)
				}
			}
		case 405:
			if op != -1 || allow == "" || len(labels) != 0 {
				t.Fatalf("405: op %d allow %q labels %q", op, allow, labels)
			}
		case 400, 404:
			if op != -1 || allow != "" || len(labels) != 0 {
				t.Fatalf("%d: op %d allow %q labels %q", status, op, allow, labels)
			}
		default:
			t.Fatalf("status %d", status)
		}
	})
}

// routerBenchRoutes is a 300-route table shaped like a large AWS service: 60
// resources, each with create/list, get/update/delete and a nested child.
func routerBenchRoutes() []route {
	var rs []route
	for i := range 60 {
		base := fmt.Sprintf("/resource-%d", i)
		rs = append(rs,
			route{"POST", base, len(rs)},
			route{"GET", base, len(rs) + 1},
			route{"GET", base + "/{Id}", len(rs) + 2},
			route{"DELETE", base + "/{Id}", len(rs) + 3},
			route{"GET", base + "/{Id}/children/{ChildId}", len(rs) + 4},
		)
	}
	return rs
}

func BenchmarkRouterMatch(b *testing.B) {
	rt := newRouter(routerBenchRoutes())
	for _, bb := range []struct{ name, method, path string }{
		{"literal", "GET", "/resource-42"},
		{"two-labels", "GET", "/resource-42/abc/children/def"},
		{"escaped-label", "GET", "/resource-42/" + routerTestArnEscaped},
		{"not-found", "GET", "/resource-42/abc/nothing"},
		{"method-not-allowed", "PUT", "/resource-42/abc"},
	} {
		b.Run(bb.name, func(b *testing.B) {
			buf := make([]string, 0, 4)
			b.ReportAllocs()
			for b.Loop() {
				_, buf, _, _ = rt.match(bb.method, bb.path, "", buf[:0])
			}
		})
	}
}
