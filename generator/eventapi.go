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
		f.Type().Id(es.writer).Struct(
			jen.Id("send").Func().Params(jen.Qual("context", "Context"), jen.Id(union)).Error(),
		)
		f.Line()
		withDoc(f, p.sendDoc(es))
		f.Func().Params(jen.Id("w").Op("*").Id(es.writer)).Id("Send").Params(ctx.Clone(), jen.Id("event").Id(union)).Error().Block(
			jen.Return(jen.Id("w").Dot("send").Call(jen.Id("ctx"), jen.Id("event"))),
		)
		f.Line()
	}
	if es.recv {
		withDoc(f, wrapDoc(es.reader+" receives the events of a "+union+" stream from the client."))
		f.Type().Id(es.reader).Struct(
			jen.Id("recv").Func().Params(jen.Qual("context", "Context")).Params(jen.Id(union), jen.Error()),
		)
		f.Line()
		withDoc(f, wrapDoc("Recv returns the next event the client sent, and io.EOF after the last one. A message that is not a well-formed event of "+union+" is an error, and so is an event that breaks the constraints of the model: the operation's validation error. Recv returns ctx.Err() once ctx is done."))
		f.Func().Params(jen.Id("r").Op("*").Id(es.reader)).Id("Recv").Params(ctx.Clone()).Params(jen.Id(union), jen.Error()).Block(
			jen.Return(jen.Id("r").Dot("recv").Call(jen.Id("ctx"))),
		)
		f.Line()
		withDoc(f, wrapDoc("All iterates over the events Recv returns, up to the end of the stream or the first error, which it yields."))
		f.Func().Params(jen.Id("r").Op("*").Id(es.reader)).Id("All").Params(ctx.Clone()).Qual("iter", "Seq2").Types(jen.Id(union), jen.Error()).Block(
			jen.Return(jen.Id("allEvents").Call(jen.Id("ctx"), jen.Id("r").Dot("recv"))),
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
