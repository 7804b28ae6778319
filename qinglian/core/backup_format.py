"""The backup's serialization format "qjson": Django's JSON with times to the microsecond.

Django's JSON encoder cuts datetimes and times to milliseconds. A restored row must be the row that was backed
up: the audit chain hashes `created_at` to the microsecond, and a shortened time fails verification.
Registered by qinglian.core.backup before dumpdata/loaddata; the file is ordinary JSON in Django's layout.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.serializers.json import Deserializer as JSONDeserializer
from django.core.serializers.json import Serializer as JSONSerializer

NAME = "qjson"


class Serializer(JSONSerializer):
    def _value_from_field(self, obj: Any, field: Any) -> Any:
        value = field.value_from_object(obj)
        if isinstance(value, dt.datetime | dt.time):
            return value.isoformat()  # all six digits; the JSON encoder would keep three
        return super()._value_from_field(obj, field)


Deserializer = JSONDeserializer
