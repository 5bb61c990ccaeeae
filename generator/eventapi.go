package generator

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygen/smithygen/internal/htmldoc"
	"github.com/smithygen/smithygen/model"
)

// The API of event streams: the Go type of an input's or output's stream
// member, and the UWriter and UReader types that send and receive the
// events of a union U.

// streamType is the Go type of an event-stream member: a function that
// sends the events of an output, a reader of those of an input.
func (p *plan) streamType(m *model.Member) *jen.Statement {
	es := p.streamOf(m)
	if p.sendsEvents(m) {
		return jen.Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("stream").Op("*").Id(es.writer)).Error()
	}
	return jen.Op("*").Id(es.reader)
}

// streamMemberDoc says how an event-stream member is used, after the
// model's documentation of it.
func (p *plan) streamMemberDoc(m *model.Member) string {
	es := p.streamOf(m)
	if !p.sendsEvents(m) {
		return wrapDoc("NewHandler sets it to read the events the client sends in the request body.")
	}
	doc := "NewHandler sends the initial response (its status and header members) once the service method and any middleware have returned, then calls this function with the request's context, which ends when the client goes away. Each Send writes one event; the stream ends when the function returns. "
	if len(errorEvents(es)) > 0 {
		doc += "A modeled error of " + p.typeName(es.union.ID) + " that it returns is sent as that exception, any other error as an InternalFailure error message (and logged). "
	} else {
		doc += "An error it returns is sent as an InternalFailure error message (and logged). "
	}
	return wrapDoc(doc + "Nil sends no event.")
}

// wrapDoc wraps plain paragraphs of text for a doc comment.
func wrapDoc(paragraphs ...string) string {
	return htmldoc.Text("<p>"+strings.Join(paragraphs, "</p><p>")+"</p>", docWidth)
}

// errorEvents are the events of a stream that are exceptions.
func errorEvents(es *eventStream) []*event {
	var out []*event
	for _, e := range es.events {
		if e.isError {
			out = append(out, e)
		}
	}
	return out
}

// streamDecls declares UWriter and UReader, after the union U.
func (p *plan) streamDecls(f *jen.File, es *eventStream) {
	union := p.typeName(es.union.ID)
	ctx := jen.Id("ctx").Qual("context", "Context")
	if es.send {
		withDoc(f, wrapDoc(es.writer+" sends the events of a "+union+" stream to the client. NewHandler passes one to the stream function of the output."))
		f.Type().Id(es.writer).Struct(jen.Id("stream").Op("*").Id("eventStreamWriter"))
		f.Line()
		withDoc(f, p.sendDoc(es))
		f.Func().Params(jen.Id("w").Op("*").Id(es.writer)).Id("Send").Params(ctx.Clone(), jen.Id("event").Id(union)).Error().Block(
			jen.Return(jen.Id(es.encode).Call(jen.Id("ctx"), jen.Id("w").Dot("stream"), jen.Id("event"))),
		)
		f.Line()
	}
	if es.recv {
		withDoc(f, wrapDoc(es.reader+" receives the events of a "+union+" stream from the client."))
		f.Type().Id(es.reader).Struct(jen.Id("events").Op("*").Id("eventReceiver").Types(jen.Id(union)))
		f.Line()
		withDoc(f, wrapDoc("Recv returns the next event the client sent, and io.EOF after the last one. A message that is not a well-formed event of "+union+" is an error, and so is an event that breaks the constraints of the model: the operation's validation error. Recv returns ctx.Err() once ctx is done."))
		f.Func().Params(jen.Id("r").Op("*").Id(es.reader)).Id("Recv").Params(ctx.Clone()).Params(jen.Id(union), jen.Error()).Block(
			jen.Return(jen.Id("r").Dot("events").Dot("recv").Call(jen.Id("ctx"))),
		)
		f.Line()
		withDoc(f, wrapDoc("All iterates over the events Recv returns, up to the end of the stream or the first error, which it yields."))
		f.Func().Params(jen.Id("r").Op("*").Id(es.reader)).Id("All").Params(ctx.Clone()).Qual("iter", "Seq2").Types(jen.Id(union), jen.Error()).Block(
			jen.Return(jen.Id("allEvents").Call(jen.Id("ctx"), jen.Id("r").Dot("Recv"))),
		)
		f.Line()
	}
}

// sendDoc documents UWriter.Send.
func (p *plan) sendDoc(es *eventStream) string {
	doc := "Send writes one event to the client and flushes it. It returns ctx.Err() once the client has gone away."
	errs := errorEvents(es)
	if len(errs) == 0 {
		return wrapDoc(doc)
	}
	var types []string
	for _, e := range errs {
		types = append(types, "*"+p.unionMemberType(es.union, e.member))
	}
	return wrapDoc(doc + " An error member (" + strings.Join(types, ", ") + ") is sent as an exception, which ends the stream: later calls return an error.")
}

// eventStreamDoc is the paragraph of the Service method of an operation
// that streams events, on how NewHandler serves it.
func (p *plan) eventStreamDoc(op *operation) string {
	var parts []string
	if m := p.eventStream(op.input); m != nil {
		parts = append(parts, "The client streams events: "+op.inputName()+"."+p.fieldName(m)+" reads them from the request body while the method runs.")
	}
	if m := p.eventStream(op.output); m != nil {
		parts = append(parts, "The response streams events: once the method and any middleware have returned, NewHandler sends the initial response, then calls "+op.outputName()+"."+p.fieldName(m)+", which sends them.")
	}
	return wrapDoc(strings.Join(parts, " "))
}

// eventsEntry ends the row of NewHandler's table of an operation that
// streams events.
func (p *plan) eventsEntry(g *jen.Group, op *operation) {
	receive := jen.Nil()
	if p.eventStream(op.input) != nil {
		g.Line().Id("inputEvents").Op(":").True()
		receive = jen.Id(op.receive)
	}
	sends := p.eventStream(op.output) != nil
	if sends {
		// Clients of event streams ask for the stream or for JSON, the
		// media type of a failure before the stream starts.
		g.Line().Id("responseTypes").Op(":").Index().String().Values(jen.Id("eventStreamMediaType"), jen.Lit("application/json"))
	}
	g.Line().Id("serve").Op(":").Id("serveEventsWith").Call(jen.Id("decode"+op.name+"Request"),
		jen.Parens(jen.Op("*").Id(op.inputName())).Dot("Validate"), receive,
		jen.Id("svc").Dot(op.name), jen.Id("encode"+op.name+"Response"), jen.Lit(sends))
	g.Line()
}

// eventReceiverFunc emits receiveOEvents, which gives the input of an
// operation the reader of its event stream.
func (p *plan) eventReceiverFunc(f *jen.File, op *operation, m *model.Member) {
	es := p.streamOf(m)
	union := es.union.ID
	validate := jen.Nil()
	if p.inputs[union] && p.needsValidation(union) {
		validate = jen.Id("validate" + p.funcSuffix(union))
	}
	f.Func().Id(op.receive).Params(jen.Id("x").Op("*").Id("exchange"), jen.Id("v").Op("*").Id(op.inputName()), jen.Id("r").Op("*").Id("eventStreamReader")).Op("*").Id("eventReceiverState").Block(
		jen.Id("events").Op(":=").Id("newEventReceiver").Call(jen.Id("x"), jen.Id("r"), jen.Lit(m.Name), jen.Id(es.decode), validate),
		jen.Id("v").Dot(p.fieldName(m)).Op("=").Op("&").Id(es.reader).Values(jen.Dict{jen.Id("events"): jen.Id("events")}),
		jen.Return(jen.Id("events").Dot("state")),
	)
	f.Line()
}
