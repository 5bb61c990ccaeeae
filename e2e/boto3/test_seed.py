"""boto3, the client this project's seeds call, against the servers smithygen
generated for Chime SDK Identity and legacy Amazon Chime (output/).

Each test class builds and starts server/ (a Go program serving one generated
package on a random loopback port, verifying SigV4 signatures with
WithSigV4) and calls it as the boto3 documentation of create_app_instance
does, every call signed. test_sigv4.py tests the signatures that must fail. Run with `make boto3`, or from e2e/boto3 with
`/usr/bin/python3 -m unittest -v`.
"""

import datetime
import json
import os
import pathlib
import shutil
import subprocess
import tempfile
import unittest
import urllib.request

import boto3
import botocore
import botocore.config
import botocore.exceptions

HERE = pathlib.Path(__file__).resolve().parent
E2E = HERE.parent

# CreateAppInstance's constraints, in the messages of Smithy's validation
# protocol tests; the same for both services (e2e/helpers_test.go).
EMPTY_NAME = ("1 validation error detected. Value with length 0 at '/Name' failed to "
              "satisfy constraint: Member must have length between 1 and 256, inclusive")
VALIDATION_CASES = [
    ("empty name", dict(Name=""), EMPTY_NAME),
    ("long name", dict(Name="n" * 257),
     "1 validation error detected. Value with length 257 at '/Name' failed to satisfy "
     "constraint: Member must have length between 1 and 256, inclusive"),
    ("no name", dict(), "1 validation error detected. Value at '/Name' failed to satisfy "
     "constraint: Member must not be null"),
    ("long metadata", dict(Name="app", Metadata="m" * 1025),
     "1 validation error detected. Value with length 1025 at '/Metadata' failed to satisfy "
     "constraint: Member must have length between 0 and 1024, inclusive"),
    ("short token", dict(Name="app", ClientRequestToken="t"),
     "1 validation error detected. Value with length 1 at '/ClientRequestToken' failed to "
     "satisfy constraint: Member must have length between 2 and 64, inclusive"),
    ("too many tags", dict(Name="app", Tags=[{"Key": "k%d" % i, "Value": "v"} for i in range(51)]),
     "1 validation error detected. Value with length 51 at '/Tags' failed to satisfy "
     "constraint: Member must have length between 1 and 50, inclusive"),
    ("empty tag key", dict(Name="app", Tags=[{"Key": "a", "Value": "b"}, {"Key": "", "Value": "c"}]),
     "1 validation error detected. Value with length 0 at '/Tags/1/Key' failed to satisfy "
     "constraint: Member must have length between 1 and 128, inclusive"),
    ("two violations", dict(Name="", ClientRequestToken="t"),
     "2 validation errors detected. Value with length 0 at '/Name' failed to satisfy "
     "constraint: Member must have length between 1 and 256, inclusive; Value with length 1 "
     "at '/ClientRequestToken' failed to satisfy constraint: Member must have length between "
     "2 and 64, inclusive"),
]

# The one access key the server knows.
ACCESS_KEY_ID, SECRET = "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

_build_dir = None
# One session for every client: it loads each service's model once.
_session = boto3.session.Session(region_name="us-east-1")


def setUpModule():
    global _build_dir
    _build_dir = tempfile.mkdtemp(prefix="smithygen-boto3-")
    subprocess.run([os.environ.get("GO", "go"), "build", "-o", os.path.join(_build_dir, "server"), "./boto3/server"],
                   cwd=E2E, check=True)


def tearDownModule():
    shutil.rmtree(_build_dir, ignore_errors=True)


