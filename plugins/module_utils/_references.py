# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# PRIVATE to the zerotrust.cloudflare collection: not a public API, may change without notice.
#
# Names instead of ids for the objects an application, a policy or an Access group refers to:
# tags, reusable policies, Access groups, identity providers and service tokens.  Which fields hold
# which kind of reference is data of _schema.py (the `reference` key of a field description); this
# file walks API-shaped bodies along that data.  A Resolver lists each kind once per run (one
# object shared by a run) and maps names to ids (resolve_*) and ids back to unique names (name_*).
# Pure Python: the client only needs a `paginate(path, params=None, per_page=...)` method.
#
# Name forms accepted in a body (before resolution):
#   policies: [{name: P}]                 a link to the reusable policy named P (keys name/precedence only)
#   group: {name: G}, service_token: {name: T}   in rules, next to the {id} / {token_id} forms
#   identity provider fields (allowed_idps[], login_method.id, *.identity_provider_id): a value that
#   is not a UUID is an identity provider name
#   tags: always names (tags are addressed by name); resolution reports the tags that do not exist
#
# A value that looks like a UUID: when its kind is listed in the run (a name of that kind is used,
# or the resolver verifies ids), an object with that id wins; if another object's *name* equals it
# too, that is an ambiguity error; with no object of that id, an object of that name is taken.  When
# the kind is not listed, a UUID is taken as an id unchecked (no request, no extra token permission).

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import difflib
import re

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _schema, _validate


UUID_RE = re.compile(r'^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$')

# kind -> its list endpoint, its page size (the documented default of each list) and how an object is identified
KINDS = {
    'tag': dict(title='tag', path='access/tags', key='name', per_page=50),
    'policy': dict(title='reusable policy', path='access/policies', key='id', per_page=100),
    'group': dict(title='Access group', path='access/groups', key='id', per_page=1000, zone=True),
    'idp': dict(title='identity provider', path='access/identity_providers', key='id', per_page=200),
    'service_token': dict(title='service token', path='access/service_tokens', key='id', per_page=1000),
}
# kinds whose name form is a `name` key beside the id field (rules: group {name}, service_token {name})
NAME_KEY_KINDS = ('group', 'service_token')

# Fields of an Access group body (the rule lists are the policies' ones, from _schema)
GROUP_OPTIONS = dict((key, spec) for key, spec in _schema.policy_options(with_link=False).items()
                     if key in ('include', 'exclude', 'require'))


class ReferenceResolutionError(Exception):
    """One or more references could not be resolved; `problems` holds one message per reference."""

    def __init__(self, problems):
        self.problems = list(problems)
        super(ReferenceResolutionError, self).__init__('; '.join(self.problems))


def is_uuid(value):
    return isinstance(value, str) and bool(UUID_RE.match(value))


def is_named_link(item):
    """True for a policy item that links a reusable policy by name ({name, precedence?} and nothing else)."""
    return isinstance(item, dict) and 'name' in item and set(item) <= set(('name', 'precedence'))


class Ref(object):
    """One reference found in a body: where it is, its kind, the given value and how it is written."""

    __slots__ = ('path', 'kind', 'value', 'form', 'holder', 'key')

    def __init__(self, path, kind, value, form, holder, key):
        self.path = path      # option path for messages, e.g. policies[0].include[1].group.name
        self.kind = kind      # group | idp | service_token | policy | tag
        self.value = value    # the id or name as given
        self.form = form      # 'id' (a UUID, or any tag), 'name' (a name in the id field), 'name_key' (a `name` key)
        #                       or 'both' (an id field and a `name` key: refused)
        self.holder = holder  # the dict or list that holds the value
        self.key = key        # its key or index there

    def __repr__(self):
        return 'Ref(%s, %s, %r, %s)' % (self.path, self.kind, self.value, self.form)


def _join(path, key):
    if isinstance(key, int):
        return '%s[%d]' % (path, key)
    return '%s.%s' % (path, key) if path else key


def _scalar_ref(kind, holder, key, path):
    value = holder[key]
    if kind == 'tag' or is_uuid(value):
        return Ref(path, kind, value, 'id', holder, key)
    return Ref(path, kind, value, 'name', holder, key)


