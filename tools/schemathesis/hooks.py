"""schemathesis hooks of ./stack schemathesis.

Random ids on DELETE would remove the reference data (seed users and products) that the README's examples,
the tests and the Postman collection use. SCHEMATHESIS_PROTECT names, per collection, the largest id that
existed before the run ("users=12,products=40,orders=7", set by tools/stack/schemathesis.sh): a DELETE of
such an id is sent to that id plus NO_SUCH_ID instead, an id that does not exist (a documented 404).

A valid Idempotency-Key (docs/adr/0011) is made unique to its call: a retry with a key answers with the first
resource, which the run (or the clean-up of an earlier run with the same seed) may have deleted since, and the
checks that follow a creation (GET after POST) would then see a 404 they cannot explain. The key keeps its form
(token or quoted string) and stays valid; malformed keys are sent as generated (a documented 400). Replays are
tested by IdempotencyIT and PaymentApiIT. SCHEMATHESIS_RUN marks this run's keys for the clean-up.
"""
import itertools
import os
import re

import schemathesis

PROTECT = {
    name: int(value)
    for name, value in (
        pair.split("=") for pair in os.environ.get("SCHEMATHESIS_PROTECT", "").split(",") if pair
    )
}


# IdempotencyKey.PATTERN and MAX_LENGTH (store-common), as the OpenAPI documents state them.
IDEMPOTENCY_KEY = re.compile(
    r'^(?:[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]+|"(?:[\x20\x21\x23-\x5B\x5D-\x7E]|\\[\x22\x5C])+")$'
)
IDEMPOTENCY_KEY_MAX = 255
# Far above any id a run creates: a protected id is sent there, a documented 404. (value + threshold, as
# before, could hit a resource the run had just created and delete it under a stateful scenario: ST302.)
NO_SUCH_ID = 10**15
RUN = os.environ.get("SCHEMATHESIS_RUN", str(os.getpid()))
CALLS = itertools.count(1)


@schemathesis.hook
def before_call(context, case, kwargs):
    protect_reference_data(case)
    make_idempotency_key_unique(case)


def protect_reference_data(case):
    if case.method.upper() != "DELETE" or not case.path_parameters:
        return
    threshold = PROTECT.get(case.path.strip("/").split("/")[0], 0)
    for name, value in list(case.path_parameters.items()):
        if isinstance(value, int) and 0 <= value <= threshold:
            case.path_parameters[name] = value + NO_SUCH_ID


def make_idempotency_key_unique(case):
    for name, value in list((case.headers or {}).items()):
        if name.lower() != "idempotency-key" or not isinstance(value, str):
            continue
        if not IDEMPOTENCY_KEY.fullmatch(value):
            continue
        suffix = "-st%s-%d" % (RUN, next(CALLS))
        if not value.startswith('"'):
            case.headers[name] = value[: IDEMPOTENCY_KEY_MAX - len(suffix)] + suffix
        elif len(value) + len(suffix) <= IDEMPOTENCY_KEY_MAX:  # a long quoted one is left as it is
            case.headers[name] = value[:-1] + suffix + '"'
