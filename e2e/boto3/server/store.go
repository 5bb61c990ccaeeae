package main

import (
	"encoding/json"
	"errors"
	"net/http"
	"sync"
	"time"
)

// call is what CreateAppInstance received, as the test sent it, and the
// access key that signed it when the handler verifies signatures.
type call struct {
	Name               *string
	Metadata           *string
	ClientRequestToken *string
	Tags               []tag  `json:",omitempty"`
	AccessKeyID        string `json:",omitempty"`
}

type tag struct{ Key, Value *string }

type instance struct {
	arn, name, metadata string
	created             time.Time
}

// Outcomes other than success that a test asks for with the Name it sends.
var (
	errConflict    = errors.New("an app instance with this name exists")
	errUnavailable = errors.New("try again")
	errNotFound    = errors.New("no such app instance")
)

// store holds the app instances both services create, by client request
// token (a retry with the same token gets the same instance) and by ARN.
type store struct {
	mu      sync.Mutex
	calls   []call
	byToken map[string]*instance
	byARN   map[string]*instance
}

func newStore() *store {
	return &store{byToken: map[string]*instance{}, byARN: map[string]*instance{}}
}

// create records c and acts on its Name: "taken" is a conflict, "panic"
// panics, "broken" fails with an error that is not modeled, "flaky" is
// unavailable the first time a token is seen; any other name creates an
// app instance, or returns the one created earlier with the same token.
func (s *store) create(c call) (*instance, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, c)
	name, token := deref(c.Name), deref(c.ClientRequestToken)
	switch name {
	case "taken":
		return nil, errConflict
	case "panic":
		panic("the service broke")
	case "broken":
		return nil, errors.New("database at /var/lib/apps is on fire")
	case "flaky":
		if s.seen(token) < 2 {
			return nil, errUnavailable
		}
	}
	if in := s.byToken[token]; in != nil {
		return in, nil
	}
	in := &instance{
		arn:      "arn:aws:chime:us-east-1:123456789012:app-instance/" + token,
		name:     name,
		metadata: deref(c.Metadata),
		created:  time.Now().Truncate(time.Millisecond),
	}
	s.byToken[token], s.byARN[in.arn] = in, in
	return in, nil
}

// seen counts the calls with token, this one included.
func (s *store) seen(token string) int {
	n := 0
	for _, c := range s.calls {
		if deref(c.ClientRequestToken) == token {
			n++
		}
	}
	return n
}

func (s *store) describe(arn string) (*instance, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if in := s.byARN[arn]; in != nil {
		return in, nil
	}
	return nil, errNotFound
}

// ServeHTTP lists the calls received so far, as JSON.
func (s *store) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(s.calls)
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// The generated packages of the two services have the same operations with
// types of their own; convert moves values between those and the store's
// through JSON, where their fields have the same names.
func convert(from, to any) {
	b, err := json.Marshal(from)
	if err == nil {
		err = json.Unmarshal(b, to)
	}
	if err != nil {
		panic(err)
	}
}

// createOp and describeOp are the operations, for the input and output
// types of either package; modeled turns the store's errors into the
// package's modeled errors.
func createOp[Out, In any](s *store, accessKeyID string, in *In, modeled func(error) error) (*Out, error) {
	var c call
	convert(in, &c)
	c.AccessKeyID = accessKeyID
	inst, err := s.create(c)
	if err != nil {
		return nil, modeled(err)
	}
	out := new(Out)
	convert(map[string]string{"AppInstanceArn": inst.arn}, out)
	return out, nil
}

func describeOp[Out any](s *store, arn *string, modeled func(error) error) (*Out, error) {
	inst, err := s.describe(deref(arn))
	if err != nil {
		return nil, modeled(err)
	}
	app := map[string]any{
		"AppInstanceArn":       inst.arn,
		"Name":                 inst.name,
		"CreatedTimestamp":     inst.created,
		"LastUpdatedTimestamp": inst.created,
	}
	if inst.metadata != "" {
		app["Metadata"] = inst.metadata
	}
	out := new(Out)
	convert(map[string]any{"AppInstance": app}, out)
	return out, nil
}