def _name_keyed(options):
    """The reference options that a `name` beside them can stand for (a rule's group, service_token)."""
    return tuple(k for k, s in options.items() if s.get('reference') in NAME_KEY_KINDS)


def _walk(value, options, path, out):
    if not isinstance(value, dict) or not options:
        return
    keys = _schema.present_options(value, options)  # (a bulk item sets a few of ~80 options)
    if 'name' in value:
        keys.extend(k for k in _schema.memo(options, 'name_keyed', _name_keyed) if k not in value)
    for key in keys:
        spec = options[key]
        kind = spec.get('reference')
        if kind and kind in NAME_KEY_KINDS and 'name' in value and options.get('name', {}).get('name_of', kind) == kind:
            out.append(Ref(_join(path, 'name'), kind, value['name'], 'both' if key in value else 'name_key', value, 'name'))
            continue
        item = value.get(key)
        if item is None:
            continue
        here = _join(path, key)
        if kind:
            if isinstance(item, list):
                out.extend(_scalar_ref(kind, item, index, _join(here, index))
                           for index, element in enumerate(item) if isinstance(element, str))
            elif isinstance(item, str):
                out.append(_scalar_ref(kind, value, key, here))
            continue
        sub = spec.get('options')
        if spec.get('policy_list') and isinstance(item, list):
            _walk_policies(item, sub, here, out)
        elif sub and not spec.get('free_form'):
            for index, element in enumerate(item if isinstance(item, list) else [item]):
                _walk(element, sub, _join(here, index) if isinstance(item, list) else here, out)


def _walk_policies(items, options, path, out):
    link_key = [k for k, s in options.items() if s.get('reference') == 'policy'][0]
    inline = dict((k, s) for k, s in options.items() if s.get('reference') != 'policy')
    for index, item in enumerate(items):
        here = _join(path, index)
        if isinstance(item, str):
            out.append(_scalar_ref('policy', items, index, here))
        elif _validate.is_link(item):
            out.append(_scalar_ref('policy', item, link_key, _join(here, link_key)))
        elif is_named_link(item):
            out.append(Ref(_join(here, 'name'), 'policy', item['name'], 'name_key', item, 'name'))
        else:
            _walk(item, inline, here, out)


def app_references(body):
    """References in an API-shaped application body."""
    out = []
    _walk(body, _schema.APP_FIELDS, '', out)
    return out


def policy_references(body):
    """References in a reusable policy body (rules)."""
    out = []
    _walk(body, _schema.policy_options(with_link=False), '', out)
    return out


def group_references(body):
    """References in an Access group body (rules)."""
    out = []
    _walk(body, GROUP_OPTIONS, '', out)
    return out


def rule_references(rules, path):
    """References in one list of rules (include / exclude / require)."""
    out = []
    _walk({path: rules}, {path: GROUP_OPTIONS['include']}, '', out)
    return out


# What input validation puts where a name stands, so that a body with names is checked like the body that will be
# sent (ids in every reference field) before any request resolves the names
PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000'


def _names(refs):
    """The references that stand for an object by name (the others hold what is sent: ids, tag names)."""
    return [ref for ref in refs if ref.form == 'name_key' or (ref.form == 'name' and ref.kind != 'policy')]


def with_placeholder_ids(body, walker):
    """`body` with every name reference replaced by PLACEHOLDER_ID in the id field it stands for (a copy; `body`
    itself when it names nothing, the common case of a bulk run: no copy of thousands of bodies)."""
    if not _names(walker(body)):
        return body
    body = copy.deepcopy(body)
    for ref in _names(walker(body)):
        if ref.form == 'name_key':
            del ref.holder['name']
            ref.holder[_id_key(ref)] = PLACEHOLDER_ID
        else:
            # (a policy link's id is checked as an id: a reusable policy is named with {name: ...})
            ref.holder[ref.key] = PLACEHOLDER_ID
    return body


