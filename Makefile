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
# What `make venv` installs into $(VENV); `make matrix` points both at its own venvs and requirement files.
VENV_REQUIREMENTS ?= $(DEV_REQUIREMENTS)
# Empty: the ansible-core line of tests/requirements-dev.txt; `make matrix` sets one line per venv (e.g. 2.17).
ANSIBLE_CORE ?=

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

TEST_STAGES := venv build-tree get-pip units sanity lint docs-lint build importer docs integration

# `make matrix`: sanity + units on each ansible-core line that meta/runtime.yml admits, as
# <ansible-core line>:<Python of its controller>, one venv per line ($(MATRIX_VENV_PREFIX)<line>).
MATRIX ?= 2.17:3.11 2.18:3.11 2.19:3.11 2.20:3.13 2.21:3.13
MATRIX_VENV_PREFIX := $(CURDIR)/.venv-core
MATRIX_REQUIREMENTS := tests/requirements-matrix.txt tests/unit/requirements.txt requirements.txt

.PHONY: help venv build-tree get-pip units sanity lint docs-lint build integration importer docsite-rst docs release test matrix demo bench clean

help: ## Show this help
	@echo "zerotrust.cloudflare: make targets"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'
	@echo "Variables (make VAR=value target):"
	@echo "  PYTHON=$(PYTHON)  PYTEST_ARGS='$(PYTEST_ARGS)'  SANITY_ARGS='--test pep8'"
	@echo "  SANITY_TARGET_PYTHONS='$(SANITY_TARGET_PYTHONS)' (empty: skip)  INTEGRATION_ARGS='<target name>'"
	@echo "  MATRIX='$(MATRIX)' (<ansible-core>:<Python>)  VERSION=x.y.z (release)"

venv: $(VENV_STAMP) ## Create .venv with ansible-core 2.19, ansible-lint, antsibull-*, pytest, ... (cached)

$(VENV_STAMP): $(VENV_REQUIREMENTS)
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --progress-bar off $(addprefix -r ,$(VENV_REQUIREMENTS)) \
		$(if $(ANSIBLE_CORE),'ansible-core==$(ANSIBLE_CORE).*')
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
		interpreter=$$(tests/tools/find_python.sh $$version $(PYENV_ROOT)) || true; \
		if [ -z "$$interpreter" ]; then echo "sanity: no python$$version found, compile/import not checked on it"; continue; fi; \
		bindir=$$(dirname "$$interpreter"); \
		echo "sanity: compile + import on Python $$version ($$bindir/python$$version)"; \
		(cd $(COLLECTION_DIR) && PATH="$(VENV)/bin:$$bindir:$$PATH" \
			ansible-test sanity --venv --python $$version --test compile --test import); \
	done

lint: venv build-tree ## ansible-lint (production profile, offline), on the copy so that the collection resolves
	cd $(COLLECTION_DIR) && ANSIBLE_COLLECTIONS_PATH=$(BUILD_DIR) ansible-lint --offline

docs-lint: venv build-tree docsite-rst ## antsibull-docs collection docs lint (plugins, role, extra docs) + changelog fragment lint
	antsibull-docs lint-collection-docs --plugin-docs $(COLLECTION_DIR)
	antsibull-changelog lint
	antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml

build: venv build-tree docsite-rst ## Build the collection tarball, install it and load every module's docs from it
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

test: ## Run every stage: venv build-tree get-pip units sanity lint docs-lint build importer docs integration
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

