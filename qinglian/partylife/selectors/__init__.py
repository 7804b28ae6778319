"""Reads of the party-life ledgers: counts per branch and period for the rules, and what the pages show.

Every user-facing read starts from `visible_to(user)`; the counts for rules read the organ's whole ledger.

counts.py: the counts the rules read as of a day (meetings per branch and kind, lectures, the leading group's
meetings, votes and quorum, the democratic-life steps, training hours, talks, attendance); meetings.py: the meeting
ledger, the branches one records for and the Party group's agenda; plans.py: annual plans; dlm.py: the
democratic-life meeting's steps and its report's due date; study.py: study, training hours and a person's
participation; talks.py: heart-to-heart talks and the coverage grid; common.py: one's own branch, the organ's
branches, a rule's figure for display; dues.py: the 党费台账; contact.py: the 失去联系党员 register.
"""
