//! Defaulting (R1): what the API server fills in on create and update.
