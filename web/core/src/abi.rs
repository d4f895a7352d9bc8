//! The C ABI the page's JavaScript calls (`web/js/core.js`): memory in and
//! out of the module, and one `cse_call`. Framing is a little-endian `u32`
//! length, that much JSON, then blobs.

/// Split a framed request into its JSON and the blobs after it. A request
/// too short for its own length prefix is read as empty JSON (an error).
pub fn unframe(bytes: &[u8]) -> (&[u8], &[u8]) {
    let Some((len, rest)) = bytes.split_first_chunk::<4>() else {
        return (&[], &[]);
    };
    let len = (u32::from_le_bytes(*len) as usize).min(rest.len());
    rest.split_at(len)
}

/// `json` and `blobs`, framed.
pub fn frame(json: &[u8], blobs: &[u8]) -> Vec<u8> {
    let len = u32::try_from(json.len()).expect("an answer's JSON is under 4 GB");
    let mut out = Vec::with_capacity(4 + json.len() + blobs.len());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(json);
    out.extend_from_slice(blobs);
    out
}

/// `len` bytes the page may write a request into; give them back with
/// [`cse_free`].
#[unsafe(no_mangle)]
pub extern "C" fn cse_alloc(len: usize) -> *mut u8 {
    let mut buf = std::mem::ManuallyDrop::new(vec![0u8; len].into_boxed_slice());
    buf.as_mut_ptr()
}

/// Free memory from [`cse_alloc`] or an answer from [`cse_call`].
///
/// # Safety
/// `ptr` and `len` must be exactly what one of those returned, freed once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cse_free(ptr: *mut u8, len: usize) {
    // SAFETY: the caller gives back a boxed slice of this length we leaked.
    drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)) });
}

/// Answer the framed request at `ptr` (`len` bytes, which stay the
/// caller's). Returns the answer as a `u32` byte count then that many bytes;
/// free it with `cse_free(answer, count + 4)`.
///
/// # Safety
/// `ptr` must point at `len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cse_call(ptr: *const u8, len: usize) -> *mut u8 {
    // SAFETY: the caller passes memory it wrote `len` bytes into.
    let request = unsafe { std::slice::from_raw_parts(ptr, len) };
    let answer = super::call(request);
    let count = u32::try_from(answer.len()).expect("an answer is under 4 GB");
    let mut out = Vec::with_capacity(4 + answer.len());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&answer);
    let mut out = std::mem::ManuallyDrop::new(out.into_boxed_slice());
    out.as_mut_ptr()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_short_input_is_empty() {
        let framed = frame(b"{}", b"PDF");
        assert_eq!(unframe(&framed), (&b"{}"[..], &b"PDF"[..]));
        assert_eq!(unframe(b"\x01"), (&b""[..], &b""[..]));
        // A length past the end is cut to what is there.
        assert_eq!(unframe(b"\xff\0\0\0{}"), (&b"{}"[..], &b""[..]));
    }
}
