-- PostgreSQL for the national hub: the hub's own state, one gradebook per course, the workshop
-- store. Run once as the server's administrator (psql -f postgres-init.sql), after replacing the
-- passwords. Add one gradebook_<course> database per new course (same owner).
CREATE ROLE jupyterhub LOGIN PASSWORD 'GANTI-sandi-hub';
CREATE ROLE grader LOGIN PASSWORD 'GANTI-sandi-penilai';
CREATE ROLE lokakarya LOGIN PASSWORD 'GANTI-sandi-lokakarya';
CREATE DATABASE jupyterhub OWNER jupyterhub;
CREATE DATABASE gradebook_humaskit OWNER grader;
CREATE DATABASE lokakarya OWNER lokakarya;
