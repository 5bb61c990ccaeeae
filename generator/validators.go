package generator

import (
	"fmt"
	"math"
	"math/big"
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygen/smithygen/model"
)

// Validators: Validate methods on structures reachable from inputs, and one
// check function per constrained simple shape. Constraint texts are worked
// out here, at generation time; the runtime validator only records them.

// constraintTraits are the traits a check function depends on.
var constraintTraits = []model.ShapeID{model.TraitLength, model.TraitPattern, model.TraitRange, model.TraitSensitive}

// ownConstraints reports whether a member adds constraint traits of its own
// to those of its target.
func ownConstraints(m *model.Member) bool {
	for _, t := range constraintTraits {
		if m.Traits.Has(t) {
			return true
		}
	}
	return m.Traits.Has(model.TraitUniqueItems)
}

// scalarConstrained reports whether a simple shape with these traits needs
// a check.
func scalarConstrained(s *model.Shape, traits model.Traits) bool {
	if s.Type == model.Enum || s.Type == model.IntEnum {
		return true
	}
	if traits.Length() != nil || traits.Range() != nil {
		return true
	}
	_, ok := traits.Pattern()
	return ok
}

// needsValidation reports whether values of a shape can violate anything;
// decideValidation has decided it for every shape of the plan.
func (p *plan) needsValidation(id model.ShapeID) bool { return p.validates[id] }

// memberNeedsValidation reports whether the value of a member can violate
// anything: its own constraints, or those of the shapes inside it.
func (p *plan) memberNeedsValidation(m *model.Member) bool {
	return p.ownMemberConstraints(m) || !p.m.Target(m).Type.IsSimple() && p.needsValidation(m.Target)
}

// ownMemberConstraints reports whether a member is constrained by traits
// on itself, or on its target when that is a simple shape.
func (p *plan) ownMemberConstraints(m *model.Member) bool {
	t := p.m.Target(m)
	if p.streamingBlob(m) {
		return false // a stream is not read to be measured
	}
	if t.Type.IsSimple() {
		return scalarConstrained(t, p.m.MemberTraits(m))
	}
	return ownConstraints(m)
}

// elementsNeedValidation reports whether the elements of a list, or the keys
// or values of a map, can violate anything: whether the collection has a
// validateX function of its own.
func (p *plan) elementsNeedValidation(s *model.Shape) bool {
	for _, m := range s.ChildMembers() {
		if p.memberNeedsValidation(m) {
			return true
		}
	}
	return false
}

// checkFunc names the function that checks a simple member's value:
// checkT for a shape T, or checkSM for member M of S when M has constraints
// of its own.
func (p *plan) checkFunc(m *model.Member) string { return p.checkFuncNames[checkKey(m)] }

// checkKey is what a check function is for: a member with constraints of
// its own, or else the shape it targets.
func checkKey(m *model.Member) model.ShapeID {
	if ownConstraints(m) {
		return m.ID()
	}
	return m.Target
}

// decideChecks names every check function the validators call, and the
// pattern matchers those use: one for each simple member that needs
// validation, of every shape whose values are validated. Checks of shapes
// are named first, so that a member's (checkLabelName for member Name of
// Label) gives way to a shape's (checkLabelName for shape LabelName).
func (p *plan) decideChecks() {
	var own []*model.Member
	for _, id := range model.SortedIDs(p.shapes) {
		s := p.shapes[id]
		if !p.inputs[id] || !p.hasValidator(s) {
			continue
		}
		for _, m := range s.ChildMembers() {
			if !p.m.Target(m).Type.IsSimple() || !p.memberNeedsValidation(m) {
				continue
			}
			if key := checkKey(m); key != m.Target {
				own = append(own, m)
			} else if p.checkFuncNames[key] == "" {
				p.checkFuncNames[key] = claim(p.helpers, "check"+p.funcSuffix(key))
				p.checks[p.checkFuncNames[key]] = m
			}
		}
	}
	for _, m := range own {
		name := claim(p.helpers, "check"+p.funcSuffix(m.Container.ID)+exported(m.Name))
		p.checkFuncNames[m.ID()] = name
		p.checks[name] = m
	}
	// Matchers are named in the order of the checks that use them.
	for _, name := range p.checkNames() {
		m := p.checks[name]
		t := p.m.Target(m)
		if src, ok := p.m.MemberTraits(m).Pattern(); ok && (t.Type == model.String || t.Type == model.Enum) {
			if _, err := p.patternFunc(src, t); err != nil {
				p.refuseTrait(m, model.TraitPattern, "@pattern cannot be used: %v", err)
			}
		}
	}
}

