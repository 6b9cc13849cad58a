"""Opinion services. Other modules call only `signal_record` (and `case_settled` when a linked case closes,
`protection_request` when a denunciator's identity becomes protected)."""

from gandan.opinion.services.recording import case_settled, protection_request, signal_record

__all__ = ["case_settled", "protection_request", "signal_record"]
