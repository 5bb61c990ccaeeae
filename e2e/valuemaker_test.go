package e2e

import (
	"fmt"
	"hash/fnv"
	"math"
	"regexp/syntax"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/smithygen/smithygen/model"
)

// A value tree is a shape's value in a form that both SDKs and the generated
// server can be filled from and compared on: map[string]any for structures
// (keyed by member name) and maps, []any for lists, string for strings and
// enums, float64 for numbers, bool, time.Time and []byte. A member that is
// absent is not in its map.

// wireSpot says where a value travels, because a value bound to a URI label,
// a query parameter or a header must survive being text in an HTTP message.
type wireSpot int

const (
	spotBody wireSpot = iota
	spotLabel
	spotQuery
	spotHeader
)

// stressSuffix is appended to generated strings where the model allows it,
// so that each spot carries the characters that are easy to get wrong there:
// escaping in JSON, percent-encoding of paths and queries, header lists.
var stressSuffix = map[wireSpot]string{
	spotBody:   `-é "q" \ /`,
	spotLabel:  `/é a+b%2F:c`,
	spotQuery:  `/é a+b&c=d%`,
	spotHeader: `/a b,c;d=e:f`,
}

// plainSuffix is tried when a pattern rejects the stress suffix: the
// punctuation of ARNs and paths, which still needs escaping in a URI.
const plainSuffix = ":a/b.c-d_e"

// valueMaker builds value trees from the model with every member set and
// every constraint of the model satisfied. It is deterministic: the same
// shape gives the same tree.
type valueMaker struct {
	m        *model.Model
	patterns map[string]*patternMatcher
	stack    map[model.ShapeID]bool // structures being built, against recursion
}

func newValueMaker(m *model.Model) *valueMaker {
	return &valueMaker{m: m, patterns: map[string]*patternMatcher{}, stack: map[model.ShapeID]bool{}}
}

// operationInput is the tree of an operation's input: members bound to the
// URI, query and headers get values that survive being text.
func (vm *valueMaker) operationInput(op *model.Shape) (map[string]any, error) {
	return vm.topLevel(vm.m.Shape(op.Input), func(mem *model.Member) (any, error) {
		switch t := mem.Traits; {
		case t.HTTPLabel():
			return vm.member(mem, spotLabel, 0)
		case t.Has(model.TraitHTTPQuery):
			return vm.member(mem, spotQuery, 0)
		case t.HTTPQueryParams():
			return vm.queryParams(mem)
		case t.Has(model.TraitHTTPHeader):
			return vm.member(mem, spotHeader, 0)
		case t.Has(model.TraitHTTPPrefixHeaders):
			// No model of the round trips uses it; it would need keys
			// that agree with the other headers.
			return nil, fmt.Errorf("%s: binding not supported by the value maker", mem.ID())
		}
		return vm.member(mem, spotBody, 0)
	})
}

// operationOutput is the tree of an operation's output. @httpLabel,
// @httpQuery and @httpQueryParams bind only requests: in an output those
// members are body members. @httpResponseCode gets the operation's own
// status, the one the client expects.
func (vm *valueMaker) operationOutput(op *model.Shape) (map[string]any, error) {
	return vm.topLevel(vm.m.Shape(op.Output), func(mem *model.Member) (any, error) {
		switch t := mem.Traits; {
		case t.HTTPResponseCode():
			return float64(op.Traits.HTTP().Code), nil
		case t.Has(model.TraitHTTPHeader):
			return vm.member(mem, spotHeader, 0)
		case t.Has(model.TraitHTTPPrefixHeaders):
			return nil, fmt.Errorf("%s: binding not supported by the value maker", mem.ID())
		case isEventStream(vm.m, mem):
			return vm.events(vm.m.Target(mem))
		}
		return vm.member(mem, spotBody, 0)
	})
}

// events is the event stream of an output: one event of each member of the
// union that is not an error, in the model's order.
func (vm *valueMaker) events(union *model.Shape) (any, error) {
	var events []any
	for i, mem := range union.Members {
		if vm.m.Target(mem).Traits.Has(model.TraitError) {
			continue
		}
		v, err := vm.member(mem, spotBody, i)
		if err != nil {
			return nil, err
		}
		events = append(events, map[string]any{mem.Name: v})
	}
	return events, nil
}

