"""ORG-001 gained the parameter `term_years` (issue #12: a term end derived from the start). Shipped sets are only
loaded when missing, so sets already in a database — the shipped one and any an organ added — get the figure
of 《中国共产党支部工作条例（试行）》第二十一条 (机关党支部委员会每届任期一般为3年); without it the rule would stop
with "缺少参数"."""

from django.db import migrations


def add_term_years(apps, schema_editor):
    RuleParameterSet = apps.get_model("compliance", "RuleParameterSet")
    for row in RuleParameterSet.objects.filter(rule_code="ORG-001"):
        if "term_years" not in row.values:
            row.values = {**row.values, "term_years": 3}
            row.save(update_fields=["values"])


class Migration(migrations.Migration):
    dependencies = [("compliance", "0002_replay_checkpoint")]

    operations = [migrations.RunPython(add_term_years, migrations.RunPython.noop)]
