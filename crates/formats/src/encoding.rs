//! Which encoding a text file is in, and its text.
//!
//! The order of evidence, strongest first:
//! 1. a byte-order mark (UTF-8, UTF-16LE/BE, GB18030's `84 31 95 33`);
//! 2. BOM-less UTF-16: zero bytes at one parity and a clean decode;
//! 3. strict UTF-8 (without NULs or many control characters);
//! 4. BOM-less UTF-16 with few zero bytes, when it decodes to CJK text;
//! 5. refusal of binary files (NUL bytes, many control bytes);
//! 6. a declared charset (only markup passes one, see [`crate::html`]);
//! 7. `chardetng`'s guess: GBK/GB2312 are decoded as GB18030 (their superset, so 镕 and other
//!    GBK-only characters come out right), Big5 as Big5; any other guess competes with
//!    GB18030 and UTF-8 with a few errors, and the fewest decoding errors win.
//!
//! A few invalid sequences are replaced with U+FFFD and counted in [`Decoded::replaced`]; more
//! than 1 % of the characters (any at all in a very short file) means the guess is wrong or the
//! file is not text, and it is refused.

use encoding_rs::{BIG5, DecoderResult, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

use crate::FormatError;

/// Text decoded from the bytes of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark. Line endings are as in the file.
    pub text: String,
    /// The encoding used: "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030", "Big5", or another
    /// WHATWG name when `chardetng` was sure of it (e.g. "Shift_JIS").
    pub encoding: &'static str,
    /// How many invalid byte sequences were replaced with U+FFFD.
    pub replaced: usize,
}

/// Decodes the bytes of a text file, detecting the encoding.
///
/// Errors: [`FormatError::Empty`] (no text), [`FormatError::Binary`],
/// [`FormatError::NotText`] (too many invalid sequences under every candidate).
pub fn decode(bytes: &[u8]) -> Result<Decoded, FormatError> {
    decode_with_hint(bytes, None)
}

/// [`decode`], but a charset declared by the file itself (`<meta charset>`, `<?xml encoding?>`)
/// is tried before guessing. The hint never overrides a BOM or valid UTF-8.
pub(crate) fn decode_with_hint(
    bytes: &[u8],
    hint: Option<&'static Encoding>,
) -> Result<Decoded, FormatError> {
    let decoded = detect(bytes, hint)?;
    if decoded.text.trim().is_empty() {
        return Err(FormatError::Empty);
    }
    Ok(decoded)
}

/// Share of invalid sequences above which a decoding is refused.
fn too_many_errors(errors: usize, chars: usize) -> bool {
    // Very short files: one bad byte is already a large share, and a wrong guess is likely.
    errors > 0 && (chars < 50 || errors * 100 > chars)
}

/// The name we report for an encoding (encoding_rs spells some in lower case).
fn display_name(enc: &'static Encoding) -> &'static str {
    if enc == GB18030 || enc == GBK {
        "GB18030"
    } else {
        enc.name()
    }
}

fn detect(bytes: &[u8], hint: Option<&'static Encoding>) -> Result<Decoded, FormatError> {
    if bytes.is_empty() {
        return Err(FormatError::Empty);
    }
    // 1. Byte-order marks.
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(enc, &bytes[bom_len..]);
    }
    if let Some(rest) = bytes.strip_prefix(&[0x84, 0x31, 0x95, 0x33]) {
        return finish(GB18030, rest);
    }
    // 2. UTF-16 without BOM, recognised by its zero bytes.
    if let Some(enc) = utf16_by_zero_bytes(bytes) {
        let (text, errors) = decode_counting(enc, bytes);
        if !too_many_errors(errors, text.chars().count()) && control_share_ok(&text) {
            return Ok(Decoded {
                text,
                encoding: enc.name(),
                replaced: errors,
            });
        }
    }
    // 3. Strict UTF-8 (binary files can be valid UTF-8 too: they have NULs or controls).
    if let Ok(text) = std::str::from_utf8(bytes)
        && control_share_ok(text)
    {
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: "UTF-8",
            replaced: 0,
        });
    }
    // 4. UTF-16 without BOM and with few zero bytes: CJK text.
    if let Some(decoded) = utf16_cjk(bytes) {
        return Ok(decoded);
    }
    // 5. Binary files.
    refuse_binary(bytes)?;
    // 6.–7. Legacy encodings.
    legacy(bytes, hint)
}

