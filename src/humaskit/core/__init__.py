"""Mechanisms every other layer uses; nothing here knows about posts, agencies or modules."""
