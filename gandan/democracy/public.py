"""Public pages of the grassroots democracy module (no login). Each concern declares its own addresses in its
public_* module."""

from gandan.democracy import public_consultations, public_covenants, public_disclosures, public_votes

app_name = "democracy_public"

urlpatterns: list = [
    *public_disclosures.urlpatterns,
    *public_consultations.urlpatterns,
    *public_covenants.urlpatterns,
    *public_votes.urlpatterns,
]
