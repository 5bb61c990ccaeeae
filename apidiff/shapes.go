package apidiff

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/smithygen/smithygen/model"
)

// compareShapes compares the shapes the operations reach: those on both
// sides, and those that only one side has.
func (d *differ) compareShapes() {
	pairedOld, pairedNew := map[model.ShapeID]bool{}, map[model.ShapeID]bool{}
	for id := range d.old.users {
		if d.new.users[id] != nil {
			d.pairs = append(d.pairs, pair{old: id, new: id})
		}
	}
	for _, p := range d.pairs {
		pairedOld[p.old], pairedNew[p.new] = true, true
		a := d.shapeAt(p.new, d.old.users[p.old], d.new.users[p.new])
		if p.op != "" {
			// The operation's own input or output, whatever other
			// operations share the shapes under their model names.
			a = at{id: p.new, op: p.op}
		}
		d.compareShape(a, d.old.m.Shape(p.old), d.new.m.Shape(p.new))
	}
	for _, id := range model.SortedIDs(d.old.m.Shapes) {
		if users := d.old.users[id]; users != nil && !pairedOld[id] && d.kept(users) && goType(d.old.m.Shape(id)) {
			d.add(d.shapeAt(id, users, nil), Breaking, "shape-removed", "shape "+id.Name()+" removed", "", "")
		}
	}
	for _, id := range model.SortedIDs(d.new.m.Shapes) {
		if users := d.new.users[id]; users != nil && !pairedNew[id] && d.kept(users) && goType(d.new.m.Shape(id)) {
			d.add(d.shapeAt(id, nil, users), Safe, "shape-added", "shape "+id.Name()+" added", "", "")
		}
	}
}

// goType reports whether a shape is a type of its own in the generated
// package. Other shapes are Go's built-in types (*string, []Tag, ...): the
// members that target them tell what changed.
func goType(s *model.Shape) bool {
	switch s.Type {
	case model.Structure, model.Union, model.Enum, model.IntEnum:
		return !s.Prelude
	}
	return false
}

// kept reports whether any of the operations is in both versions. A shape
// used only by operations that were removed (or added) is accounted for by
// those operations.
func (d *differ) kept(ops []string) bool { return slices.ContainsFunc(ops, d.inBoth) }

func (d *differ) inBoth(op string) bool { return d.old.ops[op] != nil && d.new.ops[op] != nil }

// shapeAt is where a change to a shape is reported: under its operation
// when only one uses it, else among the shared shapes. The operations that
// count are those in both versions, whose code the change may affect; the
// others stand for themselves, removed or added.
func (d *differ) shapeAt(id model.ShapeID, oldUsers, newUsers []string) at {
	all := append(append([]string{}, oldUsers...), newUsers...)
	slices.Sort(all)
	all = slices.Compact(all)
	ops := slices.DeleteFunc(slices.Clone(all), func(op string) bool { return !d.inBoth(op) })
	if len(ops) == 0 {
		ops = all
	}
	if len(ops) == 1 {
		return at{id: id, op: ops[0]}
	}
	return at{id: id, ops: ops}
}

func (d *differ) compareShape(a at, o, n *model.Shape) {
	if baseType(o.Type) != baseType(n.Type) {
		d.add(a, Breaking, "shape-type-changed", "shape "+n.ID.Name()+" changed type", string(o.Type), string(n.Type))
		return
	}
	d.compareTraits(a, o.Traits, n.Traits)
	if o.Type == model.Enum || o.Type == model.IntEnum {
		d.compareEnum(a, o, n)
		return
	}
	d.compareMembers(a, o, n)
}

// baseType treats sets, which Smithy 2.0 keeps from 1.0, as the lists of
// unique items they are; @uniqueItems is compared on its own.
func baseType(t model.ShapeType) model.ShapeType {
	if t == model.Set {
		return model.List
	}
	return t
}

// compareMembers compares the members of structures and unions, and the
// member, key and value of lists and maps, by name.
func (d *differ) compareMembers(a at, o, n *model.Shape) {
	for _, om := range o.ChildMembers() {
		if child(n, om.Name) == nil {
			d.add(a.on(om.ID()), Breaking, "member-removed", "member "+label(om.ID())+" removed", "", "")
		}
	}
	for _, nm := range n.ChildMembers() {
		om := child(o, nm.Name)
		if om == nil {
			d.memberAdded(a.on(nm.ID()), n, nm)
			continue
		}
		d.compareMember(a.on(nm.ID()), om, nm)
	}
}

