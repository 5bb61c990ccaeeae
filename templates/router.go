//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
)

// route is one operation's @http binding as written in the model.
type route struct {
	method string // "GET", "POST", ...
	uri    string // the @http uri, query literals included
	op     int    // returned by match; indexes the generated operation table
}

// router dispatches requests over a trie of path segments built once by
// newRouter. Matching walks the trie preferring literal segments over labels
// and labels over greedy labels, backtracking when a preferred branch fails
// deeper down, so that e.g. GET /app-instances/admins can hit a literal route
// while GET /app-instances/{Arn} still catches everything else.
type router struct {
	root routeNode
}

type routeNode struct {
	literals map[string]*routeNode // keyed by the unescaped segment
	// few holds the literals instead of the map when there are only a
	// few: comparing a handful of strings, most of them told apart by
	// their length alone, is cheaper than hashing the segment.
	few    []routeLiteral
	label  *routeNode    // {Name}: exactly one non-empty segment
	greedy *routeNode    // {Name+}: one or more segments
	leaf   []routeMethod // routes ending here, one entry per method
}

type routeLiteral struct {
	seg  string
	node *routeNode
}

// routeFewLiterals is the most literals a node keeps in a slice.
const routeFewLiterals = 8

// child returns the node below n for the literal segment seg, nil if none.
func (n *routeNode) child(seg string) *routeNode {
	if n.literals != nil {
		return n.literals[seg]
	}
	for i := range n.few {
		if n.few[i].seg == seg {
			return n.few[i].node
		}
	}
	return nil
}

// compact moves the literals of n and the nodes below it to slices where
// there are few, once the table is built.
func (n *routeNode) compact() {
	if n == nil {
		return
	}
	for _, child := range n.literals {
		child.compact()
	}
	if len(n.literals) <= routeFewLiterals {
		for _, seg := range slices.Sorted(maps.Keys(n.literals)) {
			n.few = append(n.few, routeLiteral{seg, n.literals[seg]})
		}
		n.literals = nil
	}
	n.label.compact()
	n.greedy.compact()
}

type routeMethod struct {
	method string
	// Candidates in the order they are tried: more query literals first, so
	// POST /tags?operation=tag-resource wins over a bare POST /tags.
	cands []routeCandidate
}

type routeCandidate struct {
	op    int
	uri   string
	query []queryLiteral
}

// queryLiteral is one literal part of the uri's query string. A key written
// without '=' only requires the key to be present.
type queryLiteral struct {
	key, value string
	anyValue   bool
}

// newRouter builds the routing table. Routes come from a validated model, so a
// malformed uri or two routes that can never be told apart is a generator bug;
// newRouter panics on them rather than serving a table with dead entries.
func newRouter(routes []route) *router {
	rt := &router{}
	for _, r := range routes {
		rt.add(r)
	}
	rt.root.compact()
	return rt
}

func (rt *router) add(r route) {
	path, rawQuery, _ := strings.Cut(r.uri, "?")
	if !strings.HasPrefix(path, "/") {
		panic(fmt.Sprintf("router: uri %q does not start with '/'", r.uri))
	}
	n := &rt.root
	greedy := false
	for seg := range strings.SplitSeq(path[1:], "/") {
		if seg == "" {
			// Only a trailing slash or "/" itself produce empty segments
			// in a valid model; requests ignore one trailing slash too.
			continue
		}
		switch {
		case strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "+}"):
			if greedy {
				// Smithy allows one greedy label per uri; a second one
				// would also make matching quadratic in the path length.
				panic(fmt.Sprintf("router: uri %q has more than one greedy label", r.uri))
			}
			greedy = true
			checkLabelName(r.uri, seg[1:len(seg)-2])
			if n.greedy == nil {
				n.greedy = &routeNode{}
			}
			n = n.greedy
		case strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}"):
			checkLabelName(r.uri, seg[1:len(seg)-1])
			if n.label == nil {
				n.label = &routeNode{}
			}
			n = n.label
		default:
			if strings.ContainsAny(seg, "{}") {
				panic(fmt.Sprintf("router: uri %q: labels must be whole path segments", r.uri))
			}
			// Requests are compared after unescaping, so the model's
			// spelling is unescaped too (a literal is rarely escaped, but
			// "a%2Db" and "a-b" must mean the same segment).
			if u, err := url.PathUnescape(seg); err == nil {
				seg = u
			}
			if n.literals == nil {
				n.literals = make(map[string]*routeNode)
			}
			child := n.literals[seg]
			if child == nil {
				child = &routeNode{}
				n.literals[seg] = child
			}
			n = child
		}
	}

	cand := routeCandidate{op: r.op, uri: r.uri, query: parseQueryLiterals(rawQuery)}
	i := slices.IndexFunc(n.leaf, func(m routeMethod) bool { return m.method == r.method })
	if i < 0 {
		n.leaf = append(n.leaf, routeMethod{method: r.method})
		i = len(n.leaf) - 1
	}
	m := &n.leaf[i]
	for _, c := range m.cands {
		if sameQueryLiterals(c.query, cand.query) {
			panic(fmt.Sprintf("router: %s %q and %s %q match the same requests", r.method, c.uri, r.method, r.uri))
		}
	}
	m.cands = append(m.cands, cand)
	// Stable, so routes with equally many literals keep the table's order.
	slices.SortStableFunc(m.cands, func(a, b routeCandidate) int { return len(b.query) - len(a.query) })
}

