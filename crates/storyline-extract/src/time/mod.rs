//! Time expressions: detection and TimeML normalisation (being written).
