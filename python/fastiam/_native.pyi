from typing import Any

MODELED_ERRORS: list[tuple[str, str]]

from .exceptions import IAMExceptions

class IAM:
    def __init__(
        self,
        *,
        region_name: str | None = None,
        endpoint_url: str | None = None,
        aws_access_key_id: str | None = None,
        aws_secret_access_key: str | None = None,
        aws_session_token: str | None = None,
        connect_timeout: float = 60.0,
        read_timeout: float = 60.0,
        retry_mode: str = "standard",
        max_attempts: int = 3,
        parameter_validation: bool = True,
        user_agent_extra: str | None = None,
        asynchronous: bool = False,
    ) -> None: ...
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
