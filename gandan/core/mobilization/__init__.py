"""The mass-mobilisation rules (DOMAIN.md §7), plain Python: report periods, the life of a "dân vận khéo" model and
its review criteria, the roles of a tổ dân vận and what a team must have."""