// hasValidator reports whether the values of a shape reachable from an
// input are checked by code of their own: a Validate method, or a
// validateX function for unions and collections.
func (p *plan) hasValidator(s *model.Shape) bool {
	switch s.Type {
	case model.Structure:
		return s.ID != model.UnitID && (!p.isIO(s.ID) || p.opInputs[s.ID])
	case model.Union:
		return p.needsValidation(s.ID)
	case model.List, model.Set, model.Map:
		return p.elementsNeedValidation(s)
	}
	return false
}

// checkNames are the names of the check functions, sorted.
func (p *plan) checkNames() []string {
	names := make([]string, 0, len(p.checks))
	for n := range p.checks {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// validateMember emits the checks of one member of v: required, then the
// value's own constraints when it is present.
func (p *plan) validateMember(g *jen.Group, m *model.Member) {
	if p.isEventStream(m) { // its events are validated as Recv reads them
		return
	}
	required := m.Traits.Required() && !p.hasDefault(m)
	if !required && !p.memberNeedsValidation(m) {
		return
	}
	field := jen.Id("v").Dot(p.fieldName(m))
	t := p.m.Target(m)
	cond := p.presence(m, field.Clone())
	var checks []jen.Code
	if p.memberNeedsValidation(m) {
		value := field.Clone()
		if p.isPointer(m) && t.Type != model.Structure {
			value = jen.Op("*").Add(value)
		}
		checks = p.valueChecks(m, jen.Lit(m.Name), value)
	}
	switch {
	case cond == nil:
		addAll(g, checks)
	case required && len(checks) > 0:
		g.If(p.absence(m, field.Clone())).Block(jen.Id("c").Dot("missing").Call(jen.Lit(m.Name))).Else().Block(checks...)
	case required:
		g.If(p.absence(m, field.Clone())).Block(jen.Id("c").Dot("missing").Call(jen.Lit(m.Name)))
	default:
		g.If(cond).Block(checks...)
	}
}

func addAll(g *jen.Group, stmts []jen.Code) {
	for _, s := range stmts {
		g.Add(s)
	}
}

// valueChecks are the statements that check a present value of member m
// (or of a collection element when m is a list member or map value). A nil
// name means the value is at the current path.
func (p *plan) valueChecks(m *model.Member, name jen.Code, value *jen.Statement) []jen.Code {
	t := p.m.Target(m)
	if name == nil {
		if t.Type == model.Structure {
			return []jen.Code{value.Dot("validate").Call(jen.Id("c"))}
		}
		name = jen.Lit("")
	}
	switch {
	case t.Type.IsSimple():
		return []jen.Code{jen.Id(p.checkFunc(m)).Call(jen.Id("c"), name, value)}
	case t.Type == model.Structure:
		return []jen.Code{
			jen.Id("c").Dot("enter").Call(name),
			value.Dot("validate").Call(jen.Id("c")),
			jen.Id("c").Dot("leave").Call(),
		}
	}
	// A list or map: its own constraints, then its elements'. The
	// constraints are the member's effective ones, so that a member's
	// @length replaces that of the shape it targets, as Smithy applies
	// member traits (RestJsonMalformedLengthListOverride).
	var out []jen.Code
	traits := p.m.MemberTraits(m)
	if l := traits.Length(); l != nil {
		out = append(out, lengthCheck(l, jen.Len(value.Clone()), name))
	}
	if traits.UniqueItems() && isList(t) {
		out = append(out, jen.If(jen.Id("dup").Op(":=").Add(p.repeated(t, value.Clone())), jen.Id("dup").Op("!=").Nil()).Block(
			jen.Id("c").Dot("notUnique").Call(name, jen.Id("dup"))))
	}
	if p.elementsNeedValidation(t) {
		out = append(out, jen.Id("validate"+p.funcSuffix(t.ID)).Call(jen.Id("c"), name, value))
	}
	return out
}

// comparedAsIs reports whether the elements of a @uniqueItems list are
// compared with Go's ==.
func (p *plan) comparedAsIs(s *model.Shape) bool {
	if s.Traits.Sparse() {
		return false
	}
	switch p.m.Target(s.Member).Type {
	case model.String, model.Enum, model.Boolean, model.Byte, model.Short, model.Integer, model.Long,
		model.IntEnum, model.Float, model.Double:
		return true
	}
	return false
}

// keyedShapes are the shapes whose values @uniqueItems compares by their
// JSON encoding: they need encoders even when no output holds them.
func (p *plan) keyedShapes() map[model.ShapeID]bool {
	var roots []model.ShapeID
	for id := range p.inputs {
		if s := p.m.Shape(id); isList(s) && s.Traits.UniqueItems() && !p.comparedAsIs(s) {
			roots = append(roots, s.Member.Target)
		}
	}
	return idSet(p.m.Closure(roots))
}

// repeated is the expression (of type []int) that finds the repeated
// elements of the list v of shape s, for @uniqueItems. Elements that Go
// can compare as they are (strings, booleans, numbers, enums) are compared
// so; timestamps by the instant they stand for; anything else (blobs, big
// numbers, documents, lists, maps, structures, unions, the pointers of a
// sparse list) by a canonical JSON encoding, in which maps have their keys
// sorted and absent members are left out, so that two values are the same
// exactly when their encodings are.
func (p *plan) repeated(s *model.Shape, v *jen.Statement) jen.Code {
	elem := p.m.Target(s.Member)
	sparse := s.Traits.Sparse() && p.nullable(elem.ID)
	switch {
	case p.comparedAsIs(s):
		return jen.Id("repeatedIndices").Call(v)
	case !sparse && elem.Type == model.Timestamp:
		return jen.Id("repeatedTimes").Call(v)
	}
	item := v.Clone().Index(jen.Id("i"))
	write := p.writeValue(elem, p.m.MemberTraits(s.Member), item.Clone(), false)
	switch {
	case sparse:
		write = jen.If(item.Clone().Op("==").Nil()).Block(jen.Id("w").Dot("null").Call()).Else().Block(
			p.writeValue(elem, p.m.MemberTraits(s.Member), jen.Op("*").Add(item.Clone()), true))
	case elem.Type == model.Structure:
		write = p.writeValue(elem, p.m.MemberTraits(s.Member), jen.Op("&").Add(item.Clone()), true)
	}
	return jen.Id("repeatedEncoded").Call(jen.Len(v.Clone()), jen.Func().Params(jen.Id("w").Op("*").Id("jsonWriter"), jen.Id("i").Int()).Block(write))
}

// lengthCheck is `if n := <length>; n < min || n > max { c.badLength(...) }`.
func lengthCheck(b *model.Bounds, length jen.Code, name jen.Code) jen.Code {
	var conds []jen.Code
	if b.Min != nil {
		if min, _ := b.Min.Int64(); min > 0 {
			conds = append(conds, jen.Id("n").Op("<").Lit(int(min)))
		}
	}
	if b.Max != nil {
		max, _ := b.Max.Int64()
		if max < math.MaxInt32 {
			conds = append(conds, jen.Id("n").Op(">").Lit(int(max)))
		}
	}
	if len(conds) == 0 {
		return jen.Null()
	}
	return jen.If(jen.Id("n").Op(":=").Add(length), orJoin(conds)).Block(
		jen.Id("c").Dot("badLength").Call(name, jen.Id("n"), jen.Lit(lengthText(b))),
	)
}

// codePointsCheck is the @length check of a string, in code points.
func codePointsCheck(b *model.Bounds, t *model.Shape) jen.Code {
	min, max := jen.Lit(0), jen.Id("noMaxLength")
	if b.Min != nil {
		n, _ := b.Min.Int64()
		min = jen.Lit(int(n))
	}
	if b.Max != nil {
		n, _ := b.Max.Int64()
		max = jen.Lit(int(n))
	}
	v := jen.Id("v")
	if t.Type == model.Enum {
		v = jen.String().Parens(v)
	}
	return jen.If(jen.List(jen.Id("n"), jen.Id("ok")).Op(":=").Id("codePointsWithin").Call(v, min, max), jen.Op("!").Id("ok")).Block(
		jen.Id("c").Dot("badLength").Call(jen.Id("name"), jen.Id("n"), jen.Lit(lengthText(b))),
	)
}

func orJoin(conds []jen.Code) jen.Code {
	s := jen.Add(conds[0])
	for _, c := range conds[1:] {
		s = s.Op("||").Add(c)
	}
	return s
}

// boundText prints a bound as the model wrote it.
func boundText(f *big.Float) string { return f.Text('f', -1) }

func lengthText(b *model.Bounds) string {
	switch {
	case b.Min != nil && b.Max != nil:
		return fmt.Sprintf("Member must have length between %s and %s, inclusive", boundText(b.Min), boundText(b.Max))
	case b.Min != nil:
		return "Member must have length greater than or equal to " + boundText(b.Min)
	}
	return "Member must have length less than or equal to " + boundText(b.Max)
}

func rangeText(b *model.Bounds) string {
	switch {
	case b.Min != nil && b.Max != nil:
		return fmt.Sprintf("Member must be between %s and %s, inclusive", boundText(b.Min), boundText(b.Max))
	case b.Min != nil:
		return "Member must be greater than or equal to " + boundText(b.Min)
	}
	return "Member must be less than or equal to " + boundText(b.Max)
}

// structValidator emits Validate and validate for a structure.
func (p *plan) structValidator(f *jen.File, name string, s *model.Shape) {
	f.Comment("// Validate checks v against the constraints of the model: required members,\n// lengths, patterns, ranges and enum values. The error lists every violation.")
	if s == nil || !p.needsValidation(s.ID) {
		f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("Validate").Params().Error().Block(jen.Return(jen.Nil()))
		f.Line()
		return
	}
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("Validate").Params().Error().Block(
		jen.Var().Id("c").Id("validator"),
		jen.Id("v").Dot("validate").Call(jen.Op("&").Id("c")),
		jen.Return(jen.Id("c").Dot("err").Call()),
	)
	f.Line()
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("validate").Params(jen.Id("c").Op("*").Id("validator")).BlockFunc(func(g *jen.Group) {
		for _, m := range s.Members {
			p.validateMember(g, m)
		}
	})
	f.Line()
}

// collectionValidator emits validateX for a list or map shape, which checks
// its elements (or keys and values); the collection's own @length and
// @uniqueItems are checked where it is used, by valueChecks.
func (p *plan) collectionValidator(f *jen.File, s *model.Shape) {
	f.Func().Id("validate"+p.funcSuffix(s.ID)).Params(jen.Id("c").Op("*").Id("validator"), jen.Id("name").String(), jen.Id("v").Add(p.valueType(s.ID))).BlockFunc(func(g *jen.Group) {
		elem := s.Member
		if s.Type == model.Map {
			elem = s.Value
		}
		if !p.memberNeedsValidation(elem) && (s.Type != model.Map || !p.memberNeedsValidation(s.Key)) {
			return
		}
		g.Id("c").Dot("enter").Call(jen.Id("name"))
		t := p.m.Target(elem)
		// Structures are validated through addressable values: v[i], or a
		// copy of a map value.
		item := jen.Id("e")
		if t.Type == model.Structure {
			item = jen.Id("v").Index(jen.Id("i"))
		}
		sparse := s.Traits.Sparse() && p.nullable(t.ID)
		if sparse && t.Type != model.Structure {
			item = jen.Op("*").Id("e")
		}
		if sparse && t.Type == model.Structure {
			item = jen.Id("e")
		}
		if s.Type == model.Map {
			loop := jen.List(jen.Id("k"), jen.Id("e")).Op(":=").Range().Id("v")
			if !p.memberNeedsValidation(elem) { // only the keys have constraints
				loop = jen.Id("k").Op(":=").Range().Id("v")
			}
			g.For(loop).BlockFunc(func(b *jen.Group) {
				if p.memberNeedsValidation(s.Key) {
					// A key that fails is reported at the map's own
					// path, as Smithy's tests expect
					// (RestJsonMalformedLengthMapKey: '/map').
					key := jen.Id("k")
					if kt := p.m.Target(s.Key); kt.Type == model.Enum {
						key = jen.Id(p.typeName(kt.ID)).Parens(jen.Id("k"))
					}
					b.Add(p.valueChecks(s.Key, jen.Lit(""), key)...)
				}
				if t.Type == model.Structure && !sparse && p.memberNeedsValidation(elem) {
					b.Id("e").Op(":=").Id("e")
					item = jen.Id("e")
				}
				p.elementChecks(b, elem, sparse, jen.Id("k"), item)
			})
		} else {
			loop := jen.List(jen.Id("i"), jen.Id("e")).Op(":=").Range().Id("v")
			if t.Type == model.Structure && !sparse {
				loop = jen.Id("i").Op(":=").Range().Id("v")
			}
			g.For(loop).BlockFunc(func(b *jen.Group) {
				p.elementChecks(b, elem, sparse, nil, item, jen.Id("i"))
			})
		}
		g.Id("c").Dot("leave").Call()
	})
	f.Line()
}

// elementChecks checks one element: list elements enter their index, map
// values are checked under their key.
func (p *plan) elementChecks(b *jen.Group, elem *model.Member, sparse bool, name jen.Code, item *jen.Statement, index ...jen.Code) {
	if !p.memberNeedsValidation(elem) {
		return
	}
	var checks []jen.Code
	if len(index) > 0 {
		checks = append(checks, jen.Id("c").Dot("enterIndex").Call(index[0]))
		checks = append(checks, p.valueChecks(elem, nil, item)...)
		checks = append(checks, jen.Id("c").Dot("leave").Call())
	} else {
		checks = p.valueChecks(elem, name, item)
	}
	if sparse {
		b.If(jen.Id("e").Op("!=").Nil()).Block(checks...)
		return
	}
	addAll(b, checks)
}

// checkFuncs emits the check functions decideChecks recorded, in name order.
func (p *plan) checkFuncs(f *jen.File) {
	for _, n := range p.checkNames() {
		p.checkFuncDecl(f, n, p.checks[n])
	}
}

// checkFuncDecl emits one check function for the simple member m.
func (p *plan) checkFuncDecl(f *jen.File, name string, m *model.Member) {
	t := p.m.Target(m)
	traits := p.m.MemberTraits(m)
	goType := p.valueType(t.ID)
	sensitive := traits.Sensitive()
	f.Func().Id(name).Params(jen.Id("c").Op("*").Id("validator"), jen.Id("name").String(), jen.Id("v").Add(goType)).BlockFunc(func(g *jen.Group) {
		bad := func(valueText jen.Code, constraint string) jen.Code {
			if sensitive {
				return jen.Id("c").Dot("badSensitive").Call(jen.Id("name"), jen.Lit(constraint))
			}
			return jen.Id("c").Dot("badValue").Call(jen.Id("name"), valueText, jen.Lit(constraint))
		}
		if l := traits.Length(); l != nil {
			if t.Type == model.String || t.Type == model.Enum {
				g.Add(codePointsCheck(l, t))
			} else {
				g.Add(lengthCheck(l, jen.Len(jen.Id("v")), jen.Id("name")))
			}
		}
		if src, ok := traits.Pattern(); ok && (t.Type == model.String || t.Type == model.Enum) {
			if fn := p.patternName(src); fn != "" {
				text := jen.Id("v")
				if t.Type == model.Enum {
					text = jen.String().Parens(jen.Id("v"))
				}
				g.If(jen.Op("!").Id(fn).Call(text.Clone())).Block(
					bad(text, "Member must satisfy regular expression pattern: "+src))
			}
		}
		if r := traits.Range(); r != nil && t.Type.IsNumber() {
			if cond := rangeCondition(t, r); cond != nil {
				g.If(cond).Block(bad(numberText(t), rangeText(r)))
			}
		}
		if t.Type == model.Enum || t.Type == model.IntEnum {
			g.If(jen.Op("!").Id("v").Dot("isKnown").Call()).Block(bad(numberText(t), "Member must satisfy enum value set: ["+p.enumValueList(t)+"]"))
		}
	})
	f.Line()
}

// numberText formats v for a message.
func numberText(t *model.Shape) jen.Code {
	v := jen.Id("v")
	switch t.Type {
	case model.Enum:
		return jen.String().Parens(v)
	case model.Float, model.Double:
		return jen.Id("formatFloatText").Call(jen.Float64().Parens(v))
	case model.BigInteger:
		return v.Dot("String").Call()
	case model.BigDecimal:
		return v.Dot("Text").Call(jen.LitRune('g'), jen.Lit(-1))
	}
	return jen.Id("formatIntText").Call(jen.Int64().Parens(v))
}

// rangeCondition is the condition under which v is out of range, or nil
// when the range cannot be violated by the Go type.
func rangeCondition(t *model.Shape, r *model.Bounds) jen.Code {
	var conds []jen.Code
	lo, hi := typeLimits(t.Type)
	v := jen.Id("v")
	switch t.Type {
	case model.BigInteger, model.BigDecimal:
		cmp := func(b *big.Float, op string) jen.Code {
			if t.Type == model.BigDecimal {
				// The bound as the model writes it, at the value's
				// precision: a float64 bound would make "0.1" fail
				// @range(min: 0.1), 0.1 having no exact binary form.
				return v.Clone().Dot("Cmp").Call(jen.Id("decimalBound").Call(v.Clone(), jen.Lit(boundText(b)))).Op(op).Lit(0)
			}
			lit, _ := b.Float64()
			x := jen.New(jen.Qual("math/big", "Float")).Dot("SetInt").Call(v.Clone())
			return x.Dot("Cmp").Call(jen.Qual("math/big", "NewFloat").Call(jen.Lit(lit))).Op(op).Lit(0)
		}
		if r.Min != nil {
			conds = append(conds, cmp(r.Min, "<"))
		}
		if r.Max != nil {
			conds = append(conds, cmp(r.Max, ">"))
		}
	default:
		if r.Min != nil {
			if f, _ := r.Min.Float64(); f > lo {
				conds = append(conds, v.Clone().Op("<").Add(numberLit(t.Type, r.Min)))
			}
		}
		if r.Max != nil {
			if f, _ := r.Max.Float64(); f < hi {
				conds = append(conds, v.Clone().Op(">").Add(numberLit(t.Type, r.Max)))
			}
		}
		// NaN is neither below nor above anything, but it is not within
		// a range either.
		if (t.Type == model.Float || t.Type == model.Double) && (r.Min != nil || r.Max != nil) {
			conds = append(conds, v.Clone().Op("!=").Add(v.Clone()))
		}
	}
	if len(conds) == 0 {
		return nil
	}
	return orJoin(conds)
}

// typeLimits are the bounds a Go number type can hold.
func typeLimits(t model.ShapeType) (float64, float64) {
	switch t {
	case model.Byte:
		return math.MinInt8, math.MaxInt8
	case model.Short:
		return math.MinInt16, math.MaxInt16
	case model.Integer, model.IntEnum:
		return math.MinInt32, math.MaxInt32
	case model.Long:
		return math.MinInt64, math.MaxInt64
	}
	return math.Inf(-1), math.Inf(1)
}

func numberLit(t model.ShapeType, b *big.Float) jen.Code {
	if t == model.Float || t == model.Double {
		f, _ := b.Float64()
		return jen.Lit(f)
	}
	i, _ := b.Int64()
	return jen.Lit(int(i))
}

// enumValueList is the list of enum values in a message: "A, B, C", in
// model order, without the members marked @internal (which stay valid
// values; clients are just not told of them).
func (p *plan) enumValueList(t *model.Shape) string {
	var vals []string
	for _, m := range t.Members {
		if m.Traits.Has(model.TraitInternal) {
			continue
		}
		v, _ := m.Traits.EnumValue()
		switch x := v.(type) {
		case string:
			vals = append(vals, x)
		case float64:
			vals = append(vals, big.NewFloat(x).Text('f', -1))
		default:
			vals = append(vals, m.Name)
		}
	}
	return strings.Join(vals, ", ")
}

// validatorsFile holds the validators of structures and collections that
// are not operation inputs, and the check functions.
func (p *plan) validatorsFile() *jen.File {
	f := p.newFile()
	for _, s := range p.shapesOf(p.inputs, func(s *model.Shape) bool { return s.Type == model.Structure && !p.isIO(s.ID) && s.ID != model.UnitID }) {
		p.structValidator(f, p.typeName(s.ID), s)
	}
	for _, s := range p.shapesOf(p.inputs, func(s *model.Shape) bool { return s.Type == model.Union && p.needsValidation(s.ID) }) {
		p.unionValidator(f, s)
	}
	for _, s := range p.shapesOf(p.inputs, func(s *model.Shape) bool {
		return (s.Type == model.List || s.Type == model.Set || s.Type == model.Map) && p.elementsNeedValidation(s)
	}) {
		p.collectionValidator(f, s)
	}
	for _, s := range p.shapesOf(p.inputs, func(s *model.Shape) bool { return s.Type == model.Enum || s.Type == model.IntEnum }) {
		p.enumIsKnown(f, s)
	}
	p.checkFuncs(f)
	p.patternDecls(f)
	return f
}
