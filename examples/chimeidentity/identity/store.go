// Package identity is an in-memory Amazon Chime SDK Identity service: app
// instances with their tags, served by the generated package
// output/chimesdkidentity. It keeps what a real deployment would put in a
// database in maps behind one mutex, which is enough to show the generated
// server at work and to test AWS clients against.
package identity

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	idsrv "github.com/smithygen/smithygen/output/chimesdkidentity"
)

// Store is the service. Operations it does not implement answer 501.
type Store struct {
	idsrv.UnimplementedService

	region, account string
	now             func() time.Time

	mu        sync.Mutex
	seq       int64
	instances map[string]*instance // by ARN
	// tokens remembers each ClientRequestToken of CreateAppInstance
	// with the request it came with, so that a retry gets the same
	// instance and another request with the same token an error.
	tokens map[string]createRequest
}

type instance struct {
	seq  int64 // creation order: the order of ListAppInstances
	app  idsrv.AppInstance
	tags []idsrv.Tag
}

// createRequest is what CreateAppInstance was asked for under a token.
type createRequest struct {
	name, metadata string
	tags           []idsrv.Tag
	arn            string
}

// maxTags is the most tags a resource may have, as for Chime.
const maxTags = 50

// NewStore returns an empty service whose ARNs name the region and account.
func NewStore(region, account string) *Store {
	return &Store{
		region:    region,
		account:   account,
		now:       time.Now,
		instances: map[string]*instance{},
		tokens:    map[string]createRequest{},
	}
}

func badRequest(format string, args ...any) error {
	return &idsrv.BadRequestException{Code: idsrv.ErrorCodeBadRequest, Message: ptr(fmt.Sprintf(format, args...))}
}

// notFound reports an unknown ARN as the model's operations on app
// instances can: a BadRequestException, its Code saying what is wrong.
func notFound(arn string) error {
	return &idsrv.BadRequestException{Code: idsrv.ErrorCodeNotFound, Message: ptr("no resource with the ARN " + arn)}
}

func ptr[T any](v T) *T { return &v }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// CreateAppInstance creates an app instance, or returns the one created
// before under the same ClientRequestToken with the same parameters.
func (s *Store) CreateAppInstance(_ context.Context, in *idsrv.CreateAppInstanceInput) (*idsrv.CreateAppInstanceOutput, error) {
	req := createRequest{name: deref(in.Name), metadata: deref(in.Metadata), tags: in.Tags}
	if len(req.tags) > maxTags {
		return nil, &idsrv.ResourceLimitExceededException{Code: idsrv.ErrorCodeResourceLimitExceeded, Message: ptr("an app instance can have at most 50 tags")}
	}
	token := deref(in.ClientRequestToken)
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.tokens[token]; ok {
		if diff := prev.differences(req); len(diff) > 0 {
			return nil, badRequest("ClientRequestToken %s was already used with other parameters: %s differ", token, strings.Join(diff, ", "))
		}
		return &idsrv.CreateAppInstanceOutput{AppInstanceArn: ptr(prev.arn)}, nil
	}
	s.seq++
	now := s.now().UTC().Truncate(time.Millisecond)
	req.arn = fmt.Sprintf("arn:aws:chime:%s:%s:app-instance/%s", s.region, s.account, newID())
	s.instances[req.arn] = &instance{
		seq: s.seq,
		app: idsrv.AppInstance{
			AppInstanceArn:       ptr(req.arn),
			Name:                 in.Name,
			Metadata:             in.Metadata,
			CreatedTimestamp:     &now,
			LastUpdatedTimestamp: &now,
		},
		tags: slices.Clone(in.Tags),
	}
	s.tokens[token] = req
	return &idsrv.CreateAppInstanceOutput{AppInstanceArn: ptr(req.arn)}, nil
}

// differences names the parameters in which two requests differ.
func (r createRequest) differences(o createRequest) []string {
	var diff []string
	if r.name != o.name {
		diff = append(diff, "Name")
	}
	if r.metadata != o.metadata {
		diff = append(diff, "Metadata")
	}
	if !slices.EqualFunc(r.tags, o.tags, func(a, b idsrv.Tag) bool {
		return deref(a.Key) == deref(b.Key) && deref(a.Value) == deref(b.Value)
	}) {
		diff = append(diff, "Tags")
	}
	return diff
}

// lookup returns the live instance with the ARN. s.mu is held.
func (s *Store) lookup(arn *string) (*instance, error) {
	in, ok := s.instances[deref(arn)]
	if !ok {
		return nil, notFound(deref(arn))
	}
	return in, nil
}

