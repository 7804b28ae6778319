"""The training ledger adds no source of 我的待办: what is wrong with a course is a finding of FRG-030…034 (the
compliance to-do lists it for the spending unit's head), and entering courses is the finance office's routine."""