func checkLabelName(uri, name string) {
	if name == "" || strings.ContainsAny(name, "{}+") {
		panic(fmt.Sprintf("router: uri %q has a malformed label", uri))
	}
}

func parseQueryLiterals(rawQuery string) []queryLiteral {
	var lits []queryLiteral
	for part := range strings.SplitSeq(rawQuery, "&") {
		if part == "" {
			continue
		}
		k, v, hasValue := strings.Cut(part, "=")
		// Requests' query components are compared decoded, so decode the
		// model's spelling the same way.
		if u, err := url.QueryUnescape(k); err == nil {
			k = u
		}
		if u, err := url.QueryUnescape(v); err == nil {
			v = u
		}
		lits = append(lits, queryLiteral{key: k, value: v, anyValue: !hasValue})
	}
	return lits
}

func sameQueryLiterals(a, b []queryLiteral) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// match finds the route for a request. escapedPath is r.URL.EscapedPath();
// rawQuery is r.URL.RawQuery. labels is reset to length 0 and receives the
// label values in uri order, each percent-decoded exactly once.
//
// On a match op >= 0 and status is 0. Otherwise op is -1 and status is 404 (no
// route has this path), 405 (a route has this path, but not for this method;
// allow lists the methods that do, sorted and joined with ", ") or 400 (the
// matched route's label holds malformed percent-encoding).
//
// A route "has this path" only when its query literals are present too:
// POST /tags?operation=tag-resource says nothing about POST /tags.
func (rt *router) match(method, escapedPath, rawQuery string, labels []string) (op int, labelsOut []string, status int, allow string) {
	labels = labels[:0]
	path, ok := normalizeRequestPath(escapedPath)
	if !ok {
		return -1, labels, 404, ""
	}
	m := routeMatcher{method: method, rawQuery: rawQuery, labels: labels, op: -1}
	if !m.walk(&rt.root, path) {
		m.collect = true
		m.walk(&rt.root, path)
		if len(m.allowed) == 0 {
			return -1, m.labels[:0], 404, ""
		}
		slices.Sort(m.allowed)
		return -1, m.labels[:0], 405, strings.Join(slices.Compact(m.allowed), ", ")
	}
	// Labels are decoded only once the route is chosen: the structure of
	// the match never depends on what an escape decodes to, and %2F inside
	// a label stays part of that one value instead of splitting segments.
	for i, raw := range m.labels {
		if strings.IndexByte(raw, '%') < 0 {
			continue
		}
		v, err := url.PathUnescape(raw)
		if err != nil {
			return -1, m.labels[:0], 400, ""
		}
		m.labels[i] = v
	}
	return m.op, m.labels, 0, ""
}

// normalizeRequestPath returns the escaped path with one trailing slash
// removed; "/" and "" become "", meaning no segments. Every other result starts
// with '/'.
func normalizeRequestPath(p string) (string, bool) {
	if p == "" || p == "/" {
		return "", true
	}
	if p[0] != '/' {
		// "*" (OPTIONS *) or an absolute form the server did not reduce.
		return "", false
	}
	return strings.TrimSuffix(p, "/"), true
}

func pathUnescapeOK(s string) (string, bool) {
	u, err := url.PathUnescape(s)
	return u, err == nil
}

// routeMatcher carries one match's state through the recursive walk. It lives
// on match's stack; nothing here escapes, which keeps a match with enough
// label capacity and no escapes allocation-free.
type routeMatcher struct {
	method   string
	rawQuery string
	labels   []string // raw (still escaped) label values while walking
	op       int

	// In collect mode the walk visits every leaf the path reaches and
	// gathers the methods whose query literals are satisfied, for 405.
	collect bool
	allowed []string
}

