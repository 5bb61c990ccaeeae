package generator

import (
	"github.com/dave/jennifer/jen"

	"github.com/smithygen/smithygen/internal/htmldoc"
	"github.com/smithygen/smithygen/model"
)

// Operation files: each operation's input and output types, the input's
// validator, and the request decoder and response encoder.

// operationFile holds an operation's input and output, the input's
// validator, and its request decoder and response encoder.
func (p *plan) operationFile(op *operation) *jen.File {
	f := p.newFile()
	in := op.input
	if in.ID == model.UnitID {
		in = nil
	}
	out := op.output
	if out.ID == model.UnitID {
		out = nil
	}
	p.structDecl(f, op.inputName(), in, ioDoc(op.inputName(), "input", op.name, in), inputStreamType)
	f.Line()
	p.structDecl(f, op.outputName(), out, ioDoc(op.outputName(), "output", op.name, out), outputStreamType)
	f.Line()
	p.structValidator(f, op.inputName(), in)
	p.requestDecoder(f, op, in)
	if m := p.eventStream(in); m != nil {
		p.eventReceiverFunc(f, op, m)
	}
	p.responseEncoder(f, op, out)
	return f
}

// ioDoc documents an operation's input or output struct.
func ioDoc(name, what, op string, s *model.Shape) string {
	doc := name + " is the " + what + " of " + op + "."
	if s != nil {
		if d := htmldoc.Text(s.Traits.Documentation(), docWidth); d != "" {
			doc += "\n\n" + d
		}
	}
	return doc
}
