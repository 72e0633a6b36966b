"""The 2027 roadmap: the targets the constituents agreed, and each meeting's action points.

- `indicators`: which rates and shares a target may follow, and their yearly values,
  taken from the indicator functions under the viewer's scope (so a target shows no
  figure the viewer may not see, and the Roadmap agrees with every other page);
- `status`: the one rule that says met / on track / off track / no data yet / hidden;
- `targets`, `actions`: storage, permissions and the audit trail of every change;
- `targets_file`: the documented file format targets are loaded from, all or nothing.
"""
