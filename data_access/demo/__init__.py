"""The synthetic demonstration data: invented factories, assessments and findings whose
programme-wide figures follow Better Work Viet Nam's published ones, so that every page
shows believable shapes without a single real factory in the database.

`generator.generate_demo_data` writes it; `checksum.dataset_checksum` proves that the
same seed gives the same data on SQLite and PostgreSQL alike.
"""
