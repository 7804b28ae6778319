"""公文审校: the page, API and history around the offline proofreading engine (qinglian.proofread)."""
