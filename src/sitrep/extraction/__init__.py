"""Extraction stages: sentences, cues, quantities, claims."""
