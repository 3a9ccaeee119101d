"""The User-Agent header: ``Config(user_agent_appid=...)``, AWS_SDK_UA_APP_ID and
the profile's ``sdk_ua_app_id`` give botocore's ``app/<id>`` token (Config >
environment > profile); ``user_agent_extra`` is appended at the very end.
fastiam's own UA prefix differs from boto3's, so the tokens are compared, not
the whole header. ``Config(user_agent=...)`` is in support.config_helpers.REFUSED_OPTIONS:
refused by fastiam, checked as such (and as honoured the day it leaves the list)."""

from __future__ import annotations

import pytest
from support.config_helpers import assert_refused, both, is_refused


def app_tokens(user_agent: str) -> list[str]:
    return [token for token in user_agent.split() if token.startswith("app/")]


def user_agents(server, **kwargs) -> tuple[str, str]:
    boto, fast = both(server, endpoint_url=server.url, region_name="us-east-1", **kwargs)
    assert boto.error is None, boto.error
    assert fast.error is None, fast.error
    return boto.user_agent, fast.user_agent


APP_ID_CASES = {
    "config": ("", {}, {"user_agent_appid": "cfg-app"}, "app/cfg-app"),
    "environment": ("", {"AWS_SDK_UA_APP_ID": "env-app"}, None, "app/env-app"),
    "profile": ("sdk_ua_app_id = prof-app", {}, None, "app/prof-app"),
    "environment beats profile": (
        "sdk_ua_app_id = prof-app",
        {"AWS_SDK_UA_APP_ID": "env-app"},
        None,
        "app/env-app",
    ),
    "config beats environment and profile": (
        "sdk_ua_app_id = prof-app",
        {"AWS_SDK_UA_APP_ID": "env-app"},
        {"user_agent_appid": "cfg-app"},
        "app/cfg-app",
    ),
}


@pytest.mark.parametrize(
    ("profile", "env", "config", "expected"), list(APP_ID_CASES.values()), ids=list(APP_ID_CASES)
)
def test_app_id(server, aws_files, monkeypatch, profile, env, config, expected):
    aws_files.write_config(f"[default]\n{profile}\n")
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    boto, fast = user_agents(server, config=config)

    assert app_tokens(boto) == [expected]
    assert app_tokens(fast) == app_tokens(boto)


def test_app_id_of_a_named_profile(server, aws_files):
    aws_files.write_config(
        "[default]\nsdk_ua_app_id = other\n[profile p]\nsdk_ua_app_id = mine\n"
        "aws_access_key_id = AKIDP\naws_secret_access_key = s\n"
    )

    boto, fast = user_agents(server, session={"profile_name": "p"})

    assert app_tokens(boto) == ["app/mine"]
    assert app_tokens(fast) == app_tokens(boto)


@pytest.mark.parametrize("app_id", ["my app", "a/b#c", "x" * 60])
def test_app_id_with_odd_characters(server, app_id):
    boto, fast = user_agents(server, config={"user_agent_appid": app_id})

    assert len(app_tokens(boto)) == 1
    assert app_tokens(fast) == app_tokens(boto)


def test_no_app_id_no_token(server):
    boto, fast = user_agents(server)

    assert app_tokens(boto) == []
    assert app_tokens(fast) == []


@pytest.mark.parametrize("extra", ["extra/1.0", "two/1 tokens/2", "odd chars!#"])
def test_user_agent_extra_comes_last(server, extra):
    boto, fast = user_agents(server, config={"user_agent_extra": extra})

    assert boto.endswith(" " + extra)
    assert fast.endswith(" " + extra)


def test_app_id_and_extra_together(server):
    config = {"user_agent_appid": "both-app", "user_agent_extra": "tail/9"}
    boto, fast = user_agents(server, config=config)

    assert app_tokens(boto) == ["app/both-app"] and boto.endswith(" tail/9")
    assert app_tokens(fast) == ["app/both-app"] and fast.endswith(" tail/9")


def test_user_agent_replaces_the_prefix(server):
    # botocore: Config(user_agent=...) replaces everything up to "Botocore/<v>".
    config = {"user_agent": "Custom/1.0", "user_agent_extra": "ex"}
    boto, fast = both(server, endpoint_url=server.url, region_name="us-east-1", config=config)

    assert boto.user_agent.startswith("Custom/1.0 ") and boto.user_agent.endswith(" ex")
    if is_refused("user_agent"):
        assert_refused(fast, "user_agent")
    else:
        assert fast.error is None, fast.error
        assert fast.user_agent.startswith("Custom/1.0 ") and fast.user_agent.endswith(" ex")
