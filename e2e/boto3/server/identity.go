package main

import (
	"context"
	"errors"

	idsrv "github.com/smithygen/smithygen/output/chimesdkidentity"
)

// identity is Chime SDK Identity over the store.
type identity struct {
	idsrv.UnimplementedService
	store *store
}

func (s *identity) CreateAppInstance(ctx context.Context, in *idsrv.CreateAppInstanceInput) (*idsrv.CreateAppInstanceOutput, error) {
	accessKeyID, _ := idsrv.AccessKeyIDFromContext(ctx)
	return createOp[idsrv.CreateAppInstanceOutput](s.store, accessKeyID, in, identityError)
}

func (s *identity) DescribeAppInstance(_ context.Context, in *idsrv.DescribeAppInstanceInput) (*idsrv.DescribeAppInstanceOutput, error) {
	return describeOp[idsrv.DescribeAppInstanceOutput](s.store, in.AppInstanceArn, identityError)
}

// identityError is the modeled error for an outcome of the store.
func identityError(err error) error {
	msg := err.Error()
	switch {
	case errors.Is(err, errConflict):
		return &idsrv.ConflictException{Code: idsrv.ErrorCodeConflict, Message: &msg}
	case errors.Is(err, errUnavailable):
		return &idsrv.ServiceUnavailableException{Code: idsrv.ErrorCodeServiceUnavailable, Message: &msg}
	case errors.Is(err, errNotFound):
		return &idsrv.BadRequestException{Code: idsrv.ErrorCodeBadRequest, Message: &msg}
	}
	return err
}
