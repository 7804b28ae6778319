from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from qinglian.compliance import bench
from qinglian.compliance.registry import RULES


class Command(BaseCommand):
    help = "基准测试：全部规则在演示机关及放大5、10、20倍的生成机关上的运行时间"

    def handle(self, *args, **options) -> None:
        settings.DEBUG = True  # count queries
        results = bench.run()
        self.stdout.write(f"规则 {len(RULES)} 条：{', '.join(sorted(RULES))}")
        self.stdout.write("| 机关 | 人员 | 检查对象 | 首次运行 s | 复跑 s | 预警 | 峰值内存 MiB | 查询数 |")
        self.stdout.write("|---|---|---|---|---|---|---|---|")
        for t in results:
            self.stdout.write(
                f"| {t.label} | {t.people} | {t.subjects} | {t.first_s:.3f} | {t.rerun_s:.3f} | {t.findings} "
                f"| {t.peak_mib:.1f} | {t.queries} |"
            )
