//! Unit tests of the container commands on a driven engine.
