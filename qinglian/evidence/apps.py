from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "qinglian.evidence"
    verbose_name = "佐证材料"
    # Each ledger app registers the models that carry evidence in its own ready()
    # (see qinglian/evidence/registry.py).