// topLevel is the tree of an input or output structure; valueOf gives each
// member its value, according to where the member travels.
func (vm *valueMaker) topLevel(s *model.Shape, valueOf func(*model.Member) (any, error)) (map[string]any, error) {
	tree := map[string]any{}
	if s == nil || s.ID == model.UnitID {
		return tree, nil
	}
	vm.stack[s.ID] = true
	defer delete(vm.stack, s.ID)
	for _, mem := range s.Members {
		v, err := valueOf(mem)
		if err != nil {
			return nil, err
		}
		if v != nil {
			tree[mem.Name] = v
		}
	}
	return tree, nil
}

// queryParams is the value of an @httpQueryParams map: its keys and values
// carry the query's stress text, so that no key is taken for one of the
// operation's other query parameters.
func (vm *valueMaker) queryParams(mem *model.Member) (any, error) {
	t := vm.m.Target(mem)
	out := map[string]any{}
	for i := 0; i < entryCount(vm.m.MemberTraits(mem).Length()); i++ {
		key, err := vm.member(t.Key, spotQuery, i)
		if err != nil {
			return nil, err
		}
		v, err := vm.member(t.Value, spotQuery, i)
		if err != nil || v == nil {
			return nil, err
		}
		out[key.(string)] = v
	}
	return out, nil
}

// member is the value of a member; variant tells apart the entries of a
// list or map. Scalars also vary with the member, so that two members of a
// structure rarely hold the same value and a mix-up between them shows. It
// returns nil for a member that cannot be built (a structure that would
// recurse forever).
func (vm *valueMaker) member(mem *model.Member, spot wireSpot, variant int) (any, error) {
	traits := vm.m.MemberTraits(mem)
	t := vm.m.Target(mem)
	k := variant + memberSeed(mem)
	switch t.Type {
	case model.String:
		return vm.str(mem, traits, spot, variant, k)
	case model.Enum:
		names := enumValues(t)
		return names[k%len(names)], nil
	case model.IntEnum:
		vals := intEnumValues(t)
		return vals[k%len(vals)], nil
	case model.Boolean:
		return k%2 == 0, nil
	case model.Byte, model.Short, model.Integer, model.Long:
		return inRange(traits.Range(), 7+float64(k%50), true), nil
	case model.Float, model.Double:
		// x.5 is exact in float32 and float64 alike.
		return inRange(traits.Range(), 2.5+float64(k%50), false), nil
	case model.Timestamp:
		ts := time.Date(2024, 6, 1, 12, 34, 56, 0, time.UTC).Add(time.Duration(k%100*61) * time.Second)
		format, ok := traits.TimestampFormat()
		if !ok && spot == spotHeader {
			format = "http-date"
		}
		if format != "http-date" {
			// Milliseconds, which epoch-seconds and date-time carry
			// and an HTTP date does not.
			ts = ts.Add(123 * time.Millisecond)
		}
		return ts, nil
	case model.Blob:
		b := []byte(fmt.Sprintf("blob-%s-%d\x00\xff", mem.Name, variant))
		return fitBytes(b, traits.Length()), nil
	case model.List, model.Set:
		n := entryCount(traits.Length())
		list := make([]any, 0, n)
		for i := 0; i < n; i++ {
			v, err := vm.member(t.Member, spot, variant+i)
			if err != nil {
				return nil, err
			}
			if v == nil {
				return nil, nil
			}
			list = append(list, v)
		}
		return list, nil
	case model.Map:
		n := entryCount(traits.Length())
		out := map[string]any{}
		for i := 0; len(out) < n && i < n+4; i++ {
			key, err := vm.member(t.Key, spotBody, variant+i)
			if err != nil {
				return nil, err
			}
			v, err := vm.member(t.Value, spotBody, variant+i)
			if err != nil {
				return nil, err
			}
			if v == nil {
				return nil, nil
			}
			out[key.(string)] = v
		}
		return out, nil
	case model.Structure:
		return vm.structure(t, variant)
	case model.Document:
		return map[string]any{
			"name":  fmt.Sprintf("doc-%s-%d", mem.Name, variant),
			"count": float64(k%50) + 0.5,
			"on":    k%2 == 0,
			"items": []any{"a", float64(k % 7), map[string]any{"nested": true}},
		}, nil
	case model.Union:
		if vm.stack[t.ID] || len(t.Members) == 0 {
			return nil, nil
		}
		vm.stack[t.ID] = true
		defer delete(vm.stack, t.ID)
		first := t.Members[variant%len(t.Members)]
		v, err := vm.member(first, spotBody, variant)
		if err != nil || v == nil {
			return nil, err
		}
		return map[string]any{first.Name: v}, nil
	}
	return nil, fmt.Errorf("%s: no values for %s shapes", mem.ID(), t.Type)
}

