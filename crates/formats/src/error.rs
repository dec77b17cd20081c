//! Why a file could not be turned into text.
//!
//! Every message is shown to an operator in the import report, so it is a plain sentence
//! that says what is wrong and, where there is something to do, what to do. Messages never
//! quote the file's contents.

/// A file this crate refuses to turn into text.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// No bytes, or only blank space (or only a byte-order mark), or a document without text.
    #[error("the file has no text: it is empty or holds only blank space")]
    Empty,

    /// NUL bytes or many control bytes: an image, program, archive or the like.
    #[error(
        "this looks like a binary file, not text ({detail}); import only .txt, .docx, .md or .html files"
    )]
    Binary {
        /// Where the evidence is, e.g. "NUL bytes at offset 12".
        detail: String,
    },

    /// No supported encoding decodes the bytes without many errors.
    #[error(
        "the bytes are not valid UTF-8, UTF-16, GB18030 or Big5 text ({invalid} of {total} characters could not be decoded); save the file as UTF-8 and import it again"
    )]
    NotText {
        /// Invalid byte sequences under the best candidate encoding.
        invalid: usize,
        /// Characters decoded under that encoding.
        total: usize,
    },

    /// The file is not a zip archive, or a truncated or corrupt one.
    #[error(
        "the .docx is damaged: it is not a complete zip archive ({detail}); open it in Word, save it again and re-import it"
    )]
    DamagedZip {
        /// What the zip reader reported (never file contents).
        detail: String,
    },

    /// A part of the .docx is not well-formed XML.
    #[error(
        "the .docx is damaged: {part} is not well-formed XML (near byte {position}); open it in Word, save it again and re-import it"
    )]
    DamagedXml {
        /// The part's name inside the archive, e.g. "word/document.xml".
        part: &'static str,
        /// Byte offset of the error inside that part.
        position: u64,
    },

    /// Declared or actual inflated sizes are beyond [`crate::Limits`].
    #[error("the .docx {detail}: refused as a possible zip bomb")]
    ZipBomb {
        /// e.g. "would inflate to more than 256 MiB (declared 300000000 bytes)".
        detail: String,
    },

    /// A zip archive without the main document part.
    #[error(
        "the .docx has no word/document.xml: is it really a Word file? (a renamed .doc, .xlsx or .pptx will not work; save it as .docx from Word)"
    )]
    NotWord,

    /// An old binary .doc or a password-protected Word file (both are OLE compound files).
    #[error(
        "this is an old .doc or a password-protected Word file, not a .docx: save it from Word as .docx without a password and import it again"
    )]
    LegacyOrEncrypted,

    /// Zip entries are encrypted.
    #[error(
        "the .docx is encrypted with a password: save it from Word without a password and import it again"
    )]
    Encrypted,

    /// A reader for this format failed in an unexpected way (a bug in sucai, not in the file).
    #[error(
        "the {format} reader failed unexpectedly on this file (a bug in sucai); please report it together with the file"
    )]
    Internal {
        /// Format name, as [`crate::Format::name`].
        format: &'static str,
    },
}
