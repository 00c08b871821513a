# `sam build` runs `make build-<LogicalId>` here (template.yaml: CodeUri: ., BuildMethod: makefile).
# The targets live in infra/Makefile.
include $(dir $(lastword $(MAKEFILE_LIST)))infra/Makefile

# `make cli`: the `failover` command line as one Native AOT executable, ./failover (docs/cli.md, "Install"); published
# again only when a source of the CLI changed. `make cli CLI=/usr/local/bin/failover` puts it elsewhere.
CLI ?= $(FAILOVER_ROOT)/failover
CLI_SOURCES := $(shell find $(FAILOVER_ROOT)/src/Cli $(wildcard $(FAILOVER_ROOT)/src/Failover.*) \
	\( -name bin -o -name obj \) -prune -o -type f -print) \
	$(wildcard $(FAILOVER_ROOT)/Directory.Build.props $(FAILOVER_ROOT)/Directory.Packages.props $(FAILOVER_ROOT)/global.json) \
	$(FAILOVER_ROOT)/scripts/publish-cli.sh

.PHONY: cli
cli: $(CLI)

$(CLI): $(CLI_SOURCES)
	bash $(FAILOVER_ROOT)/scripts/publish-cli.sh $(CLI)
	@touch $@
