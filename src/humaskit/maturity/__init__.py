"""Module 2: an agency's maturity from its own posts and replies plus a self-assessment."""
