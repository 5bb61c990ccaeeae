package generator

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygen/smithygen/internal/htmldoc"
	"github.com/smithygen/smithygen/model"
)

// The service file: the Service interface, UnimplementedService and
// NewHandler, with the table that routes each request to its operation.

// serviceFile holds Service, UnimplementedService and NewHandler.
func (p *plan) serviceFile() *jen.File {
	f := p.newFile()
	f.PackageComment(commentLines(p.packageDoc()))
	svcDoc := htmldoc.Text(p.svc.Traits.Documentation(), docWidth)
	doc := "Service is the " + p.serviceTitle() + " API. Implement it and serve it with NewHandler."
	if svcDoc != "" {
		doc += "\n\n" + svcDoc
	}
	withDoc(f, doc)
	f.Type().Id("Service").InterfaceFunc(func(g *jen.Group) {
		for i, op := range p.ops {
			if i > 0 {
				g.Line()
			}
			d := shapeDoc(op.shape)
			if p.servesEvents(op) {
				if d != "" {
					d += "\n\n"
				}
				d += p.eventStreamDoc(op)
			}
			if d != "" {
				g.Add(docComment(d))
			}
			g.Id(op.name).Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("input").Op("*").Id(op.inputName())).
				Params(jen.Op("*").Id(op.outputName()), jen.Error())
		}
	})
	f.Line()
	withDoc(f, "UnimplementedService answers every operation with 501 NotImplemented. Embed it\nin an implementation of Service so that the implementation keeps compiling\nwhen the model gains operations.")
	f.Type().Id("UnimplementedService").Struct()
	f.Line()
	for _, op := range p.ops {
		f.Func().Params(jen.Id("UnimplementedService")).Id(op.name).
			Params(jen.Qual("context", "Context"), jen.Op("*").Id(op.inputName())).
			Params(jen.Op("*").Id(op.outputName()), jen.Error()).
			Block(jen.Return(jen.Nil(), jen.Id("notImplemented").Call(jen.Lit(op.name))))
		f.Line()
	}
	withDoc(f, p.signingNameDoc())
	f.Const().Id("signingName").Op("=").Lit(p.signingName())
	f.Line()
	withDoc(f, "NewHandler returns an http.Handler that serves svc over restJson1: it routes\neach request by the operation's @http trait, decodes and validates the input,\ncalls svc, and encodes the output or the error.")
	f.Func().Id("NewHandler").Params(jen.Id("svc").Id("Service"), jen.Id("opts").Op("...").Id("HandlerOption")).Qual("net/http", "Handler").Block(
		jen.Return(jen.Id("newHandler").Call(jen.Index().Id("operation").ValuesFunc(func(g *jen.Group) {
			for _, op := range p.ops {
				g.Line().Add(p.operationEntry(op))
			}
			g.Line()
		}), jen.Id("opts"))),
	)
	return f
}

// signingName is the name of the service's aws.auth#sigv4 trait; a model
// without one gets its ARN namespace, else its name in lower case, which is
// what AWS uses for services that do not state it.
func (p *plan) signingName() string {
	if name, ok := p.svc.Traits.SigV4Name(); ok {
		return name
	}
	if ns, ok := p.svc.Traits.ARNNamespace(); ok {
		return ns
	}
	return strings.ToLower(p.svc.ID.Name())
}

func (p *plan) signingNameDoc() string {
	doc := "signingName is the service name that WithSigV4 expects signatures to be\nscoped to: "
	if _, ok := p.svc.Traits.SigV4Name(); ok {
		return doc + "the name of the model's aws.auth#sigv4 trait."
	}
	return doc + "the model has no aws.auth#sigv4 trait, so it is the\nservice's ARN namespace or, without one, its name."
}

func (p *plan) serviceTitle() string {
	if t, ok := p.svc.Traits.String("smithy.api#title"); ok {
		return t
	}
	return p.svc.ID.Name()
}

// operationEntry is the operation's row of NewHandler's table.
func (p *plan) operationEntry(op *operation) jen.Code {
	return jen.ValuesFunc(func(g *jen.Group) {
		g.Line().Id("name").Op(":").Lit(op.name)
		g.Line().Id("method").Op(":").Lit(op.http.Method)
		g.Line().Id("uri").Op(":").Lit(op.http.URI)
		if p.hasJSONBody(op.input) && p.eventStream(op.input) == nil {
			g.Line().Id("hasBody").Op(":").True()
		}
		if p.hasRawPayload(op.input) {
			g.Line().Id("rawBody").Op(":").True()
			g.Line().Id("payloadType").Op(":").Lit(p.acceptedMediaType(membersBound(op.input, inPayload)[0]))
		}
		if m := p.streamingPayload(op.input); m != nil {
			g.Line().Id("streamsBody").Op(":").True()
			if p.m.Target(m).Traits.Has(model.TraitRequiresLength) {
				g.Line().Id("requiresLength").Op(":").True()
			}
		}
		if p.hasRawPayload(op.output) {
			g.Line().Id("responseTypes").Op(":").Index().String().Values(jen.Lit(p.acceptedMediaType(membersBound(op.output, inPayload)[0])))
		}
		if op.shape.Traits.Has(model.TraitUnsignedPayload) {
			g.Line().Id("unsignedPayload").Op(":").True()
		}
		if op.invalid != nil {
			g.Line().Id("invalid").Op(":").Id("invalid" + p.funcSuffix(op.invalid.ID))
		}
		if op.server != nil {
			g.Line().Id("internal").Op(":").Id("internal" + p.funcSuffix(op.server.ID))
		}
		if p.servesEvents(op) {
			p.eventsEntry(g, op)
			return
		}
		g.Line().Id("serve").Op(":").Id("serveWith").Call(jen.Id("decode"+op.name+"Request"),
			jen.Parens(jen.Op("*").Id(op.inputName())).Dot("Validate"),
			jen.Id("svc").Dot(op.name), jen.Id("encode"+op.name+"Response"))
		g.Line()
	})
}

// packageDoc is the package comment, on service.go: users keep their own
// doc.go (often holding the go:generate line) beside the generated files.
func (p *plan) packageDoc() string {
	return htmldoc.Text(fmt.Sprintf("<p>Package %s is a restJson1 server for %s (%s, version %s).</p><p>Implement Service (embed UnimplementedService to start) and serve it with NewHandler.</p>",
		p.pkg, p.serviceTitle(), p.svc.ID, p.svc.Version), docWidth)
}
