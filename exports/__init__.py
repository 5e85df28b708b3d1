"""Exports: one plan document built from a campaign, and a renderer per format (PDF, DOCX, Markdown)."""
