"""Word output of the duty ledger: the year's list and its progress as a GB/T 9704-2012 document."""

from qinglian.duty.word.summary import cn_date, duty_summary_docx, signer_of

__all__ = ["cn_date", "duty_summary_docx", "signer_of"]
