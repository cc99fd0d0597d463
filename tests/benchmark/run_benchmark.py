# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark of the bulk path against the local fake API, reported as request counts and ratios.

    make bench                      # or: PYTHONPATH=.build python tests/benchmark/run_benchmark.py
    python tests/benchmark/run_benchmark.py --noop-apps 10000 --create-apps 300 --rate-limit 100 --rate-window 20

Every figure is measured side by side in one run on this machine (ratios, not absolute times):
  1. no-op rerun of N declared applications (an inventory's group_vars) with the access_applications role:
     requests <= ceil(N/1000) + 2, zero writes, wall time <= 1.5 x that of a playbook with one no-op
     access_application task and the same inventory (the ratio to that task without the inventory is shown too);
  2. creation of M applications with the role while the fake API enforces L requests per W seconds and the
     request budget is set to the same limit: no 429, no failure, wall time <= 1.3 x the limit's floor
     F = ceil((M + 1) / L - 1) x W (the M + 1 requests, the list sweep and M POSTs, need ceil((M+1)/L) windows;
     the last window starts F seconds after the first request); progress lines are counted;
  3. the same with the budget left at its default (above the fake's limit): 429s waited out, no failure;
  4. no-op rerun of K applications: a naive `loop:` over access_application against the role, >= 20 x faster;
  5. no-op rerun of the whole setup (3 Access groups, 4 reusable policies naming groups and an identity provider,
     S applications naming policies and the identity provider, by name) with the role: at most one list sweep per
     kind, zero writes, wall time <= 3 x that of one no-op access_application task.
Exit status 1 when a claim does not hold.  Nothing here is a test: CI does not run it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'fake_cloudflare'))

from harness import FakeCloudflare  # noqa: E402  pylint: disable=wrong-import-position,import-error


def collections_root():
    """The directory that contains ansible_collections/zerotrust/cloudflare (PYTHONPATH=.build)."""
    import ansible_collections.zerotrust.cloudflare as collection  # pylint: disable=import-outside-toplevel
    path = os.path.dirname(os.path.abspath(collection.__file__ if getattr(collection, '__file__', None)
                                           else list(collection.__path__)[0] + '/x'))
    return os.path.dirname(os.path.dirname(os.path.dirname(path)))


def app(index, prefix='bench'):
    return {'name': '%s-%04d' % (prefix, index), 'type': 'self_hosted', 'domain': '%s-%04d.example.com' % (prefix, index),
            'session_duration': '12h', 'tags': ['bench']}


