//! End-to-end tests of the scs binary.