func child(s *model.Shape, name string) *model.Member {
	for _, m := range s.ChildMembers() {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// memberAdded classifies a new member: a union member is a variant that
// handlers have never seen; a structure member that must be sent breaks
// every client that does not send it.
func (d *differ) memberAdded(a at, container *model.Shape, m *model.Member) {
	name := label(m.ID())
	switch {
	case container.Type == model.Union:
		d.add(a, Dangerous, "member-added", "union member "+name+" added", "", "")
	case m.Traits.Required() && !hasDefault(d.new.m.MemberTraits(m)):
		d.add(a, Breaking, "member-added", "required member "+name+" added", "", "")
	default:
		d.add(a, Safe, "member-added", "member "+name+" added", "", "")
	}
}

func (d *differ) compareMember(a at, o, n *model.Member) {
	d.compareTarget(a, o, n)
	d.compareRequired(a, o, n)
	d.compareDefault(a, o, n)
	d.compareBinding(a, o, n)
	d.compareTraits(a, o.Traits, n.Traits)
}

// compareTarget compares the shapes a member targets. Another shape of the
// same simple type keeps the Go type; only its constraints may differ.
func (d *differ) compareTarget(a at, o, n *model.Member) {
	if o.Target == n.Target {
		return
	}
	msg := "member " + label(n.ID()) + " now targets " + n.Target.Name()
	ot, nt := d.old.m.Target(o), d.new.m.Target(n)
	if ot.Type == nt.Type && ot.Type.IsSimple() && ot.Type != model.Enum && ot.Type != model.IntEnum {
		d.add(a, Safe, "member-target-changed", msg+" (still a "+string(nt.Type)+")", string(o.Target), string(n.Target))
		d.compareConstraints(a, ot.Traits, nt.Traits)
		return
	}
	d.add(a, Breaking, "member-target-changed", msg, string(o.Target), string(n.Target))
}

// compareRequired compares @required. A default fills in what clients
// leave out, so with one neither direction matters.
func (d *differ) compareRequired(a at, o, n *model.Member) {
	was, is := o.Traits.Required(), n.Traits.Required()
	if was == is {
		return
	}
	defaulted := hasDefault(d.new.m.MemberTraits(n))
	name := label(n.ID())
	switch {
	case is && defaulted:
		d.add(a, Safe, "member-now-required", "member "+name+" became required, with a default", "", "")
	case is:
		d.add(a, Breaking, "member-now-required", "member "+name+" became required", "", "")
	case defaulted:
		d.add(a, Safe, "member-no-longer-required", "member "+name+" is no longer required, and has a default", "", "")
	default:
		d.add(a, Dangerous, "member-no-longer-required", "member "+name+" is no longer required: handlers may now see nil", "", "")
	}
}

// compareDefault compares a member's effective @default (its own or its
// target's). A default turns a scalar member's Go field from a pointer into
// a plain value, so adding or removing one there breaks the code that uses
// the field.
func (d *differ) compareDefault(a at, o, n *model.Member) {
	ov, was := d.old.m.MemberTraits(o).Default()
	nv, is := d.new.m.MemberTraits(n).Default()
	was, is = was && ov != nil, is && nv != nil
	name := label(n.ID())
	sev := Dangerous
	if scalar(d.old.m.Target(o)) || scalar(d.new.m.Target(n)) {
		sev = Breaking
	}
	switch {
	case !was && is:
		d.add(a, sev, "default-added", "member "+name+" gained a default", "", value(nv))
	case was && !is:
		d.add(a, sev, "default-removed", "member "+name+" lost its default", value(ov), "")
	case was && !reflect.DeepEqual(ov, nv):
		d.add(a, Dangerous, "default-changed", "default of member "+name+" changed", value(ov), value(nv))
	}
}

func hasDefault(t model.Traits) bool {
	v, ok := t.Default()
	return ok && v != nil
}

// scalar reports whether a member targeting the shape is a pointer without
// a default and a plain value with one.
func scalar(t *model.Shape) bool {
	switch t.Type {
	case model.String, model.Boolean, model.Byte, model.Short, model.Integer, model.Long,
		model.Float, model.Double, model.Timestamp:
		return true
	}
	return false
}

// compareBinding compares where a member travels on the wire.
func (d *differ) compareBinding(a at, o, n *model.Member) {
	if ob, nb := binding(o), binding(n); ob != nb {
		d.add(a, Breaking, "binding-changed", "member "+label(n.ID())+" moved", ob, nb)
	}
}

// binding describes where restJson1 puts a member.
func binding(m *model.Member) string {
	t := m.Traits
	if name, ok := t.HTTPQuery(); ok {
		return "query " + name
	}
	if name, ok := t.HTTPHeader(); ok {
		return "header " + name
	}
	if prefix, ok := t.HTTPPrefixHeaders(); ok {
		return "headers " + prefix + "*"
	}
	switch {
	case t.HTTPLabel():
		return "label {" + m.Name + "}"
	case t.HTTPQueryParams():
		return "query parameters"
	case t.HTTPPayload():
		return "payload"
	case t.HTTPResponseCode():
		return "status code"
	}
	if name, ok := t.JSONName(); ok {
		return "body " + name
	}
	return "body " + m.Name
}

// compareEnum compares the values of enums and intEnums, member by member:
// the member names are the names of the Go constants.
func (d *differ) compareEnum(a at, o, n *model.Shape) {
	enum := n.ID.Name()
	for _, om := range o.Members {
		if n.MemberNamed(om.Name) == nil {
			d.add(a.on(om.ID()), Breaking, "enum-value-removed",
				fmt.Sprintf("enum %s lost value %s", enum, om.Name), enumValue(om), "")
		}
	}
	for _, nm := range n.Members {
		ma := a.on(nm.ID())
		om := o.MemberNamed(nm.Name)
		switch {
		case om == nil:
			d.add(ma, Dangerous, "enum-value-added",
				fmt.Sprintf("enum %s gained value %s", enum, nm.Name), "", enumValue(nm))
		case enumValue(om) != enumValue(nm):
			d.add(ma, Breaking, "enum-value-changed",
				fmt.Sprintf("value of %s changed", label(nm.ID())), enumValue(om), enumValue(nm))
		}
		if om != nil {
			d.compareTraits(ma, om.Traits, nm.Traits)
		}
	}
}

// enumValue is the wire value of an enum member: its @enumValue, else its
// name.
func enumValue(m *model.Member) string {
	if v, ok := m.Traits.EnumValue(); ok {
		return value(v)
	}
	return m.Name
}

// label is a shape or member ID without its namespace, as people read it.
func label(id model.ShapeID) string {
	_, rest, _ := strings.Cut(string(id), "#")
	return rest
}
