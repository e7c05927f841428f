"""nbgrader settings for trainers only: the course folder and the gradebook.

The course folder is the trainer's clone of the kit, ~/kursus-humaskit (HUMASKIT_KURSUS to change
it): its own nbgrader_config.py (solutions/ as source, assignments/ as release, feedback in
Indonesian) is loaded first. The gradebook is PostgreSQL when HUMASKIT_GRADEBOOK_URL is set (only
trainers' servers get it), otherwise nbgrader's SQLite file in the course folder.
"""

import os

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

root = os.environ.get("HUMASKIT_KURSUS", os.path.join(os.path.expanduser("~"), "kursus-humaskit"))
kit_config = os.path.join(root, "nbgrader_config.py")
if os.path.isfile(kit_config):
    load_subconfig(kit_config)  # noqa: F821 (provided by the config loader)
c.CourseDirectory.root = root
c.CourseDirectory.course_id = os.environ.get("HUMASKIT_KURSUS_ID", "humaskit")
c.Exchange.root = os.environ.get("HUMASKIT_EXCHANGE", "/srv/nbgrader/exchange")
c.CourseDirectory.student_id = "*"  # a trainer collects and grades every student
if os.environ.get("HUMASKIT_GRADEBOOK_URL"):
    c.CourseDirectory.db_url = os.environ["HUMASKIT_GRADEBOOK_URL"]
