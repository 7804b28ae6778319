"""NPC-008's shipped parameter set cited 监督法 Art.27 for the 20/10-day deadlines of a special work report; in the
2024 text they are Art.15 (Art.27 is the audit reports, NPC-014). Shipped sets load only when missing, so the
row already in a database is corrected here; a set an organ wrote itself is left as it was."""

from django.db import migrations

OLD = "《各级人民代表大会常务委员会监督法》第二十七条（2024年修正；2006年文本为第二十一条）"
NEW = "《各级人民代表大会常务委员会监督法》第十五条（2024年修正）"


def cite_article_15(apps, schema_editor):
    RuleParameterSet = apps.get_model("compliance", "RuleParameterSet")
    RuleParameterSet.objects.filter(rule_code="NPC-008", source=OLD).update(source=NEW)


class Migration(migrations.Migration):
    dependencies = [("npc", "0003_activity_constituency_group"), ("compliance", "0003_org001_term_years")]

    operations = [migrations.RunPython(cite_article_15, migrations.RunPython.noop)]