class Bench(object):

    def __init__(self, fake, workdir, verbose=False):
        self.fake = fake
        self.workdir = workdir
        self.verbose = verbose
        self.env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_root(), ANSIBLE_NOCOLOR='1',
                        ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false',
                        ANSIBLE_PYTHON_INTERPRETER=sys.executable,
                        CLOUDFLARE_API_TOKEN=fake.token, CLOUDFLARE_ACCOUNT_ID=fake.account_id,
                        CLOUDFLARE_BASE_URL=fake.base_url)
        self.playbook_bin = os.path.join(os.path.dirname(sys.executable), 'ansible-playbook')

    def inventory(self, name, group_vars):
        """An inventory directory: localhost, and `group_vars` in group_vars/all/<name>.json (JSON is YAML that
        ansible-core reads fast: a user with 10,000 declarations is best served by it)."""
        root = os.path.join(self.workdir, name)
        os.makedirs(os.path.join(root, 'group_vars', 'all'))
        with open(os.path.join(root, 'hosts'), 'w') as handle:
            handle.write('localhost ansible_connection=local\n')
        with open(os.path.join(root, 'group_vars', 'all', name + '.json'), 'w') as handle:
            json.dump(group_vars, handle)
        return os.path.join(root, 'hosts')

    def playbook(self, name, tasks, extra_vars=None, inventory=None):
        play = [{'name': name, 'hosts': 'localhost', 'gather_facts': False, 'tasks': tasks}]
        path = os.path.join(self.workdir, name.replace(' ', '_') + '.yml')
        with open(path, 'w') as handle:
            json.dump(play, handle)
        argv = [self.playbook_bin, path] + (['-i', inventory] if inventory else [])
        if extra_vars is not None:
            vars_path = path + '.vars.json'
            with open(vars_path, 'w') as handle:
                json.dump(extra_vars, handle)
            argv += ['-e', '@' + vars_path]
        self.fake.reset(state=False, log=True, faults=False, config=False)
        start = time.monotonic()
        done = subprocess.run(argv, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
        elapsed = time.monotonic() - start
        log = self.fake.log()
        output = done.stdout.decode('utf-8', 'replace')
        if self.verbose or done.returncode:
            sys.stdout.write(output[-4000:])
        return {'seconds': elapsed, 'rc': done.returncode, 'requests': log['total'], 'writes': log['writes'],
                'progress_lines': len(re.findall(r'applications written, \d+ failed', output)),
                'counts': log['counts'], 'throttled': sum(1 for r in log['requests'] if r['status'] == 429),
                'created': sum(1 for r in log['requests'] if r['method'] == 'POST' and r['status'] == 201)}


ROLE = [{'name': 'Provision', 'ansible.builtin.include_role': {'name': 'zerotrust.cloudflare.access_applications'}}]


def floor_seconds(requests, limit, window):
    """The least time `requests` requests take under `limit` requests per `window` seconds: all but the last
    window are full, and the last one starts (ceil(requests / limit) - 1) windows after the first request."""
    return int(math.ceil(requests / float(limit))) * window - window if requests > 0 else 0


def create_under_limit(bench, fake, args, figures, claims):
    """Creation of M apps, the fake's rate limit on and the request budget set to it (through the action group's
    module_defaults: the role's own module_defaults for the bulk module would shadow an entry for that module)."""
    fake.reset(state=True, log=True, faults=True, config=False)
    fake.seed(tags=['bench'])  # the API refuses applications that name a tag that does not exist
    fake.config(rate_limit={'limit': args.rate_limit, 'window': args.rate_window})
    created = [app(i, 'new') for i in range(args.create_apps)]
    create = bench.playbook('role create', [{
        'name': 'With the request budget of the rate limit', 'block': ROLE,
        'module_defaults': {'group/zerotrust.cloudflare.access': {
            'rate_limit': args.rate_limit, 'rate_limit_window': args.rate_window}}}], {'access_applications_list': created})
    fake.config(rate_limit=None)
    figures['role_create'] = create
    floor = floor_seconds(args.create_apps + 1, args.rate_limit, args.rate_window)
    create['floor_seconds'] = floor
    gets = create['counts'].get('GET', 0)
    state = fake.state()
    total = sum(len(a['apps']) for a in state['accounts'].values())
    claims.append(('create %d apps under %d requests / %d s with the budget at that limit: %d POST accepted, %d GET, '
                   '%d answered 429 (0), rc %d; %d exist afterwards, none twice' % (
                       args.create_apps, args.rate_limit, args.rate_window, create['created'], gets,
                       create['throttled'], create['rc'], total),
                   create['rc'] == 0 and create['created'] == args.create_apps and create['throttled'] == 0
                   and gets <= int(math.ceil(args.create_apps / 1000.0)) + 1 and total == args.create_apps))
    claims.append(('create %d apps: %.1f s = %.2f x the limit\'s floor of %d s for %d requests (<= 1.3); %d progress '
                   'lines' % (args.create_apps, create['seconds'], create['seconds'] / floor if floor else 0, floor,
                              args.create_apps + 1, create['progress_lines']),
                   floor == 0 or create['seconds'] <= 1.3 * floor))


SETUP_IDP = {'id': '22222222-2222-4222-8222-000000000001', 'name': 'Okta', 'type': 'okta'}


def setup_vars(apps):
    """The issue's whole setup as role variables: groups, policies naming them and the IdP, applications naming both."""
    groups = [{'name': name, 'include': [{'email_domain': {'domain': domain}}]}
              for name, domain in (('Engineers', 'example.com'), ('Contractors', 'example.org'), ('Ops', 'ops.example.com'))]
    policies = [{'name': 'Allow %s' % g['name'], 'decision': 'allow', 'include': [{'group': {'name': g['name']}}],
                 'require': [{'login_method': {'id': 'Okta'}}]} for g in groups]
    policies.append({'name': 'Deny contractors', 'decision': 'deny', 'include': [{'group': {'name': 'Contractors'}}]})
    applications = [dict(app(i, 'setup'), allowed_idps=['Okta'], tags=['team-%d' % (i % 4)],
                         policies=[{'name': 'Deny contractors'}, {'name': 'Allow %s' % ('Engineers', 'Ops')[i % 2]}])
                    for i in range(apps)]
    return {'access_applications_groups_list': groups, 'access_applications_policies_list': policies,
            'access_applications_list': applications}


def whole_setup(bench, fake, args, fastest, single, figures, claims):
    fake.reset(state=True, log=True, faults=True, config=False)
    fake.seed(identity_providers=[SETUP_IDP])
    inventory = bench.inventory('setup', setup_vars(args.setup_apps))
    created = bench.playbook('role setup create', ROLE, inventory=inventory)
    rerun = fastest('role setup noop', ROLE, {'inventory': inventory})
    figures['role_setup_create'], figures['role_setup_noop'] = created, rerun
    lists = [r['path'].split('/access/')[-1] for r in fake.log()['requests'] if r['method'] == 'GET']
    kinds = sorted(set(lists))
    ratio = rerun['seconds'] / single['seconds']
    claims.append(('whole setup (3 groups, 4 policies, %d apps by name): created with rc %d, %d writes; no-op rerun %d '
                   'requests (%s), %d writes, %.2f x one no-op task (<= 3)' % (
                       args.setup_apps, created['rc'], created['writes'], rerun['requests'], ', '.join(kinds),
                       rerun['writes'], ratio),
                   created['rc'] == 0 and rerun['rc'] == 0 and rerun['writes'] == 0
                   and len(lists) - lists.count('apps') == len(kinds) - 1
                   and lists.count('apps') <= int(math.ceil(args.setup_apps / 1000.0)) and ratio <= 3))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--noop-apps', type=int, default=10000)
    parser.add_argument('--noop-apps-small', type=int, default=1000,
                        help='a second no-op run with this many, for the cost per application (0 skips)')
    parser.add_argument('--create-apps', type=int, default=300, help='0 skips the creation under the rate limit')
    parser.add_argument('--rate-limit', type=int, default=100, help='requests per window of the fake (and the budget)')
    parser.add_argument('--rate-window', type=int, default=20, help='seconds')
    parser.add_argument('--mismatch-apps', type=int, default=150,
                        help='apps created with the default budget, above the fake\'s limit (0 skips)')
    parser.add_argument('--loop-apps', type=int, default=100, help='0 skips the naive loop (it is the slow part)')
    parser.add_argument('--setup-apps', type=int, default=1000,
                        help='applications of the whole-setup no-op rerun (groups, policies by name; 0 skips)')
    parser.add_argument('--latency-ms', type=int, default=50)
    parser.add_argument('--repeat', type=int, default=3, help='no-op runs: the fastest of this many')
    parser.add_argument('--json', help='also write the figures to this file')
    parser.add_argument('--verbose', action='store_true')
    args = parser.parse_args(argv)

    figures, claims = {}, []
    workdir = tempfile.mkdtemp(prefix='zt-bench-')
    with FakeCloudflare(latency_ms=args.latency_ms, timeout=3600) as fake:
        bench = Bench(fake, workdir, args.verbose)
        declared = [app(i) for i in range(args.noop_apps)]
        fake.seed(apps=declared)

        # 1. no-op rerun of N apps with the role, against one no-op access_application task; each the fastest of
        # --repeat runs (the machine is shared: the least disturbed run is the best estimate of the cost)
        def fastest(*run):
            return min((bench.playbook(*run[:2], **run[2]) for dummy in range(max(1, args.repeat))),
                       key=lambda figure: figure['seconds'])
        one = [{'name': 'One application', 'zerotrust.cloudflare.access_application': declared[0]}]
        inventory = bench.inventory('noop', {'access_applications_list': declared})
        single = fastest('single noop', one, {})
        bulk = fastest('role noop', ROLE, {'inventory': inventory})
        single_same = fastest('single noop same inventory', one, {'inventory': inventory})
        figures['single_noop'], figures['role_noop'], figures['single_noop_same_inventory'] = single, bulk, single_same
        if args.noop_apps_small:
            small = fastest('role noop small', ROLE, {'inventory': bench.inventory(
                'noop_small', {'access_applications_list': declared[:args.noop_apps_small]})})
            figures['role_noop_small'] = small
            per_app = (bulk['seconds'] - small['seconds']) / (args.noop_apps - args.noop_apps_small)
            claims.append(('no-op rerun: %.3f ms per declared application (%d apps %.2f s, %d apps %.2f s)' % (
                per_app * 1000, args.noop_apps, bulk['seconds'], args.noop_apps_small, small['seconds']), small['rc'] == 0))
        ratio = bulk['seconds'] / single['seconds']
        limit = int(math.ceil(args.noop_apps / 1000.0)) + 2
        claims.append(('no-op rerun of %d apps: %d requests (<= %d), %d writes (0)' % (
            args.noop_apps, bulk['requests'], limit, bulk['writes']),
            bulk['rc'] == 0 and single['rc'] == 0 and bulk['requests'] <= limit and bulk['writes'] == 0))
        # The one task runs with the same inventory: ansible-core loads the 10,000 declarations (about 0.5 s here)
        # before any task of any playbook of that inventory; the ratio to a task without them is shown beside.
        same_ratio = bulk['seconds'] / single_same['seconds']
        claims.append(('no-op rerun of %d apps takes %.2f x one no-op access_application task run with the same inventory '
                       '(<= 1.5); %.2f x one such task without the inventory' % (args.noop_apps, same_ratio, ratio),
                       same_ratio <= 1.5))

        # 2. creation of M apps, the fake's rate limit on and the request budget set to it (the action group's
        # module_defaults: the role's own module_defaults for the bulk module would shadow an entry for it)
        if args.create_apps:
            create_under_limit(bench, fake, args, figures, claims)

        # 3. the same limit, the budget left at its default (above it): nothing fails
        if args.mismatch_apps:
            fake.reset(state=True, log=True, faults=True, config=False)
            fake.seed(tags=['bench'])  # the API refuses applications that name a tag that does not exist
            fake.config(rate_limit={'limit': args.rate_limit, 'window': args.rate_window})
            mismatch = bench.playbook('role create default budget', ROLE,
                                      {'access_applications_list': [app(i, 'over') for i in range(args.mismatch_apps)]})
            fake.config(rate_limit=None)
            figures['role_create_default_budget'] = mismatch
            claims.append(('create %d apps under %d requests / %d s with the default budget (1200 / 300 s, above the '
                           'limit): %d answered 429, %d POST accepted, rc %d' % (
                               args.mismatch_apps, args.rate_limit, args.rate_window, mismatch['throttled'],
                               mismatch['created'], mismatch['rc']),
                           mismatch['rc'] == 0 and mismatch['created'] == args.mismatch_apps))

        # 4. a naive loop over access_application against the role, both no-op
        if args.loop_apps:
            fake.reset(state=True, log=True, faults=True, config=False)
            looped = [app(i, 'loop') for i in range(args.loop_apps)]
            fake.seed(apps=looped)
            role = bench.playbook('role noop loop set', ROLE, {'access_applications_list': looped})
            loop = bench.playbook('naive loop', [{'name': 'One task per application',
                                                  'zerotrust.cloudflare.access_application': '{{ item }}',
                                                  'loop': '{{ apps }}', 'loop_control': {'label': '{{ item.name }}'}}],
                                  {'apps': looped})
            figures['role_noop_loop_set'], figures['naive_loop'] = role, loop
            speedup = loop['seconds'] / role['seconds']
            claims.append(('no-op rerun of %d apps: naive loop %.1f s (%d requests) vs role %.1f s (%d requests): %.1f x faster (>= 20)'
                           % (args.loop_apps, loop['seconds'], loop['requests'], role['seconds'], role['requests'], speedup),
                           loop['rc'] == 0 and role['rc'] == 0 and speedup >= 20))

        # 5. the whole setup by name: created once by the role, then the no-op rerun is measured
        if args.setup_apps:
            whole_setup(bench, fake, args, fastest, single, figures, claims)

    print('\nBenchmark: fake API with %d ms per request, %d cores' % (args.latency_ms, os.cpu_count() or 1))
    for name, figure in figures.items():
        print('  %-27s %7.2f s  rc=%d  requests=%-5d writes=%-5d 429=%-3d progress lines=%-3d by method=%s' % (
            name, figure['seconds'], figure['rc'], figure['requests'], figure['writes'], figure['throttled'],
            figure['progress_lines'], json.dumps(figure['counts'])))
    print('Claims:')
    for text, held in claims:
        print('  [%s] %s' % ('ok' if held else 'FAILED', text))
    if args.json:
        with open(args.json, 'w') as handle:
            json.dump({'latency_ms': args.latency_ms, 'figures': figures,
                       'claims': [{'claim': t, 'held': h} for t, h in claims]}, handle, indent=2)
    return 0 if all(held for dummy, held in claims) else 1


if __name__ == '__main__':
    sys.exit(main())
