"""schemathesis hooks of ./stack schemathesis.

Random ids on DELETE would remove the reference data (seed users and products) that the README's examples,
the tests and the Postman collection use. SCHEMATHESIS_PROTECT names, per collection, the largest id that
existed before the run ("users=12,products=40,orders=7", set by tools/stack/schemathesis.sh): a DELETE of
such an id is sent to that id plus the threshold instead, an id the run created itself or one that does not
exist (a documented 404).
"""
import os

import schemathesis

PROTECT = {
    name: int(value)
    for name, value in (
        pair.split("=") for pair in os.environ.get("SCHEMATHESIS_PROTECT", "").split(",") if pair
    )
}


@schemathesis.hook
def before_call(context, case, kwargs):
    if case.method.upper() != "DELETE" or not case.path_parameters:
        return
    threshold = PROTECT.get(case.path.strip("/").split("/")[0], 0)
    for name, value in list(case.path_parameters.items()):
        if isinstance(value, int) and 0 <= value <= threshold:
            case.path_parameters[name] = value + threshold