/// Decodes `bytes` (BOM already removed) with `enc`, refusing too many errors.
fn finish(enc: &'static Encoding, bytes: &[u8]) -> Result<Decoded, FormatError> {
    let (text, errors) = decode_counting(enc, bytes);
    let chars = text.chars().count();
    if too_many_errors(errors, chars) {
        return Err(FormatError::NotText {
            invalid: errors,
            total: chars,
        });
    }
    Ok(Decoded {
        text,
        encoding: display_name(enc),
        replaced: errors,
    })
}

/// Decodes without BOM sniffing, replacing each malformed sequence with U+FFFD and counting them.
///
/// Works through a fixed buffer: linear time however many errors there are.
pub(crate) fn decode_counting(enc: &'static Encoding, bytes: &[u8]) -> (String, usize) {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len().saturating_add(bytes.len() / 2));
    let mut buffer = [0u8; 16 * 1024];
    let mut errors = 0;
    let mut input = bytes;
    loop {
        let (result, read, written) =
            decoder.decode_to_utf8_without_replacement(input, &mut buffer, true);
        input = &input[read..];
        // The decoder writes whole characters only.
        out.push_str(std::str::from_utf8(&buffer[..written]).unwrap_or_default());
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::Malformed(_, _) => {
                errors += 1;
                out.push('\u{FFFD}');
            }
            DecoderResult::OutputFull => {}
        }
    }
    (out, errors)
}

/// How many bytes of the start of a file the statistics look at.
const SAMPLE: usize = 64 * 1024;

/// How many bytes chardetng sees.
const CHARDET_SAMPLE: usize = 256 * 1024;

fn utf16_by_zero_bytes(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let units = sample.len() / 2;
    if units < 1 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // ASCII-range characters in UTF-16LE have a zero high (odd) byte; at least a fifth of the
    // units must look like that, and the other parity must be almost free of zeros.
    if odd * 5 >= units && even * 10 <= odd {
        Some(UTF_16LE)
    } else if even * 5 >= units && odd * 10 <= even {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// True when the text has no NUL and few C0 control characters other than \t \n \r \f.
fn control_share_ok(text: &str) -> bool {
    let mut total = 0usize;
    let mut controls = 0usize;
    for c in text.chars().take(SAMPLE) {
        total += 1;
        if c == '\0' {
            return false;
        }
        if is_bad_control(c as u32) {
            controls += 1;
        }
    }
    controls * 50 <= total
}

fn is_bad_control(c: u32) -> bool {
    c < 0x20 && !matches!(c, 0x09 | 0x0A | 0x0C | 0x0D | 0x1A | 0x1B)
}

fn refuse_binary(bytes: &[u8]) -> Result<(), FormatError> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(FormatError::Binary {
            detail: format!("NUL bytes at offset {offset}"),
        });
    }
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let controls = sample
        .iter()
        .filter(|&&b| is_bad_control(u32::from(b)))
        .count();
    // More than 2 % control bytes: no text editor writes that.
    if controls > 0 && controls * 50 > sample.len() {
        return Err(FormatError::Binary {
            detail: format!(
                "{controls} control bytes in the first {} bytes",
                sample.len()
            ),
        });
    }
    Ok(())
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// UTF-16 text with no ASCII at all has no zero bytes; accept it only when it decodes cleanly
/// to mostly Chinese characters and CJK punctuation (other bytes decoded as UTF-16 land all
/// over the code space: Hangul, symbols, private use).
fn utf16_cjk(bytes: &[u8]) -> Option<Decoded> {
    if !bytes.len().is_multiple_of(2) || bytes.len() < 4 {
        return None;
    }
    for enc in [UTF_16LE, UTF_16BE] {
        // Judge a sample first: most files fail here, without a full decode.
        let sample = &bytes[..bytes.len().min(SAMPLE)];
        let sample = &sample[..sample.len() - sample.len() % 2];
        let (text, errors) = decode_counting(enc, sample);
        if errors > 1 || !looks_cjk(&text) {
            continue;
        }
        let (text, errors) = decode_counting(enc, bytes);
        if errors > 0 || !looks_cjk(&text) {
            continue;
        }
        return Some(Decoded {
            text,
            encoding: enc.name(),
            replaced: 0,
        });
    }
    None
}

/// Mostly Han characters, the rest CJK punctuation, full-width forms or ASCII text.
fn looks_cjk(text: &str) -> bool {
    let (mut total, mut han, mut plausible) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        total += 1;
        if is_cjk(c) {
            han += 1;
            plausible += 1;
        } else if matches!(c as u32, 0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0x2000..=0x206F
                | 0x3000..=0x303F | 0xFF00..=0xFFEF)
        {
            plausible += 1;
        }
    }
    total > 0 && han * 2 >= total && plausible * 100 >= total * 97
}

