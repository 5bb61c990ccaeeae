"""boto3's own SigV4 signer against WithSigV4, through the example service
examples/chimeidentity run with -sigv4: the right secret passes, and a wrong
secret, an unknown key, no signature, an expired presigned URL and a body
changed after signing each fail with the code AWS services use.
"""

import json
import os
import pathlib
import shutil
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request

import boto3
import botocore
import botocore.config
import botocore.exceptions

ROOT = pathlib.Path(__file__).resolve().parents[2]
KEY, SECRET = "AKIDSIGV4", "SECRET/sigv4+key"


class SigV4(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="smithygen-sigv4-")
        binary = os.path.join(cls.dir, "chimeidentity")
        subprocess.run([os.environ.get("GO", "go"), "build", "-o", binary, "./examples/chimeidentity"],
                       cwd=ROOT, check=True)
        cls.server = subprocess.Popen([binary, "-addr", "127.0.0.1:0", "-sigv4", KEY + ":" + SECRET],
                                      stderr=subprocess.PIPE, text=True)
        # The first log line says where it listens.
        line = json.loads(cls.server.stderr.readline())
        cls.url = "http://" + line["addr"]

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(timeout=30)
        cls.server.stderr.close()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def client(self, key=KEY, secret=SECRET, **config):
        session = boto3.session.Session(aws_access_key_id=key, aws_secret_access_key=secret,
                                        region_name="us-east-1")
        cfg = botocore.config.Config(retries={"mode": "standard", "max_attempts": 1}, **config)
        c = session.client("chime-sdk-identity", endpoint_url=self.url, config=cfg)
        self.addCleanup(c.close)
        return c

    def create(self, client, name="my-instance"):
        return client.create_app_instance(Name=name, Metadata='{"team":"blue"}',
                                          ClientRequestToken="token-" + name,
                                          Tags=[{"Key": "env", "Value": "prod"}])

    def assertRefused(self, code, call):
        with self.assertRaises(botocore.exceptions.ClientError) as cm:
            call()
        err = cm.exception.response
        self.assertEqual(err["Error"]["Code"], code)
        self.assertEqual(err["ResponseMetadata"]["HTTPStatusCode"], 403)

    def test_right_secret(self):
        c = self.client()
        arn = self.create(c)["AppInstanceArn"]
        self.assertEqual(c.describe_app_instance(AppInstanceArn=arn)["AppInstance"]["Name"], "my-instance")
        self.assertIn(arn, [a["AppInstanceArn"] for a in c.list_app_instances(MaxResults=50)["AppInstances"]])

    def test_session_token(self):
        session = boto3.session.Session(aws_access_key_id=KEY, aws_secret_access_key=SECRET,
                                        aws_session_token="TOKEN/of+session==", region_name="us-east-1")
        c = session.client("chime-sdk-identity", endpoint_url=self.url)
        self.addCleanup(c.close)
        self.create(c, "with-token")

    def test_wrong_secret(self):
        self.assertRefused("InvalidSignatureException", lambda: self.create(self.client(secret="WRONG")))

    def test_unknown_key(self):
        self.assertRefused("UnrecognizedClientException", lambda: self.create(self.client(key="AKIDOTHER")))

    def test_unsigned(self):
        c = self.client(signature_version=botocore.UNSIGNED)
        self.assertRefused("MissingAuthenticationTokenException", lambda: self.create(c))

    def test_body_changed_after_signing(self):
        c = self.client()

        def alter(request, **_):
            request.body = request.body.replace(b"my-instance", b"my-instancf")

        c.meta.events.register("before-send.chime-sdk-identity.CreateAppInstance", alter)
        self.assertRefused("InvalidSignatureException", lambda: self.create(c))

    def test_presigned_url(self):
        c = self.client()
        url = c.generate_presigned_url("list_app_instances", Params={"MaxResults": 5}, ExpiresIn=60)
        with urllib.request.urlopen(url, timeout=10) as r:
            self.assertIn("AppInstances", json.load(r))

        expiring = c.generate_presigned_url("list_app_instances", Params={"MaxResults": 5}, ExpiresIn=1)
        time.sleep(2)
        with self.assertRaises(urllib.error.HTTPError) as cm:
            urllib.request.urlopen(expiring, timeout=10)
        self.assertEqual(cm.exception.code, 403)
        self.assertEqual(cm.exception.headers["X-Amzn-ErrorType"], "InvalidSignatureException")
        cm.exception.close()


if __name__ == "__main__":
    unittest.main()
