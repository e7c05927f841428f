"""The course around the modules: nbgrader helpers and feedback, practice sessions, course map,
corpus figures, the trainee JupyterLab settings and working folder."""
