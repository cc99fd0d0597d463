# Development tasks for the zerotrust.cloudflare collection. Needs only python3 (3.11+) and make;
# everything else is installed into .venv. Run `make help` for the list.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PYTHON ?= python3
VENV := $(CURDIR)/.venv
VENV_STAMP := $(VENV)/.installed
DEV_REQUIREMENTS := tests/requirements-dev.txt requirements.txt

BUILD_DIR := $(CURDIR)/.build
COLLECTION_DIR := $(BUILD_DIR)/ansible_collections/zerotrust/cloudflare
DIST_DIR := $(BUILD_DIR)/dist
INSTALL_DIR := $(BUILD_DIR)/install

# Every recipe uses the tools in .venv first.
export PATH := $(VENV)/bin:$(PATH)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# Python version ansible-test creates its environments with: the one .venv was made from.
ANSIBLE_TEST_PYTHON ?= $(shell $(if $(wildcard $(VENV)/bin/python),$(VENV)/bin/python,$(PYTHON)) -c 'import sys; print("%d.%d" % sys.version_info[:2])')
SANITY_ARGS ?=
# Module code runs on the managed side: besides the full run on ANSIBLE_TEST_PYTHON, `make sanity`
# runs the compile and import tests on each of these it can find (on PATH or under pyenv).
SANITY_TARGET_PYTHONS ?= 3.8 3.9 3.10 3.12 3.13
PYENV_ROOT ?= $(HOME)/.pyenv
INTEGRATION_ARGS ?=
PYTEST_ARGS ?= -n auto

TEST_STAGES := venv build-tree get-pip units sanity lint docs-lint build integration

.PHONY: help venv build-tree get-pip units sanity lint docs-lint build integration test demo bench clean

help: ## Show this help
	@echo "zerotrust.cloudflare: make targets"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'
	@echo "Variables (make VAR=value target):"
	@echo "  PYTHON=$(PYTHON)  PYTEST_ARGS='$(PYTEST_ARGS)'  SANITY_ARGS='--test pep8'"
	@echo "  SANITY_TARGET_PYTHONS='$(SANITY_TARGET_PYTHONS)' (empty: skip)  INTEGRATION_ARGS='<target name>'"

venv: $(VENV_STAMP) ## Create .venv with ansible-core 2.19, ansible-lint, antsibull-*, pytest, ... (cached)

$(VENV_STAMP): $(DEV_REQUIREMENTS)
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --progress-bar off $(addprefix -r ,$(DEV_REQUIREMENTS))
	@touch $@

build-tree: ## Copy the checkout to .build/ansible_collections/zerotrust/cloudflare (ansible-test needs that layout)
	@rm -rf $(BUILD_DIR)/ansible_collections
	@mkdir -p $(COLLECTION_DIR)
	@# tracked + untracked-not-ignored files; a tracked file deleted in the work tree is skipped
	@git ls-files -z --cached --others --exclude-standard \
		| tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null \
		| tar -xf - -C $(COLLECTION_DIR)
	@# .build sits inside this (git-ignored) checkout: ansible-test would find the outer .git,
	@# list no files and skip every test. An empty repository here makes it list the copy.
	@git init -q $(COLLECTION_DIR)
	@echo "build-tree: $(COLLECTION_DIR) ($$(find $(COLLECTION_DIR) -type f | wc -l) files)"

get-pip: venv ## Cache ansible-test's pip bootstrap script (its download host is often unreachable)
	$(VENV)/bin/python tests/tools/ansible_test_pip_bootstrap.py \
		$(addprefix --python-version ,$(sort $(ANSIBLE_TEST_PYTHON) $(SANITY_TARGET_PYTHONS)))

# The official OpenAPI extract, when it sits beside the checkout: the fidelity tests read it (and skip without it).
OPENAPI_EXTRACT ?= $(abspath $(CURDIR)/../shared/cloudflare-api/access-apps.openapi.json)
RELATED_OPENAPI_EXTRACT ?= $(dir $(OPENAPI_EXTRACT))access-related.openapi.json

units: venv build-tree ## Unit tests (pytest over tests/unit)
	@if [ -f "$(OPENAPI_EXTRACT)" ]; then echo "units: OpenAPI extract: $(OPENAPI_EXTRACT)"; else echo "units: no OpenAPI extract at $(OPENAPI_EXTRACT): its fidelity tests skip"; fi
	cd $(COLLECTION_DIR) && ZEROTRUST_CLOUDFLARE_OPENAPI=$(OPENAPI_EXTRACT) ZEROTRUST_CLOUDFLARE_RELATED_OPENAPI=$(RELATED_OPENAPI_EXTRACT) PYTHONPATH=$(BUILD_DIR) python -m pytest -p no:pytest-ansible -p no:cacheprovider \
		--import-mode=importlib $(PYTEST_ARGS) tests/unit

