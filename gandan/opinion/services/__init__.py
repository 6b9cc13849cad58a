"""Opinion services. Other modules call only `signal_record` (and `case_settled` when a linked case closes)."""

from gandan.opinion.services.recording import case_settled, signal_record

__all__ = ["case_settled", "signal_record"]
