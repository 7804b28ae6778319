"""Command line: proofread FILE.docx|FILE.txt [--json] [--min-severity 错误|建议] …

Exit status: 1 when an issue of severity 错误 is reported, 0 otherwise, 2 on bad input.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
from pathlib import Path

from .dataload import data_versions
from .errors import ProofreadError
from .model import Issue, Options, Severity


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits with 2 too; keep the message Chinese
        self.print_usage(sys.stderr)
        print(f"参数错误：{message}", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="proofread", description="清廉公文校对：政治、事实、格式、文字、标点、数字六关检查（离线）")
    p.add_argument("file", help=".docx 或 .txt 文件（按内容识别类型）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument(
        "--min-severity",
        choices=[s.value for s in Severity],
        default=Severity.SUGGESTION.value,
        help="只报告不低于此严重程度的问题（默认：建议）",
    )
    p.add_argument("--no-typo-layer", action="store_true", help="关闭统计别字层（TYPO-003）")
    p.add_argument("--comments", metavar="OUT.docx", help="另存一份带批注的 .docx（.txt 输入按每行一段生成）")
    p.add_argument(
        "--fixed",
        metavar="OUT.docx",
        help="另存一份套用了“错误”级修改的 .docx（建议级不套用；.txt 输入按每行一段生成）",
    )
    p.add_argument(
        "--tracked", action="store_true", help="--fixed 以修订（插入/删除标记）写入，便于在 Word/WPS 中逐条接受或拒绝"
    )
    p.add_argument("--date", metavar="YYYY-MM-DD", help="公文的成文日期（缺省取正文落款日期，再缺省取今天）")
    p.add_argument(
        "--profile",
        metavar="PROFILE.json",
        help='本单位配置：{"extra_terms":{错:对}, "banned_words":{词:替换}, "whitelist":[…]}',
    )
    return p


def _options(args: argparse.Namespace) -> Options:
    profile: dict = {}
    if args.profile:
        try:
            profile = json.loads(Path(args.profile).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ProofreadError(f"无法读取本单位配置文件：{args.profile}（{exc}）") from exc
    try:
        when = _dt.date.fromisoformat(args.date) if args.date else None
    except ValueError as exc:
        raise ProofreadError(f"成文日期应写成 YYYY-MM-DD：{args.date}") from exc
    return Options(
        document_date=when,
        extra_terms=profile.get("extra_terms", {}),
        banned_words=profile.get("banned_words", {}),
        whitelist=profile.get("whitelist", []),
        min_severity=args.min_severity,
        typo_layer=not args.no_typo_layer,
    )


def _human(path: str, paragraphs: tuple[str, ...], issues: list[Issue]) -> str:
    lines = [f"文件：{path}"]
    if not issues:
        lines.append("未发现问题。")
        return "\n".join(lines)
    for n, i in enumerate(issues, start=1):
        where = (
            "全文"
            if i.paragraph is None and i.start == i.end == 0
            else (f"第{i.paragraph + 1}段" if i.paragraph is not None else f"位置{i.start}")
        )
        fix = ""
        if i.suggestion is not None:
            fix = "，建议删除" if i.suggestion == "" else f"，建议改为“{i.suggestion}”"
        quoted = f"“{i.text}”" if i.text else ""
        lines.append(
            f"{n}. [{i.severity.value}][{i.category.value}] {where} {quoted}：{i.message}{fix}（{i.basis}；{i.rule}）"
        )
    errors = sum(1 for i in issues if i.severity is Severity.ERROR)
    lines.append(f"共 {len(issues)} 处：错误 {errors} 处，建议 {len(issues) - errors} 处。")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from .docx_check import check_file

    try:
        options = _options(args)
        report = check_file(args.file, options=options)
        issues = list(report.issues)
        if args.comments or args.fixed:
            from .docx_comments import annotate_docx
            from .inputs import sniff
            from .text_docx import text_to_docx

            # A .txt gets a .docx of its own lines: report.text is exactly what was checked, so offsets match.
            raw = Path(args.file).read_bytes()
            source = raw if sniff(raw) == "docx" else text_to_docx(report.text)
            if args.comments:
                Path(args.comments).write_bytes(annotate_docx(source, issues, options=options))
            if args.fixed:
                # Without a reviewer to accept them, only the errors' fixes are applied — never a suggestion.
                errors = [i for i in issues if i.severity is Severity.ERROR]
                fixed = annotate_docx(source, errors, options=options, apply_fixes=True, tracked=args.tracked)
                Path(args.fixed).write_bytes(fixed)
    except ProofreadError as exc:
        print(f"无法校对：{exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"无法读写文件：{exc}", file=sys.stderr)
        return 2
    if args.json:
        payload = {"file": args.file, "data_versions": data_versions(), "issues": [i.to_dict() for i in issues]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print(_human(args.file, report.paragraphs, issues))
    return 1 if any(i.severity is Severity.ERROR for i in issues) else 0


if __name__ == "__main__":
    sys.exit(main())
