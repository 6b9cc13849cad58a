"""Staff pages of the grassroots democracy module, mounted at /staff/democracy/: disclosures, consultations,
households and votes, covenants, supervision. Each concern declares its own addresses in its views module."""

from gandan.democracy.views import (
    consultations,
    covenants,
    disclosures,
    households,
    supervision,
    vote_results,
    votes,
)

app_name = "democracy"

urlpatterns = [
    *disclosures.urlpatterns,
    *consultations.urlpatterns,
    *covenants.urlpatterns,
    *households.urlpatterns,
    *votes.urlpatterns,
    *vote_results.urlpatterns,
    *supervision.urlpatterns,
]
