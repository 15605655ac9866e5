//! Peak memory of this process, as the kernel counts it.

/// Peak resident set size in megabytes (Linux `VmHWM`), or `None` where the
/// kernel does not report it.
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some((kb / 1024.0 * 10.0).round() / 10.0)
}

/// Starts the peak count afresh (Linux: writing 5 to `clear_refs` resets
/// `VmHWM` to the current resident size), so that one measurement's peak
/// is not an earlier one's. Does nothing where the kernel does not allow it.
pub fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}
