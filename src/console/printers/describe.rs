//! stub
pub fn describe() {}
pub fn describe_many() {}
