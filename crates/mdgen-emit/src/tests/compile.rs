//! A schema exercising every feature: the code parses, is deterministic, names its deps.
