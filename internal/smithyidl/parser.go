package smithyidl

import (
	"encoding/json"
	"fmt"
	"strings"
)

// fileCtx is what a relative shape ID of one file resolves against.
type fileCtx struct {
	file string
	ns   string
	uses map[string]string // short name -> absolute ID
}

// parser reads one file into the converter's shapes.
type parser struct {
	c    *Converter
	toks []token
	i    int
	ctx  *fileCtx

	inputSuffix, outputSuffix string
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) peekAt(n int) token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tokEOF {
		p.i++
	}
	return t
}

func (p *parser) errorf(t token, format string, args ...any) error {
	return fmt.Errorf("%s:%d:%d: %s", p.ctx.file, t.line, t.col, fmt.Sprintf(format, args...))
}

func (p *parser) isPunct(text string) bool {
	t := p.peek()
	return t.kind == tokPunct && t.text == text
}

func (p *parser) expect(text string) error {
	t := p.next()
	if t.kind != tokPunct || t.text != text {
		return p.errorf(t, "expected '%s', found %s", text, t)
	}
	return nil
}

func (p *parser) ident() (token, error) {
	t := p.next()
	if t.kind != tokIdent {
		return t, p.errorf(t, "expected an identifier, found %s", t)
	}
	return t, nil
}

// file reads the statements of a whole file.
func (p *parser) file() error {
	for p.peek().kind != tokEOF {
		t := p.peek()
		var err error
		switch {
		case t.kind == tokIdent && strings.HasPrefix(t.text, "$"):
			err = p.control()
		case t.kind == tokIdent && t.text == "metadata":
			err = p.metadata()
		case t.kind == tokIdent && t.text == "namespace":
			p.next()
			var ns token
			ns, err = p.ident()
			p.ctx.ns = ns.text
		case t.kind == tokIdent && t.text == "use":
			p.next()
			var id token
			id, err = p.ident()
			if err == nil {
				_, name, ok := strings.Cut(id.text, "#")
				if !ok {
					return p.errorf(id, "use needs an absolute shape ID")
				}
				p.ctx.uses[name] = id.text
			}
		case t.kind == tokIdent && t.text == "apply":
			err = p.apply()
		default:
			err = p.shapeStatement()
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (p *parser) control() error {
	name := p.next()
	if err := p.expect(":"); err != nil {
		return err
	}
	v, err := p.node()
	if err != nil {
		return err
	}
	s, _ := v.(string)
	switch name.text {
	case "$operationInputSuffix":
		p.inputSuffix = s
	case "$operationOutputSuffix":
		p.outputSuffix = s
	case "$version":
		// 1.0 files are read with the 2.0 grammar, which accepts the
		// 1.0 features used without set shapes or boxed primitives.
		if !strings.HasPrefix(s, "2") && !strings.HasPrefix(s, "1") {
			return p.errorf(name, "unknown IDL version %q", s)
		}
	}
	return nil
}

func (p *parser) metadata() error {
	p.next()
	key := p.next()
	if key.kind != tokIdent && key.kind != tokString {
		return p.errorf(key, "expected a metadata key, found %s", key)
	}
	if err := p.expect("="); err != nil {
		return err
	}
	v, err := p.node()
	if err != nil {
		return err
	}
	p.c.addMetadata(key.text, v)
	return nil
}

func (p *parser) apply() error {
	p.next()
	target, err := p.ident()
	if err != nil {
		return err
	}
	var traits traitList
	if p.isPunct("{") {
		p.next()
		if traits, err = p.traits(); err != nil {
			return err
		}
		if err := p.expect("}"); err != nil {
			return err
		}
	} else {
		// One trait only: the traits after it belong to the next shape.
		t, err := p.trait()
		if err != nil {
			return err
		}
		traits = traitList{t}
	}
	p.c.applies = append(p.c.applies, application{target: p.ref(target, true), traits: traits})
	return nil
}

func (p *parser) ref(t token, target bool) ref {
	return ref{name: t.text, ctx: p.ctx, target: target, tok: t}
}

// docsAndTraits reads the documentation comments and traits before a shape
// or member; documentation becomes the first trait.
func (p *parser) docsAndTraits() (traitList, error) {
	var docs []string
	for p.peek().kind == tokDoc {
		docs = append(docs, p.next().text)
	}
	traits, err := p.traits()
	if err != nil {
		return nil, err
	}
	// Doc comments after traits are allowed too (and then documented).
	for p.peek().kind == tokDoc {
		docs = append(docs, p.next().text)
	}
	if len(docs) > 0 {
		doc := traitApp{name: ref{name: "smithy.api#documentation", ctx: p.ctx}, value: strings.Join(docs, "\n")}
		traits = append(traitList{doc}, traits...)
	}
	return traits, nil
}

func (p *parser) traits() (traitList, error) {
	var traits traitList
	for p.isPunct("@") {
		t, err := p.trait()
		if err != nil {
			return nil, err
		}
		traits = append(traits, t)
	}
	return traits, nil
}

// trait reads one @name or @name(body); without a body the value is {}.
func (p *parser) trait() (traitApp, error) {
	if err := p.expect("@"); err != nil {
		return traitApp{}, err
	}
	name, err := p.ident()
	if err != nil {
		return traitApp{}, err
	}
	var value any = newObject()
	if p.isPunct("(") {
		if value, err = p.traitBody(); err != nil {
			return traitApp{}, err
		}
	}
	return traitApp{name: p.ref(name, true), value: value}, nil
}

// traitBody reads (value) or (key: value, ...), the structure shorthand.
func (p *parser) traitBody() (any, error) {
	p.next()
	if p.isPunct(")") {
		p.next()
		return newObject(), nil
	}
	k := p.peek()
	if (k.kind == tokIdent || k.kind == tokString) && p.peekAt(1).kind == tokPunct && p.peekAt(1).text == ":" {
		o := newObject()
		for !p.isPunct(")") {
			if err := p.entry(o); err != nil {
				return nil, err
			}
		}
		p.next()
		return o, nil
	}
	v, err := p.node()
	if err != nil {
		return nil, err
	}
	return v, p.expect(")")
}

// entry reads key: value into o.
func (p *parser) entry(o *object) error {
	k := p.next()
	if k.kind != tokIdent && k.kind != tokString {
		return p.errorf(k, "expected a key, found %s", k)
	}
	if err := p.expect(":"); err != nil {
		return err
	}
	v, err := p.node()
	if err != nil {
		return err
	}
	if _, dup := o.get(k.text); dup {
		return p.errorf(k, "duplicate key %q", k.text)
	}
	o.set(k.text, v)
	return nil
}

// node reads a node value: object, array, string, number, true, false,
// null, or an unquoted shape ID.
func (p *parser) node() (any, error) {
	t := p.next()
	switch t.kind {
	case tokString:
		return t.text, nil
	case tokNumber:
		if !json.Valid([]byte(t.text)) {
			return nil, p.errorf(t, "bad number %s", t.text)
		}
		return json.Number(t.text), nil
	case tokIdent:
		switch t.text {
		case "true":
			return true, nil
		case "false":
			return false, nil
		case "null":
			return nil, nil
		}
		return p.ref(t, false), nil
	case tokPunct:
		switch t.text {
		case "{":
			o := newObject()
			for !p.isPunct("}") {
				if p.peek().kind == tokEOF {
					return nil, p.errorf(t, "unclosed {")
				}
				if err := p.entry(o); err != nil {
					return nil, err
				}
			}
			p.next()
			return o, nil
		case "[":
			arr := []any{}
			for !p.isPunct("]") {
				if p.peek().kind == tokEOF {
					return nil, p.errorf(t, "unclosed [")
				}
				v, err := p.node()
				if err != nil {
					return nil, err
				}
				arr = append(arr, v)
			}
			p.next()
			return arr, nil
		}
	}
	return nil, p.errorf(t, "expected a value, found %s", t)
}

var simpleTypes = map[string]bool{
	"blob": true, "boolean": true, "document": true, "string": true,
	"byte": true, "short": true, "integer": true, "long": true,
	"float": true, "double": true, "bigInteger": true, "bigDecimal": true,
	"timestamp": true,
}

var aggregateTypes = map[string]bool{"structure": true, "union": true, "list": true, "map": true}

var entityTypes = map[string]bool{"service": true, "resource": true, "operation": true}

func (p *parser) shapeStatement() error {
	traits, err := p.docsAndTraits()
	if err != nil {
		return err
	}
	kw, err := p.ident()
	if err != nil {
		return err
	}
	name, err := p.ident()
	if err != nil {
		return err
	}
	return p.shape(kw, name.text, name, traits)
}

// shape reads the rest of a shape statement after its type and name.
func (p *parser) shape(kw token, name string, at token, traits traitList) error {
	if p.ctx.ns == "" {
		return p.errorf(at, "shape %s before the namespace statement", name)
	}
	if strings.ContainsAny(name, ".#$") {
		return p.errorf(at, "a shape name is not an identifier: %s", name)
	}
	def := &shapeDef{id: p.ctx.ns + "#" + name, ctx: p.ctx, tok: at, body: newObject()}
	def.body.set("type", kw.text)
	if err := p.forAndMixins(def); err != nil {
		return err
	}
	var err error
	switch {
	case simpleTypes[kw.text]:
	case kw.text == "enum" || kw.text == "intEnum":
		err = p.enumMembers(def)
	case aggregateTypes[kw.text]:
		err = p.members(def)
	case entityTypes[kw.text]:
		err = p.entity(def)
	default:
		return p.errorf(kw, "unknown shape type %s", kw.text)
	}
	if err != nil {
		return err
	}
	def.traits = traits
	return p.c.define(def)
}

func (p *parser) forAndMixins(def *shapeDef) error {
	for {
		t := p.peek()
		switch {
		case t.kind == tokIdent && t.text == "for":
			p.next()
			r, err := p.ident()
			if err != nil {
				return err
			}
			res := p.ref(r, true)
			def.resource = &res
		case t.kind == tokIdent && t.text == "with":
			p.next()
			if err := p.expect("["); err != nil {
				return err
			}
			for !p.isPunct("]") {
				m, err := p.ident()
				if err != nil {
					return err
				}
				def.mixins = append(def.mixins, p.ref(m, true))
			}
			p.next()
		default:
			return nil
		}
	}
}

func (p *parser) enumMembers(def *shapeDef) error {
	if err := p.expect("{"); err != nil {
		return err
	}
	members := newObject()
	for !p.isPunct("}") {
		traits, err := p.docsAndTraits()
		if err != nil {
			return err
		}
		name, err := p.ident()
		if err != nil {
			return err
		}
		var value any = name.text
		if def.body.vals["type"] == "intEnum" {
			value = nil
		}
		if p.isPunct("=") {
			p.next()
			if value, err = p.node(); err != nil {
				return err
			}
		}
		if value != nil {
			traits = append(traits, traitApp{name: ref{name: "smithy.api#enumValue", ctx: p.ctx}, value: value})
		}
		m := &memberDef{name: name.text, target: &ref{name: "smithy.api#Unit", ctx: p.ctx, target: true}, traits: traits}
		members.set(name.text, m)
	}
	p.next()
	def.body.set("members", members)
	return nil
}

// members reads the members of a structure, union, list or map.
func (p *parser) members(def *shapeDef) error {
	if err := p.expect("{"); err != nil {
		return err
	}
	members := newObject()
	for !p.isPunct("}") {
		m, err := p.member()
		if err != nil {
			return err
		}
		if _, dup := members.get(m.name); dup {
			return p.errorf(m.tok, "duplicate member %s", m.name)
		}
		m.owner = def
		members.set(m.name, m)
	}
	p.next()
	switch def.body.vals["type"] {
	case "list":
		for _, k := range members.keys {
			if k != "member" {
				return p.errorf(members.vals[k].(*memberDef).tok, "a list has one member, named member, not %s", k)
			}
			def.body.set("member", members.vals[k])
		}
	case "map":
		for _, k := range members.keys {
			if k != "key" && k != "value" {
				return p.errorf(members.vals[k].(*memberDef).tok, "a map has members key and value, not %s", k)
			}
			def.body.set(k, members.vals[k])
		}
	default:
		def.body.set("members", members)
	}
	return nil
}

func (p *parser) member() (*memberDef, error) {
	traits, err := p.docsAndTraits()
	if err != nil {
		return nil, err
	}
	name, err := p.ident()
	if err != nil {
		return nil, err
	}
	m := &memberDef{name: name.text, tok: name, traits: traits}
	if strings.HasPrefix(name.text, "$") {
		m.name = name.text[1:] // target elided: from a mixin or the resource
		p.c.elided = append(p.c.elided, m)
	} else {
		if err := p.expect(":"); err != nil {
			return nil, err
		}
		t, err := p.ident()
		if err != nil {
			return nil, err
		}
		r := p.ref(t, true)
		m.target = &r
	}
	if p.isPunct("=") {
		p.next()
		v, err := p.node()
		if err != nil {
			return nil, err
		}
		m.traits = append(m.traits, traitApp{name: ref{name: "smithy.api#default", ctx: p.ctx}, value: v})
	}
	return m, nil
}

// entity reads the properties of a service, resource or operation; an
// operation's input and output may be defined inline with :=.
func (p *parser) entity(def *shapeDef) error {
	if err := p.expect("{"); err != nil {
		return err
	}
	props := newObject()
	for !p.isPunct("}") {
		k, err := p.ident()
		if err != nil {
			return err
		}
		if p.isPunct(":=") {
			p.next()
			if err := p.inline(def, k, props); err != nil {
				return err
			}
			continue
		}
		if err := p.expect(":"); err != nil {
			return err
		}
		v, err := p.node()
		if err != nil {
			return err
		}
		props.set(k.text, v)
	}
	p.next()
	for _, k := range props.keys {
		def.body.set(k, entityProperty(k, props.vals[k]))
	}
	return nil
}

// inline reads `input := ...` or `output := ...`, a structure named after
// the operation.
func (p *parser) inline(op *shapeDef, k token, props *object) error {
	var suffix, trait string
	switch k.text {
	case "input":
		suffix, trait = p.inputSuffix, "smithy.api#input"
	case "output":
		suffix, trait = p.outputSuffix, "smithy.api#output"
	default:
		return p.errorf(k, "only input and output can be defined inline, not %s", k.text)
	}
	traits, err := p.docsAndTraits()
	if err != nil {
		return err
	}
	traits = append(traitList{{name: ref{name: trait, ctx: p.ctx}, value: newObject()}}, traits...)
	opName := op.id[strings.IndexByte(op.id, '#')+1:]
	name := opName + suffix
	kw := token{kind: tokIdent, text: "structure", line: k.line, col: k.col}
	if err := p.shape(kw, name, k, traits); err != nil {
		return err
	}
	props.set(k.text, ref{name: p.ctx.ns + "#" + name, ctx: p.ctx, target: true, tok: k})
	return nil
}

// entityProperty turns a property value into JSON AST form: shape
// references become {"target": id}.
func entityProperty(key string, v any) any {
	switch key {
	case "input", "output", "create", "put", "read", "update", "delete", "list":
		return targetOf(v)
	case "operations", "collectionOperations", "resources", "errors":
		if arr, ok := v.([]any); ok {
			out := make([]any, len(arr))
			for i, e := range arr {
				out[i] = targetOf(e)
			}
			return out
		}
	case "identifiers", "properties":
		if o, ok := v.(*object); ok {
			out := newObject()
			for _, k := range o.keys {
				out.set(k, targetOf(o.vals[k]))
			}
			return out
		}
	}
	return v
}

func targetOf(v any) any {
	r, ok := v.(ref)
	if !ok {
		return v
	}
	r.target = true
	o := newObject()
	o.set("target", r)
	return o
}
