"""The arguments the resource tests give ``boto3.resource`` and ``fastiam.resource``
(and their clients): one endpoint, region and pair of dummy keys for both."""

from __future__ import annotations

REGION = "us-east-1"


def resource_arguments(url: str) -> dict:
    return {
        "region_name": REGION,
        "endpoint_url": url,
        "aws_access_key_id": "AKIDTEST",
        "aws_secret_access_key": "test-secret-key",
    }
