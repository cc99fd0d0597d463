# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark of the bulk path against the local fake API, reported as request counts and ratios.

    make bench                      # or: PYTHONPATH=.build python tests/benchmark/run_benchmark.py
    python tests/benchmark/run_benchmark.py --noop-apps 1000 --create-apps 500 --loop-apps 500 --latency-ms 50

Every figure is measured side by side in one run on this machine (ratios, not absolute times):
  1. no-op rerun of N declared applications with the access_applications role: requests <= ceil(N/1000) + 2,
     zero writes, and wall time <= 3 x that of a playbook with one no-op access_application task;
  2. creation of M applications with the role: M writes + the list sweep, no per-application GET, and with the
     fake API's rate limit on, no failure (the request budget paces the run instead of provoking 429s);
  3. no-op rerun of L applications: a naive `loop:` over access_application against the role, >= 20 x faster.
Exit status 1 when a claim does not hold.  Nothing here is a test: CI does not run it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import math
import os
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

    def playbook(self, name, tasks, extra_vars=None):
        play = [{'name': name, 'hosts': 'localhost', 'gather_facts': False, 'tasks': tasks}]
        path = os.path.join(self.workdir, name.replace(' ', '_') + '.yml')
        with open(path, 'w') as handle:
            json.dump(play, handle)
        argv = [self.playbook_bin, path]
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
        if self.verbose or done.returncode:
            sys.stdout.write(done.stdout.decode('utf-8', 'replace')[-4000:])
        return {'seconds': elapsed, 'rc': done.returncode, 'requests': log['total'], 'writes': log['writes'],
                'counts': log['counts'], 'throttled': sum(1 for r in log['requests'] if r['status'] == 429),
                'created': sum(1 for r in log['requests'] if r['method'] == 'POST' and r['status'] == 201)}


ROLE = [{'name': 'Provision', 'ansible.builtin.include_role': {'name': 'zerotrust.cloudflare.access_applications'}}]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--noop-apps', type=int, default=1000)
    parser.add_argument('--create-apps', type=int, default=500)
    parser.add_argument('--loop-apps', type=int, default=500, help='0 skips the naive loop (it is the slow part)')
    parser.add_argument('--latency-ms', type=int, default=50)
    parser.add_argument('--json', help='also write the figures to this file')
    parser.add_argument('--verbose', action='store_true')
    args = parser.parse_args(argv)

    figures, claims = {}, []
    workdir = tempfile.mkdtemp(prefix='zt-bench-')
    with FakeCloudflare(latency_ms=args.latency_ms, timeout=3600) as fake:
        bench = Bench(fake, workdir, args.verbose)
        declared = [app(i) for i in range(args.noop_apps)]
        fake.seed(apps=declared)

        # 1. no-op rerun of N apps with the role, against one no-op access_application task
        single = bench.playbook('single noop', [{'name': 'One application', 'zerotrust.cloudflare.access_application': declared[0]}])
        bulk = bench.playbook('role noop', ROLE, {'access_applications_list': declared})
        figures['single_noop'], figures['role_noop'] = single, bulk
        ratio = bulk['seconds'] / single['seconds']
        limit = int(math.ceil(args.noop_apps / 1000.0)) + 2
        claims.append(('no-op rerun of %d apps: %d requests (<= %d), %d writes (0)' % (
            args.noop_apps, bulk['requests'], limit, bulk['writes']),
            bulk['rc'] == 0 and single['rc'] == 0 and bulk['requests'] <= limit and bulk['writes'] == 0))
        claims.append(('no-op rerun of %d apps takes %.2f x one no-op access_application task (<= 3)' % (args.noop_apps, ratio),
                       ratio <= 3))

        # 2. creation of M apps, with the fake's rate limit on and the module's budget set to match it
        fake.reset(state=True, log=True, faults=True, config=False)
        fake.seed(tags=['bench'])  # the tag exists (the API refuses applications naming unknown tags)
        window = 30
        limit_requests = max(50, (args.create_apps + 2) * 2 // 3)  # below what the run needs: it must be paced
        fake.config(rate_limit={'limit': limit_requests, 'window': window})
        created = [app(i, 'new') for i in range(args.create_apps)]
        create = bench.playbook('role create', [{
            'name': 'With the request budget of the rate limit', 'block': ROLE,
            'module_defaults': {'zerotrust.cloudflare.access_application_bulk': {
                'rate_limit': limit_requests, 'rate_limit_window': window}}}], {'access_applications_list': created})
        fake.config(rate_limit=None)
        figures['role_create'] = create
        gets = create['counts'].get('GET', 0)
        claims.append(('create %d apps: %d POST accepted, %d GET (the list sweep, no GET per app), rc %d; %d requests '
                       'answered 429 by the rate limit were waited out and re-sent' % (
                           args.create_apps, create['created'], gets, create['rc'], create['throttled']),
                       create['rc'] == 0 and create['created'] == args.create_apps
                       and gets <= int(math.ceil(args.create_apps / 1000.0)) + 1))
        state = fake.state()
        total = sum(len(a['apps']) for a in state['accounts'].values())
        claims.append(('create %d apps under a rate limit of %d per %d s: %d exist afterwards, none twice' % (
            args.create_apps, limit_requests, window, total), total == args.create_apps))

        # 3. a naive loop over access_application against the role, both no-op
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

    print('\nBenchmark: fake API with %d ms per request, %d cores' % (args.latency_ms, os.cpu_count() or 1))
    for name, figure in figures.items():
        print('  %-20s %7.2f s  rc=%d  requests=%-5d writes=%-5d by method=%s' % (
            name, figure['seconds'], figure['rc'], figure['requests'], figure['writes'], json.dumps(figure['counts'])))
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