class Seed:
    """The seed's calls, for a service of boto3 named by `service`."""

    service = None
    client_config = {}

    @classmethod
    def setUpClass(cls):
        cls.server = subprocess.Popen([os.path.join(_build_dir, "server"), "-service", cls.service,
                                       "-sigv4", ACCESS_KEY_ID + ":" + SECRET],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL, text=True)
        cls.url = cls.server.stdout.readline().strip()
        if not cls.url.startswith("http://127.0.0.1:"):
            cls.tearDownClass()
            raise RuntimeError("the server did not start: %r" % cls.url)
        cls.client = cls.new_client()
        if not hasattr(cls.client, "create_app_instance"):
            # Newer botocore releases dropped app instances from legacy Chime.
            cls.tearDownClass()
            raise unittest.SkipTest("this botocore (%s) has no %s.create_app_instance; Debian's "
                                    "python3-boto3 has" % (botocore.__version__, cls.service))

    @classmethod
    def tearDownClass(cls):
        if "client" in cls.__dict__:
            cls.client.close()
        cls.server.stdin.close()  # the server stops when stdin closes
        cls.server.wait(timeout=30)
        cls.server.stdout.close()

    @classmethod
    def new_client(cls, attempts=1, key=ACCESS_KEY_ID, secret=SECRET, **config):
        cfg = botocore.config.Config(retries={"mode": "standard", "max_attempts": attempts},
                                     **cls.client_config, **config)
        return _session.client(cls.service, endpoint_url=cls.url, config=cfg,
                               aws_access_key_id=key, aws_secret_access_key=secret)

    def another_client(self, **config):
        client = self.new_client(**config)
        self.addCleanup(client.close)
        return client

    def calls(self):
        """The CreateAppInstance inputs the service received, oldest first."""
        with urllib.request.urlopen(self.url + "/_calls", timeout=10) as r:
            return json.load(r)

    def test_seed_call(self):
        resp = self.client.create_app_instance(
            Name="my-app-instance",
            Metadata='{"team": "chat"}',
            ClientRequestToken="seed-token-0001",
            Tags=[{"Key": "env", "Value": "test"}, {"Key": "owner", "Value": "chat"}],
        )
        self.assertEqual(resp["ResponseMetadata"]["HTTPStatusCode"], 201)
        arn = resp["AppInstanceArn"]
        self.assertEqual(arn, "arn:aws:chime:us-east-1:123456789012:app-instance/seed-token-0001")
        self.assertEqual(self.calls()[-1], {
            "Name": "my-app-instance",
            "Metadata": '{"team": "chat"}',
            "ClientRequestToken": "seed-token-0001",
            "Tags": [{"Key": "env", "Value": "test"}, {"Key": "owner", "Value": "chat"}],
            "AccessKeyID": ACCESS_KEY_ID,
        })

        app = self.client.describe_app_instance(AppInstanceArn=arn)["AppInstance"]
        self.assertEqual(app["AppInstanceArn"], arn)
        self.assertEqual(app["Name"], "my-app-instance")
        self.assertEqual(app["Metadata"], '{"team": "chat"}')
        self.assertIsInstance(app["CreatedTimestamp"], datetime.datetime)
        age = datetime.datetime.now(datetime.timezone.utc) - app["CreatedTimestamp"]
        self.assertLess(abs(age), datetime.timedelta(hours=1))

    def test_token_filled_in(self):
        # boto3 fills in the idempotency token when the caller does not.
        arn = self.client.create_app_instance(Name="no-token")["AppInstanceArn"]
        token = self.calls()[-1]["ClientRequestToken"]
        self.assertRegex(token, r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
        self.assertTrue(arn.endswith("/" + token))

    def test_same_token_same_instance(self):
        first = self.client.create_app_instance(Name="again", ClientRequestToken="same-token")
        second = self.client.create_app_instance(Name="again", ClientRequestToken="same-token")
        self.assertEqual(first["AppInstanceArn"], second["AppInstanceArn"])

    def test_retry_keeps_token(self):
        # The server is unavailable (503) the first time; boto3 retries
        # with the token it filled in.
        client = self.another_client(attempts=2)
        resp = client.create_app_instance(Name="flaky")
        self.assertEqual(resp["ResponseMetadata"]["RetryAttempts"], 1)
        first, second = self.calls()[-2:]
        self.assertEqual(first["Name"], "flaky")
        self.assertEqual(first["ClientRequestToken"], second["ClientRequestToken"])

    def test_conflict(self):
        with self.assertRaises(self.client.exceptions.ConflictException) as cm:
            self.client.create_app_instance(Name="taken", ClientRequestToken="conflict-token")
        resp = cm.exception.response
        self.assertEqual(resp["ResponseMetadata"]["HTTPStatusCode"], 409)
        self.assertEqual(resp["Error"]["Message"], "an app instance with this name exists")
        self.assertEqual(resp["Code"], "Conflict")

    def test_validation_errors(self):
        # boto3 checks lengths itself unless told not to; the server is
        # under test here.
        client = self.another_client(parameter_validation=False)
        for name, kwargs, message in VALIDATION_CASES:
            with self.subTest(name):
                calls = len(self.calls())
                with self.assertRaises(client.exceptions.BadRequestException) as cm:
                    client.create_app_instance(**kwargs)
                resp = cm.exception.response
                self.assertEqual(resp["ResponseMetadata"]["HTTPStatusCode"], 400)
                self.assertEqual(resp["Error"]["Message"], message)
                self.assertEqual(resp["Code"], "BadRequest")
                self.assertEqual(len(self.calls()), calls, "the service was called")

    def test_boto3_validates_too(self):
        with self.assertRaises(botocore.exceptions.ParamValidationError):
            self.client.create_app_instance(Name="")

    def test_unmodeled_error(self):
        with self.assertRaises(self.client.exceptions.ServiceFailureException) as cm:
            self.client.create_app_instance(Name="broken")
        resp = cm.exception.response
        self.assertEqual(resp["ResponseMetadata"]["HTTPStatusCode"], 500)
        self.assertNotIn("fire", json.dumps(resp["Error"]))

    def test_panic(self):
        with self.assertRaises(self.client.exceptions.ServiceFailureException) as cm:
            self.client.create_app_instance(Name="panic")
        self.assertEqual(cm.exception.response["ResponseMetadata"]["HTTPStatusCode"], 500)
        self.assertNotIn("broke", json.dumps(cm.exception.response["Error"]))
        # and the server keeps serving
        self.client.create_app_instance(Name="after-panic")

    def test_describe_unknown(self):
        with self.assertRaises(self.client.exceptions.BadRequestException) as cm:
            self.client.describe_app_instance(
                AppInstanceArn="arn:aws:chime:us-east-1:123456789012:app-instance/nope")
        self.assertEqual(cm.exception.response["Error"]["Message"], "no such app instance")

    def test_unwritten_operation(self):
        with self.assertRaises(botocore.exceptions.ClientError) as cm:
            self.client.list_app_instances()
        resp = cm.exception.response
        self.assertEqual(resp["ResponseMetadata"]["HTTPStatusCode"], 501)
        self.assertEqual(resp["Error"]["Code"], "NotImplemented")


class ChimeSDKIdentity(Seed, unittest.TestCase):
    service = "chime-sdk-identity"


class LegacyChime(Seed, unittest.TestCase):
    service = "chime"
    # The model puts these operations on identity-<host>; the server under
    # test is 127.0.0.1.
    client_config = {"inject_host_prefix": False}


if __name__ == "__main__":
    unittest.main()
