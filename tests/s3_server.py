"""moto's standalone S3 API server (``moto[server]``), started for the tests that talk to a real S3 endpoint."""

import contextlib
import subprocess
import sys
import time

import boto3
import requests

KEYS = {"aws_access_key_id": "test", "aws_secret_access_key": "test-secret", "region_name": "us-east-1"}


@contextlib.contextmanager
def s3_server(port, log_dir, bucket):
    """Run the server on 127.0.0.1:`port` (its output in `log_dir`), create `bucket`; yields a boto3 client."""
    endpoint = f"http://127.0.0.1:{port}"
    log = log_dir / "moto.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(endpoint, timeout=10)
                break
            except requests.RequestException:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"moto did not start: {log.read_text()}") from None
                time.sleep(0.1)
        client = boto3.client("s3", endpoint_url=endpoint, **KEYS)
        client.create_bucket(Bucket=bucket)
        yield client
    finally:
        process.terminate()
        process.wait(10)
