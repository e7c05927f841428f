"""nbgrader on the national hub, for everyone: several courses in one exchange on a shared volume.

Installed as /etc/jupyter/nbgrader_config.py by the Dockerfile. Each course is a folder of the
exchange (path_includes_course); JupyterHub groups decide who sees which course: trainees in
``nbgrader-<course>``, trainers in ``formgrade-<course>`` (nbgrader's JupyterHubAuthPlugin). A
submission carries the trainee's hub name.
"""

import os

from nbgrader.auth import JupyterHubAuthPlugin

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

c.Exchange.root = os.environ.get("HUMASKIT_EXCHANGE", "/srv/nbgrader/exchange")
c.Exchange.path_includes_course = True
c.Authenticator.plugin_class = JupyterHubAuthPlugin
c.Exchange.assignment_dir = os.path.join(os.path.expanduser("~"), "tugas")
if os.environ.get("JUPYTERHUB_USER"):
    c.CourseDirectory.student_id = os.environ["JUPYTERHUB_USER"]
