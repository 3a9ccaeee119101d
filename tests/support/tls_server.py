"""A TLS flavour of the scripted fake IAM, and the certificates for it.

``make_certificates(directory)`` writes a throw-away certificate authority
(``ca.pem``) and a server certificate it signed (``server.pem`` / ``server.key``)
for 127.0.0.1, localhost and the real IAM host names, so that a client told to
trust ``ca.pem`` accepts the server under any of those names (rustls, unlike
OpenSSL, refuses a self-signed CA certificate used directly as a server one,
hence the two levels). ``TLSScriptedServer`` is ``ScriptedServer`` behind TLS:
same scripts, same recorded requests, an ``https://`` URL.

Only the standard library and ``cryptography`` (installed with moto).
"""

from __future__ import annotations

import datetime
import ipaddress
import ssl
import threading
from dataclasses import dataclass
from pathlib import Path

from .loopback import LoopbackHTTPServer
from .scripted_server import ScriptedServer, _Handler

# Every name a test may reach the TLS server under (the IAM ones through the
# intercepting proxy of proxy_server.py).
SERVER_NAMES = (
    "localhost",
    "iam.amazonaws.com",
    "iam-fips.amazonaws.com",
    "iam.global.api.aws",
    "iam.cn-north-1.amazonaws.com.cn",
    "iam-fips.aws-cn-global.amazonaws.com.cn",
    "iam-fips.amazonaws.com.cn",
    "iam.us-gov.amazonaws.com",
)
SERVER_ADDRESSES = ("127.0.0.1",)


@dataclass(frozen=True)
class Certificates:
    ca: Path  # the authority's certificate: what clients are told to trust
    cert: Path  # the server's certificate followed by nothing else
    key: Path  # the server's private key (unencrypted PEM)

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, self.key)
        return context


def make_certificates(directory: Path, names=SERVER_NAMES, addresses=SERVER_ADDRESSES):
    """A new CA and a server certificate for ``names``/``addresses``, as PEM files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.timezone.utc)
    start, end = now - datetime.timedelta(days=1), now + datetime.timedelta(days=2)

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "fastiam test CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )

    key = ec.generate_private_key(ec.SECP256R1())
    alternative_names = [x509.DNSName(name) for name in names]
    alternative_names += [x509.IPAddress(ipaddress.ip_address(a)) for a in addresses]
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.SubjectAlternativeName(alternative_names), critical=False)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )

    paths = Certificates(directory / "ca.pem", directory / "server.pem", directory / "server.key")
    paths.ca.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    paths.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths.key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


class TLSScriptedServer(ScriptedServer):
    """``ScriptedServer`` behind TLS. The handshake runs in each connection's
    handler thread (not in the accept loop), so a client that rejects the
    certificate, or never speaks, cannot stall the server. ``handshake_failures``
    counts connections whose handshake failed (a client refusing the certificate).
    Scripted ``delay`` replies are not supported (they peek at a raw socket)."""

    def __init__(self, certificates: Certificates) -> None:
        super().__init__()
        self.certificates = certificates
        self._context = certificates.server_context()
        self._failures = 0
        self._failures_lock = threading.Lock()

    scheme = "https"

    @property
    def handshake_failures(self) -> int:
        with self._failures_lock:
            return self._failures

    def _handshake_failed(self) -> None:
        with self._failures_lock:
            self._failures += 1

    def reset_handshake_failures(self) -> None:
        """(``reset()`` keeps the count: helpers reset the script after each call.)"""
        with self._failures_lock:
            self._failures = 0

    def _make_server(self) -> LoopbackHTTPServer:
        return _TLSServer(self, self._context)


class _TLSServer(LoopbackHTTPServer):
    def __init__(self, owner: TLSScriptedServer, context: ssl.SSLContext) -> None:
        self._context = context
        super().__init__(owner, _Handler)

    def finish_request(self, request, client_address) -> None:
        # Runs in the connection's own thread (ThreadingMixIn.process_request_thread).
        request.settimeout(10)
        try:
            tls = self._context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            self.owner._handshake_failed()
            return
        tls.settimeout(None)
        try:
            super().finish_request(tls, client_address)
        finally:
            try:
                tls.close()
            except OSError:
                pass