class Resolver(object):
    """Name <-> id maps of the referenced kinds; each kind listed at most once (shared by a run).

    client: anything with paginate(path, params=None, per_page=...); account_id (and zone_id for
    zone-scoped Access groups).  verify_ids: list a kind even when only ids of it are used, so that an
    unknown id fails before any write (costs one list request per kind; needs the read permission)."""

    def __init__(self, client, account_id, zone_id=None, verify_ids=False):
        self.client = client
        self.account_id = account_id
        self.zone_id = zone_id
        self.verify_ids = verify_ids
        self._objects = {}

    def path(self, kind):
        info = KINDS[kind]
        if info.get('zone') and self.zone_id:
            return '/zones/%s/%s' % (self.zone_id, info['path'])
        if not self.account_id and self.zone_id:
            # a zone-scoped run: tags, policies, IdPs and service tokens are the zone's account's
            self.account_id = ((self.client.get('/zones/%s' % self.zone_id) or {}).get('account') or {}).get('id')
        return '/accounts/%s/%s' % (self.account_id, info['path'])

    def objects(self, kind):
        """Every object of a kind (listed once)."""
        if kind not in self._objects:
            self._objects[kind] = list(self.client.paginate(self.path(kind), per_page=KINDS[kind]['per_page']) or [])
        return self._objects[kind]

    def listed(self, kind):
        return kind in self._objects

    def forget(self, kind):
        """Drop a kind's cached list (after this run created or renamed objects of it)."""
        self._objects.pop(kind, None)

    def mark(self):
        """Where the cached lists end (a bulk run rehearses its creations on them, then goes back with rewind)."""
        return dict((kind, len(objects)) for kind, objects in self._objects.items())

    def rewind(self, marks):
        """Drop what add() recorded since mark(); lists made since stay (each kind is listed once)."""
        for kind, length in marks.items():
            del self._objects[kind][length:]

    def add(self, kind, obj):
        """Record an object this run created (keeps the cache true without another list)."""
        if kind in self._objects:
            self._objects[kind].append(obj)

    def _needs_list(self, ref):
        if ref.kind == 'tag':
            return False  # tags are addressed by name: listed by missing_tags, only when a write is planned
        return ref.form != 'id' or self.verify_ids

    def prepare(self, refs):
        """List every kind that `refs` need (call it with the references of a whole run first)."""
        for kind in sorted(set(ref.kind for ref in refs if self._needs_list(ref))):
            self.objects(kind)

    # -- name -> id ----------------------------------------------------------------------------

    def _candidates(self, kind, value):
        names = sorted(set(str(o.get('name')) for o in self.objects(kind) if o.get('name') is not None))
        close = difflib.get_close_matches(str(value), names, n=5, cutoff=0.5)
        if close:
            return 'closest: %s' % ', '.join(close)
        if not names:
            return 'there is no %s' % KINDS[kind]['title']
        return 'known: %s%s' % (', '.join(names[:10]), ' ...' if len(names) > 10 else '')

    def lookup(self, ref):
        """The id a reference stands for; raises ReferenceResolutionError with the option path."""
        kind = ref.kind
        title = KINDS[kind]['title']
        if kind == 'tag':
            return ref.value
        if ref.form == 'both':
            raise ReferenceResolutionError(['%s: give the %s by id or by name, not both' % (ref.path.rsplit('.', 1)[0], title)])
        if ref.form == 'id' and not self.listed(kind) and not self.verify_ids:
            return ref.value
        objects = self.objects(kind)
        by_name = [o for o in objects if o.get('name') == ref.value]
        if ref.form == 'id':
            by_id = [o for o in objects if str(o.get('id', '')).lower() == ref.value.lower()]
            if by_id and by_name and by_name[0] is not by_id[0]:
                raise ReferenceResolutionError([
                    '%s: %r is the id of %s %r and the name of %s %s; rename one of them or use the other '
                    'object\'s id' % (ref.path, ref.value, title, by_id[0].get('name'), title,
                                      ', '.join(o['id'] for o in by_name))])
            if by_id:
                return by_id[0]['id']
        if len(by_name) == 1:
            return by_name[0]['id']
        if len(by_name) > 1:
            raise ReferenceResolutionError(['%s: %d %ss are named %r (ids %s); give the id instead'
                                            % (ref.path, len(by_name), title, ref.value, ', '.join(o['id'] for o in by_name))])
        what = 'id or name' if ref.form == 'id' else 'name'
        raise ReferenceResolutionError(['%s: no %s with the %s %r; %s' % (ref.path, title, what, ref.value,
                                                                          self._candidates(kind, ref.value))])

    def missing_tags(self, refs):
        """Tag names used by `refs` that do not exist (in order of first use)."""
        existing = set(t.get('name') for t in self.objects('tag')) if any(r.kind == 'tag' for r in refs) else set()
        missing = []
        for ref in refs:
            if ref.kind == 'tag' and ref.value not in existing and ref.value not in missing:
                missing.append(ref.value)
        return missing

    def _resolve(self, body, walker):
        refs = walker(body)
        self.prepare(refs)
        problems, found = [], []
        for ref in refs:
            try:
                found.append(self.lookup(ref))
            except ReferenceResolutionError as exc:
                problems.extend(exc.problems)
        if problems:
            raise ReferenceResolutionError(problems)
        if all(ref.form != 'name_key' and value == ref.value for ref, value in zip(refs, found)):
            return body  # ids (and tag names) as given: nothing to replace, no copy
        body = copy.deepcopy(body)
        for ref, value in zip(walker(body), found):  # the same references, in the same order, in the copy
            if ref.form == 'name_key':
                id_key = _id_key(ref)
                del ref.holder['name']
                ref.holder[id_key] = value
            else:
                ref.holder[ref.key] = value
        return body

    def resolve(self, body, walker):
        """`body` with every name that `walker` finds replaced by its id: a copy when a name was replaced, else `body`."""
        return self._resolve(body, walker)

    def resolve_app(self, body):
        """A copy of an API-shaped application body with every name replaced by its id."""
        return self._resolve(body, app_references)

    def resolve_policy(self, body):
        return self._resolve(body, policy_references)

    def resolve_group(self, body):
        return self._resolve(body, group_references)

    # -- id -> name (export) ---------------------------------------------------------------------

    def unique_name(self, kind, object_id):
        """The name of the object with this id when no other object of its kind has that name (and the
        name cannot be read back as an id); else None."""
        if kind == 'tag':
            return object_id
        objects = self.objects(kind)
        match = [o for o in objects if o.get('id') == object_id]
        if not match or not match[0].get('name'):
            return None
        name = match[0]['name']
        if is_uuid(name) or sum(1 for o in objects if o.get('name') == name) != 1:
            return None
        return name

    def _name(self, body, walker):
        body = copy.deepcopy(body)
        for ref in walker(body):
            if ref.form != 'id' or ref.kind == 'tag':
                continue
            name = self.unique_name(ref.kind, ref.value)
            if name is None:
                continue
            if ref.kind in NAME_KEY_KINDS or (ref.kind == 'policy' and isinstance(ref.holder, dict)):
                del ref.holder[ref.key]
                ref.holder['name'] = name
            else:
                ref.holder[ref.key] = name
        return body

    def name_app(self, body):
        """A copy of an API-shaped application body with ids replaced by unique names (export)."""
        return self._name(body, app_references)

    def name_policy(self, body):
        return self._name(body, policy_references)

    def name_group(self, body):
        return self._name(body, group_references)


_ID_KEYS = {}


def _id_key(ref):
    """The id field that a `name` key stands in for (group.id, service_token.token_id, policies[].id)."""
    if ref.kind not in _ID_KEYS:  # read from the schema once per kind (a bulk run asks for every reference)
        if ref.kind == 'policy':
            key = [k for k, s in _schema.policy_options(with_link=True).items() if s.get('reference') == 'policy'][0]
        else:
            rule = [spec for spec in _schema.RULE_KINDS.values()
                    if any(s.get('reference') == ref.kind for s in spec['options'].values())][0]
            key = [k for k, s in rule['options'].items() if s.get('reference') == ref.kind][0]
        _ID_KEYS[ref.kind] = key
    return _ID_KEYS[ref.kind]