func (s *Store) DescribeAppInstance(_ context.Context, in *idsrv.DescribeAppInstanceInput) (*idsrv.DescribeAppInstanceOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	inst, err := s.lookup(in.AppInstanceArn)
	if err != nil {
		return nil, err
	}
	app := inst.app
	return &idsrv.DescribeAppInstanceOutput{AppInstance: &app}, nil
}

func (s *Store) UpdateAppInstance(_ context.Context, in *idsrv.UpdateAppInstanceInput) (*idsrv.UpdateAppInstanceOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	inst, err := s.lookup(in.AppInstanceArn)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC().Truncate(time.Millisecond)
	inst.app.Name, inst.app.Metadata, inst.app.LastUpdatedTimestamp = in.Name, in.Metadata, &now
	return &idsrv.UpdateAppInstanceOutput{AppInstanceArn: in.AppInstanceArn}, nil
}

func (s *Store) DeleteAppInstance(_ context.Context, in *idsrv.DeleteAppInstanceInput) (*idsrv.DeleteAppInstanceOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.lookup(in.AppInstanceArn); err != nil {
		return nil, err
	}
	delete(s.instances, deref(in.AppInstanceArn))
	return &idsrv.DeleteAppInstanceOutput{}, nil
}

// defaultPageSize is the page size of ListAppInstances without MaxResults.
const defaultPageSize = 10

// ListAppInstances lists app instances in the order they were created, a
// page at a time; NextToken says where the next page starts.
func (s *Store) ListAppInstances(_ context.Context, in *idsrv.ListAppInstancesInput) (*idsrv.ListAppInstancesOutput, error) {
	size := defaultPageSize
	if in.MaxResults != nil {
		size = int(*in.MaxResults)
	}
	var after int64
	if in.NextToken != nil && *in.NextToken != "" {
		var err error
		if after, err = parsePageToken(*in.NextToken); err != nil {
			return nil, badRequest("NextToken is not a token that ListAppInstances returned")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var page []*instance
	for _, inst := range s.instances {
		if inst.seq > after {
			page = append(page, inst)
		}
	}
	slices.SortFunc(page, func(a, b *instance) int { return int(a.seq - b.seq) })
	out := &idsrv.ListAppInstancesOutput{AppInstances: []idsrv.AppInstanceSummary{}}
	if len(page) > size {
		page = page[:size]
		out.NextToken = ptr(pageToken(page[size-1].seq))
	}
	for _, inst := range page {
		out.AppInstances = append(out.AppInstances, idsrv.AppInstanceSummary{
			AppInstanceArn: inst.app.AppInstanceArn,
			Name:           inst.app.Name,
			Metadata:       inst.app.Metadata,
		})
	}
	return out, nil
}

// Page tokens are opaque to clients: the creation sequence number of the
// last instance of the page, base64-encoded.
func pageToken(seq int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte("after:" + strconv.FormatInt(seq, 10)))
}

func parsePageToken(tok string) (int64, error) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, err
	}
	n, ok := strings.CutPrefix(string(b), "after:")
	if !ok {
		return 0, fmt.Errorf("not a page token")
	}
	return strconv.ParseInt(n, 10, 64)
}

func (s *Store) TagResource(_ context.Context, in *idsrv.TagResourceInput) (*idsrv.TagResourceOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	inst, err := s.lookup(in.ResourceARN)
	if err != nil {
		return nil, err
	}
	tags := slices.Clone(inst.tags)
	for _, t := range in.Tags {
		i := slices.IndexFunc(tags, func(old idsrv.Tag) bool { return deref(old.Key) == deref(t.Key) })
		if i >= 0 {
			tags[i] = t
		} else {
			tags = append(tags, t)
		}
	}
	if len(tags) > maxTags {
		return nil, &idsrv.ResourceLimitExceededException{Code: idsrv.ErrorCodeResourceLimitExceeded, Message: ptr("a resource can have at most 50 tags")}
	}
	inst.tags = tags
	return &idsrv.TagResourceOutput{}, nil
}

func (s *Store) UntagResource(_ context.Context, in *idsrv.UntagResourceInput) (*idsrv.UntagResourceOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	inst, err := s.lookup(in.ResourceARN)
	if err != nil {
		return nil, err
	}
	inst.tags = slices.DeleteFunc(slices.Clone(inst.tags), func(t idsrv.Tag) bool {
		return slices.Contains(in.TagKeys, deref(t.Key))
	})
	return &idsrv.UntagResourceOutput{}, nil
}

func (s *Store) ListTagsForResource(_ context.Context, in *idsrv.ListTagsForResourceInput) (*idsrv.ListTagsForResourceOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	inst, err := s.lookup(in.ResourceARN)
	if err != nil {
		return nil, err
	}
	return &idsrv.ListTagsForResourceOutput{Tags: slices.Clone(inst.tags)}, nil
}

// newID returns a random version 4 UUID.
func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