/// Single-byte encodings chardetng may guess for text that is really something else.
fn is_single_byte(enc: &'static Encoding) -> bool {
    !(enc == GBK
        || enc == GB18030
        || enc == BIG5
        || enc == UTF_8
        || enc == encoding_rs::SHIFT_JIS
        || enc == encoding_rs::EUC_JP
        || enc == encoding_rs::EUC_KR
        || enc == encoding_rs::ISO_2022_JP
        || enc == UTF_16LE
        || enc == UTF_16BE)
}

struct Candidate {
    enc: &'static Encoding,
    text: String,
    errors: usize,
    chars: usize,
}

impl Candidate {
    fn new(enc: &'static Encoding, bytes: &[u8]) -> Candidate {
        let (text, errors) = decode_counting(enc, bytes);
        let chars = text.chars().count();
        Candidate {
            enc,
            text,
            errors,
            chars,
        }
    }
}

fn legacy(bytes: &[u8], hint: Option<&'static Encoding>) -> Result<Decoded, FormatError> {
    let normalise = |enc: &'static Encoding| if enc == GBK { GB18030 } else { enc };

    // UTF-8 with a few stray bytes: UTF-8 is so structured that other encodings almost never
    // produce valid multi-byte sequences, so mostly-valid UTF-8 is UTF-8.
    let utf8 = Candidate::new(UTF_8, bytes);
    let utf8_multibyte = utf8
        .text
        .chars()
        .filter(|&c| c > '\u{7F}' && c != '\u{FFFD}')
        .count();
    if !too_many_errors(utf8.errors, utf8.chars) && utf8_multibyte > utf8.errors {
        return Ok(accept(utf8));
    }

    // A declared charset, when it decodes acceptably.
    if let Some(declared) = hint.map(normalise)
        && declared != UTF_8
        && declared != UTF_16LE
        && declared != UTF_16BE
    {
        let c = Candidate::new(declared, bytes);
        if !too_many_errors(c.errors, c.chars) {
            return Ok(accept(c));
        }
    }

    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    // The start of a file is evidence enough, and chardetng is the slowest step.
    detector.feed(&bytes[..bytes.len().min(CHARDET_SAMPLE)], true);
    let guess = normalise(detector.guess(None, chardetng::Utf8Detection::Deny));

    let best = if guess == GB18030 || guess == BIG5 {
        Candidate::new(guess, bytes)
    } else {
        let gb = Candidate::new(GB18030, bytes);
        let high = bytes.iter().filter(|&&b| b >= 0x80).count();
        // A single-byte guess is believable for mostly-ASCII text with sparse accents, not
        // for text dense in high bytes (Chinese, or garbage).
        let guessed = if !is_single_byte(guess) || high * 10 < bytes.len() * 3 {
            Some(Candidate::new(guess, bytes))
        } else {
            None
        };
        match guessed {
            Some(g) if g.errors <= gb.errors => g,
            _ => {
                let big5 = Candidate::new(BIG5, bytes);
                if big5.errors < gb.errors { big5 } else { gb }
            }
        }
    };
    if too_many_errors(best.errors, best.chars) {
        return Err(FormatError::NotText {
            invalid: best.errors,
            total: best.chars,
        });
    }
    Ok(accept(best))
}

fn accept(c: Candidate) -> Decoded {
    Decoded {
        encoding: display_name(c.enc),
        text: c.text,
        replaced: c.errors,
    }
}

