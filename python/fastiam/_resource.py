"""``fastiam.resource("iam")``: boto3's IAM resource interface on a fastiam client.

boto3's resources are data-driven Python on top of a client: resources-1.json
says which client call each load, action, collection and reference makes, and
boto3's ResourceFactory turns it into classes. fastiam reuses that machinery
as it is (boto3 is the ``resource`` extra) and hands it a fastiam client, so
every call a resource makes is a fastiam call, and a resource-style script
behaves as under boto3.

Nothing imports this module but ``resource()``, so ``import fastiam`` and
client creation never load boto3; the models and the resource classes are
loaded on the first ``resource()`` call and kept for the life of the process.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import Any

SERVICE = "iam"
API_VERSION = "2010-05-08"
_EXTRA_HINT = (
    "fastiam.resource() runs boto3's resource machinery on a fastiam client: "
    "install it with pip install 'fastiam[resource]'"
)

try:
    import boto3.exceptions
    import boto3.resources.factory
    import boto3.utils
    import botocore.hooks  # type: ignore[import-untyped]
    import botocore.loaders  # type: ignore[import-untyped]
    import botocore.model  # type: ignore[import-untyped]
    import botocore.waiter  # type: ignore[import-untyped]
except ImportError:
    # (Not `as error`: the name would stay a module attribute for stubtest to flag.)
    raise ImportError(_EXTRA_HINT, name="boto3") from sys.exc_info()[1]


class _Models:
    """What every IAM resource shares, built once: boto3's resources-1 for IAM,
    botocore's service model and the service resource class."""

    def __init__(self) -> None:
        # botocore's loader, taught boto3's data directory as boto3's Session does.
        loader = botocore.loaders.Loader()
        loader.search_paths.append(os.path.join(os.path.dirname(boto3.__file__), "data"))
        self.api_versions = loader.list_api_versions(SERVICE, "resources-1")
        definition = loader.load_service_model(SERVICE, "resources-1", API_VERSION)
        service_model = botocore.model.ServiceModel(
            loader.load_service_model(SERVICE, "service-2", API_VERSION), service_name=SERVICE
        )
        self.context = boto3.utils.ServiceContext(
            service_name=SERVICE,
            service_model=service_model,
            resource_json_definitions=definition["resources"],
            service_waiter_model=boto3.utils.LazyLoadedWaiterModel(
                _WaiterModels(loader), SERVICE, API_VERSION
            ),
        )
        # boto3's Session registers no resource handlers for IAM: an emitter of
        # its own gives the factory the same (empty) set of event handlers.
        factory = _CachingResourceFactory(botocore.hooks.HierarchicalEmitter())
        self.service_resource = factory.load_from_definition(
            resource_name=SERVICE,
            single_resource_json_definition=definition["service"],
            service_context=self.context,
        )


class _WaiterModels:
    """The one method of a botocore session that boto3's LazyLoadedWaiterModel
    calls, served from the loader (IAM's resource model defines no waiters
    today; a later resources-1 that does gets botocore's waiter model)."""

    def __init__(self, loader: Any) -> None:
        self._loader = loader

    def get_waiter_model(self, service_name: str, api_version: str | None = None) -> Any:
        model = self._loader.load_service_model(service_name, "waiters-2", api_version)
        return botocore.waiter.WaiterModel(model)


class _CachingResourceFactory(boto3.resources.factory.ResourceFactory):  # type: ignore[misc]
    """boto3's ResourceFactory, keeping each class it builds.

    boto3 builds a resource class anew for every ``iam.User(name)``, every
    reference and every page of a collection (about 0.4 ms each for IAM's
    larger resources). This factory serves the one IAM service context of
    ``_Models``, where a resource's name settles its definition, so the first
    class built for a name is reused.
    """

    def __init__(self, emitter: Any) -> None:
        super().__init__(emitter)
        self._classes: dict[str, type] = {}

    def load_from_definition(
        self, resource_name: str, single_resource_json_definition: Any, service_context: Any
    ) -> type:
        cls = self._classes.get(resource_name)
        if cls is None:
            cls = self._classes[resource_name] = super().load_from_definition(
                resource_name, single_resource_json_definition, service_context
            )
        return cls


_models: _Models | None = None
_models_lock = threading.Lock()


def _shared_models() -> _Models:
    global _models
    if _models is None:
        with _models_lock:
            if _models is None:
                _models = _Models()
    return _models


def create(
    session: Any,  # a fastiam.Session (not imported: session.py imports this module)
    service_name: str,
    api_version: str | None,
    config: Any,
    **client_arguments: Any,
) -> Any:
    """boto3's ``Session.resource``, with a fastiam client under the resource;
    ``client_arguments`` go to ``session.client`` as they are."""
    if service_name != SERVICE:
        raise boto3.exceptions.ResourceNotExistsError(
            service_name, session.get_available_resources(), False
        )
    models = _shared_models()
    if api_version is not None and api_version not in models.api_versions:
        raise boto3.exceptions.UnknownAPIVersionError(
            service_name, api_version, ", ".join(models.api_versions)
        )
    client = session.client(
        SERVICE, api_version=API_VERSION, config=_with_resource_agent(config), **client_arguments
    )
    return models.service_resource(client=client)


def _with_resource_agent(config: Any) -> Any:
    """boto3 marks a resource's requests with ``Resource`` in the User-Agent,
    unless the config brings a user_agent_extra of its own."""
    if config is None:
        from .config import Config

        return Config(user_agent_extra="Resource")
    if config.user_agent_extra is None:
        return config.merge(type(config)(user_agent_extra="Resource"))
    return config