func (vm *valueMaker) structure(s *model.Shape, variant int) (any, error) {
	if vm.stack[s.ID] {
		return nil, nil
	}
	vm.stack[s.ID] = true
	defer delete(vm.stack, s.ID)
	tree := map[string]any{}
	for _, mem := range s.Members {
		v, err := vm.member(mem, spotBody, variant)
		if err != nil {
			return nil, err
		}
		if v == nil {
			if mem.Traits.Required() {
				return nil, fmt.Errorf("%s: required, but its value would recurse forever", mem.ID())
			}
			continue
		}
		tree[mem.Name] = v
	}
	return tree, nil
}

// memberSeed is a small number derived from the member's ID.
func memberSeed(mem *model.Member) int {
	h := fnv.New32a()
	h.Write([]byte(mem.ID()))
	return int(h.Sum32() % 997)
}

func enumValues(s *model.Shape) []any {
	var vals []any
	for _, m := range s.Members {
		v, ok := m.Traits.EnumValue()
		if !ok {
			v = m.Name
		}
		vals = append(vals, v)
	}
	return vals
}

func intEnumValues(s *model.Shape) []any {
	var vals []any
	for _, m := range s.Members {
		v, _ := m.Traits.EnumValue()
		vals = append(vals, v)
	}
	return vals
}

// entryCount is how many entries a list or map gets: two, or what @length
// allows.
func entryCount(b *model.Bounds) int {
	n := 2.0
	if b != nil {
		if b.Max != nil {
			max, _ := b.Max.Float64()
			n = math.Min(n, max)
		}
		if b.Min != nil {
			min, _ := b.Min.Float64()
			n = math.Max(n, min)
		}
	}
	return int(n)
}

// inRange is want moved into @range; integral rounds inwards.
func inRange(r *model.Bounds, want float64, integral bool) float64 {
	if r == nil {
		return want
	}
	if r.Min != nil {
		min, _ := r.Min.Float64()
		if integral {
			min = math.Ceil(min)
		}
		want = math.Max(want, min)
	}
	if r.Max != nil {
		max, _ := r.Max.Float64()
		if integral {
			max = math.Floor(max)
		}
		want = math.Min(want, max)
	}
	return want
}

func fitBytes(b []byte, l *model.Bounds) []byte {
	min, max := lengthBounds(l)
	for len(b) < min {
		b = append(b, 'x')
	}
	if max >= 0 && len(b) > max {
		b = b[:max]
	}
	return b
}

// lengthBounds returns @length as ints; max is -1 when unbounded.
func lengthBounds(l *model.Bounds) (min, max int) {
	max = -1
	if l == nil {
		return 0, max
	}
	if l.Min != nil {
		f, _ := l.Min.Float64()
		min = int(f)
	}
	if l.Max != nil {
		f, _ := l.Max.Float64()
		max = int(math.Min(f, math.MaxInt32))
	}
	return min, max
}

// str builds a string member: from its @pattern when it has one, else from
// the member name, first with the spot's stress suffix, then without, and
// always within @length and non-empty, so that no value depends on how an
// empty label, query parameter or header is treated.
func (vm *valueMaker) str(mem *model.Member, traits model.Traits, spot wireSpot, variant, k int) (string, error) {
	min, max := lengthBounds(traits.Length())
	if min < 1 {
		min = 1
	}
	src, hasPattern := traits.Pattern()
	var re *patternMatcher
	if hasPattern {
		var err error
		if re, err = vm.pattern(src); err != nil {
			return "", fmt.Errorf("%s: %w", mem.ID(), err)
		}
	}
	ok := func(s string) bool {
		n := utf8.RuneCountInString(s)
		return utf8.ValidString(s) && n >= min && (max < 0 || n <= max) && (re == nil || re.MatchString(s))
	}
	var cores []string
	if hasPattern {
		for _, v := range []int{k, 0} {
			cores = append(cores, patternStrings(re, v, min)...)
		}
	} else {
		base := fmt.Sprintf("%s-%d", mem.Name, variant)
		cores = append(cores, padRunes(base, min, max))
	}
	for _, core := range cores {
		for _, s := range []string{core + stressSuffix[spot], core + plainSuffix, core} {
			if ok(s) {
				return s, nil
			}
		}
	}
	return "", fmt.Errorf("%s: no string satisfies pattern %q and length %d..%d (tried %q)", mem.ID(), src, min, max, cores)
}

