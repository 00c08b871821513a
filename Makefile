# `sam build` runs `make build-<LogicalId>` here (template.yaml: CodeUri: ., BuildMethod: makefile).
# The targets live in infra/Makefile.
include $(dir $(lastword $(MAKEFILE_LIST)))infra/Makefile
