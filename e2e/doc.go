// Package e2e tests the generated servers in output/ with the real AWS SDK
// clients: the AWS SDK for Go v2 against Chime SDK Identity and the AWS SDK
// for Go v1 against legacy Amazon Chime. It is a module of its own so that
// the SDKs are not dependencies of smithygen.
package e2e
