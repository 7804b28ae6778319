"""The Party group's yearly report to the superior Party organisation on its main responsibility (DUTY-009):
one per organ and year reported on, with its history."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('duty', '0004_rename_supervisionnotice_oversightnotice'),
        ('org', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalSuperiorReport',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='修改时间')),
                ('deleted_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='删除时间')),
                ('year', models.PositiveSmallIntegerField(help_text='所报告的年度，如2025年度的报告于2026年初报送', verbose_name='报告年度')),
                ('reported_on', models.DateField(verbose_name='报送日期')),
                ('recipient', models.CharField(help_text='上级党组织，如：中共××市委', max_length=60, verbose_name='报送对象')),
                ('title', models.CharField(max_length=120, verbose_name='报告标题')),
                ('document_no', models.CharField(blank=True, max_length=60, verbose_name='文号')),
                ('summary', models.TextField(blank=True, verbose_name='主要内容')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('deleted_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='删除人')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organ', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.organ', verbose_name='所属机关')),
            ],
            options={
                'verbose_name': 'historical 主体责任年度报告',
                'verbose_name_plural': 'historical 主体责任年度报告',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='SuperiorReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='修改时间')),
                ('deleted_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='删除时间')),
                ('year', models.PositiveSmallIntegerField(help_text='所报告的年度，如2025年度的报告于2026年初报送', verbose_name='报告年度')),
                ('reported_on', models.DateField(verbose_name='报送日期')),
                ('recipient', models.CharField(help_text='上级党组织，如：中共××市委', max_length=60, verbose_name='报送对象')),
                ('title', models.CharField(max_length=120, verbose_name='报告标题')),
                ('document_no', models.CharField(blank=True, max_length=60, verbose_name='文号')),
                ('summary', models.TextField(blank=True, verbose_name='主要内容')),
                ('deleted_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='删除人')),
                ('organ', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='org.organ', verbose_name='所属机关')),
            ],
            options={
                'verbose_name': '主体责任年度报告',
                'verbose_name_plural': '主体责任年度报告',
                'ordering': ['-year', '-id'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('deleted_at__isnull', True)), fields=('organ', 'year'), name='duty_superior_report_once')],
            },
        ),
    ]
