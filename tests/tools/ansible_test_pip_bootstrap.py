"""Provide ansible-test's pip bootstrap script without reaching Ansible's CI file host.

ansible-test bootstraps pip in every virtual environment it creates (sanity ones included)
with a ``get-pip-<version>.py`` that it downloads from a host that CI machines, air-gapped
runners and users behind a PyPI mirror often cannot reach. It first looks for a cached copy
at ``~/.ansible/test/cache/get_pip_<major>_<minor>.py``. This script writes a small
stand-in there that installs the same pip release from its PyPI wheel.

Usage: ``python tests/tools/ansible_test_pip_bootstrap.py [--python-version 3.11 ...]``, run
with the interpreter that has ansible-core installed. Running it again does nothing.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import pathlib
import re
import subprocess
import sys
import types

MARKER = '# ansible-test get-pip stand-in written by tests/tools/ansible_test_pip_bootstrap.py'

STAND_IN = '''{marker}
"""Install pip {version} from its wheel, the way get-pip.py would."""
import os
import sys

CACHE_DIR = os.path.dirname(os.path.abspath(__file__))
WHEEL = os.path.join(CACHE_DIR, {wheel!r})

sys.path.insert(0, WHEEL)

from pip._internal.cli.main import main  # noqa: E402  pylint: disable=wrong-import-position

# get-pip.py understands these; pip install does not.
ARGS = [arg for arg in sys.argv[1:] if arg not in ('--no-setuptools', '--no-wheel')]

sys.exit(main(['install', '--upgrade', '--force-reinstall', '--find-links', CACHE_DIR] + ARGS))
'''


def pip_versions_wanted(python_version: str) -> set[str]:
    """Return the pip versions that the installed ansible-test bootstraps for python_version."""
    try:
        from ansible_test._internal import python_requirements  # pylint: disable=import-outside-toplevel

        packages = python_requirements.get_venv_packages(types.SimpleNamespace(version=python_version))
        return {packages['pip']}
    except Exception:  # pylint: disable=broad-exception-caught
        # Internal API moved: fall back to reading the pins from its source.
        pass

    spec = importlib.util.find_spec('ansible_test')
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit('ansible-test is not installed in %s; install ansible-core first' % sys.executable)

    source = pathlib.Path(list(spec.submodule_search_locations)[0], '_internal', 'python_requirements.py').read_text()
    versions = set(re.findall(r"""\bpip\s*=\s*['"](\d+(?:\.\d+)+)['"]""", source))

    if not versions:
        raise SystemExit('could not find the pip version that ansible-test bootstraps in its source')

    return versions


def cache_script_path(pip_version: str) -> pathlib.Path:
    """Return the path where ansible-test looks for its cached bootstrap script."""
    return pathlib.Path(os.path.expanduser('~/.ansible/test/cache/get_pip_%s.py' % pip_version.replace('.', '_')))


def find_wheel(cache_dir: pathlib.Path, pip_version: str) -> pathlib.Path | None:
    """Return the cached pip wheel for pip_version, if present."""
    wheels = sorted(cache_dir.glob('pip-%s-*.whl' % pip_version))
    return wheels[0] if wheels else None


def ensure_stand_in(pip_version: str) -> str:
    """Write the stand-in for pip_version unless a usable bootstrap script is already cached."""
    script = cache_script_path(pip_version)
    cache_dir = script.parent

    if script.exists():
        content = script.read_text()

        if MARKER not in content:
            return 'kept existing %s (not ours, e.g. the real get-pip.py)' % script

        wheel_name = re.search(r"WHEEL = os\.path\.join\(CACHE_DIR, '([^']+)'\)", content)

        if wheel_name and (cache_dir / wheel_name.group(1)).is_file():
            return 'up to date: %s' % script

    cache_dir.mkdir(parents=True, exist_ok=True)
    wheel = find_wheel(cache_dir, pip_version)

    if wheel is None:
        subprocess.run(
            [sys.executable, '-m', 'pip', 'download', '--quiet', '--no-deps', '--only-binary', ':all:',
             '--dest', str(cache_dir), 'pip==%s' % pip_version],
            check=True,
        )
        wheel = find_wheel(cache_dir, pip_version)

    if wheel is None:
        raise SystemExit('pip download did not produce a pip %s wheel in %s' % (pip_version, cache_dir))

    temp = script.with_suffix('.tmp')
    temp.write_text(STAND_IN.format(marker=MARKER, version=pip_version, wheel=wheel.name))
    temp.replace(script)

    return 'wrote %s (pip %s from %s)' % (script, pip_version, wheel.name)


def main() -> None:
    """Main program entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--python-version', action='append', dest='python_versions', metavar='X.Y',
                        help='Python version that ansible-test will create environments for; repeatable '
                             '(default: this interpreter\'s version)')
    args = parser.parse_args()

    python_versions = args.python_versions or ['%d.%d' % sys.version_info[:2]]
    pip_versions = set()

    for python_version in python_versions:
        pip_versions |= pip_versions_wanted(python_version)

    for pip_version in sorted(pip_versions):
        print('ansible-test pip bootstrap: %s' % ensure_stand_in(pip_version))


if __name__ == '__main__':
    main()
