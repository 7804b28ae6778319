"""The duty app's menu entries and workbench cards (imported from DutyConfig.ready())."""