// walk matches rest, the unconsumed part of the escaped path ("" at the end,
// otherwise "/seg..."), below n. It reports whether a route matched; in collect
// mode it always explores everything and reports false.
func (m *routeMatcher) walk(n *routeNode, rest string) bool {
	if rest == "" {
		return m.atLeaf(n)
	}
	seg, next := rest[1:], ""
	if i := strings.IndexByte(seg, '/'); i >= 0 {
		seg, next = seg[:i], seg[i:]
	}
	if (n.literals != nil || n.few != nil) && seg != "" {
		key, ok := seg, true
		if strings.IndexByte(seg, '%') >= 0 {
			// A segment that does not decode cannot equal any literal;
			// it may still be a label, which then reports 400.
			key, ok = pathUnescapeOK(seg)
		}
		if child := n.child(key); ok && child != nil {
			if m.walk(child, next) {
				return true
			}
		}
	}
	if n.label != nil && seg != "" {
		mark := len(m.labels)
		m.labels = append(m.labels, seg)
		if m.walk(n.label, next) {
			return true
		}
		m.labels = m.labels[:mark]
	}
	if n.greedy != nil {
		return m.walkGreedy(n.greedy, rest)
	}
	return false
}

// walkGreedy binds a greedy label to one or more whole segments of rest and
// matches what follows below g. The binding must start at a non-empty segment
// (as a plain label must), but may span empty ones: "a//b" is a valid object
// key. Longer bindings are tried first, so for /{Bucket}/{Key+}/meta the
// request /b/x/meta/meta binds Key to "x/meta".
func (m *routeMatcher) walkGreedy(g *routeNode, rest string) bool {
	body := rest[1:]
	if body == "" || body[0] == '/' {
		return false
	}
	if g.literals == nil && g.few == nil && g.label == nil && g.greedy == nil {
		// Nothing can follow: the label takes the rest of the path.
		return m.bindGreedy(g, body, "")
	}
	for end := len(body); end > 0; end = strings.LastIndexByte(body[:end], '/') {
		if m.bindGreedy(g, body[:end], body[end:]) {
			return true
		}
	}
	return false
}

func (m *routeMatcher) bindGreedy(g *routeNode, value, next string) bool {
	mark := len(m.labels)
	m.labels = append(m.labels, value)
	if m.walk(g, next) {
		return true
	}
	m.labels = m.labels[:mark]
	return false
}

func (m *routeMatcher) atLeaf(n *routeNode) bool {
	for i := range n.leaf {
		rm := &n.leaf[i]
		if m.collect {
			if !slices.Contains(m.allowed, rm.method) && m.anyCandidate(rm) {
				m.allowed = append(m.allowed, rm.method)
			}
			continue
		}
		if rm.method != m.method {
			continue
		}
		for j := range rm.cands {
			if queryMatches(m.rawQuery, rm.cands[j].query) {
				m.op = rm.cands[j].op
				return true
			}
		}
	}
	return false
}

func (m *routeMatcher) anyCandidate(rm *routeMethod) bool {
	for j := range rm.cands {
		if queryMatches(m.rawQuery, rm.cands[j].query) {
			return true
		}
	}
	return false
}

// queryMatches reports whether every literal is present in rawQuery. The raw
// query is scanned in place rather than parsed into url.Values: most routes
// have no literals and never get here with work to do, and those that do
// compare a handful of keys without allocating unless a component is escaped.
func queryMatches(rawQuery string, lits []queryLiteral) bool {
	for _, lit := range lits {
		if !queryHas(rawQuery, lit) {
			return false
		}
	}
	return true
}

func queryHas(rawQuery string, lit queryLiteral) bool {
	for rawQuery != "" {
		var part string
		part, rawQuery, _ = strings.Cut(rawQuery, "&")
		k, v, _ := strings.Cut(part, "=")
		if !queryComponentIs(k, lit.key) {
			continue
		}
		// A repeated key matches if any of its values does.
		if lit.anyValue || queryComponentIs(v, lit.value) {
			return true
		}
	}
	return false
}

// queryComponentIs compares a raw query component with a decoded literal,
// decoding like url.ParseQuery ('+' is a space).
func queryComponentIs(raw, want string) bool {
	if strings.IndexByte(raw, '%') < 0 && strings.IndexByte(raw, '+') < 0 {
		return raw == want
	}
	u, err := url.QueryUnescape(raw)
	return err == nil && u == want
}