// padRunes pads s with 'x' to min code points and cuts it to max.
func padRunes(s string, min, max int) string {
	if n := utf8.RuneCountInString(s); n < min {
		s += strings.Repeat("x", min-n)
	}
	if max >= 0 && utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max])
	}
	return s
}

// pattern translates a Smithy pattern as the generator does.
func (vm *valueMaker) pattern(src string) (*patternMatcher, error) {
	if re, ok := vm.patterns[src]; ok {
		return re, nil
	}
	re, err := newPatternMatcher(src)
	if err != nil {
		return nil, err
	}
	vm.patterns[src] = re
	return re, nil
}

// patternStrings derives candidate strings from the parsed pattern: for
// each choice of alternatives, one grown through its repetitions to at least
// min code points, and the shortest string the syntax tree yields.
func patternStrings(re *patternMatcher, variant, min int) []string {
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	var out []string
	for alt := 0; alt < maxAlternatives(tree); alt++ {
		g := &patternWalker{variant: variant, alt: alt}
		short := g.walk(tree)
		if n := utf8.RuneCountInString(short); n < min {
			g.budget = min - n
			out = append(out, g.walk(tree))
		}
		out = append(out, short)
	}
	return out
}

// maxAlternatives is the largest number of alternatives of any alternation
// in the tree, at least 1.
func maxAlternatives(re *syntax.Regexp) int {
	n := 1
	if re.Op == syntax.OpAlternate {
		n = len(re.Sub)
	}
	for _, sub := range re.Sub {
		n = max(n, maxAlternatives(sub))
	}
	return n
}

// patternWalker produces a string from a regexp syntax tree: literals as
// they are, one character of each class, the fewest repetitions, the alt-th
// alternative (or the last); budget is how many characters the repetitions
// must add.
type patternWalker struct {
	variant int
	alt     int
	budget  int
}

func (g *patternWalker) walk(re *syntax.Regexp) string {
	switch re.Op {
	case syntax.OpLiteral:
		return string(re.Rune)
	case syntax.OpCharClass:
		return string(pickRune(re.Rune, g.variant))
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return string(rune('a' + g.variant%26))
	case syntax.OpCapture:
		return g.walk(re.Sub[0])
	case syntax.OpConcat:
		var b strings.Builder
		for _, sub := range re.Sub {
			b.WriteString(g.walk(sub))
		}
		return b.String()
	case syntax.OpAlternate:
		return g.walk(re.Sub[min(g.alt, len(re.Sub)-1)])
	case syntax.OpStar:
		return g.repeat(re.Sub[0], 0, -1)
	case syntax.OpPlus:
		return g.repeat(re.Sub[0], 1, -1)
	case syntax.OpQuest:
		return g.repeat(re.Sub[0], 0, 1)
	case syntax.OpRepeat:
		return g.repeat(re.Sub[0], re.Min, re.Max)
	}
	// Anchors, word boundaries and empty matches produce nothing.
	return ""
}

func (g *patternWalker) repeat(sub *syntax.Regexp, min, max int) string {
	var b strings.Builder
	n := 0
	for ; n < min; n++ {
		b.WriteString(g.walk(sub))
	}
	for g.budget > 0 && (max < 0 || n < max) {
		s := g.walk(sub)
		if s == "" {
			break
		}
		b.WriteString(s)
		g.budget -= utf8.RuneCountInString(s)
		n++
	}
	return b.String()
}

// pickRune chooses a character of a class given as rune pairs: a letter or
// digit when the class has one (readable, and safe in any part of an HTTP
// message), else printable ASCII, else the first character that is not a
// control character; variant picks among the candidates of the first kind
// that the class has.
func pickRune(pairs []rune, variant int) rune {
	kinds := [][][2]rune{
		{{'a', 'z'}, {'A', 'Z'}, {'0', '9'}},
		{{'!', '~'}},
		{{0xA0, 0xD7FF}, {0xE000, 0x10FFFF}},
	}
	for _, kind := range kinds {
		var cands []rune
		for _, want := range kind {
			for i := 0; i+1 < len(pairs); i += 2 {
				lo, hi := max(want[0], pairs[i]), min(want[1], pairs[i+1])
				for c := lo; c <= hi && len(cands) < 64; c++ {
					cands = append(cands, c)
				}
			}
		}
		if len(cands) > 0 {
			return cands[variant%len(cands)]
		}
	}
	return pairs[0]
}
