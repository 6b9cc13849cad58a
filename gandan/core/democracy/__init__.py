"""Grassroots democracy (Law 10/2022/QH15, Decrees 59/2023 and 61/2023; DOMAIN.md §6) as plain Python: what the
commune must disclose and for how long (`disclosure`), what the people decide and by what share of all households
(`votes`), the village covenant's life (`covenants`) and the people's supervision boards (`supervision`).

No Django here: "today", the calendar and the rule tables are arguments, so the pages, the API calculators and the
tests compute with the same functions."""
