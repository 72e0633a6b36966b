"""Sign-in hardening that needs no Streamlit: throttling, session revocation, start-up
refusals and the organisations behind each role."""
