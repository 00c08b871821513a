# Signs the request described on stdin with botocore's SigV4Auth at a fixed time; prints the Authorization header.
# The test compares it with what AWSSDK.Core's signer computed for the same request.
import datetime, hashlib, json, sys
from unittest import mock

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

spec = json.load(sys.stdin)
body = spec["body"].encode("utf-8")
headers = dict(spec["headers"])
sent_hash = next((v for k, v in headers.items() if k.lower() == "x-amz-content-sha256"), None)
if sent_hash is not None and sent_hash != hashlib.sha256(body).hexdigest():
    print("x-amz-content-sha256 does not match the body", file=sys.stderr)
    sys.exit(2)
for name in [k for k in headers if k.lower() in ("authorization", "x-amz-date", "x-amz-security-token")]:
    del headers[name]
request = AWSRequest(method=spec["method"], url=spec["url"], headers=headers, data=body)
credentials = Credentials(spec["accessKey"], spec["secretKey"], spec.get("token"))
signed_at = datetime.datetime.strptime(spec["time"], "%Y%m%dT%H%M%SZ")
with mock.patch.object(botocore.auth, "get_current_datetime", return_value=signed_at):
    botocore.auth.SigV4Auth(credentials, spec["service"], spec["region"]).add_auth(request)
print(request.headers["Authorization"])