matrix: ## Sanity + units on each ansible-core line of MATRIX (fails when an interpreter is missing)
	@summary=(); failed=0; \
	for entry in $(MATRIX); do \
		core=$${entry%%:*}; version=$${entry##*:}; start=$$(date +%s); \
		echo "==> matrix: ansible-core $$core on Python $$version"; \
		if ! interpreter=$$(tests/tools/find_python.sh $$version $(PYENV_ROOT)); then \
			echo "matrix: no python$$version on PATH or under $(PYENV_ROOT)/versions: ansible-core $$core NOT tested" >&2; \
			summary+=("FAIL  ansible-core $$core: no python$$version (install it, e.g. pyenv install $$version)"); failed=1; continue; \
		fi; \
		if $(MAKE) venv units sanity VENV=$(MATRIX_VENV_PREFIX)$$core PYTHON=$$interpreter ANSIBLE_CORE=$$core \
				BUILD_DIR=$(BUILD_DIR)/matrix-$$core \
				VENV_REQUIREMENTS='$(MATRIX_REQUIREMENTS)' SANITY_TARGET_PYTHONS= \
			&& $(MATRIX_VENV_PREFIX)$$core/bin/python -c 'import sys, ansible.release as r; sys.exit(not r.__version__.startswith("'$$core'."))'; then \
			summary+=("PASS  ansible-core $$($(MATRIX_VENV_PREFIX)$$core/bin/python -c 'import ansible.release as r; print(r.__version__)') on Python $$version ($$(( $$(date +%s) - start ))s)"); \
		else \
			summary+=("FAIL  ansible-core $$core on Python $$version ($$(( $$(date +%s) - start ))s)"); failed=1; \
		fi; \
	done; \
	echo; echo "==> make matrix summary"; printf '    %s\n' "$${summary[@]}"; \
	exit $$failed

# galaxy-importer in its own venv (its pins clash with .venv's tools).
IMPORTER_VENV := $(CURDIR)/.venv-importer
IMPORTER_REQUIREMENTS := tests/requirements-importer.txt

$(IMPORTER_VENV)/.installed: $(IMPORTER_REQUIREMENTS)
	@test -x $(IMPORTER_VENV)/bin/python || $(PYTHON) -m venv $(IMPORTER_VENV)
	$(IMPORTER_VENV)/bin/python -m pip install --progress-bar off -r $(IMPORTER_REQUIREMENTS)
	@touch $@

importer: build $(IMPORTER_VENV)/.installed ## galaxy-importer (what Galaxy runs on upload) on the built tarball, offline
	@tarball=$$(ls $(DIST_DIR)/zerotrust-cloudflare-*.tar.gz); \
	cd $(BUILD_DIR) && PATH=$(IMPORTER_VENV)/bin:$$PATH GALAXY_IMPORTER_CONFIG=$(CURDIR)/tests/galaxy-importer.cfg \
		$(IMPORTER_VENV)/bin/python -m galaxy_importer.main $$tarball 2>&1 | tee $(BUILD_DIR)/importer.log
	@grep -q 'Importer processing completed successfully' $(BUILD_DIR)/importer.log \
		|| { echo "importer: galaxy-importer did not complete successfully" >&2; exit 1; }
	@! grep -nE '^(WARNING|ERROR)' $(BUILD_DIR)/importer.log || { echo "importer: warnings (see above)" >&2; exit 1; }

release: venv ## Cut release VERSION=x.y.z: set galaxy.yml's version, turn the fragments into CHANGELOG.rst (antsibull-changelog)
	@test -n "$(VERSION)" || { echo "usage: make release VERSION=x.y.z" >&2; exit 1; }
	@test -z "$$(git status --porcelain --untracked-files=no)" || { echo "release: commit or stash your changes first" >&2; exit 1; }
	@ls changelogs/fragments/$(VERSION).yml >/dev/null 2>&1 \
		|| { echo "release: add changelogs/fragments/$(VERSION).yml with its release_summary first" >&2; exit 1; }
	sed -i 's/^version: .*/version: $(VERSION)/' galaxy.yml
	antsibull-changelog lint
	$(MAKE) build-tree
	@# antsibull-changelog finds the new plugins through ansible-doc: run it in the collection layout, bring back its output
	cd $(COLLECTION_DIR) && ANSIBLE_COLLECTIONS_PATH=$(BUILD_DIR) antsibull-changelog release --version $(VERSION) 2>&1 | tee $(BUILD_DIR)/release.log
	@! grep -niE 'warn|error' $(BUILD_DIR)/release.log || { echo "release: antsibull-changelog warned (see above)" >&2; exit 1; }
	cp $(COLLECTION_DIR)/CHANGELOG.rst CHANGELOG.rst
	cp $(COLLECTION_DIR)/changelogs/changelog.yaml changelogs/changelog.yaml
	rm -f changelogs/fragments/*.yml
	antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml
	@echo "release: $(VERSION) prepared: review 'git diff', then git add -A; git commit -m 'Release $(VERSION)'; git tag $(VERSION)"

# The docs site (antsibull-docs + Sphinx). Built offline: Ansible's labels come from a local inventory.
DOCSITE_DIR := $(BUILD_DIR)/docsite

docsite-rst: venv ## Convert docs/*.md into the extra docs (RST) of the copy in .build (tools/generate_docsite.py)
	@test -f $(COLLECTION_DIR)/galaxy.yml || $(MAKE) build-tree
	python tools/generate_docsite.py $(COLLECTION_DIR)

docs: venv build-tree docsite-rst ## Build the HTML docs site (plugins, role, guides) into .build/docsite/build/html; warnings fail
	@rm -rf $(DOCSITE_DIR) && mkdir -p -m 700 $(DOCSITE_DIR)
	ANSIBLE_COLLECTIONS_PATH=$(BUILD_DIR) antsibull-docs sphinx-init --use-current --squash-hierarchy --fail-on-error \
		--no-add-antsibull-docs-version --title 'Cloudflare Zero Trust collection' --dest-dir $(DOCSITE_DIR) zerotrust.cloudflare
	python tools/generate_docsite.py --ansible-inventory $(DOCSITE_DIR)/ansible_devel.inv
	@printf '%s\n' '' '# Offline: no inventory download; the Ansible labels come from tools/generate_docsite.py.' \
		'import os' \
		"intersphinx_mapping = {'ansible_devel': ('https://docs.ansible.com/projects/ansible/devel/'," \
		"                                         os.path.join(os.path.dirname(os.path.abspath(__file__)), 'ansible_devel.inv'))}" \
		>> $(DOCSITE_DIR)/conf.py
	cd $(DOCSITE_DIR) && ANSIBLE_COLLECTIONS_PATH=$(BUILD_DIR) ./build.sh 2>&1 | tee build.log
	@! grep -n 'WARNING' $(DOCSITE_DIR)/build.log || { echo "docs: warnings (see above)" >&2; exit 1; }
	@for page in index $$(sed -n 's/^ *- ref: //p' $(COLLECTION_DIR)/docs/docsite/extra-docs.yml | sed 's|^|docsite/|'); do \
		test -f $(DOCSITE_DIR)/build/html/$$page.html || { echo "docs: $$page.html missing from the site" >&2; exit 1; }; \
	done
	@echo "docs: $(DOCSITE_DIR)/build/html/index.html"

demo: venv build-tree ## Run docs/demo/demo.yml against the local fake Cloudflare API (no account needed)
	@test -f docs/demo/demo.yml || { echo "docs/demo/demo.yml does not exist yet" >&2; exit 1; }
	ANSIBLE_COLLECTIONS_PATH=$(BUILD_DIR) ansible-playbook docs/demo/demo.yml

bench: venv build-tree ## Benchmark of the bulk path against the fake API (docs/benchmark.md); not a test
	PYTHONPATH=$(BUILD_DIR) python tests/benchmark/run_benchmark.py $(BENCH_ARGS)

clean: ## Remove .build and test output (keeps .venv)
	rm -rf $(BUILD_DIR) tests/output
