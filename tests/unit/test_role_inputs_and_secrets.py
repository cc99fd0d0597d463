# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The access_applications role through ansible-playbook, against the fake API.

- Bad inputs (the role's rows of the bad-input table): the run fails naming the option path, and the fake
  counts zero requests (no list sweep for a run whose items are all invalid).
- The one-time OIDC client secret: the run that creates the application sets access_applications_client_secrets
  (name -> secret); nothing of the secret is in the output at -vvvv with --diff; a rerun sets it empty.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import hashlib
import json
import os
import subprocess
import sys

import pytest

from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare.harness import FakeCloudflare

TOKEN = 'role-inputs-token-0f3a9c2e1d'
PLAYBOOK = """
- name: Provision the Access applications
  hosts: all
  gather_facts: false
  roles:
    - zerotrust.cloudflare.access_applications
  post_tasks:
    - name: Show what the secrets fact holds, without the secrets
      ansible.builtin.debug:
        msg: >-
          SECRETS={{ access_applications_client_secrets | dict2items
                     | map(attribute='key') | zip(access_applications_client_secrets.values() | map('hash', 'sha256'))
                     | map('join', '=') | join(',') }};
      run_once: true
"""
INFRA = {'type': 'infrastructure', 'name': 'Hosts',
         'target_criteria': [{'port': 22, 'protocol': 'SSH', 'target_attributes': {'hostname': ['db1']}}]}
SH = {'type': 'self_hosted', 'name': 'Wiki', 'domain': 'wiki.example.com'}
OIDC = {'type': 'saas', 'name': 'Portal', 'saas_app': {'auth_type': 'oidc', 'redirect_uris': ['https://portal.example.com/cb']}}

# (id, role variables, what the failure must name)
ROLE_BAD_INPUTS = [
    ('unknown-type', {'access_applications_list': [{'type': 'web', 'name': 'Wiki'}]}, 'type'),
    ('private-cidr-33', {'access_applications_list': [dict(SH, destinations=[{'type': 'private', 'cidr': '10.0.0.0/33'}])]},
     'destinations[0].cidr'),
    ('cors-headers-string', {'access_applications_list': [dict(SH, cors_headers='yes')]}, 'cors_headers'),
    ('account-id-40', {'access_applications_list': [SH], 'access_applications_account_id': 'a' * 40}, 'account_id'),
    ('infra-without-name', {'access_applications_list': [dict((k, v) for k, v in INFRA.items() if k != 'name')]}, 'name'),
    ('infra-deny', {'access_applications_list': [dict(INFRA, policies=[{'name': 'p', 'decision': 'deny',
                                                                        'include': [{'everyone': {}}]}])]},
     'policies[0].decision'),
    ('email-rule', {'access_applications_list': [dict(SH, policies=[{'name': 'p', 'decision': 'allow',
                                                                    'include': [{'email': {'email': 'not-an-email'}}]}])]},
     'policies[0].include[0].email.email'),
]


def _collections_path():
    import ansible_collections.zerotrust.cloudflare as collection  # pylint: disable=import-outside-toplevel
    package = list(collection.__path__)[0]
    return os.path.dirname(os.path.dirname(os.path.dirname(package)))


@pytest.fixture(scope='module')
def fake():
    with FakeCloudflare(token=TOKEN) as server:
        yield server


def play(tmp_path, fake, variables, *options):
    (tmp_path / 'site.yml').write_text(PLAYBOOK)
    (tmp_path / 'hosts.json').write_text(json.dumps({'all': {'hosts': {'web1': {}}, 'vars': {
        'ansible_connection': 'local', 'ansible_python_interpreter': sys.executable}}}))
    (tmp_path / 'vars.json').write_text(json.dumps(variables))
    env = dict(os.environ, CLOUDFLARE_API_TOKEN=TOKEN, CLOUDFLARE_ACCOUNT_ID=fake.account_id,
               CLOUDFLARE_BASE_URL=fake.base_url, ANSIBLE_COLLECTIONS_PATH=_collections_path(),
               ANSIBLE_NOCOLOR='1', ANSIBLE_FORCE_COLOR='0', ANSIBLE_RETRY_FILES_ENABLED='0',
               ANSIBLE_LOCAL_TEMP=str(tmp_path / 'tmp'), ANSIBLE_HOME=str(tmp_path / 'home'))
    env.pop('ANSIBLE_DEBUG', None)
    playbook = os.path.join(os.path.dirname(sys.executable), 'ansible-playbook')
    return subprocess.run([playbook, '-i', str(tmp_path / 'hosts.json'), '-e', '@' + str(tmp_path / 'vars.json'),
                           str(tmp_path / 'site.yml')] + list(options),
                          env=env, cwd=str(tmp_path), capture_output=True, text=True, timeout=300, check=False)


@pytest.mark.parametrize('variables, path', [row[1:] for row in ROLE_BAD_INPUTS], ids=[row[0] for row in ROLE_BAD_INPUTS])
def test_role_refuses_bad_input_before_any_request(tmp_path, fake, variables, path):
    fake.reset()
    run = play(tmp_path, fake, variables)
    assert run.returncode != 0, run.stdout
    assert 'Error processing keyword' not in run.stdout
    # the role's last task fails with the message of the failed item(s)
    verdict = [line for line in run.stdout.splitlines() if line.startswith('fatal: [web1]: FAILED!')]
    assert len(verdict) == 1 and path in json.loads(verdict[0].split('=> ', 1)[1])['msg'], run.stdout
    assert fake.log()['total'] == 0, [(r['method'], r['path']) for r in fake.log()['requests']]


def _secret(fake, name):
    app = next(a for a in fake.state()['accounts'][fake.account_id]['apps'] if a['name'] == name)
    return app['saas_app']['client_secret']


def test_role_keeps_the_oidc_secret_once_and_never_prints_it(tmp_path, fake):
    fake.reset()
    variables = {'access_applications_list': [OIDC, SH]}
    first = play(tmp_path, fake, variables, '-vvvv', '--diff')
    assert first.returncode == 0, first.stdout[-3000:]
    assert 'Error processing keyword' not in first.stdout
    secret = _secret(fake, 'Portal')
    assert secret not in first.stdout and secret not in first.stderr
    assert 'SECRETS=Portal=%s;' % hashlib.sha256(secret.encode()).hexdigest() in first.stdout

    second = play(tmp_path, fake, variables, '-vvvv', '--diff')
    assert second.returncode == 0, second.stdout[-3000:]
    assert 'SECRETS=;' in second.stdout
    assert secret not in second.stdout and secret not in second.stderr
    assert fake.log()['writes'] == 2  # the two creations; the rerun writes nothing


def test_role_secrets_stay_hidden_without_secure_logging(tmp_path, fake):
    """access_applications_secure_logging: false shows the items, never the fact's secrets."""
    fake.reset()
    run = play(tmp_path, fake, {'access_applications_list': [OIDC], 'access_applications_secure_logging': False}, '-v')
    assert run.returncode == 0, run.stdout[-3000:]
    secret = _secret(fake, 'Portal')
    assert secret not in run.stdout and secret not in run.stderr
