#!/usr/bin/env python3
"""Translates template.yaml to plain CloudFormation with aws-sam-translator, as `sam deploy` would, without AWS.

    python3 scripts/translate-template.py [TEMPLATE [OUTPUT]]
        defaults: template.yaml (next to this script's folder) and artifacts/template.translated.json; OUTPUT - is stdout

CI runs it, and tests/Failover.Deploy.Tests reads its output (running it first when the file is missing).

First it does what `sam package` does to local paths: every CodeUri becomes an S3 location (the bootstrap zip would
be uploaded there), and every state machine's DefinitionUri is replaced by its definition read from the repository,
so the translated template carries the real definition for tests to read. The translator needs the AWS managed
policy ARNs; instead of asking IAM it is given the list bundled with aws-sam-translator. Exit code 1 with the
translator's messages when the template does not translate.
"""
import json
import os
import sys

from samtranslator.internal.managed_policies import get_bundled_managed_policy_map
from samtranslator.model.exceptions import InvalidDocumentException
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

PACKAGED_CODE = "s3://failover-deployment-check/bootstrap.zip"


class BundledManagedPolicies:
    """The translator's managed-policy loader, answered from the bundled list instead of IAM's ListPolicies."""

    def __init__(self, partition="aws"):
        self._policies = get_bundled_managed_policy_map(partition) or {}

    def load(self):
        return self._policies


def package_local_paths(template, root):
    """Replaces local CodeUri and DefinitionUri values as `sam package` would, in place."""
    function_globals = template.get("Globals", {}).get("Function", {})
    if isinstance(function_globals.get("CodeUri"), str):
        function_globals["CodeUri"] = PACKAGED_CODE
    for name, resource in template.get("Resources", {}).items():
        properties = resource.get("Properties", {})
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(properties.get("CodeUri"), str):
            properties["CodeUri"] = PACKAGED_CODE
        if resource.get("Type") == "AWS::Serverless::StateMachine" and isinstance(properties.get("DefinitionUri"), str):
            path = os.path.join(root, properties.pop("DefinitionUri"))
            if not os.path.isfile(path):
                raise SystemExit(f"{name}: DefinitionUri {os.path.relpath(path, root)} does not exist")
            with open(path, encoding="utf-8") as definition:
                properties["Definition"] = json.load(definition)


def translate(template_path):
    # The translator asks boto3 for a region to fill AWS::Region; the output keeps pseudo parameters as references.
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    root = os.path.dirname(os.path.abspath(template_path))
    with open(template_path, encoding="utf-8") as source:
        template = yaml_parse(source.read())
    package_local_paths(template, root)
    try:
        return transform(template, {}, BundledManagedPolicies())
    except InvalidDocumentException as error:
        messages = "\n".join(f"  {cause.message}" for cause in error.causes)
        raise SystemExit(f"{template_path} does not translate:\n{messages}")


def main(arguments):
    repository = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    template_path = arguments[0] if arguments else os.path.join(repository, "template.yaml")
    output_path = arguments[1] if len(arguments) > 1 else os.path.join(repository, "artifacts", "template.translated.json")
    translated = json.dumps(translate(template_path), indent=2, sort_keys=True) + "\n"
    if output_path == "-":
        sys.stdout.write(translated)
        return
    os.makedirs(os.path.dirname(os.path.abspath(output_path)), exist_ok=True)
    # Written whole then renamed, so a reader never sees half a file.
    partial = output_path + ".partial"
    with open(partial, "w", encoding="utf-8") as output:
        output.write(translated)
    os.replace(partial, output_path)
    print(f"translated {os.path.relpath(template_path)} -> {os.path.relpath(output_path)}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
