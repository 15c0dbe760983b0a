//! Sizes "for humans" (`ls -lh`, `du -h`, `df -h`), as each toolset prints
//! them: GNU coreutils through gnulib's `human_readable` (powers of 1024,
//! rounded up, one decimal below 10: `4.0K`, `12K`, `59G`), busybox through
//! libbb's `make_human_readable_str` (one decimal always, the last
//! division's remainder rounded to nearest: `4.0K`, `12.0K`, `58.4G`).
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

const UNITS: [char; 6] = ['K', 'M', 'G', 'T', 'P', 'E'];

/// `bytes` as the toolset of the image prints it.
pub(crate) fn size(bytes: u64, busybox: bool) -> String {
    if busybox {
        busybox_size(bytes)
    } else {
        gnu_size(bytes)
    }
}

/// gnulib's `human_readable` with `human_autoscale | human_base_1024 |
/// human_SI` and its default rounding (up).
fn gnu_size(bytes: u64) -> String {
    if bytes < 1024 {
        return bytes.to_string();
    }
    let bytes = u128::from(bytes);
    let mut u = 0;
    let mut scale: u128 = 1024;
    while bytes / scale >= 1024 && u + 1 < UNITS.len() {
        scale *= 1024;
        u += 1;
    }
    let tenths = (bytes * 10).div_ceil(scale);
    if tenths < 100 {
        return format!("{}.{}{}", tenths / 10, tenths % 10, UNITS[u]);
    }
    let whole = bytes.div_ceil(scale);
    // Rounding up past 1023 carries into the next unit, shown below 10.
    if whole >= 1024 && u + 1 < UNITS.len() {
        return format!("1.0{}", UNITS[u + 1]);
    }
    format!("{whole}{}", UNITS[u])
}

/// libbb's `make_human_readable_str(bytes, 1, 0)`.
fn busybox_size(bytes: u64) -> String {
    let mut val = bytes;
    let mut frac = 0;
    let mut unit = None;
    while val >= 1024 {
        frac = ((val % 1024) * 10 + 512) / 1024;
        val /= 1024;
        unit = Some(unit.map_or(0, |u: usize| (u + 1).min(UNITS.len() - 1)));
    }
    if frac >= 10 {
        val += 1;
        frac = 0;
    }
    match unit {
        None => val.to_string(),
        Some(u) => format!("{val}.{frac}{}", UNITS[u]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_toolset_rounds_and_scales_its_own_way() {
        const KIB: u64 = 1024;
        for (bytes, gnu, busybox) in [
            (0, "0", "0"),
            (6, "6", "6"),
            (4096, "4.0K", "4.0K"),
            (4097, "4.1K", "4.0K"),
            (1536, "1.5K", "1.5K"),
            (12288, "12K", "12.0K"),
            (1024 * KIB, "1.0M", "1.0M"),
            (10 * 1024 * KIB + 1, "11M", "10.0M"),
            // Rounding up to ten loses the decimal; to 1024, the unit.
            (9 * 1024 * KIB + 1000 * KIB, "10M", "10.0M"),
            (1024 * KIB - 1, "1.0M", "1024.0K"),
            // The node disk of `df -h`, its used part, a 64 MiB tmpfs.
            (61_202_244 * KIB, "59G", "58.4G"),
            (14_319_934 * KIB, "14G", "13.7G"),
            (65_536 * KIB, "64M", "64.0M"),
            (9_961_472 * KIB, "9.5G", "9.5G"),
        ] {
            assert_eq!(gnu_size(bytes), gnu, "GNU {bytes}");
            assert_eq!(busybox_size(bytes), busybox, "busybox {bytes}");
        }
    }
}