sanity: venv build-tree get-pip ## ansible-test sanity (no ignore files)
	@if ls tests/sanity/ignore-*.txt >/dev/null 2>&1; then echo "tests/sanity/ignore-*.txt is not allowed: fix the findings" >&2; exit 1; fi
	cd $(COLLECTION_DIR) && ansible-test sanity --venv --python $(ANSIBLE_TEST_PYTHON) $(SANITY_ARGS)
	@for version in $(filter-out $(ANSIBLE_TEST_PYTHON),$(SANITY_TARGET_PYTHONS)); do \
		bindir=; \
		if python$$version -c '' 2>/dev/null; then \
			bindir=$$(dirname "$$(command -v python$$version)"); \
		else \
			for candidate in $(PYENV_ROOT)/versions/$$version.*/bin; do \
				if [ -x "$$candidate/python$$version" ]; then bindir=$$candidate; fi; \
			done; \
		fi; \
		if [ -z "$$bindir" ]; then echo "sanity: no python$$version found, compile/import not checked on it"; continue; fi; \
		echo "sanity: compile + import on Python $$version ($$bindir/python$$version)"; \
		(cd $(COLLECTION_DIR) && PATH="$(VENV)/bin:$$bindir:$$PATH" \
			ansible-test sanity --venv --python $$version --test compile --test import); \
	done

lint: venv build-tree ## ansible-lint (production profile, offline), on the copy so that the collection resolves
	cd $(COLLECTION_DIR) && ANSIBLE_COLLECTIONS_PATH=$(BUILD_DIR) ansible-lint --offline

docs-lint: venv build-tree ## antsibull-docs collection docs lint + changelog fragment lint
	antsibull-docs lint-collection-docs --plugin-docs $(COLLECTION_DIR)
	antsibull-changelog lint
	antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml

build: venv build-tree ## Build the collection tarball, install it and load every module's docs from it
	@rm -rf $(DIST_DIR) $(INSTALL_DIR)
	ansible-galaxy collection build $(COLLECTION_DIR) --output-path $(DIST_DIR)
	ANSIBLE_COLLECTIONS_PATH=$(INSTALL_DIR) ansible-galaxy collection install $(DIST_DIR)/zerotrust-cloudflare-*.tar.gz -p $(INSTALL_DIR)
	@installed=$(INSTALL_DIR)/ansible_collections/zerotrust/cloudflare; \
	for module in $$(find $$installed/plugins/modules -name '[a-z]*.py' 2>/dev/null | sort); do \
		name=zerotrust.cloudflare.$$(basename $$module .py); \
		ANSIBLE_COLLECTIONS_PATH=$(INSTALL_DIR) ansible-doc -t module $$name >/dev/null; \
		echo "build: ansible-doc $$name OK (from the installed tarball)"; \
	done

integration: venv build-tree get-pip ## ansible-test integration (local fake API, no account)
	@test -n "$$(ls tests/integration/targets 2>/dev/null)" || { echo "no integration targets" >&2; exit 1; }
	cd $(COLLECTION_DIR) && ansible-test integration --venv --python $(ANSIBLE_TEST_PYTHON) \
		--requirements $(INTEGRATION_ARGS)

test: ## Run every stage: venv build-tree get-pip units sanity lint docs-lint build integration
	@summary=(); passed=0; failed=0; \
	for stage in $(TEST_STAGES); do \
		echo "==> make $$stage"; start=$$(date +%s); \
		if $(MAKE) $$stage; then \
			summary+=("PASS  $$stage ($$(( $$(date +%s) - start ))s)"); passed=$$((passed + 1)); \
		else \
			summary+=("FAIL  $$stage ($$(( $$(date +%s) - start ))s)"); failed=1; break; \
		fi; \
	done; \
	echo; echo "==> make test summary"; printf '    %s\n' "$${summary[@]}"; \
	echo "stages: $$passed passed, $$failed failed"; \
	exit $$failed

demo: venv build-tree ## Run docs/demo/demo.yml against the local fake Cloudflare API (no account needed)
	@test -f docs/demo/demo.yml || { echo "docs/demo/demo.yml does not exist yet" >&2; exit 1; }
	ANSIBLE_COLLECTIONS_PATH=$(BUILD_DIR) ansible-playbook docs/demo/demo.yml

bench: venv build-tree ## Benchmark of the bulk path against the fake API (docs/benchmark.md); not a test
	PYTHONPATH=$(BUILD_DIR) python tests/benchmark/run_benchmark.py $(BENCH_ARGS)

clean: ## Remove .build and test output (keeps .venv)
	rm -rf $(BUILD_DIR) tests/output
