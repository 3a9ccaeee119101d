"""Helpers, not tests: the local servers and fakes the tests talk to (all on 127.0.0.1),
the configuration-parity helpers and the operation tables. Nothing here is collected by
pytest.

- ``loopback``: the threaded HTTP server on a free port that the servers below share;
- ``scripted_server``: a fake IAM that answers each request from a script of replies
  and records what it was sent (the parity tests' server);
- ``counting_server``: a fast fake IAM in a process of its own that counts requests by
  id (load, process faults, soak; also ``bench/soak.py``);
- ``tls_server``: the scripted server behind TLS, with certificates made on the spot;
- ``proxy_server``: an HTTP proxy (CONNECT too) that records what passed through it;
- ``fake_metadata``: instance metadata (IMDSv2), container credentials and STS AssumeRole;
- ``config_helpers``: the configuration-parity tests' helpers (run a call through boto3
  and fastiam with the same settings, compare what each observed; the refused options);
- ``resources``: the arguments the resource tests give both libraries' resources;
- ``operations``: the operation list as tables (botocore's names for each method, the
  methods boto3 has and fastiam's extras), from ``fastiam._native`` and botocore's model,
  so that no test keeps a copy.

Imported as ``support.<module>``: pytest puts tests/ on ``sys.path`` when it imports
tests/conftest.py (its default "prepend" import mode; tests/ itself is not a package).
A script run in a child process inserts tests/ itself.
"""
