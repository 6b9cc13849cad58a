"""Shared web plumbing every module may use (uploads, downloads, throttles, spreadsheets, security headers).

Modules meet here instead of borrowing each other's private helpers; nothing in the kit knows about a module."""
