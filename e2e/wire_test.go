package e2e

import (
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/smithygen/smithygen/model"
)

// wireLog keeps the last exchange as it was on the wire, so that a round
// trip also checks the status, the headers and the body of the response,
// and knows the query string the client sent.
type wireLog struct {
	next http.RoundTripper

	mu     sync.Mutex
	query  url.Values
	status int
	header http.Header
	body   []byte
}

func (w *wireLog) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := w.next.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	w.mu.Lock()
	w.query = r.URL.Query()
	w.status, w.header, w.body = resp.StatusCode, resp.Header.Clone(), body
	w.mu.Unlock()
	return resp, nil
}

func (w *wireLog) last() (url.Values, int, http.Header, []byte) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.query, w.status, w.header, w.body
}

// decodedInput is the input the server should have decoded from what the
// client sent: sent itself, except that an @httpQueryParams map holds every
// parameter of the query string, those bound to other members and the
// literal ones of the URI included (Smithy's
// RestJsonServersPutAllQueryParamsInMap).
func (w *wireLog) decodedInput(m *model.Model, op *model.Shape, sent map[string]any) map[string]any {
	query, _, _, _ := w.last()
	in := m.Shape(op.Input)
	if in == nil {
		return sent
	}
	want := maps.Clone(sent)
	for _, mem := range in.Members {
		if !mem.Traits.HTTPQueryParams() {
			continue
		}
		params := map[string]any{}
		if v, ok := sent[mem.Name].(map[string]any); ok {
			maps.Copy(params, v)
		}
		lists := m.Target(m.Target(mem).Value).Type == model.List
		for k, vs := range query {
			if _, ok := params[k]; ok {
				continue
			}
			if lists {
				items := make([]any, len(vs))
				for i, v := range vs {
					items[i] = v
				}
				params[k] = items
			} else {
				params[k] = vs[0]
			}
		}
		if len(params) > 0 {
			want[mem.Name] = params
		}
	}
	return want
}

// checkResponse checks the last response against the operation and the
// output the service answered: the @http code; for a blob or string
// payload, the payload as the body, typed by the member bound to
// Content-Type or else the payload's media type; otherwise Content-Type:
// application/json exactly when there is a body, which is a JSON object
// without nulls.
func (w *wireLog) checkResponse(t *testing.T, m *model.Model, op *model.Shape, out map[string]any) {
	t.Helper()
	_, status, header, body := w.last()
	want := op.Traits.HTTP().Code
	if (want == http.StatusNoContent || want == http.StatusNotModified) && len(body) > 0 {
		// A status without content cannot carry the output members the
		// service set: the server answers 200 with them instead.
		want = http.StatusOK
	}
	if status != want {
		t.Errorf("status %d, want %d", status, want)
	}
	ct := header.Get("Content-Type")
	if eventStreamOf(m, op.Output) != nil {
		// The events themselves are what the client read.
		if ct != "application/vnd.amazon.eventstream" {
			t.Errorf("Content-Type %q, want application/vnd.amazon.eventstream", ct)
		}
		return
	}
	if payload := rawPayload(m, op); payload != nil {
		wantCT := payloadMediaType(m, payload)
		if v, ok := out[contentTypeMember(m, op)].(string); ok {
			wantCT = v
		}
		if ct != wantCT {
			t.Errorf("Content-Type %q, want %q", ct, wantCT)
		}
		var wantBody []byte
		switch v := out[payload.Name].(type) {
		case []byte:
			wantBody = v
		case string:
			wantBody = []byte(v)
		}
		if !bytes.Equal(body, wantBody) {
			t.Errorf("body %q, want the payload %q", body, wantBody)
		}
		return
	}
	if len(body) == 0 {
		if ct != "" {
			t.Errorf("Content-Type %q on a response without a body", ct)
		}
		return
	}
	if ct != "application/json" {
		t.Errorf("Content-Type %q, want application/json", ct)
	}
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Errorf("body is not a JSON object: %v\n%s", err, body)
	}
	if hasNull(doc) {
		t.Errorf("body holds null:\n%s", body)
	}
}

// rawPayload is the output member bound to the body as it is, a blob or a
// string, if the operation has one.
func rawPayload(m *model.Model, op *model.Shape) *model.Member {
	out := m.Shape(op.Output)
	if out == nil {
		return nil
	}
	for _, mem := range out.Members {
		if t := m.Target(mem).Type; mem.Traits.HTTPPayload() && (t == model.Blob || t == model.String) {
			return mem
		}
	}
	return nil
}

// payloadMediaType is the Content-Type of a raw payload: its @mediaType,
// else that of its kind.
func payloadMediaType(m *model.Model, payload *model.Member) string {
	if mt, ok := m.MemberTraits(payload).MediaType(); ok {
		return mt
	}
	if m.Target(payload).Type == model.String {
		return "text/plain"
	}
	return "application/octet-stream"
}

// contentTypeMember is the name of the output member bound to the
// Content-Type header, or "".
func contentTypeMember(m *model.Model, op *model.Shape) string {
	if out := m.Shape(op.Output); out != nil {
		for _, mem := range out.Members {
			if h, ok := mem.Traits.HTTPHeader(); ok && strings.EqualFold(h, "Content-Type") {
				return mem.Name
			}
		}
	}
	return ""
}

// eventStreamOf is the member of structure id that is an event stream, if
// any.
func eventStreamOf(m *model.Model, id model.ShapeID) *model.Member {
	s := m.Shape(id)
	if s == nil {
		return nil
	}
	for _, mem := range s.Members {
		if isEventStream(m, mem) {
			return mem
		}
	}
	return nil
}

func isEventStream(m *model.Model, mem *model.Member) bool {
	t := m.Target(mem)
	return mem.Traits.HTTPPayload() && t.Type == model.Union && t.Traits.Has(model.TraitStreaming)
}

func hasNull(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case map[string]any:
		for _, e := range v {
			if hasNull(e) {
				return true
			}
		}
	case []any:
		for _, e := range v {
			if hasNull(e) {
				return true
			}
		}
	}
	return false
}
