"""Module 3: issue and crisis response (SCCT/CERC logic, working days, triage, plans)."""
