from django.utils.module_loading import import_string

from qinglian.core import appconfig


class EvidenceConfig(appconfig.QinglianAppConfig):
    name = "qinglian.evidence"
    verbose_name = "佐证材料"
    url_prefix = "evidence/"

    def ready(self) -> None:
        """Every app's `evidence` declaration (model → access function) becomes a registration."""
        super().ready()
        from qinglian.evidence.registry import register  # models are ready only now

        for config in appconfig.qinglian_configs():
            for model_name, declared in config.evidence.items():
                # "access_x", or ("access_x", kinds) for a record that takes only some file kinds.
                access, kinds = (declared, None) if isinstance(declared, str) else declared
                register(config.get_model(model_name), import_string(f"{config.name}.permissions.{access}"), kinds)
