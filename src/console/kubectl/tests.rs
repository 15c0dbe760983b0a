//! Tests of kubectl through the console: see tests/console_*.rs.
