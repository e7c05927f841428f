"""nbgrader settings for everyone on the room's hub (trainees and trainers): one course, one exchange.

JUPYTER_CONFIG_PATH points here (set by jupyterhub_config.py). Fetched assignments go to
~/kerja/tugas, inside the folder JupyterLab opens on. A submission carries the trainee's hub name
(nbgrader would otherwise take the Unix name, ``jupyter-<name>`` under systemd's dynamic users);
the trainer's settings (../pelatih) put it back to every student.
"""

import os

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

c.Exchange.root = os.environ.get("HUMASKIT_EXCHANGE", "/srv/nbgrader/exchange")
c.CourseDirectory.course_id = os.environ.get("HUMASKIT_KURSUS_ID", "humaskit")
c.Exchange.assignment_dir = os.path.join(os.path.expanduser("~"), "kerja", "tugas")
if os.environ.get("JUPYTERHUB_USER"):
    c.CourseDirectory.student_id = os.environ["JUPYTERHUB_USER"]
