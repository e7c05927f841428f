"""The course around the modules: nbgrader helpers, practice sessions, course map, corpus figures."""
