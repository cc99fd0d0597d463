#!/usr/bin/env bash
# The access_applications role, run the way users and AWX run it: ansible-playbook site.yml with an inventory
# of several hosts and group_vars, credentials in CLOUDFLARE_* environment variables. runme.yml starts the
# fake Cloudflare API (setup_fake_cloudflare), runs site.yml once per scenario (scenarios/*.yml) and checks
# the exit code, the output and what the fake received.
set -eux
cd "$(dirname "$0")"
export ANSIBLE_ROLES_PATH=..
ansible-playbook -i driver_inventory.yml runme.yml "$@"