/// Looks for a declared charset in the first 1024 bytes of markup: `charset=…` (HTML meta)
/// or `encoding="…"` (XML declaration). GB2312 and GBK labels map to GB18030.
pub(crate) fn sniff_declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    for key in [&b"charset="[..], &b"encoding="[..]] {
        let mut from = 0;
        while let Some(pos) = find(&lower[from..], key) {
            let start = from + pos + key.len();
            let rest = &lower[start..];
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let end = rest
                .iter()
                .position(|b| !(b.is_ascii_alphanumeric() || b"-_:.".contains(b)))
                .unwrap_or(rest.len());
            if let Some(enc) = Encoding::for_label(&rest[..end]) {
                return Some(if enc == GBK { GB18030 } else { enc });
            }
            from = start;
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZH: &str =
        "中华人民共和国宪法规定，国家坚持社会主义民主。\n第一条　为了加强管理，制定本办法。\n";

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if big_endian {
                [0xFE, 0xFF]
            } else {
                [0xFF, 0xFE]
            });
        }
        for unit in text.encode_utf16() {
            out.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    }

    #[test]
    fn utf8_plain_and_bom() {
        let d = decode(ZH.as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding, d.replaced), (ZH, "UTF-8", 0));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(ZH.as_bytes());
        let d = decode(&bom).unwrap();
        assert_eq!(d.text, ZH);
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let mixed = "Report 2024: 中华人民共和国 and more ASCII text.\r\n第二行";
        for text in [ZH, mixed] {
            for be in [false, true] {
                for bom in [false, true] {
                    let d = decode(&utf16(text, be, bom)).unwrap_or_else(|e| {
                        panic!("be={be} bom={bom} text={text:?}: {e}");
                    });
                    assert_eq!(d.text, text, "be={be} bom={bom}");
                    assert_eq!(d.encoding, if be { "UTF-16BE" } else { "UTF-16LE" });
                    assert_eq!(d.replaced, 0);
                }
            }
        }
    }

    #[test]
    fn gb18030_and_its_bom() {
        let text = "朱镕基同志在会上讲话。欧元€和𠀀也能编码。\n";
        let (bytes, _, unmappable) = GB18030.encode(text);
        assert!(!unmappable);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.text, text);
        let mut with_bom = vec![0x84, 0x31, 0x95, 0x33];
        with_bom.extend(bytes.iter());
        let d = decode(&with_bom).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "GB18030");
    }

    #[test]
    fn big5_text() {
        let text =
            "中華民國憲法第一條：中華民國基於三民主義，為民有民治民享之民主共和國。\n".repeat(3);
        let (bytes, _, unmappable) = BIG5.encode(&text);
        assert!(!unmappable);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "Big5");
        assert_eq!(d.text, text);
    }

    #[test]
    fn binary_is_refused() {
        let elf = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00";
        let err = decode(elf).unwrap_err();
        assert!(matches!(err, FormatError::Binary { .. }), "{err}");
        assert!(err.to_string().contains("NUL bytes at offset 7"), "{err}");
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00";
        assert!(matches!(decode(png), Err(FormatError::Binary { .. })));
        let controls: Vec<u8> = (0..400u32).map(|i| (i % 8 + 1) as u8).collect();
        assert!(matches!(decode(&controls), Err(FormatError::Binary { .. })));
    }

    #[test]
    fn stray_bytes_are_replaced_and_counted() {
        let mut bytes = ZH.repeat(20).into_bytes();
        bytes.insert(30, 0xFF);
        bytes.push(0xFF);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.replaced, 2);
        assert!(d.text.contains("中华人民共和国"));
    }

    #[test]
    fn garbage_is_refused() {
        let garbage: Vec<u8> = (0..2000u32)
            .map(|i| [0x80, 0xFF, 0xFE, 0xFF][(i % 4) as usize])
            .collect();
        let err = decode(&garbage).unwrap_err();
        assert!(matches!(err, FormatError::NotText { .. }), "{err}");
        assert!(err.to_string().starts_with("the bytes are not valid UTF-8"));
    }

    #[test]
    fn empty_is_refused() {
        for bytes in [
            &b""[..],
            b"   \r\n\t ",
            b"\xEF\xBB\xBF",
            b"\xFF\xFE",
            b"\xEF\xBB\xBF  \n",
        ] {
            assert!(
                matches!(decode(bytes), Err(FormatError::Empty)),
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn declared_charset_is_found() {
        assert_eq!(
            sniff_declared_charset(b"<?xml version=\"1.0\" encoding=\"gb2312\" ?><rss>"),
            Some(GB18030)
        );
        assert_eq!(
            sniff_declared_charset(
                b"<meta http-equiv=Content-Type content=\"text/html; charset=BIG5\">"
            ),
            Some(BIG5)
        );
        assert_eq!(
            sniff_declared_charset(b"<html><p>charset=nonsense</p>"),
            None
        );
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for len in 0..300 {
            let bytes: Vec<u8> = (0..len * 7)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    (state >> 24) as u8
                })
                .collect();
            let _ = decode(&bytes);
        }
    }
}
