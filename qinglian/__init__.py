"""Qinglian (清廉): the duty system of a People's Congress Standing Committee organ."""
