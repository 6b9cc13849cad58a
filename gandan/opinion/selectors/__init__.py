"""Reads of opinion data shaped for pages, exports and the command line."""
