package main

import (
	"context"
	"errors"

	chimesrv "github.com/smithygen/smithygen/output/chime"
)

// legacy is legacy Amazon Chime over the store.
type legacy struct {
	chimesrv.UnimplementedService
	store *store
}

func (s *legacy) CreateAppInstance(ctx context.Context, in *chimesrv.CreateAppInstanceInput) (*chimesrv.CreateAppInstanceOutput, error) {
	accessKeyID, _ := chimesrv.AccessKeyIDFromContext(ctx)
	return createOp[chimesrv.CreateAppInstanceOutput](s.store, accessKeyID, in, legacyError)
}

func (s *legacy) DescribeAppInstance(_ context.Context, in *chimesrv.DescribeAppInstanceInput) (*chimesrv.DescribeAppInstanceOutput, error) {
	return describeOp[chimesrv.DescribeAppInstanceOutput](s.store, in.AppInstanceArn, legacyError)
}

// legacyError is the modeled error for an outcome of the store.
func legacyError(err error) error {
	msg := err.Error()
	switch {
	case errors.Is(err, errConflict):
		return &chimesrv.ConflictException{Code: chimesrv.ErrorCodeConflict, Message: &msg}
	case errors.Is(err, errUnavailable):
		return &chimesrv.ServiceUnavailableException{Code: chimesrv.ErrorCodeServiceUnavailable, Message: &msg}
	case errors.Is(err, errNotFound):
		return &chimesrv.BadRequestException{Code: chimesrv.ErrorCodeBadRequest, Message: &msg}
	}
	return err
}
