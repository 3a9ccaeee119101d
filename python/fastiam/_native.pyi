from typing import Any

MODELED_ERRORS: list[tuple[str, str]]

from .exceptions import IAMExceptions

class IAM:
    def __init__(self, settings: dict[str, Any], *, asynchronous: bool = False) -> None: ...
    @property
    def exceptions(self) -> IAMExceptions: ...
    def enable_mfa_device(
        self,
        *,
        UserName: str,
        SerialNumber: str,
        AuthenticationCode1: str,
        AuthenticationCode2: str,
    ) -> dict[str, Any]: ...
