"""The car register has no 我的待办: a car over the caps is a finding (FRG-040) for its unit, not a task with a date."""
