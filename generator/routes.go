package generator

import (
	"sort"
	"strings"

	"github.com/smithygen/smithygen/model"
)

// Routes: each operation answers the requests its @http trait matches;
// two operations may not answer the same ones.

// uriLabels returns the label names of an @http URI, in order.
func uriLabels(uri string) []string {
	var names []string
	path, _, _ := strings.Cut(uri, "?")
	for _, seg := range strings.Split(path, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			names = append(names, strings.TrimSuffix(seg[1:len(seg)-1], "+"))
		}
	}
	return names
}

// routeKey is the shape of a route for conflict detection: labels are
// interchangeable, query literals sorted.
func routeKey(h *model.HTTP) string {
	path, query, _ := strings.Cut(h.URI, "?")
	var segs []string
	for _, seg := range strings.Split(path, "/") {
		switch {
		case strings.HasSuffix(seg, "+}"):
			seg = "{+}"
		case strings.HasPrefix(seg, "{"):
			seg = "{}"
		}
		segs = append(segs, seg)
	}
	qs := strings.Split(query, "&")
	sort.Strings(qs)
	return h.Method + " " + strings.Join(segs, "/") + "?" + strings.Join(qs, "&")
}

// checkRoutes refuses two operations that would answer the same requests,
// and URI labels that bind no member.
func (p *plan) checkRoutes() {
	seen := map[string]*operation{}
	for _, op := range p.ops {
		k := routeKey(op.http)
		if prev, ok := seen[k]; ok {
			p.refuse(model.Errorf(op.shape.Pos, op.shape.ID, "its route %s %s conflicts with that of %s (%s %s)",
				op.http.Method, op.http.URI, prev.shape.ID, prev.http.Method, prev.http.URI))
		} else {
			seen[k] = op
		}
		names := uriLabels(op.http.URI)
		for _, n := range names {
			m := op.inputMember(p, n)
			if m == nil || !m.Traits.HTTPLabel() {
				p.refuse(model.Errorf(op.shape.Pos, op.shape.ID, "URI label {%s} has no @httpLabel member in the input", n))
			}
		}
	}
}

func (op *operation) inputMember(p *plan, name string) *model.Member {
	if op.input.ID == model.UnitID {
		return nil
	}
	return op.input.MemberNamed(name)
}
