"""nbgrader for a trainer's profile on the national hub: one course folder and its gradebook.

Installed as /etc/jupyter/humaskit-pelatih/nbgrader_config.py; the hub puts that folder first on
JUPYTER_CONFIG_PATH and sets HUMASKIT_KURSUS_ID, HUMASKIT_KURSUS (the course folder, a clone of the
kit) and HUMASKIT_GRADEBOOK_URL (PostgreSQL, one database per course) for the chosen course.
"""

import os

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

course = os.environ.get("HUMASKIT_KURSUS_ID", "humaskit")
root = os.environ.get("HUMASKIT_KURSUS", os.path.join(os.path.expanduser("~"), f"kursus-{course}"))
kit_config = os.path.join(root, "nbgrader_config.py")
if os.path.isfile(kit_config):
    load_subconfig(kit_config)  # noqa: F821 (provided by the config loader)
c.CourseDirectory.root = root
c.CourseDirectory.course_id = course
c.CourseDirectory.student_id = "*"  # a trainer collects and grades every student
if os.environ.get("HUMASKIT_GRADEBOOK_URL"):
    c.CourseDirectory.db_url = os.environ["HUMASKIT_GRADEBOOK_URL"]
